import Foundation
import XLSXCore
import XLSXWriter

/// Writes findings as a workbook a clerk can sort, filter and print.
public enum FindingsWorkbook {
    /// Adds a 审核结果 sheet listing every finding to a workbook being built.
    /// - Parameter linkCells: link each finding's location to its cell (when the sheets are in the same workbook).
    /// - Parameter pageHeader: the printed page header (`&L…&R…` codes); the sheet's name when nil.
    public static func addSheet(_ findings: [Finding], to book: WorkbookBuilder, name: String = "审核结果", linkCells: Bool = false, pageHeader: String? = nil) throws {
        let sheet = try book.addSheet(name)
        let header = book.style(Style(font: Font(bold: true), fill: Color("D9E1F2"), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let body = book.style(Style(font: Font(size: 10), border: .all(.thin), alignment: Alignment(vertical: .center, wrap: true)))
        let error = book.style(Style(font: Font(size: 10, bold: true, color: Color("C00000")), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center)))
        let warning = book.style(Style(font: Font(size: 10, color: Color("9C5700")), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center)))
        // The code is an identifier for the office's tools; people read the 问题类型, so it comes last.
        let columns = ["序号", "类别", "问题类型", "任务编号", "地区", "文件", "位置", "说明", "代码"]
        let widths: [Double] = [5, 7, 14, 7, 10, 16, 12, 40, 26]
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(columns.map { .text($0, header) }, height: 22)
        for (i, f) in findings.enumerated() {
            if linkCells, let sheetName = f.sheet {
                let target = WorkbookBuilder.quotedSheet(sheetName) + "!" + (f.cell ?? "A1")
                sheet.addHyperlink(at: CellReference(row: i + 1, column: 6), location: target, tooltip: "转到该单元格")
            }
            try sheet.addRow([
                CellData(.number(Double(i + 1)), style: body), .text(f.severity.label, f.severity == .error ? error : warning), .text(f.code.title, body),
                .text(f.task ?? "", body), .text(f.district ?? "", body), .text(f.file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "", body),
                .text(f.location ?? "", body), .text(f.message, body), .text(f.code.rawValue, body),
            ], height: 18)
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(findings.count, 1), column: columns.count - 1)))
        sheet.pageSetup.orientation = .landscape
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = 0...0
        sheet.pageSetup.footer = PageSetup.chinesePageFooter
        sheet.pageSetup.header = pageHeader ?? "&C\(name)"
        sheet.pageSetup.margins = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        // The code is for the office's tools: on screen, not on paper.
        sheet.pageSetup.printArea = CellRange(CellReference(row: 0, column: 0), CellReference(row: max(findings.count, 1), column: columns.count - 2))
    }
}
