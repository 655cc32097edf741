import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let fixtures = root.appendingPathComponent("Tests/MinshengKitTests/Fixtures")

/// The expectations of `Fixtures/make_department_returns_2.py`, written from its own spec.
private struct Expected: Decodable {
    var figures: [String: [String: Double]]
    var findings: [String]
    var period: String?
    var periodFrom: String?
    var mappingFrom: String?
}

private let expected: [String: Expected] = {
    let data = try! Data(contentsOf: fixtures.appendingPathComponent("import-expected-2.json"))
    return try! JSONDecoder().decode([String: Expected].self, from: data)
}()

/// Departmental tables as departments really send them, written by openpyxl and re-saved by LibreOffice.
@Suite struct ImportLayoutTests {
    let plan: Plan
    let importer: DepartmentImporter

    init() throws {
        plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        importer = DepartmentImporter(plan: plan)
    }

    private func read(_ name: String) throws -> ImportResult {
        let want = expected[name]!
        var mappings: [ImportMapping] = []
        if let from = want.mappingFrom {
            // Last month's mapping, through its YAML file as a clerk would pass it back.
            let earlier = try importer.read(path: fixtures.appendingPathComponent(from).path, period: nil)
            mappings = try ImportMapping.parse(ImportMapping.yaml(earlier.mappings, source: from), file: "\(from).mapping.yaml")
        }
        let period = want.periodFrom == "argument" ? want.period.flatMap(Period.init) : nil
        return try importer.read(path: fixtures.appendingPathComponent(name).path, period: period, mappings: mappings)
    }

    @Test("every layout gives exactly the expected figures and findings", arguments: expected.keys.sorted())
    func layouts(_ name: String) throws {
        let want = expected[name]!
        let result = try read(name)
        #expect(result.figures.mapValues { $0.mapValues { $0.value.double } } == want.figures, "\(name)")
        #expect(result.findings.map(\.code.rawValue).sorted() == want.findings.sorted(), "\(name): \(FindingReport.text(result.findings))")
        #expect(result.period == Period(want.period ?? "2021-06"))
    }

    @Test("no imported figure comes from a 目标 or 完成率 column or row", arguments: expected.keys.sorted())
    func neverFromTargets(_ name: String) throws {
        let result = try read(name)
        let book = try Workbook(path: fixtures.appendingPathComponent(name).path)
        for (_, tasks) in result.figures {
            for (_, figure) in tasks {
                let parts = figure.source.split(separator: "!")
                let grid = try book.grid(of: book.sheet(named: String(parts[0]))!)
                let ref = CellReference(String(parts[1]))!
                // Every header cell above the figure, and the row's leading labels: none may say 目标 or 完成率.
                let above = (0..<ref.row).map { grid.text($0, ref.column, throughMerges: true) }
                let before = (0..<ref.column).map { grid.text(ref.row, $0, throughMerges: true) }
                for label in above + before {
                    let role = ColumnRole.classify(label).role
                    #expect(role != .target && role != .rate, "\(name) \(figure.source) under “\(label)”")
                }
            }
        }
    }

    @Test("the districts as departments write them are all found, 南湖区（含湘家荡） first under the header")
    func districtNames() throws {
        let result = try read("dept-names.xlsx")
        #expect(Set(result.figures.keys).count == 10)
        #expect(District.matchLabel("南湖区（含湘家荡）")?.id == "nanhu")
        #expect(District.matchLabel("经开区（国际商务区）")?.id == "jetdz")
        #expect(District.matchLabel("市本级（市直）")?.id == "city")
        #expect(District.matchLabel("嘉兴经开区")?.id == "jetdz")
        #expect(District.matchLabel("南湖区合计") == nil)
        #expect(District.matchLabel("南湖区、秀洲区") == nil)
    }
}
