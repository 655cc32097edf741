import ArgumentParser
import Foundation
import MinshengKit
import XLSXCore
import XLSXReader

struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "输出工作簿中的一个工作表。")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, tsv, json, cells
    }

    @Argument(help: ArgumentHelp("工作簿（xlsx、xls、et、ods、csv 等，格式由内容判断），或用 - 表示标准输入。", valueName: "工作簿"))
    var file: String

    @Option(help: ArgumentHelp("按名称指定工作表。", valueName: "工作表"))
    var sheet: String?

    @Option(help: ArgumentHelp("按顺序指定工作表，从 1 数起（含隐藏的工作表）。", valueName: "序号"))
    var sheetIndex: Int?

    @Option(help: ArgumentHelp("输出格式：csv、tsv、json，或 cells（每个非空单元格一行）。", valueName: "格式"))
    var format: Format = .csv

    @Flag(help: "有公式的单元格输出公式而不是计算结果。")
    var formulas = false

    func validate() throws {
        if sheet != nil && sheetIndex != nil { throw ValidationError("--sheet 和 --sheet-index 只能给一个。") }
        if let sheetIndex, sheetIndex < 1 { throw ValidationError("--sheet-index 从 1 数起。") }
    }

    func run() throws {
        try prepareFiles(inputs: [file], outputs: [])
        let workbook = try openWorkbook(file)
        let target = try chooseSheet(in: workbook, file: file, name: sheet, index: sheetIndex)
        let output = ByteOutput(fd: STDOUT_FILENO)
        try SheetExport(format: SheetExport.Format(rawValue: format.rawValue)!, formulas: formulas).write(workbook, sheet: target, to: output)
        try output.finish(file: "（标准输出）")
    }
}

/// The sheet a person asked for by name or by position, else the first.
/// - Throws: `CommandError` listing the sheets there are.
func chooseSheet(in workbook: Workbook, file: String, name: String?, index: Int?, worksheetsOnly: Bool = false) throws -> SheetInfo {
    let sheets = worksheetsOnly ? workbook.sheets.filter { $0.kind == .worksheet } : workbook.sheets
    if let name {
        guard let found = workbook.sheet(named: name) else {
            throw CommandError(message: "文件 \(file)：没有名为“\(name)”的工作表。工作表有：" + workbook.sheets.map(\.name).joined(separator: "、"))
        }
        return found
    }
    if let index {
        guard index <= workbook.sheets.count else {
            throw CommandError(message: "文件 \(file)：只有 \(workbook.sheets.count) 个工作表，没有第 \(index) 个")
        }
        return workbook.sheets[index - 1]
    }
    guard let first = sheets.first else { throw CommandError(message: "文件 \(file)：工作簿中没有工作表") }
    return first
}
