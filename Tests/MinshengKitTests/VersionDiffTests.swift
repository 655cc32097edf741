import Foundation
import Testing
import TestSupport
@testable import MinshengKit

/// `diff` on two versions of a return: by meaning, plus what meaning does not cover; "the same" only
/// when every cell is equal.
@Suite struct VersionDiffTests {
    let source = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06/民生实事填报_南湖区_2021-06.xlsx").path

    @Test("a return compared with itself is the same")
    func same() throws {
        #expect(try VersionDiff.compare(old: source, new: source).isEqual)
    }

    @Test("an inserted 上月累计 column and a note row are reported, not called the same", .requires(.python(module: "openpyxl")))
    func insertedColumnAndNoteRow() throws {
        let dir = try makeTemporaryDirectory()
        let column = dir.appendingPathComponent("column.xlsx").path, note = dir.appendingPathComponent("note.xlsx").path
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['填报']
            header = next(r for r in range(1, 40) if ws.cell(r, 1).value == '编号')
            ws.insert_cols(6); ws.cell(header, 6).value = '上月累计'
            wb.save(sys.argv[2])
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['填报']
            last = ws.max_row
            ws.cell(last + 2, 2).value = '注：本月数据含湘家荡'
            wb.save(sys.argv[3])
            """
        let made = try runProcess("python3", ["-c", script, source, column, note])
        #expect(made.status == 0, "\(made.stderr)")
        let columnReport = try VersionDiff.compare(old: source, new: column)
        #expect(!columnReport.isEqual)
        #expect(columnReport.entries.contains { $0.action == .columnAdded && $0.sheet == "填报" }, "\(columnReport.entries)")
        let noteReport = try VersionDiff.compare(old: source, new: note)
        #expect(noteReport.entries.contains { $0.action == .added }, "\(noteReport.entries)")
        // The comparison by meaning alone calls both the same: the cell comparison is what reports them.
        #expect(SemanticDiffer().diff(old: try DistrictReturn.read(path: source), new: try DistrictReturn.read(path: note)).isEqual)
    }
}
