import Foundation
import Testing
import XLSXCore
@testable import XLSXReader

/// Rows of numbers and text, several MiB of XML: a part read in many of the read-ahead's slots.
private func bigSheetData(rows: Int = 40_000, brokenAt broken: Int? = nil) -> String {
    var xml = "<sheetData>"
    for r in 1...rows {
        xml += "<row r=\"\(r)\">"
        if r == broken {
            xml += "<c r=\"ZZZZ\(r)\"><v>1</v></c>"
        } else {
            xml += "<c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"inlineStr\"><is><t>第\(r)行 项目点位</t></is></c><c r=\"C\(r)\"><v>\(Double(r) / 8)</v></c>"
        }
        xml += "</row>"
    }
    return xml + "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"D1:E2\"/></mergeCells>"
}

private let sheetPart = "xl/worksheets/sheet1.xml"

/// Every byte of an entry and the error that ended it, if one did.
private func drain(_ reader: ZipEntryReader) -> (bytes: [UInt8], error: XLSXError?) {
    var bytes: [UInt8] = []
    do {
        while let chunk = try reader.next() { bytes += chunk }
        #expect(try reader.next() == nil)
        return (bytes, nil)
    } catch {
        return (bytes, error as? XLSXError)
    }
}

/// The offset of an entry's compressed bytes in the package and their length, from the central directory.
private func compressedData(of name: String, in zip: [UInt8]) -> Range<Int>? {
    func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    guard let end = stride(from: zip.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4b50 }) else { return nil }
    var at = u32(end + 16)
    for _ in 0..<u16(end + 10) {
        let nameLength = u16(at + 28)
        let entry = String(decoding: zip[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
        if entry == name {
            let local = u32(at + 42)
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            return start..<(start + u32(at + 20))
        }
        at += 46 + nameLength + u16(at + 30) + u16(at + 32)
    }
    return nil
}

@Suite(.timeLimit(.minutes(2))) struct ReadAheadTests {
    @Test("an entry inflated on a thread of its own gives the same bytes as one inflated as it is asked for")
    func sameBytes() throws {
        let sheet = "<worksheet xmlns=\"\(NS.main)\">\(bigSheetData())</worksheet>"
        let archive = try ZipArchive(bytes: try workbook(sheetXML: sheet), name: "big.xlsx")
        let ahead = drain(try archive.open(sheetPart, readAhead: true))
        let inTurn = drain(try archive.open(sheetPart, readAhead: false))
        #expect(ahead.error == nil && inTurn.error == nil)
        #expect(ahead.bytes.count > 4 * ZipReadAhead.slotSize)
        // Compared first and asserted as a flag: a failed comparison of megabytes would be diffed at length.
        let same = ahead.bytes == inTurn.bytes, whole = ahead.bytes == Array(sheet.utf8)
        #expect(same)
        #expect(whole)
    }

    @Test("a damaged entry read ahead gives the bytes inflated before the error, then the same error as read in turn")
    func damage() throws {
        var zip = try workbook(sheetXML: "<worksheet xmlns=\"\(NS.main)\">\(bigSheetData())</worksheet>")
        let intact = drain(try ZipArchive(bytes: zip, name: "big.xlsx").open(sheetPart, readAhead: false)).bytes
        let data = try #require(compressedData(of: sheetPart, in: zip))
        for i in 0..<64 { zip[data.lowerBound + data.count / 2 + i] ^= 0x5A }
        let archive = try ZipArchive(bytes: zip, name: "damaged.xlsx")
        let ahead = drain(try archive.open(sheetPart, readAhead: true))
        let inTurn = drain(try archive.open(sheetPart, readAhead: false))
        #expect(ahead.error?.code == .corruptZip)
        #expect(ahead.error?.code == inTurn.error?.code)
        #expect(ahead.error?.location.part == sheetPart)
        #expect(ahead.bytes.count > ZipReadAhead.slotSize && ahead.bytes.count < intact.count)
        // Chunks of other sizes end at other places before the error; up to there the bytes are the same.
        let shorter = min(ahead.bytes.count, inTurn.bytes.count)
        let same = ahead.bytes.prefix(shorter) == inTurn.bytes.prefix(shorter)
        #expect(same)
    }

    @Test("the package's inflation cap stops an entry read ahead as it stops one read in turn")
    func caps() throws {
        let zip = try workbook(sheetXML: "<worksheet xmlns=\"\(NS.main)\">\(bigSheetData())</worksheet>")
        var limits = ReadLimits.standard
        limits.maxTotalSize = 1 << 20
        for readAhead in [true, false] {
            let outcome = drain(try ZipArchive(bytes: zip, name: "big.xlsx", limits: limits).open(sheetPart, readAhead: readAhead))
            #expect(outcome.error?.code == .partTooLarge, "read ahead: \(readAhead)")
            #expect(outcome.bytes.count <= (1 << 20) + ZipReadAhead.slotSize)
        }
    }

    @Test("entries dropped half-read stop their threads, and entries read side by side do not mix")
    func stopAndInterleave() throws {
        let sheet = "<worksheet xmlns=\"\(NS.main)\">\(bigSheetData())</worksheet>"
        let archive = try ZipArchive(bytes: try workbook(sheetXML: sheet), name: "big.xlsx")
        for _ in 0..<50 {
            let reader = try archive.open(sheetPart, readAhead: true)
            _ = try reader.next()
        }
        for _ in 0..<10 { _ = try archive.open(sheetPart, readAhead: true) }
        let readers = [try archive.open(sheetPart, readAhead: true), try archive.open(sheetPart, readAhead: false),
                       try archive.open(sheetPart, readAhead: true), try archive.open("xl/workbook.xml", readAhead: true)]
        var bytes = [[UInt8]](repeating: [], count: readers.count)
        var open = Set(readers.indices)
        while !open.isEmpty {
            for i in open.sorted() {
                if let chunk = try readers[i].next() { bytes[i] += chunk } else { open.remove(i) }
            }
        }
        let whole = bytes[0] == Array(sheet.utf8), same = bytes[1] == bytes[0] && bytes[2] == bytes[0]
        #expect(whole)
        #expect(same)
        #expect(String(decoding: bytes[3], as: UTF8.self).hasPrefix("<workbook"))
    }
}

/// A small sheet's rows are read on the prefetching reader's own thread; a sheet large enough to be parsed
/// on a thread of its own (4 MiB of XML or more) has its cells made on the caller's.
private let sheetSizes = [(rows: 3_000, ownThread: true), (rows: 60_000, ownThread: false)]

@Suite(.timeLimit(.minutes(2))) struct PrefetchedRowReaderTests {
    @Test("rows read on a thread of their own are the rows read in turn, with the same metadata", arguments: sheetSizes)
    func sameRows(size: (rows: Int, ownThread: Bool)) throws {
        let book = try Workbook(bytes: try workbook(sheet: bigSheetData(rows: size.rows)), name: "big.xlsx")
        let sheet = book.sheets[0]
        var inTurn: [Row] = []
        let metadata = try book.forEachRow(in: sheet) { inTurn.append($0) }
        let prefetched = book.prefetchedRows(of: sheet)
        #expect(prefetched.readsOnOwnThread == size.ownThread)
        var rows: [Row] = []
        while let row = try prefetched.next() { rows.append(row) }
        #expect(rows.count == size.rows)
        let same = rows == inTurn
        #expect(same)
        #expect(prefetched.metadata == metadata)
        #expect(prefetched.metadata.mergedRanges.count == 1)
        #expect(try prefetched.next() == nil)
    }

    @Test("an error in the sheet comes after every row before it, as when read in turn", arguments: sheetSizes)
    func errorInOrder(size: (rows: Int, ownThread: Bool)) throws {
        let broken = size.rows * 3 / 4
        let book = try Workbook(bytes: try workbook(sheet: bigSheetData(rows: size.rows, brokenAt: broken)), name: "broken.xlsx")
        let sheet = book.sheets[0]
        func collect(_ next: () throws -> Row?) -> ([Row], XLSXError?) {
            var rows: [Row] = []
            do {
                while let row = try next() { rows.append(row) }
            } catch {
                return (rows, error as? XLSXError)
            }
            return (rows, nil)
        }
        let reader = try book.rows(of: sheet)
        let inTurn = collect { try reader.next() }
        let prefetched = book.prefetchedRows(of: sheet)
        let ahead = collect { try prefetched.next() }
        #expect(inTurn.1?.code == .invalidCellReference)
        #expect(ahead.1 == inTurn.1)
        // Every row the reader in turn gives before the error, the last batch's too (the rows of the chunk
        // that holds the error are not given by either).
        #expect(ahead.0.count > broken - 3_000 && ahead.0.count < broken)
        let same = ahead.0 == inTurn.0
        #expect(same)
        #expect(try prefetched.next() == nil)
    }

    @Test("a reader stopped or dropped half-way leaves the workbook to be read again", arguments: sheetSizes)
    func stopHalfWay(size: (rows: Int, ownThread: Bool)) throws {
        let book = try Workbook(bytes: try workbook(sheet: bigSheetData(rows: size.rows)), name: "big.xlsx")
        let sheet = book.sheets[0]
        let reader = book.prefetchedRows(of: sheet)
        #expect(try reader.next()?.index == 0)
        reader.stop()
        #expect(try reader.next() == nil)
        for _ in 0..<20 { _ = try book.prefetchedRows(of: sheet).next() }
        let grid = try book.grid(of: sheet)
        #expect(grid.value(row: size.rows - 1, column: 1) == .string("第\(size.rows)行 项目点位"))
    }

    @Test("a sheet that cannot be opened gives its error from the first next(), then no rows")
    func openFailure() throws {
        // The shared strings are read when the sheet is opened; broken, they fail it.
        let book = try Workbook(bytes: try workbook(sharedStrings: Array("<sst><si><t>a</sst>".utf8)), name: "sst.xlsx")
        let reader = book.prefetchedRows(of: book.sheets[0])
        #expect { try reader.next() } throws: { ($0 as? XLSXError)?.code == .malformedXML }
        #expect(try reader.next() == nil)
    }
}
