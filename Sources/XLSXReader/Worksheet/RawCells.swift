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

    /// A cell as recorded; plain values only, so batches of them are copied and freed without reference
    /// counting.
    struct RawCell: Sendable {
        var reference: CellReference
        var type: CellType
        /// Whether the cell has a `<v>` or an `<is>` (an empty one included).
        var hasValue: Bool
        /// The cell's formula in `formulas`, or -1.
        var formula: Int32
        var style: Int
        /// The value's UTF-8 bytes in `bytes` (escapes still in it).
        var valueStart: Int
        var valueEnd: Int
    }

    struct Formula: Sendable {
        var text: String
        var master: CellReference?
    }

    var rows: [RawRow] = []
    var cells: [RawCell] = []
    var bytes: [UInt8] = []
    var formulas: [Formula] = []

    var isEmpty: Bool { rows.isEmpty && cells.isEmpty }

    /// Empties the batch and keeps its storage, to be filled again.
    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        formulas.removeAll(keepingCapacity: true)
    }

    /// Moves the closed rows, their cells, bytes and formulas into `out` (whose storage is reused); the cells
    /// after the last closed row (those of the row still open) stay, moved to the front.
    mutating func moveClosed(into out: inout RawCells) {
        out.removeAll()
        swap(&out, &self)
        let cellCount = out.rows.last?.cellEnd ?? 0
        guard cellCount < out.cells.count else { return }
        let byteCount = out.cells[cellCount].valueStart
        let formulaCount = out.formulas.count - out.cells[cellCount...].reduce(0) { $0 + ($1.formula >= 0 ? 1 : 0) }
        cells.append(contentsOf: out.cells[cellCount...])
        bytes.append(contentsOf: out.bytes[byteCount...])
        formulas.append(contentsOf: out.formulas[formulaCount...])
        for i in cells.indices {
            cells[i].valueStart -= byteCount
            cells[i].valueEnd -= byteCount
            if cells[i].formula >= 0 { cells[i].formula -= Int32(formulaCount) }
        }
        out.cells.removeSubrange(cellCount...)
        out.bytes.removeSubrange(byteCount...)
        out.formulas.removeSubrange(formulaCount...)
    }
}
