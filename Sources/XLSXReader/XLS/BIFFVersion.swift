/// The BIFF version of a stream, from its first `BOF` record. BIFF5 (Excel 5) and BIFF7 (Excel 95)
/// share one record format and are both `.biff5`.
enum BIFFVersion: Int, Comparable {
    case biff2 = 2, biff3 = 3, biff4 = 4, biff5 = 5, biff8 = 8

    static func < (a: BIFFVersion, b: BIFFVersion) -> Bool { a.rawValue < b.rawValue }

    /// Whether strings are Unicode (BIFF8) rather than bytes in the workbook's code page.
    var isUnicode: Bool { self == .biff8 }
}

/// What a `BOF` record says about the substream it opens ([MS-XLS] 2.4.21).
struct BOFInfo {
    enum Kind {
        case globals, worksheet, chart, macro, module, workspace, other
    }

    var version: BIFFVersion
    var kind: Kind

    /// Reads a `BOF` record; nil when `record` is not one.
    /// - Parameter streamName: `Book` for Excel 5/95 streams, used when the version field says nothing.
    static func read(_ record: BIFFRecord, in reader: BIFFRecordReader, streamName: String?) -> BOFInfo? {
        let version: BIFFVersion
        switch record.type {
        case BIFFType.bof2: version = .biff2
        case BIFFType.bof3: version = .biff3
        case BIFFType.bof4: version = .biff4
        case BIFFType.bof:
            let v = record.length >= 2 ? reader.u16(record, 0) : 0
            switch v {
            case 0x0600...: version = .biff8
            case 0x0500: version = .biff5
            default: version = streamName?.lowercased() == "book" ? .biff5 : .biff8
            }
        default: return nil
        }
        let dt = record.length >= 4 ? reader.u16(record, 2) : 0x10
        let kind: Kind
        switch dt {
        case 0x0005: kind = .globals
        case 0x0010: kind = .worksheet
        case 0x0020: kind = .chart
        case 0x0040: kind = .macro
        case 0x0006: kind = .module
        case 0x0100: kind = .workspace
        default: kind = .other
        }
        return BOFInfo(version: version, kind: kind)
    }
}

/// Decodes the strings of a BIFF stream: Unicode strings in BIFF8, code-page bytes before.
struct BIFFText {
    let version: BIFFVersion
    let decoder: CodePageDecoder

    /// A string with a `count`-byte length field at the reader's position (XLUnicodeString or
    /// ShortXLUnicodeString in BIFF8; length and bytes before).
    func string(_ r: inout ContinuedReader, lengthBytes: Int) throws -> String {
        let count = lengthBytes == 1 ? try r.u8() : try r.u16()
        // An empty string may come without its option byte (seen in files of third-party writers).
        if count == 0 { return "" }
        if version.isUnicode {
            let flags = try r.u8()
            return try r.characters(count, highByte: flags & 1 != 0)
        }
        return decoder.decode(try r.bytes(count))
    }

    /// A string in one record (and its CONTINUE records), starting `offset` bytes into it.
    func string(in segments: [Range<Int>], of record: BIFFRecord, stream: [UInt8], at offset: Int, lengthBytes: Int) throws -> String {
        var r = ContinuedReader(stream: stream, segments: segments, type: record.type, offset: record.offset)
        try r.skip(offset)
        return try string(&r, lengthBytes: lengthBytes)
    }
}
