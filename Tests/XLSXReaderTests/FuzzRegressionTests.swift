import Foundation
import Testing
import TestSupport
@testable import XLSXReader

/// Inputs the fuzzer found (Docs/security.md), each named after what broke; the file is beside the test.
@Suite struct FuzzRegressionTests {
    private let folder = TestPaths.packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/fuzz")

    @Test("a <row> nested inside a <c> no longer crashes the worksheet parser")
    func rowNestedInCell() throws {
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("row-nested-in-cell.xml")))
        _ReaderFuzzing.parseParts(bytes)
        let parser = WorksheetParser(sharedStrings: [], formats: [], date1904: false, maxStringLength: 1 << 20)
        try SAXParser.parse(Array("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><row r=\"2\"></row><v>1</v></c></row></sheetData></worksheet>".utf8), handler: parser)
        #expect(parser.rows.flatMap(\.cells).map(\.value) == [.number(1)])
    }
}
