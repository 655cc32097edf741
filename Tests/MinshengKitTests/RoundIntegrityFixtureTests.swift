import Foundation
import Testing
import TestSupport
@testable import MinshengKit

/// The committed integrity round (`Fixtures/make_integrity_round.py`): July 2021 returns filled by
/// openpyxl, and the same returns re-saved by LibreOffice, with every kind of file a round folder gets.
/// `round-integrity-expected.json` was written from the generator's own spec, not from minsheng's
/// output; every file, every task × district figure and every 全市 figure is compared with it exactly.
private let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/MinshengKitTests/Fixtures")
private let folders = ["round-integrity", "round-integrity-openpyxl"]

/// The expectations, as JSON objects: they say null where the value must be absent.
nonisolated(unsafe) private let expected: [String: Any] = {
    let data = try! Data(contentsOf: fixtures.appendingPathComponent("round-integrity-expected.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

private let plan = try! PlanReader().read(path: TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan

/// Each folder consolidated once for the whole suite.
private let consolidations: [String: Consolidation] = {
    var out: [String: Consolidation] = [:]
    for folder in folders {
        let path = fixtures.appendingPathComponent(folder).path
        out[folder] = Consolidator(plan: plan, period: Period(year: 2021, month: 7), generatedAt: "2021-08-06T09:00:00Z")
            .run(files: try! Consolidator.expand([path]))
    }
    return out
}()

private let outcomes: [String: ReturnRecord.Outcome] = [
    "used": .used, "superseded": .superseded, "otherPeriod": .otherPeriod, "unattributable": .unattributable,
    "unreadable": .unreadable, "skipped": .skipped,
]

private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// A figure given as "27.5", or as {"sum": "530", "count": 7} for a mean (divided as Decimal, like the sum it checks).
private func figure(_ value: Any?) -> Decimal? {
    switch value {
    case let text as String: return decimal(text)
    case let mean as [String: Any]: return decimal(mean["sum"] as! String) / Decimal(mean["count"] as! Int)
    default: return nil
    }
}

/// `CODE@task`, `CODE@-` for a finding without a task.
private func key(_ f: Finding) -> String { "\(f.code.rawValue)@\(f.task ?? "-")" }

private func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

@Suite struct RoundIntegrityFixtureTests {
    @Test("every file handed in has its one expected outcome, and says who sent it", arguments: folders)
    func files(_ folder: String) throws {
        let c = try #require(consolidations[folder])
        let files = expected["files"] as! [String: [String: Any]]
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)
        #expect(onDisk.sorted() == files.keys.sorted(), "the folder holds exactly the files of the spec")
        #expect(c.records.map { name($0.file) }.sorted() == files.keys.sorted(), "one record per file")
        #expect(c.outcomeCounts.values.reduce(0, +) == onDisk.count)
        var counts: [ReturnRecord.Outcome: Int] = [:]
        for e in files.values { counts[outcomes[e["outcome"] as! String]!, default: 0] += 1 }
        #expect(c.outcomeCounts == counts)

        for (file, e) in files.sorted(by: { $0.key < $1.key }) {
            let record = try #require(c.records.first { name($0.file) == file }, "\(file)")
            let findings = c.findings.filter { $0.file.map(name) == file }
            #expect(record.outcome == outcomes[e["outcome"] as! String], "\(folder)/\(file): outcome \(record.outcome.rawValue); \(record.reason ?? "")")
            #expect(record.district?.id == e["district"] as? String, "\(folder)/\(file): district")
            #expect(record.namedDistrict?.id == e["namedDistrict"] as? String, "\(folder)/\(file): district of the name")
            if e.keys.contains("date") { #expect(record.date == e["date"] as? String, "\(folder)/\(file): 填报日期") }
            if e.keys.contains("filler") { #expect(record.filler == e["filler"] as? String, "\(folder)/\(file): 填报人") }
            if let n = e["leftOut"] as? Int { #expect(record.leftOut == n, "\(folder)/\(file): figures left out") }
            if let errors = e["errors"] as? [String] {
                // Exactly these errors: a clean return has none, a bad one only the bad rows' (and its header's).
                let got = findings.filter { $0.severity == .error }.map(key).sorted()
                #expect(got == errors.sorted(), "\(folder)/\(file): errors")
            }
            for w in e["warningsInclude"] as? [String] ?? [] {
                #expect(findings.contains { $0.severity == .warning && key($0) == w }, "\(folder)/\(file): warning \(w)")
            }
            for code in e["errorsInclude"] as? [String] ?? [] {
                #expect(findings.contains { $0.severity == .error && $0.code.rawValue == code }, "\(folder)/\(file): error \(code)")
            }
            if let exact = e["findings"] as? [String] {
                #expect(findings.map(\.code.rawValue).sorted() == exact.sorted(), "\(folder)/\(file): findings \(findings.map(key))")
            }
            if [.unreadable, .unattributable, .skipped].contains(record.outcome) {
                #expect(record.reason?.unicodeScalars.contains { $0.value >= 0x4E00 } == true, "\(folder)/\(file): a reason in Chinese")
            }
        }
    }

    @Test("the districts reported, missing, unreadable, unattributed and with figures left out", arguments: folders)
    func districts(_ folder: String) throws {
        let c = try #require(consolidations[folder])
        let e = expected["districts"] as! [String: [String]]
        #expect(c.reportedDistricts.map(\.id) == e["reported"]!, "\(folder)")
        #expect(c.missingDistricts.map(\.id) == e["missing"]!, "\(folder)")
        #expect(c.unreadableDistricts.map(\.id) == e["unreadable"]!, "\(folder)")
        #expect(c.unattributedDistricts.map(\.id) == e["unattributed"]!, "\(folder)")
        #expect(c.excludedDistricts.map(\.id) == e["excluded"]!, "\(folder)")
    }

    @Test("every task × district figure: the figure typed, or left out with its finding, or why there is none", arguments: folders)
    func figures(_ folder: String) throws {
        let c = try #require(consolidations[folder])
        let figures = expected["figures"] as! [String: [String: [String: Any]]]
        var seen: Set<String> = []
        for t in c.tasks {
            for f in t.districts {
                let id = "\(f.district.id)/\(t.task.id)"
                seen.insert(id)
                guard let e = figures[f.district.id]?[t.task.id] else {
                    Issue.record("\(folder): \(id) is not in the district's template")
                    continue
                }
                #expect(f.done == figure(e["done"]), "\(folder): \(id) done \(f.done.map(Quantity.format) ?? "nil")")
                #expect(f.status.rawValue == e["status"] as? String, "\(folder): \(id) status \(f.status.rawValue)")
                #expect(f.light.rawValue == e["light"] as? String, "\(folder): \(id) light \(f.light.rawValue)")
                #expect(f.leftOutBecause?.code.rawValue == e["leftOut"] as? String, "\(folder): \(id) left out for \(f.leftOutBecause.map(key) ?? "nothing")")
                if f.leftOutBecause != nil {
                    #expect(f.leftOutBecause?.severity == .error, "\(folder): \(id)")
                }
            }
        }
        let all = Set(figures.flatMap { d, tasks in tasks.keys.map { "\(d)/\($0)" } })
        #expect(seen == all, "\(folder): missing \(all.subtracting(seen).sorted()), extra \(seen.subtracting(all).sorted())")
    }

    @Test("全市: the counted figures added up (averaged for percentages), its coverage, and no light while incomplete", arguments: folders)
    func city(_ folder: String) throws {
        let c = try #require(consolidations[folder])
        let city = expected["city"] as! [String: [String: Any]]
        #expect(Set(c.tasks.map(\.task.id)) == Set(city.keys), "\(folder): tasks")
        for t in c.tasks {
            guard let e = city[t.task.id] else { continue }
            let id = t.task.id
            #expect(t.done == figure(e["done"]), "\(folder): 全市 \(id) done \(t.done.map(Quantity.format) ?? "nil")")
            #expect(t.counted == e["counted"] as? Int && t.assigned == e["assigned"] as? Int, "\(folder): 全市 \(id) coverage \(t.coverage)")
            #expect(t.coverage == "\(e["counted"]!)/\(e["assigned"]!)", "\(folder): 全市 \(id)")
            #expect(t.countedTarget == figure(e["countedTarget"]), "\(folder): 全市 \(id) counted target \(t.countedTarget.map(Quantity.format) ?? "nil")")
            #expect(t.status.rawValue == e["status"] as? String, "\(folder): 全市 \(id) status \(t.status.rawValue)")
            #expect(t.light.rawValue == e["light"] as? String, "\(folder): 全市 \(id) light \(t.light.rawValue)")
        }
    }

    @Test("the project sites are the used returns' good ones only", arguments: folders)
    func sites(_ folder: String) throws {
        let c = try #require(consolidations[folder])
        let got = c.sites.map { "\($0.district.id)|\($0.taskID)|\($0.name)" }.sorted()
        #expect(got == (expected["sites"] as! [String]), "\(folder)")
    }
}
