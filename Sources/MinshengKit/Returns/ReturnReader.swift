import Foundation
import XLSXCore
import XLSXReader

/// A cell of a return as read: where it is, what it holds, and how it is formatted.
public struct ReturnCell: Hashable, Sendable {
    public var reference: CellReference
    public var value: CellValue
    public var numberText: String?
    public var isPercentFormat: Bool

    public var isEmpty: Bool { value.isEmpty || (value.string.map(TextNormalizer.isBlank) ?? false) }
    public var text: String { TextNormalizer.spacesFolded(value.text) }
}

/// One task row of the 填报 sheet.
public struct ReturnRow: Hashable, Sendable {
    /// Zero-based row.
    public var row: Int
    public var id: String
    public var cells: [TemplateLayout.Column: ReturnCell]

    public func cell(_ c: TemplateLayout.Column) -> ReturnCell? { cells[c] }
}

/// One row of the 项目点位 sheet.
public struct ReturnPoint: Hashable, Sendable {
    public var row: Int
    public var cells: [TemplateLayout.PointColumn: ReturnCell]

    public func text(_ c: TemplateLayout.PointColumn) -> String { cells[c]?.text ?? "" }
}

/// One row of the 时间节点 sheet.
public struct ReturnMilestoneRow: Hashable, Sendable {
    public var row: Int
    public var id: String
    public var cells: [TemplateLayout.MilestoneColumn: ReturnCell]
}

/// A district's return as read from its workbook, before any judgement.
public struct DistrictReturn: Sendable {
    public var file: String
    /// The veryHidden metadata, when the sheet survived.
    public var meta: [String: String]
    public var formSheet: String
    /// Header block values by label (填报单位, 报送期, 填报人, 联系电话, 填报日期).
    public var header: [String: ReturnCell]
    /// The label cell of each header field, for locating findings when the value is missing.
    public var headerLabels: [String: CellReference]
    public var tableHeaderRow: Int
    public var columns: [TemplateLayout.Column: Int]
    public var rows: [ReturnRow]
    public var pointsSheet: String?
    public var points: [ReturnPoint]
    public var pointColumns: [TemplateLayout.PointColumn: Int]
    /// The 时间节点 sheet, when the return has one (templates before it have none).
    public var milestoneSheet: String?
    public var milestones: [ReturnMilestoneRow] = []

    /// Reads a return workbook.
    /// - Throws: `XLSXError` when the file is not a readable workbook, `DomainError` when it has no 填报 table.
    public static func read(path: String) throws -> DistrictReturn {
        let book = try Workbook(path: path)
        let formats = try book.cellFormats()
        let percent = QuantityReader(formats: formats)
        func returnCell(_ cell: Cell?, at ref: CellReference) -> ReturnCell {
            ReturnCell(
                reference: ref, value: cell?.value ?? .empty, numberText: cell?.numberText,
                isPercentFormat: cell.map { percent.isPercentFormat($0.styleIndex) } ?? false)
        }

        var meta: [String: String] = [:]
        if let info = book.sheet(named: TemplateLayout.metaSheet) {
            let grid = try book.grid(of: info)
            for r in 0..<grid.rowCount {
                let k = grid.value(row: r, column: 0).text
                if !k.isEmpty { meta[k] = grid.value(row: r, column: 1).text }
            }
        }

        // The form is the sheet whose table has 编号 and 累计完成 labels; its name may have been changed.
        var found: (SheetGrid, Int, [TemplateLayout.Column: Int])?
        let candidates = (book.sheet(named: TemplateLayout.formSheet).map { [$0] } ?? []) + book.sheets
        for info in candidates where info.kind == .worksheet && info.name != TemplateLayout.metaSheet {
            let grid = try book.grid(of: info)
            if let (row, columns) = findTable(grid) {
                found = (grid, row, columns)
                break
            }
        }
        guard let (grid, tableRow, columns) = found else {
            throw DomainError(
                file: path, message: "no 填报 table found (a table with the columns 编号 and 累计完成)",
                hint: "use the template minsheng generated for this district and period",
                zh: "没有找到“填报”表（含“编号”和“累计完成”列的表格）", zhHint: "请使用 minsheng 为本县（市、区）本期生成的报表模板填报")
        }

        var header: [String: ReturnCell] = [:]
        var labels: [String: CellReference] = [:]
        for r in 0..<tableRow {
            for c in 0..<max(grid.columnCount, 1) {
                let label = TextNormalizer.compact(grid.value(row: r, column: c).text).trimmingCharacters(in: CharacterSet(charactersIn: ":："))
                guard TemplateLayout.headerLabels.contains(label), labels[label] == nil else { continue }
                labels[label] = CellReference(row: r, column: c)
                let ref = CellReference(row: r, column: c + 1)
                header[label] = returnCell(grid.cell(row: r, column: c + 1), at: ref)
            }
        }

        var rows: [ReturnRow] = []
        if grid.rowCount > tableRow + 1 {
            for r in (tableRow + 1)..<grid.rowCount {
                var cells: [TemplateLayout.Column: ReturnCell] = [:]
                for (column, c) in columns { cells[column] = returnCell(grid.cell(row: r, column: c), at: CellReference(row: r, column: c)) }
                if cells.values.allSatisfy(\.isEmpty) { continue }
                rows.append(ReturnRow(row: r, id: TextNormalizer.compact(cells[.id]?.text ?? ""), cells: cells))
            }
        }

        var points: [ReturnPoint] = []
        var pointColumns: [TemplateLayout.PointColumn: Int] = [:]
        var pointsSheet: String?
        if let info = book.sheet(named: TemplateLayout.pointsSheet) ?? book.sheets.first(where: { $0.name.contains("点位") }) {
            let pg = try book.grid(of: info)
            pointsSheet = info.name
            var headerRow = 0
            search: for r in 0..<min(pg.rowCount, 10) {
                for c in 0..<pg.columnCount where TextNormalizer.compact(pg.value(row: r, column: c).text) == "经度" {
                    headerRow = r
                    break search
                }
            }
            for c in 0..<pg.columnCount {
                let label = TextNormalizer.compact(pg.value(row: headerRow, column: c).text)
                if let col = TemplateLayout.PointColumn.allCases.first(where: { $0.label == label }) { pointColumns[col] = c }
            }
            if pg.rowCount > headerRow + 1 {
                for r in (headerRow + 1)..<pg.rowCount {
                    var cells: [TemplateLayout.PointColumn: ReturnCell] = [:]
                    for (col, c) in pointColumns { cells[col] = returnCell(pg.cell(row: r, column: c), at: CellReference(row: r, column: c)) }
                    if cells.values.allSatisfy(\.isEmpty) { continue }
                    points.append(ReturnPoint(row: r, cells: cells))
                }
            }
        }
        var result = DistrictReturn(
            file: path, meta: meta, formSheet: grid.info.name, header: header, headerLabels: labels, tableHeaderRow: tableRow,
            columns: columns, rows: rows, pointsSheet: pointsSheet, points: points, pointColumns: pointColumns)
        if let info = book.sheet(named: TemplateLayout.milestoneSheet) {
            let mg = try book.grid(of: info)
            result.milestoneSheet = info.name
            var columns: [TemplateLayout.MilestoneColumn: Int] = [:]
            for c in 0..<mg.columnCount {
                let label = TextNormalizer.compact(mg.value(row: 0, column: c).text)
                if let col = TemplateLayout.MilestoneColumn.allCases.first(where: { TextNormalizer.compact($0.label) == label }) { columns[col] = c }
            }
            if columns[.id] != nil, mg.rowCount > 1 {
                for r in 1..<mg.rowCount {
                    var cells: [TemplateLayout.MilestoneColumn: ReturnCell] = [:]
                    for (col, c) in columns { cells[col] = returnCell(mg.cell(row: r, column: c), at: CellReference(row: r, column: c)) }
                    let id = TextNormalizer.compact(cells[.id]?.text ?? "")
                    if !id.isEmpty { result.milestones.append(ReturnMilestoneRow(row: r, id: id, cells: cells)) }
                }
            }
        }
        return result
    }

    /// The row of the table's column labels and where each column is.
    static func findTable(_ grid: SheetGrid) -> (Int, [TemplateLayout.Column: Int])? {
        for r in 0..<min(grid.rowCount, 30) {
            var columns: [TemplateLayout.Column: Int] = [:]
            for c in 0..<grid.columnCount {
                let label = TextNormalizer.compact(grid.value(row: r, column: c).text)
                if let column = TemplateLayout.Column.allCases.first(where: { TextNormalizer.compact($0.label) == label }), columns[column] == nil {
                    columns[column] = c
                }
            }
            if columns[.id] != nil && columns[.done] != nil { return (r, columns) }
        }
        return nil
    }
}
