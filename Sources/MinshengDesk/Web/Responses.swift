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
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "file"
        h[.contentDisposition] = "attachment; filename=\"download\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func redirect(_ location: String) -> Response {
        var h = headers("text/plain; charset=utf-8")
        h[.location] = location
        return Response(status: .seeOther, headers: h)
    }
}
