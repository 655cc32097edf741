import Foundation
import Testing
import XLSXCore

@testable import XLSXReader

/// The committed workbooks of `Fixtures/`, made by `Fixtures/make_fixtures.py`.
enum Fixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
    }

    static func open(_ name: String) throws -> Workbook { try Workbook(path: path(name)) }

    /// The non-empty cells of a sheet as `A1 → text`.
    static func texts(_ workbook: Workbook, _ sheet: Int) throws -> [String: String] {
        var out: [String: String] = [:]
        try workbook.forEachRow(in: workbook.sheets[sheet]) { row in
            for cell in row.cells where !cell.value.text.isEmpty { out[cell.reference.description] = cell.value.text }
        }
        return out
    }
}

@Suite struct WorkbookTests {
    @Test("the workbook is found through an absolute relationship target, with unusual part names")
    func unusualParts() throws {
        let wb = try Fixture.open("unusual_parts.xlsx")
        #expect(wb.workbookPart == "xl/wb.xml")
        #expect(wb.sheets.map(\.part) == ["xl/ws/a.xml", "xl/ws/b.xml", "xl/ws/c.xml"])
        #expect(try wb.sharedStrings() == ["标题", "hidden", "secret"])
        #expect(try Fixture.texts(wb, 0) == ["A1": "标题", "C1": "3", "C2": "2021-01-01", "A3": "TRUE", "B3": "PT129600S"])
        #expect(wb.definedNames == [DefinedName(name: "_xlnm.Print_Area", formula: "Data!$A$1:$C$3", localSheet: 0, hidden: false)])
    }

    @Test("hidden and very hidden sheets are listed with their state and can be read")
    func hiddenSheets() throws {
        let wb = try Fixture.open("unusual_parts.xlsx")
        #expect(wb.sheets.map(\.name) == ["Data", "Hidden", "Secret"])
        #expect(wb.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(wb.sheets.map(\.index) == [0, 1, 2])
        #expect(try Fixture.texts(wb, 1) == ["A1": "hidden"])
        #expect(try Fixture.texts(wb, 2) == ["A1": "secret"])
        #expect(wb.sheet(named: "secret")?.index == 2)
        #expect(wb.sheet(named: "nope") == nil)
    }

    @Test("merged cells show their top-left value through value(row:column:throughMerges:)")
    func mergedCells() throws {
        let wb = try Fixture.open("unusual_parts.xlsx")
        let grid = try wb.grid(of: wb.sheets[0])
        #expect(grid.metadata.mergedRanges == [CellRange("A1:B2")!])
        #expect(grid.value(row: 1, column: 1) == .empty)
        #expect(grid.value(row: 1, column: 1, throughMerges: true) == .string("标题"))
        #expect(grid.value(row: 0, column: 1, throughMerges: true) == .string("标题"))
        #expect(grid.value(row: 1, column: 2, throughMerges: true).text == "2021-01-01")
        #expect(grid.mergedRange(containing: CellReference("B2")!) == CellRange("A1:B2"))
        #expect(grid.mergedRange(containing: CellReference("C2")!) == nil)
        #expect(grid.usedRange == CellRange("A1:C3"))
        #expect(grid.rowCount == 3 && grid.columnCount == 3)
    }

    @Test("a Strict workbook reads like a transitional one")
    func strict() throws {
        let wb = try Fixture.open("strict.xlsx")
        #expect(wb.sheets.map(\.name) == ["Strict"])
        #expect(try Fixture.texts(wb, 0) == ["A1": "严格", "B1": "42", "C1": "2021-01-01T12:00:00", "D1": "PT3600S"])
    }

    @Test("a 1904 workbook dates from 1904-01-01; unstyled numbers stay numbers")
    func date1904() throws {
        let wb = try Fixture.open("date1904.xlsx")
        #expect(wb.date1904)
        #expect(try Fixture.texts(wb, 0) == ["A1": "1904-01-01", "B1": "2021-01-01T12:00:00", "C1": "42735"])
    }

    @Test("the streaming reader returns every row in order, across chunks")
    func streamingRows() throws {
        let wb = try Fixture.open("many_rows.xlsx")
        let reader = try wb.rows(of: wb.sheets[0])
        var indexes: [Int] = []
        var last: Row?
        while let row = try reader.next() {
            indexes.append(row.index)
            last = row
        }
        #expect(indexes == Array(0..<400))
        #expect(last?.cells.map(\.value) == [.number(400), .string(String(repeating: "x", count: 200)), .number(800)])
        #expect(last?.cells.last?.formula == "A400*2")
        #expect(try reader.next() == nil)
        #expect(reader.metadata.usedRange == CellRange("A1:C400"))
    }

    @Test("Workbook(bytes:) reads the same as Workbook(path:)")
    func fromBytes() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path("unusual_parts.xlsx"))))
        let wb = try Workbook(bytes: bytes, name: "stdin")
        #expect(wb.name == "stdin")
        #expect(wb.sheets.map(\.name) == ["Data", "Hidden", "Secret"])
        #expect(try Fixture.texts(wb, 0) == Fixture.texts(Fixture.open("unusual_parts.xlsx"), 0))
    }

    @Test("a sheet whose part is missing gives missingPart when read, not when opened", arguments: [1, 2])
    func missingSheetPart(index: Int) throws {
        let wb = try Fixture.open("missing_sheet.xlsx")
        #expect(wb.sheets.map(\.name) == ["Present", "Absent", "NoRel"])
        #expect(try Fixture.texts(wb, 0) == ["A1": "1"])
        let error = try #require(throws: XLSXError.self) { try wb.rows(of: wb.sheets[index]) }
        #expect(error.code == .missingPart)
        #expect(error.location.sheet == wb.sheets[index].name)
    }
}

@Suite struct WorkbookOpeningErrorTests {
    @Test("files that are no xlsx package are refused with the right code", arguments: [
        // An OLE2 header with nothing behind it: read as the .xls it claims to be, and refused as a damaged one.
        ("legacy.xls", XLSXError.Code.corruptZip), ("does_not_exist.xlsx", .fileNotFound),
    ])
    func refused(name: String, code: XLSXError.Code) throws {
        let error = try #require(throws: XLSXError.self) { try Fixture.open(name) }
        #expect(error.code == code)
        #expect(error.location.file == Fixture.path(name))
        #expect(error.hint != nil)
    }

    @Test("the content decides the format, not the name: CSV text named .xlsx opens as CSV")
    func textNamedXLSX() throws {
        let book = try Fixture.open("not_a_zip.xlsx")
        #expect(book.format == .csv)
        let grid = try book.grid(of: book.sheets[0])
        #expect(grid.value(row: 1, column: 0) == .string("A") && grid.value(row: 1, column: 1) == .number(1))
    }

    @Test("a workbook part in a pre-standard namespace is refused, not opened with no sheets")
    func betaNamespace() throws {
        let error = try #require(throws: XLSXError.self) { try Fixture.open("beta_namespace.xlsx") }
        #expect(error.code == .unsupported)
        #expect(error.location.part == "xl/workbook.xml")
    }

    @Test("a zip cut in half is truncatedZip or corruptZip, from a path and from bytes")
    func truncated() throws {
        let path = Fixture.path("truncated.xlsx")
        let fromPath = try #require(throws: XLSXError.self) { try Workbook(path: path) }
        #expect([.truncatedZip, .corruptZip].contains(fromPath.code))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try #require(throws: XLSXError.self) { try Workbook(bytes: bytes) }
        #expect([.truncatedZip, .corruptZip].contains(fromBytes.code))
    }

    @Test("a damaged compound file and non-spreadsheet bytes are refused in memory too", arguments: [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), XLSXError.Code.corruptZip),
        ([0x00, 0x01, 0x02, 0x03, 0x04], .notAZip), ([], .notAZip),
    ])
    func refusedBytes(bytes: [UInt8], code: XLSXError.Code) throws {
        let error = try #require(throws: XLSXError.self) { try Workbook(bytes: bytes) }
        #expect(error.code == code)
    }
}
