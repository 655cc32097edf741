import XLSXCore

/// A whole sheet in memory, answering "what is at (row, column)".
public struct SheetGrid: Sendable {
    public let info: SheetInfo
    public let cells: [CellReference: Cell]
    public let metadata: SheetMetadata
    /// For every cell covered by a merged range, the range's top-left cell.
    private let mergeAnchors: [CellReference: CellReference]

    public init(info: SheetInfo, cells: [CellReference: Cell], metadata: SheetMetadata) {
        self.info = info
        self.cells = cells
        self.metadata = metadata
        var anchors: [CellReference: CellReference] = [:]
        for range in metadata.mergedRanges where range.rowCount * range.columnCount <= 100_000 {
            for r in range.start.row...range.end.row {
                for c in range.start.column...range.end.column where r != range.start.row || c != range.start.column {
                    anchors[CellReference(row: r, column: c)] = range.start
                }
            }
        }
        mergeAnchors = anchors
    }

    /// The value at a zero-based position; with `throughMerges`, a cell inside a merged range shows
    /// the value of the range's top-left cell.
    public func value(row: Int, column: Int, throughMerges: Bool = false) -> CellValue {
        cell(row: row, column: column, throughMerges: throughMerges)?.value ?? .empty
    }

    /// The cell at a zero-based position, if the file lists one.
    public func cell(row: Int, column: Int, throughMerges: Bool = false) -> Cell? {
        var ref = CellReference(row: row, column: column)
        if throughMerges, let anchor = mergeAnchors[ref] { ref = anchor }
        return cells[ref]
    }

    /// The merged range that covers a cell, if any.
    public func mergedRange(containing ref: CellReference) -> CellRange? {
        metadata.mergedRanges.first { $0.contains(ref) }
    }

    /// The used range: first to last cell that holds a value or formula.
    public var usedRange: CellRange? { metadata.usedRange }

    /// Row count of the used range starting from row 1 (so a sheet whose data starts at C3 has 2 leading blank rows).
    public var rowCount: Int { (metadata.usedRange?.end.row ?? -1) + 1 }
    public var columnCount: Int { (metadata.usedRange?.end.column ?? -1) + 1 }
}
