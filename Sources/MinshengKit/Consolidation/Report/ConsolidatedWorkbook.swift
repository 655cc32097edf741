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
        // Each sheet is written out as soon as it is built, so that it is compressed on the other core
        // while the next one is built (分解汇总, the largest, is second).
        let sheets: [() throws -> Void] = [
            { try overview(c, book, s) }, { try matrix(c, book, s) }, { try byLead(c, book, s) }, { try laggingList(c, book, s) },
            { try submissions(c, book, s) },
            { try FindingsWorkbook.addSheet(c.findings, to: book, name: "数据问题", pageHeader: "&L\(c.period.chinese)民生实事进度汇总&R数据问题") },
            { try sites(c, book, s) }, { try figures(c, book) },
        ]
        for build in sheets {
            try build()
            try book.finishSheets()
        }
        try book.write(to: path)
    }

    /// Last round's figures from its summary workbook's hidden sheet, by district id and task id.
    /// - Throws: `DomainError` when the workbook is not a summary minsheng wrote.
    static func previousFigures(path: String, plan: Plan) throws -> (Period?, [String: [String: Decimal]]) {
        let (period, figures, _) = try summaryRows(path: path, plan: plan)
        return (period, figures)
    }

    /// A summary's hidden sheet, read once: its period, its counted figures by district id and task id,
    /// and, for the figures judged by a district's 时间节点, the share due (nil for a step only) and the steps missed.
    /// - Throws: `DomainError` when the workbook is not a summary minsheng wrote.
    static func summaryRows(path: String, plan: Plan) throws -> (Period?, [String: [String: Decimal]], [String: [String: (due: Double?, missed: String)]]) {
        let book = try Workbook(path: path)
        guard let info = book.sheet(named: TemplateLayout.metaSheet), case let grid = try book.grid(of: info),
              grid.value(row: 0, column: 1).text == "summary"
        else {
            throw DomainError(
                file: path, message: "not a summary workbook written by minsheng consolidate", hint: "give last round's 汇总.xlsx, its --json output, or its folder of returns",
                zh: "不是 minsheng consolidate 写出的汇总表", zhHint: "请给出上一期的汇总表、用 --json 写出的汇总数据，或上一期报送表所在的文件夹")
        }
        var figures: [String: [String: Decimal]] = [:]
        var schedules: [String: [String: (due: Double?, missed: String)]] = [:]
        for r in 2..<max(grid.rowCount, 2) {
            let district = grid.value(row: r, column: 0).text, task = grid.value(row: r, column: 1).text
            guard plan.districts.contains(where: { $0.id == district }), !task.isEmpty else { continue }
            if case .number(let n) = grid.value(row: r, column: 2) {
                figures[district, default: [:]][task] = Decimal(fileText: CellValue.format(n))
            } else if grid.value(row: r, column: 2).isEmpty {
                schedules[district, default: [:]][task] = (grid.value(row: r, column: 3).number, grid.value(row: r, column: 4).text)
            }
        }
        return (Period(grid.value(row: 1, column: 1).text), figures, schedules)
    }

    /// The sheet `consolidate --previous` and `year` read later: the period, then every counted figure as
    /// district id, task id and value, then each figure judged by the district's 时间节点 as district id,
    /// task id, an empty cell, the share of the target due and the steps missed; in a veryHidden sheet as
    /// the templates keep their metadata.
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
        for t in c.tasks {
            for f in t.districts where f.bySchedule || !f.missedSteps.isEmpty {
                try sheet.addRow([.text(f.district.id), .text(t.task.id), nil, f.bySchedule ? CellData(.number(f.pace)) : nil, .text(f.missedSteps.joined(separator: "；"))])
            }
        }
    }

    static func percent(_ d: Double) -> String { String(format: "%.1f%%", d * 100) }

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

    static func number(_ d: Decimal?, _ style: StyleID) -> CellData {
        guard let d else { return .empty(style) }
        return CellData(.number(d.double), style: style)
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
