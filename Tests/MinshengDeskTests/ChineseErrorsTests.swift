import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MinshengDesk

/// The middleware that answers every error in Chinese keeps what the error itself says in its headers.
@Suite struct ChineseErrorsTests {
    @Test("an error's own headers survive its Chinese page and JSON; its status is kept")
    func headersKept() async throws {
        let router = Router()
        router.add(middleware: ChineseErrors())
        router.get("/page") { _, _ -> String in throw HTTPError(.tooManyRequests, headers: [.retryAfter: "60"]) }
        router.get("/api/thing") { _, _ -> String in throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"]) }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/page", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "60")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("出错了"))
            }
            try await client.execute(uri: "/api/thing", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("没有这个页面"))
            }
        }
    }
}
