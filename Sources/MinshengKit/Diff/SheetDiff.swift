import Foundation
import XLSXCore
import XLSXReader

/// Compares any two workbooks sheet by sheet: columns matched by their header labels, rows by key
/// columns or by content alignment, so an inserted row or column does not make everything after it
/// "changed". Formatting is ignored.
public struct WorkbookDiffer {
    /// Key columns, by letter (`A`) or header label (`编号`).
    public var keys: [String] = []
    /// Numbers that differ by no more than this are equal.
    public var tolerance: Double = 0

    public init(keys: [String] = [], tolerance: Double = 0) {
        self.keys = keys
        self.tolerance = tolerance
    }

    public func diff(old: String, new: String) throws -> DiffReport {
        let a = try Workbook(path: old), b = try Workbook(path: new)
        let oldSheets = try a.sheets.filter { $0.kind == .worksheet }.map { try SheetTable(a.grid(of: $0)) }
        let newSheets = try b.sheets.filter { $0.kind == .worksheet }.map { try SheetTable(b.grid(of: $0)) }
        var entries: [DiffEntry] = []
        var unmatchedOld = oldSheets.filter { o in !newSheets.contains { $0.name == o.name } }
        var unmatchedNew = newSheets.filter { n in !oldSheets.contains { $0.name == n.name } }
        var pairs = oldSheets.compactMap { o in newSheets.first { $0.name == o.name }.map { (o, $0) } }
        // A sheet that vanished under one name and appeared under another with similar rows was renamed.
        for o in unmatchedOld {
            if let n = unmatchedNew.max(by: { o.similarity(to: $0) < o.similarity(to: $1) }), o.similarity(to: n) >= 0.5 {
                entries.append(DiffEntry(action: .sheetRenamed, sheet: n.name, key: o.name, old: o.name, new: n.name))
                pairs.append((o, n))
                unmatchedNew.removeAll { $0.name == n.name }
                unmatchedOld.removeAll { $0.name == o.name }
            }
        }
        entries += unmatchedOld.map { DiffEntry(action: .sheetRemoved, sheet: $0.name, key: $0.name) }
        entries += unmatchedNew.map { DiffEntry(action: .sheetAdded, sheet: $0.name, key: $0.name) }
        for (o, n) in pairs { entries += diffSheet(o, n) }
        return DiffReport(kind: .workbook, oldFile: old, newFile: new, entries: entries)
    }

    func diffSheet(_ o: SheetTable, _ n: SheetTable) -> [DiffEntry] {
        var entries: [DiffEntry] = []
        let sheet = n.name
        // Columns: aligned by header label where both sides have labels, else by position.
        var columnPairs: [(Int, Int)]
        let labelsO = o.labels, labelsN = n.labels
        if labelsO.filter({ !$0.isEmpty }).count >= 2 && labelsN.filter({ !$0.isEmpty }).count >= 2 {
            columnPairs = SequenceDiff.matches(labelsO, labelsN)
            let matchedO = Set(columnPairs.map(\.0)), matchedN = Set(columnPairs.map(\.1))
            for c in labelsO.indices where !matchedO.contains(c) && !o.isEmptyColumn(c) {
                entries.append(DiffEntry(action: .columnRemoved, sheet: sheet, key: CellReference.columnName(c), field: labelsO[c]))
            }
            for c in labelsN.indices where !matchedN.contains(c) && !n.isEmptyColumn(c) {
                entries.append(DiffEntry(action: .columnAdded, sheet: sheet, key: CellReference.columnName(c), field: labelsN[c]))
            }
        } else {
            columnPairs = (0..<min(o.width, n.width)).map { ($0, $0) }
            for c in n.width..<max(o.width, n.width) where c < o.width && !o.isEmptyColumn(c) {
                entries.append(DiffEntry(action: .columnRemoved, sheet: sheet, key: CellReference.columnName(c)))
            }
            for c in o.width..<max(o.width, n.width) where c < n.width && !n.isEmptyColumn(c) {
                entries.append(DiffEntry(action: .columnAdded, sheet: sheet, key: CellReference.columnName(c)))
            }
        }
        func project(_ t: SheetTable, _ row: Int, old: Bool) -> [String] { columnPairs.map { t.value(row, old ? $0.0 : $0.1) } }
        let rowsO = Array(o.dataRows), rowsN = Array(n.dataRows)
        let sigO = rowsO.map { project(o, $0, old: true) }, sigN = rowsN.map { project(n, $0, old: false) }

        var matched: [(Int, Int)]
        let keyColumns = keys.compactMap { k in columnPairs.firstIndex { p in CellReference.columnName(p.0) == k.uppercased() || labelsO[p.0] == k } }
        if !keyColumns.isEmpty {
            var byKey: [String: Int] = [:]
            for (i, s) in sigN.enumerated() { byKey[keyColumns.map { s[$0] }.joined(separator: "\u{1F}")] = i }
            matched = sigO.enumerated().compactMap { i, s in byKey[keyColumns.map { s[$0] }.joined(separator: "\u{1F}")].map { (i, $0) } }
        } else {
            matched = SequenceDiff.matches(sigO.map { $0.hashValue }, sigN.map { $0.hashValue }).filter { sigO[$0.0] == sigN[$0.1] }
            matched = pairSimilar(matched, sigO, sigN)
        }
        let usedO = Set(matched.map(\.0)), usedN = Set(matched.map(\.1))
        var removed = rowsO.indices.filter { !usedO.contains($0) }
        var added = rowsN.indices.filter { !usedN.contains($0) }
        // A row that left one place and arrived at another unchanged has moved.
        var moves: [(Int, Int)] = []
        for r in removed {
            if let a = added.first(where: { sigN[$0] == sigO[r] && !sigO[r].allSatisfy(\.isEmpty) }) {
                moves.append((r, a))
                added.removeAll { $0 == a }
            }
        }
        removed.removeAll { r in moves.contains { $0.0 == r } }
        var rowEntries: [(Int, DiffEntry)] = []
        for (i, j) in matched {
            var changes: [CellChange] = []
            for (k, p) in columnPairs.enumerated() where !equal(sigO[i][k], sigN[j][k]) {
                changes.append(CellChange(column: labelsN[p.1].isEmpty ? CellReference.columnName(p.1) : labelsN[p.1], oldColumn: p.0, newColumn: p.1, old: sigO[i][k], new: sigN[j][k]))
            }
            guard !changes.isEmpty else { continue }
            var e = DiffEntry(action: .changed, sheet: sheet, oldRow: rowsO[i] + 1, newRow: rowsN[j] + 1, key: key(sigN[j], keyColumns))
            e.cells = changes
            e.values = n.row(rowsN[j])
            rowEntries.append((rowsN[j], e))
        }
        for (i, j) in moves {
            var e = DiffEntry(action: .moved, sheet: sheet, oldRow: rowsO[i] + 1, newRow: rowsN[j] + 1, key: key(sigN[j], keyColumns))
            e.values = n.row(rowsN[j])
            rowEntries.append((rowsN[j], e))
        }
        for j in added {
            var e = DiffEntry(action: .added, sheet: sheet, newRow: rowsN[j] + 1, key: key(sigN[j], keyColumns))
            e.values = n.row(rowsN[j])
            rowEntries.append((rowsN[j], e))
        }
        for i in removed {
            var e = DiffEntry(action: .removed, sheet: sheet, oldRow: rowsO[i] + 1, key: key(sigO[i], keyColumns))
            e.values = o.row(rowsO[i])
            // Place a deleted row where it would have been in the new version.
            let after = matched.last { $0.0 < i }.map { rowsN[$0.1] } ?? -1
            rowEntries.append((after, e))
        }
        entries += rowEntries.sorted { ($0.0, $0.1.action == .removed ? 0 : 1) < ($1.0, $1.1.action == .removed ? 0 : 1) }.map(\.1)
        return entries
    }

    private func key(_ values: [String], _ keyColumns: [Int]) -> String? {
        keyColumns.isEmpty ? nil : keyColumns.map { values[$0] }.joined(separator: " ")
    }

    /// Between two aligned rows, pairs the leftover rows that share at least half their cells as changed rows.
    private func pairSimilar(_ anchors: [(Int, Int)], _ a: [[String]], _ b: [[String]]) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var lastA = -1, lastB = -1
        for anchor in anchors + [(a.count, b.count)] {
            let gapA = Array((lastA + 1)..<anchor.0), gapB = Array((lastB + 1)..<anchor.1)
            var j = 0
            for i in gapA {
                var k = j
                while k < gapB.count {
                    if similarity(a[i], b[gapB[k]]) >= 0.5 {
                        result.append((i, gapB[k]))
                        j = k + 1
                        break
                    }
                    k += 1
                }
            }
            if anchor.0 < a.count { result.append(anchor) }
            (lastA, lastB) = anchor
        }
        return result
    }

    private func similarity(_ x: [String], _ y: [String]) -> Double {
        let filled = zip(x, y).filter { !$0.0.isEmpty || !$0.1.isEmpty }
        guard !filled.isEmpty else { return 0 }
        return Double(filled.filter { equal($0.0, $0.1) }.count) / Double(filled.count)
    }

    func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if tolerance > 0, let x = Double(a), let y = Double(b) { return abs(x - y) <= tolerance }
        return false
    }
}

/// A sheet as text: header labels (multi-row and merged headers joined) and data rows.
struct SheetTable {
    let name: String
    let grid: SheetGrid
    let width: Int
    let headerRows: Range<Int>
    let labels: [String]

    init(_ grid: SheetGrid) {
        self.grid = grid
        name = grid.info.name
        width = grid.columnCount
        let height = grid.rowCount
        // The header is the first row with two or more cells, plus the rows its merged cells span.
        var start = 0
        while start < min(height, 30), (0..<width).filter({ !grid.value(row: start, column: $0).text.isEmpty }).count < 2 { start += 1 }
        if start >= min(height, 30) { start = 0 }
        var end = start + 1
        for m in grid.metadata.mergedRanges where m.start.row == start && m.end.row >= end && m.end.row < start + 4 { end = m.end.row + 1 }
        if end < height, (0..<width).contains(where: { c in grid.metadata.mergedRanges.contains { $0.start.row == start && $0.columnCount > 1 && $0.contains(CellReference(row: start, column: c)) } }) {
            end = max(end, start + 2)
        }
        let header = height == 0 ? 0..<0 : start..<min(end, height)
        headerRows = header
        labels = (0..<width).map { c in
            var parts: [String] = []
            for r in header {
                let t = TextNormalizer.spacesFolded(grid.value(row: r, column: c, throughMerges: true).text)
                if !t.isEmpty && parts.last != t { parts.append(t) }
            }
            return parts.joined(separator: "/")
        }
    }

    var dataRows: Range<Int> { headerRows.upperBound..<max(headerRows.upperBound, grid.rowCount) }

    func value(_ row: Int, _ column: Int) -> String { column < width ? grid.value(row: row, column: column).text : "" }
    func row(_ r: Int) -> [String] { (0..<width).map { value(r, $0) } }
    func isEmptyColumn(_ c: Int) -> Bool { (0..<grid.rowCount).allSatisfy { value($0, c).isEmpty } }

    /// The share of this sheet's non-empty cell texts that also occur in the other (an added column or a
    /// few edited rows leave a renamed sheet recognisable).
    func similarity(to other: SheetTable) -> Double {
        func texts(_ t: SheetTable) -> Set<String> {
            Set((0..<t.grid.rowCount).flatMap { r in (0..<t.width).map { t.value(r, $0) } }.filter { !$0.isEmpty })
        }
        let mine = texts(self)
        guard !mine.isEmpty else { return 0 }
        return Double(mine.intersection(texts(other)).count) / Double(mine.count)
    }
}
