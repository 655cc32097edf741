import Foundation
import XLSXCore
import XLSXReader

/// A line (row or column) of a departmental table that may carry figures: where it is and its label.
struct TableLine: Sendable {
    /// Zero-based row or column.
    var position: Int
    /// The text it is known by (the task's id and text, the header, the district's name).
    var label: String
    /// The task id or text split from the label, for matching.
    var id: String?
    var text: String
}

/// What detection found on one sheet, before any mapping decides.
struct DetectedTable: Sendable {
    var orientation: ImportMapping.Orientation
    /// Zero-based header rows.
    var header: ClosedRange<Int>
    var period: String?
    var section: String?
    /// The sheet's title, for a table whose columns say only 目标 | 完成.
    var title: String
    /// District lines with the district each names (nil when only a mapping can say).
    var districts: [(line: TableLine, district: District?)]
    /// Completion lines (and plain task lines).
    var tasks: [TableLine]
    var targets: [TableLine]
    var rates: [TableLine]
    var skip: [String: String]
    /// Long layouts: the column of each role.
    var columns: [String: Int] = [:]
}

extension DepartmentImporter {
    private static let notes = ["注", "备注", "说明", "填表", "数据来源", "制表", "审核人", "联系人"]
    private static let idLabels = ["序号", "编号", "任务编号", "项目编号"]
    private static let textLabels = ["项目", "任务", "内容", "名称", "事项"]
    private static let periodLabels = ["月份", "报送期", "时间", "月"]

    func districtAt(_ grid: SheetGrid, _ r: Int, _ c: Int, known: [String: String]) -> District? {
        let text = grid.text(r, c, throughMerges: true)
        if let id = known[TextNormalizer.compact(text)] { return plan.districts.first { $0.id == id } }
        return District.matchLabel(text, in: plan.districts)
    }

    private func hasNumbers(_ grid: SheetGrid, row r: Int, from: Int = 1) -> Bool {
        (from..<max(grid.columnCount, from)).filter { if case .number = grid.value(row: r, column: $0) { return true } else { return false } }.count >= 2
    }

    func title(_ grid: SheetGrid) -> String {
        (0..<min(grid.rowCount, 3)).flatMap { r in (0..<grid.columnCount).map { grid.text(r, $0) } }.joined(separator: " ") + " " + grid.info.name
    }

    func periodInTitle(_ grid: SheetGrid) -> String? {
        let t = TextNormalizer.halfWidth(title(grid))
        guard let m = t.range(of: #"(20\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月"#, options: .regularExpression) else { return nil }
        return Period(String(t[m]))?.description
    }

    private func sectionInTitle(_ grid: SheetGrid) -> String? {
        let t = title(grid)
        return t.contains("省政府") || t.contains("省民生") ? "P" : t.contains("市政府") || t.contains("市民生") ? "C" : nil
    }

    /// The label of one header column: the texts of the header rows through merges, joined.
    private func headerParts(_ grid: SheetGrid, _ rows: ClosedRange<Int>, column c: Int) -> [String] {
        var parts: [String] = []
        for r in rows {
            let t = grid.text(r, c, throughMerges: true)
            if !t.isEmpty && parts.last != t { parts.append(t) }
        }
        return parts
    }

    private func isLabel(_ text: String, _ words: [String]) -> Bool {
        let t = TextNormalizer.compact(text)
        return words.contains { t.contains($0) }
    }

    /// Finds the table on a sheet: its orientation, header, districts and the lines that carry figures.
    /// - Parameter known: district labels a mapping names (compacted label → district id), recognised too.
    func detect(_ grid: SheetGrid, known: [String: String] = [:]) -> DetectedTable? {
        let rows = grid.rowCount, cols = grid.columnCount
        guard rows > 1, cols > 1 else { return nil }
        var bestRow: (Int, Int) = (-1, 0), bestCol: (Int, Int) = (-1, 0)
        var bestColCells = 0
        for r in 0..<min(rows, 15) {
            let n = Set((0..<cols).compactMap { districtAt(grid, r, $0, known: known)?.id }).count
            if n > bestRow.1 { bestRow = (r, n) }
        }
        for c in 0..<min(cols, 8) {
            let found = (0..<rows).compactMap { districtAt(grid, $0, c, known: known)?.id }
            if Set(found).count > bestCol.1 { (bestCol, bestColCells) = ((c, Set(found).count), found.count) }
        }
        guard max(bestRow.1, bestCol.1) >= 2 else { return nil }
        let period = periodInTitle(grid), section = sectionInTitle(grid)
        // A district column in which districts repeat is a long layout: one row per district × task.
        if bestCol.1 >= bestRow.1, bestColCells >= bestCol.1 * 2, let long = detectLong(grid, districtColumn: bestCol.0, known: known) {
            return DetectedTable(
                orientation: .long, header: long.header, period: period, section: section, title: title(grid), districts: [], tasks: [],
                targets: [], rates: [], skip: [:], columns: long.columns)
        }
        if bestRow.1 >= bestCol.1 {
            return detectColumns(grid, districtRow: bestRow.0, known: known, period: period, section: section)
        }
        return detectRows(grid, districtColumn: bestCol.0, known: known, period: period, section: section)
    }

    private func detectColumns(_ grid: SheetGrid, districtRow: Int, known: [String: String], period: String?, section: String?) -> DetectedTable {
        let cols = grid.columnCount
        // A sub-header row under the districts (目标 | 完成) belongs to the header.
        var headerEnd = districtRow
        if districtRow + 1 < grid.rowCount, (0..<cols).contains(where: {
            ColumnRole.classify(grid.text(districtRow + 1, $0)).role != .plain && districtAt(grid, districtRow, $0, known: known) != nil
        }) {
            headerEnd = districtRow + 1
        }
        var headerStart = districtRow
        while headerStart > 0, headerStart > districtRow - 2, (0..<cols).filter({ !grid.text(headerStart - 1, $0).isEmpty }).count >= 2,
              !hasNumbers(grid, row: headerStart - 1) {
            headerStart -= 1
        }
        let header = headerStart...headerEnd
        var table = DetectedTable(
            orientation: .districtsAsColumns, header: header, period: period, section: section, title: title(grid), districts: [], tasks: [],
            targets: [], rates: [], skip: [:])
        var seen: Set<String> = []
        var idColumn: Int?, textColumns: [Int] = []
        for c in 0..<cols {
            let parts = headerParts(grid, header, column: c)
            let letter = CellReference.columnName(c)
            if let d = districtAt(grid, districtRow, c, known: known) {
                let role = headerEnd > districtRow ? ColumnRole.classify(grid.text(headerEnd, c)).role : .plain
                if role != .plain && role != .done {
                    table.skip[letter] = "\(d.shortName)\(grid.text(headerEnd, c))"
                } else if seen.contains(d.id) {
                    table.skip[letter] = "\(d.shortName)（重复）"
                } else {
                    seen.insert(d.id)
                    table.districts.append((TableLine(position: c, label: grid.text(districtRow, c, throughMerges: true), text: ""), d))
                }
                continue
            }
            let joined = TextNormalizer.compact(parts.joined())
            if joined.isEmpty { continue }
            if DistrictLabel.isTotal(joined) {
                table.skip[letter] = "合计"
            } else if idColumn == nil, DepartmentImporter.idLabels.contains(joined) {
                idColumn = c
            } else if isLabel(joined, DepartmentImporter.textLabels) && !isLabel(joined, ["牵头", "责任"]) {
                textColumns.append(c)
            } else {
                table.skip[letter] = parts.joined(separator: "/")
            }
        }
        let firstData = headerEnd + 1
        guard firstData < grid.rowCount else { return table }
        for r in firstData..<grid.rowCount {
            let key = String(r + 1)
            let filled = (0..<cols).filter { !grid.text(r, $0).isEmpty }
            guard !filled.isEmpty else { continue }
            var id = idColumn.map { grid.text(r, $0) }
            var text = textColumns.map { grid.text(r, $0, throughMerges: true) }.filter { !$0.isEmpty }.joined(separator: " ")
            let label = ([id ?? ""] + [text]).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            if id == nil || id!.isEmpty, let split = DepartmentImporter.leadingID(text) { (id, text) = (split.id, split.rest) }
            let first = grid.text(r, filled[0])
            if [id ?? "", text, first].contains(where: { DepartmentImporter.totals.contains(TextNormalizer.compact($0)) }) {
                table.skip[key] = "合计"
                continue
            }
            if filled.count <= 2, DepartmentImporter.notes.contains(where: { first.hasPrefix($0) }) {
                table.skip[key] = "注释"
                continue
            }
            table.tasks.append(TableLine(position: r, label: label.isEmpty ? first : label, id: id, text: text.isEmpty ? first : text))
        }
        return table
    }

    private func detectRows(_ grid: SheetGrid, districtColumn: Int, known: [String: String], period: String?, section: String?) -> DetectedTable {
        let rows = grid.rowCount, cols = grid.columnCount
        let firstDistrictRow = (0..<rows).first { districtAt(grid, $0, districtColumn, known: known) != nil } ?? 0
        // Header rows: the non-empty rows right above the first district (at most three), never a row of figures.
        var headerStart = firstDistrictRow - 1
        while headerStart > 0, headerStart > firstDistrictRow - 3, (0..<cols).filter({ !grid.text(headerStart - 1, $0).isEmpty }).count >= 2,
              !hasNumbers(grid, row: headerStart - 1) {
            headerStart -= 1
        }
        let header = max(headerStart, 0)...max(firstDistrictRow - 1, 0)
        var table = DetectedTable(
            orientation: .districtsAsRows, header: header, period: period, section: section, title: title(grid), districts: [], tasks: [],
            targets: [], rates: [], skip: [:])
        var seen: Set<String> = []
        for r in firstDistrictRow..<rows {
            let key = String(r + 1)
            let filled = (0..<cols).filter { !grid.text(r, $0).isEmpty }
            guard !filled.isEmpty else { continue }
            if let d = districtAt(grid, r, districtColumn, known: known) {
                if seen.contains(d.id) {
                    table.skip[key] = "\(d.shortName)（重复）"
                } else {
                    seen.insert(d.id)
                    table.districts.append((TableLine(position: r, label: grid.text(r, districtColumn, throughMerges: true), text: ""), d))
                }
            } else {
                let first = grid.text(r, filled[0])
                let total = DepartmentImporter.totals.contains(TextNormalizer.compact(grid.text(r, districtColumn)))
                let note = DepartmentImporter.notes.contains { first.hasPrefix($0) }
                table.skip[key] = total ? "合计" : note ? "注释" : "未识别的行"
                if !total && !note { table.districts.append((TableLine(position: r, label: first, text: ""), nil)) }
            }
        }
        for c in 0..<cols where c != districtColumn {
            let parts = headerParts(grid, header, column: c)
            let letter = CellReference.columnName(c)
            guard !parts.isEmpty else { continue }
            let joined = TextNormalizer.compact(parts.joined())
            if DistrictLabel.isTotal(joined) || (DepartmentImporter.idLabels + ["地区", "县市区", "县（市、区）"]).contains(joined) {
                table.skip[letter] = parts.joined(separator: "/")
                continue
            }
            // The role is stated by the last header row (task over 目标 | 完成) or by the label itself.
            let last = ColumnRole.classify(parts.last!)
            let role = last.role
            var taskText = parts.count > 1 && role != .plain ? parts.dropLast().joined(separator: " ") : (role == .plain ? parts.joined(separator: " ") : last.rest)
            if parts.count > 1 && role != .plain && !last.rest.isEmpty { taskText += " " + last.rest }
            var id: String?
            if let split = DepartmentImporter.leadingID(taskText) { (id, taskText) = (split.id, split.rest) }
            let line = TableLine(position: c, label: parts.joined(separator: "/"), id: id, text: taskText)
            switch role {
            case .plain, .done: table.tasks.append(line)
            case .target: table.targets.append(line)
            case .rate: table.rates.append(line)
            case .unit, .remark: table.skip[letter] = parts.joined(separator: "/")
            }
        }
        return table
    }

    /// One row per district × task: the header row right above the first district names the columns.
    private func detectLong(_ grid: SheetGrid, districtColumn: Int, known: [String: String]) -> (header: ClosedRange<Int>, columns: [String: Int])? {
        guard let first = (0..<grid.rowCount).first(where: { districtAt(grid, $0, districtColumn, known: known) != nil }), first > 0 else { return nil }
        let h = first - 1
        var columns: [String: Int] = ["district": districtColumn]
        for c in 0..<grid.columnCount where c != districtColumn {
            let label = TextNormalizer.compact(grid.text(h, c, throughMerges: true))
            if label.isEmpty { continue }
            if columns["id"] == nil, DepartmentImporter.idLabels.contains(label) {
                columns["id"] = c
            } else if columns["period"] == nil, DepartmentImporter.periodLabels.contains(label) {
                columns["period"] = c
            } else if columns["task"] == nil, isLabel(label, DepartmentImporter.textLabels), ColumnRole.classify(label).role == .plain {
                columns["task"] = c
            } else {
                switch ColumnRole.classify(label).role {
                case .done: if columns["done"] == nil { columns["done"] = c }
                case .target: if columns["target"] == nil { columns["target"] = c }
                case .rate: if columns["rate"] == nil { columns["rate"] = c }
                default: break
                }
            }
        }
        guard columns["done"] != nil, columns["task"] != nil || columns["id"] != nil else { return nil }
        return (h...h, columns)
    }
}
