import Foundation
import XLSXCore
import XLSXWriter

/// One row of a district's template: a task assigned to the district and its target there.
public struct TemplateRow: Hashable, Sendable {
    public var taskID: String
    /// 项目名称 / 目标任务 as shown.
    public var text: String
    public var unit: String
    /// The target as a number (a percentage as its percent figure, 100 for 100%), or nil for a text target.
    public var target: Decimal?
    public var isPercentage: Bool
    public var isApproximate: Bool
    /// The locked content, for the fingerprint.
    var lockedParts: [String] { [taskID, text, unit, target.map(Quantity.format) ?? "", isPercentage ? "%" : ""] }

    /// The rows of a district's template, in plan order: every task that assigns the district a figure,
    /// and every task whose target is a note for all districts. Headings and `/` are left out.
    public static func rows(for district: District, in plan: Plan) -> [TemplateRow] {
        plan.tasks.compactMap { row(for: $0, district: district) }
    }

    /// The template row of one task for one district, or nil when the task gives the district nothing to report.
    public static func row(for task: PlanTask, district: District) -> TemplateRow? {
        let share = task.share(district)
        let hasNote = task.note != nil
        guard share.isAssigned || hasNote else { return nil }
        var text = task.projectName.map { "\($0)：\(task.target)" } ?? task.target
        if case .tagged(let entity, _) = share { text += "（\(entity)）" }
        if hasNote, let note = task.note { text += "（\(note)）" }
        let percentage = share.isPercentage || (!share.isAssigned && task.unit == "%")
        return TemplateRow(
            taskID: task.id, text: text, unit: percentage ? "%" : (task.unit ?? ""), target: share.value, isPercentage: percentage,
            isApproximate: share.isApproximate)
    }

    /// The fingerprint of the locked content of these rows.
    public static func fingerprint(_ rows: [TemplateRow]) -> String { Fingerprint.of(rows.flatMap(\.lockedParts)) }
}

/// Options of a template run.
public struct TemplateOptions: Sendable {
    public var period: Period
    public var deadline: String?
    public var contact: String?
    /// Protect the sheets with this password (legacy hash); nil protects without one.
    public var password: String?
    /// The plan's fingerprint, given once by a caller that writes many districts' templates of one plan
    /// (working it out is most of a template's cost with many districts); computed when nil.
    public var planFingerprint: String?

    public init(period: Period, deadline: String? = nil, contact: String? = nil, password: String? = nil) {
        self.period = period
        self.deadline = deadline
        self.contact = contact
        self.password = password
    }
}

/// What a district typed into its template; used to generate sample returns.
public struct TemplateFill: Sendable {
    public var filler: String?
    public var phone: String?
    /// 填报日期.
    public var date: ExcelDateTime?
    /// 累计完成 by task id: a number (a percent figure for percentage targets) or text as typed.
    public var done: [String: WriteValue] = [:]
    public var status: [String: String] = [:]
    public var pointCount: [String: Int] = [:]
    public var remark: [String: String] = [:]
    /// Project sites: task id, name, address, longitude, latitude, status, remark.
    public var points: [(task: String, name: String, address: String, longitude: Double?, latitude: Double?, status: String, remark: String)] = []
    /// `import` for returns compiled from departmental returns, recorded in the metadata.
    public var origin: String?
    /// 时间节点 by task id (quarter figures as percent figures for percentage targets), and their 说明.
    public var milestones: [String: Milestones] = [:]
    public var milestoneRemarks: [String: String] = [:]

    public init() {}
}

/// Writes the fill-in workbook a district receives.
public enum TemplateWriter {
    /// The file name for a district and period: `民生实事填报_南湖区_2021-06.xlsx`.
    public static func fileName(_ district: District, _ period: Period) -> String {
        "民生实事填报_\(district.shortName)_\(period).xlsx"
    }

    /// Writes one district's template.
    /// - Parameter fill: values to put in the input cells (sample returns); nil leaves them empty.
    public static func write(plan: Plan, district: District, options: TemplateOptions, fill: TemplateFill? = nil, to path: String) throws {
        try build(plan: plan, district: district, options: options, fill: fill).write(to: path)
    }

    /// Changes a cell of 填报 or 项目点位 on its way in: the sheet's name, the cell, what the template writes.
    package typealias Decorator = (WorkbookBuilder, String, CellReference, CellData) -> CellData

    /// The template workbook, not yet written; `decorate` sees every cell of 填报 and 项目点位.
    package static func build(plan: Plan, district: District, options: TemplateOptions, fill: TemplateFill? = nil, decorate: Decorator? = nil) throws -> WorkbookBuilder {
        let rows = TemplateRow.rows(for: district, in: plan)
        let book = try WorkbookBuilder()
        book.properties.title = "\(options.period.year)年民生实事进度填报（\(district.name)）"
        book.properties.subject = plan.documentNumber ?? plan.title
        book.properties.creator = "minsheng"
        let s = TemplateStyles(book)
        try writeGuide(book, s, plan: plan, district: district, options: options, rows: rows)
        try writeForm(book, s, district: district, options: options, rows: rows, fill: fill, decorate: decorate)
        let heading = "\(district.name) \(options.period.chinese)"
        try writePoints(book, s, rows: rows, bounds: SiteBounds.of(plan), heading: heading, options: options, fill: fill, decorate: decorate)
        try writeMilestones(book, s, rows: rows, cityMilestones: plan.milestones, heading: heading, options: options, fill: fill, decorate: decorate)
        let meta = try book.addSheet(TemplateLayout.metaSheet)
        meta.visibility = .veryHidden
        let entries: [(String, String)] = [
            ("format", TemplateLayout.formatVersion), ("plan", options.planFingerprint ?? Fingerprint.of(plan)), ("plan_title", plan.title),
            ("district", district.id), ("district_name", district.name), ("period", options.period.description),
            ("locked", TemplateRow.fingerprint(rows)), ("tasks", rows.map(\.taskID).joined(separator: ",")),
        ] + (fill?.origin.map { [("origin", $0)] } ?? [])
        for (k, v) in entries { try meta.addRow([.text(k), .text(v)]) }
        book.activeSheet = 1
        return book
    }

    /// The width of 填报说明's one column: the lines wrap within a portrait A4 page.
    static let guideWidth = 80.0

    private static func writeGuide(_ book: WorkbookBuilder, _ s: TemplateStyles, plan: Plan, district: District, options: TemplateOptions, rows: [TemplateRow]) throws {
        let sheet = try book.addSheet(TemplateLayout.guideSheet)
        sheet.setColumnWidth(0, guideWidth)
        sheet.showGridLines = false
        let lines: [(String, StyleID)] = [
            ("\(options.period.year)年民生实事进度填报说明", s.title),
            ("填报单位：\(district.name)　报送期：\(options.period.chinese)", s.plain),
            ("依据：\(plan.documentNumber.map { "\($0)　" } ?? "")\(plan.title)", s.plain),
            ("", s.plain),
            ("一、填写什么", s.bold),
            ("1. 在“填报”表中填写填报人、联系电话和填报日期，并逐项填写“累计完成”（自年初至报送期末的累计数）和“进度状态”；有项目点位的填写“项目点位数”。", s.wrap),
            ("2. 在“项目点位”表中逐个填写项目点位（供民生地图使用）：编号从下拉列表选择，经度、纬度为十进制度数（如120.755、30.746）。", s.wrap),
            ("3. 浅黄色单元格为填报区，其余单元格已锁定，请勿修改目标、增删或调换行次。", s.wrap),
            ("4. 在“时间节点”表中填写本地区的工作安排：各季度末应累计完成的数字，以及开工、主体完工、投用的日期。首次填写后每期保留，调整时须在“说明”中写明原因；填写了时间节点的任务按时间节点判断进度，未填写的按序时进度（月数÷12）判断。", s.wrap),
            ("", s.plain),
            ("二、如何审核（强制性错误须修改，核实性提示须说明）", s.bold),
            ("1. 累计完成须为不小于0的数字；百分比目标填写百分数。“约300”“三百”等写法不予接受，全角数字、“12个”等会自动规范并提示。", s.wrap),
            ("2. 累计完成超过目标、进度状态与数据不符（如“已完成”但未达目标、“未开工”却有进度）时提示核实。", s.wrap),
            ("3. 累计完成比上期减少时提示说明（表间审核）。", s.wrap),
            ("4. 项目点位须有编号和经纬度，且位于\(SiteBounds.of(plan).name)范围内；重复点位将提示。", s.wrap),
            ("", s.plain),
            ("本表共 \(rows.count) 项任务。", s.plain),
        ] + (options.deadline.map { [("报送截止时间：\($0)", s.bold)] } ?? []) + (options.contact.map { [("联系人：\($0)", s.plain)] } ?? [])
        for (text, style) in lines {
            try sheet.addRow([.text(text, style)], height: style == s.wrap ? SheetWriter.wrappedHeight(text, columnWidth: guideWidth) : style == s.title ? 28 : nil)
        }
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.header = "&C\(district.name) \(options.period.chinese)"
        sheet.pageSetup.footer = PageSetup.chinesePageFooter
    }

    private static func writeForm(_ book: WorkbookBuilder, _ s: TemplateStyles, district: District, options: TemplateOptions, rows: [TemplateRow], fill: TemplateFill?, decorate: Decorator?) throws {
        typealias C = TemplateLayout.Column
        let sheet = try book.addSheet(TemplateLayout.formSheet)
        if let decorate { sheet.decorate = { decorate(book, TemplateLayout.formSheet, $0, $1) } }
        let widths: [C: Double] = [.id: 8, .task: 50, .unit: 7, .target: 10, .done: 11, .rate: 9, .status: 10, .points: 10, .remark: 24]
        for (c, w) in widths { sheet.setColumnWidth(c.rawValue, w) }
        let last = C.remark.rawValue
        try sheet.addRow([.text("\(options.period.year)年民生实事进度填报表", s.title)], height: 30)
        try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: last)))
        let header = TemplateLayout.headerFirstRow
        let values: [CellData] = [
            .text(district.name, s.lockedValue), .text(options.period.description, s.lockedValue),
            CellData(fill?.filler.map { .text($0) } ?? .empty, style: s.input), CellData(fill?.phone.map { .text($0) } ?? .empty, style: s.input),
            CellData(fill?.date.map { .date($0) } ?? .empty, style: s.inputDate),
        ]
        for (i, label) in TemplateLayout.headerLabels.enumerated() {
            try sheet.addRow([.text(label, s.label), values[i]], at: header + i)
        }
        let tableRow = TemplateLayout.tableHeaderRow
        try sheet.addRow(C.allCases.map { .text($0.label, s.header) }, at: tableRow, height: 30)
        for (i, row) in rows.enumerated() {
            let r = tableRow + 1 + i
            let excelRow = r + 1
            let target: CellData
            if let t = row.target {
                let v = (row.isPercentage ? t / 100 : t).double
                target = CellData(.number(v), style: row.isPercentage ? s.lockedPercent : s.lockedNumber)
            } else {
                target = .text("见说明", s.lockedText)
            }
            let rate: CellData =
                row.target == nil
                ? .empty(s.lockedRate)
                : .formula("IF(OR(D\(excelRow)=\"\",D\(excelRow)=0,E\(excelRow)=\"\"),\"\",E\(excelRow)/D\(excelRow))", cached: .string(""), s.lockedRate)
            let height = max(SheetWriter.wrappedHeight(row.text, columnWidth: widths[.task]!), 20)
            try sheet.addRow([
                .text(row.taskID, s.lockedText), .text(row.text, s.lockedWrap), .text(row.unit, s.lockedText), target,
                CellData(filledDone(fill?.done[row.taskID], percentage: row.isPercentage), style: row.isPercentage ? s.inputPercent : s.inputNumber), rate,
                CellData(fill?.status[row.taskID].map { .text($0) } ?? .empty, style: s.input),
                CellData(fill?.pointCount[row.taskID].map { .number(Double($0)) } ?? .empty, style: s.inputNumber),
                CellData(fill?.remark[row.taskID].map { .text($0) } ?? .empty, style: s.inputWrap),
            ], at: r, height: height)
            if row.isApproximate { sheet.addNote(Note(cell: CellReference(row: r, column: C.target.rawValue), text: "目标为约数。")) }
        }
        let first = tableRow + 1, lastRow = max(tableRow + rows.count, first)
        func range(_ c: C) -> CellRange { CellRange(CellReference(row: first, column: c.rawValue), CellReference(row: lastRow, column: c.rawValue)) }
        try sheet.addValidation(DataValidation(
            .decimal(.greaterThanOrEqual, "0"), ranges: [range(.done)], promptTitle: "累计完成",
            prompt: "填写自年初至报送期末的累计完成数（不小于0的数字）；百分比目标填写百分数。", errorTitle: "累计完成有误", error: "请填写不小于0的数字。"))
        try sheet.addValidation(DataValidation(
            .list(TemplateLayout.statuses), ranges: [range(.status)], promptTitle: "进度状态", prompt: "请选择：未开工、推进中或已完成。",
            errorTitle: "进度状态有误", error: "请从下拉列表中选择。"))
        try sheet.addValidation(DataValidation(
            .whole(.greaterThanOrEqual, "0"), ranges: [range(.points)], promptTitle: "项目点位数", prompt: "该项任务在“项目点位”表中填写的点位个数。",
            errorTitle: "项目点位数有误", error: "请填写不小于0的整数。"))
        try sheet.addValidation(DataValidation(
            .date(.between, "36526", "73051"), ranges: [CellRange(CellReference(row: header + 4, column: 1), CellReference(row: header + 4, column: 1))],
            promptTitle: "填报日期", prompt: "例如 2021-07-05。", errorTitle: "日期有误", error: "请填写日期，例如 2021-07-05。"))
        try sheet.addValidation(DataValidation(
            .textLength(.lessThanOrEqual, "30"), ranges: [CellRange(CellReference(row: header + 3, column: 1), CellReference(row: header + 3, column: 1))],
            promptTitle: "联系电话", prompt: "手机或座机号码。"))
        sheet.addConditionalFormat(ConditionalFormat(ranges: [range(.rate)], rules: [
            .cellValue(.greaterThanOrEqual, "1", nil, DifferentialStyle(fontColor: "006100", fill: "C6EFCE")),
        ]))
        sheet.freeze(rows: tableRow + 1, columns: 2)
        finish(sheet, header: "&C\(district.name) \(options.period.chinese)", titleRows: tableRow...tableRow, rowsResizable: true, options: options)
    }

    /// A form sheet's print setup (landscape A4 fitted to the width, the header row repeated, the page
    /// header in Excel's codes, page numbers below) and its protection (columns may be widened; rows too where asked).
    private static func finish(_ sheet: SheetWriter, header: String, titleRows: ClosedRange<Int>, rowsResizable: Bool, options: TemplateOptions) {
        sheet.pageSetup.orientation = .landscape
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = titleRows
        sheet.pageSetup.footer = PageSetup.chinesePageFooter
        sheet.pageSetup.header = header
        var allow = ProtectionOptions()
        allow.formatColumns = true
        allow.formatRows = rowsResizable
        sheet.protect(password: options.password, options: allow)
    }

    /// A filled 累计完成: percent figures are stored as fractions, as Excel does in a `0%` cell.
    private static func filledDone(_ v: WriteValue?, percentage: Bool) -> WriteValue {
        guard let v else { return .empty }
        if percentage, case .number(let n) = v { return .number(n / 100) }
        return v
    }

    private static func writeMilestones(
        _ book: WorkbookBuilder, _ s: TemplateStyles, rows: [TemplateRow], cityMilestones: [String: PlanMilestones], heading: String, options: TemplateOptions,
        fill: TemplateFill?, decorate: Decorator?
    ) throws {
        typealias M = TemplateLayout.MilestoneColumn
        let sheet = try book.addSheet(TemplateLayout.milestoneSheet)
        if let decorate { sheet.decorate = { decorate(book, TemplateLayout.milestoneSheet, $0, $1) } }
        let widths: [M: Double] = [.id: 8, .task: 40, .unit: 7, .target: 10, .march: 9, .june: 9, .september: 9, .december: 9,
                                   .start: 12, .structure: 12, .inUse: 12, .remark: 24]
        for (c, w) in widths { sheet.setColumnWidth(c.rawValue, w) }
        sheet.fitsWrappedText = true
        try sheet.addRow(M.allCases.map { .text($0.label, s.header) }, height: 30)
        let judged = rows.filter { $0.target != nil }
        for (i, row) in judged.enumerated() {
            let target = row.target!
            // The district's own schedule when it has one; else the city's, for the district's target.
            let plan = fill?.milestones[row.taskID] ?? cityMilestones[row.taskID]?.schedule(target: target)
            var cells: [CellData] = [
                .text(row.taskID, s.lockedText), .text(row.text, s.lockedWrap), .text(row.unit, s.lockedText),
                CellData(.number((row.isPercentage ? target / 100 : target).double), style: row.isPercentage ? s.lockedPercent : s.lockedNumber),
            ]
            for q in [M.march, .june, .september, .december] {
                let v = plan?.quarters[q.month!].map { WriteValue.number((row.isPercentage ? $0 / 100 : $0).double) } ?? .empty
                cells.append(CellData(v, style: row.isPercentage ? s.inputPercent : s.inputNumber))
            }
            for step in [M.start, .structure, .inUse] {
                cells.append(CellData(plan?.steps[step.step!].map { .date($0) } ?? .empty, style: s.inputDate))
            }
            cells.append(CellData(fill?.milestoneRemarks[row.taskID].map { .text($0) } ?? .empty, style: s.inputWrap))
            try sheet.addRow(cells, at: 1 + i, height: 20)
        }
        let last = max(judged.count, 1)
        func range(_ c: M) -> CellRange { CellRange(CellReference(row: 1, column: c.rawValue), CellReference(row: last, column: c.rawValue)) }
        try sheet.addValidation(DataValidation(
            .decimal(.greaterThanOrEqual, "0"), ranges: [M.march, .june, .september, .december].map(range), promptTitle: "时间节点",
            prompt: "该季度末应累计完成的数字（自年初起累计）；百分比目标填写百分数。", errorTitle: "时间节点有误", error: "请填写不小于0的数字。"))
        let year = options.period.year
        let first = ExcelDateTime(year: year, month: 1, day: 1).serial, lastDay = ExcelDateTime(year: year + 1, month: 12, day: 31).serial
        try sheet.addValidation(DataValidation(
            .date(.between, CellValue.format(first), CellValue.format(lastDay)), ranges: [M.start, .structure, .inUse].map(range),
            promptTitle: "日期", prompt: "例如 \(year)-06-30。", errorTitle: "日期有误", error: "请填写\(year)年或次年的日期，例如 \(year)-06-30。"))
        sheet.freeze(rows: 1, columns: 2)
        finish(sheet, header: "&L\(heading)&R\(TemplateLayout.milestoneSheet)", titleRows: 0...0, rowsResizable: true, options: options)
    }

    private static func writePoints(
        _ book: WorkbookBuilder, _ s: TemplateStyles, rows: [TemplateRow], bounds: SiteBounds, heading: String, options: TemplateOptions, fill: TemplateFill?,
        decorate: Decorator?
    ) throws {
        typealias P = TemplateLayout.PointColumn
        let sheet = try book.addSheet(TemplateLayout.pointsSheet)
        if let decorate { sheet.decorate = { decorate(book, TemplateLayout.pointsSheet, $0, $1) } }
        let widths: [P: Double] = [.id: 9, .name: 28, .address: 36, .longitude: 12, .latitude: 12, .status: 10, .remark: 24]
        for (c, w) in widths { sheet.setColumnWidth(c.rawValue, w) }
        try sheet.addRow(P.allCases.map { .text($0.label, s.header) }, height: 24)
        let inputs: [CellData] = [.empty(s.input), .empty(s.inputWrap), .empty(s.inputWrap), .empty(s.inputCoordinate), .empty(s.inputCoordinate), .empty(s.input), .empty(s.inputWrap)]
        let points = fill?.points ?? []
        for r in 1...TemplateLayout.pointRows {
            var cells = inputs
            if r - 1 < points.count {
                let p = points[r - 1]
                let values: [WriteValue] = [
                    .text(p.task), .text(p.name), .text(p.address), p.longitude.map { .number($0) } ?? .empty, p.latitude.map { .number($0) } ?? .empty,
                    .text(p.status), p.remark.isEmpty ? .empty : .text(p.remark),
                ]
                for (i, v) in values.enumerated() { cells[i].value = v }
            }
            try sheet.addRow(cells, at: r)
        }
        func range(_ c: P) -> CellRange { CellRange(CellReference(row: 1, column: c.rawValue), CellReference(row: TemplateLayout.pointRows, column: c.rawValue)) }
        let ids = rows.map(\.taskID)
        if ids.joined(separator: ",").utf16.count <= 255 {
            try sheet.addValidation(DataValidation(.list(ids), ranges: [range(.id)], promptTitle: "编号", prompt: "选择该点位所属任务的编号。", errorTitle: "编号有误", error: "请从下拉列表选择本地区任务的编号。"))
        }
        let lon = bounds.longitude, lat = bounds.latitude
        try sheet.addValidation(DataValidation(
            .decimal(.between, "\(lon.lowerBound)", "\(lon.upperBound)"), ranges: [range(.longitude)], promptTitle: "经度",
            prompt: bounds.longitudePrompt, errorTitle: "经度有误", error: "经度应在\(lon.lowerBound)到\(lon.upperBound)之间。"))
        try sheet.addValidation(DataValidation(
            .decimal(.between, "\(lat.lowerBound)", "\(lat.upperBound)"), ranges: [range(.latitude)], promptTitle: "纬度",
            prompt: bounds.latitudePrompt, errorTitle: "纬度有误", error: "纬度应在\(lat.lowerBound)到\(lat.upperBound)之间。"))
        try sheet.addValidation(DataValidation(.list(TemplateLayout.statuses), ranges: [range(.status)], promptTitle: "状态", prompt: "请选择点位建设状态。"))
        sheet.freeze(rows: 1)
        finish(sheet, header: "&L\(heading)&R\(TemplateLayout.pointsSheet)", titleRows: 0...0, rowsResizable: false, options: options)
    }
}

/// The template's styles, registered once per workbook.
struct TemplateStyles {
    let title, plain, bold, wrap, label, header: StyleID
    let lockedText, lockedWrap, lockedValue, lockedNumber, lockedPercent, lockedRate: StyleID
    let input, inputWrap, inputNumber, inputPercent, inputDate, inputCoordinate: StyleID

    init(_ book: WorkbookBuilder) {
        let border = Border.all(.thin, color: "808080")
        let centre = Alignment(horizontal: .center, vertical: .center, wrap: true)
        let inputFill: Color = "FFF2CC", inputFont = Font(color: "1F3FBF")
        title = book.style(Style(font: Font(name: "黑体", size: 16), alignment: Alignment(horizontal: .center, vertical: .center)))
        plain = book.style(Style(alignment: Alignment(vertical: .center)))
        bold = book.style(Style(font: Font(bold: true), alignment: Alignment(vertical: .center)))
        wrap = book.style(Style(alignment: Alignment(vertical: .top, wrap: true)))
        label = book.style(Style(font: Font(bold: true), fill: "F2F2F2", border: border, alignment: centre))
        header = book.style(Style(font: Font(name: "黑体", size: 11, bold: true), fill: "D9E1F2", border: border, alignment: centre))
        lockedText = book.style(Style(border: border, alignment: centre))
        lockedWrap = book.style(Style(border: border, alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        lockedValue = book.style(Style(font: Font(bold: true), border: border, alignment: Alignment(horizontal: .left, vertical: .center)))
        lockedNumber = book.style(Style(border: border, alignment: centre))
        lockedPercent = book.style(Style(border: border, alignment: centre, numberFormat: "0%"))
        lockedRate = book.style(Style(border: border, alignment: centre, numberFormat: "0.0%"))
        input = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: centre, locked: false))
        inputWrap = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: Alignment(horizontal: .left, vertical: .center, wrap: true), locked: false))
        inputNumber = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: centre, locked: false))
        inputPercent = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: centre, numberFormat: "0.0%", locked: false))
        inputDate = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: centre, numberFormat: "yyyy\\-mm\\-dd", locked: false))
        inputCoordinate = book.style(Style(font: inputFont, fill: inputFill, border: border, alignment: centre, numberFormat: "0.000000", locked: false))
    }
}
