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

    /// The district of the link's token, with the token.
    func district(_ context: BasicRequestContext) -> (District, String)? {
        guard let token = context.parameters.get("token"), let d = round.district(token: token) else { return nil }
        return (d, token)
    }

    func submission(_ context: BasicRequestContext, of d: District?) async throws -> Submission? {
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { return nil }
        return try await round.submission(id, of: d)
    }

    func feedback(_ s: Submission) async throws -> Response {
        let base = (s.originalName as NSString).deletingPathExtension
        return Reply.download(try await round.feedback(for: s), name: "\(base)-审核反馈.xlsx", type: Desk.xlsxType)
    }

    func diff(_ a: Submission, _ b: Submission, back: String) async throws -> Response {
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
    func crossSite(_ request: Request) -> String? {
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

    enum UploadProblem: Error {
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
    func receiving(_ request: Request, _ handle: @Sendable (Result<UploadedFile, UploadProblem>) async throws -> Response) async throws -> Response {
        try await uploads.run { try await handle(try await self.upload(request)) }
    }

    /// The uploaded file, read up to the limit (with room for the form's own bytes).
    /// - Throws: what reading the body throws other than its being too large (a dropped connection).
    func upload(_ request: Request) async throws -> Result<UploadedFile, UploadProblem> {
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

    func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    func officeSession(_ request: Request) async -> String? {
        guard let id = request.cookies[Desk.officeCookie]?.value, !id.isEmpty, await office.isSignedIn(id) else { return nil }
        return id
    }

    /// The office signed in, or a program with the office's API token (compared in constant time).
    func isOffice(_ request: Request) async -> Bool {
        if await officeSession(request) != nil { return true }
        return bearer(request).map { Secrets.equal($0, apiToken) } ?? false
    }

    /// `http://host:port` as the browser reached the desk, for the links shown to the office.
    func origin(_ request: Request) -> String {
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
