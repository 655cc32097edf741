import Foundation
import XLSXCore
import XLSXWriter

/// Writes an allocation table the way the city office keeps it: one sheet per table, a title row,
/// the header with the district names, 序号 / 项目名称 / 牵头单位 merged across the rows they span,
/// wrapped text, borders, A4 landscape with the header repeated on every page.
public enum PlanWorkbook {
    /// Generates the allocation workbook from a transcription of the notice.
    public static func write(_ source: PlanSource, to path: String) throws {
        let book = try WorkbookBuilder()
        book.properties.title = source.title
        book.properties.subject = source.documentNumber
        book.properties.creator = source.issuer
        if let date = source.date {
            book.properties.created = date + "T00:00:00Z"
            book.properties.modified = date + "T00:00:00Z"
        }
        let titleStyle = book.style(Style(font: Font(name: "方正小标宋简体", size: 16), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let headerStyle = book.style(Style(font: Font(name: "黑体", size: 10), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let centre = book.style(Style(font: Font(size: 10), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let left = book.style(Style(font: Font(size: 10), border: .all(.thin), alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        let percent = book.style(Style(font: Font(size: 10), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true), numberFormat: "0%"))

        for section in source.sections {
            let sheet = try book.addSheet(section.hasProjectName ? "市政府民生实事" : "省政府民生实事")
            let hasName = section.hasProjectName
            // Columns: 序号, [项目名称], 目标任务, 全市, districts…, 牵头单位
            let targetColumn = hasName ? 2 : 1
            let totalColumn = targetColumn + 1
            let firstDistrict = totalColumn + 1
            let leadColumn = firstDistrict + source.districts.count
            sheet.setColumnWidth(0, 5)
            if hasName { sheet.setColumnWidth(1, 12) }
            sheet.setColumnWidth(targetColumn, hasName ? 30 : 38)
            sheet.setColumnWidth(totalColumn, 7)
            for i in 0..<source.districts.count { sheet.setColumnWidth(firstDistrict + i, source.districts[i].count > 5 ? 9 : 5.5) }
            sheet.setColumnWidth(leadColumn, 11)
            sheet.pageSetup.orientation = .landscape
            sheet.pageSetup.fitToWidth = true
            sheet.pageSetup.titleRows = 1...1
            sheet.pageSetup.footer = PageSetup.chinesePageFooter
            sheet.pageSetup.margins = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
            sheet.freeze(rows: 2)

            try sheet.addRow([.text(section.title, titleStyle)], height: 36)
            try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: leadColumn)))
            var header: [CellData] = [.text("序号", headerStyle)]
            if hasName { header.append(.text("项目名称", headerStyle)) }
            header += [.text("目标任务", headerStyle), .text("全市", headerStyle)]
            // The notice prints the short district names one character per line.
            header += source.districts.map { .text($0.count <= 4 ? $0.map(String.init).joined(separator: "\n") : $0, headerStyle) }
            header.append(.text("牵头单位", headerStyle))
            try sheet.addRow(header, height: 54)

            var seqStart: Int?, nameStart: Int?, leadStart: Int?
            var row = 2
            func closeMerge(_ start: inout Int?, column: Int, through last: Int) throws {
                if let s = start, last > s { try sheet.merge(CellRange(CellReference(row: s, column: column), CellReference(row: last, column: column))) }
                start = nil
            }
            for r in section.rows {
                var cells: [CellData] = []
                if r.seq != nil { try closeMerge(&seqStart, column: 0, through: row - 1) }
                if hasName && r.name != nil { try closeMerge(&nameStart, column: 1, through: row - 1) }
                if r.lead != nil { try closeMerge(&leadStart, column: leadColumn, through: row - 1) }
                cells.append(r.seq.map { CellData(.number(Double($0) ?? 0), style: centre) } ?? .empty(centre))
                if r.seq != nil { seqStart = row }
                if hasName {
                    cells.append(r.name.map { .text($0, centre) } ?? .empty(centre))
                    if r.name != nil { nameStart = row }
                }
                cells.append(.text(r.target, left))
                cells.append(cell(r.total, centre, percent))
                for share in r.shares { cells.append(cell(share, centre, percent)) }
                cells.append(r.lead.map { .text($0, centre) } ?? .empty(centre))
                if r.lead != nil { leadStart = row }
                if let span = r.span {
                    let from = span.from < 0 ? totalColumn : firstDistrict + span.from
                    cells[from] = .text(span.text, left)
                    try sheet.merge(CellRange(CellReference(row: row, column: from), CellReference(row: row, column: firstDistrict + span.to)))
                }
                let targetWidth = hasName ? 30.0 : 38.0
                let texts = [(r.target, targetWidth), (r.name ?? "", 12.0), (r.lead ?? "", 11.0), (r.span?.text ?? "", 60.0)]
                let height = texts.map { SheetWriter.wrappedHeight($0.0, columnWidth: $0.1, fontSize: 10) }.max() ?? 16
                try sheet.addRow(cells, height: max(height, 18))
                row += 1
            }
            try closeMerge(&seqStart, column: 0, through: row - 1)
            try closeMerge(&nameStart, column: 1, through: row - 1)
            try closeMerge(&leadStart, column: leadColumn, through: row - 1)
        }
        try book.write(to: path)
    }

    /// A figure as the office types it: plain numbers and percentages as numbers, everything else as text.
    private static func cell(_ text: String?, _ style: StyleID, _ percentStyle: StyleID) -> CellData {
        guard let text else { return .empty(style) }
        switch Quantity.parse(text) {
        case .number(let d): return CellData(.number(NSDecimalNumber(decimal: d).doubleValue), style: style)
        case .percentage(let d): return CellData(.number(NSDecimalNumber(decimal: d / 100).doubleValue), style: percentStyle)
        case .tagged: return .text(text.replacingOccurrences(of: " ", with: "\n"), style)  // 嘉服集团 over 1, as printed
        default: return .text(text, style)
        }
    }
}
