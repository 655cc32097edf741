import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The columns of 总览: two blocks of four (A–D, F–I) with a narrow gap (E), on one landscape A4 width.
    private static let overviewWidths: [Double] = [14, 10, 8, 30, 2, 12, 10, 8, 30]

    /// 总览, a one-page report on landscape A4: what the round covers in words, the status counts beside
    /// the districts' completion, the chart under them; then, on a page of its own, every file received.
    static func overview(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("总览")
        sheet.showGridLines = false
        for (i, w) in overviewWidths.enumerated() { sheet.setColumnWidth(i, w) }
        let full = overviewWidths.reduce(0, +)
        try sheet.addRow([.text("\(c.period.chinese)民生实事进度汇总", s.title)], height: 30)
        try sheet.merge(CellRange("A1:I1")!)
        let scheduled = c.tasks.flatMap(\.districts).filter(\.bySchedule).count
        let basis = "依据：\([c.plan.documentNumber, c.plan.title].compactMap { $0 }.joined(separator: " "))　报送期：\(c.period.chinese)　序时进度：\(percent(c.pace))"
            + (scheduled > 0 ? "（各地填写了时间节点的 \(scheduled) 项任务×地区按其时间节点判断）" : "") + "　生成时间："
            + c.generatedAt.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        try sheet.addRow([.text(basis, s.noteWrap)], at: 1, height: rowHeight([(basis, full)], minimum: 16))
        try sheet.merge(CellRange("A2:I2")!)
        var r = 3
        // Who is in, two facts to a row.
        let pairs: [((String, String), (String, String))] = [
            (("已采用地区", "\(c.reportedDistricts.count) / \(c.plan.districts.count)"), ("未报送地区", names(c.missingDistricts))),
            (("报送文件无法读取", names(c.unreadableDistricts)), ("报送的表无法确定归属", names(c.unattributedDistricts))),
            (("有数据未计入的地区", names(c.excludedDistricts)), ("收到文件", fileSummary(c))),
        ]
        for (left, right) in pairs {
            try sheet.addRow([
                .text(left.0, s.label), .text(left.1, s.wrap), .empty(s.wrap), .empty(s.wrap), nil,
                .text(right.0, s.label), .text(right.1, s.wrap), .empty(s.wrap), .empty(s.wrap),
            ], at: r, height: rowHeight([(left.1, 48), (right.1, 48), (left.0, 14), (right.0, 12)]))
            try sheet.merge(CellRange(CellReference(row: r, column: 1), CellReference(row: r, column: 3)))
            try sheet.merge(CellRange(CellReference(row: r, column: 6), CellReference(row: r, column: 8)))
            r += 1
        }
        // What the 全市 figures cover and what the lights say, in words.
        let sentences = [("全市数据覆盖", coverageSummary(c)), ("全市任务亮灯", lightsSummary(c)),
                         ("全市平均完成率", c.overallCompletion.map { percent($0) + "（仅含各地数据齐全的任务）" } ?? "—（没有各地数据齐全的任务）")]
        for (label, text) in sentences {
            try sheet.addRow([.text(label, s.label), .text(text, s.wrap)] + Array(repeating: CellData.empty(s.wrap), count: 7),
                             at: r, height: rowHeight([(text, full - 14)]))
            try sheet.merge(CellRange(CellReference(row: r, column: 1), CellReference(row: r, column: 8)))
            r += 1
        }
        r += 1
        // The status counts (A–D) beside the districts' completion (F–I), which the chart draws.
        let tableTop = r
        let left = statusRows(c, s, at: tableTop), right = districtRows(c, s)
        for i in 0..<max(left.count, right.count) {
            let none: (cells: [CellData], height: Double) = ([CellData](repeating: nil, count: 4), 0)
            let l = i < left.count ? left[i] : none, rr = i < right.count ? right[i] : none
            try sheet.addRow(l.cells + [nil] + rr.cells, at: r, height: max(l.height, rr.height, 18))
            r += 1
        }
        let first = tableTop + 1, last = tableTop + right.count - 1
        r += 1
        let quoted = WorkbookBuilder.quotedSheet("总览")
        sheet.addChart(ColumnChart(
            title: "各地平均完成率（序时进度\(percent(c.pace))）", categories: "\(quoted)!$F$\(first + 1):$F$\(last + 1)",
            series: [.init(name: "\(quoted)!$G$\(tableTop + 1)", values: "\(quoted)!$G$\(first + 1):$G$\(last + 1)")], valueFormat: "0%",
            anchor: CellRange(CellReference(row: r, column: 0), CellReference(row: r + 9, column: 9))))
        r += 10
        // Every file received, on a page of its own.
        sheet.pageSetup.rowBreaks = [r]
        try filesTable(c, sheet, s, at: r)
        setUpPrint(sheet, c, title: "总览", titleRows: nil)
        sheet.pageSetup.margins = (0.4, 0.4, 0.5, 0.5, 0.25, 0.25)
    }

    private static func names(_ districts: [District]) -> String { districts.map(\.name).joined(separator: "、").ifEmpty("无") }

    /// `绿灯 10 项、黄灯 3 项、红灯 2 项；数据不全 5 项不亮灯`.
    static func lightsSummary(_ c: Consolidation) -> String {
        let lights = [TrafficLight.green, .yellow, .red].map { l in "\(l.rawValue)灯 \(c.tasks.filter { $0.light == l }.count) 项" }
        let incomplete = c.tasks.filter { $0.status == .incomplete }.count
        return "全市 \(c.tasks.count) 项任务中，" + lights.joined(separator: "、")
            + (incomplete > 0 ? "；\(incomplete) 项因有地区数据未计入而数据不全，不亮灯" : "")
            + "。绿灯：达到或接近序时进度；黄灯：落后10–30个百分点；红灯：落后30个百分点以上。"
    }

    /// 进度状态 × 任务×地区数, its header row first, for columns A–D from row `top`.
    private static func statusRows(_ c: Consolidation, _ s: ReportStyles, at top: Int) -> [(cells: [CellData], height: Double)] {
        var rows: [(cells: [CellData], height: Double)] = [(["进度状态", "任务×地区数", "占比", "说明"].map { .text($0, s.header) }, 20)]
        let counts = c.statusCounts
        let total = max(counts.values.reduce(0, +), 1)
        let shown = ProgressStatus.shownInOverview
        let span = "B$\(top + 2):B$\(top + 1 + shown.count)"
        for (i, status) in shown.enumerated() {
            let n = counts[status] ?? 0
            rows.append(([
                .text(status.rawValue, s.wrapCentre), CellData(.number(Double(n)), style: s.integer),
                .formula("IF(SUM(\(span))=0,\"\",B\(top + 2 + i)/SUM(\(span)))", cached: .number(Double(n) / Double(total)), s.percent),
                .text(status.overviewNote, s.wrap),
            ], rowHeight([(status.overviewNote, 30), (status.rawValue, 14)])))
        }
        return rows
    }

    /// 地区 × 平均完成率, its header row first, for columns F–I.
    private static func districtRows(_ c: Consolidation, _ s: ReportStyles) -> [(cells: [CellData], height: Double)] {
        let missing = Set(c.missingDistricts.map(\.id)), excluded = Set(c.excludedDistricts.map(\.id))
        let unreadable = Set(c.unreadableDistricts.map(\.id))
        var figuresByDistrict: [String: [DistrictFigure]] = [:]
        for t in c.tasks { for f in t.districts { figuresByDistrict[f.district.id, default: []].append(f) } }
        var rows: [(cells: [CellData], height: Double)] = [(["地区", "平均完成率", "推进缓慢项数", "说明"].map { .text($0, s.header) }, 20)]
        for d in c.plan.districts {
            let figures = figuresByDistrict[d.id] ?? []
            let rates = figures.compactMap(\.rate).map { min($0, 1) }
            let mean = rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
            let leftOut = figures.filter { $0.status == .excluded }.count
            let note = missing.contains(d.id) ? "未报送" : unreadable.contains(d.id) ? "报送文件无法读取" : excluded.contains(d.id) ? "\(leftOut)项数据有误未计入" : ""
            rows.append(([
                .text(d.shortName, s.wrapCentre), mean.map { CellData(.number($0), style: s.percent) } ?? .empty(s.percent),
                CellData(.number(Double(figures.filter { $0.status == .slow }.count)), style: s.integer), .text(note, s.wrap),
            ], rowHeight([(d.shortName, 12), (note, 30)])))
        }
        return rows
    }

    /// 收到的文件: every file handed in, what was done with it and why.
    private static func filesTable(_ c: Consolidation, _ sheet: SheetWriter, _ s: ReportStyles, at top: Int) throws {
        try sheet.addRow([.text("收到的文件", s.sectionTitle)], at: top, height: 24)
        try sheet.merge(CellRange(CellReference(row: top, column: 0), CellReference(row: top, column: 8)))
        try sheet.addRow([.text("地区", s.header), .text("处理", s.header), .text("来源文件", s.header), .empty(s.header), .empty(s.header),
                          .text("原因", s.header), .empty(s.header), .empty(s.header), .empty(s.header)], at: top + 1)
        try sheet.merge(CellRange(CellReference(row: top + 1, column: 2), CellReference(row: top + 1, column: 4)))
        try sheet.merge(CellRange(CellReference(row: top + 1, column: 5), CellReference(row: top + 1, column: 8)))
        var r = top + 2
        for rec in c.records {
            let name = URL(fileURLWithPath: rec.file).lastPathComponent, district = rec.district?.name ?? "—", reason = rec.reason ?? ""
            try sheet.addRow([
                .text(district, s.wrapCentre), .text(rec.outcome.rawValue, s.wrapCentre), .text(name, s.wrap), .empty(s.wrap), .empty(s.wrap),
                .text(reason, s.wrap), .empty(s.wrap), .empty(s.wrap), .empty(s.wrap),
            ], at: r, height: rowHeight([(district, 14), (name, 40), (reason, 60)]))
            try sheet.merge(CellRange(CellReference(row: r, column: 2), CellReference(row: r, column: 4)))
            try sheet.merge(CellRange(CellReference(row: r, column: 5), CellReference(row: r, column: 8)))
            r += 1
        }
    }
}

extension ProgressStatus {
    /// The statuses counted on 总览, in the order shown.
    static let shownInOverview: [ProgressStatus] = [.ahead, .onPace, .slow, .missing, .excluded, .unreadable, .unattributable]

    /// What the status means, as 总览 explains it.
    var overviewNote: String {
        switch self {
        case .ahead: "累计完成达到或超过目标"
        case .onPace: "落后序时进度不超过10个百分点"
        case .slow: "落后序时进度10个百分点以上"
        case .missing: "未报送或未填写"
        case .excluded: "该项数据有强制性错误，单独列出，未计入合计"
        case .unreadable: "报送了文件，但无法读取"
        case .unattributable: "报送的表与文件名所写地区或报送期不符，未采用"
        case .incomplete: "有地区的数据未计入，全市数字不完整，不亮灯"
        case .notJudged: "目标为文字，不判断进度"
        }
    }
}
