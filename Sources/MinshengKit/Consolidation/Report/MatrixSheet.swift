import Foundation
import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// 分解汇总: task × district matrix with 全市 totals and traffic lights.
    static func matrix(_ c: Consolidation, _ book: WorkbookBuilder, _ s: ReportStyles) throws {
        let sheet = try book.addSheet("分解汇总")
        let districts = c.plan.districts
        // With last round's figures, 本月新增 stands beside 完成 for 全市 and for every district.
        let increase = c.hasPrevious
        let fixed = 4, cityWidth = increase ? 5 : 4, per = increase ? 4 : 3
        let widths: [Double] = [7, 30, 6, 10] + [9, 9] + (increase ? [8] : []) + [8, 13]
            + Array(repeating: increase ? [8.0, 8, 7, 8] : [8.0, 8, 8], count: districts.count).flatMap { $0 }
        for (i, w) in widths.enumerated() { sheet.setColumnWidth(i, w) }
        let last = fixed + cityWidth + districts.count * per - 1
        try sheet.addRow([.text("\(c.period.chinese)民生实事分解任务完成情况", s.title)], height: 30)
        // Printed in bands of districts on A3 at 95%: the title and legend span the first band.
        let breaks = columnBands(widths, fixed: fixed, firstBlock: cityWidth, block: per, count: districts.count)
        let firstBand = (breaks.first ?? (last + 1)) - 1
        try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: firstBand)))
        try sheet.addRow([.text("序时进度 \(percent(c.pace))　绿：达到或接近序时进度　黄：落后10–30个百分点　红：落后30个百分点以上　“/”：未分解到该地区　有误未计入：见单元格批注", s.note)])
        try sheet.merge(CellRange(CellReference(row: 1, column: 0), CellReference(row: 1, column: firstBand)))
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
        // Each column's letters once: a round of a thousand districts refers to a hundred thousand cells.
        let letters = (0...last).map(CellReference.columnName)
        func ref(_ row: Int, _ column: Int) -> String { letters[column] + String(row + 1) }
        var r = 4
        var rateColumns: [Int] = [fixed + cityWidth - 2]
        for i in districts.indices { rateColumns.append(fixed + cityWidth + i * per + per - 1) }
        var sectionStarts: [Int] = []
        var section: String?
        for t in c.tasks {
            let owner = c.plan.sections.first { $0.tasks.contains { $0.id == t.task.id } }?.id
            if owner != section {
                if section != nil { sectionStarts.append(r) }
                section = owner
            }
            let numberStyle = t.isPercentage ? s.percentFigure : s.figure
            var row: [CellData] = [
                .text(t.task.id, s.centre), .text(t.task.projectName.map { "\($0)：\(t.task.target)" } ?? t.task.target, s.wrap),
                .text(t.unit, s.centre), .text(t.task.leads.joined(separator: "\n"), s.wrapCentre),
            ]
            var doneCells: [String] = []
            var increaseCells: [String] = []
            var districtCells: [CellData] = []
            // Each district's figure found by id, not by comparing every district with every other.
            let figures = Dictionary(t.districts.map { ($0.district.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (i, d) in districts.enumerated() {
                let col = fixed + cityWidth + i * per
                guard let f = figures[d.id] else {
                    districtCells += Array(repeating: .text("/", s.greyed), count: per)
                    continue
                }
                let tRef = ref(r, col), dRef = ref(r, col + 1)
                doneCells.append(dRef)
                districtCells.append(f.target.map { CellData(.number($0.double), style: numberStyle) } ?? .text("见说明", s.centre))
                let shownText = f.status == .missing ? "未报" : f.status == .excluded ? "有误未计入" : f.status == .unreadable ? "无法读取" : f.status == .unattributable ? "无法确定归属" : ""
                districtCells.append(f.done.map { CellData(.number($0.double), style: numberStyle) } ?? .text(shownText, f.status == .excluded ? s.light(.red) : s.greyed))
                if increase {
                    increaseCells.append(ref(r, col + 2))
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
            let targetRef = ref(r, fixed), doneRef = ref(r, fixed + 1)
            // The districts' cells of one kind added up (averaged for percentage tasks): listed while Excel's
            // 255 arguments to a function allow, else picked out of the row by their heading in row 4.
            func aggregate(_ cells: [String], heading: String) -> String {
                if cells.count <= 255 {
                    let list = cells.joined(separator: ",")
                    return "IF(COUNT(\(list))=0,\"\",\(t.isPercentage ? "AVERAGE" : "SUM")(\(list)))"
                }
                let first = fixed + cityWidth
                let headings = "$\(letters[first])$4:$\(letters[last])$4", cells = "\(ref(r, first)):\(ref(r, last))"
                return "IF(SUMPRODUCT((\(headings)=\"\(heading)\")*ISNUMBER(\(cells)))=0,\"\",\(t.isPercentage ? "AVERAGEIF" : "SUMIF")(\(headings),\"\(heading)\",\(cells)))"
            }
            let doneFormula = doneCells.isEmpty ? nil : aggregate(doneCells, heading: "完成")
            row.append(t.target.map { CellData(.number($0.double), style: numberStyle) } ?? .text(t.task.total.text.ifEmpty("见说明"), s.centre))
            row.append(doneFormula.map { .formula($0, cached: t.done.map { .number($0.double) } ?? .string(""), numberStyle) } ?? .empty(numberStyle))
            if increase {
                // 全市 本月新增: the sum of the districts' (their mean for percentage tasks), as 完成 is.
                let known = t.districts.compactMap(\.increase)
                let cached: Decimal? = known.isEmpty ? nil : t.isPercentage ? known.reduce(0, +) / Decimal(known.count) : known.reduce(0, +)
                row.append(increaseCells.isEmpty ? .empty(numberStyle) : .formula(
                    aggregate(increaseCells, heading: "本月新增"), cached: cached.map { .number($0.double) } ?? .string(""), numberStyle))
            }
            row.append(t.target == nil ? .empty(s.rate) : .formula("IF(OR(\(targetRef)=0,NOT(ISNUMBER(\(doneRef)))),\"\",\(doneRef)/\(targetRef))", cached: t.rate.map { .number($0) } ?? .string(""), s.rate))
            row.append(.text(cityStatus(t), s.lightWrap(t.light)))
            row += districtCells
            let shownTarget = t.task.projectName.map { "\($0)：\(t.task.target)" } ?? t.task.target
            let height = rowHeight([(shownTarget, widths[1]), (t.task.leads.joined(separator: "\n"), widths[3]), (cityStatus(t), widths[fixed + cityWidth - 1])])
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
        setUpPrint(sheet, c, title: "分解汇总", titleRows: 2...3, paper: .a3)
        sheet.pageSetup.fitToWidth = false
        sheet.pageSetup.scale = matrixScale
        sheet.pageSetup.titleColumns = 0...1
        sheet.pageSetup.columnBreaks = breaks
        sheet.pageSetup.rowBreaks = sectionStarts
    }

    /// The 全市 进度 text: the light and status, or 数据不全 with the coverage and the rate of the districts counted.
    static func cityStatus(_ t: TaskSummary) -> String {
        if t.status == .incomplete {
            return "数据不全 \(t.coverage)" + (t.countedRate.map { "，已计入地区完成率 " + percent($0) } ?? "")
        }
        return t.light == .none ? t.status.rawValue : "\(t.light.rawValue) \(t.status.rawValue)"
    }

    /// The print scale of 分解汇总: 10 pt text prints at 8.5 pt, the smallest the print issue allows is 8.
    static let matrixScale = 85

    /// Where the printed bands of 分解汇总 break: the first band holds the task columns and 全市, the
    /// others repeat 编号 and 目标任务; districts are shared out evenly over as few bands as fit across
    /// landscape A3 at `matrixScale`, and a district's block is never split.
    static func columnBands(_ widths: [Double], fixed: Int, firstBlock: Int, block: Int, count: Int) -> [Int] {
        // Points per character of the default font (宋体 11) as LibreOffice lays it out, which is wider
        // than Excel's 7 px: what fits here fits in Excel and WPS. Printable A3 landscape within 0.4-inch
        // margins, 3% to spare.
        func points(_ columns: Range<Int>) -> Double { columns.reduce(0) { $0 + widths[$1] * 7.3 + 4 } }
        let capacity = (1190.55 - 57.6) * 0.97 * 100 / Double(matrixScale)
        guard count > 0 else { return [] }
        let blockWidth = points(fixed..<(fixed + block))
        let firstFits = max(Int((capacity - points(0..<(fixed + firstBlock))) / blockWidth), 0)
        let laterFits = max(Int((capacity - points(0..<2)) / blockWidth), 1)
        guard count > firstFits else { return [] }
        let bands = 1 + Int((Double(count - firstFits) / Double(laterFits)).rounded(.up))
        // Even shares, the first band taking no more than fits beside 全市.
        var shares: [Int] = []
        var left = count
        for b in 0..<bands {
            let even = Int((Double(left) / Double(bands - b)).rounded(.up))
            let share = min(even, b == 0 ? firstFits : laterFits)
            shares.append(share)
            left -= share
        }
        var breaks: [Int] = []
        var column = fixed + firstBlock
        for share in shares.dropLast() {
            column += share * block
            breaks.append(column)
        }
        return breaks
    }
}
