import Foundation
import Testing
import XLSXCore
import XLSXReader
@testable import XLSXWriter

/// Sheets written out early (`WorkbookBuilder.finish`): the workbook's bytes are the same as without, a sheet
/// changed after it was finished is written as changed, and rows can no longer be added to it.
@Suite struct FinishSheetTests {
    /// A large sheet (over the background threshold) with what hangs on it, and two small ones.
    static func build(finishing: Bool, parallel: Bool = true, afterFinish: (WorkbookBuilder) throws -> Void = { _ in }) throws -> [UInt8] {
        let book = try WorkbookBuilder()
        book.parallelDeflate = parallel
        let big = try book.addSheet("分解汇总")
        big.autoFitColumns = true
        for r in 0..<15_000 { try big.addRow([.number(Double(r)), .text("第\(r % 40)组"), .formula("A\(r + 1)*2", cached: .number(Double(2 * r)))]) }
        big.addNote(Note(cell: CellReference(row: 2, column: 1), text: "未计入：数据有误"))
        big.addHyperlink(at: CellReference(row: 0, column: 0), url: "https://example.org/")
        big.addConditionalFormat(ConditionalFormat(
            ranges: [CellRange(CellReference(row: 0, column: 0), CellReference(row: 9, column: 0))],
            rules: [.expression("A1>5", DifferentialStyle(fontColor: "9C0006", fill: "FFC7CE"))]))
        if finishing { try book.finish(big) }
        let small = try book.addSheet("说明")
        try small.addRow([.text("全市")])
        if finishing { try book.finishSheets() }
        let last = try book.addSheet("数据问题")
        try last.addRow([.text("无")])
        try afterFinish(book)
        return try book.data()
    }

    @Test("finishing sheets early gives the same bytes, deflated in the background or in turn")
    func sameBytes() throws {
        // Compared as booleans: a failure would otherwise print megabytes of bytes.
        let plain = try Self.build(finishing: false)
        let inBackground = try Self.build(finishing: true) == plain
        let inTurn = try Self.build(finishing: true, parallel: false) == plain
        #expect(inBackground)
        #expect(inTurn)
    }

    @Test("a sheet changed after it was finished is written as changed")
    func changedAfterFinishing() throws {
        let change: (WorkbookBuilder) throws -> Void = { book in
            let big = book.sheet(named: "分解汇总")!
            big.setColumnWidth(0, 20)
            big.tabColor = Color("FF0000")
            big.addNote(Note(cell: CellReference(row: 5, column: 1), text: "备注：后加的"))
            try big.merge(CellRange(CellReference(row: 0, column: 4), CellReference(row: 0, column: 5)))
            book.activeSheet = 1
        }
        let plain = try Self.build(finishing: false, afterFinish: change)
        let early = try Self.build(finishing: true, afterFinish: change)
        let same = early == plain, changed = try early != Self.build(finishing: true)
        #expect(same)
        #expect(changed, "the change reached the file")
        let read = try Workbook(bytes: early)
        let grid = try read.grid(of: read.sheets[0])
        #expect(grid.value(row: 14_999, column: 0) == .number(14_999))
    }

    @Test("no rows can be added to a finished sheet, and a sheet of another workbook cannot be finished")
    func refusals() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("填报")
        try sheet.addRow([.text("甲")])
        try book.finish(sheet)
        let error = #expect(throws: XLSXError.self) { try sheet.addRow([.text("乙")]) }
        #expect(error?.code == .invalidValue)
        #expect(error?.chineseDescription.contains("已经写出") == true)
        let other = try WorkbookBuilder()
        let stranger = try other.addSheet("填报")
        #expect(throws: XLSXError.self) { try book.finish(stranger) }
        let read = try Workbook(bytes: try book.data())
        #expect(try read.grid(of: read.sheets[0]).rowCount == 1)
    }

    @Test("a large part is deflated on another thread, into an archive of its own")
    func backgroundDeflate() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("甲")
        for r in 0..<15_000 { try sheet.addRow([.number(Double(r)), .text("第\(r)行")]) }
        try book.finish(sheet)
        let folder = book.directory.path
        _ = try book.data()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains("sheet1.finished.xml.deflated.zip"))
        #expect(files.contains("sharedStrings.xml.deflated.zip"))
    }
}
