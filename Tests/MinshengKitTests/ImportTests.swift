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
          arguments: ["dept-columns", "dept-rows", "dept-transposed", "dept-units", "dept-no-ids"].flatMap { ["\($0).xlsx", "\($0)-lo.xlsx"] })
    func layouts(_ name: String) throws {
        let result = try importer.read(path: fixtures.appendingPathComponent(name).path, period: nil)
        // The LibreOffice re-save (-lo) must give what openpyxl's file gives.
        let want = expected[name.replacingOccurrences(of: "-lo.xlsx", with: ".xlsx")]!
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
        let nanhu = URL(fileURLWithPath: dir).appendingPathComponent(CanonicalReturns.fileName(plan.districts[0], Period(year: 2021, month: 6))).path
        let checked = ReturnChecker(plan: plan, expectedPeriod: Period(year: 2021, month: 6)).check(try DistrictReturn.read(path: nanhu))
        #expect(checked.isValid, "\(FindingReport.text(checked.findings.filter { $0.severity == .error }))")
        #expect(checked.values["C1"] == 1 && checked.values["P17"] == 1 && checked.values["P18"] == Decimal(string: "4.5"))
        #expect(checked.findings.contains { $0.code == .returnNotYetImported })
        let round = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T00:00:00Z").run(files: try Consolidator.expand([dir]))
        #expect(round.tasks.first { $0.task.id == "C1" }?.done == 25)
        #expect(round.missingDistricts.isEmpty)
    }

    @Test("a district's own return is never overwritten; consolidate merges it with the import task by task")
    func mergeWithOwnReturn() throws {
        let dir = try makeTemporaryDirectory()
        let june = Period(year: 2021, month: 6)
        let nanhu = plan.districts[0]
        // 南湖区's own return: C1 left empty, C15 reported differently from the department, C16 the same.
        var fill = TemplateFill()
        for row in TemplateRow.rows(for: nanhu, in: plan) where row.target != nil {
            fill.done[row.taskID] = .number(1)
            fill.status[row.taskID] = "推进中"
        }
        fill.done["C1"] = nil
        fill.status["C1"] = nil
        fill.done["C15"] = .number(20000)
        fill.done["C16"] = .number(2300)
        fill.filler = "张三"
        fill.phone = "0573-1"
        fill.date = ExcelDateTime(year: 2021, month: 7, day: 5)
        let own = dir.appendingPathComponent(TemplateWriter.fileName(nanhu, june)).path
        try TemplateWriter.write(plan: plan, district: nanhu, options: TemplateOptions(period: june), fill: fill, to: own)
        let before = try Data(contentsOf: URL(fileURLWithPath: own))

        let result = try importer.read(path: fixtures.appendingPathComponent("dept-columns.xlsx").path, period: nil)
        let written = try CanonicalReturns.write(result, plan: plan, into: dir.path, source: "dept-columns.xlsx")
        #expect(!written.paths.contains(own))
        #expect(try Data(contentsOf: URL(fileURLWithPath: own)) == before, "the district's own return is untouched")

        let round = Consolidator(plan: plan, period: june, generatedAt: "x").run(files: try Consolidator.expand([dir.path]))
        func figure(_ task: String) -> DistrictFigure? { round.tasks.first { $0.task.id == task }?.districts.first { $0.district.id == "nanhu" } }
        #expect(figure("C1")?.done == 1 && figure("C1")?.fromLeadDepartment?.hasSuffix("（牵头单位）.xlsx") == true, "the department fills the empty task")
        #expect(figure("C15")?.done == 20000 && figure("C15")?.fromLeadDepartment == nil, "the district's own figure counts")
        let differ = round.findings.filter { $0.code == .consolidateSourcesDiffer }
        #expect(differ.map(\.task) == ["C15"])
        #expect(differ.first?.message.contains("20000") == true && differ.first?.message.contains("20100") == true)
        #expect(round.records.filter { $0.outcome == .used }.count == round.records.count)
        // A file of that name that import did not write is refused, not overwritten.
        let foreign = dir.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: own, toPath: foreign.appendingPathComponent(CanonicalReturns.fileName(nanhu, june)).path)
        #expect(throws: DomainError.self) { try CanonicalReturns.write(result, plan: plan, into: foreign.path, source: "dept-columns.xlsx") }
    }
}
