import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

private let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/MinshengKitTests/Fixtures")
private let round = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06")

/// `action sheet old→new key field old→new` lines, the shape the expectations are written in.
private func lines(_ r: DiffReport) -> [String] {
    r.entries.map { e in
        var s = "\(e.action.rawValue) \(e.sheet ?? "-") \(e.oldRow.map(String.init) ?? "-")→\(e.newRow.map(String.init) ?? "-")"
        if let k = e.key { s += " \(k)" }
        if let f = e.field { s += " \(f)" }
        if e.old != nil || e.new != nil { s += " \(e.old ?? "")→\(e.new ?? "")" }
        for c in e.cells { s += " [\(c.column): \(c.old)→\(c.new)]" }
        return s
    }
}

@Suite struct DiffTests {
    @Test("inserted, deleted and moved rows, an added column, a renamed sheet, and a figure beyond the tolerance",
          arguments: [("diff-old.xlsx", "diff-new.xlsx"), ("diff-old-lo.xlsx", "diff-new-lo.xlsx")])
    func generic(_ old: String, _ new: String) throws {
        let report = try WorkbookDiffer(tolerance: 0.01).diff(old: fixtures.appendingPathComponent(old).path, new: fixtures.appendingPathComponent(new).path)
        #expect(lines(report) == [
            "sheet-renamed 二月 -→- 一月 一月→二月",
            "column-added 二月 -→- E 备注",
            "removed 二月 4→-",
            "added 二月 -→6",
            "changed 二月 8→8 [完成情况/完成: 200→250]",
            "moved 二月 9→10",
        ])
        #expect(report.entries[2].values.prefix(4) == ["秀洲区", "公交站点", "8", "5"])
        #expect(report.entries[3].values.prefix(4) == ["港区", "公交站点", "1", "0"])
    }

    @Test("without a tolerance the small change counts too; with key columns rows match by key")
    func toleranceAndKeys() throws {
        let old = fixtures.appendingPathComponent("diff-old.xlsx").path, new = fixtures.appendingPathComponent("diff-new.xlsx").path
        let strict = try WorkbookDiffer().diff(old: old, new: new)
        #expect(lines(strict).contains("changed 二月 7→7 [完成情况/完成: 100→100.004]"))
        let keyed = try WorkbookDiffer(keys: ["地区"], tolerance: 0.01).diff(old: old, new: new)
        #expect(lines(keyed).filter { !$0.hasPrefix("sheet") && !$0.hasPrefix("column") } == [
            "removed 二月 4→- 秀洲区", "added 二月 -→6 港区", "changed 二月 8→8 海宁市 [完成情况/完成: 200→250]",
        ])
    }

    @Test("a workbook compared with itself is equal")
    func equal() throws {
        let path = fixtures.appendingPathComponent("diff-old.xlsx").path
        #expect(try WorkbookDiffer().diff(old: path, new: path).isEqual)
    }

    @Test("a resubmitted return is compared task by task")
    func returns() throws {
        let a = try DistrictReturn.read(path: round.appendingPathComponent("民生实事填报_嘉善县_2021-06.xlsx").path)
        let b = try DistrictReturn.read(path: round.appendingPathComponent("民生实事填报_嘉善县_2021-06（更正）.xlsx").path)
        let report = SemanticDiffer().diff(old: a, new: b)
        #expect(report.kind == .return)
        #expect(lines(report) == [
            "changed 填报 7→7 填报日期 填报日期 2021-07-03→2021-07-06",
            "changed 填报 53→53 C10 累计完成 约300→5",
            "changed 填报 54→54 C13 累计完成 -3%→1%",
        ])
    }

    @Test("two plans are compared task by district")
    func plans() throws {
        let a = try PlanReader().read(path: fixtures.appendingPathComponent("plan-two-row-header.xlsx").path).plan
        var b = a
        b.sections[0].tasks[0].shares["nanhu"] = .number(2)
        b.sections[0].tasks[1].leads = ["市卫生健康委"]
        b.sections[0].tasks.remove(at: 2)
        let report = SemanticDiffer().diff(old: a, new: b, oldFile: "a", newFile: "b")
        #expect(lines(report) == [
            "changed Sheet1 4→4 C1 × 南湖区 南湖区 1→2",
            "changed Sheet1 5→5 C2 牵头单位 市教育局→市卫生健康委",
            "removed Sheet1 6→- C3 全市创建中小学心理健康教育示范点学校20所→",
        ])
        #expect(report.entries[0].delta == 1)
    }

    /// The diff workbook of the two fixtures, written to a temporary folder.
    private func diffWorkbook() throws -> String {
        let report = try WorkbookDiffer(tolerance: 0.01).diff(old: fixtures.appendingPathComponent("diff-old.xlsx").path, new: fixtures.appendingPathComponent("diff-new.xlsx").path)
        let out = try makeTemporaryDirectory().appendingPathComponent("diff.xlsx").path
        try DiffOutput.workbook(report, to: out)
        return out
    }

    @Test("the diff workbook opens and shows the changes")
    func workbook() throws {
        let out = try diffWorkbook()
        let book = try Workbook(path: out)
        let grid = try book.grid(of: book.sheets[1])
        #expect(grid.value(row: 0, column: 0) == .string("@@"))
        #expect((1...6).map { grid.value(row: $0, column: 0).text } == ["->", "+++", "---", "+++", "->", ":"])
        #expect(grid.value(row: 5, column: 12) == .string("200→250"))
    }

    @Test("the diff workbook validates against the ECMA-376 schemas", .requires(Requirement.schemaValidation))
    func workbookValidates() throws {
        let validation = try validateXLSX(try diffWorkbook())
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
