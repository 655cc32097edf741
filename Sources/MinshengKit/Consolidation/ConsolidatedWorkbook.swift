import Foundation
import XLSXCore
import XLSXReader
import XLSXWriter

/// Writes the consolidated workbook leaders read and print.
public enum ConsolidatedWorkbook {
    public static func write(_ c: Consolidation, to path: String) throws {
        let book = try WorkbookBuilder()
        book.properties.title = "\(c.period.chinese)民生实事进度汇总"
        book.properties.creator = "minsheng"
        book.properties.created = c.generatedAt
        book.properties.modified = c.generatedAt
        let s = ReportStyles(book)
        try overview(c, book, s)
        try matrix(c, book, s)
        try byLead(c, book, s)
        try laggingList(c, book, s)
        try submissions(c, book, s)
        try FindingsWorkbook.addSheet(c.findings, to: book, name: "数据问题")
        try sites(c, book, s)
        try figures(c, book)
        try book.write(to: path)
    }

    /// Last round's figures from its summary workbook's hidden sheet, by district id and task id.
    /// - Throws: `DomainError` when the workbook is not a summary minsheng wrote.
    static func previousFigures(path: String, plan: Plan) throws -> (Period?, [String: [String: Decimal]]) {
        let book = try Workbook(path: path)
        guard let info = book.sheet(named: TemplateLayout.metaSheet), case let grid = try book.grid(of: info),
              grid.value(row: 0, column: 1).text == "summary"
        else {
            throw DomainError(
                file: path, message: "not a summary workbook written by minsheng consolidate", hint: "give last round's 汇总.xlsx, its --json output, or its folder of returns",
                zh: "不是 minsheng consolidate 写出的汇总表", zhHint: "请给出上一期的汇总表、用 --json 写出的汇总数据，或上一期报送表所在的文件夹")
        }
        var figures: [String: [String: Decimal]] = [:]
        for r in 2..<max(grid.rowCount, 2) {
            guard case .number(let n) = grid.value(row: r, column: 2) else { continue }
            let district = grid.value(row: r, column: 0).text, task = grid.value(row: r, column: 1).text
            guard plan.districts.contains(where: { $0.id == district }) else { continue }
            figures[district, default: [:]][task] = Decimal(string: CellValue.format(n), locale: Locale(identifier: "en_US_POSIX"))
        }
        return (Period(grid.value(row: 1, column: 1).text), figures)
    }

    /// The sheet `consolidate --previous` reads next month: the period, then every counted figure as
    /// district id, task id and value, in a veryHidden sheet as the templates keep their metadata.
    private static func figures(_ c: Consolidation, _ book: WorkbookBuilder) throws {
        let sheet = try book.addSheet(TemplateLayout.metaSheet)
        sheet.visibility = .veryHidden
        try sheet.addRow([.text("kind"), .text("summary")])
        try sheet.addRow([.text("period"), .text(c.period.description)])
        for t in c.tasks {
            for f in t.districts {
                guard let done = f.done else { continue }
                try sheet.addRow([.text(f.district.id), .text(t.task.id), CellData(.number(done.double))])
            }
        }
    }

    private static func percent(_ d: Double) -> String { String(format: "%.1f%%", d * 100) }

    /// `收到 12 个文件：已采用 9，被替代 1，…`: every file handed in, by what happened to it.
    public static func fileSummary(_ c: Consolidation) -> String {
        let counts = c.outcomeCounts
        let parts = ReturnRecord.Outcome.allCases.compactMap { o in counts[o].map { "\(o.rawValue) \($0)" } }
        return "共 \(c.records.count) 个" + (parts.isEmpty ? "" : "：" + parts.joined(separator: "，"))
    }

    /// What the 全市 figures cover, in plain words.
    static func coverageSummary(_ c: Consolidation) -> String {
        let judged = c.tasks.filter { $0.assigned > 0 }
        let incomplete = judged.filter { !$0.isComplete }
        if incomplete.isEmpty { return "全部 \(judged.count) 项任务的全市数字包含所有分解到的地区。" }
        return "\(c.reportedDistricts.count) 个地区的报表已采用；\(incomplete.count) 项任务的全市数字缺少部分地区（如 \(incomplete[0].task.id) 为 \(incomplete[0].coverage)），"
            + "标为“数据不全”、不亮灯，并另列已计入地区目标的完成率。"
    }

    private static func number(_ d: Decimal?, _ style: StyleID) -> CellData {
        guard let d else { return .empty(style) }
        return CellData(.number(d.double), style: style)
    }

    private static func setUpPrint(_ sheet: SheetWriter, titleRows: ClosedRange<Int>?, landscape: Bool = true) {
        sheet.pageSetup.orientation = landscape ? .landscape : .portrait
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = titleRows
        sheet.pageSetup.footer = PageSetup.chinesePageFooter
        sheet.pageSetup.margins = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
    }

    /// 总览: status counts, overall completion, when and from what.
    private static func overview(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("总览")
        sheet.showGridLines = false
        for (i, w) in [18.0, 14, 14, 40].enumerated() { sheet.setColumnWidth(i, w) }
        try sheet.addRow([.text("\(c.period.chinese)民生实事进度汇总", s.title)], height: 32)
        try sheet.merge(CellRange("A1:D1")!)
        let info: [(String, String)] = [
            ("依据", [c.plan.documentNumber, c.plan.title].compactMap { $0 }.joined(separator: " ")),
            ("报送期", c.period.chinese), ("序时进度", percent(c.pace)), ("生成时间", c.generatedAt.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")),
            ("已采用地区", "\(c.reportedDistricts.count) / \(c.plan.districts.count)"),
            ("未报送地区", c.missingDistricts.map(\.name).joined(separator: "、").ifEmpty("无")),
            ("报送文件无法读取", c.unreadableDistricts.map(\.name).joined(separator: "、").ifEmpty("无")),
            ("报送的表无法确定归属", c.unattributedDistricts.map(\.name).joined(separator: "、").ifEmpty("无")),
            ("有数据未计入的地区", c.excludedDistricts.map(\.name).joined(separator: "、").ifEmpty("无")),
            ("收到文件", fileSummary(c)),
            ("全市数据覆盖", coverageSummary(c)),
            ("全市平均完成率", c.overallCompletion.map { percent($0) + "（仅含各地数据齐全的任务）" } ?? "—（没有各地数据齐全的任务）"),
        ]
        var r = 2
        for (k, v) in info {
            try sheet.addRow([.text(k, s.label), .text(v, s.wrap)], at: r, height: max(SheetWriter.wrappedHeight(v, columnWidth: 68, fontSize: 10), 18))
            try sheet.merge(CellRange(CellReference(row: r, column: 1), CellReference(row: r, column: 3)))
            r += 1
        }
        r += 1
        try sheet.addRow([.text("进度状态", s.header), .text("任务×地区数", s.header), .text("占比", s.header), .text("说明", s.header)], at: r)
        r += 1
        let counts = c.statusCounts
        let total = max(counts.values.reduce(0, +), 1)
        let notes: [ProgressStatus: String] = [
            .ahead: "累计完成达到或超过目标", .onPace: "落后序时进度不超过10个百分点", .slow: "落后序时进度10个百分点以上", .missing: "未报送或未填写",
            .excluded: "该项数据有强制性错误，单独列出，未计入合计", .unreadable: "报送了文件，但无法读取",
            .unattributable: "报送的表与文件名所写地区或报送期不符，未采用",
        ]
        let first = r
        let shown: [ProgressStatus] = [.ahead, .onPace, .slow, .missing, .excluded, .unreadable, .unattributable]
        let span = "B$\(first + 1):B$\(first + shown.count)"
        for status in shown {
            let n = counts[status] ?? 0
            try sheet.addRow([
                .text(status.rawValue, s.centre), CellData(.number(Double(n)), style: s.integer),
                .formula("IF(SUM(\(span))=0,\"\",B\(r + 1)/SUM(\(span)))", cached: .number(Double(n) / Double(total)), s.percent),
                .text(notes[status]!, s.left),
            ], at: r)
            r += 1
        }
        r += 1
        let lights = [TrafficLight.green, .yellow, .red].map { l in (l, c.tasks.filter { $0.light == l }.count) }
        let incomplete = c.tasks.filter { $0.status == .incomplete }.count
        try sheet.addRow([.text("全市任务", s.header), .text("任务数", s.header), .text("", s.header), .text("说明", s.header)], at: r)
        r += 1
        let lightNotes: [TrafficLight: String] = [.green: "达到或接近序时进度", .yellow: "落后10–30个百分点", .red: "落后30个百分点以上"]
        for (light, n) in lights {
            try sheet.addRow([.text(light.rawValue + "灯", s.light(light)), CellData(.number(Double(n)), style: s.integer), .empty(s.centre), .text(lightNotes[light]!, s.left)], at: r)
            r += 1
        }
        try sheet.addRow([
            .text(ProgressStatus.incomplete.rawValue, s.centre), CellData(.number(Double(incomplete)), style: s.integer), .empty(s.centre),
            .text("有地区的数据未计入，全市数字不完整，不亮灯", s.left),
        ], at: r)
        r += 1
        r += 1
        // Completion by district, and a native chart of it beside the overview.
        try sheet.addRow([.text("地区", s.header), .text("平均完成率", s.header), .text("推进缓慢项数", s.header), .text("说明", s.header)], at: r)
        let tableStart = r + 1
        let missing = Set(c.missingDistricts.map(\.id)), excluded = Set(c.excludedDistricts.map(\.id))
        let unreadable = Set(c.unreadableDistricts.map(\.id))
        var figuresByDistrict: [String: [DistrictFigure]] = [:]
        for t in c.tasks { for f in t.districts { figuresByDistrict[f.district.id, default: []].append(f) } }
        for d in c.plan.districts {
            r += 1
            let figures = figuresByDistrict[d.id] ?? []
            let rates = figures.compactMap(\.rate).map { min($0, 1) }
            let mean = rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
            let leftOut = figures.filter { $0.status == .excluded }.count
            let note = missing.contains(d.id) ? "未报送" : unreadable.contains(d.id) ? "报送文件无法读取" : excluded.contains(d.id) ? "\(leftOut)项数据有误未计入" : ""
            try sheet.addRow([
                .text(d.shortName, s.centre), mean.map { CellData(.number($0), style: s.percent) } ?? .empty(s.percent),
                CellData(.number(Double(figures.filter { $0.status == .slow }.count)), style: s.integer), .text(note, s.left),
            ], at: r)
        }
        let quoted = WorkbookBuilder.quotedSheet("总览")
        sheet.addChart(ColumnChart(
            title: "各地平均完成率（序时进度\(percent(c.pace))）", categories: "\(quoted)!$A$\(tableStart + 1):$A$\(r + 1)",
            series: [.init(name: "\(quoted)!$B$\(tableStart)", values: "\(quoted)!$B$\(tableStart + 1):$B$\(r + 1)")], valueFormat: "0%",
            anchor: CellRange(CellReference(row: 2, column: 5), CellReference(row: 22, column: 13))))
        r += 2
        try sheet.addRow([.text("地区", s.header), .text("处理", s.header), .text("来源文件", s.header), .text("原因", s.header)], at: r)
        r += 1
        for rec in c.records {
            let name = URL(fileURLWithPath: rec.file).lastPathComponent
            try sheet.addRow([
                .text(rec.district?.shortName ?? "—", s.wrapCentre), .text(rec.outcome.rawValue, s.wrapCentre), .text(name, s.wrap), .text(rec.reason ?? "", s.wrap),
            ], at: r, height: max(SheetWriter.wrappedHeight(rec.reason ?? "", columnWidth: 40, fontSize: 10), SheetWriter.wrappedHeight(name, columnWidth: 14, fontSize: 10), 18))
            r += 1
        }
        setUpPrint(sheet, titleRows: nil, landscape: false)
    }

    /// 分解汇总: task × district matrix with 全市 totals and traffic lights.
    private static func matrix(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("分解汇总")
        let districts = c.plan.districts
        // With last round's figures, 本月新增 stands beside 完成 for 全市 and for every district.
        let increase = c.hasPrevious
        let fixed = 4, cityWidth = increase ? 5 : 4, per = increase ? 4 : 3
        let widths: [Double] = [7, 36, 6, 12] + [9, 9] + (increase ? [8] : []) + [8, 8]
            + Array(repeating: increase ? [8.0, 8, 7, 8] : [8.0, 8, 8], count: districts.count).flatMap { $0 }
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        let last = fixed + cityWidth + districts.count * per - 1
        try sheet.addRow([.text("\(c.period.chinese)民生实事分解任务完成情况", s.title)], height: 30)
        try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: last)))
        try sheet.addRow([.text("序时进度 \(percent(c.pace))　绿：达到或接近序时进度　黄：落后10–30个百分点　红：落后30个百分点以上　“/”：未分解到该地区　有误未计入：见单元格批注", s.note)])
        try sheet.merge(CellRange(CellReference(row: 1, column: 0), CellReference(row: 1, column: last)))
        var top: [CellData] = ["编号", "目标任务", "单位", "牵头单位"].map { .text($0, s.header) }
        top += [.text("全市", s.header)] + Array(repeating: CellData.empty(s.header), count: cityWidth - 1)
        for d in districts { top += [.text(d.shortName, s.header)] + Array(repeating: CellData.empty(s.header), count: per - 1) }
        var second: [CellData] = Array(repeating: .empty(s.header), count: fixed)
        second += (["目标", "完成"] + (increase ? ["本月新增"] : []) + ["完成率", "进度"]).map { .text($0, s.header) }
        for _ in districts { second += (["目标", "完成"] + (increase ? ["本月新增"] : []) + ["完成率"]).map { .text($0, s.header) } }
        try sheet.addRow(top, at: 2, height: 20)
        try sheet.addRow(second, at: 3, height: increase ? 30 : 20)
        for col in 0..<fixed { try sheet.merge(CellRange(CellReference(row: 2, column: col), CellReference(row: 3, column: col))) }
        try sheet.merge(CellRange(CellReference(row: 2, column: fixed), CellReference(row: 2, column: fixed + cityWidth - 1)))
        for i in districts.indices {
            let col = fixed + cityWidth + i * per
            try sheet.merge(CellRange(CellReference(row: 2, column: col), CellReference(row: 2, column: col + per - 1)))
        }
        var r = 4
        var rateColumns: [Int] = [fixed + cityWidth - 2]
        for i in districts.indices { rateColumns.append(fixed + cityWidth + i * per + per - 1) }
        for t in c.tasks {
            let numberStyle = t.isPercentage ? s.percentFigure : s.figure
            var row: [CellData] = [
                .text(t.task.id, s.centre), .text(t.task.projectName.map { "\($0)：\(t.task.target)" } ?? t.task.target, s.wrap),
                .text(t.unit, s.centre), .text(t.task.leads.joined(separator: "\n"), s.wrapCentre),
            ]
            var doneCells: [String] = []
            var increaseCells: [String] = []
            var districtCells: [CellData] = []
            for (i, d) in districts.enumerated() {
                let col = fixed + cityWidth + i * per
                guard let f = t.districts.first(where: { $0.district == d }) else {
                    districtCells += Array(repeating: .text("/", s.greyed), count: per)
                    continue
                }
                let tRef = CellReference(row: r, column: col).description, dRef = CellReference(row: r, column: col + 1).description
                doneCells.append(dRef)
                districtCells.append(f.target.map { CellData(.number($0.double), style: numberStyle) } ?? .text("见说明", s.centre))
                let shownText = f.status == .missing ? "未报" : f.status == .excluded ? "有误未计入" : f.status == .unreadable ? "无法读取" : f.status == .unattributable ? "无法确定归属" : ""
                districtCells.append(f.done.map { CellData(.number($0.double), style: numberStyle) } ?? .text(shownText, f.status == .excluded ? s.light(.red) : s.greyed))
                if increase {
                    increaseCells.append(CellReference(row: r, column: col + 2).description)
                    districtCells.append(f.increase.map { CellData(.number($0.double), style: numberStyle) } ?? .empty(numberStyle))
                }
                var note: [String] = []
                if let why = f.leftOutBecause { note.append("未计入：" + why.message + (why.location.map { "（\($0)）" } ?? "")) }
                if let lead = f.fromLeadDepartment { note.append("来源：牵头单位（\(URL(fileURLWithPath: lead).lastPathComponent)）") }
                if let remark = f.remark { note.append("备注：" + remark) }
                if !note.isEmpty { sheet.addNote(Note(cell: CellReference(row: r, column: col + 1), text: note.joined(separator: "\n"))) }
                districtCells.append(f.target == nil ? .empty(s.rate) : .formula(
                    "IF(OR(\(tRef)=0,NOT(ISNUMBER(\(dRef)))),\"\",\(dRef)/\(tRef))", cached: f.rate.map { .number($0) } ?? .string(""), s.rate))
            }
            let targetRef = CellReference(row: r, column: fixed).description, doneRef = CellReference(row: r, column: fixed + 1).description
            let aggregate = t.isPercentage ? "AVERAGE" : "SUM"
            let doneFormula = doneCells.isEmpty ? nil : "IF(COUNT(\(doneCells.joined(separator: ",")))=0,\"\",\(aggregate)(\(doneCells.joined(separator: ","))))"
            row.append(t.target.map { CellData(.number($0.double), style: numberStyle) } ?? .text(t.task.total.text.ifEmpty("见说明"), s.centre))
            row.append(doneFormula.map { .formula($0, cached: t.done.map { .number($0.double) } ?? .string(""), numberStyle) } ?? .empty(numberStyle))
            if increase {
                // 全市 本月新增: the sum of the districts' (their mean for percentage tasks), as 完成 is.
                let known = t.districts.compactMap(\.increase)
                let cached: Decimal? = known.isEmpty ? nil : t.isPercentage ? known.reduce(0, +) / Decimal(known.count) : known.reduce(0, +)
                let list = increaseCells.joined(separator: ",")
                row.append(increaseCells.isEmpty ? .empty(numberStyle) : .formula(
                    "IF(COUNT(\(list))=0,\"\",\(aggregate)(\(list)))", cached: cached.map { .number($0.double) } ?? .string(""), numberStyle))
            }
            row.append(t.target == nil ? .empty(s.rate) : .formula("IF(OR(\(targetRef)=0,NOT(ISNUMBER(\(doneRef)))),\"\",\(doneRef)/\(targetRef))", cached: t.rate.map { .number($0) } ?? .string(""), s.rate))
            row.append(.text(cityStatus(t), s.light(t.light)))
            row += districtCells
            let height = max(SheetWriter.wrappedHeight(t.task.target, columnWidth: 36, fontSize: 10), 18)
            try sheet.addRow(row, at: r, height: height)
            r += 1
        }
        let ranges = rateColumns.map { CellRange(CellReference(row: 4, column: $0), CellReference(row: max(r - 1, 4), column: $0)) }
        let green = String(format: "%.4f", c.pace - 0.10), red = String(format: "%.4f", c.pace - 0.30)
        sheet.addConditionalFormat(ConditionalFormat(ranges: ranges, rules: [
            .expression("AND(ISNUMBER(\(ranges[0].start)),\(ranges[0].start)>=\(green))", DifferentialStyle(fontColor: "006100", fill: "C6EFCE")),
            .expression("AND(ISNUMBER(\(ranges[0].start)),\(ranges[0].start)<\(green),\(ranges[0].start)>=\(red))", DifferentialStyle(fontColor: "9C5700", fill: "FFEB9C")),
            .expression("AND(ISNUMBER(\(ranges[0].start)),\(ranges[0].start)<\(red))", DifferentialStyle(fontColor: "9C0006", fill: "FFC7CE")),
        ]))
        sheet.freeze(rows: 4, columns: 2)
        setUpPrint(sheet, titleRows: 2...3)
        sheet.pageSetup.paper = .a3
    }

    /// The 全市 进度 text: the light and status, or 数据不全 with the coverage and the rate of the districts counted.
    static func cityStatus(_ t: TaskSummary) -> String {
        if t.status == .incomplete {
            return "数据不全 \(t.coverage)" + (t.countedRate.map { "，已计入地区完成率 " + percent($0) } ?? "")
        }
        return t.light == .none ? t.status.rawValue : "\(t.light.rawValue) \(t.status.rawValue)"
    }

    /// 按牵头单位: each lead department's tasks across the districts.
    private static func byLead(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("按牵头单位")
        for (i, w) in [14.0, 7, 40, 10, 10, 9, 14, 30].enumerated() { sheet.setColumnWidth(i, w) }
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
                    .text(lead, s.wrapCentre), .text(t.task.id, s.centre), .text(t.task.target, s.wrap), number(t.target, numberStyle),
                    number(t.done, numberStyle), t.rate.map { CellData(.number($0), style: s.rate) } ?? .empty(s.rate),
                    .text(cityStatus(t), s.light(t.light)), .text(slow, s.wrap),
                ], at: r, height: max(SheetWriter.wrappedHeight(t.task.target, columnWidth: 40, fontSize: 10), 18))
                r += 1
            }
            if r - 1 > start { try sheet.merge(CellRange(CellReference(row: start, column: 0), CellReference(row: r - 1, column: 0))) }
        }
        sheet.freeze(rows: 1)
        setUpPrint(sheet, titleRows: 0...0)
    }

    /// 滞后清单: every task × district behind pace, with the gap and who leads it.
    private static func laggingList(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("滞后清单")
        for (i, w) in [6.0, 7, 40, 12, 9, 9, 9, 9, 11, 14, 10, 24].enumerated() { sheet.setColumnWidth(i, w) }
        try sheet.addRow(["序号", "编号", "目标任务", "地区", "目标", "完成", "完成率", "序时进度", "落后（百分点）", "牵头单位", "进度状态", "地区备注"].map { .text($0, s.header) }, height: 22)
        for (i, item) in c.lagging.enumerated() {
            let f = item.figure, t = item.task
            let numberStyle = t.isPercentage ? s.percentFigure : s.figure
            let gap = (c.pace - (f.rate ?? 0)) * 100
            try sheet.addRow([
                CellData(.number(Double(i + 1)), style: s.integer), .text(t.task.id, s.centre), .text(t.task.target, s.wrap), .text(f.district.name, s.wrapCentre),
                number(f.target, numberStyle), number(f.done, numberStyle), f.rate.map { CellData(.number($0), style: s.rate) } ?? .empty(s.rate),
                CellData(.number(c.pace), style: s.rate), CellData(.number((gap * 10).rounded() / 10), style: s.oneDecimal),
                .text(t.task.leads.joined(separator: "、"), s.wrapCentre), .text(f.statusText ?? "", s.light(f.light)), .text(f.remark ?? "", s.wrap),
            ], at: i + 1, height: max(SheetWriter.wrappedHeight(t.task.target, columnWidth: 40, fontSize: 10), SheetWriter.wrappedHeight(f.remark ?? "", columnWidth: 24, fontSize: 10), 18))
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(c.lagging.count, 1), column: 11)))
        setUpPrint(sheet, titleRows: 0...0)
    }

    /// 报送情况: which districts returned, which are missing, which were invalid.
    private static func submissions(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("报送情况")
        for (i, w) in [14.0, 18, 44, 10, 12, 9, 9, 10, 40].enumerated() { sheet.setColumnWidth(i, w) }
        try sheet.addRow(["地区", "报送情况", "文件", "填报人", "填报日期", "强制性", "核实性", "未计入项数", "原因"].map { .text($0, s.header) }, height: 22)
        var r = 1
        for d in c.plan.districts {
            let records = c.records.filter { $0.district == d }
            if records.isEmpty {
                try sheet.addRow([
                    .text(d.name, s.wrapCentre), .text("未报送", s.light(.red)), .empty(s.left), .empty(s.centre), .empty(s.centre), .empty(s.integer),
                    .empty(s.integer), .empty(s.integer), .empty(s.wrap),
                ], at: r)
                r += 1
            }
            for rec in records {
                let light: TrafficLight = rec.outcome == .used ? (rec.leftOut > 0 ? .yellow : .green) : rec.outcome == .superseded ? .none : .red
                try sheet.addRow([
                    .text(d.name, s.centre), .text(rec.outcome.rawValue, s.light(light)), .text(URL(fileURLWithPath: rec.file).lastPathComponent, s.left),
                    .text(rec.filler ?? "", s.centre), .text(rec.date ?? "", s.centre), CellData(.number(Double(rec.errors)), style: s.integer),
                    CellData(.number(Double(rec.warnings)), style: s.integer), CellData(.number(Double(rec.leftOut)), style: s.integer), .text(rec.reason ?? "", s.wrap),
                ], at: r, height: max(SheetWriter.wrappedHeight(rec.reason ?? "", columnWidth: 40, fontSize: 10), 18))
                r += 1
            }
        }
        for rec in c.records where rec.district == nil {
            try sheet.addRow([
                .text("—", s.centre), .text(rec.outcome.rawValue, s.light(rec.outcome == .skipped ? .none : .red)), .text(URL(fileURLWithPath: rec.file).lastPathComponent, s.left),
                .empty(s.centre), .empty(s.centre), CellData(.number(Double(rec.errors)), style: s.integer), CellData(.number(Double(rec.warnings)), style: s.integer),
                .empty(s.integer), .text(rec.reason ?? "", s.wrap),
            ], at: r, height: max(SheetWriter.wrappedHeight(rec.reason ?? "", columnWidth: 40, fontSize: 10), 18))
            r += 1
        }
        sheet.freeze(rows: 1)
        setUpPrint(sheet, titleRows: 0...0)
    }

    /// 项目点位: every project site from every counted return.
    private static func sites(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("项目点位")
        for (i, w) in [12.0, 7, 26, 34, 12, 12, 9, 20, 34].enumerated() { sheet.setColumnWidth(i, w) }
        try sheet.addRow(["地区", "编号", "点位名称", "地址", "经度", "纬度", "状态", "备注", "来源文件"].map { .text($0, s.header) }, height: 22)
        for (i, p) in c.sites.enumerated() {
            try sheet.addRow([
                .text(p.district.name, s.centre), .text(p.taskID, s.centre), .text(p.name, s.wrap), .text(p.address, s.wrap),
                p.longitude.map { CellData(.number($0), style: s.coordinate) } ?? .empty(s.coordinate),
                p.latitude.map { CellData(.number($0), style: s.coordinate) } ?? .empty(s.coordinate), .text(p.status, s.centre),
                .text(p.remark, s.wrap), .text(URL(fileURLWithPath: p.file).lastPathComponent, s.left),
            ], at: i + 1)
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(c.sites.count, 1), column: 8)))
        setUpPrint(sheet, titleRows: 0...0)
    }
}

/// The report's styles.
struct ReportStyles {
    let title, note, label, header, left, centre, wrap, wrapCentre, greyed, figure, percentFigure, integer, rate, percent, oneDecimal, coordinate: StyleID
    private let lights: [TrafficLight: StyleID]

    init(_ book: WorkbookBuilder) {
        let border = Border.all(.thin, color: "808080")
        let font = Font(size: 10)
        let centreAlign = Alignment(horizontal: .center, vertical: .center, wrap: false)
        title = book.style(Style(font: Font(name: "黑体", size: 16), alignment: Alignment(horizontal: .center, vertical: .center)))
        note = book.style(Style(font: Font(size: 9, color: "595959"), alignment: Alignment(horizontal: .left, vertical: .center)))
        label = book.style(Style(font: Font(size: 10, bold: true), fill: "F2F2F2", border: border, alignment: centreAlign))
        header = book.style(Style(font: Font(name: "黑体", size: 10, bold: true), fill: "D9E1F2", border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        left = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .left, vertical: .center)))
        centre = book.style(Style(font: font, border: border, alignment: centreAlign))
        wrap = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        wrapCentre = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        greyed = book.style(Style(font: Font(size: 10, color: "A6A6A6"), border: border, alignment: centreAlign))
        figure = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "General"))
        percentFigure = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0\"%\""))
        integer = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0"))
        rate = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0%"))
        percent = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0%"))
        oneDecimal = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0"))
        coordinate = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.000000"))
        var l: [TrafficLight: StyleID] = [:]
        l[.green] = book.style(Style(font: Font(size: 10, color: "006100"), fill: "C6EFCE", border: border, alignment: centreAlign))
        l[.yellow] = book.style(Style(font: Font(size: 10, color: "9C5700"), fill: "FFEB9C", border: border, alignment: centreAlign))
        l[.red] = book.style(Style(font: Font(size: 10, color: "9C0006"), fill: "FFC7CE", border: border, alignment: centreAlign))
        l[TrafficLight.none] = centre
        lights = l
    }

    func light(_ l: TrafficLight) -> StyleID { lights[l]! }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
