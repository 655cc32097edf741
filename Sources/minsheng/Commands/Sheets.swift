import ArgumentParser
import XLSXReader

struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "列出工作簿的各工作表及其状态和数据区域。")

    @Argument(help: ArgumentHelp("工作簿（xlsx、xls、et、ods、csv 等，格式由内容判断），或用 - 表示标准输入。", valueName: "工作簿"))
    var file: String

    func run() throws {
        try prepareFiles(inputs: [file], outputs: [])
        let workbook = try openWorkbook(file)
        var out = ""
        for sheet in workbook.sheets {
            var range = ""
            if sheet.kind == .worksheet {
                let reader = try workbook.rows(of: sheet)
                while try reader.next() != nil {}
                range = reader.metadata.usedRange?.description ?? "(空)"
            } else {
                range = "(\(sheet.kind.rawValue))"
            }
            out += "\(sheet.index + 1)\t\(sheet.name)\t\(sheet.state.rawValue)\t\(range)\n"
        }
        emit(out)
    }
}
