import Foundation
import XLSXCore
import XLSXReader

/// Reads allocation workbooks into a `Plan`, in the notice's layout and in the variants offices make:
/// header found by the district names (not by position), columns in any order, extra blank or note
/// rows and columns, merged cells, figures typed as text or numbers, line breaks inside header cells.
public struct PlanImporter {
    public var districts: [District]

    public init(districts: [District] = District.jiaxing) { self.districts = districts }

    /// The result: the plan and what could not be placed, each located to its cell.
    public struct Result: Sendable {
        public var plan: Plan
        public var findings: [Finding]
    }

    /// Reads a workbook from disk.
    /// - Throws: `XLSXError` when the file cannot be read as a workbook, `DomainError` when no sheet
    ///   has an allocation table.
    public func read(path: String) throws -> Result {
        let book = try Workbook(path: path)
        return try read(book, file: path)
    }

    /// Reads an open workbook; `file` names it in findings.
    public func read(_ book: Workbook, file: String?) throws -> Result {
        var sections: [PlanSection] = []
        var findings: [Finding] = []
        var title: String?
        let formats = try book.cellFormats()
        for info in book.sheets where info.kind == .worksheet && info.state == .visible {
            let grid = try book.grid(of: info)
            guard let layout = TableLayout.find(in: grid, districts: districts) else { continue }
            var table = TableReader(grid: grid, layout: layout, districts: districts, quantities: QuantityReader(formats: formats), file: file)
            let sectionID = layout.sectionID ?? "T\(sections.count + 1)"
            let tasks = table.readTasks(sectionID: sectionID)
            findings += table.findings
            sections.append(PlanSection(id: sectionID, title: layout.title ?? info.name, tasks: tasks, sheet: info.name))
            if title == nil { title = layout.title }
        }
        guard !sections.isEmpty else {
            throw DomainError(
                file: file, message: "没有找到分解任务表：任何工作表都没有含各县（市、区）名称的表头行",
                hint: "the header row must name the districts (南湖区, 秀洲区, …) in separate cells")
        }
        // Sections found by title keep their letters; unlabelled ones get P then C in sheet order.
        let labelled = Set(sections.map(\.id))
        if sections.count == 2, !labelled.contains("P"), !labelled.contains("C") {
            sections[0].id = "P"
            sections[1].id = "C"
            for s in sections.indices {
                sections[s].tasks = sections[s].tasks.map { var t = $0; t.id = sections[s].id + t.id.drop(while: { $0.isLetter }); return t }
            }
        }
        let plan = Plan(title: title ?? "民生实事分解任务", districts: districts, sections: sections)
        return Result(plan: plan, findings: findings)
    }
}

/// Where the parts of an allocation table are on a sheet.
struct TableLayout {
    var headerRows: ClosedRange<Int>
    var seqColumn: Int?
    var nameColumn: Int?
    var targetColumn: Int
    var totalColumn: Int?
    var leadColumn: Int?
    /// District id → column.
    var districtColumns: [String: Int]
    var title: String?
    var sectionID: String?
    var lastColumn: Int

    static func find(in grid: SheetGrid, districts: [District]) -> TableLayout? {
        let rows = min(grid.rowCount, 40)
        let columns = grid.columnCount
        guard rows > 0, columns > 0 else { return nil }
        var best: (row: Int, matches: [String: Int])?
        for r in 0..<rows {
            var matches: [String: Int] = [:]
            for c in 0..<columns {
                if let d = District.match(grid.text(r, c, throughMerges: true), in: districts), matches[d.id] == nil { matches[d.id] = c }
            }
            if matches.count >= 3, matches.count > best?.matches.count ?? 0 { best = (r, matches) }
        }
        guard let header = best else { return nil }
        // The header may be two or three rows (a group heading over the districts); look around it.
        let top = max(0, header.row - 2), bottom = min(rows - 1, header.row + 1)
        func column(_ test: (String) -> Bool) -> Int? {
            for c in 0..<columns where !header.matches.values.contains(c) {
                for r in top...bottom where test(TextNormalizer.compact(grid.text(r, c, throughMerges: true))) { return c }
            }
            return nil
        }
        let seq = column { $0 == "序号" || $0 == "编号" || $0 == "序" }
        let name = column { $0 == "项目名称" || $0 == "项目" || $0 == "实事项目" }
        let target = column { $0.contains("目标任务") || $0 == "任务" || $0.contains("建设内容") || $0.contains("任务内容") || $0.contains("目标") && !$0.contains("全市") }
        let total = column { $0 == "全市" || $0.hasPrefix("全市合计") || $0 == "合计" || $0 == "全市目标" || $0 == "总计" }
        let lead = column { $0.contains("牵头") || $0.contains("责任单位") || $0.contains("主管部门") }
        guard let targetColumn = target ?? name else { return nil }
        var headerEnd = header.row
        for r in header.row...bottom {
            let labels = (0..<columns).map { TextNormalizer.compact(grid.text(r, $0)) }
            if labels.contains(where: { $0 == "序号" || $0 == "全市" || $0.contains("牵头") || District.match($0, in: districts) != nil }) { headerEnd = r }
        }
        var titleText: String?
        for r in stride(from: top - 1, through: 0, by: -1) {
            let t = (0..<columns).map { grid.text(r, $0) }.first { !$0.isEmpty }
            if let t, t.contains("民生") || t.contains("任务") || titleText == nil { titleText = t }
            if titleText != nil && (titleText!.contains("民生") || titleText!.contains("任务")) { break }
        }
        if titleText == nil, header.row > 0 {
            titleText = (0..<columns).map { grid.text(0, $0) }.first { !$0.isEmpty }
        }
        let hint = (titleText ?? "") + " " + grid.info.name
        let sectionID: String? = hint.contains("省政府") || hint.contains("省民生") ? "P" : hint.contains("市政府") || hint.contains("市民生") ? "C" : nil
        let used = [seq, name, targetColumn, total, lead].compactMap { $0 } + Array(header.matches.values)
        return TableLayout(
            headerRows: min(top, header.row)...headerEnd, seqColumn: seq, nameColumn: name == targetColumn ? nil : name, targetColumn: targetColumn,
            totalColumn: total, leadColumn: lead, districtColumns: header.matches, title: titleText, sectionID: sectionID, lastColumn: used.max() ?? targetColumn)
    }
}

/// Reads the task rows of one table.
struct TableReader {
    let grid: SheetGrid
    let layout: TableLayout
    let districts: [District]
    let quantities: QuantityReader
    let file: String?
    var findings: [Finding] = []

    private func finding(_ code: String, _ severity: Severity, task: String? = nil, district: String? = nil, row: Int, column: Int?, _ message: String) -> Finding {
        Finding(
            code: code, severity: severity, task: task, district: district, file: file, sheet: grid.info.name,
            cell: column.map { CellReference(row: row, column: $0).description }, message: message)
    }

    mutating func readTasks(sectionID: String) -> [PlanTask] {
        var tasks: [PlanTask] = []
        var currentSeq: String?
        var subCount = 0
        let figureColumns = ([layout.totalColumn].compactMap { $0 } + layout.districtColumns.values).sorted()
        let lastRow = grid.rowCount - 1
        guard lastRow > layout.headerRows.upperBound else { return [] }
        for r in (layout.headerRows.upperBound + 1)...lastRow {
            if grid.isBlankRow(r, columns: 0...max(layout.lastColumn, 0)) { continue }
            let seqText = layout.seqColumn.map { grid.text(r, $0) } ?? ""
            let target = grid.text(r, layout.targetColumn)
            let firstText = (0...layout.lastColumn).map { grid.text(r, $0) }.first { !$0.isEmpty } ?? ""
            let filled = (0...layout.lastColumn).filter { !grid.text(r, $0).isEmpty }
            if filled.count == 1 || grid.mergedRange(containing: CellReference(row: r, column: filled.first ?? 0)).map({ $0.columnCount > layout.lastColumn / 2 }) == true,
                firstText.hasPrefix("注") || firstText.hasPrefix("备注") || firstText.hasPrefix("说明") || firstText.hasPrefix("附")
            {
                continue  // a note under the table
            }
            if ["合计", "总计", "小计"].contains(TextNormalizer.compact(seqText)) || ["合计", "总计", "小计"].contains(TextNormalizer.compact(target)) { continue }

            let seqCovered = layout.seqColumn.flatMap { grid.mergedRange(containing: CellReference(row: r, column: $0)) }.map { $0.start.row < r } ?? false
            var seq: String?
            if !seqText.isEmpty && !seqCovered {
                guard let n = SequenceNumber.parse(seqText) else {
                    findings.append(finding("PLAN_BAD_SEQUENCE", .error, row: r, column: layout.seqColumn, "序号“\(seqText)”不是数字，无法确定任务编号"))
                    continue
                }
                seq = String(n)
                currentSeq = seq
                subCount = 0
            }
            let id: String
            if let seq {
                id = sectionID + seq
            } else if let currentSeq {
                subCount += 1
                id = "\(sectionID)\(currentSeq).\(subCount)"
            } else {
                findings.append(finding("PLAN_ROW_UNPLACED", .error, row: r, column: layout.seqColumn ?? 0, "该行没有序号，也不在任何编号任务之下，无法归入任务"))
                continue
            }
            if target.isEmpty {
                findings.append(finding("PLAN_NO_TARGET", .error, task: id, row: r, column: layout.targetColumn, "任务\(id)的目标任务为空"))
            }

            var shares: [String: Quantity] = [:]
            var note: String?
            var total = Quantity.blank
            for c in figureColumns {
                let ref = CellReference(row: r, column: c)
                if let merged = grid.mergedRange(containing: ref), merged.start.row == r, figureColumns.filter({ merged.contains(CellReference(row: r, column: $0)) }).count > 1 {
                    note = grid.text(merged.start.row, merged.start.column)
                    continue
                }
                let q = quantities.quantity(grid.cell(row: r, column: c))
                let district = layout.districtColumns.first { $0.value == c }.flatMap { id in districts.first { $0.id == id.key } }
                if case .text(let t) = q {
                    findings.append(finding(
                        "PLAN_UNREADABLE_QUANTITY", .error, task: id, district: district?.name, row: r, column: c,
                        "“\(t)”不是可识别的数量（应为数字、百分数、约数、“万”计数或“/”）"))
                }
                if c == layout.totalColumn { total = q } else if let district { shares[district.id] = q }
            }
            let leadText = layout.leadColumn.map { grid.text(r, $0, throughMerges: true) } ?? ""
            let leads = PlanTask.splitLeads(leadText)
            let name = layout.nameColumn.map { grid.text(r, $0, throughMerges: true) }.flatMap { $0.isEmpty ? nil : $0 }
            let location = TaskLocation(
                sheet: grid.info.name, row: r, totalColumn: layout.totalColumn, districtColumns: layout.districtColumns,
                seqColumn: layout.seqColumn, leadColumn: layout.leadColumn, targetColumn: layout.targetColumn)
            var task = PlanTask(
                id: id, seq: seq, projectName: name, target: target, unit: nil, leads: leads, total: total, shares: shares, note: note,
                location: location)
            if !task.isHeading { task.unit = TargetText.unit(of: target, total: total) }
            tasks.append(task)
        }
        return tasks
    }
}

extension PlanTask {
    /// Splits a 牵头单位 cell into departments: one per line, or separated by 、，,；;.
    public static func splitLeads(_ text: String) -> [String] {
        text.split(whereSeparator: { "\n\r、，,；; ".contains($0) }).map { String($0) }.filter { !$0.isEmpty }
    }
}
