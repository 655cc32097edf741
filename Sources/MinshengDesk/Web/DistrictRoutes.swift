import Foundation
import HTTPTypes
import Hummingbird
import MinshengKit
import NIOCore

/// The pages of a district's own link (`/d/<token>/…`): what a district may see is its own submissions only.
extension Desk {
    func districtRoutes(_ router: Router<BasicRequestContext>) {
        let round = self.round
        router.get("/d/:token") { _, context in
            guard let (d, token) = self.district(context) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            let summary = try await round.summary()
            let own = summary.submissions.filter { $0.districtID == d.id }
            return Reply.html(DistrictPages.home(round: round, district: d, token: token, formToken: self.formToken("district:" + token), submissions: own, outcomes: summary.outcomes))
        }
        router.get("/d/:token/template") { _, context in
            guard let (d, _) = self.district(context) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            return Reply.download(try await round.template(for: d), name: TemplateWriter.fileName(d, round.period), type: Desk.xlsxType)
        }
        router.post("/d/:token/upload") { request, context in
            guard let (d, token) = self.district(context) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            let back = "/d/\(token)"
            if let refused = self.crossSite(request) { return Reply.html(DistrictPages.message("上传被拒绝", refused, back: back), status: .forbidden) }
            return try await self.receiving(request) { received in
                let file: UploadedFile
                switch received {
                case .success(let f): file = f
                case .failure(let problem): return Reply.html(DistrictPages.message("上传失败", problem.message, back: back), status: problem.status)
                }
                guard let sent = file.fields["csrf"], Secrets.equal(sent, self.formToken("district:" + token)) else {
                    return Reply.html(DistrictPages.message("上传被拒绝", "页面已过期，请刷新本页后重新上传。", back: back), status: .forbidden)
                }
                let s = try await round.receive(file.bytes, name: file.name, from: d, via: "page")
                return Reply.redirect("/d/\(token)/s/\(s.id)")
            }
        }
        router.get("/d/:token/s/:id") { _, context in
            guard let (d, token) = self.district(context), let s = try await self.submission(context, of: d) else {
                return Reply.html(DistrictPages.notFound(), status: .notFound)
            }
            let record = try await round.summary().outcomes[s.id]
            return Reply.html(DistrictPages.submission(s, base: "/d/\(token)/s/\(s.id)", back: "/d/\(token)", record: record))
        }
        router.get("/d/:token/s/:id/feedback") { _, context in
            guard let (d, _) = self.district(context), let s = try await self.submission(context, of: d) else {
                return Reply.html(DistrictPages.notFound(), status: .notFound)
            }
            return try await self.feedback(s)
        }
        router.get("/d/:token/s/:id/file") { _, context in
            guard let (d, _) = self.district(context), let s = try await self.submission(context, of: d) else {
                return Reply.html(DistrictPages.notFound(), status: .notFound)
            }
            return Reply.download(try await round.bytes(of: s), name: s.originalName, type: "application/octet-stream")
        }
        router.get("/d/:token/diff") { request, context in
            guard let (d, token) = self.district(context) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            let q = request.uri.queryParameters
            guard let a = q.get("a").flatMap({ Int64($0) }), let b = q.get("b").flatMap({ Int64($0) }),
                  let sa = try await round.submission(a, of: d), let sb = try await round.submission(b, of: d) else {
                return Reply.html(DistrictPages.message("无法比较", "请从本地区的报送记录中选两次报送。", back: "/d/\(token)"), status: .badRequest)
            }
            return try await self.diff(sa, sb, back: "/d/\(token)")
        }
    }
}
