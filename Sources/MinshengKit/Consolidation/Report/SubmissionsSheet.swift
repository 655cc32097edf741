import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// 报送情况: which districts returned, which are missing, which were invalid.
    static func submissions(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("报送情况")
        for (i, w) in [12.0, 14, 34, 8, 10, 7, 7, 8, 26].enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(["地区", "报送情况", "文件", "填报人", "填报日期", "强制性", "核实性", "未计入项数", "原因"].map { .text($0, s.header) }, height: 22)
        var r = 1
        for d in c.plan.districts {
            let records = c.records.filter { $0.district == d }
            if records.isEmpty {
                try sheet.addRow([
                    .text(d.name, s.wrapCentre), .text("未报送", s.lightWrap(.red)), .empty(s.wrap), .empty(s.wrapCentre), .empty(s.wrapCentre), .empty(s.integer),
                    .empty(s.integer), .empty(s.integer), .empty(s.wrap),
                ], at: r)
                r += 1
            }
            for rec in records {
                let light: TrafficLight = rec.outcome == .used ? (rec.leftOut > 0 ? .yellow : .green) : rec.outcome == .superseded ? .none : .red
                try sheet.addRow([
                    .text(d.name, s.wrapCentre), .text(rec.outcome.rawValue, s.lightWrap(light)), .text(URL(fileURLWithPath: rec.file).lastPathComponent, s.wrap),
                    .text(rec.filler ?? "", s.wrapCentre), .text(rec.date ?? "", s.wrapCentre), CellData(.number(Double(rec.errors)), style: s.integer),
                    CellData(.number(Double(rec.warnings)), style: s.integer), CellData(.number(Double(rec.leftOut)), style: s.integer), .text(rec.reason ?? "", s.wrap),
                ], at: r, height: rowHeight([(rec.reason ?? "", 40), (URL(fileURLWithPath: rec.file).lastPathComponent, 44)]))
                r += 1
            }
        }
        for rec in c.records where rec.district == nil {
            try sheet.addRow([
                .text("—", s.wrapCentre), .text(rec.outcome.rawValue, s.lightWrap(rec.outcome == .skipped ? .none : .red)), .text(URL(fileURLWithPath: rec.file).lastPathComponent, s.wrap),
                .empty(s.wrapCentre), .empty(s.wrapCentre), CellData(.number(Double(rec.errors)), style: s.integer), CellData(.number(Double(rec.warnings)), style: s.integer),
                .empty(s.integer), .text(rec.reason ?? "", s.wrap),
            ], at: r, height: rowHeight([(rec.reason ?? "", 40), (URL(fileURLWithPath: rec.file).lastPathComponent, 44)]))
            r += 1
        }
        sheet.freeze(rows: 1)
        setUpPrint(sheet, c, title: sheet.name, titleRows: 0...0)
    }
}
