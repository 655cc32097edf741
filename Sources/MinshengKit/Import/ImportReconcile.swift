import Foundation
import XLSXCore
import XLSXReader

/// Turning a detected table into a mapping: fresh (by matching labels against the plan), or from an
/// earlier mapping (by finding each of its labels again).
extension DepartmentImporter {
    /// The key a line is stored under: a column letter, or a one-based row number.
    private func key(_ position: Int, isColumn: Bool) -> String { isColumn ? CellReference.columnName(position) : String(position + 1) }

    /// Whether the task lines are columns (districts as rows) rather than rows.
    private func tasksAreColumns(_ o: ImportMapping.Orientation) -> Bool { o == .districtsAsRows }

    /// The plan task a line stands for; a line whose only words are 目标 / 完成 takes the sheet's title.
    func matchTask(_ line: TableLine, _ table: DetectedTable) -> TaskMatcher.Outcome {
        let text = line.text.trimmingCharacters(in: .whitespaces)
        if (line.id ?? "").isEmpty && text.isEmpty {
            let title = table.title.replacingOccurrences(of: #"20\d\d\s*年[\d\s\-—~至]*月?"#, with: "", options: .regularExpression)
            return matcher.match(id: nil, text: title, section: table.section)
        }
        return matcher.match(id: line.id, text: text, section: table.section)
    }

    /// A refusal that explains itself: the score, the rule, the runner-up, and the mapping line that accepts it.
    func unsureMessage(_ place: String, _ label: String, _ key: String, best: TaskMatcher.Match?, second: TaskMatcher.Match?) -> String {
        var why = "\(place)“\(label.prefix(30))”无法可靠地对应到分解任务"
        if let best {
            let f = { (x: Double) in String(format: "%.2f", x) }
            why += "：最接近\(best.taskID)（相似度\(f(best.score))）"
            if let second { why += "，其次\(second.taskID)（\(f(second.score))）" }
            why += "；须相似度不低于\(f(matcher.threshold))、领先第二名至少\(f(matcher.margin))且第二名低于\(f(matcher.threshold))"
            if let second { why += "，现相差\(f(best.score - second.score))" }
            why += "。未导入；如确为\(best.taskID)，请在映射文件 tasks 中写入 \"\(key)\": \"\(best.taskID) | \(label)\""
        } else {
            why += "，未导入；请在映射文件 tasks 中写入 \"\(key)\": \"任务编号 | \(label)\""
        }
        return why
    }

    /// A fresh mapping: every line matched against the plan; what cannot be matched is reported, not guessed.
    func map(_ table: DetectedTable, _ grid: SheetGrid, _ sink: inout FindingSink) -> ImportMapping {
        let columns = tasksAreColumns(table.orientation)
        var m = ImportMapping(
            sheet: grid.info.name, orientation: table.orientation, period: table.period,
            headerRows: (table.header.lowerBound + 1)...(table.header.upperBound + 1), districts: [:], tasks: [:], skip: table.skip)
        if table.orientation == .long { return mapLong(table, grid, m, &sink) }
        for (line, district) in table.districts {
            let k = key(line.position, isColumn: !columns)
            if let district {
                m.districts[k] = .init(id: district.id, label: line.label)
                m.comments["districts.\(k)"] = district.name
            } else {
                sink.add(.importUnmappedRow, .error, cell: CellReference(row: line.position, column: 0),
                         "第\(line.position + 1)行“\(line.label.prefix(20))”不是县（市、区），未导入；如是，请在映射文件 districts 中写入 \"\(k)\": \"地区代码 | \(line.label)\"")
            }
        }
        for (title, lines) in [("tasks", table.tasks), ("targets", table.targets), ("rates", table.rates)] {
            for line in lines {
                let k = key(line.position, isColumn: columns)
                switch matchTask(line, table) {
                case .matched(let match):
                    let entry = ImportMapping.Entry(id: match.taskID, label: line.label)
                    switch title {
                    case "tasks": m.tasks[k] = entry
                    case "targets": m.targets[k] = entry
                    default: m.rates[k] = entry
                    }
                    m.comments["\(title).\(k)"] = "\(match.how) \(String(format: "%.2f", match.score))"
                case .unsure(let best, let second):
                    guard title == "tasks" else {
                        m.skip[k] = line.label
                        continue
                    }
                    let cell = columns ? CellReference(row: table.header.upperBound, column: line.position) : CellReference(row: line.position, column: 0)
                    let place = columns ? "第\(k)列" : "第\(k)行"
                    sink.add(columns ? .importUnmappedColumn : .importUnmappedRow, .error, cell: cell, unsureMessage(place, line.label, k, best: best, second: second))
                }
            }
        }
        return m
    }

    /// The mapping from an earlier run, on this month's table: each entry found again by its label.
    func reconcile(_ table: DetectedTable, with old: ImportMapping, _ grid: SheetGrid, _ sink: inout FindingSink) -> ImportMapping {
        guard table.orientation == old.orientation else {
            sink.add(.importLabelMissing, .error, cell: nil,
                     "映射文件中该表为\(old.orientation.rawValue)，而本次的表格是\(table.orientation.rawValue)，表格结构已变，未按映射导入；请不带 --mapping 重新导入")
            return ImportMapping(sheet: old.sheet, orientation: old.orientation, period: table.period, headerRows: old.headerRows, districts: [:], tasks: [:], skip: [:])
        }
        var m = ImportMapping(
            sheet: old.sheet, orientation: old.orientation, period: table.period ?? old.period,
            headerRows: (table.header.lowerBound + 1)...(table.header.upperBound + 1), districts: [:], tasks: [:], skip: table.skip)
        if table.orientation == .long { return reconcileLong(table, with: old, grid, m, &sink) }
        let columns = tasksAreColumns(table.orientation)
        // Districts: by the name found now; an entry whose label is gone is reported.
        for (line, district) in table.districts {
            let k = key(line.position, isColumn: !columns)
            if let district { m.districts[k] = .init(id: district.id, label: line.label) }
        }
        for (k, e) in old.districts where !e.label.isEmpty && !m.districts.values.contains(where: { $0.id == e.id }) {
            sink.add(.importLabelMissing, .error, cell: nil, "映射文件中的地区“\(e.label)”（原\(columns ? "第\(k)行" : "第\(k)列")）本次找不到，其数据未导入")
        }
        for (title, lines, entries) in [("tasks", table.tasks, old.tasks), ("targets", table.targets, old.targets), ("rates", table.rates, old.rates)] {
            var claimed: Set<Int> = []
            var placed: [String: ImportMapping.Entry] = [:]
            let byLabel = Dictionary(grouping: lines) { TextNormalizer.compact($0.label) }
            for k in ImportMapping.ordered(entries.keys) {
                let e = entries[k]!
                let oldPosition = columns ? CellReference.columnIndex(k) : Int(k).map { $0 - 1 }
                let place = { (p: Int) in columns ? "第\(CellReference.columnName(p))列" : "第\(p + 1)行" }
                if e.label.isEmpty {
                    // An entry a person added by hand: the position is taken as it is, with its label now.
                    guard let p = oldPosition, let line = lines.first(where: { $0.position == p }) else { continue }
                    placed[key(p, isColumn: columns)] = .init(id: e.id, label: line.label)
                    claimed.insert(p)
                    continue
                }
                let candidates = byLabel[TextNormalizer.compact(e.label)] ?? []
                if let same = candidates.first(where: { $0.position == oldPosition }) {
                    placed[key(same.position, isColumn: columns)] = e
                    claimed.insert(same.position)
                } else if candidates.count == 1 {
                    let line = candidates[0]
                    placed[key(line.position, isColumn: columns)] = e
                    claimed.insert(line.position)
                    if title == "tasks" {
                        sink.add(.importLabelMoved, .warning, task: e.id,
                                 cell: columns ? CellReference(row: table.header.upperBound, column: line.position) : CellReference(row: line.position, column: 0),
                                 "“\(e.label.prefix(30))”已从\(oldPosition.map(place) ?? k)移到\(place(line.position))，按标签找到，照常导入")
                    }
                } else {
                    sink.add(.importLabelMissing, .error, task: e.id, cell: nil,
                             "映射文件中\(oldPosition.map(place) ?? k)的“\(e.label.prefix(30))”（任务\(e.id)）本次" + (candidates.isEmpty ? "找不到（标签已改或已删除）" : "出现了\(candidates.count)次")
                                 + "，该任务未导入；请核对后修改映射文件")
                }
            }
            switch title {
            case "tasks": m.tasks = placed
            case "targets": m.targets = placed
            default: m.rates = placed
            }
            // A line the mapping does not name is reported, never guessed.
            guard title == "tasks" else { continue }
            for line in lines where !claimed.contains(line.position) {
                let k = key(line.position, isColumn: columns)
                let cell = columns ? CellReference(row: table.header.upperBound, column: line.position) : CellReference(row: line.position, column: 0)
                var message = "\(columns ? "第\(k)列" : "第\(k)行")“\(line.label.prefix(30))”不在映射文件中，未导入"
                var suggested = "任务编号"
                if case .matched(let match) = matchTask(line, table) {
                    message += "（可能是任务\(match.taskID)）"
                    suggested = match.taskID
                }
                message += "；如需导入，请在映射文件 tasks 中写入 \"\(k)\": \"\(suggested) | \(line.label)\""
                sink.add(columns ? .importUnmappedColumn : .importUnmappedRow, .error, cell: cell, message)
            }
        }
        return m
    }

    /// Plan districts allotted a task of this table that the table does not have.
    func reportMissingDistricts(_ m: ImportMapping, figures: [String: [String: ImportedFigure]], _ sink: inout FindingSink) {
        let taskIDs = Set((m.orientation == .long ? Array(m.tasks.values) : Array(m.tasks.values)).map(\.id))
        let present = m.orientation == .long ? Set(figures.filter { $0.value.keys.contains(where: taskIDs.contains) }.keys) : Set(m.districts.values.map(\.id))
        let expected = plan.districts.filter { d in taskIDs.contains { id in plan.task(id).flatMap { TemplateRow.row(for: $0, district: d) } != nil } }
        let missing = expected.filter { !present.contains($0.id) }
        guard !missing.isEmpty, !taskIDs.isEmpty else { return }
        sink.add(.importDistrictsMissing, .warning, cell: nil,
                 "表中找到\(expected.count - missing.count)个地区；未找到：" + missing.map(\.name).joined(separator: "、") + "（这些地区的数据未导入）")
    }
}
