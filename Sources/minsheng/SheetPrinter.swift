import Foundation
import MinshengKit
import XLSXCore
import XLSXReader

/// Renders cells in the formats of `minsheng cat`.
struct SheetPrinter {
    var format: Cat.Format
    var formulas: Bool

    /// One line per non-empty cell: `A1<TAB>value`, with backslash, tab, newline and return escaped.
    func appendCells(_ row: Row, to out: inout String) {
        for cell in row.cells {
            let text = display(cell)
            if text.isEmpty { continue }
            out += cell.reference.description
            out += "\t"
            out += SheetPrinter.escape(text)
            out += "\n"
        }
    }

    func display(_ cell: Cell) -> String {
        if formulas, let f = cell.formula { return "=" + f }
        return cell.value.text
    }

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The used range as a grid in CSV, TSV or JSON (an array of rows of strings, numbers, booleans or nulls).
    func render(_ grid: SheetGrid) -> String {
        guard let range = grid.usedRange else { return format == .json ? "[]\n" : "" }
        var out = format == .json ? "[\n" : ""
        for r in range.start.row...range.end.row {
            var fields: [String] = []
            for c in range.start.column...range.end.column {
                let cell = grid.cell(row: r, column: c)
                switch format {
                case .json: fields.append(cell.map(json) ?? "null")
                case .tsv: fields.append(SheetPrinter.escape(cell.map(display) ?? ""))
                default: fields.append(DelimitedText.field(cell.map(display) ?? ""))
                }
            }
            switch format {
            case .json: out += "  [" + fields.joined(separator: ", ") + "]" + (r < range.end.row ? ",\n" : "\n")
            case .tsv: out += fields.joined(separator: "\t") + "\n"
            default: out += fields.joined(separator: ",") + "\r\n"
            }
        }
        if format == .json { out += "]\n" }
        return out
    }

    private func json(_ cell: Cell) -> String {
        if formulas, let f = cell.formula { return JSON.quote("=" + f) }
        switch cell.value {
        case .empty: return "null"
        case .number(let n) where n.isFinite: return CellValue.format(n)
        case .bool(let b): return b ? "true" : "false"
        default: return JSON.quote(cell.value.text)
        }
    }
}
