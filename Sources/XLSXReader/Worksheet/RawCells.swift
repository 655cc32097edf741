import XLSXCore

/// The rows and cells of a worksheet as the parser met them, before their values are made.
///
/// Parsing (libxml2 and the element state) and making the `Cell`s (numbers, strings, dates) are two
/// stages: the parser records each cell's reference, type, style and value bytes here, and `CellDecoder`
/// turns them into rows, on the same thread or on another one (`ParseAhead`). A batch holds what one push
/// of the parser recorded; a row still open at its end continues in the next batch.
struct RawCells: Sendable {
    /// What the `t` attribute of a `<c>` says.
    enum CellType: UInt8, Sendable { case number, shared, string, inline, bool, error, date }

    struct RawRow: Sendable {
        var index: Int
        var hidden: Bool
        var height: Double?
        /// The end of the row's cells in `cells`; a row's cells follow the previous row's.
        var cellEnd: Int
        /// Whether the row is still open: these are its cells so far, and more follow in the next batch.
        var continues = false
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

    /// Moves the rows (and the open row's part so far), their cells and formulas, and the bytes into `out`
    /// (whose storage is reused). The bytes from `from` on (the text the parser is still capturing) are copied
    /// to the front as well. Returns `from`, by which the offsets into the bytes kept moved.
    @discardableResult
    mutating func moveAll(into out: inout RawCells, keepingBytesFrom from: Int) -> Int {
        out.removeAll()
        swap(&out, &self)
        let kept = min(max(from, 0), out.bytes.count)
        // Copied, not cut: only damaged markup has a cell share them, and it stays whole.
        bytes.append(contentsOf: out.bytes[kept...])
        return kept
    }
}
