import Foundation
import XLSXCore
import XLSXReader

/// Reading the figures a mapping points at.
extension DepartmentImporter {
    /// One figure from a cell: judged against the district's row of the plan, added to `figures`.
    private func take(
        _ cell: Cell?, at ref: CellReference, sheet: String, task: PlanTask, district: District, _ percent: QuantityReader, _ sink: inout FindingSink,
        _ figures: inout [String: [String: ImportedFigure]]
    ) {
        let read = DepartmentValue.read(cell?.value ?? .empty, percentFormat: cell.map { percent.isPercentFormat($0.styleIndex) } ?? false)
        let source = "\(sheet)!\(ref)"
        func add(_ value: Decimal, _ original: String?) {
            figures[district.id, default: [:]][task.id] = ImportedFigure(value: value, original: original, source: source)
        }
        switch read {
        case .blank, .notApplicable:
            return
        case .unreadable(let text):
            sink.add(.importUnreadableValue, .error, task: task.id, cell: ref, "\(district.name)的“\(text)”不是可识别的数量，未导入")
            return
        default:
            break
        }
        guard let row = TemplateRow.row(for: task, district: district) else {
            sink.add(.importNotAssigned, .warning, task: task.id, cell: ref, "任务\(task.id)未分解到\(district.name)，其数值“\(cell?.value.text ?? "")”未导入")
            return
        }
        let target = row.target
        switch read {
        case .done(let word):
            guard let target else { return }
            add(target, word)
            sink.add(.importWordValue, .warning, task: task.id, cell: ref, "\(district.name)写的是“\(word)”，按目标\(Quantity.format(target))\(row.isPercentage ? "%" : row.unit)计")
        case .notStarted(let word):
            add(0, word)
        case .value(var v, let isPercentage, let approximate, let note):
            var original = note
            if isPercentage && !row.isPercentage {
                guard let target else { return }
                original = note ?? "\(Quantity.format(v))%"
                v = target * v / 100
                sink.add(.importPercentOfTarget, .warning, task: task.id, cell: ref, "\(district.name)填的是百分数“\(original!)”，按目标\(Quantity.format(target))的该比例计为\(Quantity.format(v))")
            } else if !isPercentage && row.isPercentage && v <= 1 {
                v *= 100  // a fraction written for a percentage
            }
            if approximate {
                sink.add(.importApproximate, .warning, task: task.id, cell: ref, "\(district.name)的“\(original ?? Quantity.format(v))”是约数，按\(Quantity.format(v))导入，请核实")
            }
            add(v, original)
        default:
            break
        }
    }

    /// A number from a 目标 or 完成率 cell (percent figures for percentages: 85 for 85%).
    private func number(_ cell: Cell?, _ percent: QuantityReader, asPercent: Bool) -> Decimal? {
        guard let cell else { return nil }
        let percentFormat = percent.isPercentFormat(cell.styleIndex)
        guard case .value(var v, let isPercentage, _, _) = DepartmentValue.read(cell.value, percentFormat: percentFormat) else { return nil }
        if asPercent && !isPercentage && v <= 1 { v *= 100 }
        return v
    }

    func apply(
        _ m: ImportMapping, _ grid: SheetGrid, _ percent: QuantityReader, period: Period, _ sink: inout FindingSink,
        _ figures: inout [String: [String: ImportedFigure]]
    ) {
        if m.orientation == .long { return applyLong(m, grid, percent, period: period, &sink, &figures) }
        let byID = Dictionary(plan.districts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func position(_ key: String, column: Bool) -> Int? { column ? CellReference.columnIndex(key) : Int(key).map { $0 - 1 } }
        let districtsAreColumns = m.orientation == .districtsAsColumns
        for dKey in ImportMapping.ordered(m.districts.keys) {
            let entry = m.districts[dKey]!
            guard let district = byID[entry.id], let dPos = position(dKey, column: districtsAreColumns) else {
                sink.add(.importBadMapping, .error, cell: nil, "映射文件中的地区“\(entry.id)”不存在")
                continue
            }
            for tKey in ImportMapping.ordered(m.tasks.keys) {
                let t = m.tasks[tKey]!
                guard let task = plan.task(t.id), let tPos = position(tKey, column: !districtsAreColumns) else {
                    sink.add(.importBadMapping, .error, cell: nil, "映射文件中的任务“\(t.id)”不在分解任务中")
                    continue
                }
                let ref = districtsAreColumns ? CellReference(row: tPos, column: dPos) : CellReference(row: dPos, column: tPos)
                take(grid.cell(row: ref.row, column: ref.column), at: ref, sheet: grid.info.name, task: task, district: district, percent, &sink, &figures)
            }
            guard !districtsAreColumns else { continue }
            // A department's own 目标 and 完成率, beside its 完成: compared, never imported.
            for (tKey, t) in m.targets {
                guard let task = plan.task(t.id), let c = CellReference.columnIndex(tKey), let row = TemplateRow.row(for: task, district: district),
                      let planned = row.target, let theirs = number(grid.cell(row: dPos, column: c), percent, asPercent: row.isPercentage), theirs != planned
                else { continue }
                sink.add(.importTargetDiffers, .warning, task: task.id, cell: CellReference(row: dPos, column: c),
                         "\(district.name)任务\(task.id)：牵头单位表中的目标为\(Quantity.format(theirs))，分解任务为\(Quantity.format(planned))\(row.isPercentage ? "%" : row.unit)；按分解任务核算，请核实")
            }
            for (rKey, r) in m.rates {
                guard let task = plan.task(r.id), let c = CellReference.columnIndex(rKey), let row = TemplateRow.row(for: task, district: district),
                      let stated = number(grid.cell(row: dPos, column: c), percent, asPercent: true), let done = figures[district.id]?[task.id]?.value
                else { continue }
                // Against the department's own 目标 where it gave one, else the plan's.
                let theirTarget = m.targets.first { $0.value.id == task.id }.flatMap { CellReference.columnIndex($0.key) }
                    .flatMap { number(grid.cell(row: dPos, column: $0), percent, asPercent: row.isPercentage) }
                guard let target = theirTarget ?? row.target, target > 0 else { continue }
                let computed = done / target * 100
                if abs((computed - stated).double) > 1 {
                    sink.add(.importRateMismatch, .warning, task: task.id, cell: CellReference(row: dPos, column: c),
                             "\(district.name)任务\(task.id)：完成率写的是\(Quantity.format(stated))%，而完成\(Quantity.format(done))÷目标\(Quantity.format(target))为\(String(format: "%.1f", computed.double))%，请核实")
                }
            }
        }
    }

    // MARK: long layouts

    private func longLabel(_ grid: SheetGrid, _ r: Int, _ columns: [String: Int]) -> (label: String, id: String?, text: String) {
        let id = columns["id"].map { grid.text(r, $0) }
        let text = columns["task"].map { grid.text(r, $0, throughMerges: true) } ?? ""
        return (([id ?? ""] + [text]).joined(separator: " ").trimmingCharacters(in: .whitespaces), id, text)
    }

    private func longRows(_ grid: SheetGrid, _ columns: [String: Int], after header: Int) -> [Int] {
        guard let dc = columns["district"], header + 1 < grid.rowCount else { return [] }
        return (header + 1..<grid.rowCount).filter { !grid.text($0, dc).isEmpty && !DistrictLabel.isTotal(TextNormalizer.compact(grid.text($0, dc))) }
    }

    func mapLong(_ table: DetectedTable, _ grid: SheetGrid, _ base: ImportMapping, _ sink: inout FindingSink) -> ImportMapping {
        var m = base
        m.columns = table.columns.mapValues { CellReference.columnName($0) }
        var seen: Set<String> = []
        for r in longRows(grid, table.columns, after: table.header.upperBound) {
            let districtLabel = grid.text(r, table.columns["district"]!, throughMerges: true)
            let dKey = TextNormalizer.compact(districtLabel)
            if m.districts[dKey] == nil, !seen.contains("d" + dKey) {
                seen.insert("d" + dKey)
                if let d = District.matchLabel(districtLabel, in: plan.districts) {
                    m.districts[dKey] = .init(id: d.id, label: districtLabel)
                } else {
                    sink.add(.importUnmappedRow, .error, cell: CellReference(row: r, column: table.columns["district"]!),
                             "第\(r + 1)行“\(districtLabel.prefix(20))”不是县（市、区），未导入；如是，请在映射文件 districts 中写入 \"\(dKey)\": \"地区代码 | \(districtLabel)\"")
                }
            }
            let (label, id, text) = longLabel(grid, r, table.columns)
            let tKey = TextNormalizer.compact(label)
            guard !tKey.isEmpty, !seen.contains("t" + tKey) else { continue }
            seen.insert("t" + tKey)
            switch matcher.match(id: id, text: text, section: table.section) {
            case .matched(let match):
                m.tasks[tKey] = .init(id: match.taskID, label: label)
                m.comments["tasks.\(tKey)"] = "\(match.how) \(String(format: "%.2f", match.score))"
            case .unsure(let best, let second):
                sink.add(.importUnmappedRow, .error, cell: CellReference(row: r, column: table.columns["task"] ?? table.columns["id"]!),
                         unsureMessage("第\(r + 1)行", label, tKey, best: best, second: second))
            }
        }
        return m
    }

    func reconcileLong(_ table: DetectedTable, with old: ImportMapping, _ grid: SheetGrid, _ base: ImportMapping, _ sink: inout FindingSink) -> ImportMapping {
        var m = mapLong(table, grid, base, &sink)
        // The earlier mapping's labels decide; a label found now that it does not name is reported.
        var tasks: [String: ImportMapping.Entry] = [:]
        for (k, e) in old.tasks {
            if m.tasks[k] != nil || table.columns.isEmpty { tasks[k] = e } else {
                sink.add(.importLabelMissing, .error, task: e.id, cell: nil, "映射文件中的任务标签“\(e.label.prefix(30))”（任务\(e.id)）本次找不到，该任务未导入")
            }
        }
        for (k, e) in m.tasks where old.tasks[k] == nil {
            sink.add(.importUnmappedRow, .error, cell: nil, "“\(e.label.prefix(30))”不在映射文件中，未导入；如需导入，请在映射文件 tasks 中写入 \"\(k)\": \"\(e.id) | \(e.label)\"")
        }
        m.tasks = tasks
        m.districts.merge(old.districts) { _, given in given }
        return m
    }

    private func applyLong(
        _ m: ImportMapping, _ grid: SheetGrid, _ percent: QuantityReader, period: Period, _ sink: inout FindingSink,
        _ figures: inout [String: [String: ImportedFigure]]
    ) {
        let columns = m.columns.compactMapValues { CellReference.columnIndex($0) }
        guard let dc = columns["district"], let doneColumn = columns["done"] else { return }
        let header = m.headerRows.upperBound - 1
        for r in longRows(grid, columns, after: header) {
            // A 月份 column selects the rows of the period asked for.
            if let pc = columns["period"], let month = LongPeriod.month(grid.text(r, pc), year: period.year), month != period { continue }
            guard let d = m.districts[TextNormalizer.compact(grid.text(r, dc, throughMerges: true))],
                  let district = plan.districts.first(where: { $0.id == d.id }) else { continue }
            guard let t = m.tasks[TextNormalizer.compact(longLabel(grid, r, columns).label)], let task = plan.task(t.id) else { continue }
            if figures[district.id]?[task.id] != nil {
                sink.add(.importUnmappedRow, .error, task: task.id, cell: CellReference(row: r, column: dc),
                         "\(district.name)任务\(task.id)在表中出现了两次（第\(r + 1)行），该行未导入；请核实")
                continue
            }
            let ref = CellReference(row: r, column: doneColumn)
            take(grid.cell(row: r, column: doneColumn), at: ref, sheet: grid.info.name, task: task, district: district, percent, &sink, &figures)
        }
    }
}

/// The month a 月份 cell names: `6月`, `2021-06`, `2021年6月`, `6`.
enum LongPeriod {
    static func month(_ text: String, year: Int) -> Period? {
        let t = TextNormalizer.halfWidth(text).trimmingCharacters(in: .whitespaces)
        if let p = Period(t) { return p }
        let digits = t.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count == 1, (1...12).contains(digits[0]) else { return nil }
        return Period(year: year, month: digits[0])
    }
}
