import Foundation
import XLSXCore
import XLSXWriter

/// Renders a diff: text (coloured on a terminal), JSON, or a workbook in the highlighter convention.
public enum DiffOutput {
    public static func text(_ r: DiffReport, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = "--- \(r.oldFile)\n+++ \(r.newFile)\n"
        if r.isEqual { return out + "两个版本内容相同。\n" }
        out += "共 \(r.entries.count) 处变化：" + r.summary.map { "\($0.0.label) \($0.1)" }.joined(separator: "，") + "\n"
        for e in r.entries {
            let rows = "[\(e.oldRow.map(String.init) ?? "-")→\(e.newRow.map(String.init) ?? "-")]"
            let place = [e.sheet, rows].compactMap { $0 }.joined(separator: " ")
            var line = "\(e.action.marker) \(place) \(e.action.label)"
            if let key = e.key { line += " \(key)" }
            if let field = e.field, field != e.key { line += " \(field)" }
            if e.old != nil || e.new != nil, e.action == .changed || e.action == .sheetRenamed { line += "：\(e.old ?? "") → \(e.new ?? "")" }
            if let d = e.delta, d != 0 { line += "（\(d > 0 ? "+" : "")\(CellValue.format((d * 1e9).rounded() / 1e9))）" }
            for c in e.cells { line += "\n      \(c.column)：\(c.old) → \(c.new)" }
            if (e.action == .added || e.action == .removed || e.action == .moved), !e.values.isEmpty {
                line += "：" + e.values.filter { !$0.isEmpty }.joined(separator: " | ")
            } else if e.action == .added, let n = e.new, !n.isEmpty {
                line += "：\(n)"
            } else if e.action == .removed, let o = e.old, !o.isEmpty {
                line += "：\(o)"
            }
            switch e.action {
            case .added, .columnAdded, .sheetAdded: out += paint(line, "32") + "\n"
            case .removed, .columnRemoved, .sheetRemoved: out += paint(line, "31") + "\n"
            case .changed, .sheetRenamed: out += paint(line, "33") + "\n"
            case .moved: out += paint(line, "36") + "\n"
            }
        }
        return out
    }

    private struct ReportJSON: Encodable {
        struct Change: Encodable {
            struct Cell: Encodable { var column, old, new: String }
            var action: String
            var sheet: String?
            var oldRow, newRow: Int?
            var key, field, old, new: String?
            var delta: Double?
            var cells: [Cell]?
            var values: [String]?

            func encode(to encoder: Encoder) throws {
                // Every change has the same keys (null when unknown); cells and values only where there are some.
                enum K: String, CodingKey { case action, sheet, oldRow, newRow, key, field, old, new, delta, cells, values }
                var c = encoder.container(keyedBy: K.self)
                try c.encode(action, forKey: .action)
                try c.encode(sheet, forKey: .sheet)
                try c.encode(oldRow, forKey: .oldRow)
                try c.encode(newRow, forKey: .newRow)
                try c.encode(key, forKey: .key)
                try c.encode(field, forKey: .field)
                try c.encode(old, forKey: .old)
                try c.encode(new, forKey: .new)
                try c.encodeIfPresent(delta, forKey: .delta)
                try c.encodeIfPresent(cells, forKey: .cells)
                try c.encodeIfPresent(values, forKey: .values)
            }
        }
        var kind, old, new: String
        var equal: Bool
        var summary: [String: Int]
        var changes: [Change]
    }

    /// `{"kind", "old", "new", "equal", "summary": {action: count}, "changes": [...]}`.
    public static func json(_ r: DiffReport) -> String {
        JSON.encode(ReportJSON(
            kind: r.kind.rawValue, old: r.oldFile, new: r.newFile, equal: r.isEqual,
            summary: Dictionary(r.summary.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: +),
            changes: r.entries.map { e in
                .init(
                    action: e.action.rawValue, sheet: e.sheet, oldRow: e.oldRow, newRow: e.newRow, key: e.key, field: e.field, old: e.old,
                    new: e.new, delta: e.delta.map { ($0 * 1e9).rounded() / 1e9 },
                    cells: e.cells.isEmpty ? nil : e.cells.map { .init(column: $0.column, old: $0.old, new: $0.new) },
                    values: e.values.isEmpty ? nil : e.values)
            }))
    }

    /// A workbook that opens in Excel: 摘要, then the changes in the highlighter convention (an action
    /// column with `+++`, `---`, `->`, `:`; changed cells as `old→new`, highlighted).
    public static func workbook(_ r: DiffReport, to path: String) throws {
        let book = try WorkbookBuilder()
        book.properties.title = "版本比较"
        let border = Border.all(.thin, color: "A6A6A6")
        let header = book.style(Style(font: Font(bold: true), fill: "D9E1F2", border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let plain = book.style(Style(border: border, alignment: Alignment(vertical: .center, wrap: true)))
        let styles: [DiffEntry.Action: StyleID] = [
            .added: book.style(Style(fill: "C6EFCE", border: border, alignment: Alignment(vertical: .center, wrap: true))),
            .removed: book.style(Style(font: Font(color: "9C0006"), fill: "FFC7CE", border: border, alignment: Alignment(vertical: .center, wrap: true))),
            .changed: book.style(Style(fill: "FFEB9C", border: border, alignment: Alignment(vertical: .center, wrap: true))),
            .moved: book.style(Style(fill: "DDEBF7", border: border, alignment: Alignment(vertical: .center, wrap: true))),
        ]
        func style(_ a: DiffEntry.Action) -> StyleID {
            switch a {
            case .added, .columnAdded, .sheetAdded: return styles[.added]!
            case .removed, .columnRemoved, .sheetRemoved: return styles[.removed]!
            case .changed, .sheetRenamed: return styles[.changed]!
            case .moved: return styles[.moved]!
            }
        }
        let summary = try book.addSheet("摘要")
        summary.setColumnWidth(0, 16)
        summary.setColumnWidth(1, 60)
        try summary.addRow([.text("原版本", header), .text(URL(fileURLWithPath: r.oldFile).lastPathComponent, plain)])
        try summary.addRow([.text("新版本", header), .text(URL(fileURLWithPath: r.newFile).lastPathComponent, plain)])
        try summary.addRow([.text("比较方式", header), .text(["return": "按报表（任务 × 字段）", "plan": "按分解任务（任务 × 地区）", "workbook": "按工作表（行对齐）"][r.kind.rawValue]!, plain)])
        try summary.addRow([.text("结果", header), .text(r.isEqual ? "内容相同" : "共 \(r.entries.count) 处变化", plain)])
        for (action, n) in r.summary { try summary.addRow([.text(action.label, style(action)), CellData(.number(Double(n)), style: plain)]) }

        let sheet = try book.addSheet("变化")
        let widest = r.entries.map { max($0.values.count, $0.cells.map(\.newColumn).max().map { $0 + 1 } ?? 0) }.max() ?? 0
        let fixed = ["操作", "工作表", "原行", "新行", "键", "字段", "原值", "新值", "变化"]
        let labels = fixed + (0..<widest).map { CellReference.columnName($0) }
        for (i, w) in [6.0, 12, 6, 6, 14, 14, 18, 18, 9].enumerated() { sheet.setColumnWidth(i, w) }
        try sheet.addRow(labels.enumerated().map { i, l in .text(i == 0 ? "@@" : l, header) })
        for e in r.entries {
            let s = style(e.action)
            var row: [CellData] = [
                .text(e.action.marker, s), .text(e.sheet ?? "", plain), e.oldRow.map { CellData(.number(Double($0)), style: plain) } ?? .empty(plain),
                e.newRow.map { CellData(.number(Double($0)), style: plain) } ?? .empty(plain), .text(e.key ?? "", plain), .text(e.field ?? e.action.label, plain),
                .text(e.old ?? "", e.action == .changed ? s : plain), .text(e.new ?? "", e.action == .changed ? s : plain),
                e.delta.map { CellData(.number(($0 * 1e9).rounded() / 1e9), style: plain) } ?? .empty(plain),
            ]
            if !e.values.isEmpty || !e.cells.isEmpty {
                var cells = (0..<widest).map { i -> CellData in .text(i < e.values.count ? e.values[i] : "", e.action == .changed ? plain : s) }
                for c in e.cells where c.newColumn < widest { cells[c.newColumn] = .text("\(c.old)→\(c.new)", s) }
                row += cells
            }
            try sheet.addRow(row)
        }
        sheet.freeze(rows: 1)
        sheet.setAutoFilter(CellRange(CellReference(row: 0, column: 0), CellReference(row: max(r.entries.count, 1), column: labels.count - 1)))
        sheet.pageSetup.orientation = .landscape
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = 0...0
        book.activeSheet = 1
        try book.write(to: path)
    }
}
