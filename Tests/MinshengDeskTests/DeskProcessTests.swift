import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
import TestSupport

/// `minsheng-server` as a process: killed mid-upload and restarted, and under many uploads at once.
@Suite(.serialized, .timeLimit(.minutes(5))) struct DeskProcessTests {
    /// The sample round's returns, with the district each belongs to.
    static func returns() throws -> [(district: String, name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: DeskSamples.round.path).filter { $0.hasSuffix(".xlsx") }.sorted()
        return try names.map { name in
            let short = name.replacingOccurrences(of: "民生实事填报_", with: "").components(separatedBy: "_")[0]
            let district = short == "经开区" ? "嘉兴经济技术开发区（国际商务区）" : short
            return (district, name, try DeskSamples.bytes(DeskSamples.round.appendingPathComponent(name).path))
        }
    }

    @Test("kill -9 during uploads loses nothing acknowledged; the desk restarts on the same data", .requires(.program("python3")))
    func killDuringUploads() async throws {
        let dir = try makeTemporaryDirectory()
        let data = dir.appendingPathComponent("data").path
        let server = try DeskProcess(data: data)
        let client = DeskProcess.client()
        let returns = try Self.returns()
        let acknowledged = Ledger()
        // Eight clients upload without pause; the server is killed once 40 uploads are acknowledged.
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    var k = lane
                    while true {
                        let r = returns[k % returns.count]
                        k += 8
                        guard let result = try? await server.upload(client, r.bytes, name: r.name, district: r.district) else { return }
                        if result.status == 200, let id = result.id { acknowledged.add((id, r.district, r.name)) }
                    }
                }
            }
            while acknowledged.entries.count < 40 { try? await Task.sleep(for: .milliseconds(5)) }
            server.kill9()
        }
        let acked = acknowledged.entries
        #expect(acked.count >= 40)
        // The database is whole, and every acknowledged submission is there with its file byte for byte.
        let check = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA integrity_check').fetchone()[0], c.execute('SELECT COUNT(*) FROM submission').fetchone()[0])"
        let integrity = try runProcess("python3", ["-c", check, data + "/desk.sqlite"]).stdout.split(separator: " ")
        #expect(integrity.first == "ok")
        #expect((Int(integrity.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0) >= acked.count)
        let again = try DeskProcess(data: data)
        defer { again.stop() }
        #expect(again.tokens == server.tokens, "the links stay the same")
        for a in acked {
            let file = try await again.get(client, "/d/\(again.tokens[a.district]!)/s/\(a.id)/file")
            #expect(file.status == 200 && file.body == returns.first { $0.name == a.name }!.bytes, "#\(a.id)")
        }
        // The round goes on after the restart.
        let r = returns[0]
        #expect(try await again.upload(client, r.bytes, name: r.name, district: r.district).status == 200)
        try await client.shutdown()
    }

    @Test("200 uploads at once: every one acknowledged, stored and counted")
    func manyAtOnce() async throws {
        let dir = try makeTemporaryDirectory()
        let server = try DeskProcess(data: dir.appendingPathComponent("data").path)
        defer { server.stop() }
        let client = DeskProcess.client()
        let returns = try Self.returns()
        let results = try await withThrowingTaskGroup(of: (UInt, Int64?, Double).self) { group in
            for k in 0..<200 {
                let r = returns[k % returns.count]
                group.addTask { try await server.upload(client, r.bytes, name: r.name, district: r.district) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 200 && results.allSatisfy { $0.0 == 200 && $0.1 != nil })
        #expect(Set(results.compactMap(\.1)).count == 200)
        let summary = try await server.get(client, "/api/summary", bearer: server.apiToken)
        let json = try JSONSerialization.jsonObject(with: Data(summary.body)) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 200)
        #expect(Set(files.compactMap { $0["outcome"] as? String }) == ["已采用", "已被后报的表替代"])
        #expect(files.filter { $0["outcome"] as? String == "已采用" }.count == Set(returns.map(\.district)).count)
        let times = results.map(\.2).sorted()
        print("200 uploads at once: p50 \(Int(times[99] * 1000)) ms, p99 \(Int(times[197] * 1000)) ms")
        try await client.shutdown()
    }
}

/// The uploads the server acknowledged, from every client task.
final class Ledger: Sendable {
    private let list = Mutex<[(id: Int64, district: String, name: String)]>([])

    func add(_ entry: (id: Int64, district: String, name: String)) { list.withLock { $0.append(entry) } }

    var entries: [(id: Int64, district: String, name: String)] { list.withLock { $0 } }
}
