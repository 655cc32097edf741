import XLSXCore

/// The rows and cells of a worksheet as the parser met them, before their values are made.
///
/// Parsing (libxml2 and the element state) and making the `Cell`s (numbers, strings, dates) are two
/// stages: the parser records each cell's reference, type, style and value bytes here, and `CellDecoder`
/// turns them into rows, on the same thread or on another one (`ParseAhead`). A batch holds what one push
/// of the parser completed: only closed rows; the cells of a row still open stay with the parser.
struct RawCells: Sendable {
    /// What the `t` attribute of a `<c>` says.
    enum CellType: UInt8, Sendable { case number, shared, string, inline, bool, error, date }

    struct RawRow: Sendable {
        var index: Int
        var hidden: Bool
        var height: Double?
        /// The end of the row's cells in `cells`; a row's cells follow the previous row's.
        var cellEnd: Int
    }

    struct RawCell: Sendable {
        var reference: CellReference
        var type: CellType
        /// Whether the cell has a `<v>` or an `<is>` (an empty one included).
        var hasValue: Bool
        var style: Int
        /// The value's UTF-8 bytes in `bytes` (escapes still in it).
        var valueStart: Int
        var valueEnd: Int
        var formula: String?
        var formulaMaster: CellReference?
    }

    var rows: [RawRow] = []
    var cells: [RawCell] = []
    var bytes: [UInt8] = []

    var isEmpty: Bool { rows.isEmpty && cells.isEmpty }

    /// Moves the closed rows, their cells and their bytes out; the cells after the last closed row (those of
    /// the row still open) stay, moved to the front.
    mutating func takeClosed() -> RawCells {
        let cellCount = rows.last?.cellEnd ?? 0
        if cellCount == cells.count {
            var out = RawCells()
            swap(&out, &self)
            // The next batch is usually alike: keep the room a batch of this size needed.
            rows.reserveCapacity(out.rows.count)
            cells.reserveCapacity(out.cells.count)
            bytes.reserveCapacity(out.bytes.count)
            return out
        }
        let byteCount = cells[cellCount].valueStart
        var open = RawCells()
        open.cells = Array(cells[cellCount...])
        open.bytes = Array(bytes[byteCount...])
        for i in open.cells.indices {
            open.cells[i].valueStart -= byteCount
            open.cells[i].valueEnd -= byteCount
        }
        cells.removeSubrange(cellCount...)
        bytes.removeSubrange(byteCount...)
        var out = open
        swap(&out, &self)
        rows.reserveCapacity(out.rows.count)
        cells.reserveCapacity(Swift.max(out.cells.count, cells.count))
        bytes.reserveCapacity(Swift.max(out.bytes.count, bytes.count))
        return out
    }
}
