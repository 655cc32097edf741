import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// 滞后清单: every task × district behind its pace (its 时间节点, or month ÷ 12) or past a step's date,
    /// with the gap, what it was judged against, and who leads it.
    static func laggingList(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("滞后清单")
        for (i, w) in [5.0, 6, 24, 10, 8, 8, 8, 8, 7, 9, 11, 8, 15].enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(["序号", "编号", "目标任务", "地区", "目标", "完成", "完成率", "应完成", "依据", "落后（百分点）", "牵头单位", "进度状态", "未达时间节点、地区备注"].map { .text($0, s.header) }, height: 22)
        for (i, item) in c.lagging.enumerated() {
            let f = item.figure, t = item.task
            let numberStyle = t.isPercentage ? s.percentFigure : s.figure
            let gap = max(f.pace - (f.rate ?? 0), 0) * 100
            let note = (f.missedSteps + [f.remark].compactMap { $0 }).joined(separator: "；")
            try sheet.addRow([
                CellData(.number(Double(i + 1)), style: s.integer), .text(t.task.id, s.wrapCentre), .text(t.task.target, s.wrap), .text(f.district.name, s.wrapCentre),
                number(f.target, numberStyle), number(f.done, numberStyle), f.rate.map { CellData(.number($0), style: s.rate) } ?? .empty(s.rate),
                CellData(.number(f.pace), style: s.rate), .text(f.paceBasis, s.wrapCentre), CellData(.number((gap * 10).rounded() / 10), style: s.oneDecimal),
                .text(t.task.leads.joined(separator: "、"), s.wrapCentre), .text(f.statusText ?? "", s.lightWrap(f.light)), .text(note, s.wrap),
            ], at: i + 1, height: 18)
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(c.lagging.count, 1), column: 12)))
        setUpPrint(sheet, c, title: sheet.name, titleRows: 0...0)
    }
}
