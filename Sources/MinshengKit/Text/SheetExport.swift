import XLSXCore
import XLSXReader

/// Writes a sheet's used range as CSV, TSV or JSON: the one exporter behind `minsheng cat` and
/// `minsheng convert`.
public struct SheetExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// RFC 4180, CRLF line ends.
        case csv
        /// Tab-separated, quoted as CSV where a field holds a tab, quote or line break, CRLF line ends.
        case tsv
        /// An array of rows of strings, numbers, booleans and nulls.
        case json
    }

    public var format: Format
    /// Show `=formula` instead of the cached value where a cell has a formula.
    public var formulas: Bool
    /// Start CSV with a byte-order mark, which Excel needs to read UTF-8 (Chinese) correctly.
    public var byteOrderMark: Bool

    public init(format: Format, formulas: Bool = false, byteOrderMark: Bool = false) {
        self.format = format
        self.formulas = formulas
        self.byteOrderMark = byteOrderMark
    }

    /// The used range of the grid in the chosen format.
    public func render(_ grid: SheetGrid) -> String {
        guard let range = grid.usedRange else { return render(rows: []) }
        let rows = (range.start.row...range.end.row).map { r in
            (range.start.column...range.end.column).map { grid.cell(row: r, column: $0) }
        }
        return render(rows: rows)
    }

    /// Rows of cells (nil for an empty position) in the chosen format.
    public func render(rows: [[Cell?]]) -> String {
        render(values: rows.map { $0.map { cell in cell.map(shown) ?? .empty } })
    }

    /// Rows of values in the chosen format.
    public func render(values rows: [[CellValue]]) -> String {
        switch format {
        case .json:
            guard !rows.isEmpty else { return "[]\n" }
            return "[\n" + rows.map { "  [" + $0.map(json).joined(separator: ", ") + "]" }.joined(separator: ",\n") + "\n]\n"
        case .csv:
            return (byteOrderMark ? "\u{FEFF}" : "") + rows.map { DelimitedText.line($0.map(\.text)) }.joined()
        case .tsv:
            return rows.map { DelimitedText.line($0.map(\.text), separator: "\t") }.joined()
        }
    }

    /// The value shown for a cell: its formula as text when asked for, else its value.
    private func shown(_ cell: Cell) -> CellValue {
        if formulas, let f = cell.formula { return .string("=" + f) }
        return cell.value
    }

    private func json(_ value: CellValue) -> String {
        switch value {
        case .empty: "null"
        case .number(let n) where n.isFinite: CellValue.format(n)
        case .bool(let b): b ? "true" : "false"
        default: JSON.quote(value.text)
        }
    }
}
