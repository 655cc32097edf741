import Foundation
import Testing
import TestSupport
import XLSXCore

@testable import XLSXReader
@testable import XLSXWriter

/// `Fixtures/ods`: LibreOffice's own .ods and .fods of `libreoffice.xlsx`, and hand-written hostile documents
/// (`make_ods_fixtures.py` writes them all).
private let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/ods")

private func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

private func fixtureBytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name))) }

private let namespaces = """
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
    xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
    xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
    xmlns:xlink="http://www.w3.org/1999/xlink" \
    xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" \
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    """

/// A `content.xml` with one table holding `rows`, after `styles` (automatic styles).
private func content(_ rows: String, styles: String = "", tableAttributes: String = "") -> [UInt8] {
    Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(namespaces) office:version="1.3"><office:automatic-styles>\(styles)</office:automatic-styles>\
        <office:body><office:spreadsheet><table:table table:name="S" \(tableAttributes)>\(rows)</table:table>\
        </office:spreadsheet></office:body></office:document-content>
        """.utf8)
}

/// Reads a content document as a flat one.
private func read(_ bytes: [UInt8], limits: ReadLimits = .standard) throws -> LoadedBook {
    try ODSReader.readFlat(bytes: bytes, name: "test.fods", limits: limits)
}

/// The first sheet's cells by A1 reference.
private func cells(_ book: LoadedBook, sheet: Int = 0) -> [String: Cell] {
    var out: [String: Cell] = [:]
    for row in book.sheets[sheet].rows {
        for cell in row.cells { out[cell.reference.description] = cell }
    }
    return out
}

/// An .ods package with these parts, written by minsheng's zip writer.
private func package(_ parts: [(String, String)]) throws -> [UInt8] {
    let path = try makeTemporaryDirectory().appendingPathComponent("p.ods").path
    let zip = try ZipWriter(path: path, compressionLevel: 6, modificationTime: 946_684_800)
    for (name, text) in parts { try zip.add(name, bytes: Array(text.utf8)) }
    try zip.close()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Runs `body` and returns the error it throws, recording an issue when it throws none or not an XLSXError.
private func refusal(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> XLSXError? {
    do {
        try body()
        Issue.record("expected an XLSXError, but it was read", sourceLocation: sourceLocation)
    } catch let error as XLSXError {
        return error
    } catch {
        Issue.record("expected an XLSXError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

@Suite struct ODSReaderTests {
    // MARK: LibreOffice's own files

    /// Checks what LibreOffice made of `libreoffice.xlsx` (see make_ods_fixtures.py), the same for .ods and .fods.
    private func checkLibreOfficeBook(_ book: LoadedBook) throws {
        #expect(book.sheets.map(\.name) == ["数据", "隐藏", "空表"])
        #expect(book.sheets.map(\.state) == [.visible, .hidden, .visible])
        #expect(book.sheets[2].rows.isEmpty)
        #expect(cells(book, sheet: 1)["A1"]?.value == .string("隐藏表"))
        let c = cells(book)
        let v = { (ref: String) in c[ref]?.value }
        let format = { (ref: String) in c[ref].map { book.formats[$0.styleIndex] } }
        #expect(v("A1") == .string("地区"))
        #expect(v("H1") == .string("隐藏列"))
        #expect(v("A2") == .string("东城区"))
        #expect(v("B2") == .number(1234.5))
        #expect(c["B2"]?.numberText == "1234.5")
        #expect(v("B3") == .number(8.1))
        #expect(c["B3"]?.numberText == "8.1")
        // Percentages are numbers with a percent format, as downstream code recognises them.
        #expect(v("C2") == .number(0.256))
        #expect(format("C2")?.formatCode == "0.00%")
        #expect(format("C2")?.category == .number)
        #expect(v("C3") == .number(0.5))
        #expect(format("C3")?.formatCode == "0%")
        #expect(v("D2") == .date(ExcelDateTime(year: 2021, month: 7, day: 1)))
        #expect(format("D2")?.category == .date)
        #expect(v("D3") == .date(ExcelDateTime(year: 2021, month: 7, day: 1, hour: 12)))
        #expect(v("E2") == .date(ExcelDateTime(serial: 10.5 / 24, kind: .time)))
        #expect(v("E2")?.text == "10:30:00")
        #expect(v("E3") == .date(ExcelDateTime(serial: 36.25 / 24, kind: .duration)))
        #expect(format("E3")?.formatCode == "[h]:mm:ss")
        #expect(format("E3")?.category == .duration)
        #expect(v("F2") == .bool(true))
        #expect(c["F2"]?.formula == "TRUE()")
        #expect(v("F3") == .bool(false))
        // Paragraphs joined with a line feed; runs of spaces written as text:s.
        #expect(v("G2") == .string("第一段\n第二段"))
        #expect(v("G3") == .string("a   b"))
        #expect(v("G4") == .string("  前导空格"))
        #expect(v("D11") == .string("tab\there"))
        // A hidden row keeps its cells; a hidden column is recorded.
        #expect(v("A4") == .string("隐藏行"))
        let sheet = book.sheets[0]
        #expect(sheet.rows.first(where: { $0.index == 3 })?.hidden == true)
        #expect(sheet.metadata.hiddenRows == [3])
        #expect(sheet.metadata.hiddenColumns == [7])
        // A merged block: its covered cells take their columns and hold nothing.
        #expect(v("A5") == .string("合并单元格"))
        #expect(sheet.metadata.mergedRanges == [CellRange("A5:C6")!])
        #expect(v("B5") == nil && v("A6") == nil && v("D5") == nil)
        // table:number-columns-repeated="5" with content: five cells.
        for ref in ["A7", "B7", "C7", "D7", "E7"] { #expect(v(ref) == .string("同")) }
        #expect(v("F7") == nil)
        for ref in ["A8", "C8", "A10", "C10"] { #expect(v(ref) == .number(0)) }
        // Formulas, translated to Excel's syntax, with their values; an error cell.
        #expect(v("A11") == .number(1242.6))
        #expect(c["A11"]?.formula == "SUM(B2:B3)")
        #expect(v("B11") == .error("#DIV/0!"))
        #expect(c["B11"]?.formula == "1/0")
        #expect(v("C11") == .string("隐藏表！"))
        #expect(c["C11"]?.formula == "'隐藏'!A1&\"！\"")
        #expect(v("E11") == .number(-0.125))
        #expect(v("F11") == .number(1e-7))
        #expect(v("G11") == .number(1.23456789012346e16))
        #expect(v("A12") == .string("链接"))
        #expect(sheet.metadata.hyperlinks[CellReference("A12")!] == "https://www.example.com/路径")
        // The trailing 1,048,563 empty rows are not materialised.
        #expect(sheet.rows.count == 11)
        #expect(sheet.rows.map(\.index) == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11])
        #expect(sheet.rows.allSatisfy { row in row.cells.allSatisfy { $0.reference.row == row.index } })
        #expect(book.formats[0] == .general)
    }

    @Test("an .ods written by LibreOffice gives every value, format, merge and hidden row, column and sheet")
    func libreOfficePackage() throws {
        let book = try ODSReader.read(path: fixture("libreoffice.ods"))
        #expect(book.format == .ods)
        try checkLibreOfficeBook(book)
    }

    @Test("the .fods LibreOffice writes of the same workbook reads the same")
    func libreOfficeFlat() throws {
        let book = try ODSReader.readFlat(bytes: fixtureBytes("libreoffice.fods"), name: "libreoffice.fods", limits: .standard)
        #expect(book.format == .fods)
        try checkLibreOfficeBook(book)
    }

    @Test("the package entry point reads an opened archive")
    func archiveEntry() throws {
        let archive = try ZipArchive(bytes: fixtureBytes("libreoffice.ods"), name: "libreoffice.ods")
        let book = try ODSReader.read(archive: archive)
        #expect(book.sheets.count == 3)
    }

    // MARK: values

    @Test("each value type gives its value", arguments: [
        ("<table:table-cell office:value-type=\"float\" office:value=\"8.1\"><text:p>8,10</text:p></table:table-cell>", CellValue.number(8.1)),
        ("<table:table-cell office:value-type=\"currency\" office:currency=\"CNY\" office:value=\"-12.5\"><text:p>¥-12.50</text:p></table:table-cell>", .number(-12.5)),
        ("<table:table-cell office:value-type=\"percentage\" office:value=\"0.125\"><text:p>12.5%</text:p></table:table-cell>", .number(0.125)),
        ("<table:table-cell office:value-type=\"date\" office:date-value=\"2021-07-01\"/>", .date(ExcelDateTime(year: 2021, month: 7, day: 1))),
        ("<table:table-cell office:value-type=\"date\" office:date-value=\"2021-07-01T08:30:00\"/>", .date(ExcelDateTime(year: 2021, month: 7, day: 1, hour: 8, minute: 30))),
        ("<table:table-cell office:value-type=\"time\" office:time-value=\"PT01H30M00S\"/>", .date(ExcelDateTime(serial: 1.5 / 24, kind: .time))),
        ("<table:table-cell office:value-type=\"time\" office:time-value=\"PT288H00M00S\"/>", .date(ExcelDateTime(serial: 12, kind: .duration))),
        ("<table:table-cell office:value-type=\"time\" office:time-value=\"-PT1H\"/>", .date(ExcelDateTime(serial: -1.0 / 24, kind: .duration))),
        ("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>", .bool(true)),
        ("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"false\"/>", .bool(false)),
        ("<table:table-cell office:value-type=\"string\"><text:p>文本</text:p></table:table-cell>", .string("文本")),
        ("<table:table-cell office:value-type=\"string\" office:string-value=\"属性\"><text:p>shown</text:p></table:table-cell>", .string("属性")),
        ("<table:table-cell><text:p>no type</text:p></table:table-cell>", .string("no type")),
        ("<table:table-cell office:value-type=\"string\"><text:p/></table:table-cell>", .string("")),
        ("<table:table-cell office:value-type=\"void\"/>", .empty),
        // Error cells: LibreOffice's mark, its own codes, and older files' placeholder numbers.
        ("<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>", .error("#DIV/0!")),
        ("<table:table-cell table:formula=\"of:=FLOOR(37; -1; 0)\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>Err:502</text:p></table:table-cell>", .error("Err:502")),
        ("<table:table-cell table:formula=\"oooc:=NA()\" office:value-type=\"float\" office:value=\"0\"><text:p>#N/A</text:p></table:table-cell>", .error("#N/A")),
        ("<table:table-cell table:formula=\"oooc:=1/0\" office:value-type=\"float\" office:value=\"0\"><text:p>Err:503</text:p></table:table-cell>", .error("Err:503")),
        ("<table:table-cell office:value-type=\"string\"><text:p>#REF!</text:p></table:table-cell>", .error("#REF!")),
        ("<table:table-cell office:value-type=\"string\"><text:p>Err:502</text:p></table:table-cell>", .string("Err:502")),
    ])
    func valueTypes(xml: String, expected: CellValue) throws {
        let book = try read(content("<table:table-row>\(xml)</table:table-row>"))
        #expect(cells(book)["A1"]?.value ?? .empty == expected)
    }

    @Test("text: paragraphs, spaces, tabs, line breaks, spans and links; annotations and shapes left out")
    func text() throws {
        let xml = """
            <table:table-row><table:table-cell office:value-type="string">\
            <office:annotation><dc:creator>me</dc:creator><text:p>note</text:p></office:annotation>\
            <text:p>a<text:s/>b<text:s text:c="3"/>c<text:tab/>d<text:line-break/>e</text:p>\
            <text:p><text:span text:style-name="T1">粗<text:span>体</text:span></text:span><text:a xlink:href="https://x.cn/">链</text:a></text:p>\
            <draw:frame><draw:text-box><text:p>box</text:p></draw:text-box></draw:frame>\
            <text:p/></table:table-cell></table:table-row>
            """
        let book = try read(content(xml))
        #expect(cells(book)["A1"]?.value == .string("a b   c\td\ne\n粗体链\n"))
        #expect(book.sheets[0].metadata.hyperlinks[CellReference(row: 0, column: 0)] == "https://x.cn/")
    }

    @Test("an & in an attribute (sheet name, string value, formula, link) reads as &, not as libxml2's &#38;")
    func ampersands() throws {
        let xml = """
            <office:document \(namespaces)><office:body><office:spreadsheet><table:table table:name="R&amp;D &#38; &lt;1&gt;">\
            <table:table-row><table:table-cell office:value-type="string" office:string-value="a&amp;b"/>\
            <table:table-cell table:formula="of:=[.A1]&amp;&quot;&amp;&quot;" office:value-type="string"><text:p>a&amp;b&amp;</text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><text:p><text:a xlink:href="https://x.cn/?a=1&amp;b=2">q</text:a></text:p></table:table-cell>\
            </table:table-row></table:table></office:spreadsheet></office:body></office:document>
            """
        let book = try read(Array(xml.utf8))
        #expect(book.sheets[0].name == "R&D & <1>")
        let c = cells(book)
        #expect(c["A1"]?.value == .string("a&b"))
        #expect(c["B1"]?.value == .string("a&b&"))
        #expect(c["B1"]?.formula == "A1&\"&\"")
        #expect(book.sheets[0].metadata.hyperlinks[CellReference("C1")!] == "https://x.cn/?a=1&b=2")
    }

    @Test("white space between rows and cells (pretty-printed files) is not text; inside a paragraph it is")
    func prettyPrinted() throws {
        let xml = """

              <table:table-row>
                <table:table-cell office:value-type="string">
                  <text:p> a  b </text:p>
                </table:table-cell>
                <table:table-cell office:value-type="float" office:value=" 2 ">
                  <text:p>2</text:p>
                </table:table-cell>
              </table:table-row>

            """
        let c = cells(try read(content(xml)))
        #expect(c["A1"]?.value == .string(" a  b "))
        #expect(c["B1"]?.value == .number(2))
        #expect(c["B1"]?.numberText == "2")
    }

    @Test("repeated rows and cells with content are materialised; empty ones only move the position")
    func repeats() throws {
        let xml = """
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
            <table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/></table:table-row>\
            <table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
            """
        let book = try read(content(xml))
        let rows = book.sheets[0].rows
        #expect(rows.map(\.index) == [0, 1, 1002])
        #expect(rows[0].cells.map(\.reference.description) == ["C1", "D1", "E1"])
        #expect(rows[1].cells.map(\.reference.description) == ["C2", "D2", "E2"])
        #expect(rows[1].cells.allSatisfy { $0.value == .number(1) && $0.numberText == "1" })
        #expect(rows[2].cells.map(\.reference.description) == ["B1003"])
    }

    @Test("hidden rows and columns, with their repeats, and merged ranges")
    func metadata() throws {
        let xml = """
            <table:table-column table:number-columns-repeated="2"/>\
            <table:table-column table:visibility="collapse" table:number-columns-repeated="3"/>\
            <table:table-column table:visibility="filter"/><table:table-column table:number-columns-repeated="16378"/>\
            <table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1" table:number-columns-spanned="2" table:number-rows-spanned="3"/></table:table-row>\
            <table:table-row table:visibility="filter"/>\
            <table:table-row table:visibility="collapse" table:number-rows-repeated="1048000"/>
            """
        let book = try read(content(xml))
        let m = book.sheets[0].metadata
        #expect(m.hiddenColumns == [2, 3, 4, 5])
        #expect(m.hiddenRows.isSuperset(of: [0, 1, 2]))
        // A hidden empty run to the end of the sheet is recorded for its first 1,024 rows only.
        #expect(m.hiddenRows.count == 3 + 1024)
        // A repeated row repeats its cells, not its merge (the copies would overlap it).
        #expect(m.mergedRanges == [CellRange("A1:B3")!])
        #expect(book.sheets[0].rows.map(\.hidden) == [true, true])
    }

    @Test("a table style with display=false hides its sheet; a protected table is protected")
    func hiddenAndProtected() throws {
        let styles = """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
            """
        let hidden = try read(content("", styles: styles, tableAttributes: "table:style-name=\"ta2\" table:protected=\"true\""))
        #expect(hidden.sheets[0].state == .hidden)
        #expect(hidden.sheets[0].metadata.isProtected)
        let shown = try read(content("", styles: styles, tableAttributes: "table:style-name=\"ta1\""))
        #expect(shown.sheets[0].state == .visible)
        #expect(!shown.sheets[0].metadata.isProtected)
    }

    @Test("data styles become Excel format codes, through parent styles and column defaults")
    func formats() throws {
        let styles = """
            <number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>\
            <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>\
            <number:date-style style:name="N3"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>\
            <number:number-style style:name="N4P0" style:volatile="true"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>\
            <number:number-style style:name="N4"><number:text>-</number:text><number:number number:decimal-places="0" number:min-integer-digits="1"/><style:map style:condition="value()&gt;=0" style:apply-style-name="N4P0"/></number:number-style>\
            <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>\
            <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>\
            <style:style style:name="ce3" style:family="table-cell" style:parent-style-name="ce2"/>\
            <style:style style:name="ce4" style:family="table-cell" style:data-style-name="N3"/>\
            <style:style style:name="ce5" style:family="table-cell" style:data-style-name="N4"/>
            """
        let xml = """
            <table:table-column table:default-cell-style-name="ce2" table:number-columns-repeated="6"/><table:table-column table:default-cell-style-name="ce1"/>\
            <table:table-row><table:table-cell table:style-name="ce1" office:value-type="percentage" office:value="0.125"/>\
            <table:table-cell table:style-name="ce3" office:value-type="float" office:value="1234.5"/>\
            <table:table-cell table:style-name="ce4" office:value-type="date" office:date-value="2021-07-01"/>\
            <table:table-cell office:value-type="percentage" office:value="0.5"/>\
            <table:table-cell table:style-name="ce5" office:value-type="float" office:value="-3"/>\
            <table:table-cell office:value-type="float" office:value="2"/>\
            <table:table-cell office:value-type="float" office:value="0.3"/></table:table-row>
            """
        let book = try read(content(xml, styles: styles))
        let c = cells(book)
        let code = { (ref: String) in c[ref].map { book.formats[$0.styleIndex].formatCode } }
        #expect(code("A1") == "0.0%")
        #expect(code("B1") == "#,##0.00")
        #expect(code("C1") == "yyyy\"年\"m\"月\"d\"日\"")
        #expect(c["C1"].map { book.formats[$0.styleIndex].category } == .date)
        // A percentage whose style has no percent format still gets one.
        #expect(code("D1") == "0.00%" || code("D1") == "0%")
        #expect(code("E1") == "0;-0")
        #expect(code("F1") == "#,##0.00")  // the column's default cell style
        #expect(code("G1") == "0.0%")
        #expect(Set(book.formats.map(\.formatCode)).count == book.formats.count, "each format once")
    }

    @Test("OpenFormula is translated to Excel's syntax, or left out when it has no exact equivalent", arguments: [
        ("of:=SUM([.A1:.B2])", "SUM(A1:B2)"),
        ("of:=IF([.A1]>0;\"a;b\";[$Sheet2.$C$3])", "IF(A1>0,\"a;b\",Sheet2!$C$3)"),
        ("of:=[$'My Sheet'.A1]+['It''s'.B2:.C3]", "'My Sheet'!A1+'It''s'!B2:C3"),
        ("of:=[$汇总.A1]", "'汇总'!A1"),
        ("of:=[$隐藏.A1]&\"！\"", "'隐藏'!A1&\"！\""),
        ("of:=SUM({1;2|3;4})", "SUM({1,2;3,4})"),
        ("of:=IFERROR(1/0;#DIV/0!)", "IFERROR(1/0,#DIV/0!)"),
        ("of:=COM.MICROSOFT.IFS([.A1]>1;2)", "IFS(A1>1,2)"),
        ("of:=STDEV.S([.A:.A])", "STDEV.S(A:A)"),
        ("msoxl:=SUM(A1:A3)", "SUM(A1:A3)"),
        ("oooc:=NA()", "NA()"),
    ])
    func formulaTranslation(odf: String, excel: String) {
        #expect(ODSFormula.excel(odf) == excel)
    }

    @Test("formulas without an exact Excel form are left out", arguments: [
        "of:=SUM([.A1:.B2]~[.C3])", "of:=[Sheet1.A1:Sheet3.B2]", "of:=['file:///x.ods'#$Sheet1.A1]", "of:=ORG.OPENOFFICE.STYLE(\"x\")",
        "of:=[.#REF!]", "of:=SUM(", "of:=\"unterminated", "xyz:=1", "of:SUM(1)", "",
    ])
    func formulaLeftOut(odf: String) {
        #expect(ODSFormula.excel(odf) == nil)
    }

    // MARK: packages

    @Test("a package without mimetype still reads; one of another OpenDocument kind is refused")
    func packages() throws {
        let body = String(decoding: content("<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"5\"/></table:table-row>"), as: UTF8.self)
        let book = try ODSReader.read(bytes: package([("content.xml", body)]), name: "nomimetype.ods")
        #expect(cells(book)["A1"]?.value == .number(5))
        let text = refusal { _ = try ODSReader.read(path: fixture("hostile-text-document.odt")) }
        #expect(text?.code == .unsupported)
        #expect(text?.chineseMessage?.contains("文字文档") == true)
        let missing = refusal { _ = try ODSReader.read(bytes: package([("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]), name: "x.ods") }
        #expect(missing?.code == .missingPart)
        #expect(missing?.location.part == "content.xml")
    }

    @Test("an encrypted package is refused as encrypted, in Chinese, naming the file")
    func encrypted() throws {
        let error = refusal { _ = try ODSReader.read(path: fixture("hostile-encrypted.ods")) }
        #expect(error?.code == .legacyOrEncrypted)
        #expect(error?.chineseMessage?.hasPrefix("文件已加密（设有打开密码）") == true)
        #expect(error?.location.file?.hasSuffix("hostile-encrypted.ods") == true)
    }

    @Test("a value that cannot be read names the sheet and cell")
    func invalidValue() throws {
        let error = refusal {
            _ = try read(content("<table:table-row><table:table-cell/><table:table-cell office:value-type=\"float\" office:value=\"abc\"/></table:table-row>"))
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.location.sheet == "S")
        #expect(error?.location.cell == CellReference("B1"))
        #expect(error?.chineseMessage?.contains("abc") == true)
    }

    @Test("an XML document that is not OpenDocument, and a body that is not a spreadsheet, are refused")
    func notSpreadsheet() throws {
        #expect(refusal { _ = try read(Array("<worksheet/>".utf8)) }?.code == .unsupported)
        let textBody = "<office:document \(namespaces)><office:body><office:text><text:p>x</text:p></office:text></office:body></office:document>"
        #expect(refusal { _ = try read(Array(textBody.utf8)) }?.code == .unsupported)
        #expect(refusal { _ = try read(Array("<office:document \(namespaces)><office:body>".utf8)) }?.code == .malformedXML)
    }

    // MARK: hostile input

    /// Reads a hostile fixture, which must throw `code` (or, when nil, read) within a few seconds.
    private func hostile(_ name: String, throws code: XLSXError.Code?, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedBook? {
        let bytes = try fixtureBytes(name)
        let clock = ContinuousClock()
        var book: LoadedBook?
        let elapsed = try clock.measure {
            if let code {
                let error = refusal({ _ = try read(bytes) }, sourceLocation: sourceLocation)
                #expect(error?.code == code, sourceLocation: sourceLocation)
                #expect(error?.chineseMessage != nil, sourceLocation: sourceLocation)
            } else {
                book = try read(bytes)
            }
        }
        #expect(elapsed < .seconds(5), "\(name) took \(elapsed)", sourceLocation: sourceLocation)
        return book
    }

    @Test("a non-empty cell repeated 2^31 times is refused at once")
    func repeatedCell() throws {
        _ = try hostile("hostile-repeated-cell.xml", throws: .limitExceeded)
    }

    @Test("a row with content repeated 1,048,576 times is refused at once")
    func repeatedRows() throws {
        _ = try hostile("hostile-repeated-rows.xml", throws: .limitExceeded)
    }

    @Test("empty rows and cells repeated to the end of the grid and beyond cost nothing")
    func emptyRepeats() throws {
        let book = try #require(try hostile("hostile-empty-repeats.xml", throws: nil))
        #expect(book.sheets[0].rows.count == 1)
        #expect(book.sheets[0].rows.first?.cells.map(\.reference.description) == ["XFD1048576"])
    }

    @Test("deep nesting, a DOCTYPE and two billion spaces are refused")
    func refusedDocuments() throws {
        _ = try hostile("hostile-deep-nesting.xml", throws: .limitExceeded)
        _ = try hostile("hostile-doctype.xml", throws: .forbiddenDTD)
        _ = try hostile("hostile-spaces.xml", throws: .limitExceeded)
    }

    @Test("content past Excel's grid is refused; repeats within it stay within the expansion budget")
    func grid() throws {
        let pastColumn = content("<table:table-row><table:table-cell table:number-columns-repeated=\"16384\"/><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>")
        #expect(refusal { _ = try read(pastColumn) }?.code == .limitExceeded)
        let pastRow = content("<table:table-row table:number-rows-repeated=\"1048576\"/><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>")
        #expect(refusal { _ = try read(pastRow) }?.code == .limitExceeded)
        // 2,000 rows of 3,000 repeated cells: six million cells, past the budget of four million.
        let wide = content("<table:table-row table:number-rows-repeated=\"2000\"><table:table-cell table:number-columns-repeated=\"3000\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>")
        let error = refusal { _ = try read(wide) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.chineseMessage?.contains("重复") == true)
        // A long text is refused beyond the string limit.
        let long = content("<table:table-row><table:table-cell><text:p>\(String(repeating: "长", count: 100))</text:p></table:table-cell></table:table-row>")
        #expect(refusal { _ = try read(long, limits: ReadLimits(maxStringLength: 10)) }?.code == .limitExceeded)
    }

    @Test("text:s counts are bounded across the document, not only per cell")
    func spacesBudget() throws {
        // Seventy cells of a million spaces each: 25 bytes of XML apiece, 70 MB of text in all.
        let cell = "<table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"1000000\"/></text:p></table:table-cell>"
        let bytes = content("<table:table-row>" + String(repeating: cell, count: 70) + "</table:table-row>")
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(refusal { _ = try read(bytes) }?.code == .limitExceeded) }
        #expect(elapsed < .seconds(5))
    }

    @Test("hidden columns and widths of many sheets stay within the metadata budget")
    func metadataBudget() throws {
        let table = "<table:table table:name=\"T\"><table:table-column table:visibility=\"collapse\" table:number-columns-repeated=\"16384\"/></table:table>"
        let xml = "<office:document \(namespaces)><office:body><office:spreadsheet>" + String(repeating: table, count: 2000)
            + "</office:spreadsheet></office:body></office:document>"
        let book = try read(Array(xml.utf8))
        #expect(book.sheets.count == 2000)
        #expect(book.sheets[0].metadata.hiddenColumns.count == 1024)
        #expect(book.sheets.reduce(0) { $0 + $1.metadata.hiddenColumns.count } <= ODSContentParser.maxMetadataEntries)
    }

    @Test("a flat document larger than the part limit is refused before it is parsed")
    func flatTooLarge() throws {
        let error = refusal { _ = try read(content(""), limits: ReadLimits(maxPartSize: 10)) }
        #expect(error?.code == .partTooLarge)
    }
}

/// Every OpenDocument file of `../shared/corpus-legacy` read by `ODSReader` and compared, cell by cell, with
/// python-calamine's and odfpy's dumps, with the rules of `CorpusComparison`.
@Suite struct ODSCorpusTests {
    static let corpus = TestPaths.shared.appendingPathComponent("corpus-legacy")

    /// A cell where minsheng reads an error and the references read a number: OpenOffice and older
    /// LibreOffice store a failed formula as `office:value-type="float" office:value="0"` and show the error
    /// (`#N/A`, `Err:502`) as its text; both references report the placeholder 0.
    static func isErrorPlaceholder(_ line: String) -> Bool {
        guard let ours = line.firstMatch(of: #/minsheng=(\S+) calamine=(\S+)/#) else { return false }
        let mine = String(ours.1), calamine = String(ours.2)
        return (CellValue.errorCodes.contains(mine) || ODSContentParser.isCalcError(mine)) && Double(calamine) != nil
    }

    @Test(
        "the corpus .ods files agree with a reference reader, but for error cells stored as numbers; broken ones are refused",
        .requires(.shared(path: "corpus-legacy/manifest.tsv")))
    func corpus() throws {
        let entries = try CorpusConformanceTests.manifest(of: Self.corpus).filter { $0.file.lowercased().hasSuffix(".ods") }
        #expect(entries.count >= 140)
        var filesAgree = 0, filesCompared = 0, rejected = 0, notODS: [String] = []
        var cellsCompared = 0, cellsDisagree = 0
        var placeholders: [String] = [], otherDisagreements: [String] = []
        for entry in entries {
            let name = "\(entry.source)/\(entry.file)"
            let path = Self.corpus.appendingPathComponent(entry.source).appendingPathComponent(entry.file).path
            // Content decides the format: roo's type_excel.ods is BIFF8, type_excelx.ods an xlsx.
            guard let archive = try? ZipArchive(path: path), archive.contains("content.xml") else {
                notODS.append(name)
                continue
            }
            if entry.bothFail {
                do {
                    _ = try ODSReader.read(archive: archive)
                    Issue.record("\(name): both references reject it, but it was read without error")
                } catch is XLSXError {
                    rejected += 1
                } catch {
                    Issue.record("\(name): refused with an error that is not an XLSXError: \(error)")
                }
                continue
            }
            let book: LoadedBook
            do {
                book = try ODSReader.read(archive: archive)
            } catch {
                Issue.record("\(name): \(error)")
                continue
            }
            filesCompared += 1
            let refdir = Self.corpus.appendingPathComponent("ref").appendingPathComponent(entry.source).appendingPathComponent(entry.file)
            let listing = try String(contentsOf: refdir.appendingPathComponent("sheets.tsv"), encoding: .utf8)
            var agrees = true
            for line in listing.split(separator: "\n").dropFirst() {
                guard let i = Int(line.split(separator: "\t", omittingEmptySubsequences: false)[0]) else { continue }
                let calamine = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).tsv"))
                let odfpy = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).openpyxl.tsv"))
                if calamine == nil && odfpy == nil { continue }
                guard i < book.sheets.count else {
                    Issue.record("\(name): sheet \(i + 1) missing, the book has \(book.sheets.count)")
                    continue
                }
                var ours: [String: String] = [:]
                for row in book.sheets[i].rows {
                    for cell in row.cells where !cell.value.text.isEmpty {
                        ours[cell.reference.description] = CorpusComparison.escape(cell.value.text)
                    }
                }
                var keys = Set(ours.keys)
                for ref in [calamine, odfpy].compactMap({ $0 }) { keys.formUnion(ref.keys) }
                cellsCompared += keys.count
                let bad = CorpusComparison.disagreements(ours: ours, calamine: calamine, openpyxl: odfpy)
                cellsDisagree += bad.count
                if !bad.isEmpty { agrees = false }
                for b in bad {
                    if Self.isErrorPlaceholder(b) { placeholders.append("\(name) sheet \(i + 1) \(b)") } else { otherDisagreements.append("\(name) sheet \(i + 1) \(b)") }
                }
            }
            if agrees { filesAgree += 1 }
        }
        let cellShare = Double(cellsCompared - cellsDisagree) / Double(max(cellsCompared, 1))
        print("""
            corpus-legacy .ods: \(filesAgree)/\(filesCompared) files agree; \(cellsCompared - cellsDisagree)/\(cellsCompared) cells \
            (\(String(format: "%.3f", cellShare * 100))%); \(placeholders.count) error cells the references read as their \
            placeholder number; \(rejected) broken files refused; not OpenDocument content: \(notODS)
            """)
        #expect(rejected == 4, "the three encrypted packages and issue_594_dos.ods are refused")
        #expect(filesCompared >= 139)
        #expect(otherDisagreements.isEmpty, "disagreements:\n\(otherDisagreements.joined(separator: "\n"))")
        #expect(cellShare >= 0.99)
        #expect(Double(filesAgree) / Double(max(filesCompared, 1)) >= 0.95)
    }
}

/// A document of many sheets is not parsed again for each one: reading every sheet stays within the
/// package's inflation budget (the streams would re-read content.xml once per sheet).
@Suite struct ODSManySheetsTests {
    @Test("every sheet of a 60-sheet .ods is read within a budget of a few times its content", .requires(.program("soffice"), .program("python3")))
    func manySheets() throws {
        let dir = try makeTemporaryDirectory()
        let xlsx = dir.appendingPathComponent("many.xlsx").path
        let book = try WorkbookBuilder()
        for s in 0..<60 {
            let sheet = try book.addSheet("表\(s + 1)")
            for r in 0..<200 { try sheet.addRow([.text("第\(s + 1)表第\(r + 1)行"), CellData(.number(Double(r * s)))]) }
        }
        try book.write(to: xlsx)
        let profile = try makeTemporaryDirectory()
        let lo = try runProcess("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "ods", "--outdir", dir.path, xlsx])
        #expect(lo.status == 0)
        let ods = dir.appendingPathComponent("many.ods").path
        let size = try runProcess("python3", ["-c", "import zipfile,sys; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))", ods])
        let inflated = Int64(size.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(inflated > 0)
        var limits = ReadLimits.standard
        limits.maxTotalSize = inflated * 4
        let workbook = try Workbook(path: ods, limits: limits)
        #expect(workbook.sheets.count == 60)
        for info in workbook.sheets {
            let grid = try workbook.grid(of: info)
            #expect(grid.value(row: 199, column: 0) == .string("\(info.name.replacingOccurrences(of: "表", with: "第"))表第200行"))
        }
    }
}
