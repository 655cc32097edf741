import ArgumentParser
import Foundation
import MinshengKit
import XLSXCore
import XLSXReader
import XLSXWriter

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在各种表格格式之间转换：读入 .xlsx、.xls、.et、.ods、.csv、.tsv、.json，写出 .xlsx、.csv、.tsv、.json。",
        discussion: """
            输入的格式由文件内容决定，输出的格式由扩展名（或 --to）决定。CSV 写成带 BOM 的 UTF-8（Excel 正确显示中文\
            所需），读入时接受 UTF-8（有无 BOM 均可）、UTF-16 和 GB18030（中文版 Excel 和 WPS 导出的编码）。转成 xlsx \
            时经 minsheng 的写入器重写每个工作表的值、公式和合并单元格。
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case xlsx, csv, tsv, json }

    @Argument(help: ArgumentHelp("输入文件。", valueName: "输入"))
    var input: String

    @Argument(help: ArgumentHelp("输出文件（原子写入）。", valueName: "输出"))
    var output: String

    @Option(help: ArgumentHelp("扩展名看不出格式时指定输出格式（xlsx、csv、tsv、json）。", valueName: "格式"))
    var to: Kind?

    @Option(help: ArgumentHelp("从 .xlsx 导出 csv、tsv 或 json 时的工作表（默认：第一个）。", valueName: "工作表"))
    var sheet: String?

    func run() throws {
        try prepareFiles(inputs: [input], outputs: [output])
        let target = try kind(of: output, given: to)
        // A JSON array of rows is read as such; anything else is opened as a workbook, its format
        // (xlsx, xls, ods, csv, tsv) decided by the content.
        let json = URL(fileURLWithPath: input).pathExtension.lowercased() == "json"
        switch (json, target) {
        case (false, .xlsx): try rewriteWorkbook()
        case (false, _): try exportSheet(as: target)
        case (true, .xlsx): try writeWorkbook(rows: readJSON())
        case (true, _):
            let rows = try readJSON()
            try AtomicFile.write(to: output) { exporter(target).write(values: rows, to: $0) }
        }
    }

    private func exporter(_ kind: Kind) -> SheetExport {
        SheetExport(format: SheetExport.Format(rawValue: kind.rawValue)!, byteOrderMark: true)
    }

    private func kind(of path: String, given: Kind?) throws -> Kind {
        if let given { return given }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "xlsx", "xlsm": return .xlsx
        case "csv": return .csv
        case "tsv", "txt": return .tsv
        case "json": return .json
        default: throw CommandError(message: "文件 \(path)：无法从扩展名判断格式。请用 --to xlsx|csv|tsv|json 指定")
        }
    }

    /// Streams the chosen sheet into the output, written atomically.
    private func exportSheet(as kind: Kind) throws {
        let book = try Workbook(path: input)
        let info = try chooseSheet(in: book, file: input, name: sheet, index: nil, worksheetsOnly: true)
        try AtomicFile.write(to: output) { try exporter(kind).write(book, sheet: info, to: $0) }
    }

    /// Rows of cell values from a JSON array of rows.
    private func readJSON() throws -> [[CellValue]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        let text = try TextDecoding.decode(bytes, file: input).text
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]] else {
            throw CommandError(message: "文件 \(input)：不是由行组成的 JSON 数组（每行是字符串、数字、布尔值或 null 的数组）")
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

    private func writeWorkbook(rows: [[CellValue]]) throws {
        let book = try WorkbookBuilder()
        var name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        name = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31)).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        let sheet = try book.addSheet(name.isEmpty || name.lowercased() == "history" ? "Sheet1" : name)
        sheet.autoFitColumns = true
        for row in rows { try sheet.addRow(row.map { CellData(WriteValue($0)) }) }
        try book.write(to: output)
    }

    /// Copies every sheet's values, formulas, merges and visibility through the writer, from any format read.
    private func rewriteWorkbook() throws {
        let source = try Workbook(path: input)
        // Text goes through in constant memory: inline strings, no shared-strings table to hold.
        let book = try WorkbookBuilder(inlineStrings: source.format == .csv || source.format == .tsv)
        for info in source.sheets where info.kind == .worksheet {
            let sheet = try book.addSheet(info.name)
            sheet.visibility = info.state
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
