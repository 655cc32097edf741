import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport

/// `minsheng-server` run as its own process on loopback, as an office runs it.
final class DeskProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// District name → link token, as printed at start.
    let tokens: [String: String]
    /// The office's API token, as printed at start.
    let apiToken: String
    let output: Pipe

    static let password = "办公室口令-2021"

    /// The `minsheng-server` executable built beside the tests.
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = dir.appendingPathComponent("minsheng-server").path
        return FileManager.default.fileExists(atPath: binary) ? binary : dir.deletingLastPathComponent().appendingPathComponent("minsheng-server").path
    }

    /// Starts the desk on a free port and waits for the links it prints.
    init(data: String, extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: DeskProcess.binary)
        process.arguments = ["--plan", DeskSamples.plan, "--period", "2021-06", "--data", data, "--port", "0"] + extra
        var env = ProcessInfo.processInfo.environment
        env["MINSHENG_OFFICE_PASSWORD"] = DeskProcess.password
        process.environment = env
        output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        var text = ""
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("正在监听"), Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("正在监听") }),
              let port = Int(line.split(separator: ":").last ?? "") else {
            process.terminate()
            throw DeskProcessError(message: "the server did not start: \(text)")
        }
        self.port = port
        var tokens: [String: String] = [:]
        for l in text.split(separator: "\n") where l.contains("/d/") {
            let parts = l.trimmingCharacters(in: .whitespaces).components(separatedBy: "：")
            if parts.count == 2, let r = parts[1].range(of: "/d/") { tokens[parts[0]] = String(parts[1][r.upperBound...]) }
        }
        self.tokens = tokens
        apiToken = text.split(separator: "\n").first { $0.hasPrefix("办公室数据接口令牌") }.map { String($0.split(separator: "：").last ?? "") } ?? ""
    }

    var origin: String { "http://127.0.0.1:\(port)" }

    /// Ends the process at once, as a crash or `kill -9` would.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A client with room for many connections at once.
    static func client(connections: Int = 256) -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Uploads a file as a district through the API: the status, the submission id and the time taken.
    func upload(_ client: HTTPClient, _ bytes: [UInt8], name: String, district: String) async throws -> (status: UInt, id: Int64?, seconds: Double) {
        var request = HTTPClientRequest(url: origin + "/api/returns")
        request.method = .POST
        let boundary = "minshengLoad\(UInt32.random(in: 0 ... .max))"
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.headers.add(name: "Authorization", value: "Bearer \(tokens[district] ?? "")")
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        request.body = .bytes(body)
        let start = Date()
        let response = try await client.execute(request, timeout: .seconds(120))
        _ = try await response.body.collect(upTo: 16 << 20)
        return (response.status.code, response.headers.first(name: "X-Minsheng-Submission").flatMap { Int64($0) }, Date().timeIntervalSince(start))
    }

    func get(_ client: HTTPClient, _ path: String, bearer: String? = nil) async throws -> (status: UInt, body: [UInt8]) {
        var request = HTTPClientRequest(url: origin + path)
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        let response = try await client.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (response.status.code, Array(body.readableBytesView))
    }
}

struct DeskProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
