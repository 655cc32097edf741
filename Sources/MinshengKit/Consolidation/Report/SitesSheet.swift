import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// 项目点位: every project site from every counted return.
    static func sites(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("项目点位")
        for (i, w) in [10.0, 6, 18, 24, 11, 11, 8, 16, 24].enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(["地区", "编号", "点位名称", "地址", "经度", "纬度", "状态", "备注", "来源文件"].map { .text($0, s.header) }, height: 22)
        for (i, p) in c.sites.enumerated() {
            try sheet.addRow([
                .text(p.district.name, s.wrapCentre), .text(p.taskID, s.wrapCentre), .text(p.name, s.wrap), .text(p.address, s.wrap),
                p.longitude.map { CellData(.number($0), style: s.coordinate) } ?? .empty(s.coordinate),
                p.latitude.map { CellData(.number($0), style: s.coordinate) } ?? .empty(s.coordinate), .text(p.status, s.wrapCentre),
                .text(p.remark, s.wrap), .text(URL(fileURLWithPath: p.file).lastPathComponent, s.wrap),
            ], at: i + 1, height: rowHeight([(p.name, 26), (p.address, 34), (p.remark, 20), (URL(fileURLWithPath: p.file).lastPathComponent, 34)]))
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(c.sites.count, 1), column: 8)))
        setUpPrint(sheet, c, title: sheet.name, titleRows: 0...0)
    }
}
