import Foundation
import XLSXCore
import XLSXReader
import XLSXWriter

/// A return's cells written onto the district's own template: the template's look and page setup, the
/// values as received, and the cells with findings marked (red fill must be fixed, yellow must be
/// explained) with a note each.
enum TemplateCopy {
    /// - Returns: the workbook, not yet written; nil when the return does not fit its template (a sheet
    ///   missing, or a received value or a finding in a cell the template does not have), which is then
    ///   copied as it is instead.
    static func build(source: String, findings: [Finding], plan: Plan, district: District, period: Period) throws -> WorkbookBuilder? {
        let received = try Workbook(path: source)
        let sheets = [TemplateLayout.formSheet, TemplateLayout.pointsSheet, TemplateLayout.milestoneSheet]
        var cells: [String: [CellReference: Cell]] = [:]
        for name in sheets {
            // A return on a template from before 时间节点 has none: its copy shows the sheet empty.
            guard let info = received.sheet(named: name) else {
                if name == TemplateLayout.milestoneSheet { continue }
                return nil
            }
            cells[name] = try received.grid(of: info).cells
        }
        var marks: [String: [Finding]] = [:]
        for f in findings where f.cell != nil && sheets.contains(f.sheet ?? "") { marks[f.location!, default: []].append(f) }
        var seen = Set<String>()
        var notes: [(String, Note)] = []
        var markedStyles: [StyleID: [Bool: StyleID]] = [:]
        // A return without 时间节点 gets an empty one, not the city's schedule as if the district had sent it.
        var base = plan
        if cells[TemplateLayout.milestoneSheet] == nil { base.milestones = [:] }
        let book = try TemplateWriter.build(plan: base, district: district, options: TemplateOptions(period: period)) { book, sheet, ref, data in
            let key = "\(sheet)!\(ref)"
            seen.insert(key)
            var out = data
            if case .formula = data.value {} else if let received = cells[sheet] {
                let cell = received[ref]
                out.value = cell.map { c in c.formula.map { WriteValue.formula($0, cached: c.value) } ?? WriteValue(c.value) } ?? .empty
            }
            guard let found = marks[key], let worst = found.map(\.severity).max() else { return out }
            let isError = worst == .error
            if markedStyles[data.style]?[isError] == nil {
                var style = book.style(of: data.style)
                style.fill = isError ? "FFC7CE" : "FFEB9C"
                style.font.bold = true
                markedStyles[data.style, default: [:]][isError] = book.style(style)
            }
            out.style = markedStyles[data.style]![isError]!
            notes.append((sheet, Note(cell: ref, text: found.map { "【\($0.severity.label)】\($0.message)" }.joined(separator: "\n"), author: "minsheng 审核")))
            return out
        }
        // Nothing received and nothing marked may fall outside what the template has.
        let receivedKeys = cells.flatMap { sheet, byRef in byRef.values.filter { !$0.value.isEmpty || $0.formula != nil }.map { "\(sheet)!\($0.reference)" } }
        guard receivedKeys.allSatisfy(seen.contains), marks.keys.allSatisfy(seen.contains) else { return nil }
        for (sheet, note) in notes { book.sheet(named: sheet)?.addNote(note) }
        return book
    }
}
