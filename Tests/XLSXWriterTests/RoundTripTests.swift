import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import XLSXWriter

@Suite struct RoundTripTests {
    let path: String

    init() throws {
        path = try makeTemporaryDirectory().appendingPathComponent("kitchen-sink.xlsx").path
        try KitchenSink.write(to: path)
    }

    @Test("values, dates, formulas and escapes read back equal")
    func values() throws {
        let book = try Workbook(path: path)
        let grid = try book.grid(of: book.sheet(named: "填报")!)
        #expect(grid.value(row: 0, column: 0) == .string("2021年民生实事进度填报（样例）"))
        #expect(grid.value(row: 3, column: 4) == .number(8.1))
        #expect(grid.cell(row: 3, column: 4)?.numberText == "8.1")
        #expect(grid.value(row: 7, column: 3) == .number(32105))
        #expect(grid.cell(row: 7, column: 3)?.formula == "SUM(D4:D7)")
        #expect(grid.cell(row: 3, column: 5)?.formula == "IF(D4=0,\"\",E4/D4)")
        #expect(grid.value(row: 3, column: 7) == .date(ExcelDateTime(year: 2021, month: 6, day: 30)))
        #expect(grid.value(row: 10, column: 0) == .bool(true))
        #expect(grid.value(row: 10, column: 1) == .bool(false))
        #expect(grid.value(row: 10, column: 2) == .error("#N/A"))
        #expect(grid.value(row: 10, column: 3).text == "12:00:00")
        #expect(grid.value(row: 10, column: 4).text == "2021-03-16T09:30:00")
        #expect(grid.value(row: 10, column: 5) == .string("控制字符\u{1}与_x0041_"))
        #expect(grid.value(row: 6, column: 5) == .string(""))
    }

    @Test("merges, validations, protection, panes and hidden state read back")
    func features() throws {
        let book = try Workbook(path: path)
        #expect(book.sheets.map(\.name) == ["填报", "汇总", "代码", "_meta"])
        #expect(book.sheets.map(\.state) == [.visible, .visible, .hidden, .veryHidden])
        let sheet = try book.grid(of: book.sheets[0])
        #expect(sheet.metadata.mergedRanges == [CellRange("A1:H1")!, CellRange("A2:C2")!])
        #expect(sheet.value(row: 0, column: 5, throughMerges: true) == .string("2021年民生实事进度填报（样例）"))
        let validations = sheet.metadata.dataValidations
        #expect(validations.count == 6)
        #expect(validations[0].kind == .decimal(.greaterThanOrEqual, "0", nil))
        #expect(validations[0].prompt == "填写自年初以来的累计完成数，不小于0。" && validations[0].errorTitle == "数值有误")
        #expect(validations[1].kind == .list(["未开工", "推进中", "已完成"]))
        #expect(validations[2].kind.formulas.1 == "1000" && validations[2].errorStyle == .warning)
        #expect(sheet.metadata.isProtected)
        #expect(sheet.metadata.protection?.passwordHash == SheetWriter.legacyPasswordHash("minsheng"))
        #expect(sheet.metadata.protection?.flags["formatColumns"] == false)
        #expect(sheet.metadata.frozenAt == CellReference("C4"))
        #expect(sheet.metadata.hiddenColumns.contains(11))
        let formats = try book.cellFormats()
        #expect(formats[sheet.cell(row: 3, column: 4)!.styleIndex].locked == false)
        #expect(formats[sheet.cell(row: 3, column: 0)!.styleIndex].locked == true)
        #expect(formats[sheet.cell(row: 3, column: 5)!.styleIndex].hidden == true)
        let summary = try book.grid(of: book.sheets[1])
        #expect(summary.metadata.hiddenRows == [2])
        #expect(book.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.formula == "'填报'!$3:$3" && $0.localSheet == 0 })
        #expect(book.definedNames.contains { $0.name == "目标合计" && $0.formula == "'填报'!$D$8" })
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let second = try makeTemporaryDirectory().appendingPathComponent("again.xlsx").path
        try KitchenSink.write(to: second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: second)))
    }

    @Test("every zip entry has a known size: no Zip64 or other extra fields")
    func noZip64() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var entries = 0
        var i = 0
        while i + 46 < bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02 {
                entries += 1
                let extra = Int(bytes[i + 30]) | Int(bytes[i + 31]) << 8
                #expect(extra == 0, "central directory entry \(entries) has \(extra) bytes of extra fields")
            }
            i += 1
        }
        #expect(entries >= 10)
    }

    @Test("the legacy password hash matches the standard's algorithm")
    func passwordHash() {
        // Reference values computed with openpyxl.workbook.protection.hash_password.
        #expect(SheetWriter.legacyPasswordHash("password") == "83AF")
        #expect(SheetWriter.legacyPasswordHash("") == "CE4B")
    }
}
