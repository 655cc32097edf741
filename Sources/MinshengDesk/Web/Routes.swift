import Foundation
import HTTPTypes
import Hummingbird
import MinshengKit
import NIOCore

/// Every page and API endpoint of the desk (Docs/server.md lists them).
extension Desk {
    static let officeCookie = "minsheng_office"
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ChineseErrors())
        router.get("/static/desk.css") { _, _ in Reply.text(HTML.css, type: "text/css; charset=utf-8") }
        router.get("/static/desk.js") { _, _ in Reply.text(HTML.script, type: "text/javascript; charset=utf-8") }
        router.get("/") { _, _ in
            Reply.html(HTML.page(title: "民生实事报送", body: "<p>各地区请使用市里发给本地区的报送链接。</p><p><a href=\"/office\">市民生实事办公室登录</a></p>"))
        }
        districtRoutes(router)
        officeRoutes(router)
        apiRoutes(router)
        return router
    }

    // MARK: District pages

    private func districtRoutes(_ router: Router<BasicRequestContext>) {
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

    // MARK: Office pages

    private func officeRoutes(_ router: Router<BasicRequestContext>) {
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
                return Reply.html(DistrictPages.message("暂停登录", "密码错误次数过多，请 \(seconds) 秒后再试。", back: "/office/login"), status: .tooManyRequests)
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
        router.get("/office/summary.xlsx") { request, _ in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            return Reply.download(try await round.summaryWorkbook(), name: "汇总-\(round.period).xlsx", type: Desk.xlsxType)
        }
        router.get("/office/sites.geojson") { request, _ in
            guard await self.officeSession(request) != nil else { return Reply.redirect("/office/login") }
            return Reply.download(Array(ConsolidationExport.geoJSON(try await round.summary().consolidation).utf8), name: "民生地图-\(round.period).geojson", type: "application/geo+json")
        }
    }

    // MARK: JSON API

    private func apiRoutes(_ router: Router<BasicRequestContext>) {
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

    // MARK: Helpers

    /// The district of the link's token, with the token.
    private func district(_ context: BasicRequestContext) -> (District, String)? {
        guard let token = context.parameters.get("token"), let d = round.district(token: token) else { return nil }
        return (d, token)
    }

    private func submission(_ context: BasicRequestContext, of d: District?) async throws -> Submission? {
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { return nil }
        return try await round.submission(id, of: d)
    }

    private func feedback(_ s: Submission) async throws -> Response {
        let base = (s.originalName as NSString).deletingPathExtension
        return Reply.download(try await round.feedback(for: s), name: "\(base)-审核反馈.xlsx", type: Desk.xlsxType)
    }

    private func diff(_ a: Submission, _ b: Submission, back: String) async throws -> Response {
        do {
            let (text, equal) = try await round.diff(a, b)
            return Reply.html(DistrictPages.diff(a, b, text: text, equal: equal, back: back))
        } catch {
            return Reply.html(DistrictPages.message("无法比较", "两份报表中有无法读取的文件：\(Consolidator.unreadableReason(a.originalName, error))", back: back), status: .unprocessableContent)
        }
    }

    func formToken(_ subject: String) -> String { Secrets.formToken(secret: secret, subject: subject) }

    /// Why a form post is refused as coming from another site, or nil: the browser's `Sec-Fetch-Site`, and
    /// `Origin` against `Host`.
    private func crossSite(_ request: Request) -> String? {
        if let site = request.headers[.init("Sec-Fetch-Site")!], site == "cross-site" { return "不接受从其他网站提交的表单。" }
        if let origin = request.headers[.origin], origin != "null" {
            // The browser's own origin must be the desk's: as it reached it (Host), or its public address.
            let host = request.headers[.init("Host")!] ?? request.head.authority
            let url = URL(string: origin)
            let authority = url?.host.map { h in h + (url?.port.map { ":\($0)" } ?? "") }
            let sameHost = authority != nil && authority == host
            let sameAsPublic = configuration.publicURL.map { Desk.sameOrigin(origin, $0) } ?? false
            if !sameHost && !sameAsPublic { return "不接受从其他网站提交的表单。" }
        }
        return nil
    }

    private enum UploadProblem: Error {
        case tooLarge(Int), noFile, malformed

        var message: String {
            switch self {
            case .tooLarge(let limit): return "文件超过上传上限（\(limit >> 20) MB），未保存。请确认所选文件是本地区的报表。"
            case .noFile: return "没有收到文件，请选择报表后再上传。"
            case .malformed: return "上传的内容无法识别，请重新上传。"
            }
        }

        var status: HTTPResponse.Status {
            switch self {
            case .tooLarge: return .contentTooLarge
            case .noFile, .malformed: return .badRequest
            }
        }
    }

    /// The uploaded file, read up to the limit (with room for the form's own bytes), and what is done with
    /// it, a few uploads at a time (`UploadGate`).
    private func receiving(_ request: Request, _ handle: @Sendable (Result<UploadedFile, UploadProblem>) async throws -> Response) async throws -> Response {
        try await uploads.run { try await handle(try await self.upload(request)) }
    }

    /// The uploaded file, read up to the limit (with room for the form's own bytes).
    /// - Throws: what reading the body throws other than its being too large (a dropped connection).
    private func upload(_ request: Request) async throws -> Result<UploadedFile, UploadProblem> {
        let limit = configuration.maxUpload
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit + 64 << 10 { return .failure(.tooLarge(limit)) }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit + 64 << 10)
        } catch is NIOTooManyBytesError {
            return .failure(.tooLarge(limit))
        }
        do {
            let file = try UploadedFile.parse(body: body, contentType: request.headers[.contentType], fileNameHeader: request.headers[.init("X-File-Name")!])
            return file.bytes.count > limit ? .failure(.tooLarge(limit)) : .success(file)
        } catch UploadedFile.Problem.noFile {
            return .failure(.noFile)
        } catch {
            return .failure(.malformed)
        }
    }

    private func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    private func officeSession(_ request: Request) async -> String? {
        guard let id = request.cookies[Desk.officeCookie]?.value, !id.isEmpty, await office.isSignedIn(id) else { return nil }
        return id
    }

    /// The office signed in, or a program with the office's API token (compared in constant time).
    private func isOffice(_ request: Request) async -> Bool {
        if await officeSession(request) != nil { return true }
        return bearer(request).map { Secrets.equal($0, apiToken) } ?? false
    }

    /// `http://host:port` as the browser reached the desk, for the links shown to the office.
    private func origin(_ request: Request) -> String {
        if let url = configuration.publicURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        return "http://" + (request.headers[.init("Host")!] ?? request.head.authority ?? "\(configuration.host):\(configuration.port)")
    }

    /// Whether two URLs have the same scheme, host and port (the port a scheme implies when none is written).
    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> (String, String, Int)? {
            guard let u = URL(string: s), let scheme = u.scheme?.lowercased(), let host = u.host?.lowercased() else { return nil }
            return (scheme, host, u.port ?? (scheme == "https" ? 443 : 80))
        }
        guard let x = parts(a), let y = parts(b) else { return false }
        return x == y
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formFields(_ body: ByteBuffer) -> [String: String] {
        var out: [String: String] = [:]
        for pair in String(decoding: body.readableBytesView, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if kv.count == 2 { out[kv[0]] = kv[1] }
        }
        return out
    }
}
