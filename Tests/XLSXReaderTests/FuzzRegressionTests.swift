import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// Inputs the fuzzer found (Docs/security.md), each named after what broke; the file is beside the test.
@Suite struct FuzzRegressionTests {
    private let folder = TestPaths.packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/fuzz")

    @Test("a <row> nested inside a <c> no longer crashes the worksheet parser")
    func rowNestedInCell() throws {
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("row-nested-in-cell.xml")))
        _ReaderFuzzing.parseParts(bytes)
        let rows = try parseWorksheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><row r=\"2\"></row><v>1</v></c></row></sheetData></worksheet>").rows
        #expect(rows.flatMap(\.cells).map(\.value) == [.number(1)])
    }

    @Test("a worksheet with a bad encoding and bad bytes reads the same in chunks once its first push holds the declaration")
    func badEncodingChunked() throws {
        // libxml2 converts the bad bytes differently when the declaration came in an earlier push of 7 bytes;
        // a real read's first push is a whole chunk, and so is the fuzzer's comparison's.
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("bad-encoding-chunked.xml")))
        _ReaderFuzzing.compareChunks(bytes)
        func rows(first: Int?) throws -> [Row] {
            var rows: [Row] = []
            _ = try SheetRowReader.readDocument(
                bytes, chunkSize: 7, firstChunk: first, sharedStrings: Array(repeating: "文字", count: 10), formats: [],
                maxStringLength: 1 << 20
            ) { rows.append($0) }
            return rows
        }
        #expect(try rows(first: 4096).map(\.index) == [0, 2])
        #expect(try rows(first: bytes.count) == rows(first: 4096))
    }

    @Test("rows read on a thread of their own end with the rows read in turn before a damaged part's CRC error")
    func prefetchedRowsBeforeAnError() throws {
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("crc-error-rows-before.xlsx")))
        func outcome(_ next: () throws -> Row?) -> (rows: [Row], error: XLSXError.Code?) {
            var rows: [Row] = []
            do {
                while let row = try next() { rows.append(row) }
            } catch {
                return (rows, (error as? XLSXError)?.code)
            }
            return (rows, nil)
        }
        let first = try Workbook(bytes: bytes, name: "crc.xlsx"), second = try Workbook(bytes: bytes, name: "crc.xlsx")
        let reader = try first.rows(of: first.sheets[0])
        let inTurn = outcome { try reader.next() }
        let prefetched = second.prefetchedRows(of: second.sheets[0])
        let ahead = outcome { try prefetched.next() }
        #expect(inTurn.error == .corruptZip && !inTurn.rows.isEmpty)
        #expect(ahead.error == inTurn.error)
        #expect(ahead.rows == inTurn.rows)
    }
}
