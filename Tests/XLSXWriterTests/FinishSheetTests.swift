import Foundation
import Testing
import XLSXCore
@testable import XLSXReader
@testable import XLSXWriter

/// Sheets written out early (`WorkbookBuilder.finish`) and deflated while their rows are written
/// (`StreamingDeflate`): the workbook's bytes are the same as without finishing, a sheet changed after it
/// was finished is written as changed, and rows can no longer be added to it.
@Suite struct FinishSheetTests {
    /// A large sheet (over the background threshold) with what hangs on it, and two small ones.
    static func build(finishing: Bool, parallel: Bool = true, afterFinish: (WorkbookBuilder) throws -> Void = { _ in }) throws -> [UInt8] {
        let book = try WorkbookBuilder()
        book.parallelDeflate = parallel
        let big = try book.addSheet("分解汇总")
        big.autoFitColumns = true
        for r in 0..<15_000 { try big.addRow([.number(Double(r)), .text("第\(r % 40)组"), .formula("A\(r + 1)*2", cached: .number(Double(2 * r)))]) }
        big.addNote(Note(cell: CellReference(row: 2, column: 1), text: "未计入：数据有误"))
        big.addHyperlink(at: CellReference(row: 0, column: 0), url: "https://example.org/")
        big.addConditionalFormat(ConditionalFormat(
            ranges: [CellRange(CellReference(row: 0, column: 0), CellReference(row: 9, column: 0))],
            rules: [.expression("A1>5", DifferentialStyle(fontColor: "9C0006", fill: "FFC7CE"))]))
        if finishing { try book.finish(big) }
        let small = try book.addSheet("说明")
        try small.addRow([.text("全市")])
        if finishing { try book.finishSheets() }
        let last = try book.addSheet("数据问题")
        try last.addRow([.text("无")])
        try afterFinish(book)
        return try book.data()
    }

    /// Every part of a package, inflated, by name (the parts these workbooks can have).
    static func parts(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let archive = try ZipArchive(bytes: bytes)
        let names = ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]
            + (1...3).flatMap { ["xl/worksheets/sheet\($0).xml", "xl/worksheets/_rels/sheet\($0).xml.rels"] }
        var parts: [String: [UInt8]] = [:]
        for name in names where archive.contains(name) {
            var bytes: [UInt8] = []
            try archive.read(name) { bytes += $0 }
            parts[name] = bytes
        }
        return parts
    }

    @Test("finishing sheets early gives the same bytes, deflated while written or in turn")
    func sameBytes() throws {
        // Compared as booleans: a failure would otherwise print megabytes of bytes.
        let streamed = try Self.build(finishing: true) == Self.build(finishing: false)
        let inTurn = try Self.build(finishing: true, parallel: false) == Self.build(finishing: false, parallel: false)
        let sameParts = try Self.parts(Self.build(finishing: true)) == Self.parts(Self.build(finishing: false, parallel: false))
        #expect(streamed)
        #expect(inTurn)
        #expect(sameParts, "the same parts, however they were deflated")
    }

    @Test("a sheet changed after it was finished is written as changed")
    func changedAfterFinishing() throws {
        let change: (WorkbookBuilder) throws -> Void = { book in
            let big = book.sheet(named: "分解汇总")!
            big.setColumnWidth(0, 20)
            big.tabColor = Color("FF0000")
            big.addNote(Note(cell: CellReference(row: 5, column: 1), text: "备注：后加的"))
            try big.merge(CellRange(CellReference(row: 0, column: 4), CellReference(row: 0, column: 5)))
            book.activeSheet = 1
        }
        let plain = try Self.parts(Self.build(finishing: false, afterFinish: change))
        let early = try Self.build(finishing: true, afterFinish: change)
        let same = try Self.parts(early) == plain
        let sameInTurn = try Self.build(finishing: true, parallel: false, afterFinish: change) == Self.build(finishing: false, parallel: false, afterFinish: change)
        let changed = try Self.parts(early) != Self.parts(Self.build(finishing: true))
        #expect(same)
        #expect(sameInTurn)
        #expect(changed, "the change reached the file")
        let sheet = try #require(plain["xl/worksheets/sheet1.xml"])
        #expect(String(decoding: sheet, as: UTF8.self).contains("<mergeCell ref=\"E1:F1\"/>"))
        let read = try Workbook(bytes: early)
        let grid = try read.grid(of: read.sheets[0])
        #expect(grid.value(row: 14_999, column: 0) == .number(14_999))
    }

    @Test("no rows can be added to a finished sheet, and a sheet of another workbook cannot be finished")
    func refusals() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("填报")
        try sheet.addRow([.text("甲")])
        try book.finish(sheet)
        let error = #expect(throws: XLSXError.self) { try sheet.addRow([.text("乙")]) }
        #expect(error?.code == .invalidValue)
        #expect(error?.chineseDescription.contains("已经写出") == true)
        let other = try WorkbookBuilder()
        let stranger = try other.addSheet("填报")
        #expect(throws: XLSXError.self) { try book.finish(stranger) }
        let read = try Workbook(bytes: try book.data())
        #expect(try read.grid(of: read.sheets[0]).rowCount == 1)
    }

    @Test("a large sheet is deflated on another thread while its rows are written, and its head put in front")
    func streamed() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("甲")
        sheet.autoFitColumns = true
        for r in 0..<15_000 { try sheet.addRow([.number(Double(r)), .text("第\(r)行")]) }
        #expect(sheet.stream != nil, "the rows filled the buffer, so their deflating began")
        let folder = book.directory.path
        let bytes = try book.data()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.contains("sheet1.body.deflated.zip"))
        #expect(!files.contains("sheet1.xml"), "the part was never written whole")
        let part = String(decoding: try #require(Self.parts(bytes)["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(part.hasPrefix("<?xml"))
        #expect(part.contains("<dimension ref=\"A1:B15000\"/>") && part.contains("<cols>"))
        #expect(part.hasSuffix("</worksheet>"))
        #expect(files.contains("sharedStrings.deflated.zip"), "the strings' items were deflated as they came too")
        let strings = String(decoding: try #require(Self.parts(bytes)["xl/sharedStrings.xml"]), as: UTF8.self)
        #expect(strings.hasPrefix("<?xml") && strings.contains("count=\"15000\" uniqueCount=\"15000\">") && strings.hasSuffix("<si><t>第14999行</t></si></sst>"))
    }

    @Test("a head longer than one stored block (65,535 bytes) is put in front in several")
    func longHead() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("甲")
        for c in 0..<3000 { sheet.setColumnWidth(c, Double(c % 50) + 1) }
        for r in 0..<15_000 { try sheet.addRow([.number(Double(r)), .text("第\(r)行")]) }
        let bytes = try book.data()
        let part = String(decoding: try #require(Self.parts(bytes)["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        let head = try #require(part.range(of: "<sheetData>")).lowerBound
        #expect(part.utf8.distance(from: part.startIndex, to: head) > 2 * 65_535)
        #expect(part.contains("<col min=\"3000\" max=\"3000\" width=\"50\" customWidth=\"1\"/>"))
        let read = try Workbook(bytes: bytes)
        #expect(try read.grid(of: read.sheets[0]).value(row: 14_999, column: 1) == .string("第14999行"))
    }

    @Test("a workbook dropped before it is written stops its deflating threads")
    func droppedUnwritten() throws {
        var streams: [StreamingDeflate] = []
        do {
            let book = try WorkbookBuilder()
            let sheet = try book.addSheet("甲")
            for r in 0..<15_000 { try sheet.addRow([.number(Double(r)), .text("第\(r)行")]) }
            streams = [sheet.stream, book.strings.stream].compactMap { $0 }
        }
        #expect(streams.count == 2, "the sheet's and the strings' deflating began")
        // Held here, the streams outlive the workbook: their threads must have been told to stop.
        for stream in streams { #expect(stream.threadEnded(within: 10)) }
    }

    @Test("at most four parts are deflated while written at once; finishing a sheet frees its place")
    func slots() throws {
        let book = try WorkbookBuilder(inlineStrings: true)
        var sheets: [SheetWriter] = []
        for k in 0..<6 {
            let sheet = try book.addSheet("表\(k)")
            for r in 0..<5_000 { try sheet.addRow([.number(Double(r)), .text("第\(k)表第\(r)行")]) }
            sheets.append(sheet)
        }
        #expect(sheets.map { $0.stream != nil } == [true, true, true, true, false, false])
        let more = try book.addSheet("表6")
        try book.finish(sheets[0])
        for r in 0..<5_000 { try more.addRow([.text("第\(r)行")]) }
        #expect(more.stream != nil, "the finished sheet's place went to the next")
        let read = try Workbook(bytes: try book.data())
        for (k, info) in read.sheets.enumerated() {
            #expect(try read.grid(of: info).rowCount == 5_000, "\(k)")
        }
    }

    @Test("random workbooks around the thresholds: the same parts streamed, finished early or deflated in turn", arguments: 0..<12)
    func randomWorkbooks(_ seed: Int) throws {
        let random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
        func build(parallel: Bool, finishing: Bool) throws -> [UInt8] {
            var r = random
            let book = try WorkbookBuilder(compressionLevel: [1, 6, 9][Int(r.next() % 3)])
            book.parallelDeflate = parallel
            for k in 0..<(1 + Int(r.next() % 3)) {
                let sheet = try book.addSheet("表\(k)")
                sheet.autoFitColumns = r.next() % 2 == 0
                // From a few bytes of rows to several times the 64 KiB that starts the stream.
                let rows = Int(r.next() % 6_000)
                let width = 1 + Int(r.next() % 6)
                for row in 0..<rows {
                    try sheet.addRow((0..<width).map { c in
                        r.next() % 3 == 0 ? .number(Double(row * width + c)) : .text("第\(row)行\(r.next() % 5_000)")
                    })
                }
                if r.next() % 4 == 0 { sheet.setColumnWidth(Int(r.next() % 4), 30) }
                let finishIt = r.next() % 2 == 0  // drawn either way, so that both builds make the same workbook
                if finishing && finishIt { try book.finish(sheet) }
            }
            return try book.data()
        }
        let plain = try Self.parts(build(parallel: false, finishing: false))
        let streamed = try build(parallel: true, finishing: false)
        let same = try Self.parts(streamed) == plain
        let finished = try Self.parts(build(parallel: true, finishing: true)) == plain
        let again = try build(parallel: true, finishing: false) == streamed
        #expect(same, "seed \(seed)")
        #expect(finished, "seed \(seed)")
        #expect(again, "seed \(seed): the same calls, the same bytes")
    }

    @Test("a shared-strings table that finds no free place is written whole, every string in it")
    func stringsWithoutSlot() throws {
        let book = try WorkbookBuilder()
        for k in 0..<4 {
            let sheet = try book.addSheet("数\(k)")
            for r in 0..<6_000 { try sheet.addRow([.number(Double(r)), .number(Double(k))]) }
        }
        let words = try book.addSheet("文")
        for r in 0..<6_000 { try words.addRow([.text("第\(r)项文字")]) }
        #expect(book.strings.stream == nil && words.stream == nil, "four sheets hold every place")
        let read = try Workbook(bytes: try book.data())
        let grid = try read.grid(of: read.sheets[4])
        #expect(grid.value(row: 5_999, column: 0) == .string("第5999项文字"))
        #expect(grid.value(row: 0, column: 0) == .string("第0项文字"))
    }

    @Test("CRC-32 of joined runs from each run's CRC", arguments: [0, 1, 7, 1000, 65_536, 200_001])
    func crcCombine(_ split: Int) {
        let bytes = (0..<200_001).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let whole = CRC32.checksum(bytes)
        let a = CRC32.checksum(bytes[..<split]), b = CRC32.checksum(bytes[split...])
        #expect(CRC32.combine(a, b, secondLength: UInt64(bytes.count - split)) == whole)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926, "the check value of CRC-32/ISO-HDLC")
    }
}

/// The shared-strings table's blocks: strings of every length, across block boundaries, found again and
/// written back whole.
@Suite struct SharedStringBlockTests {
    @Test("strings of every length, some as long as a cell allows, read back as written", arguments: [false, true])
    func acrossBlocks(_ parallel: Bool) throws {
        var random = SplitMix64(seed: 2021)
        let strings: [String] = (0..<40_000).map { i in
            switch random.next() % 50 {
            case 0: return String(repeating: "长", count: 10_000 + Int(random.next() % 900)) + "\(i)"  // about 30 KB of UTF-8
            case 1: return ""
            default: return "第\(i)项" + String(repeating: "x", count: Int(random.next() % 40))
            }
        }
        let table = SharedStringTable()
        let ids = strings.map { table.index(of: $0) }
        #expect(strings.map { table.index(of: $0) } == ids, "every string found again")
        #expect(Set(ids.compactMap { $0 }).count == Set(strings).count)
        let book = try WorkbookBuilder()
        book.parallelDeflate = parallel
        let sheet = try book.addSheet("甲")
        for s in strings { try sheet.addRow([s.isEmpty ? .text(" ") : .text(s)]) }
        let read = try Workbook(bytes: try book.data())
        let grid = try read.grid(of: read.sheets[0])
        var same = true
        for (r, s) in strings.enumerated() where grid.value(row: r, column: 0) != .string(s.isEmpty ? " " : s) { same = false }
        #expect(same)
    }
}
