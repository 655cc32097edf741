import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import XLSXWriter

/// A row is written whole or not at all, so a caller that catches a cell's error and goes on still
/// writes a well-formed workbook.
@Suite struct RowAtomicityTests {
    /// Writes a workbook in which two rows failed and were caught; returns its path.
    private func writeAfterCaughtErrors() throws -> String {
        let path = try makeTemporaryDirectory().appendingPathComponent("atomic.xlsx").path
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("表")
        try sheet.addRow([.text("编号"), .text("数量")])
        #expect(throws: XLSXError.self) {
            try sheet.addRow([.text("P1"), CellData(.number(1)), CellData(.number(.nan))])
        }
        #expect(throws: XLSXError.self) {
            try sheet.addRow([.text("P1"), .text(String(repeating: "长", count: Limits.maxCellCharacters + 1))])
        }
        // The failed rows took no row number: the next row may reuse row 2.
        try sheet.addRow([.text("P2"), CellData(.number(2))], at: 1)
        try book.write(to: path)
        return path
    }

    @Test("a row whose third cell throws leaves nothing behind; the rows around it are intact")
    func caughtCellError() throws {
        let path = try writeAfterCaughtErrors()
        let read = try Workbook(path: path)
        let grid = try read.grid(of: read.sheets[0])
        #expect(grid.usedRange == CellRange("A1:B2"))
        #expect(grid.value(row: 1, column: 0).text == "P2")
        #expect(grid.value(row: 1, column: 1) == .number(2))
        #expect(grid.cell(row: 1, column: 2) == nil)
    }

    @Test("the workbook written after caught row errors validates against the schemas", .requires(Requirement.schemaValidation))
    func validatesAfterCaughtErrors() throws {
        let result = try validateXLSX(try writeAfterCaughtErrors())
        #expect(result.status == 0 && !result.stdout.contains("FAIL"), "\(result.stdout)")
    }
}

/// `&` in attribute values (sheet names, validation prompts, hyperlink locations) reads back as `&`.
@Suite struct AmpersandAttributeTests {
    @Test("a sheet named R&D and a prompt with & read back as written")
    func ampersand() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("amp.xlsx").path
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("R&D")
        try sheet.addRow([.text("A&B")])
        try sheet.addValidation(DataValidation(.whole(.greaterThan, "0"), ranges: [CellRange("A2")!], prompt: "填写 1 & 2"))
        try book.write(to: path)
        let read = try Workbook(path: path)
        #expect(read.sheets.map(\.name) == ["R&D"])
        let grid = try read.grid(of: read.sheets[0])
        #expect(grid.value(row: 0, column: 0) == .string("A&B"))
        #expect(grid.metadata.dataValidations.first?.prompt == "填写 1 & 2")
    }
}
