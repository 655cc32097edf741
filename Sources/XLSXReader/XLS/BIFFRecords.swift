import XLSXCore

/// The record types the reader looks at ([MS-XLS] 2.3; the BIFF2–4 variants from the OpenOffice.org
/// documentation of the Excel file format).
enum BIFFType {
    static let eof: UInt16 = 0x000A
    static let bof2: UInt16 = 0x0009, bof3: UInt16 = 0x0209, bof4: UInt16 = 0x0409, bof: UInt16 = 0x0809
    static let `continue`: UInt16 = 0x003C
    static let filePass: UInt16 = 0x002F
    static let codePage: UInt16 = 0x0042
    static let font: UInt16 = 0x0031
    static let dateMode: UInt16 = 0x0022
    static let boundSheet: UInt16 = 0x0085
    static let sst: UInt16 = 0x00FC
    static let format: UInt16 = 0x041E, format2: UInt16 = 0x001E
    static let xf: UInt16 = 0x00E0, xf4: UInt16 = 0x0443, xf3: UInt16 = 0x0243, xf2: UInt16 = 0x0043
    static let ixfe: UInt16 = 0x0044
    // Cells.
    static let number: UInt16 = 0x0203, number2: UInt16 = 0x0003, integer2: UInt16 = 0x0002
    static let rk: UInt16 = 0x027E, mulRK: UInt16 = 0x00BD
    static let labelSST: UInt16 = 0x00FD, label: UInt16 = 0x0204, label2: UInt16 = 0x0004, rString: UInt16 = 0x00D6
    static let boolErr: UInt16 = 0x0205, boolErr2: UInt16 = 0x0005
    static let formula: UInt16 = 0x0006, formula3: UInt16 = 0x0206, formula4: UInt16 = 0x0406
    static let string: UInt16 = 0x0207, string2: UInt16 = 0x0007
    static let shrFmla: UInt16 = 0x04BC, array: UInt16 = 0x0221, array2: UInt16 = 0x0021, table: UInt16 = 0x0236
    // Sheet layout.
    static let row: UInt16 = 0x0208, row2: UInt16 = 0x0008
    static let colInfo: UInt16 = 0x007D, colWidth2: UInt16 = 0x0024
    static let mergedCells: UInt16 = 0x00E5
    static let protect: UInt16 = 0x0012, password: UInt16 = 0x0013
}

/// One record of a BIFF stream: its type and where its payload lies.
struct BIFFRecord {
    var type: UInt16
    /// Offset of the record's 4-byte header in the stream.
    var offset: Int
    /// Offset of the payload in the stream.
    var start: Int
    var length: Int
}

/// Walks the records of a BIFF stream. A record that runs past the end of the stream is an error.
struct BIFFRecordReader {
    let stream: [UInt8]
    private(set) var position: Int

    init(stream: [UInt8], position: Int = 0) {
        self.stream = stream
        self.position = position
    }

    /// The next record, or nil at the end of the stream (a tail of fewer than four zero bytes counts as the end).
    /// - Throws: `truncatedZip` when the stream ends inside a record.
    mutating func next() throws -> BIFFRecord? {
        let remaining = stream.count - position
        if remaining <= 0 { return nil }
        if remaining < 4 {
            if stream[position...].allSatisfy({ $0 == 0 }) { return nil }
            throw XLSFailure.truncatedRecord(type: 0, at: position)
        }
        let type = xlsU16(stream, position)
        let length = Int(xlsU16(stream, position + 2))
        guard length <= remaining - 4 else { throw XLSFailure.truncatedRecord(type: type, at: position) }
        let record = BIFFRecord(type: type, offset: position, start: position + 4, length: length)
        position += 4 + length
        return record
    }

    /// The type of the next record, without consuming it.
    func peekType() -> UInt16? {
        position + 4 <= stream.count ? xlsU16(stream, position) : nil
    }

    /// Consumes the CONTINUE records that follow and returns the payload ranges of `record` and of them.
    mutating func withContinuations(_ record: BIFFRecord) throws -> [Range<Int>] {
        var segments = [record.start..<(record.start + record.length)]
        while peekType() == BIFFType.continue, let c = try next() {
            segments.append(c.start..<(c.start + c.length))
        }
        return segments
    }

    @inline(__always) func u8(_ r: BIFFRecord, _ o: Int) -> Int { Int(stream[r.start + o]) }
    @inline(__always) func u16(_ r: BIFFRecord, _ o: Int) -> Int { Int(xlsU16(stream, r.start + o)) }
    @inline(__always) func u32(_ r: BIFFRecord, _ o: Int) -> UInt32 { xlsU32(stream, r.start + o) }
    @inline(__always) func f64(_ r: BIFFRecord, _ o: Int) -> Double { xlsF64(stream, r.start + o) }

    /// Throws unless the record has at least `length` bytes.
    @inline(__always) func require(_ r: BIFFRecord, _ length: Int) throws {
        if r.length < length { throw XLSFailure.truncatedRecord(type: r.type, at: r.offset) }
    }
}

/// Reads a record's payload and the CONTINUE records after it as one sequence of bytes, except that a
/// string's characters resume after a boundary with a new option byte ([MS-XLS] 2.5.293).
struct ContinuedReader {
    private let stream: [UInt8]
    private let segments: [Range<Int>]
    private var index = 0
    private var position: Int
    /// For errors: the record being read.
    private let type: UInt16
    private let offset: Int

    init(stream: [UInt8], segments: [Range<Int>], type: UInt16, offset: Int) {
        self.stream = stream
        self.segments = segments.isEmpty ? [0..<0] : segments
        self.position = self.segments[0].lowerBound
        self.type = type
        self.offset = offset
    }

    /// Bytes left in the current segment.
    private var available: Int { segments[index].upperBound - position }

    /// Whether every byte has been read.
    var atEnd: Bool {
        if available > 0 { return false }
        for s in segments[(index + 1)...] where !s.isEmpty { return false }
        return true
    }

    /// Moves to the next segment that has bytes; false when there is none.
    private mutating func advance() -> Bool {
        while index + 1 < segments.count {
            index += 1
            position = segments[index].lowerBound
            if available > 0 { return true }
        }
        return false
    }

    private func truncated() -> XLSXError { XLSFailure.truncatedRecord(type: type, at: offset) }

    mutating func u8() throws -> Int {
        if available == 0, !advance() { throw truncated() }
        let v = stream[position]
        position += 1
        return Int(v)
    }

    mutating func u16() throws -> Int {
        if available >= 2 {
            let v = xlsU16(stream, position)
            position += 2
            return Int(v)
        }
        let low = try u8()
        let high = try u8()
        return low | high << 8
    }

    mutating func u32() throws -> UInt32 {
        if available >= 4 {
            let v = xlsU32(stream, position)
            position += 4
            return v
        }
        let low = try u16()
        let high = try u16()
        return UInt32(low) | UInt32(high) << 16
    }

    /// Skips bytes, across segment boundaries (formatting runs and phonetic data carry no option bytes).
    mutating func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            if available == 0, !advance() { throw truncated() }
            let n = min(left, available)
            position += n
            left -= n
        }
    }

    /// Raw bytes (BIFF2–7 strings, in the workbook's code page), across segment boundaries.
    mutating func bytes(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, stream.count))
        var left = count
        while left > 0 {
            if available == 0, !advance() { throw truncated() }
            let n = min(left, available)
            out += stream[position..<(position + n)]
            position += n
            left -= n
        }
        return out
    }

    /// `count` characters of a BIFF8 string: one byte each (the low byte of UTF-16) when `highByte` is
    /// false, else UTF-16LE; after a segment boundary a new option byte says which.
    mutating func characters(_ count: Int, highByte: Bool) throws -> String {
        var units: [UInt16] = []
        units.reserveCapacity(min(count, stream.count))
        var wide = highByte
        var left = count
        while left > 0 {
            if available == 0 || (wide && available < 2) {
                // The characters resume in the next CONTINUE record, which must begin with the option byte:
                // an empty one in between is a damaged file ([MS-XLS] 2.5.293).
                guard index + 1 < segments.count, !segments[index + 1].isEmpty else { throw truncated() }
                _ = advance()
                wide = stream[position] & 1 != 0
                position += 1
                continue
            }
            if wide {
                let n = min(left, available / 2)
                for k in 0..<n { units.append(xlsU16(stream, position + 2 * k)) }
                position += 2 * n
                left -= n
            } else {
                let n = min(left, available)
                for k in 0..<n { units.append(UInt16(stream[position + k])) }
                position += n
                left -= n
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
