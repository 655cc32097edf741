import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// 按牵头单位: each lead department's tasks across the districts.
    static func byLead(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("按牵头单位")
        for (i, w) in [12.0, 6, 36, 9, 9, 8, 13, 28].enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(["牵头单位", "编号", "目标任务", "全市目标", "全市完成", "完成率", "进度", "推进缓慢的地区"].map { .text($0, s.header) }, height: 22)
        var leads: [String] = []
        for t in c.tasks { for l in t.task.leads where !leads.contains(l) { leads.append(l) } }
        var r = 1
        for lead in leads {
            let tasks = c.tasks.filter { $0.task.leads.contains(lead) }
            let start = r
            for t in tasks {
                let numberStyle = t.isPercentage ? s.percentFigure : s.figure
                let slow = t.districts.filter { $0.status == .slow }.map(\.district.shortName).joined(separator: "、")
                try sheet.addRow([
                    .text(lead, s.wrapCentre), .text(t.task.id, s.wrapCentre), .text(t.task.target, s.wrap), number(t.target, numberStyle),
                    number(t.done, numberStyle), t.rate.map { CellData(.number($0), style: s.rate) } ?? .empty(s.rate),
                    .text(cityStatus(t), s.lightWrap(t.light)), .text(slow, s.wrap),
                ], at: r, height: max(SheetWriter.wrappedHeight(t.task.target, columnWidth: 40, fontSize: 10), 18))
                r += 1
            }
            if r - 1 > start { try sheet.merge(CellRange(CellReference(row: start, column: 0), CellReference(row: r - 1, column: 0))) }
        }
        sheet.freeze(rows: 1)
        setUpPrint(sheet, c, title: sheet.name, titleRows: 0...0)
    }
}
