import XLSXCore

/// A sheet as the workbook globals list it (`BOUNDSHEET`, [MS-XLS] 2.4.28).
struct BoundSheet {
    var name: String
    var state: SheetState
    /// nil for a Visual Basic module (BIFF5/7), which is not a sheet.
    var kind: SheetKind?
    /// Where the sheet's `BOF` record is in the stream.
    var offset: Int
}

/// What the workbook globals substream holds that the cells need: sheets, shared strings, number
/// formats and cell formats, the date system and the code page.
struct WorkbookGlobals {
    var version: BIFFVersion
    var sheets: [BoundSheet] = []
    var sharedStrings: [String] = []
    /// Number format codes: by id in BIFF5/8, by order of appearance in BIFF2–4.
    var formatCodes: [Int: String] = [:]
    /// Cell formats (`XF`) in order: the number format id and the protection flags.
    var xfs: [(format: Int, locked: Bool, hidden: Bool)] = []
    var date1904 = false
    var codePage = 1252

    /// One `CellFormat` per XF (so a cell's XF index is its `styleIndex`); in a BIFF2 file without XF
    /// records, one per number format, which BIFF2 cells then name directly.
    func cellFormats() -> [CellFormat] {
        if xfs.isEmpty {
            guard version <= .biff4, let last = formatCodes.keys.max(), last < 4096 else { return [.general] }
            return (0...last).map { format($0, locked: true, hidden: false) }
        }
        return xfs.map { format($0.format, locked: $0.locked, hidden: $0.hidden) }
    }

    private func format(_ id: Int, locked: Bool, hidden: Bool) -> CellFormat {
        if let code = formatCodes[id] {
            return CellFormat(numberFormatID: id, formatCode: code, category: NumberFormat.category(code: code), locked: locked, hidden: hidden)
        }
        // BIFF2–4 list every format they use; an index without one is General.
        if version <= .biff4 { return CellFormat(numberFormatID: id, formatCode: "General", category: .general, locked: locked, hidden: hidden) }
        let code = NumberFormat.builtIn[id] ?? "General"
        return CellFormat(numberFormatID: id, formatCode: code, category: NumberFormat.category(builtIn: id), locked: locked, hidden: hidden)
    }
}

/// Reads the workbook globals: from after the first `BOF` to its `EOF` (for a single-sheet BIFF2–4 or
/// BIFF5 worksheet stream, the whole substream, whose cell records it leaves to `BIFFSheetParser`).
struct WorkbookGlobalsParser {
    private var reader: BIFFRecordReader
    private let limits: ReadLimits
    private var globals: WorkbookGlobals
    /// Byte strings of BIFF2–7, decoded once the `CODEPAGE` record, wherever it is, has been seen.
    private var sheetNames: [[UInt8]] = []
    private var formatBytes: [(Int, [UInt8])] = []
    private var nextFormatIndex = 0
    private var sawCodePage = false
    /// The first national character set of a font (BIFF5), for a workbook without `CODEPAGE`.
    private var fontCharset: Int?

    init(reader: BIFFRecordReader, version: BIFFVersion, limits: ReadLimits) {
        self.reader = reader
        self.limits = limits
        self.globals = WorkbookGlobals(version: version)
    }

    /// - Throws: `legacyOrEncrypted` for a `FILEPASS` record; `truncatedZip`/`corruptZip` for damaged records.
    mutating func parse() throws -> WorkbookGlobals {
        let version = globals.version
        while let record = try reader.next() {
            switch record.type {
            case BIFFType.eof:
                return finish()
            case BIFFType.bof, BIFFType.bof2, BIFFType.bof3, BIFFType.bof4:
                // A sheet's BOF before the globals' EOF: the EOF is missing.
                return finish()
            case BIFFType.filePass:
                throw XLSFailure.encrypted()
            case BIFFType.codePage where record.length >= 2:
                globals.codePage = reader.u16(record, 0)
                sawCodePage = true
            case BIFFType.font where version == .biff5 && record.length >= 13 && fontCharset == nil:
                let charset = reader.u8(record, 12)
                if ![0, 1, 2, 255].contains(charset) { fontCharset = charset }
            case BIFFType.dateMode where record.length >= 2:
                globals.date1904 = reader.u16(record, 0) == 1
            case BIFFType.boundSheet:
                try boundSheet(record)
            case BIFFType.sst where version == .biff8:
                globals.sharedStrings = try sharedStrings(record)
            case BIFFType.format, BIFFType.format2:
                try format(record)
            case BIFFType.xf, BIFFType.xf4, BIFFType.xf3, BIFFType.xf2:
                try xf(record)
            default:
                break
            }
        }
        return finish()
    }

    private mutating func finish() -> WorkbookGlobals {
        // Excel 5/95 wrote byte strings in the system code page and some writers leave CODEPAGE out;
        // the fonts' character set then tells which (a Chinese workbook's fonts say GB2312).
        if !sawCodePage, let charset = fontCharset, let codePage = Self.codePage(charset: charset) {
            globals.codePage = codePage
        }
        if !globals.version.isUnicode {
            let decoder = CodePageDecoder(codePage: globals.codePage)
            for (i, bytes) in sheetNames.enumerated() where i < globals.sheets.count {
                globals.sheets[i].name = decoder.decode(bytes)
            }
            for (id, bytes) in formatBytes { globals.formatCodes[id] = decoder.decode(bytes) }
        }
        for i in globals.sheets.indices {
            globals.sheets[i].name.removeAll { $0 == "\u{0}" }
            if globals.sheets[i].name.isEmpty { globals.sheets[i].name = "Sheet\(i + 1)" }
        }
        return globals
    }

    /// The Windows code page of a font character set (`LOGFONT.lfCharSet`).
    static func codePage(charset: Int) -> Int? {
        switch charset {
        case 128: 932  // Shift-JIS
        case 129: 949  // Hangul
        case 130: 1361  // Johab
        case 134: 936  // GB2312 / GBK
        case 136: 950  // Big5
        case 161: 1253
        case 162: 1254
        case 163: 1258
        case 177: 1255
        case 178: 1256
        case 186: 1257
        case 204: 1251
        case 222: 874
        case 238: 1250
        default: nil
        }
    }

    private mutating func boundSheet(_ r: BIFFRecord) throws {
        try reader.require(r, 7)
        let offset = Int(reader.u32(r, 0))
        let state: SheetState
        switch reader.u8(r, 4) & 0x03 {
        case 0: state = .visible
        case 1: state = .hidden
        default: state = .veryHidden
        }
        let kind: SheetKind?
        switch reader.u8(r, 5) {
        case 1: kind = .macrosheet
        case 2: kind = .chartsheet
        case 6: kind = nil
        default: kind = .worksheet
        }
        var name = ""
        if globals.version.isUnicode {
            let segments = try reader.withContinuations(r)
            var c = ContinuedReader(stream: reader.stream, segments: segments, type: r.type, offset: r.offset)
            try c.skip(6)
            let count = try c.u8()
            let flags = try c.u8()
            name = try c.characters(count, highByte: flags & 1 != 0)
        } else {
            let count = reader.u8(r, 6)
            guard 7 + count <= r.length else { throw XLSFailure.truncatedRecord(type: r.type, at: r.offset) }
            sheetNames.append(Array(reader.stream[(r.start + 7)..<(r.start + 7 + count)]))
        }
        globals.sheets.append(BoundSheet(name: name, state: state, kind: kind, offset: offset))
    }

    private mutating func format(_ r: BIFFRecord) throws {
        switch globals.version {
        case .biff8:
            try reader.require(r, 5)
            let id = reader.u16(r, 0)
            let segments = try reader.withContinuations(r)
            var c = ContinuedReader(stream: reader.stream, segments: segments, type: r.type, offset: r.offset)
            try c.skip(2)
            let count = try c.u16()
            let flags = try c.u8()
            globals.formatCodes[id] = try c.characters(count, highByte: flags & 1 != 0)
        case .biff5:
            try reader.require(r, 3)
            let count = reader.u8(r, 2)
            guard 3 + count <= r.length else { throw XLSFailure.truncatedRecord(type: r.type, at: r.offset) }
            formatBytes.append((reader.u16(r, 0), Array(reader.stream[(r.start + 3)..<(r.start + 3 + count)])))
        case .biff2, .biff3, .biff4:
            // BIFF4 puts two unused bytes before the string; formats are numbered in order.
            let skip = r.type == BIFFType.format ? 2 : 0
            try reader.require(r, skip + 1)
            let count = reader.u8(r, skip)
            let from = r.start + skip + 1
            let to = min(from + count, r.start + r.length)
            formatBytes.append((nextFormatIndex, Array(reader.stream[from..<to])))
            nextFormatIndex += 1
        }
    }

    private mutating func xf(_ r: BIFFRecord) throws {
        switch r.type {
        case BIFFType.xf:
            try reader.require(r, 6)
            let flags = reader.u16(r, 4)
            globals.xfs.append((reader.u16(r, 2), flags & 1 != 0, flags & 2 != 0))
        case BIFFType.xf4, BIFFType.xf3:
            try reader.require(r, 3)
            let flags = reader.u8(r, 2)
            globals.xfs.append((reader.u8(r, 1), flags & 1 != 0, flags & 2 != 0))
        default:  // BIFF2
            try reader.require(r, 3)
            let b = reader.u8(r, 2)
            globals.xfs.append((b & 0x3F, b & 0x40 != 0, b & 0x80 != 0))
        }
    }

    /// The shared string table ([MS-XLS] 2.4.265): XLUnicodeRichExtendedStrings across CONTINUE records.
    /// Reads as many strings as the records hold; the counts in the header are often wrong.
    private mutating func sharedStrings(_ r: BIFFRecord) throws -> [String] {
        let segments = try reader.withContinuations(r)
        var c = ContinuedReader(stream: reader.stream, segments: segments, type: r.type, offset: r.offset)
        if c.atEnd { return [] }
        _ = try c.u32()
        let unique = Int(try c.u32())
        var strings: [String] = []
        let bytes = segments.reduce(0) { $0 + $1.count }
        strings.reserveCapacity(min(unique, bytes / 3))
        while !c.atEnd {
            let text: String
            do {
                let count = try c.u16()
                let flags = try c.u8()
                let runs = flags & 0x08 != 0 ? try c.u16() : 0
                let phonetic = flags & 0x04 != 0 ? Int(try c.u32()) : 0
                text = try c.characters(count, highByte: flags & 1 != 0)
                try c.skip(runs * 4)
                try c.skip(phonetic)
            } catch {
                // Past the declared count, what does not parse is padding, not a string.
                if strings.count >= unique { break }
                throw error
            }
            if text.utf16.count > limits.maxStringLength {
                throw XLSFailure.stringTooLong(text.utf16.count, limit: limits.maxStringLength)
            }
            strings.append(text)
        }
        return strings
    }
}
