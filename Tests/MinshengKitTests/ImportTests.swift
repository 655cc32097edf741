import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let fixtures = root.appendingPathComponent("Tests/MinshengKitTests/Fixtures")

private struct Expected: Decodable {
    var figures: [String: [String: Double]]
    var findings: [String]
}

private let expected: [String: Expected] = {
    let data = try! Data(contentsOf: fixtures.appendingPathComponent("import-expected.json"))
    return try! JSONDecoder().decode([String: Expected].self, from: data)
}()

@Suite struct ImportTests {
    let plan: Plan
    let importer: DepartmentImporter

    init() throws {
        plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        importer = DepartmentImporter(plan: plan)
    }

    private func values(_ r: ImportResult) -> [String: [String: Double]] { r.figures.mapValues { $0.mapValues { $0.value.double } } }

    @Test("each layout gives exactly the expected figures, and reports what it cannot place",
          arguments: ["dept-columns.xlsx", "dept-rows.xlsx", "dept-transposed.xlsx", "dept-units.xlsx", "dept-no-ids.xlsx"])
    func layouts(_ name: String) throws {
        let result = try importer.read(path: fixtures.appendingPathComponent(name).path, period: nil)
        let want = expected[name]!
        #expect(values(result) == want.figures)
        #expect(result.findings.map(\.code.rawValue).sorted() == want.findings.sorted(), "\(FindingReport.text(result.findings))")
        #expect(result.period == Period(year: 2021, month: 6))
    }

    @Test("figures keep the text they were read from")
    func originals() throws {
        let result = try importer.read(path: fixtures.appendingPathComponent("dept-units.xlsx").path, period: nil)
        #expect(result.figures["nanhu"]?["P18"]?.original == "4.5公里")
        #expect(result.figures["nanhu"]?["P18"]?.source == "水利!D5")
        #expect(result.figures["nanhu"]?["P20"]?.original == "已完成")
        #expect(result.figures["tongxiang"]?["P20"]?.value == 0)
    }

    @Test("low-confidence rows are reported with their best candidates, not guessed")
    func lowConfidence() throws {
        let result = try importer.read(path: fixtures.appendingPathComponent("dept-no-ids.xlsx").path, period: nil)
        let unmapped = result.findings.filter { $0.code == .importUnmappedRow }
        #expect(unmapped.map(\.cell) == ["A4", "A6"])
        #expect(unmapped[0].message.contains("P12") && unmapped[0].message.contains("C8"))
        #expect(result.mappings[0].tasks["4"] == nil)
        // The refusal says why: the score, the rule, the runner-up, and the line that accepts it.
        #expect(unmapped[0].message.contains("须相似度不低于0.60") && unmapped[0].message.contains("\"4\": \"P12 | "))
    }

    @Test("the mapping file round-trips, and an edited mapping places the rows it names")
    func mapping() throws {
        let path = fixtures.appendingPathComponent("dept-no-ids.xlsx").path
        let first = try importer.read(path: path, period: nil)
        let yaml = ImportMapping.yaml(first.mappings, source: "dept-no-ids.xlsx")
        var parsed = try ImportMapping.parse(yaml, file: "m.yaml")
        #expect(parsed.map(\.tasks) == first.mappings.map(\.tasks))
        #expect(parsed.map(\.districts) == first.mappings.map(\.districts))
        #expect(parsed[0].period == "2021-06" && parsed[0].headerRows == 2...2)
        parsed[0].tasks["4"] = ImportMapping.Entry(id: "C8")  // the clerk decides the ambiguous row, by position
        let again = try importer.read(path: path, period: nil, mappings: parsed)
        #expect(again.figures["nanhu"]?["C8"]?.value == 100)
        // The vague row the mapping still does not name is reported, not guessed; the table has three districts.
        #expect(again.findings.map { "\($0.code.rawValue)@\($0.cell ?? "-")" }.sorted() == ["IMPORT_DISTRICTS_MISSING@-", "IMPORT_UNMAPPED_ROW@A6"])
        #expect(throws: DomainError.self) { try ImportMapping.parse("sheet: x\n", file: "bad.yaml") }
    }

    @Test("imports from several departments merge into one return per district that check and consolidate accept")
    func canonicalReturns() throws {
        let dir = try makeTemporaryDirectory().path
        for name in ["dept-columns.xlsx", "dept-units.xlsx"] {
            let r = try importer.read(path: fixtures.appendingPathComponent(name).path, period: nil)
            _ = try CanonicalReturns.write(r, plan: plan, into: dir, source: name)
        }
        let nanhu = URL(fileURLWithPath: dir).appendingPathComponent(TemplateWriter.fileName(plan.districts[0], Period(year: 2021, month: 6))).path
        let checked = ReturnChecker(plan: plan, expectedPeriod: Period(year: 2021, month: 6)).check(try DistrictReturn.read(path: nanhu))
        #expect(checked.isValid, "\(FindingReport.text(checked.findings.filter { $0.severity == .error }))")
        #expect(checked.values["C1"] == 1 && checked.values["P17"] == 1 && checked.values["P18"] == Decimal(string: "4.5"))
        #expect(checked.findings.contains { $0.code == .returnNotYetImported })
        let round = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T00:00:00Z").run(files: try Consolidator.expand([dir]))
        #expect(round.tasks.first { $0.task.id == "C1" }?.done == 25)
        #expect(round.missingDistricts.isEmpty)
    }
}
