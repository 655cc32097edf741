import ArgumentParser
import XLSXCore
import XLSXReader

struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print one sheet of a workbook.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, tsv, json, cells
    }

    @Argument(help: "The workbook (.xlsx, .xlsm), or - for standard input.")
    var file: String

    @Option(help: "The sheet to print, by name.")
    var sheet: String?

    @Option(help: "The sheet to print, counting from 1 in workbook order (hidden sheets included).")
    var sheetIndex: Int?

    @Option(help: "Output format: csv, tsv, json, or cells (one line per non-empty cell).")
    var format: Format = .csv

    @Flag(help: "Show formulas instead of their values where a cell has one.")
    var formulas = false

    func validate() throws {
        if sheet != nil && sheetIndex != nil { throw ValidationError("give --sheet or --sheet-index, not both") }
        if let sheetIndex, sheetIndex < 1 { throw ValidationError("--sheet-index counts from 1") }
    }

    func run() throws {
        try reportingErrors {
            let workbook = try openWorkbook(file)
            let target: SheetInfo
            if let sheet {
                guard let found = workbook.sheet(named: sheet) else {
                    throw CommandError(
                        message: "\(file) has no sheet named \(sheet); its sheets are: "
                            + workbook.sheets.map(\.name).joined(separator: ", "))
                }
                target = found
            } else if let sheetIndex {
                guard sheetIndex <= workbook.sheets.count else {
                    throw CommandError(message: "\(file) has \(workbook.sheets.count) sheets; there is no sheet \(sheetIndex)")
                }
                target = workbook.sheets[sheetIndex - 1]
            } else {
                guard let first = workbook.sheets.first else { throw CommandError(message: "\(file) has no sheets") }
                target = first
            }
            let printer = SheetPrinter(format: format, formulas: formulas)
            if format == .cells {
                let reader = try workbook.rows(of: target)
                var out = ""
                while let row = try reader.next() {
                    printer.appendCells(row, to: &out)
                    if out.utf8.count > 1 << 16 {
                        emit(out)
                        out = ""
                    }
                }
                emit(out)
            } else {
                emit(printer.render(try workbook.grid(of: target)))
            }
        }
    }
}
