import XLSXCore

/// A quick pass over one sheet substream, record headers only: where it ends, and whether its cells
/// come in row order, so that it can be read as a stream of rows (`BIFFSheetStream`) rather than whole.
struct BIFFSheetScan {
    /// Where the scan stopped: just past the sheet's `EOF`, or the end of the stream.
    var end: Int
    /// Whether every cell record's row is at least the row of the one before it.
    var inRowOrder: Bool

    /// The cell records, whose first two bytes are the row.
    private static let cellTypes: Set<UInt16> = [
        BIFFType.number, BIFFType.rk, BIFFType.mulRK, BIFFType.labelSST, BIFFType.label, BIFFType.rString, BIFFType.boolErr,
        BIFFType.formula, BIFFType.formula3, BIFFType.formula4, BIFFType.number2, BIFFType.integer2, BIFFType.label2, BIFFType.boolErr2,
    ]

    /// - Throws: `XLSXError` when a record runs past the end of the stream.
    init(stream: [UInt8], offset: Int) throws {
        var reader = BIFFRecordReader(stream: stream, position: offset)
        var depth = 0, lastRow = -1
        var ordered = true
        while let r = try reader.next() {
            if [BIFFType.bof, BIFFType.bof2, BIFFType.bof3, BIFFType.bof4].contains(r.type) {
                depth += 1
            } else if r.type == BIFFType.eof {
                depth -= 1
                if depth <= 0 { break }
            } else if depth <= 1, ordered, r.length >= 2, Self.cellTypes.contains(r.type) {
                let row = reader.u16(r, 0)
                if row < lastRow { ordered = false }
                lastRow = row
            }
        }
        end = reader.position
        inRowOrder = ordered
    }
}

/// The rows of one sheet of an `.xls`, parsed as they are asked for: memory holds the workbook stream
/// and the shared strings (as any reader must) and the rows of one block, not the whole sheet.
final class BIFFSheetStream: RowStream {
    private var parser: BIFFSheetParser
    private let cellsWanted: Bool
    private let location: ErrorLocation
    private var batch: [Row] = []
    private var position = 0

    init(parser: BIFFSheetParser, cellsWanted: Bool, location: ErrorLocation) {
        self.parser = parser
        self.cellsWanted = cellsWanted
        self.location = location
    }

    func next() throws -> Row? {
        while position >= batch.count {
            do {
                guard let rows = try parser.nextRows(cellsWanted: cellsWanted) else { return nil }
                batch = rows
            } catch let error as XLSXError {
                throw error.locatedIn(location)
            }
            position = 0
        }
        defer { position += 1 }
        return batch[position]
    }

    var metadata: SheetMetadata { parser.sheetMetadata }
}

/// Rows already read, for a sheet whose cells are out of row order and were read whole.
final class LoadedRowStream: RowStream {
    private let rows: [Row]
    private var position = 0
    let metadata: SheetMetadata

    init(rows: [Row], metadata: SheetMetadata) {
        self.rows = rows
        self.metadata = metadata
    }

    func next() throws -> Row? {
        guard position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }
}
