import Foundation
import Testing
import TestSupport
import XLSXReader
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let folder = root.appendingPathComponent("Tests/MinshengKitTests/Fixtures/formats")
private let plan = try! PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
private let stem = "民生实事填报_秀洲区_2021-06"

/// `CODE@cell task`: what a finding says about the form, whatever the sheet is called in that format.
private func summary(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.code.rawValue)@\($0.cell ?? "-") \($0.task ?? "-")" }.sorted()
}

/// A return saved by LibreOffice in the formats offices use is read by its content and checked with the
/// same findings as the `.xlsx` it came from (`Fixtures/formats/make_format_returns.py`).
@Suite struct FormatsTests {
    @Test("the same findings from the .xlsx and its re-saves", arguments: ["xls", "ods", "csv"])
    func sameFindings(_ ext: String) throws {
        let checker = ReturnChecker(plan: plan)
        let original = checker.check(try DistrictReturn.read(path: folder.appendingPathComponent("\(stem).xlsx").path))
        #expect(summary(original.findings) == ["RETURN_MISSING_STATUS@G43 C1", "RETURN_VALUE_APPROXIMATE@E11 P4", "RETURN_VALUE_IMPLAUSIBLE@E57 C17"])
        let other = checker.check(try DistrictReturn.read(path: folder.appendingPathComponent("\(stem).\(ext)").path))
        #expect(summary(other.findings) == summary(original.findings), "\(ext)")
        #expect(other.values == original.values, "\(ext)")
        #expect(other.district?.id == "xiuzhou" && other.period == Period(year: 2021, month: 6) && other.isAttributable)
    }

    @Test("the format is told by the content: the CSV's percentages are numbers shown as percentages")
    func csvContent() throws {
        let book = try Workbook(path: folder.appendingPathComponent("\(stem).csv").path)
        #expect(book.format == .csv)
        let grid = try book.grid(of: book.sheets[0])
        let c17 = try #require(grid.cell(row: 56, column: 4))
        #expect(c17.value == .number(95) && c17.numberText == "95")
        #expect(try book.format(of: c17).formatCode == "0%")
    }

    @Test("a folder mixing .xlsx, .xls, .ods and .csv consolidates with every file accounted for")
    func mixedFolder() throws {
        let dir = try makeTemporaryDirectory()
        let round = root.appendingPathComponent("Samples/round-2021-06").path
        for name in try FileManager.default.contentsOfDirectory(atPath: round) where !name.contains("秀洲区") {
            try FileManager.default.copyItem(atPath: round + "/" + name, toPath: dir.appendingPathComponent(name).path)
        }
        for ext in ["xls", "ods", "csv"] {
            try FileManager.default.copyItem(atPath: folder.appendingPathComponent("\(stem).\(ext)").path, toPath: dir.appendingPathComponent("\(stem).\(ext)").path)
        }
        let c = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "x").run(files: try Consolidator.expand([dir.path]))
        #expect(c.records.count == 12)  // the sample's nine other files and 秀洲区's three
        let xiuzhou = c.records.filter { $0.district?.id == "xiuzhou" }
        let outcomes: [ReturnRecord.Outcome] = xiuzhou.map(\.outcome)
        #expect(outcomes.filter { $0 == .used }.count == 1 && outcomes.filter { $0 == .superseded }.count == 2)
        #expect(!c.records.contains { $0.outcome == .unreadable })
        // 秀洲区's three errors leave out three figures, whichever file was used; the rest count.
        let figures = c.tasks.compactMap { $0.districts.first { $0.district.id == "xiuzhou" } }
        #expect(figures.filter { $0.status == .excluded }.count == 3)
        #expect(c.reportedDistricts.map(\.id).contains("xiuzhou"))
    }
}
