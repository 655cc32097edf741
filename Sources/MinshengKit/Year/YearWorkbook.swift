import Foundation
import XLSXCore
import XLSXWriter

/// Writes the year's view: 年度总览 (what the series holds, 全市 progress of each table against pace,
/// with a line chart), 逐月累计 and 逐月新增 (task × district × month), and 督查考核 (the districts ranked,
/// with the rule).
public enum YearWorkbook {
    public static func write(_ view: YearView, to path: String) throws {
        let book = try WorkbookBuilder()
        book.properties.title = "\(view.year)年民生实事年度完成情况"
        book.properties.creator = "minsheng"
        let s = ReportStyles(book)
        try overview(view, book, s)
        try monthly(view, book, s, name: "逐月累计") { $0.cumulative }
        try monthly(view, book, s, name: "逐月新增") { $0.increase }
        try ranking(view, book, s)
        try schedules(view, book, s)
        try book.write(to: path)
    }

    private static func months(_ view: YearView) -> String {
        view.months.sorted().map { "\($0)月" }.joined(separator: "、").ifEmpty("无")
    }

    private static func setUpPrint(_ sheet: SheetWriter, _ view: YearView, title: String, titleRows: ClosedRange<Int>?) {
        ConsolidatedWorkbook.setUpReportPage(
            sheet, report: "\(view.year)年民生实事年度完成情况", title: title, basis: view.plan.documentNumber ?? view.plan.title, made: nil, titleRows: titleRows)
    }

    /// 年度总览: sources, gaps, and 全市 progress by table against pace, drawn as lines.
    private static func overview(_ view: YearView, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("年度总览")
        sheet.showGridLines = false
        let sections = view.plan.sections.filter { !$0.tasks.isEmpty }
        let widths: [Double] = [14, 12] + sections.map { _ in 22.0 } + [36]
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        let last = widths.count - 1
        try sheet.addRow([.text("\(view.year)年民生实事年度完成情况", s.title)], height: 30)
        try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: last)))
        let gaps = view.missingMonths
        let info: [(String, String)] = [
            ("依据", [view.plan.documentNumber, view.plan.title].compactMap { $0 }.joined(separator: " ")),
            ("已汇总的月份", months(view)),
            ("缺少汇总的月份", gaps.isEmpty ? "无" : gaps.map { "\($0)月" }.joined(separator: "、") + "（表中标为“无汇总”，不作推算）"),
            ("汇总表", "\(view.rounds.count) 份：" + view.rounds.map { URL(fileURLWithPath: $0.file).lastPathComponent }.joined(separator: "、")),
        ]
        var r = 2
        for (k, v) in info {
            try sheet.addRow([.text(k, s.label), .text(v, s.wrap)] + Array(repeating: CellData.empty(s.wrap), count: last - 1),
                             at: r, height: ConsolidatedWorkbook.rowHeight([(v, widths.dropFirst().reduce(0, +))]))
            try sheet.merge(CellRange(CellReference(row: r, column: 1), CellReference(row: r, column: last)))
            r += 1
        }
        r += 1
        let header = r
        try sheet.addRow([.text("月份", s.header), .text("序时进度", s.header)] + sections.map { .text("\($0.title)（全市平均完成率）", s.header) }
                         + [.text("说明", s.header)], at: r, height: 32)
        let progress = sections.map { view.sectionProgress($0) }
        for m in 1...12 {
            r += 1
            let has = view.months.contains(m)
            let note = has ? "" : (m < (view.latestMonth ?? 0) ? "无汇总" : "")
            try sheet.addRow([.text("\(m)月", s.centre), CellData(.number(YearView.pace(month: m)), style: s.rate)]
                             + progress.map { p in has ? p[m - 1].map { CellData(.number($0), style: s.rate) } ?? .text("数据不全", s.greyed) : .empty(s.rate) }
                             + [.text(note, s.left)], at: r)
        }
        let quoted = WorkbookBuilder.quotedSheet("年度总览")
        let series = [ColumnChart.Series(name: "\(quoted)!$B$\(header + 1)", values: "\(quoted)!$B$\(header + 2):$B$\(header + 13)")]
            + sections.indices.map { i in
                let col = CellReference.columnName(2 + i)
                return ColumnChart.Series(name: "\(quoted)!$\(col)$\(header + 1)", values: "\(quoted)!$\(col)$\(header + 2):$\(col)$\(header + 13)")
            }
        r += 1
        sheet.addChart(ColumnChart(
            title: "全市平均完成率与序时进度", categories: "\(quoted)!$A$\(header + 2):$A$\(header + 13)", series: series, valueFormat: "0%",
            anchor: CellRange(CellReference(row: r, column: 0), CellReference(row: r + 11, column: last)), kind: .line))
        setUpPrint(sheet, view, title: "年度总览", titleRows: nil)
        sheet.pageSetup.fitToHeight = 1
    }

    /// A task × district × month sheet of figures.
    private static func monthly(_ view: YearView, _ book: WorkbookBuilder, _ s: ReportStyles, name: String, values: (YearView.Line) -> [Decimal?]) throws {
        let sheet = try book.addSheet(name)
        let widths: [Double] = [7, 30, 12, 9] + Array(repeating: 8.0, count: 12) + [9, 10]
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        let gaps = Set(view.missingMonths)
        let latest = view.latestMonth ?? 0
        try sheet.addRow((["编号", "目标任务", "地区", "目标"] + (1...12).map { "\($0)月" + (gaps.contains($0) ? "（无汇总）" : "") }
                          + ["完成月份", "最近一期完成率"]).map { .text($0, s.header) }, height: 30)
        var r = 1
        for line in view.lines {
            let numberStyle = line.isPercentage ? s.percentFigure : s.figure
            let shown = values(line)
            var row: [CellData] = [
                .text(line.task.id, s.centre), .text(line.task.projectName.map { "\($0)：\(line.task.target)" } ?? line.task.target, s.wrap),
                .text(line.district?.name ?? "全市", line.district == nil ? s.label : s.wrapCentre),
                line.target.map { CellData(.number($0.double), style: numberStyle) } ?? .text("见说明", s.centre),
            ]
            for m in 1...12 {
                if let v = shown[m - 1] {
                    row.append(CellData(.number(v.double), style: numberStyle))
                } else if gaps.contains(m) {
                    row.append(.text("无汇总", s.greyed))
                } else if view.months.contains(m), m <= latest {
                    // No figure this month, or (for the increase) none the month before to subtract.
                    let why = line.cumulative[m - 1] == nil ? (line.district == nil ? "数据不全" : "未计入") : m == 1 ? "—" : "上月无数字"
                    row.append(.text(why, s.greyed))
                } else {
                    row.append(.empty(numberStyle))
                }
            }
            row.append(line.completedIn.map { CellData.text("\($0)月", s.centre) } ?? .empty(s.centre))
            row.append(line.lastRate.map { CellData(.number($0), style: s.rate) } ?? .empty(s.rate))
            try sheet.addRow(row, at: r, height: 18)
            r += 1
        }
        sheet.freeze(rows: 1, columns: 3)
        setUpPrint(sheet, view, title: name, titleRows: 0...0)
    }

    /// 时间节点执行: each month of each task a district scheduled, what was due, what was done, and whether it was met.
    private static func schedules(_ view: YearView, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("时间节点执行")
        let widths: [Double] = [7, 7, 30, 12, 9, 10, 10, 9, 30]
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(["月份", "编号", "目标任务", "地区", "目标", "应完成", "实际完成", "结果", "未达到的步骤"].map { .text($0, s.header) }, height: 24)
        let checks = view.scheduleChecks
        for (i, check) in checks.enumerated() {
            let light: TrafficLight = check.met ? .green : .red
            try sheet.addRow([
                .text("\(check.month)月", s.centre), .text(check.task.id, s.centre), .text(check.task.target, s.wrap), .text(check.district.name, s.wrapCentre),
                ConsolidatedWorkbook.number(check.target, s.figure), ConsolidatedWorkbook.number(check.due.map { ($0 * 10).rounded / 10 }, s.figure),
                ConsolidatedWorkbook.number(check.done, s.figure), .text(check.met ? "达到" : "未达到", s.light(light)), .text(check.missed, s.wrap),
            ], at: 1 + i, height: 18)
        }
        if checks.isEmpty {
            try sheet.addRow([.text("各地区均未填写时间节点，进度按序时进度（月数÷12）判断。", s.left)], at: 1)
        }
        sheet.freeze(rows: 1)
        setUpPrint(sheet, view, title: "时间节点执行", titleRows: 0...0)
    }

    /// 督查考核: the districts ranked by the share of their tasks on pace in the latest round.
    private static func ranking(_ view: YearView, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("督查考核")
        let widths: [Double] = [7, 30, 14, 14, 12, 16]
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        sheet.fitsWrappedText = true
        let month = view.latestMonth ?? 0
        let rule = "按\(view.year)年\(month)月汇总：各地有数字目标的任务中，累计完成达到目标或落后序时进度（\(Int((YearView.pace(month: month) * 100).rounded()))%）不超过10个百分点的任务所占比例，由高到低排列；未计入汇总的数字按未达到序时进度计。"
        try sheet.addRow([.text("督查考核排名", s.title)], height: 28)
        try sheet.merge(CellRange("A1:F1")!)
        try sheet.addRow([.text(rule, s.noteWrap)] + Array(repeating: CellData.empty(s.noteWrap), count: 5), at: 1,
                         height: ConsolidatedWorkbook.rowHeight([(rule, widths.reduce(0, +))]))
        try sheet.merge(CellRange("A2:F2")!)
        try sheet.addRow(["名次", "地区", "有数字目标的任务", "达到序时进度", "占比", "未计入汇总的任务"].map { .text($0, s.header) }, at: 2, height: 30)
        var rank = 0, previous: Double?
        for (i, standing) in view.standings.enumerated() {
            if standing.share != previous { rank = i + 1 }
            previous = standing.share
            try sheet.addRow([
                CellData(.number(Double(rank)), style: s.integer), .text(standing.district.name, s.wrapCentre),
                CellData(.number(Double(standing.assigned)), style: s.integer), CellData(.number(Double(standing.onPace)), style: s.integer),
                CellData(.number(standing.share), style: s.rate), CellData(.number(Double(standing.missing)), style: s.integer),
            ], at: 3 + i)
        }
        setUpPrint(sheet, view, title: "督查考核", titleRows: 2...2)
        sheet.pageSetup.orientation = .portrait
    }
}
