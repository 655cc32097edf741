import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import MinshengKit
import XLSXReader
@testable import XLSXWriter

/// The one exporter of a sheet: streamed through its spool, it writes what a whole-grid rendering
/// would, whatever order and shape the rows come in.
@Suite("Sheet export")
struct SheetExportTests {
    /// A workbook of one sheet whose `<sheetData>` is given as written.
    private func workbook(_ sheetData: String) throws -> Workbook {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let path = try makeTemporaryDirectory().appendingPathComponent("s.xlsx").path
        let zip = try ZipWriter(path: path, compressionLevel: 1, modificationTime: 946_684_800)
        try zip.add("[Content_Types].xml", bytes: Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".utf8))
        try zip.add("_rels/.rels", bytes: Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"\(rels)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8))
        try zip.add("xl/workbook.xml", bytes: Array("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>".utf8))
        try zip.add("xl/_rels/workbook.xml.rels", bytes: Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8))
        try zip.add("xl/worksheets/sheet1.xml", bytes: Array("<worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData></worksheet>".utf8))
        try zip.close()
        return try Workbook(path: path)
    }

    private func export(_ book: Workbook, _ exporter: SheetExport) throws -> String {
        let path = try makeTemporaryDirectory().appendingPathComponent("out").path
        try AtomicFile.write(to: path) { try exporter.write(book, sheet: book.sheets[0], to: $0) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// C2 and E4 with a gap row, a leading gap and text that needs quoting.
    private let shaped = """
        <row r="2"><c r="C2" t="inlineStr"><is><t>名称,含逗号</t></is></c><c r="D2"><v>8.1</v></c></row>
        <row r="4"><c r="D4" t="inlineStr"><is><t>说"好"</t></is></c><c r="E4"><v>12</v></c><c r="F4" s="0"/></row>
        """

    @Test("CSV, TSV and JSON show the used range, padded, with empty rows kept")
    func usedRange() throws {
        let book = try workbook(shaped)
        #expect(try export(book, SheetExport(format: .csv)) == "\"名称,含逗号\",8.1,\r\n,,\r\n,\"说\"\"好\"\"\",12\r\n")
        #expect(try export(book, SheetExport(format: .tsv)) == "名称,含逗号\t8.1\t\r\n\t\t\r\n\t\"说\"\"好\"\"\"\t12\r\n")
        #expect(try export(book, SheetExport(format: .json)) == "[\n  [\"名称,含逗号\", 8.1, null],\n  [null, null, null],\n  [null, \"说\\\"好\\\"\", 12]\n]\n")
        let path = try makeTemporaryDirectory().appendingPathComponent("bom.csv").path
        try AtomicFile.write(to: path) { try SheetExport(format: .csv, byteOrderMark: true).write(book, sheet: book.sheets[0], to: $0) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4) == Data([0xEF, 0xBB, 0xBF, UInt8(ascii: "\"")]))
    }

    @Test("rows and cells out of order give what the same cells in order give")
    func outOfOrder() throws {
        let disordered = try workbook("""
            <row r="4"><c r="E4"><v>12</v></c><c r="D4" t="inlineStr"><is><t>说"好"</t></is></c></row>
            <row r="2"><c r="C2" t="inlineStr"><is><t>名称,含逗号</t></is></c><c r="D2"><v>8.1</v></c></row>
            """)
        let ordered = try workbook(shaped)
        for format in [SheetExport.Format.csv, .tsv, .json] {
            #expect(try export(disordered, SheetExport(format: format)) == export(ordered, SheetExport(format: format)))
        }
    }

    @Test("a cell whose reference names another row than its <row> is placed by its reference, as in the grid")
    func referenceWins() throws {
        let book = try workbook("""
            <row r="1"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>
            """)
        #expect(try export(book, SheetExport(format: .csv)) == "1\r\nx\r\n")
    }

    @Test("an empty sheet is an empty CSV and an empty JSON array")
    func empty() throws {
        let book = try workbook("<row r=\"3\"><c r=\"B3\" s=\"1\"/></row>")
        #expect(try export(book, SheetExport(format: .csv)) == "")
        #expect(try export(book, SheetExport(format: .json)) == "[]\n")
        #expect(try export(book, SheetExport(format: .cells)) == "")
    }

    @Test("formulas are shown when asked for, and cells lists each non-empty cell escaped")
    func formulasAndCells() throws {
        let book = try workbook("""
            <row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c><c r="C1" t="inlineStr"><is><t>一\t二\\三
            四</t></is></c></row>
            """)
        #expect(try export(book, SheetExport(format: .csv)) == "2,4,\"一\t二\\三\n四\"\r\n")
        #expect(try export(book, SheetExport(format: .csv, formulas: true)) == "2,=A1*2,\"一\t二\\三\n四\"\r\n")
        #expect(try export(book, SheetExport(format: .cells)) == "A1\t2\nB1\t4\nC1\t一\\t二\\\\三\\n四\n")
    }

    @Test("numbers are written as the reader's text: integers plain, others shortest round-trip")
    func numbers() throws {
        let book = try workbook("<row r=\"1\"><c r=\"A1\"><v>-0</v></c><c r=\"B1\"><v>1E+20</v></c><c r=\"C1\"><v>0.1</v></c><c r=\"D1\"><v>-123456789012</v></c><c r=\"AA1\" t=\"b\"><v>1</v></c></row>")
        #expect(try export(book, SheetExport(format: .csv)).hasPrefix("0,1e+20,0.1,-123456789012,"))
        #expect(try export(book, SheetExport(format: .json)).contains("[0, 1e+20, 0.1, -123456789012, null"))
        #expect(try export(book, SheetExport(format: .cells)).hasSuffix("AA1\tTRUE\n"))
    }
}
