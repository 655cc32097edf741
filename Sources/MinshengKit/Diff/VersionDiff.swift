import Foundation

/// Compares two versions of a file the way `minsheng diff` does: returns and plans by meaning, with
/// what the meaning does not cover (inserted columns, note rows, sheets) from the cell comparison, and
/// "the same" only when every cell is equal.
public enum VersionDiff {
    /// - Parameters:
    ///   - keys: key columns for a cell comparison; given keys (or `cellsOnly`) skip the comparison by meaning.
    ///   - tolerance: numbers that differ by no more than this are equal.
    /// - Throws: `XLSXError` or `DomainError` when a file cannot be read.
    public static func compare(old: String, new: String, keys: [String] = [], tolerance: Double = 0, cellsOnly: Bool = false) throws -> DiffReport {
        let cells = try WorkbookDiffer(keys: keys, tolerance: tolerance).diff(old: old, new: new)
        guard !cellsOnly && keys.isEmpty else { return cells }
        var meaning: DiffReport
        var taskRows: (old: Set<Int>, new: Set<Int>, sheet: String?) = ([], [], nil)
        if let a = try? DistrictReturn.read(path: old), let b = try? DistrictReturn.read(path: new) {
            meaning = SemanticDiffer(tolerance: tolerance).diff(old: a, new: b)
            taskRows = (Set(a.rows.filter { !$0.id.isEmpty }.map { $0.row + 1 }), Set(b.rows.filter { !$0.id.isEmpty }.map { $0.row + 1 }), b.formSheet)
        } else if let a = try? PlanReader().read(path: old), let b = try? PlanReader().read(path: new) {
            meaning = SemanticDiffer(tolerance: tolerance).diff(old: a.plan, new: b.plan, oldFile: old, newFile: new)
        } else {
            return cells
        }
        // What the comparison by meaning cannot see: sheets and columns added or removed, and rows added or
        // removed that are not tasks (a note row, a heading).
        meaning.entries += cells.entries.filter { e in
            switch e.action {
            case .sheetAdded, .sheetRemoved, .sheetRenamed, .columnAdded, .columnRemoved: return true
            case .added: return e.sheet != taskRows.sheet || !(e.newRow.map(taskRows.new.contains) ?? false)
            case .removed: return e.sheet != taskRows.sheet || !(e.oldRow.map(taskRows.old.contains) ?? false)
            case .changed, .moved: return false
            }
        }
        // "The same" only when every cell is: otherwise the cell differences are the report.
        if meaning.entries.isEmpty && !cells.isEqual { meaning.entries = cells.entries }
        return meaning
    }
}
