import XLSXCore

/// Streams the rows of one worksheet; memory stays bounded by a few chunks' rows (`ZipEntryReader`). For the formats
/// read whole, it hands out the rows already read.
///
/// A worksheet part is read in two stages: the parser records each push's cells (`WorksheetParser`,
/// `RawCells`) and `CellDecoder` makes them into rows on the caller's thread. A large part is parsed on a
/// thread of its own (`ParseAhead`), so the two stages share the machine's cores; either way the rows, the
/// metadata and the errors are the same, in the same order.
public final class SheetRowReader {
    private enum Source {
        /// A worksheet part parsed on the caller's thread, a chunk at each call.
        case inTurn(entry: ZipEntryReader, parser: WorksheetParser, sax: SAXParser)
        /// A worksheet part parsed on a thread of its own.
        case ahead(ParseAhead)
        /// A format read as it goes (csv).
        case stream(any RowStream)
        /// Rows already in memory.
        case loaded
    }

    private let source: Source
    private var decoder: CellDecoder?
    /// The recorded cells of the part parsed in turn, their storage kept from chunk to chunk.
    private var raw = RawCells()
    private let cellsWanted: Bool
    private var buffered: [Row] = []
    private var position = 0
    private var finished = false
    private var failure: (any Error)?
    private var endMetadata: SheetMetadata?
    private var streamUsed = UsedRangeTracker()

    init(
        entry: ZipEntryReader, decoder: CellDecoder, maxStringLength: Int, location: ErrorLocation, cellsWanted: Bool,
        parseAhead: Bool?
    ) throws {
        let parser = WorksheetParser(maxStringLength: maxStringLength)
        parser.sheetName = location.sheet
        let sax = try SAXParser(handler: parser, location: location)
        if parseAhead ?? (entry.readsAhead && ParseAhead.enabled) {
            source = .ahead(ParseAhead(entry: entry, parser: parser, sax: sax))
        } else {
            source = .inTurn(entry: entry, parser: parser, sax: sax)
        }
        self.decoder = decoder
        self.cellsWanted = cellsWanted
    }

    /// Rows from a stream of a format read as it goes.
    init(stream: any RowStream) {
        source = .stream(stream)
        cellsWanted = true
        finished = true
    }

    /// Rows already in memory; the used range is computed from their cells.
    init(rows: [Row], metadata: SheetMetadata) {
        source = .loaded
        cellsWanted = true
        buffered = rows
        finished = true
        var meta = metadata
        var used = UsedRangeTracker()
        for row in rows {
            for cell in row.cells where !cell.value.isEmpty || cell.formula != nil { used.include(cell.reference) }
        }
        meta.usedRange = used.range
        endMetadata = meta
    }

    /// Whether the part is parsed on a thread of its own.
    var parsesAhead: Bool {
        if case .ahead = source { return true }
        return false
    }

    /// The next row, or nil after the last one.
    public func next() throws -> Row? {
        if case .stream(let stream) = source {
            guard let row = try stream.next() else { return nil }
            for cell in row.cells where !cell.value.isEmpty || cell.formula != nil { streamUsed.include(cell.reference) }
            return row
        }
        while position >= buffered.count {
            if let failure { throw failure }
            if finished { return nil }
            buffered.removeAll(keepingCapacity: true)
            position = 0
            do {
                try refill()
            } catch {
                failure = error
                throw error
            }
        }
        defer { position += 1 }
        return buffered[position]
    }

    /// Parses the next chunk (or takes the next batch parsed ahead) and makes its rows.
    private func refill() throws {
        switch source {
        case .inTurn(let entry, let parser, let sax):
            let chunk: UnsafeRawBufferPointer?
            do {
                chunk = try entry.next()
            } catch {
                parser.takeRows(into: &raw, closingOpenRow: true)
                try failed(after: raw, error)
            }
            keep(try Self.step(chunk, parser: parser, sax: sax, decoder: &decoder!, storage: &raw))
            if chunk == nil {
                finished = true
                endMetadata = parser.metadata
            }
        case .ahead(let ahead):
            switch ahead.next() {
            case .rows(let raw):
                keep(try decoder!.rows(from: raw))
                ahead.giveBack(raw)
            case .failed(let raw, let error):
                try failed(after: raw, error)
            case .end(let metadata):
                finished = true
                endMetadata = metadata
            case nil:
                finished = true
            }
        case .stream, .loaded:
            finished = true
        }
    }

    private func keep(_ rows: [Row]) {
        if cellsWanted { buffered = rows }
    }

    /// Throws `error`, unless a value recorded before it cannot be read: parsing goes on past a cell whose
    /// value is refused, and that cell's error is the one to report, as it comes first.
    private func failed(after raw: RawCells, _ error: any Error) throws -> Never {
        _ = try decoder!.rows(from: raw)
        throw error
    }

    /// Reads a worksheet document held in memory, pushed to the parser `chunkSize` bytes at a time (the first
    /// push `firstChunk` bytes, when given), and hands each row to `body`; returns the metadata. For the tests
    /// and the fuzzer, which compare chunk sizes.
    package static func readDocument(
        _ xml: [UInt8], chunkSize: Int, firstChunk: Int? = nil, sharedStrings: [String], formats: [CellFormat],
        date1904: Bool = false, maxStringLength: Int, _ body: (Row) -> Void
    ) throws -> SheetMetadata {
        let parser = WorksheetParser(maxStringLength: maxStringLength)
        let sax = try SAXParser(handler: parser, location: ErrorLocation())
        var decoder = CellDecoder(sharedStrings: sharedStrings, formats: formats, date1904: date1904, sheetName: nil)
        var raw = RawCells()
        var at = 0
        repeat {
            let end = min(at + max(at == 0 ? firstChunk ?? chunkSize : chunkSize, 1), xml.count)
            let rows = try xml[at..<end].withUnsafeBytes {
                try step($0, parser: parser, sax: sax, decoder: &decoder, storage: &raw)
            }
            rows.forEach(body)
            at = end
        } while at < xml.count
        try step(nil, parser: parser, sax: sax, decoder: &decoder, storage: &raw).forEach(body)
        var metadata = parser.metadata
        metadata.usedRange = decoder.used.range
        return metadata
    }

    /// Both stages on one thread: pushes `chunk` to the parser (nil: the end of the part) and makes the rows
    /// it closed.
    static func step(
        _ chunk: UnsafeRawBufferPointer?, parser: WorksheetParser, sax: SAXParser, decoder: inout CellDecoder,
        storage raw: inout RawCells
    ) throws -> [Row] {
        do {
            if let chunk { try sax.push(chunk) } else { try sax.finish() }
        } catch {
            parser.takeRows(into: &raw, closingOpenRow: true)
            _ = try decoder.rows(from: raw)
            throw error
        }
        parser.takeRows(into: &raw, closingOpenRow: chunk == nil)
        return try decoder.rows(from: raw)
    }

    /// Everything outside the cells; complete once `next()` has returned nil.
    public var metadata: SheetMetadata {
        switch source {
        case .stream(let stream):
            var meta = stream.metadata
            meta.usedRange = streamUsed.range
            return meta
        case .loaded:
            return endMetadata ?? SheetMetadata()
        case .inTurn(_, let parser, _):
            var meta = endMetadata ?? parser.metadata
            meta.usedRange = decoder?.used.range
            return meta
        case .ahead:
            // Until the end, the parsing thread's metadata is its own.
            var meta = endMetadata ?? SheetMetadata()
            meta.usedRange = decoder?.used.range
            return meta
        }
    }
}

/// The block from the first to the last non-empty cell seen.
struct UsedRangeTracker: Sendable {
    private var minRow = Int.max, minColumn = Int.max, maxRow = -1, maxColumn = -1

    @inline(__always)
    mutating func include(_ ref: CellReference) {
        minRow = min(minRow, ref.row)
        maxRow = max(maxRow, ref.row)
        minColumn = min(minColumn, ref.column)
        maxColumn = max(maxColumn, ref.column)
    }

    var range: CellRange? {
        guard maxRow >= 0 else { return nil }
        return CellRange(CellReference(row: minRow, column: minColumn), CellReference(row: maxRow, column: maxColumn))
    }
}
