import Foundation
import XLSXCore

/// Compares returns and plans made by minsheng by meaning: task × field, task × district.
public struct SemanticDiffer {
    public var tolerance: Double = 0

    public init(tolerance: Double = 0) { self.tolerance = tolerance }

    /// Two returns: header fields, every task's inputs and target, project sites added, removed or changed.
    public func diff(old: DistrictReturn, new: DistrictReturn) -> DiffReport {
        var entries: [DiffEntry] = []
        for label in TemplateLayout.headerLabels {
            let a = old.header[label]?.text ?? "", b = new.header[label]?.text ?? ""
            if a != b { entries.append(DiffEntry(action: .changed, sheet: new.formSheet, oldRow: old.header[label].map { $0.reference.row + 1 }, newRow: new.header[label].map { $0.reference.row + 1 }, key: label, field: label, old: a, new: b)) }
        }
        let oldRows = Dictionary(old.rows.filter { !$0.id.isEmpty }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newRows = Dictionary(new.rows.filter { !$0.id.isEmpty }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fields: [TemplateLayout.Column] = [.target, .done, .status, .points, .remark, .task]
        var order = new.rows.map(\.id)
        for r in old.rows where !order.contains(r.id) { order.append(r.id) }
        // Rows present in both that are out of the longest common order were moved.
        let commonOld = old.rows.map(\.id).filter { newRows[$0] != nil }, commonNew = new.rows.map(\.id).filter { oldRows[$0] != nil }
        let inOrder = Set(SequenceDiff.matches(commonOld, commonNew).map { commonOld[$0.0] })
        let moved = Set(commonOld).subtracting(inOrder)
        for id in order where !id.isEmpty {
            switch (oldRows[id], newRows[id]) {
            case (nil, let n?):
                entries.append(DiffEntry(action: .added, sheet: new.formSheet, newRow: n.row + 1, key: id, new: n.cell(.done)?.text))
            case (let o?, nil):
                entries.append(DiffEntry(action: .removed, sheet: new.formSheet, oldRow: o.row + 1, key: id, old: o.cell(.done)?.text))
            case (let o?, let n?):
                for f in fields {
                    let a = display(o.cell(f)), b = display(n.cell(f))
                    guard !equal(a, b) else { continue }
                    entries.append(DiffEntry(
                        action: .changed, sheet: new.formSheet, oldRow: o.row + 1, newRow: n.row + 1, key: id, field: f.label, old: a, new: b,
                        delta: Double(b).flatMap { nb in Double(a).map { nb - $0 } }))
                }
                if moved.contains(id) {
                    entries.append(DiffEntry(action: .moved, sheet: new.formSheet, oldRow: o.row + 1, newRow: n.row + 1, key: id))
                }
            default: break
            }
        }
        func key(_ p: ReturnPoint) -> String { TextNormalizer.compact(p.text(.id) + "|" + p.text(.name) + "|" + p.text(.address)) }
        let oldPoints = Dictionary(old.points.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newPoints = Dictionary(new.points.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let sheet = new.pointsSheet ?? TemplateLayout.pointsSheet
        for p in new.points where oldPoints[key(p)] == nil {
            entries.append(DiffEntry(action: .added, sheet: sheet, newRow: p.row + 1, key: "\(p.text(.id)) \(p.text(.name))", new: p.text(.address)))
        }
        for p in old.points where newPoints[key(p)] == nil {
            entries.append(DiffEntry(action: .removed, sheet: sheet, oldRow: p.row + 1, key: "\(p.text(.id)) \(p.text(.name))", old: p.text(.address)))
        }
        for p in new.points {
            guard let o = oldPoints[key(p)] else { continue }
            for f in [TemplateLayout.PointColumn.longitude, .latitude, .status, .remark] where !equal(display(o.cells[f]), display(p.cells[f])) {
                entries.append(DiffEntry(action: .changed, sheet: sheet, oldRow: o.row + 1, newRow: p.row + 1, key: "\(p.text(.id)) \(p.text(.name))", field: f.label, old: display(o.cells[f]), new: display(p.cells[f])))
            }
        }
        return DiffReport(kind: .return, oldFile: old.file, newFile: new.file, entries: entries)
    }

    /// Two plans: tasks added or removed; target text, 全市, each district's share and lead departments.
    public func diff(old: Plan, new: Plan, oldFile: String, newFile: String) -> DiffReport {
        var entries: [DiffEntry] = []
        let oldTasks = Dictionary(old.tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newTasks = Dictionary(new.tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order = new.tasks.map(\.id)
        for t in old.tasks where newTasks[t.id] == nil { order.append(t.id) }
        for id in order {
            switch (oldTasks[id], newTasks[id]) {
            case (nil, let n?):
                entries.append(DiffEntry(action: .added, sheet: n.location?.sheet, newRow: n.location.map { $0.row + 1 }, key: id, new: n.target))
            case (let o?, nil):
                entries.append(DiffEntry(action: .removed, sheet: o.location?.sheet, oldRow: o.location.map { $0.row + 1 }, key: id, old: o.target))
            case (let o?, let n?):
                func add(_ key: String, _ field: String, _ a: String, _ b: String, delta: Double? = nil) {
                    guard !equal(a, b) else { return }
                    entries.append(DiffEntry(action: .changed, sheet: n.location?.sheet, oldRow: o.location.map { $0.row + 1 }, newRow: n.location.map { $0.row + 1 }, key: key, field: field, old: a, new: b, delta: delta))
                }
                add(id, "目标任务", o.target, n.target)
                add(id, "项目名称", o.projectName ?? "", n.projectName ?? "")
                add(id, "牵头单位", o.leads.joined(separator: "、"), n.leads.joined(separator: "、"))
                add(id, "全市", o.total.text, n.total.text, delta: delta(o.total, n.total))
                for d in new.districts {
                    add("\(id) × \(d.name)", d.name, o.share(d).text, n.share(d).text, delta: delta(o.share(d), n.share(d)))
                }
            default: break
            }
        }
        return DiffReport(kind: .plan, oldFile: oldFile, newFile: newFile, entries: entries)
    }

    private func delta(_ a: Quantity, _ b: Quantity) -> Double? {
        guard let x = a.value, let y = b.value else { return nil }
        return (y - x).double
    }

    private func display(_ cell: ReturnCell?) -> String {
        guard let cell else { return "" }
        if case .number(let n) = cell.value, cell.isPercentFormat { return CellValue.format((n * 100 * 1e9).rounded() / 1e9) + "%" }
        return cell.text
    }

    private func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if tolerance > 0, let x = Double(a), let y = Double(b) { return abs(x - y) <= tolerance }
        return false
    }
}
