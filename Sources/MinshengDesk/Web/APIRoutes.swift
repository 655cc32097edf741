import Foundation
import HTTPTypes
import Hummingbird
import MinshengKit
import NIOCore

/// The JSON API (`/api/…`): a district's token or the office's API token as a bearer token.
extension Desk {
    func apiRoutes(_ router: Router<BasicRequestContext>) {
        let round = self.round
        router.post("/api/returns") { request, _ in
            guard let d = self.bearer(request).flatMap({ round.district(token: $0) }) else {
                return Reply.jsonError("缺少或无效的地区报送令牌（Authorization: Bearer 令牌）", status: .unauthorized)
            }
            return try await self.receiving(request) { received in
                switch received {
                case .failure(let problem): return Reply.jsonError(problem.message, status: problem.status)
                case .success(let file):
                    let s = try await round.receive(file.bytes, name: file.name, from: d, via: "api")
                    var response = Reply.json(s.findingsJSON)
                    response.headers[.init("X-Minsheng-Submission")!] = "\(s.id)"
                    response.headers[.init("X-Minsheng-Verdict")!] = Reply.percent(s.verdict.rawValue)
                    return response
                }
            }
        }
        router.get("/api/returns") { request, _ in
            guard let d = self.bearer(request).flatMap({ round.district(token: $0) }) else {
                return Reply.jsonError("缺少或无效的地区报送令牌（Authorization: Bearer 令牌）", status: .unauthorized)
            }
            return Reply.json(DeskJSON.submissions(try await round.submissions(of: d)))
        }
        router.get("/api/summary") { request, _ in
            guard await self.isOffice(request) else { return Reply.jsonError("须以市民生实事办公室身份访问（登录，或 Authorization: Bearer 接口令牌）", status: .unauthorized) }
            return Reply.json(ConsolidationExport.json(try await round.summary().consolidation))
        }
        router.get("/api/summary.xlsx") { request, _ in
            guard await self.isOffice(request) else { return Reply.jsonError("须以市民生实事办公室身份访问（登录，或 Authorization: Bearer 接口令牌）", status: .unauthorized) }
            return Reply.download(try await round.summaryWorkbook(), name: "汇总-\(round.period).xlsx", type: Desk.xlsxType)
        }
        router.get("/api/sites.geojson") { request, _ in
            guard await self.isOffice(request) else { return Reply.jsonError("须以市民生实事办公室身份访问（登录，或 Authorization: Bearer 接口令牌）", status: .unauthorized) }
            return Reply.json(ConsolidationExport.geoJSON(try await round.summary().consolidation))
        }
    }
}
