import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct WorksheetParserTests {
    @Test("each cell type gives its value", arguments: [
        ("<c r=\"A1\"><v>8.1</v></c>", CellValue.number(8.1)),
        ("<c r=\"A1\" t=\"n\"><v>-1E-3</v></c>", .number(-0.001)),
        ("<c r=\"A1\" t=\"s\"><v>1</v></c>", .string("乙")),
        ("<c r=\"A1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>", .string("ab")),
        ("<c r=\"A1\" t=\"inlineStr\"><is><t>inline</t></is></c>", .string("inline")),
        ("<c r=\"A1\" t=\"inlineStr\"><is><r><t>in</t></r><r><t xml:space=\"preserve\"> line</t></r><rPh><t>x</t></rPh></is></c>", .string("in line")),
        ("<c r=\"A1\" t=\"b\"><v>1</v></c>", .bool(true)),
        ("<c r=\"A1\" t=\"b\"><v>0</v></c>", .bool(false)),
        ("<c r=\"A1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", .error("#DIV/0!")),
        ("<c r=\"A1\" t=\"d\"><v>2021-03-04T12:30:00</v></c>", .date(ExcelDateTime(year: 2021, month: 3, day: 4, hour: 12, minute: 30))),
        ("<c r=\"A1\" t=\"d\"><v>2021-03-04</v></c>", .date(ExcelDateTime(year: 2021, month: 3, day: 4))),
        ("<c r=\"A1\" t=\"str\"><v>x_x000D_y</v></c>", .string("x\ry")),
        ("<c r=\"A1\" s=\"1\"/>", .empty),
    ])
    func cellTypes(xml: String, expected: CellValue) throws {
        let (rows, _) = try parseWorksheet(worksheetXML("<row r=\"1\">\(xml)</row>"), sharedStrings: ["甲", "乙"])
        #expect(rows.first?.cells.first?.value == expected)
    }

    @Test("a t=\"d\" duration and a time of day keep their kind")
    func isoDurationAndTime() throws {
        let (rows, _) = try parseWorksheet(worksheetXML("""
            <row r="1"><c r="A1" t="d"><v>PT1H30M</v></c><c r="B1" t="d"><v>1899-12-30T06:00:00</v></c></row>
            """))
        let cells = cellsByReference(rows)
        #expect(cells["A1"]?.value.text == "PT5400S")
        #expect(cells["B1"]?.value.text == "06:00:00")
    }

    @Test("numbers in a date style become dates, in the 1904 system too")
    func styledDates() throws {
        let formats = [CellFormat.general, format(.date), format(.duration, id: 46, code: "[h]:mm:ss")]
        let xml = worksheetXML("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44197.5</v></c><c r=\"B1\" s=\"2\"><v>1.5</v></c><c r=\"C1\" s=\"1\"><v>0</v></c></row>")
        let cells = cellsByReference(try parseWorksheet(xml, formats: formats).rows)
        #expect(cells["A1"]?.value.text == "2021-01-01T12:00:00")
        #expect(cells["B1"]?.value.text == "PT129600S")
        #expect(cells["A1"]?.numberText == nil)
        let cells1904 = cellsByReference(try parseWorksheet(xml, formats: formats, date1904: true).rows)
        #expect(cells1904["A1"]?.value.text == "2025-01-02T12:00:00")
        #expect(cells1904["C1"]?.value.text == "1904-01-01")
    }

    @Test("plain numbers keep the text they were written with")
    func numberText() throws {
        let (rows, _) = try parseWorksheet(worksheetXML("<row r=\"1\"><c r=\"A1\"><v>8.10</v></c></row>"))
        #expect(rows.first?.cells.first?.numberText == "8.10")
    }

    @Test("every cell of a shared formula reports its cached value, its master and the moved formula")
    func sharedFormulas() throws {
        let xml = worksheetXML("""
            <row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1</f><v>3</v></c></row>
            <row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>5</v></c></row>
            <row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"></f><v>7</v></c></row>
            """)
        let cells = cellsByReference(try parseWorksheet(xml).rows)
        #expect(cells["B1"]?.formula == "A1*2+$A$1")
        #expect(cells["B1"]?.sharedFormulaMaster == nil)
        #expect(cells["B2"]?.formula == "A2*2+$A$1")
        #expect(cells["B3"]?.formula == "A3*2+$A$1")
        #expect(cells["B2"]?.sharedFormulaMaster == CellReference("B1"))
        #expect(cells["B3"]?.sharedFormulaMaster == CellReference("B1"))
        #expect(["B1", "B2", "B3"].map { cells[$0]?.value } == [.number(3), .number(5), .number(7)])
    }

    @Test("rows and cells without r follow the previous ones")
    func missingReferences() throws {
        let xml = worksheetXML("""
            <row><c><v>1</v></c><c><v>2</v></c></row>
            <row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row>
            <row><c><v>5</v></c></row>
            """)
        let rows = try parseWorksheet(xml).rows
        #expect(rows.map(\.index) == [0, 3, 4])
        #expect(rows.flatMap(\.cells).map(\.reference.description) == ["A1", "B1", "C4", "D4", "A5"])
    }

    @Test("a bare column number in r keeps the cell's position")
    func numericReference() throws {
        let rows = try parseWorksheet(worksheetXML("<row r=\"2\"><c r=\"0\"><v>1</v></c><c r=\"1\"><v>2</v></c></row>")).rows
        #expect(rows.flatMap(\.cells).map(\.reference.description) == ["A2", "B2"])
    }

    @Test("a reference outside the grid is an error naming the cell", arguments: ["XFE1", "A1048577", "1A"])
    func badReference(ref: String) throws {
        let error = try #require(throws: XLSXError.self) {
            try parseWorksheet(worksheetXML("<row r=\"1\"><c r=\"\(ref)\"><v>1</v></c></row>"))
        }
        #expect(error.code == .invalidCellReference)
        #expect(error.message.contains(ref))
    }

    @Test("a row number outside 1…1048576 is refused", arguments: ["0", "1048577"])
    func badRow(r: String) throws {
        #expect(throws: XLSXError.self) { try parseWorksheet(worksheetXML("<row r=\"\(r)\"><c><v>1</v></c></row>")) }
    }

    @Test("bad values are invalidValue errors", arguments: [
        "<c r=\"A1\" t=\"s\"><v>5</v></c>", "<c r=\"A1\"><v>abc</v></c>", "<c r=\"A1\" t=\"b\"><v>2</v></c>",
        "<c r=\"A1\" t=\"d\"><v>yesterday</v></c>", "<c r=\"A1\"><v>0x10</v></c>", "<c r=\"A1\"><v>nan</v></c>",
    ])
    func invalidValues(xml: String) throws {
        let error = try #require(throws: XLSXError.self) { try parseWorksheet(worksheetXML("<row r=\"1\">\(xml)</row>")) }
        #expect(error.code == .invalidValue)
        #expect(error.location.cell == CellReference("A1"))
    }

    @Test("the used range spans the cells with values or formulas, not styled blanks")
    func usedRange() throws {
        let xml = worksheetXML("""
            <row r="2"><c r="A2" s="3"/><c r="C2"><v>1</v></c></row><row r="5"><c r="B5"><f>C2</f></c><c r="F5" s="1"/></row>
            """)
        #expect(try parseWorksheet(xml).metadata.usedRange == CellRange("B2:C5"))
    }

    @Test("a Strict document and an x:-prefixed document give the same cells as a transitional one")
    func namespaces() throws {
        let data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>2.5</v></c><c r=\"C1\" t=\"b\"><v>1</v></c></row>"
        let transitional = try parseWorksheet(worksheetXML(data), sharedStrings: ["s"]).rows
        let strict = try parseWorksheet(worksheetXML(data, namespace: NS.strict), sharedStrings: ["s"]).rows
        let prefixedData = data.replacingOccurrences(of: "<", with: "<x:").replacingOccurrences(of: "<x:/", with: "</x:")
        let prefixed = try parseWorksheet(
            "<x:worksheet xmlns:x=\"\(NS.main)\"><x:sheetData>\(prefixedData)</x:sheetData></x:worksheet>", sharedStrings: ["s"]
        ).rows
        #expect(transitional.flatMap(\.cells).count == 3)
        #expect(strict == transitional)
        #expect(prefixed == transitional)
    }

    @Test("elements of foreign namespaces are ignored")
    func foreignNamespace() throws {
        let xml = worksheetXML("<row r=\"1\"><c r=\"A1\"><v>1</v><x14:v xmlns:x14=\"urn:other\">9</x14:v></c></row>")
        #expect(try parseWorksheet(xml).rows.first?.cells.first?.value == .number(1))
    }
}
