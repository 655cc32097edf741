import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// A worksheet with every kind of cell the parser records: numbers, shared and inline strings (spaces kept
/// and trimmed, escapes), shared formulas, booleans, errors, dates, styled blanks, cells without `r`, hidden
/// and tall rows, a long text, and metadata before and after the cells.
private func variedSheet(rows: Int, longText: Int = 30_000, brokenAt: (row: Int, cell: String)? = nil) -> String {
    var xml = "<worksheet xmlns=\"\(NS.main)\"><dimension ref=\"A1:H\(rows)\"/><cols><col min=\"2\" max=\"2\" width=\"30\"/></cols><sheetData>"
    for r in 1...rows {
        xml += r % 7 == 0 ? "<row r=\"\(r)\" hidden=\"1\" ht=\"30\">" : "<row r=\"\(r)\">"
        if let brokenAt, brokenAt.row == r {
            xml += brokenAt.cell
        }
        xml += "<c r=\"A\(r)\"><v>\(r)</v></c>"
        xml += "<c r=\"B\(r)\" t=\"s\"><v>\(r % 3)</v></c>"
        xml += "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>  第\(r)行 _x0041_ </t></is></c>"
        xml += "<c r=\"D\(r)\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 项目 </t><rPh><t>ignored</t></rPh><r><t>点位</t></r></is></c>"
        xml += r == 1 ? "<c r=\"E1\"><f t=\"shared\" ref=\"E1:E\(rows)\" si=\"0\">A1*2</f><v>2</v></c>" : "<c r=\"E\(r)\"><f t=\"shared\" si=\"0\"/><v>\(r * 2)</v></c>"
        xml += "<c t=\"b\"><v>\(r % 2)</v></c>"  // F, no reference
        xml += r % 5 == 0 ? "<c r=\"G\(r)\" t=\"e\"><v>#N/A</v></c>" : "<c r=\"G\(r)\" s=\"1\"/>"
        xml += "<c r=\"H\(r)\" t=\"d\"><v>2021-0\(r % 9 + 1)-15T08:30:00</v></c>"
        if r == rows / 2 { xml += "<c r=\"I\(r)\" t=\"str\"><v>\(String(repeating: "长", count: longText))</v></c>" }
        xml += "</row>"
    }
    return xml + "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B2\"/></mergeCells></worksheet>"
}

private let sharedStrings = Array(
    "<sst xmlns=\"\(NS.main)\" count=\"3\" uniqueCount=\"3\"><si><t>南湖区</t></si><si><t>秀洲区</t></si><si><t>嘉善县</t></si></sst>".utf8)

/// Every row of the workbook's first sheet read one way, the error that ended it, and the metadata.
private func read(_ bytes: [UInt8], parseAhead: Bool) -> (rows: [Row], error: XLSXError?, metadata: SheetMetadata?) {
    var rows: [Row] = []
    do {
        let book = try Workbook(bytes: bytes, name: "t.xlsx")
        let reader = try book.rows(of: book.sheets[0], parseAhead: parseAhead)
        while let row = try reader.next() { rows.append(row) }
        return (rows, nil, reader.metadata)
    } catch {
        return (rows, error as? XLSXError, nil)
    }
}

/// The rows and metadata of a worksheet document pushed to the parser in chunks of `size` bytes.
private func parseInChunks(_ xml: [UInt8], size: Int) throws -> (rows: [Row], metadata: SheetMetadata) {
    try parseWorksheet(String(decoding: xml, as: UTF8.self), sharedStrings: ["南湖区", "秀洲区", "嘉善县"], chunkSize: size)
}

@Suite(.timeLimit(.minutes(2))) struct ParseAheadTests {
    @Test("a sheet parsed on a thread of its own gives the rows and metadata it gives parsed in turn")
    func sameRowsBothWays() throws {
        let rows = 6_000
        let bytes = try workbook(sheetXML: variedSheet(rows: rows), sharedStrings: sharedStrings)
        let ahead = read(bytes, parseAhead: true), inTurn = read(bytes, parseAhead: false)
        #expect(ahead.error == nil && inTurn.error == nil)
        let same = ahead.rows == inTurn.rows
        #expect(same)
        #expect(ahead.metadata == inTurn.metadata)
        // And both are right, not merely alike.
        #expect(ahead.rows.count == rows)
        let cells = cellsByReference(ahead.rows)
        #expect(cells["A6000"]?.value == .number(6000))
        #expect(cells["B4"]?.value == .string("秀洲区"))
        #expect(cells["C2"]?.value == .string("第2行 A"))
        #expect(cells["D2"]?.value == .string(" 项目 点位"))
        #expect(cells["E3"]?.formula == "A3*2" && cells["E3"]?.sharedFormulaMaster == CellReference("E1"))
        #expect(cells["F9"]?.value == .bool(true))
        #expect(cells["G10"]?.value == .error("#N/A") && cells["G11"]?.value == .empty && cells["G11"]?.styleIndex == 1)
        #expect(cells["I3000"]?.value.string?.count == 30_000)
        #expect(ahead.rows[6].hidden && ahead.rows[6].height == 30)
        #expect(ahead.metadata?.usedRange == CellRange("A1:I6000"))
        #expect(ahead.metadata?.mergedRanges == [CellRange("A1:B2")!])
        #expect(ahead.metadata?.hiddenRows.count == rows / 7)
    }

    @Test("pushed a byte, a few bytes or a block at a time, a sheet gives what it gives whole", arguments: [1, 5, 113, 4096])
    func chunkBoundaries(size: Int) throws {
        let xml = Array(variedSheet(rows: 40, longText: 3_000).utf8)
        let whole = try parseInChunks(xml, size: xml.count)
        let chunked = try parseInChunks(xml, size: size)
        #expect(whole.rows.count == 40)
        #expect(chunked.rows == whole.rows)
        #expect(chunked.metadata == whole.metadata)
    }

    @Test("one row of a hundred thousand cells, spread over many chunks, is one row both ways")
    func longRow() throws {
        let count = 100_000
        var xml = "<sheetData><row r=\"1\">"
        for i in 0..<count { xml += "<c r=\"A1\"><v>\(i)</v></c>" }
        xml += "</row><row r=\"2\"><c r=\"B2\"><v>1</v></c></row></sheetData>"
        let bytes = try workbook(sheet: xml)
        for parseAhead in [true, false] {
            let result = read(bytes, parseAhead: parseAhead)
            #expect(result.error == nil)
            #expect(result.rows.map(\.cells.count) == [count, 1])
            #expect(result.rows.first?.cells.last?.value == .number(Double(count - 1)))
        }
        let chunked = try parseInChunks(Array(("<worksheet>" + xml + "</worksheet>").utf8), size: 1000)
        #expect(chunked.rows.map(\.cells.count) == [count, 1])
    }

    @Test("only text still being captured is kept from one batch to the next, not stray text already passed")
    func strayTextNotCarried() throws {
        let parser = WorksheetParser(maxStringLength: 1 << 20)
        let sax = try SAXParser(handler: parser, location: ErrorLocation())
        var raw = RawCells()
        // Values outside any cell (damaged markup), then a value split between two pushes.
        let stray = String(repeating: "<v>\(String(repeating: "x", count: 1000))</v>", count: 100)
        try Array("<worksheet><sheetData>".utf8).withUnsafeBytes { try sax.push($0) }
        var sizes: [Int] = []
        for _ in 0..<5 {
            try Array(stray.utf8).withUnsafeBytes { try sax.push($0) }
            parser.takeRows(into: &raw)
            sizes.append(raw.bytes.count)
        }
        #expect(sizes.allSatisfy { $0 <= 101_000 }, "bytes handed over per push: \(sizes)")
        var decoder = CellDecoder(sharedStrings: [], formats: [], date1904: false, sheetName: nil)
        try Array("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>前半".utf8).withUnsafeBytes { try sax.push($0) }
        parser.takeRows(into: &raw)
        var rows = try decoder.rows(from: raw)
        #expect(rows.isEmpty && raw.bytes.count <= 101_000)
        try Array("后半</v></c></row></sheetData></worksheet>".utf8).withUnsafeBytes { try sax.push($0) }
        try sax.finish()
        parser.takeRows(into: &raw, closingOpenRow: true)
        rows += try decoder.rows(from: raw)
        #expect(rows.flatMap(\.cells).map(\.value) == [.string("前半后半")])
    }

    @Test(
        "damage ends the rows at the same place with the same error both ways",
        arguments: [
            ("<c r=\"Z2500\"><v>12abc</v></c>", XLSXError.Code.invalidValue),  // refused when the cell is made
            ("<c r=\"ZZZZ1\"><v>1</v></c>", .invalidCellReference),  // refused while parsing
            ("<c r=\"Z2500\" t=\"s\"><v>99</v></c>", .invalidValue),  // no such shared string
            ("<c r=\"Z2500\"><v>x</v></c><c></d>", .invalidValue),  // a bad value before broken XML in its row
            ("<c r=\"Z1\"><v>1</v></c></sheetData>", .malformedXML),
        ])
    func damage(cell: String, code: XLSXError.Code) throws {
        let bytes = try workbook(sheetXML: variedSheet(rows: 3_000, brokenAt: (2_500, cell)), sharedStrings: sharedStrings)
        let ahead = read(bytes, parseAhead: true), inTurn = read(bytes, parseAhead: false)
        #expect(inTurn.error?.code == code)
        #expect(ahead.error?.code == inTurn.error?.code)
        #expect(ahead.error?.location == inTurn.error?.location)
        #expect(ahead.rows.count == inTurn.rows.count && !inTurn.rows.isEmpty && inTurn.rows.count < 2_500)
        let same = ahead.rows == inTurn.rows
        #expect(same)
        if code == .invalidValue { #expect(inTurn.error?.location.cell == CellReference("Z2500")) }
    }

    @Test("a reader dropped half-way stops its thread; the workbook reads the sheet again, two readers side by side")
    func droppedHalfWay() throws {
        let bytes = try workbook(sheetXML: variedSheet(rows: 4_000), sharedStrings: sharedStrings)
        let book = try Workbook(bytes: bytes, name: "t.xlsx")
        for _ in 0..<20 {
            let reader = try book.rows(of: book.sheets[0], parseAhead: true)
            for _ in 0..<50 { _ = try reader.next() }
        }
        let first = try book.rows(of: book.sheets[0], parseAhead: true)
        let second = try book.rows(of: book.sheets[0], parseAhead: true)
        var count = 0
        while let a = try first.next() {
            let b = try second.next()
            #expect(a == b)
            count += 1
        }
        #expect(try second.next() == nil)
        #expect(count == 4_000)
    }

    @Test("a damaged part's CRC error comes after the same rows parsed ahead as in turn")
    func crcError() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/fuzz")
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("crc-error-rows-before.xlsx")))
        let ahead = read(bytes, parseAhead: true), inTurn = read(bytes, parseAhead: false)
        #expect(inTurn.error?.code == .corruptZip && !inTurn.rows.isEmpty)
        #expect(ahead.error?.code == inTurn.error?.code)
        #expect(ahead.rows == inTurn.rows)
    }

    @Test("a part of 4 MiB or more is parsed ahead unless asked otherwise; a small one in turn")
    func whenParsedAhead() throws {
        let small = try Workbook(bytes: try workbook(sheetXML: variedSheet(rows: 10)), name: "s.xlsx")
        let big = try Workbook(bytes: try workbook(sheetXML: variedSheet(rows: 25_000), sharedStrings: sharedStrings), name: "b.xlsx")
        #expect(try small.rows(of: small.sheets[0]).parsesAhead == false)
        #expect(try big.rows(of: big.sheets[0]).parsesAhead == ParseAhead.enabled)
        #expect(try big.rows(of: big.sheets[0], parseAhead: false).parsesAhead == false)
    }
}
