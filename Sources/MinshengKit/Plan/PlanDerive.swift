import Foundation
import XLSXCore
import XLSXWriter

/// The next level down: a district's own allocation table, made from the city's plan, for its towns and
/// streets (乡镇、街道) to be given their targets. Every row of the city's tables is kept, so every task
/// keeps its id (`P3.1`, `C6`); 全区 is the district's share, and the towns' cells are left for the
/// district to fill (a `/` where the district has no share). `plan check` then checks that the towns'
/// targets add up to 全区, and templates, `check`, `consolidate` and `year` run on it as on the city's.
public enum PlanDerive {
    /// Writes the district's table for the given towns and streets.
    /// - Throws: `DomainError` when fewer than one town is given or a town's name repeats.
    public static func write(plan: Plan, district: District, towns: [String], to path: String) throws {
        let names = towns.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty, Set(names).count == names.count else {
            throw DomainError(
                file: path, message: "give each town or street once", zh: "须给出各乡镇、街道的名称，且不重复",
                zhHint: "例如 --town 新丰镇 --town 余新镇 --town 建设街道")
        }
        let book = try WorkbookBuilder()
        book.properties.title = "\(district.name)民生实事分解任务"
        book.properties.creator = "minsheng"
        let border = Border.all(.thin, color: "808080")
        let title = book.style(Style(font: Font(name: "黑体", size: 14), alignment: Alignment(horizontal: .center, vertical: .center)))
        let header = book.style(Style(font: Font(bold: true), fill: "D9E1F2", border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let text = book.style(Style(border: border, alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        let centre = book.style(Style(border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let input = book.style(Style(font: Font(color: "1F3FBF"), fill: "FFF2CC", border: border, alignment: Alignment(horizontal: .center, vertical: .center)))
        for section in plan.sections {
            let sheet = try book.addSheet(section.sheet ?? section.title)
            let last = 3 + names.count
            for (c, w) in ([7.0, 40, 11] + names.map { _ in 10.0 } + [16]).enumerated() { sheet.setColumnWidth(c, w) }
            sheet.fitsWrappedText = true
            try sheet.addRow([.text("\(section.title)（\(district.name)分解到乡镇、街道）", title)], height: 30)
            try sheet.merge(CellRange(CellReference(row: 0, column: 0), CellReference(row: 0, column: last)))
            try sheet.addRow((["序号", "目标任务", "全区"] + names + ["牵头单位"]).map { .text($0, header) }, at: 1, height: 24)
            for (i, task) in section.tasks.enumerated() {
                let r = 2 + i
                var row: [CellData] = [task.seq.map { .text($0, centre) } ?? .empty(centre),
                                       .text(task.projectName.map { "\($0)：\(task.target)" } ?? task.target, text)]
                let share = task.share(district)
                if let note = task.note {
                    row += [.text(note, text)] + names.map { _ in CellData.empty(text) }
                } else if task.isHeading {
                    row += [.empty(centre)] + names.map { _ in CellData.empty(centre) }
                } else {
                    let assigned = share.isAssigned
                    row.append(quantityCell(share, centre))
                    row += names.map { _ in assigned ? CellData.empty(input) : .text("/", centre) }
                }
                row.append(.text(task.leads.joined(separator: "、"), centre))
                try sheet.addRow(row, at: r)
                if task.note != nil { try sheet.merge(CellRange(CellReference(row: r, column: 2), CellReference(row: r, column: 2 + names.count))) }
            }
            sheet.freeze(rows: 2, columns: 2)
            sheet.pageSetup.orientation = .landscape
            sheet.pageSetup.fitToWidth = true
            sheet.pageSetup.titleRows = 1...1
            sheet.pageSetup.footer = PageSetup.chinesePageFooter
        }
        try book.write(to: path)
    }

    /// A share as the city's table wrote it: a number as a number, the rest as their text (`85%`, `约300`, `3万`, `/`).
    private static func quantityCell(_ q: Quantity, _ style: StyleID) -> CellData {
        if case .number(let d) = q { return CellData(.number(d.double), style: style) }
        return .text(q.text, style)
    }
}
