import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

// MARK: - Builders of BIFF streams and compound files, so each test controls every byte

/// Little-endian bytes of BIFF fields.
private enum LE {
    static func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * UInt32($0)) & 0xFF) } }
    static func f64(_ v: Double) -> [UInt8] { (0..<8).map { UInt8(v.bitPattern >> (8 * UInt64($0)) & 0xFF) } }
    /// A BIFF8 XLUnicodeString: 16-bit length, option byte, UTF-16LE.
    static func unicode(_ s: String, lengthBytes: Int = 2) -> [UInt8] {
        let units = Array(s.utf16)
        return (lengthBytes == 1 ? [UInt8(units.count)] : u16(units.count)) + [1] + units.flatMap { u16(Int($0)) }
    }
}

/// One BIFF record.
private func rec(_ type: Int, _ payload: [UInt8]) -> [UInt8] { LE.u16(type) + LE.u16(payload.count) + payload }

private func bof8(_ dt: Int) -> [UInt8] { rec(0x0809, LE.u16(0x0600) + LE.u16(dt) + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }
private func bof5(_ dt: Int) -> [UInt8] { rec(0x0809, LE.u16(0x0500) + LE.u16(dt) + [0, 0, 0, 0]) }
private let eof = rec(0x000A, [])

/// A cell record's first six bytes: row, column, XF.
private func cellHead(_ row: Int, _ col: Int, _ xf: Int = 15) -> [UInt8] { LE.u16(row) + LE.u16(col) + LE.u16(xf) }

/// 16 XF records (the minimum a workbook has), then one with a date format (164, XF 16) and one with a
/// duration format (165, XF 17).
private func standardFormats(unicode: Bool) -> [UInt8] {
    let xf = { (fmt: Int) in rec(0x00E0, LE.u16(0) + LE.u16(fmt) + LE.u16(1) + [UInt8](repeating: 0, count: unicode ? 14 : 10)) }
    let format = { (id: Int, code: String) -> [UInt8] in
        unicode ? rec(0x041E, LE.u16(id) + LE.unicode(code)) : rec(0x041E, LE.u16(id) + [UInt8(code.utf8.count)] + Array(code.utf8))
    }
    return format(164, "yyyy-mm-dd") + format(165, "[h]:mm") + (0..<16).flatMap { _ in xf(0) } + xf(164) + xf(165)
}

/// A BIFF workbook stream: globals, then each sheet's substream, with BOUNDSHEET offsets filled in.
private func workbookStream(
    version: Int = 8, globals: [UInt8] = [], sheets: [(name: [UInt8], state: UInt8, type: UInt8, body: [UInt8])],
    beforeBoundSheets: [UInt8] = []
) -> [UInt8] {
    let unicode = version == 8
    func build(_ offsets: [Int]) -> [UInt8] {
        var g = (unicode ? bof8(5) : bof5(5)) + beforeBoundSheets + globals
        for (i, s) in sheets.enumerated() {
            g += rec(0x0085, LE.u32(UInt32(offsets[i])) + [s.state, s.type] + s.name)
        }
        return g + eof
    }
    let head = build(sheets.map { _ in 0 })
    var offsets: [Int] = []
    var at = head.count
    for s in sheets {
        offsets.append(at)
        at += s.body.count
    }
    return build(offsets) + sheets.flatMap(\.body)
}

/// A sheet substream around cell and layout records.
private func sheetBody(version: Int = 8, _ records: [UInt8], dt: Int = 0x10) -> [UInt8] {
    (version == 8 ? bof8(dt) : bof5(dt)) + records + eof
}

/// Writes a compound file ([MS-CFB]) whose root holds `streams`; streams under 4096 bytes go to the mini stream.
private struct CompoundFileBuilder {
    var sectorShift = 9
    /// List the FAT sectors in a DIFAT sector instead of the header.
    var fatInDIFATSector = false
    var streams: [(name: String, data: [UInt8])]

    /// The file, and where things are (for tests that damage them).
    func build() -> (bytes: [UInt8], fatSectors: [Int], streamStarts: [Int], directorySector: Int) {
        let size = 1 << sectorShift
        var sectors: [[UInt8]] = []
        var fat: [UInt32] = []
        func place(_ data: [UInt8]) -> Int {
            let first = sectors.count
            let n = max(1, (data.count + size - 1) / size)
            for i in 0..<n {
                var chunk = Array(data[min(data.count, i * size)..<min(data.count, (i + 1) * size)])
                chunk += [UInt8](repeating: 0, count: size - chunk.count)
                sectors.append(chunk)
                fat.append(i == n - 1 ? 0xFFFF_FFFE : UInt32(first + i + 1))
            }
            return first
        }
        // Mini stream and mini FAT.
        var mini: [UInt8] = []
        var miniFAT: [UInt32] = []
        var starts: [Int] = []
        var big: [Int: [UInt8]] = [:]
        for (i, s) in streams.enumerated() {
            if s.data.count < 4096 {
                let first = mini.count / 64
                let n = max(1, (s.data.count + 63) / 64)
                mini += s.data + [UInt8](repeating: 0, count: n * 64 - s.data.count)
                for k in 0..<n { miniFAT.append(k == n - 1 ? 0xFFFF_FFFE : UInt32(first + k + 1)) }
                starts.append(first)
            } else {
                big[i] = s.data
                starts.append(-1)
            }
        }
        let miniStreamStart = mini.isEmpty ? -1 : place(mini)
        let miniFATStart = miniFAT.isEmpty ? -1 : place(miniFAT.flatMap { LE.u32($0) })
        for i in big.keys.sorted() { starts[i] = place(big[i]!) }
        // Directory: the root, then the streams as a chain of right siblings.
        func entry(_ name: String, type: UInt8, right: Int, child: Int, start: Int, size: Int) -> [UInt8] {
            let units = Array(name.utf16)
            var e: [UInt8] = units.flatMap { LE.u16(Int($0)) } + [0, 0]
            e += [UInt8](repeating: 0, count: 64 - e.count)
            e += LE.u16((units.count + 1) * 2) + [type, 1]
            e += LE.u32(0xFFFF_FFFF) + LE.u32(right < 0 ? 0xFFFF_FFFF : UInt32(right)) + LE.u32(child < 0 ? 0xFFFF_FFFF : UInt32(child))
            e += [UInt8](repeating: 0, count: 36)
            e += LE.u32(start < 0 ? 0xFFFF_FFFE : UInt32(start)) + LE.u32(UInt32(size)) + LE.u32(0)
            return e
        }
        var directory = entry("Root Entry", type: 5, right: -1, child: streams.isEmpty ? -1 : 1, start: miniStreamStart, size: mini.count)
        for (i, s) in streams.enumerated() {
            directory += entry(s.name, type: 2, right: i + 1 < streams.count ? i + 2 : -1, child: -1, start: starts[i], size: s.data.count)
        }
        let directorySector = place(directory)
        // FAT sectors go last; they describe themselves as FATSECT.
        let perSector = size / 4
        var fatCount = 1
        while (sectors.count + fatCount + (fatInDIFATSector ? 1 : 0)) > fatCount * perSector { fatCount += 1 }
        var fatSectors: [Int] = []
        for _ in 0..<fatCount {
            fatSectors.append(sectors.count)
            sectors.append([])
            fat.append(0xFFFF_FFFD)
        }
        var difatSector = -1
        if fatInDIFATSector {
            difatSector = sectors.count
            sectors.append([])
            fat.append(0xFFFF_FFFC)
        }
        fat += [UInt32](repeating: 0xFFFF_FFFF, count: fatCount * perSector - fat.count)
        for (k, s) in fatSectors.enumerated() { sectors[s] = Array(fat[(k * perSector)..<((k + 1) * perSector)]).flatMap { LE.u32($0) } }
        if difatSector >= 0 {
            var d = fatSectors.flatMap { LE.u32(UInt32($0)) }
            d += [UInt8](repeating: 0xFF, count: size - 4 - d.count) + LE.u32(0xFFFF_FFFE)
            sectors[difatSector] = d
        }
        // Header.
        var h: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        h += LE.u16(0x3E) + LE.u16(sectorShift == 9 ? 3 : 4) + LE.u16(0xFFFE) + LE.u16(sectorShift) + LE.u16(6)
        h += [UInt8](repeating: 0, count: 6) + LE.u32(0) + LE.u32(UInt32(fatCount)) + LE.u32(UInt32(directorySector))
        h += LE.u32(0) + LE.u32(4096)
        h += LE.u32(miniFATStart < 0 ? 0xFFFF_FFFE : UInt32(miniFATStart)) + LE.u32(miniFAT.isEmpty ? 0 : 1)
        h += LE.u32(difatSector < 0 ? 0xFFFF_FFFE : UInt32(difatSector)) + LE.u32(difatSector < 0 ? 0 : 1)
        for i in 0..<109 { h += LE.u32(!fatInDIFATSector && i < fatSectors.count ? UInt32(fatSectors[i]) : 0xFFFF_FFFF) }
        h += [UInt8](repeating: 0, count: size - h.count)
        return (h + Array(sectors.joined()), fatSectors, starts, directorySector)
    }
}

/// Overwrites four bytes at `offset` with a little-endian value.
private func patch32(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
    for (i, b) in LE.u32(value).enumerated() { bytes[offset + i] = b }
}

/// The error reading `bytes` throws, failing the test if it is not an `XLSXError` or nothing is thrown.
private func readError(_ bytes: [UInt8], name: String = "hostile.xls", limits: ReadLimits = .standard) -> XLSXError? {
    do {
        let book = try XLSReader.read(bytes: bytes, name: name, limits: limits)
        Issue.record("read without error: \(book.sheets.map(\.name))")
        return nil
    } catch let error as XLSXError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// The values of a sheet by A1 reference.
private func cellValues(_ sheet: LoadedSheet) -> [String: CellValue] {
    var out: [String: CellValue] = [:]
    for row in sheet.rows { for cell in row.cells { out[cell.reference.description] = cell.value } }
    return out
}

private let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/xls")

private func fixture(_ name: String) throws -> LoadedBook {
    let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    return try XLSReader.read(bytes: bytes, name: name)
}

// MARK: - Files saved by LibreOffice

/// `Fixtures/xls/*.xls`, written by openpyxl and saved by LibreOffice as Excel 97–2003 (`make_xls_fixtures.py`).
@Suite struct XLSFixtureTests {
    static let long = String(String.UnicodeScalarView((0..<10_000).map { Unicode.Scalar(UInt32(0x4E00 + ($0 * 7) % 0x5000))! }))

    @Test("every value of a LibreOffice .xls: Chinese text, numbers, dates, cached formula results, booleans, errors")
    func values() throws {
        let book = try fixture("basic.xls")
        #expect(book.format == .xls)
        #expect(!book.date1904)
        let sheet = try #require(book.sheets.first)
        #expect(sheet.name == "数据")
        let v = cellValues(sheet)
        let expected: [String: CellValue] = [
            "A1": .string("名称"), "B1": .string("数量"), "C1": .string("日期"), "D1": .string("公式"), "E1": .string("备注"),
            "F1": .string("隐藏列"),
            "A2": .string("杭州市"), "B2": .number(42), "C2": .date(ExcelDateTime(year: 2021, month: 1, day: 1)), "D2": .number(84),
            "A3": .string("嘉兴市"), "B3": .number(8.1), "C3": .date(ExcelDateTime(year: 2021, month: 1, day: 1, hour: 12)),
            "D3": .string("嘉兴市区"),
            "A4": .string("湖州市"), "B4": .number(-1_234_567.25), "C4": .date(ExcelDateTime(serial: 0.5, kind: .time)), "D4": .bool(true),
            "A5": .bool(true), "B5": .bool(false), "D5": .error("#DIV/0!"),
            "A6": .error("#N/A"), "B6": .number(123_456_789), "C6": .number(0.1), "D6": .string(""),
            "A7": .date(ExcelDateTime(year: 2021, month: 7, day: 5)), "B7": .number(0.25), "C7": .number(1.23),
            "D7": .date(ExcelDateTime(serial: 1.5, kind: .duration)),
            "A9": .string("合并单元格"), "A10": .string("隐藏行"), "A11": .string(Self.long),
            "A12": .number(12), "B12": .number(120), "A13": .number(13), "B13": .number(130),
            "A14": .number(14), "B14": .number(140), "A15": .number(15), "B15": .number(150),
        ]
        #expect(v.count == expected.count)
        for (ref, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(v[ref] == value, "\(ref)")
        }
        #expect(v["A11"]?.string?.count == 10_000, "the 10,000-character string crosses CONTINUE records intact")
    }

    @Test("rows ascend, cells ascend within a row, and every style index names a format")
    func order() throws {
        let book = try fixture("basic.xls")
        // LibreOffice gives XF 0 format 164, "General".
        #expect(book.formats.first?.category == .general && book.formats.first?.formatCode == "General")
        for sheet in book.sheets {
            #expect(sheet.rows.map(\.index) == sheet.rows.map(\.index).sorted())
            #expect(Set(sheet.rows.map(\.index)).count == sheet.rows.count)
            for row in sheet.rows {
                #expect(row.cells.map(\.reference.column) == row.cells.map(\.reference.column).sorted())
                #expect(row.cells.allSatisfy { $0.reference.row == row.index && $0.styleIndex < book.formats.count })
            }
        }
        let sheet = book.sheets[0]
        let a7 = try #require(sheet.rows.first { $0.index == 6 }?.cells.first)
        #expect(book.formats[a7.styleIndex].category == .date)
        #expect(book.formats[a7.styleIndex].formatCode.contains("年"))
    }

    @Test("sheets keep their names and states; merged ranges, hidden rows and columns, widths are read")
    func sheetsAndLayout() throws {
        let book = try fixture("basic.xls")
        #expect(book.sheets.map(\.name) == ["数据", "隐藏", "非常隐藏", "图表"])
        // LibreOffice saves a very hidden sheet as hidden, and a chart sheet as a worksheet with a chart on it.
        #expect(book.sheets.map(\.state) == [.visible, .hidden, .hidden, .visible])
        #expect(cellValues(book.sheets[1])["A1"] == .string("隐藏的表"))
        let meta = book.sheets[0].metadata
        #expect(meta.mergedRanges == [CellRange(CellReference("A9")!, CellReference("C9")!)])
        #expect(meta.hiddenRows == [9])
        #expect(meta.hiddenColumns == [5])
        #expect(book.sheets[0].rows.first { $0.index == 9 }?.hidden == true)
        let width = try #require(meta.columnWidths[0])
        #expect(abs(width - 20) < 1.5, "column A is about 20 characters wide: \(width)")
        #expect(book.sheets[3].rows.isEmpty, "the embedded chart's substream is skipped")
    }

    @Test("the 1904 date system: dates count from 1904-01-01")
    func date1904() throws {
        let book = try fixture("date1904.xls")
        #expect(book.date1904)
        let v = cellValues(book.sheets[0])
        #expect(v["A1"] == .date(ExcelDateTime(year: 2021, month: 1, day: 1)))
        #expect(v["A1"]?.text == "2021-01-01")
        #expect(v["A2"] == .number(5))
        #expect(v["A3"]?.text == "1904-01-02T06:00:00")
    }
}

// MARK: - Records built byte by byte

@Suite struct XLSRecordTests {
    /// The shared strings: one rich ("abc"), one that switches from one byte per character to UTF-16 at a
    /// CONTINUE boundary ("Hello世界"), one with phonetic data split over two CONTINUE records ("终").
    static let sst: [UInt8] = {
        let first = LE.u32(3) + LE.u32(3)
            + LE.u16(3) + [0x08] + LE.u16(1) + Array("abc".utf8) + [0, 0, 0, 0]
            + LE.u16(7) + [0x00] + Array("Hel".utf8)
        let second = [0x01] + "lo世界".utf16.flatMap { LE.u16(Int($0)) }
            + LE.u16(1) + [0x05] + LE.u32(10) + LE.u16(0x7EC8) + [1, 2, 3, 4]
        return rec(0x00FC, first) + rec(0x003C, second) + rec(0x003C, [5, 6, 7, 8, 9, 10])
    }()

    static let mainSheet: [UInt8] = {
        var r: [UInt8] = []
        r += rec(0x00FD, cellHead(0, 0) + LE.u32(0)) + rec(0x00FD, cellHead(0, 1) + LE.u32(1)) + rec(0x00FD, cellHead(0, 2) + LE.u32(2))
        r += rec(0x0204, cellHead(1, 0) + LE.unicode("标签"))
        r += rec(0x00D6, cellHead(1, 1) + LE.unicode("富文本") + LE.u16(1) + [0, 0, 1, 0])
        r += rec(0x027E, cellHead(1, 2) + LE.u32(42 << 2 | 2)) + rec(0x027E, cellHead(1, 3) + LE.u32(123 << 2 | 3))
        r += rec(0x027E, cellHead(1, 4) + LE.u32(0x3FE0_0000))
        r += rec(0x00BD, LE.u16(2) + LE.u16(0) + LE.u16(15) + LE.u32(1 << 2 | 2) + LE.u16(16) + LE.u32(2 << 2 | 2)
            + LE.u16(15) + LE.u32(UInt32(bitPattern: -3 << 2 | 2)) + LE.u16(2))
        r += rec(0x0203, cellHead(3, 0, 16) + LE.f64(44197)) + rec(0x0203, cellHead(3, 1, 17) + LE.f64(1.5))
        r += rec(0x0203, cellHead(3, 2) + LE.f64(3.5))
        r += rec(0x0205, cellHead(4, 0) + [1, 0]) + rec(0x0205, cellHead(4, 1) + [0x07, 1]) + rec(0x0205, cellHead(4, 2) + [0x2A, 1])
        r += rec(0x0205, cellHead(4, 3) + [0x99, 1])
        let formula = { (col: Int, result: [UInt8]) in rec(0x0006, cellHead(5, col) + result + LE.u16(0) + LE.u32(0) + LE.u16(0)) }
        r += formula(0, LE.f64(6.5))
        r += formula(1, [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) + rec(0x04BC, [UInt8](repeating: 0, count: 10)) + rec(0x0207, LE.unicode("结果"))
        r += formula(2, [1, 0, 1, 0, 0, 0, 0xFF, 0xFF]) + formula(3, [2, 0, 0x17, 0, 0, 0, 0xFF, 0xFF])
        r += formula(4, [3, 0, 0, 0, 0, 0, 0xFF, 0xFF])
        r += rec(0x0201, cellHead(6, 0)) + rec(0x00BE, LE.u16(6) + LE.u16(1) + LE.u16(15) + LE.u16(15) + LE.u16(2))
        r += rec(0x0203, cellHead(7, 0) + LE.f64(1)) + rec(0x0203, cellHead(7, 0) + LE.f64(2))
        r += rec(0x0203, cellHead(8, 2) + LE.f64(3)) + rec(0x0203, cellHead(8, 0) + LE.f64(1))
        r += bof8(0x20) + rec(0x0203, cellHead(9, 0) + LE.f64(999)) + eof
        r += rec(0x0208, LE.u16(10) + LE.u16(0) + LE.u16(1) + LE.u16(600) + LE.u16(0) + LE.u16(0) + LE.u16(0x60) + LE.u16(15))
        r += rec(0x0203, cellHead(10, 0) + LE.f64(11))
        r += rec(0x0208, LE.u16(11) + LE.u16(0) + LE.u16(0) + LE.u16(400) + LE.u16(0) + LE.u16(0) + LE.u16(0x40) + LE.u16(15))
        r += rec(0x007D, LE.u16(1) + LE.u16(2) + LE.u16(10 * 256) + LE.u16(15) + LE.u16(1) + LE.u16(0))
        r += rec(0x007D, LE.u16(3) + LE.u16(3) + LE.u16(5 * 256) + LE.u16(15) + LE.u16(0) + LE.u16(0))
        r += rec(0x00E5, LE.u16(2) + LE.u16(12) + LE.u16(13) + LE.u16(0) + LE.u16(1) + LE.u16(12) + LE.u16(14) + LE.u16(2) + LE.u16(2))
        r += rec(0x0012, LE.u16(1)) + rec(0x0013, LE.u16(0xCC3D))
        return sheetBody(r)
    }()

    static func workbook(extraGlobals: [UInt8] = [], sheet: [UInt8] = mainSheet) -> [UInt8] {
        workbookStream(
            globals: rec(0x0042, LE.u16(1200)) + standardFormats(unicode: true) + extraGlobals + sst,
            sheets: [
                (LE.unicode("表一", lengthBytes: 1), 0, 0, sheet),
                (LE.unicode("VeryHidden", lengthBytes: 1), 2, 0, sheetBody([])),
                (LE.unicode("Chart", lengthBytes: 1), 0, 2, sheetBody(rec(0x0203, cellHead(0, 0) + LE.f64(5)), dt: 0x20)),
                (LE.unicode("Macro", lengthBytes: 1), 1, 1, sheetBody(rec(0x0203, cellHead(0, 0) + LE.f64(7)), dt: 0x40)),
            ])
    }

    static func file(_ stream: [UInt8], name: String = "Workbook", sectorShift: Int = 9, difat: Bool = false) -> [UInt8] {
        CompoundFileBuilder(sectorShift: sectorShift, fatInDIFATSector: difat, streams: [(name, stream)]).build().bytes
    }

    @Test("BIFF8 cell records: SST across CONTINUE, LABEL, RSTRING, RK, MULRK, NUMBER, BOOLERR, FORMULA results")
    func cells() throws {
        let book = try XLSReader.read(bytes: Self.file(Self.workbook()), name: "built.xls")
        let v = cellValues(book.sheets[0])
        #expect(v["A1"] == .string("abc"))
        #expect(v["B1"] == .string("Hello世界"))
        #expect(v["C1"] == .string("终"))
        #expect(v["A2"] == .string("标签"))
        #expect(v["B2"] == .string("富文本"))
        #expect(v["C2"] == .number(42))
        #expect(v["D2"] == .number(1.23))
        #expect(v["E2"] == .number(0.5))
        #expect(v["A3"] == .number(1))
        #expect(v["B3"] == .date(ExcelDateTime(serial: 2, kind: .date)))
        #expect(v["C3"] == .number(-3))
        #expect(v["A4"] == .date(ExcelDateTime(year: 2021, month: 1, day: 1)))
        #expect(v["B4"] == .date(ExcelDateTime(serial: 1.5, kind: .duration)))
        #expect(v["C4"] == .number(3.5))
        #expect(v["A5"] == .bool(true))
        #expect(v["B5"] == .error("#DIV/0!"))
        #expect(v["C5"] == .error("#N/A"))
        #expect(v["D5"] == nil, "an undefined error code is left out")
        #expect(v["A6"] == .number(6.5))
        #expect(v["B6"] == .string("结果"), "a string result comes from the STRING record after SHRFMLA")
        #expect(v["C6"] == .bool(true))
        #expect(v["D6"] == .error("#REF!"))
        #expect(v["E6"] == .string(""))
        #expect(v["A7"] == nil && v["B7"] == nil, "BLANK and MULBLANK give no cells")
        #expect(v["A8"] == .number(2), "the last record for a cell wins")
        #expect(book.sheets[0].rows.first { $0.index == 8 }?.cells.map(\.reference.description) == ["A9", "C9"])
        #expect(v["A10"] == nil, "an embedded chart's substream is skipped")
        #expect(book.sheets[0].rows.allSatisfy { $0.cells.allSatisfy { $0.formula == nil } })
    }

    @Test("BIFF8 sheets: states, chart and macro sheets; rows, columns, merged ranges, protection")
    func sheets() throws {
        let book = try XLSReader.read(bytes: Self.file(Self.workbook()), name: "built.xls")
        #expect(book.sheets.map(\.name) == ["表一", "VeryHidden", "Chart", "Macro"])
        #expect(book.sheets.map(\.state) == [.visible, .veryHidden, .visible, .hidden])
        #expect(book.sheets.map(\.kind) == [.worksheet, .worksheet, .chartsheet, .macrosheet])
        #expect(book.sheets[2].rows.isEmpty, "a chart sheet's cached series are not cells")
        #expect(cellValues(book.sheets[3])["A1"] == .number(7))
        let sheet = book.sheets[0]
        let meta = sheet.metadata
        #expect(meta.hiddenRows == [10])
        let row11 = try #require(sheet.rows.first { $0.index == 10 })
        #expect(row11.hidden && row11.height == 30)
        let row12 = try #require(sheet.rows.first { $0.index == 11 }, "a row of a set height is kept without cells")
        #expect(row12.cells.isEmpty && row12.height == 20 && !row12.hidden)
        #expect(meta.hiddenColumns == [1, 2])
        #expect(meta.columnWidths == [1: 10, 2: 10, 3: 5])
        #expect(meta.mergedRanges == [CellRange(CellReference("A13")!, CellReference("B14")!), CellRange(CellReference("C13")!, CellReference("C15")!)])
        #expect(meta.protection?.isProtected == true)
        #expect(meta.protection?.passwordHash == "CC3D")
        #expect(book.formats.count == 18)
        #expect(book.formats[16].category == .date && book.formats[17].category == .duration)
    }

    @Test("containers of 4096-byte sectors, with the FAT listed in a DIFAT sector, read the same")
    func containerVariants() throws {
        let stream = Self.workbook()  // small enough for the mini stream
        // Padding records in the globals make this one larger than the mini stream cutoff: it lives in normal sectors.
        let big = Self.workbook(extraGlobals: (0..<3).flatMap { _ in rec(0x00EF, [UInt8](repeating: 0, count: 2000)) })
        #expect(stream.count < 4096 && big.count > 4096)
        let reference = cellValues(try XLSReader.read(bytes: Self.file(stream), name: nil).sheets[0])
        for bytes in [Self.file(big), Self.file(big, sectorShift: 12), Self.file(stream, sectorShift: 12), Self.file(big, difat: true)] {
            let book = try XLSReader.read(bytes: bytes, name: nil)
            #expect(cellValues(book.sheets[0]) == reference)
        }
    }

    @Test("a workbook stream named BOOK, in capitals, is found")
    func streamNameCase() throws {
        let book = try XLSReader.read(bytes: Self.file(Self.workbook(), name: "WORKBOOK"), name: nil)
        #expect(book.sheets.count == 4)
    }

    /// An Excel 5/95 workbook in code page `codePage` (nil: no CODEPAGE record, but GB2312 fonts).
    static func biff5(codePage: Int?) -> [UInt8] {
        let gbk = { (hex: String) -> [UInt8] in
            stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
        }
        let label = { (row: Int, col: Int, bytes: [UInt8]) in rec(0x0204, cellHead(row, col) + LE.u16(bytes.count) + bytes) }
        var cells = label(0, 0, gbk("babcd6ddcad0"))
        cells += rec(0x00D6, cellHead(0, 1) + LE.u16(6) + gbk("b8bbcec4b1be") + [1, 0, 0])
        cells += rec(0x027E, cellHead(1, 0) + LE.u32(42 << 2 | 2)) + rec(0x0203, cellHead(1, 1, 16) + LE.f64(44197))
        cells += rec(0x0006, cellHead(2, 0) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + LE.u16(0) + LE.u32(0) + LE.u16(0))
        cells += rec(0x0207, LE.u16(4) + gbk("bde1b9fb"))
        let font = rec(0x0031, LE.u16(200) + LE.u16(0) + LE.u16(0x7FFF) + LE.u16(400) + LE.u16(0) + [0, 0, 134, 0] + [2] + Array("宋体".utf8.prefix(2)))
        let globals = (codePage.map { rec(0x0042, LE.u16($0)) } ?? font) + standardFormats(unicode: false)
        let name = gbk("bbe3d7dcb1ed")
        return workbookStream(version: 5, globals: globals, sheets: [([UInt8(name.count)] + name, 0, 0, sheetBody(version: 5, cells))])
    }

    @Test("Excel 5/95 (BIFF5): byte strings in GBK from CODEPAGE 936, or from the fonts' GB2312 character set")
    func biff5Chinese() throws {
        for codePage in [936, nil] {
            let book = try XLSReader.read(bytes: Self.file(Self.biff5(codePage: codePage), name: "Book"), name: "旧.xls")
            #expect(book.sheets.map(\.name) == ["汇总表"])
            let v = cellValues(book.sheets[0])
            #expect(v["A1"] == .string("杭州市"))
            #expect(v["B1"] == .string("富文本"))
            #expect(v["A2"] == .number(42))
            #expect(v["B2"] == .date(ExcelDateTime(year: 2021, month: 1, day: 1)))
            #expect(v["A3"] == .string("结果"))
        }
    }

    @Test("code pages: Windows-1252 without a CODEPAGE record or fonts; an undefined byte becomes U+FFFD")
    func codePages() {
        #expect(CodePageDecoder(codePage: 1252).decode([0x43, 0x61, 0x66, 0xE9, 0x80]) == "Café€")
        #expect(CodePageDecoder(codePage: 936).decode([0xCA, 0xFD, 0xBE, 0xDD]) == "数据")
        #expect(CodePageDecoder(codePage: 1251).decode([0xCF, 0xF0, 0xE8]) == "При")
        #expect(CodePageDecoder(codePage: 10000).decode([0x8A]) == "ä")
        #expect(CodePageDecoder(codePage: 936).decode([0x41, 0xFF, 0x42]) == "A\u{FFFD}B")
        #expect(CodePageDecoder(codePage: 99999).decode([0xE9]) == "é", "an unknown code page reads as Windows-1252")
    }

    /// A one-sheet BIFF8 workbook around `cells`, with `globals` before the sheet list.
    static func oneSheet(_ cells: [UInt8], globals: [UInt8] = []) -> [UInt8] {
        workbookStream(globals: standardFormats(unicode: true) + globals, sheets: [(LE.unicode("S", lengthBytes: 1), 0, 0, sheetBody(cells))])
    }

    @Test("quirks of real writers: a wrong SST count, padding after the SST, an empty LABEL without option byte")
    func writerQuirks() throws {
        let strings = LE.u16(1) + [0] + Array("x".utf8) + LE.u16(1) + [0] + Array("y".utf8)
        let cells = rec(0x00FD, cellHead(0, 0) + LE.u32(1)) + rec(0x0204, cellHead(0, 1) + LE.u16(0))
        for sst in [
            rec(0x00FC, LE.u32(0) + LE.u32(0) + strings),  // the count says none (Test_git_issue_477_sst_zero_count.xls)
            rec(0x00FC, LE.u32(2) + LE.u32(2) + strings + [0]),  // a stray byte after the last string
            rec(0x00FC, LE.u32(9) + LE.u32(9) + strings),  // the count says more (gh548_incorrect_sst_unique_count.xls)
        ] {
            let v = cellValues(try XLSReader.read(bytes: Self.file(Self.oneSheet(cells, globals: sst)), name: nil).sheets[0])
            #expect(v == ["A1": .string("y"), "B1": .string("")])
        }
    }

    @Test("a BOUNDSHEET that points just past the sheet's BOF is read from there (Test_git_issue624.xls)")
    func boundSheetPastBOF() throws {
        var stream = Self.oneSheet(rec(0x0203, cellHead(0, 0) + LE.f64(5)))
        let at = stream.firstRange(of: [0x85, 0x00])!.lowerBound + 4
        let offset = xlsU32(stream, at)
        patch32(&stream, at: at, offset + 20)
        let v = cellValues(try XLSReader.read(bytes: Self.file(stream), name: nil).sheets[0])
        #expect(v == ["A1": .number(5)])
    }

    @Test("Excel 2.x (a bare BIFF2 stream): the sheet is named after the file; formats by position give dates")
    func biff2() throws {
        let attr = { (xf: UInt8, fmt: UInt8) -> [UInt8] in [xf, fmt, 0] }
        var s = rec(0x0009, LE.u16(2) + LE.u16(0x10))
        s += rec(0x001E, [7] + Array("General".utf8)) + rec(0x001E, [6] + Array("d/m/yy".utf8))
        s += rec(0x0003, LE.u16(0) + LE.u16(0) + attr(0, 1) + LE.f64(44197))
        s += rec(0x0002, LE.u16(0) + LE.u16(1) + attr(0, 0) + LE.u16(7))
        s += rec(0x0004, LE.u16(1) + LE.u16(0) + attr(0, 0) + [2] + Array("hi".utf8))
        s += rec(0x0005, LE.u16(1) + LE.u16(1) + attr(0, 0) + [0x2A, 1])
        s += rec(0x0006, LE.u16(2) + LE.u16(0) + attr(0, 0) + LE.f64(9) + [0, 0])
        s += eof
        let book = try XLSReader.read(bytes: s, name: "/data/old-file.xls")
        #expect(book.sheets.map(\.name) == ["old-file"])
        let v = cellValues(book.sheets[0])
        #expect(v == ["A1": .date(ExcelDateTime(year: 2021, month: 1, day: 1)), "B1": .number(7), "A2": .string("hi"), "B2": .error("#N/A"), "A3": .number(9)])
    }
}

// MARK: - Hostile and broken input

/// Damaged containers and records are refused with an `XLSXError`, quickly: no crash, hang or huge allocation.
@Suite(.timeLimit(.minutes(1))) struct XLSHostileInputTests {
    /// A workbook large enough that its stream sits in normal sectors, and where its parts are.
    static func container() -> (bytes: [UInt8], fatSectors: [Int], streamStart: Int, directorySector: Int, sectors: Int) {
        let stream = XLSRecordTests.workbook(extraGlobals: (0..<3).flatMap { _ in rec(0x00EF, [UInt8](repeating: 0, count: 2000)) })
        let built = CompoundFileBuilder(streams: [("Workbook", stream)]).build()
        return (built.bytes, built.fatSectors, built.streamStarts[0], built.directorySector, (stream.count + 511) / 512)
    }

    /// The file offset of the FAT entry for `sector`.
    static func fatEntry(_ c: (bytes: [UInt8], fatSectors: [Int], streamStart: Int, directorySector: Int, sectors: Int), _ sector: Int) -> Int {
        (c.fatSectors[sector / 128] + 1) * 512 + 4 * (sector % 128)
    }

    @Test("a FAT whose chain loops back on itself")
    func fatCycle() {
        var c = Self.container()
        patch32(&c.bytes, at: Self.fatEntry(c, c.streamStart + c.sectors - 2), UInt32(c.streamStart))
        let e = readError(c.bytes)
        #expect(e?.code == .corruptZip)
        #expect(e?.chineseMessage?.contains("扇区链循环") == true)
        #expect(e?.location.file == "hostile.xls")
    }

    @Test("a chain that continues at a sector past the end of the file")
    func sectorPastEnd() {
        var c = Self.container()
        patch32(&c.bytes, at: Self.fatEntry(c, c.streamStart), 0x00FF_FFFF)
        #expect(readError(c.bytes)?.code == .truncatedZip)
        // The same with the stream's first sector.
        var d = Self.container()
        patch32(&d.bytes, at: (d.directorySector + 1) * 512 + 128 + 116, 0x7FFF_FFF0)
        #expect(readError(d.bytes)?.code == .truncatedZip)
    }

    @Test("a stream that declares 4 GB is refused before anything is allocated")
    func hugeDeclaredSize() {
        var c = Self.container()
        patch32(&c.bytes, at: (c.directorySector + 1) * 512 + 128 + 120, 0xFFFF_FFF0)
        #expect(readError(c.bytes)?.code == .partTooLarge)
        let small = ReadLimits(maxPartSize: 1 << 12)
        #expect(readError(Self.container().bytes, limits: small)?.code == .partTooLarge)
    }

    @Test("a directory whose red-black tree loops, and a DIFAT chain that loops")
    func directoryAndDIFATCycles() {
        var c = Self.container()
        patch32(&c.bytes, at: (c.directorySector + 1) * 512 + 128 + 72, 1)
        #expect(readError(c.bytes)?.code == .corruptZip)
        let stream = XLSRecordTests.workbook()
        let built = CompoundFileBuilder(fatInDIFATSector: true, streams: [("Workbook", stream)]).build()
        var bytes = built.bytes
        let difat = Int(bytes[0x44]) | Int(bytes[0x45]) << 8
        patch32(&bytes, at: (difat + 1) * 512 + 508, UInt32(difat))
        #expect(readError(bytes)?.code == .corruptZip)
    }

    @Test("a file cut inside a BIFF record, or inside the container's header")
    func truncated() {
        var stream = XLSRecordTests.workbook()
        stream.removeLast(3)
        let e = readError(XLSRecordTests.file(stream))
        #expect(e?.code == .truncatedZip)
        #expect(e?.chineseMessage?.contains("被截断") == true)
        #expect(readError(Array(XLSRecordTests.file(stream).prefix(300)))?.code == .truncatedZip)
        let cut = Array(XLSRecordTests.workbook().prefix(200))
        #expect(readError(cut.count > 8 ? XLSRecordTests.file(cut) : cut)?.code == .truncatedZip)
    }

    @Test("an encrypted workbook (FILEPASS) names the password")
    func encrypted() {
        let e = readError(XLSRecordTests.file(XLSRecordTests.workbook(extraGlobals: rec(0x002F, LE.u16(1) + [UInt8](repeating: 0, count: 52)))))
        #expect(e?.code == .legacyOrEncrypted)
        #expect(e?.chineseMessage?.contains("文件已加密（设有打开密码）") == true)
        #expect(e?.chineseHint?.contains("去掉密码") == true)
        // An encrypted .xlsx is an OLE file too.
        let xlsx = CompoundFileBuilder(streams: [("EncryptionInfo", [1, 2, 3]), ("EncryptedPackage", [4, 5, 6])]).build().bytes
        #expect(readError(xlsx)?.code == .legacyOrEncrypted)
    }

    @Test("files that are not workbooks: text, a Word document, an OLE file without a Workbook stream")
    func notWorkbooks() {
        #expect(readError(Array("Attachment: report.xls\n".utf8))?.code == .unsupported)
        let html = readError(Array("\u{FEFF}<html><body><table><tr><td>1</td></tr></table></body></html>".utf8))
        #expect(html?.code == .unsupported)
        #expect(html?.chineseMessage?.contains("网页（HTML）") == true)
        let xml = readError(Array("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8))
        #expect(xml?.chineseMessage?.contains("Excel 2003 XML") == true)
        #expect(readError([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60))?.chineseHint == "请把扩展名改为 .xlsx 再试")
        let word = readError(CompoundFileBuilder(streams: [("WordDocument", [0, 1, 2])]).build().bytes)
        #expect(word?.code == .missingPart)
        #expect(word?.chineseMessage?.contains("Word") == true)
        #expect(readError(CompoundFileBuilder(streams: [("Other", [0, 1, 2])]).build().bytes)?.code == .missingPart)
        // Excel 4.0 workbook files (several sheets bound in one BIFF4 stream) are refused by name.
        let workspace = rec(0x0409, LE.u16(0) + LE.u16(0x0100) + LE.u16(0)) + eof
        let e = readError(workspace)
        #expect(e?.code == .unsupported)
        #expect(e?.chineseHint?.contains("另存为 .xlsx") == true)
    }

    @Test("a string that resumes in an empty CONTINUE record (no option byte)")
    func emptyContinue() {
        let sst = rec(0x00FC, LE.u32(1) + LE.u32(1) + LE.u16(4) + [0] + Array("ab".utf8)) + rec(0x003C, []) + rec(0x003C, [0] + Array("cd".utf8))
        let stream = workbookStream(globals: standardFormats(unicode: true) + sst, sheets: [(LE.unicode("S", lengthBytes: 1), 0, 0, sheetBody([]))])
        #expect(readError(XLSRecordTests.file(stream))?.code == .truncatedZip)
    }

    @Test("cells outside the grid, NaN numbers, a shared string that does not exist")
    func badCells() {
        let one = { (records: [UInt8]) in
            XLSRecordTests.file(workbookStream(
                globals: standardFormats(unicode: true), sheets: [(LE.unicode("S", lengthBytes: 1), 0, 0, sheetBody(records))]))
        }
        let e = readError(one(rec(0x0203, cellHead(0, 20000) + LE.f64(1))))
        #expect(e?.code == .invalidCellReference)
        #expect(e?.location.sheet == "S")
        #expect(readError(one(rec(0x0203, cellHead(0, 0) + LE.f64(.nan))))?.code == .invalidValue)
        #expect(readError(one(rec(0x00FD, cellHead(0, 0) + LE.u32(5))))?.code == .corruptZip)
    }

    @Test("many sheets pointing at one substream are refused instead of read over and over")
    func overlappingSheets() {
        let body = sheetBody((0..<200).flatMap { rec(0x0203, cellHead($0, 0) + LE.f64(1)) })
        let names = (0..<2000).map { LE.unicode("S\($0)", lengthBytes: 1) }
        let globals = { (offset: Int) in
            bof8(5) + standardFormats(unicode: true) + names.flatMap { rec(0x0085, LE.u32(UInt32(offset)) + [0, 0] + $0) } + eof
        }
        let e = readError(XLSRecordTests.file(globals(globals(0).count) + body))
        #expect(e?.code == .corruptZip)
        #expect(e?.chineseMessage?.contains("重叠") == true)
    }
}

// MARK: - The legacy corpus

/// Every .xls of `../shared/corpus-legacy` read and compared with the reference dumps (python-calamine and
/// xlrd) by the rules of `CorpusComparison`; the files both references reject must be refused with an `XLSXError`.
@Suite(.requires(.shared(path: "corpus-legacy/manifest.tsv"))) struct XLSCorpusTests {
    static let corpus = TestPaths.shared.appendingPathComponent("corpus-legacy")

    /// Files where minsheng differs from both references because the references are wrong (checked record by record).
    static let referenceErrors: [String: String] = [
        "exceldatareader/ExcelLibrary_newdoc.xls":
            "B6 has format YYYY\\-MM\\-DD in a 1904 workbook: a date (2017-06-05); calamine misses the upper-case date code, xlrd refuses the file",
        "exceldatareader/StringContinuationAfterCharacterData.xls":
            "cells formatted [$-411]e (the Japanese era year) are dates; both references take only y/m/d/h/s for date codes",
        "exceldatareader/Test_git_issue_283_TimeSpan.xls":
            "C6 is serial 60 in a date format: Excel's 1900-02-29, which ExcelDateTime keeps; both references say 1900-02-28",
        "exceldatareader/Test_git_issue_411.xls":
            "the top-level Book stream (one sheet, CP1251 from the fonts) is the workbook; both references read the Workbook stream of an embedded object",
    ]

    @Test("at least 98% of the corpus .xls files agree with a reference; every disagreement is a known reference error; broken files are refused")
    func corpus() throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        let col = { (name: String) in header.firstIndex(of: name)! }
        var agree = 0, compared = 0, rejected = 0, broken = 0
        var unexplained: [String] = []
        for f in lines {
            let notes = f[col("notes")]
            guard notes.contains("BIFF") || notes.contains("xls-is-text") || notes.contains("unknown-binary") || notes.contains("ole-no-workbook") else { continue }
            let name = "\(f[col("source")])/\(f[col("file")])"
            let bytes = [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            if notes.contains("BOTH_FAIL") {
                broken += 1
                do {
                    _ = try XLSReader.read(bytes: bytes, name: name)
                    Issue.record("\(name): both references reject it, but it was read")
                } catch is XLSXError {
                    rejected += 1
                } catch {
                    Issue.record("\(name): refused with an error that is not an XLSXError: \(error)")
                }
                continue
            }
            compared += 1
            let refdir = Self.corpus.appendingPathComponent("ref").appendingPathComponent(name)
            let listing = try String(contentsOf: refdir.appendingPathComponent("sheets.tsv"), encoding: .utf8)
            let indexes = listing.split(separator: "\n").compactMap { Int($0.split(separator: "\t").first ?? "") }
            var bad: [String] = []
            do {
                let book = try XLSReader.read(bytes: bytes, name: name)
                for i in indexes {
                    let calamine = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).tsv"))
                    let second = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).openpyxl.tsv"))
                    if calamine == nil && second == nil { continue }
                    guard i < book.sheets.count else {
                        bad.append("sheet \(i + 1) missing")
                        continue
                    }
                    var ours: [String: String] = [:]
                    for row in book.sheets[i].rows {
                        for cell in row.cells where !cell.value.text.isEmpty { ours[cell.reference.description] = CorpusComparison.escape(cell.value.text) }
                    }
                    let d = CorpusComparison.disagreements(ours: ours, calamine: calamine, openpyxl: second)
                    if let first = d.first { bad.append("sheet \(i + 1): \(d.count) cells, e.g. \(first)") }
                }
            } catch {
                bad.append("\(error)")
            }
            if bad.isEmpty {
                agree += 1
            } else if Self.referenceErrors[name] == nil {
                unexplained.append("\(name): \(bad.joined(separator: "; ").prefix(400))")
            }
        }
        let share = Double(agree) / Double(max(compared, 1))
        print("corpus-legacy .xls: agree \(agree)/\(compared) (\(String(format: "%.1f", share * 100))%), broken files refused \(rejected)/\(broken)")
        #expect(compared >= 250)
        #expect(share >= 0.98)
        #expect(unexplained.isEmpty, "\(unexplained.joined(separator: "\n"))")
        #expect(rejected == broken)
    }
}
