import Foundation
import XLSXCore
import XLSXReader

/// 时间节点 the city gives in its plan for every district: for a task, the share of each district's
/// target due at the end of each quarter (30%, 60%…) and the dates of its steps. Read from a sheet of the
/// allocation workbook named 时间节点 (编号, 3月底, 6月底, 9月底, 12月底, 开工, 主体完工, 投用); each
/// district's template starts from them, and a district may state its own.
public struct PlanMilestones: Hashable, Sendable {
    /// The share of the target due at the end of months 3, 6, 9 and 12 (0.3 for 30%).
    public var quarterShares: [Int: Decimal] = [:]
    public var steps: [Milestones.Step: ExcelDateTime] = [:]

    public init(quarterShares: [Int: Decimal] = [:], steps: [Milestones.Step: ExcelDateTime] = [:]) {
        self.quarterShares = quarterShares
        self.steps = steps
    }

    /// The schedule for a district's target (rounded as the target is: whole numbers stay whole).
    public func schedule(target: Decimal) -> Milestones {
        var quarters: [Int: Decimal] = [:]
        for (month, share) in quarterShares {
            let due = target * share
            quarters[month] = target == target.rounded ? due.rounded : due
        }
        return Milestones(quarters: quarters, steps: steps)
    }

    /// The milestones of the plan's 时间节点 sheet, by task id, and what could not be read.
    /// - Parameter loaded: sheets already loaded (the visible ones), used instead of loading them again.
    static func read(_ book: Workbook, loaded: [(SheetInfo, SheetGrid)], formats: [CellFormat], tasks: [PlanTask], file: String?) throws -> ([String: PlanMilestones], [Finding]) {
        guard let info = book.sheets.first(where: { $0.kind == .worksheet && TextNormalizer.compact($0.name).contains("时间节点") }) else { return ([:], []) }
        let grid = try loaded.first { $0.0.name == info.name }?.1 ?? book.grid(of: info)
        typealias M = TemplateLayout.MilestoneColumn
        var header: (row: Int, columns: [M: Int])?
        for r in 0..<min(grid.rowCount, 10) {
            var columns: [M: Int] = [:]
            for c in 0..<grid.columnCount {
                let label = TextNormalizer.compact(grid.text(r, c))
                if let m = M.allCases.first(where: { TextNormalizer.compact($0.label) == label || (label == "任务编号" && $0 == .id) }) { columns[m] = c }
            }
            if columns[.id] != nil, columns.keys.contains(where: { $0.month != nil || $0.step != nil }) {
                header = (r, columns)
                break
            }
        }
        guard let header, grid.rowCount > header.row + 1 else { return ([:], []) }
        let ids = Set(tasks.map(\.id))
        var result: [String: PlanMilestones] = [:]
        var findings: [Finding] = []
        func finding(_ r: Int, _ c: Int, task: String?, _ message: String) {
            findings.append(Finding(code: .planMilestoneInvalid, severity: .warning, task: task, file: file, sheet: info.name,
                                    cell: CellReference(row: r, column: c).description, message: message))
        }
        for r in (header.row + 1)..<grid.rowCount {
            let id = TextNormalizer.compact(grid.text(r, header.columns[.id]!))
            guard !id.isEmpty else { continue }
            guard ids.contains(id) else {
                finding(r, header.columns[.id]!, task: nil, "编号“\(id)”不是分解任务表中的任务")
                continue
            }
            var m = PlanMilestones()
            for (column, c) in header.columns {
                guard let cell = grid.cell(row: r, column: c), !cell.value.isEmpty else { continue }
                if let month = column.month {
                    switch QuantityReader(formats: formats).quantity(cell) {
                    case .percentage(let p) where p >= 0 && p <= 100: m.quarterShares[month] = p / 100
                    case .number(let n) where n >= 0 && n <= 1: m.quarterShares[month] = n
                    default: finding(r, c, task: id, "\(column.label)“\(cell.value.text)”应为目标的百分比，如 30%")
                    }
                } else if let step = column.step {
                    let date: ExcelDateTime? = {
                        if case .date(let d) = cell.value { return d }
                        return DateText.parse(cell.value.text).map { ExcelDateTime(year: $0.0, month: $0.1, day: $0.2) }
                    }()
                    if let date { m.steps[step] = date } else { finding(r, c, task: id, "\(column.label)日期“\(cell.value.text)”无法识别") }
                }
            }
            if !(m.quarterShares.isEmpty && m.steps.isEmpty) { result[id] = m }
        }
        return (result, findings)
    }
}
