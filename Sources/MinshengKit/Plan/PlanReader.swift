import Foundation
import XLSXCore
import XLSXReader

/// Reads allocation workbooks into a `Plan`, in the notice's layout and in the variants offices make:
/// header found by the district names (not by position), columns in any order, extra blank or note
/// rows and columns, merged cells, figures typed as text or numbers, line breaks inside header cells.
public struct PlanReader {
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
        // The districts given (Jiaxing's by default) first; a table of other areas (another city's
        // counties, a district's towns) names its own in its header.
        // Each visible sheet and the formats are loaded once, for every pass below.
        let sheets = try book.sheets.filter { $0.kind == .worksheet && $0.state == .visible }.map { ($0, try book.grid(of: $0)) }
        let formats = try book.cellFormats()
        var districts = self.districts
        var (sections, findings, title) = readSections(sheets, formats: formats, file: file, districts: districts)
        if sections.isEmpty, let found = sheets.lazy.compactMap({ AreaHeader.discover(in: $0.1) }).first {
            districts = found
            (sections, findings, title) = readSections(sheets, formats: formats, file: file, districts: found)
        }
        guard !sections.isEmpty else {
            throw DomainError(
                file: file, message: "no allocation table found: no sheet has a header row naming the districts",
                hint: "the header row must name the districts (南湖区, 秀洲区, …) in separate cells",
                zh: "没有找到分解任务表：任何工作表都没有含各县（市、区）名称的表头行",
                zhHint: "表头行须将各县（市、区）名称（南湖区、秀洲区……）分别写在单独的单元格中")
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
        var plan = Plan(title: title ?? "民生实事分解任务", districts: districts, sections: sections)
        let (milestones, milestoneFindings) = try PlanMilestones.read(book, loaded: sheets, formats: formats, tasks: plan.tasks, file: file)
        plan.milestones = milestones
        return Result(plan: plan, findings: findings + milestoneFindings)
    }

    /// The allocation tables of the workbook's visible sheets, read against these districts.
    private func readSections(_ sheets: [(SheetInfo, SheetGrid)], formats: [CellFormat], file: String?, districts: [District]) -> ([PlanSection], [Finding], String?) {
        var sections: [PlanSection] = []
        var findings: [Finding] = []
        var title: String?
        for (info, grid) in sheets {
            guard let layout = TableLayout.find(in: grid, districts: districts) else { continue }
            var table = TableReader(grid: grid, layout: layout, districts: districts, quantities: QuantityReader(formats: formats), file: file)
            let sectionID = layout.sectionID ?? "T\(sections.count + 1)"
            let tasks = table.readTasks(sectionID: sectionID)
            findings += table.findings
            sections.append(PlanSection(id: sectionID, title: layout.title ?? info.name, tasks: tasks, sheet: info.name))
            if title == nil { title = layout.title }
        }
        return (sections, findings, title)
    }
}
