import Foundation
import XLSXCore
import XLSXReader

/// A figure taken from a departmental return.
public struct ImportedFigure: Sendable, Hashable {
    /// 累计完成 (a percent figure for percentage targets).
    public var value: Decimal
    /// The text as the department wrote it, when it was not a plain number.
    public var original: String?
    /// `Sheet!Cell` it came from.
    public var source: String
}

/// What an import found: figures by district and task, the mappings used, and what could not be placed.
public struct ImportResult: Sendable {
    public var file: String
    public var period: Period
    public var mappings: [ImportMapping]
    /// district id → task id → figure.
    public var figures: [String: [String: ImportedFigure]]
    public var findings: [Finding]
}

/// Converts returns that lead departments send in their own layouts into minsheng's figures.
public struct DepartmentImporter {
    public var plan: Plan
    public var matcher: TaskMatcher

    public init(plan: Plan) {
        self.plan = plan
        matcher = TaskMatcher(plan: plan)
    }

    /// Reads a departmental workbook.
    /// - Parameters:
    ///   - period: the reporting period; when nil it is read from a title such as 2021年6月.
    ///   - mappings: mappings from an earlier run (`--mapping`); sheets without one are detected.
    public func read(path: String, period: Period?, mappings given: [ImportMapping] = []) throws -> ImportResult {
        let book = try Workbook(path: path)
        let formats = try book.cellFormats()
        let percent = QuantityReader(formats: formats)
        var findings: [Finding] = []
        var mappings: [ImportMapping] = []
        var figures: [String: [String: ImportedFigure]] = [:]
        var foundPeriod = period
        for info in book.sheets where info.kind == .worksheet && info.state == .visible {
            let grid = try book.grid(of: info)
            var sink = FindingSink(file: path, sheet: info.name)
            let mapping: ImportMapping
            if let m = given.first(where: { $0.sheet == info.name }) {
                mapping = m
            } else if let m = detect(grid, &sink) {
                mapping = m
            } else {
                continue
            }
            if foundPeriod == nil { foundPeriod = mapping.period.flatMap(Period.init) }
            apply(mapping, grid, percent, &sink, &figures)
            mappings.append(mapping)
            findings += sink.findings
        }
        guard !mappings.isEmpty else {
            throw DomainError(
                file: path, message: "no table naming the districts was found, so nothing can be converted",
                hint: "the district names (南湖区, 秀洲区, …) must head the columns or the rows",
                zh: "没有找到含各县（市、区）名称的表格，无法转换", zhHint: "各县（市、区）名称（南湖区、秀洲区……）须作为列标题或行标题")
        }
        guard let p = foundPeriod else {
            throw DomainError(
                file: path, message: "cannot tell the reporting period: the title has no month such as 2021年6月",
                hint: "give it with --period 2021-06",
                zh: "无法确定报送期：标题中没有“2021年6月”这样的月份", zhHint: "请用 --period 2021-06 指定报送期")
        }
        for i in mappings.indices where mappings[i].period == nil { mappings[i].period = p.description }
        return ImportResult(file: path, period: p, mappings: mappings, figures: figures, findings: findings)
    }

    // MARK: detection

    private func districtAt(_ grid: SheetGrid, _ r: Int, _ c: Int) -> District? {
        District.match(grid.text(r, c, throughMerges: true), in: plan.districts)
    }

    private static let totals: Set<String> = ["合计", "总计", "全市", "小计", "全市合计", "累计"]
    /// A totals label: 合计, 全市合计, 总计… (but not a task text that merely starts with 全市).
    static func isTotal(_ label: String) -> Bool {
        totals.contains(label) || label.hasSuffix("合计") || label.hasSuffix("总计") || label.hasSuffix("小计")
    }

    /// Splits a leading task id from a label: `C23 组建体育社群` → (`C23`, `组建体育社群`).
    static func leadingID(_ text: String) -> (id: String, rest: String)? {
        let t = TextNormalizer.halfWidth(text).trimmingCharacters(in: .whitespaces)
        guard let m = t.range(of: #"^[PCpc]?\d+(\.\d+)?(?=[\s.、．:：]|$)"#, options: .regularExpression) else { return nil }
        let rest = t[m.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " .、．:：\t"))
        return (String(t[m]), rest)
    }

    private static let notes = ["注", "备注", "说明", "填表", "数据来源", "制表", "审核人", "联系人"]
    private static let doneLabels = ["完成", "累计", "实际", "进度"]
    private static let targetLabels = ["目标", "计划", "任务数", "任务量"]

    func detect(_ grid: SheetGrid, _ sink: inout FindingSink) -> ImportMapping? {
        let rows = grid.rowCount, cols = grid.columnCount
        guard rows > 1, cols > 1 else { return nil }
        var bestRow: (Int, Int) = (-1, 0), bestCol: (Int, Int) = (-1, 0)
        for r in 0..<min(rows, 12) {
            let n = Set((0..<cols).compactMap { districtAt(grid, r, $0)?.id }).count
            if n > bestRow.1 { bestRow = (r, n) }
        }
        for c in 0..<min(cols, 8) {
            let n = Set((0..<rows).compactMap { districtAt(grid, $0, c)?.id }).count
            if n > bestCol.1 { bestCol = (c, n) }
        }
        guard max(bestRow.1, bestCol.1) >= 2 else { return nil }
        let period = periodInTitle(grid)
        let section = sectionInTitle(grid)
        if bestRow.1 >= bestCol.1 {
            return detectColumns(grid, districtRow: bestRow.0, period: period, section: section, &sink)
        }
        return detectRows(grid, districtColumn: bestCol.0, period: period, section: section, &sink)
    }

    private func title(_ grid: SheetGrid) -> String {
        (0..<min(grid.rowCount, 3)).flatMap { r in (0..<grid.columnCount).map { grid.text(r, $0) } }.joined(separator: " ") + " " + grid.info.name
    }

    private func periodInTitle(_ grid: SheetGrid) -> String? {
        let t = TextNormalizer.halfWidth(title(grid))
        guard let m = t.range(of: #"(20\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月"#, options: .regularExpression) else { return nil }
        return Period(String(t[m]))?.description
    }

    private func sectionInTitle(_ grid: SheetGrid) -> String? {
        let t = title(grid)
        return t.contains("省政府") || t.contains("省民生") ? "P" : t.contains("市政府") || t.contains("市民生") ? "C" : nil
    }

    /// The label of one header column: the texts of the header rows through merges, joined.
    private func label(_ grid: SheetGrid, _ headerRows: ClosedRange<Int>, column c: Int) -> [String] {
        var parts: [String] = []
        for r in headerRows {
            let t = grid.text(r, c, throughMerges: true)
            if !t.isEmpty && parts.last != t { parts.append(t) }
        }
        return parts
    }

    private func isLabel(_ text: String, _ words: [String]) -> Bool {
        let t = TextNormalizer.compact(text)
        return words.contains { t.contains($0) }
    }

    private func detectColumns(_ grid: SheetGrid, districtRow: Int, period: String?, section: String?, _ sink: inout FindingSink) -> ImportMapping {
        let cols = grid.columnCount
        // A sub-header row under the districts (目标 | 完成) belongs to the header.
        var headerEnd = districtRow
        if districtRow + 1 < grid.rowCount, (0..<cols).contains(where: { isLabel(grid.text(districtRow + 1, $0), DepartmentImporter.doneLabels + DepartmentImporter.targetLabels) && districtAt(grid, districtRow, $0) != nil }) {
            headerEnd = districtRow + 1
        }
        var headerStart = districtRow
        while headerStart > 0, headerStart > districtRow - 2, (0..<cols).filter({ !grid.text(headerStart - 1, $0).isEmpty }).count >= 2 { headerStart -= 1 }
        let header = headerStart...headerEnd
        var districts: [String: String] = [:], skip: [String: String] = [:], comments: [String: String] = [:]
        var idColumn: Int?, textColumns: [Int] = []
        for c in 0..<cols {
            let parts = label(grid, header, column: c)
            let letter = CellReference.columnName(c)
            if let d = districtAt(grid, districtRow, c) {
                let sub = grid.text(headerEnd, c)
                if headerEnd > districtRow, isLabel(sub, DepartmentImporter.targetLabels) {
                    skip[letter] = "\(d.shortName)\(sub)"
                } else if districts.values.contains(d.id) {
                    skip[letter] = "\(d.shortName)（重复）"
                } else {
                    districts[letter] = d.id
                    comments["districts.\(letter)"] = d.name
                }
                continue
            }
            let joined = TextNormalizer.compact(parts.joined())
            if joined.isEmpty { continue }
            if DepartmentImporter.isTotal(joined) { skip[letter] = "合计" } else if idColumn == nil, ["序号", "编号", "任务编号", "项目编号"].contains(joined) { idColumn = c } else if isLabel(joined, ["项目", "任务", "内容", "名称", "事项"]) && !isLabel(joined, ["牵头", "责任"]) { textColumns.append(c) } else { skip[letter] = parts.joined(separator: "/") }
        }
        var tasks: [String: String] = [:]
        let firstData = headerEnd + 1
        if firstData < grid.rowCount {
            for r in firstData..<grid.rowCount {
                let key = String(r + 1)
                let filled = (0..<cols).filter { !grid.text(r, $0).isEmpty }
                guard !filled.isEmpty else { continue }
                var id = idColumn.map { grid.text(r, $0) }
                var text = textColumns.map { grid.text(r, $0, throughMerges: true) }.filter { !$0.isEmpty }.joined(separator: " ")
                if id == nil, let split = DepartmentImporter.leadingID(text) { (id, text) = (split.id, split.rest) }
                let first = grid.text(r, filled[0])
                if DepartmentImporter.totals.contains(TextNormalizer.compact(id ?? "")) || DepartmentImporter.totals.contains(TextNormalizer.compact(text)) || DepartmentImporter.totals.contains(TextNormalizer.compact(first)) {
                    skip[key] = "合计"
                    continue
                }
                if filled.count <= 2, DepartmentImporter.notes.contains(where: { first.hasPrefix($0) }) {
                    skip[key] = "注释"
                    continue
                }
                switch matcher.match(id: id, text: text, section: section) {
                case .matched(let m):
                    tasks[key] = m.taskID
                    comments["tasks.\(key)"] = "\(m.how) \(String(format: "%.2f", m.score))：\(text.prefix(24))"
                case .unsure(let best, let second):
                    var why = "第\(r + 1)行“\(([id ?? ""] + [text]).joined(separator: " ").trimmingCharacters(in: .whitespaces).prefix(30))”无法可靠地对应到分解任务"
                    if let best { why += "（最接近\(best.taskID)，相似度\(String(format: "%.2f", best.score))" + (second.map { "；其次\($0.taskID)，\(String(format: "%.2f", $0.score))" } ?? "") + "）" }
                    sink.add(.importUnmappedRow, .error, cell: CellReference(row: r, column: filled[0]), why + "，未导入；请在映射文件的 tasks 中指定")
                }
            }
        }
        var m = ImportMapping(sheet: grid.info.name, orientation: .districtsAsColumns, period: period, headerRows: (header.lowerBound + 1)...(header.upperBound + 1), districts: districts, tasks: tasks, skip: skip)
        m.comments = comments
        return m
    }

    private func detectRows(_ grid: SheetGrid, districtColumn: Int, period: String?, section: String?, _ sink: inout FindingSink) -> ImportMapping {
        let rows = grid.rowCount, cols = grid.columnCount
        let firstDistrictRow = (0..<rows).first { districtAt(grid, $0, districtColumn) != nil } ?? 0
        // Header rows: the non-empty rows right above the first district (at most three).
        var headerStart = firstDistrictRow - 1
        while headerStart > 0, headerStart > firstDistrictRow - 3, (0..<cols).filter({ !grid.text(headerStart - 1, $0).isEmpty }).count >= 2 { headerStart -= 1 }
        let header = max(headerStart, 0)...max(firstDistrictRow - 1, 0)
        var districts: [String: String] = [:], skip: [String: String] = [:], tasks: [String: String] = [:], comments: [String: String] = [:]
        for r in firstDistrictRow..<rows {
            let key = String(r + 1)
            let filled = (0..<cols).filter { !grid.text(r, $0).isEmpty }
            guard !filled.isEmpty else { continue }
            if let d = districtAt(grid, r, districtColumn) {
                if districts.values.contains(d.id) { skip[key] = "\(d.shortName)（重复）" } else {
                    districts[key] = d.id
                    comments["districts.\(key)"] = d.name
                }
            } else {
                let first = grid.text(r, filled[0])
                skip[key] = DepartmentImporter.totals.contains(TextNormalizer.compact(grid.text(r, districtColumn))) ? "合计" : DepartmentImporter.notes.contains(where: { first.hasPrefix($0) }) ? "注释" : "未识别的行"
                if skip[key] == "未识别的行" {
                    sink.add(.importUnmappedRow, .error, cell: CellReference(row: r, column: filled[0]), "第\(r + 1)行“\(first.prefix(20))”不是县（市、区），未导入")
                }
            }
        }
        // Columns: group the header labels; of a group's columns keep the completion one.
        for c in 0..<cols where c != districtColumn {
            let parts = label(grid, header, column: c)
            let letter = CellReference.columnName(c)
            guard !parts.isEmpty else { continue }
            let joined = TextNormalizer.compact(parts.joined())
            if DepartmentImporter.isTotal(joined) || ["序号", "编号", "地区", "县市区", "单位", "备注"].contains(joined) {
                skip[letter] = parts.joined(separator: "/")
                continue
            }
            var taskParts = parts
            if parts.count > 1, let last = parts.last {
                if isLabel(last, DepartmentImporter.targetLabels) {
                    skip[letter] = parts.joined(separator: "/")
                    continue
                }
                if isLabel(last, DepartmentImporter.doneLabels) { taskParts.removeLast() }
            }
            var text = taskParts.joined(separator: " ")
            var idCandidate: String?
            if let split = DepartmentImporter.leadingID(text) { (idCandidate, text) = (split.id, split.rest) }
            switch matcher.match(id: idCandidate, text: text, section: section) {
            case .matched(let m):
                tasks[letter] = m.taskID
                comments["tasks.\(letter)"] = "\(m.how) \(String(format: "%.2f", m.score))：\(text.prefix(24))"
            case .unsure(let best, _):
                sink.add(.importUnmappedColumn, .error, cell: CellReference(row: header.upperBound, column: c),
                         "第\(letter)列“\(text.prefix(30))”无法可靠地对应到分解任务" + (best.map { "（最接近\($0.taskID)，相似度\(String(format: "%.2f", $0.score))）" } ?? "") + "，未导入；请在映射文件的 tasks 中指定")
            }
        }
        var m = ImportMapping(sheet: grid.info.name, orientation: .districtsAsRows, period: period, headerRows: (header.lowerBound + 1)...(header.upperBound + 1), districts: districts, tasks: tasks, skip: skip)
        m.comments = comments
        return m
    }

    // MARK: reading figures

    func apply(_ m: ImportMapping, _ grid: SheetGrid, _ percent: QuantityReader, _ sink: inout FindingSink, _ figures: inout [String: [String: ImportedFigure]]) {
        for dKey in ImportMapping.ordered(m.districts.keys) {
            let districtID = m.districts[dKey]!
            guard let district = plan.districts.first(where: { $0.id == districtID }) else {
                sink.add(.importBadMapping, .error, cell: nil, "映射文件中的地区“\(districtID)”不存在")
                continue
            }
            for tKey in ImportMapping.ordered(m.tasks.keys) {
                let taskID = m.tasks[tKey]!
                guard let task = plan.task(taskID) else {
                    sink.add(.importBadMapping, .error, cell: nil, "映射文件中的任务“\(taskID)”不在分解任务中")
                    continue
                }
                let (row, column): (Int?, Int?) = m.orientation == .districtsAsColumns
                    ? (Int(tKey).map { $0 - 1 }, CellReference.columnIndex(dKey)) : (Int(dKey).map { $0 - 1 }, CellReference.columnIndex(tKey))
                guard let row, let column else { continue }
                let ref = CellReference(row: row, column: column)
                let cell = grid.cell(row: row, column: column)
                let read = DepartmentValue.read(cell?.value ?? .empty, percentFormat: cell.map { percent.isPercentFormat($0.styleIndex) } ?? false)
                let templateRow = TemplateRow.row(for: task, district: district)
                let source = "\(grid.info.name)!\(ref)"
                func add(_ value: Decimal, _ original: String?) {
                    figures[district.id, default: [:]][task.id] = ImportedFigure(value: value, original: original, source: source)
                }
                switch read {
                case .blank, .notApplicable:
                    continue
                case .unreadable(let text):
                    sink.add(.importUnreadableValue, .error, task: task.id, cell: ref, "\(district.name)的“\(text)”不是可识别的数量，未导入")
                    continue
                default:
                    break
                }
                guard let templateRow else {
                    sink.add(.importNotAssigned, .warning, task: task.id, cell: ref, "任务\(task.id)未分解到\(district.name)，其数值“\(cell?.value.text ?? "")”未导入")
                    continue
                }
                let target = templateRow.target
                switch read {
                case .done(let word):
                    guard let target else { continue }
                    add(target, word)
                    sink.add(.importWordValue, .warning, task: task.id, cell: ref, "\(district.name)写的是“\(word)”，按目标\(Quantity.format(target))\(templateRow.isPercentage ? "%" : templateRow.unit)计")
                case .notStarted(let word):
                    add(0, word)
                case .value(var v, let isPercentage, let approximate, let note):
                    var original = note
                    if isPercentage && !templateRow.isPercentage {
                        guard let target else { continue }
                        original = note ?? "\(Quantity.format(v))%"
                        v = target * v / 100
                        sink.add(.importPercentOfTarget, .warning, task: task.id, cell: ref, "\(district.name)填的是百分数“\(original!)”，按目标\(Quantity.format(target))的该比例计为\(Quantity.format(v))")
                    } else if !isPercentage && templateRow.isPercentage && v <= 1 && cell.map({ !percent.isPercentFormat($0.styleIndex) }) ?? true {
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
        }
    }
}
