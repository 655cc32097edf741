import ArgumentParser
import XLSXReader

struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the sheets of a workbook with their state and used range.")

    @Argument(help: "The workbook (.xlsx, .xlsm), or - for standard input.")
    var file: String

    func run() throws {
        try reportingErrors {
            let workbook = try openWorkbook(file)
            var out = ""
            for sheet in workbook.sheets {
                var range = ""
                if sheet.kind == .worksheet {
                    let reader = try workbook.rows(of: sheet)
                    while try reader.next() != nil {}
                    range = reader.metadata.usedRange?.description ?? "(empty)"
                } else {
                    range = "(\(sheet.kind.rawValue))"
                }
                out += "\(sheet.index + 1)\t\(sheet.name)\t\(sheet.state.rawValue)\t\(range)\n"
            }
            emit(out)
        }
    }
}
