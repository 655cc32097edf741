import Foundation
import HTTPTypes
import Hummingbird

/// Responses with the desk's headers: no caching of pages that carry a link token, no referrer (a district's
/// link must not leak to another site), and a content policy that allows only the desk's own files.
enum Reply {
    static let policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func headers(_ type: String) -> HTTPFields {
        [
            .contentType: type, .cacheControl: "no-store", .init("Referrer-Policy")!: "no-referrer",
            .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: policy,
            .init("X-Frame-Options")!: "DENY",
        ]
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers("text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers("application/json; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON error: `{"error": "…"}` in Chinese.
    static func jsonError(_ message: String, status: HTTPResponse.Status) -> Response {
        struct Body: Encodable { var error: String }
        let data = (try? JSONEncoder().encode(Body(error: message))) ?? Data("{}".utf8)
        return json(String(decoding: data, as: UTF8.self), status: status)
    }

    static func text(_ text: String, type: String) -> Response {
        var h = headers(type)
        h[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file to save, under its Chinese name (RFC 6266 `filename*`).
    static func download(_ bytes: [UInt8], name: String, type: String) -> Response {
        var h = headers(type)
        // RFC 6266: an ASCII name for old clients (the extension kept), the real one percent-encoded as UTF-8.
        let ext = (name as NSString).pathExtension.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        h[.contentDisposition] = "attachment; filename=\"download\(ext.isEmpty ? "" : "." + ext)\"; filename*=UTF-8''\(percent(name))"
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Characters that pass unencoded in a header's percent-encoding (RFC 3986 unreserved, ASCII only).
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Text percent-encoded as UTF-8, ASCII only: for header values and URL path components.
    static func percent(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }

    static func redirect(_ location: String) -> Response {
        var h = headers("text/plain; charset=utf-8")
        h[.location] = location
        return Response(status: .seeOther, headers: h)
    }
}
