import Foundation
import XLSXCore
import XLSXReader
import XLSXWriter

/// Writes the copy of a return that goes back to the district: every sheet as received, the cells
/// with findings highlighted (red must be fixed, yellow must be explained) with a note on each, and a
/// 审核结果 sheet listing every finding with a link to its cell. The received file is never modified.
///
/// A return of a known district and period is copied onto its own template, so the copy keeps the
/// template's look, page setup, validations and protection and adds only the marks (`TemplateCopy`);
/// any other workbook is copied sheet by sheet with a plain look.
public enum FeedbackWriter {
    /// - Parameters:
    ///   - plan: the plan the return was checked against; with `district` and `period`, the copy is made on the template.
    public static func write(source: String, findings: [Finding], to path: String, plan: Plan? = nil, district: District? = nil, period: Period? = nil) throws {
        if let plan, let district, let period,
           let copy = try TemplateCopy.build(source: source, findings: findings, plan: plan, district: district, period: period) {
            try FindingsWorkbook.addSheet(findings, to: copy, linkCells: true)
            copy.activeSheet = copy.sheetCount - 1
            return try copy.write(to: path)
        }
        let book = try Workbook(path: source)
        let formats = try book.cellFormats()
        let out = try WorkbookBuilder()
        out.properties.title = "审核反馈"
        var byCell: [String: [Finding]] = [:]
        for f in findings where f.cell != nil { byCell[f.location!, default: []].append(f) }
        let grey: Color = "A6A6A6"
        var styles: [Style: StyleID] = [:]
        func style(_ s: Style) -> StyleID {
            if let id = styles[s] { return id }
            let id = out.style(s)
            styles[s] = id
            return id
        }

        for info in book.sheets where info.kind == .worksheet {
            let sheet = try out.addSheet(info.name)
            sheet.visibility = info.state
            let reader = try book.rows(of: info)
            // Marked cells the file does not list (an input left empty) get an empty cell to carry the mark.
            var pending = byCell.keys.filter { $0.hasPrefix(info.name + "!") }
                .compactMap { CellReference(String($0.dropFirst(info.name.count + 1))) }.sorted()
            func cellData(_ ref: CellReference, _ value: WriteValue, _ format: CellFormat) -> CellData {
                let marks = byCell["\(info.name)!\(ref)"] ?? []
                var s = Style(border: .all(.thin, color: grey), alignment: Alignment(vertical: .center, wrap: value.isLongText))
                if format.category != .general && format.category != .text { s.numberFormat = format.formatCode }
                s.locked = format.locked
                if !format.locked { s.fill = "FFF2CC" }
                if let worst = marks.map(\.severity).max() {
                    s.fill = worst == .error ? "FFC7CE" : "FFEB9C"
                    s.font.bold = true
                    sheet.addNote(Note(cell: ref, text: marks.map { "【\($0.severity.label)】\($0.message)" }.joined(separator: "\n"), author: "minsheng 审核"))
                }
                return CellData(value, style: style(s))
            }
            func writeMarksOnly(before row: Int) throws {
                while let first = pending.first, first.row < row {
                    let refs = pending.prefix { $0.row == first.row }
                    pending.removeFirst(refs.count)
                    var cells = [CellData](repeating: nil, count: refs.map(\.column).max()! + 1)
                    for ref in refs { cells[ref.column] = cellData(ref, .empty, .general) }
                    try sheet.addRow(cells, at: first.row)
                }
            }
            while let row = try reader.next() {
                try writeMarksOnly(before: row.index)
                let extra = pending.prefix { $0.row == row.index }.filter { ref in !row.cells.contains { $0.reference == ref } }
                pending.removeAll { $0.row == row.index }
                guard let last = (row.cells.map(\.reference.column) + extra.map(\.column)).max() else { continue }
                var cells = [CellData](repeating: nil, count: last + 1)
                for cell in row.cells {
                    let format = cell.styleIndex < formats.count ? formats[cell.styleIndex] : .general
                    let value = cell.formula.map { WriteValue.formula($0, cached: cell.value) } ?? WriteValue(cell.value)
                    cells[cell.reference.column] = cellData(cell.reference, value, format)
                }
                for ref in extra { cells[ref.column] = cellData(ref, .empty, .general) }
                try sheet.addRow(cells, at: row.index, height: row.height, hidden: row.hidden)
            }
            try writeMarksOnly(before: Int.max)
            let meta = reader.metadata
            for range in meta.mergedRanges { try? sheet.merge(range) }
            for c in meta.hiddenColumns { sheet.hideColumn(c) }
            for (c, w) in meta.columnWidths { sheet.setColumnWidth(c, w) }
            if let frozen = meta.frozenAt { sheet.freeze(rows: frozen.row, columns: frozen.column) }
            for v in meta.dataValidations { try? sheet.addValidation(v) }
            if meta.isProtected { sheet.protect() }
        }
        try FindingsWorkbook.addSheet(findings, to: out, linkCells: true)
        out.activeSheet = book.sheets.count
        try out.write(to: path)
    }
}

extension WriteValue {
    /// Whether the value is text long enough to wrap.
    var isLongText: Bool { if case .text(let t) = self { return t.count > 12 } else { return false } }
}
