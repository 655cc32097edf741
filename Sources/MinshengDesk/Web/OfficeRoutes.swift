import Foundation
import HTTPTypes
import Hummingbird
import MinshengKit
import NIOCore

/// The office's pages (`/office/…`), behind its password and session.
extension Desk {
    func officeRoutes(_ router: Router<BasicRequestContext>) {
        let round = self.round
        router.get("/office/login") { _, _ in Reply.html(OfficePages.login(failed: false)) }
        router.post("/office/login") { request, _ in
            if let refused = self.crossSite(request) { return Reply.html(DistrictPages.message("登录被拒绝", refused, back: "/office/login"), status: .forbidden) }
            var request = request
            let form = (try? await request.collectBody(upTo: 64 << 10)).map { Desk.formFields($0) } ?? [:]
            let session: String
            switch await self.office.signIn(form["password"] ?? "") {
            case .signedIn(let id): session = id
            case .wrongPassword: return Reply.html(OfficePages.login(failed: true), status: .unauthorized)
            case .tooMany(let seconds):
                var reply = Reply.html(DistrictPages.message("暂停登录", "密码错误次数过多，请 \(seconds) 秒后再试。", back: "/office/login"), status: .tooManyRequests)
                reply.headers[.retryAfter] = String(seconds)
                return reply
            }
            var response = Reply.redirect("/office")
            response.setCookie(Cookie(name: Desk.officeCookie, value: session, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("/office/logout") { request, _ in
            guard let session = await self.officeSession(request) else { return Reply.redirect("/office/login") }
            var request = request
            let form = (try? await request.collectBody(upTo: 64 << 10)).map { Desk.formFields($0) } ?? [:]
            guard self.crossSite(request) == nil, let sent = form["csrf"], Secrets.equal(sent, self.formToken("office:" + session)) else {
                return Reply.html(DistrictPages.message("退出失败", "页面已过期，请刷新后重试。", back: "/office"), status: .forbidden)
            }
            await self.office.signOut(session)
            var response = Reply.redirect("/office/login")
            response.setCookie(Cookie(name: Desk.officeCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("/office") { request, _ in
            guard let session = await self.officeSession(request) else { return Reply.redirect("/office/login") }
            let summary = try await round.summary()
            return Reply.html(OfficePages.dashboard(
                round: round, summary: summary, formToken: self.formToken("office:" + session), apiToken: self.apiToken, origin: self.origin(request)))
        }
        router.get("/office/s/:id") { request, context in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            guard let s = try await self.submission(context, of: nil) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            let record = try await round.summary().outcomes[s.id]
            return Reply.html(DistrictPages.submission(s, base: "/office/s/\(s.id)", back: "/office", record: record))
        }
        router.get("/office/s/:id/feedback") { request, context in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            guard let s = try await self.submission(context, of: nil) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            return try await self.feedback(s)
        }
        router.get("/office/s/:id/file") { request, context in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            guard let s = try await self.submission(context, of: nil) else { return Reply.html(DistrictPages.notFound(), status: .notFound) }
            return Reply.download(try await round.bytes(of: s), name: s.originalName, type: "application/octet-stream")
        }
        router.get("/office/templates/:district") { request, context in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            guard let d = context.parameters.get("district").flatMap({ round.district(id: $0) }) else {
                return Reply.html(DistrictPages.notFound(), status: .notFound)
            }
            return Reply.download(try await round.template(for: d), name: TemplateWriter.fileName(d, round.period), type: Desk.xlsxType)
        }
        router.get("/office/templates.zip") { request, _ in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            return Reply.download(try await round.allTemplates(), name: "填报模板-\(round.period).zip", type: "application/zip")
        }
        router.get("/office/summary.xlsx") { request, _ in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            return Reply.download(try await round.summaryWorkbook(), name: "汇总-\(round.period).xlsx", type: Desk.xlsxType)
        }
        router.get("/office/sites.geojson") { request, _ in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            return Reply.download(Array(ConsolidationExport.geoJSON(try await round.summary().consolidation).utf8), name: "民生地图-\(round.period).geojson", type: "application/geo+json")
        }
    }
}
