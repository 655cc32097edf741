import ArgumentParser
import Foundation
import MinshengKit
import XLSXCore
import XLSXReader
import XLSXWriter

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between .xlsx, .csv, .tsv and .json, chosen by extension.",
        discussion: """
            CSV is written as UTF-8 with a BOM (what Excel needs for Chinese) and read as UTF-8, UTF-8 with \
            a BOM, or GB18030 (what Chinese Excel and WPS export). xlsx to xlsx rewrites every sheet's values, \
            formulas and merged ranges through minsheng's writer.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case xlsx, csv, tsv, json }

    @Argument(help: "The input file.")
    var input: String

    @Argument(help: "The output file; written atomically.")
    var output: String

    @Option(help: "The output format when the extension does not say (xlsx, csv, tsv, json).")
    var to: Kind?

    @Option(help: "The sheet to export from an .xlsx input to csv, tsv or json (default: the first).")
    var sheet: String?

    func run() throws {
        try reportingErrors {
            try refuseOverwriting(inputs: [input], output: output)
            let from = try kind(of: input, given: nil)
            let target = try kind(of: output, given: to)
            switch (from, target) {
            case (.xlsx, .xlsx): try rewriteWorkbook()
            case (.xlsx, _): try writeText(grid: loadSheet(), as: target)
            case (_, .xlsx): try writeWorkbook(rows: readText(as: from))
            default: try writeText(rows: readText(as: from), as: target)
            }
        }
    }

    private func kind(of path: String, given: Kind?) throws -> Kind {
        if let given { return given }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "xlsx", "xlsm": return .xlsx
        case "csv": return .csv
        case "tsv", "txt": return .tsv
        case "json": return .json
        default: throw CommandError(message: "cannot tell the format of \(path) from its extension; use --to xlsx|csv|tsv|json")
        }
    }

    private func loadSheet() throws -> SheetGrid {
        let book = try Workbook(path: input)
        if let sheet {
            guard let info = book.sheet(named: sheet) else { throw CommandError(message: "\(input) has no sheet named \(sheet)") }
            return try book.grid(of: info)
        }
        guard let first = book.sheets.first(where: { $0.kind == .worksheet }) else { throw CommandError(message: "\(input) has no worksheet") }
        return try book.grid(of: first)
    }

    /// Rows of cell values from a text input; numbers typed as numbers unless they would lose digits.
    private func readText(as kind: Kind) throws -> [[CellValue]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        let text = try TextDecoding.decode(bytes, file: input).text
        if kind == .json {
            guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]] else {
                throw CommandError(message: "\(input) is not a JSON array of rows (arrays of strings, numbers, booleans and nulls)")
            }
            return array.map { row in
                row.map { v in
                    if let n = v as? NSNumber {
                        // JSON true/false arrive as a boolean NSNumber, whose type name says so.
                        return String(describing: type(of: n)).contains("Boolean") ? .bool(n.boolValue) : .number(n.doubleValue)
                    }
                    if let s = v as? String { return .string(s) }
                    return .empty
                }
            }
        }
        return DelimitedText.parse(text, separator: kind == .tsv ? "\t" : ",").map { $0.map(Convert.typed) }
    }

    /// A text field as a cell: a plain decimal becomes a number, unless a leading zero or its length
    /// would be lost (codes such as 0573, identity numbers).
    static func typed(_ field: String) -> CellValue {
        if field.isEmpty { return .empty }
        let digits = field.filter(\.isNumber).count
        let plain = field.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        if plain, digits <= 15, !(field.hasPrefix("0") && field.count > 1 && !field.hasPrefix("0.")), !field.hasPrefix("-0"), let n = Double(field) {
            return .number(n)
        }
        if field == "TRUE" { return .bool(true) }
        if field == "FALSE" { return .bool(false) }
        return .string(field)
    }

    private func writeText(grid: SheetGrid, as kind: Kind) throws {
        guard let range = grid.usedRange else { return try writeText(rows: [], as: kind) }
        let rows = (range.start.row...range.end.row).map { r in
            (range.start.column...range.end.column).map { grid.value(row: r, column: $0) }
        }
        try writeText(rows: rows, as: kind)
    }

    private func writeText(rows: [[CellValue]], as kind: Kind) throws {
        var out = ""
        switch kind {
        case .json:
            out = "[\n" + rows.map { row in
                "  [" + row.map { v -> String in
                    switch v {
                    case .empty: return "null"
                    case .number(let n) where n.isFinite: return CellValue.format(n)
                    case .bool(let b): return b ? "true" : "false"
                    default: return JSON.quote(v.text)
                    }
                }.joined(separator: ", ") + "]"
            }.joined(separator: ",\n") + "\n]\n"
        case .tsv: out = rows.map { DelimitedText.line($0.map(\.text), separator: "\t") }.joined()
        default: out = "\u{FEFF}" + rows.map { DelimitedText.line($0.map(\.text)) }.joined()
        }
        try AtomicFile.write(Data(out.utf8), to: output)
    }

    private func writeWorkbook(rows: [[CellValue]]) throws {
        let book = try WorkbookBuilder()
        var name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        name = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31)).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        let sheet = try book.addSheet(name.isEmpty || name.lowercased() == "history" ? "Sheet1" : name)
        sheet.autoFitColumns = true
        for row in rows { try sheet.addRow(row.map { CellData(WriteValue($0)) }) }
        try book.write(to: output)
    }

    /// Copies every sheet's values, formulas, merges and visibility through the writer.
    private func rewriteWorkbook() throws {
        let source = try Workbook(path: input)
        let book = try WorkbookBuilder()
        for info in source.sheets where info.kind == .worksheet {
            let sheet = try book.addSheet(info.name)
            sheet.visibility = SheetVisibility(rawValue: info.state.rawValue) ?? .visible
            let reader = try source.rows(of: info)
            while let row = try reader.next() {
                guard let last = row.cells.map(\.reference.column).max() else { continue }
                var cells = [CellData](repeating: nil, count: last + 1)
                for cell in row.cells {
                    let value = cell.formula.map { WriteValue.formula($0, cached: cell.value) } ?? WriteValue(cell.value)
                    cells[cell.reference.column] = CellData(value)
                }
                try sheet.addRow(cells, at: row.index, height: row.height, hidden: row.hidden)
            }
            let meta = reader.metadata
            for range in meta.mergedRanges { try? sheet.merge(range) }
            for c in meta.hiddenColumns { sheet.hideColumn(c) }
            for (c, w) in meta.columnWidths { sheet.setColumnWidth(c, w) }
            if let frozen = meta.frozenAt { sheet.freeze(rows: frozen.row, columns: frozen.column) }
        }
        try book.write(to: output)
    }
}
