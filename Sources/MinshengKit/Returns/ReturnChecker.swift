import Foundation
import XLSXCore

/// A return after checking: who sent it, for when, the accepted figures and every finding.
public struct CheckedReturn: Sendable {
    public var file: String
    public var district: District?
    public var period: Period?
    /// Accepted 累计完成 by task id (percent figures for percentage targets).
    public var values: [String: Decimal]
    public var statuses: [String: String]
    public var points: [ReturnPoint]
    public var filler: String?
    /// 填报日期 as ISO text (`2021-07-05`), when it could be read.
    public var date: String?
    public var findings: [Finding]

    public var isValid: Bool { !findings.hasErrors }
}

/// Checks a district's return against the plan (表内审核) and, optionally, its previous return (表间审核).
public struct ReturnChecker: Sendable {
    public let plan: Plan
    public var expectedDistrict: District?
    public var expectedPeriod: Period?

    /// The plan's fingerprint, computed once: a round checks every return against it.
    private let planFingerprint: String

    public init(plan: Plan, expectedDistrict: District? = nil, expectedPeriod: Period? = nil) {
        self.plan = plan
        self.expectedDistrict = expectedDistrict
        self.expectedPeriod = expectedPeriod
        planFingerprint = Fingerprint.of(plan)
    }

    /// Runs every check; `previous` is the same district's earlier return, already checked.
    public func check(_ r: DistrictReturn, previous: CheckedReturn? = nil) -> CheckedReturn {
        var sink = FindingSink(file: r.file, sheet: r.formSheet)
        let district = identifyDistrict(r, &sink)
        let period = identifyPeriod(r, &sink)
        sink.district = district?.name
        if let fp = r.meta["plan"], fp != planFingerprint {
            sink.add(.returnPlanMismatch, .error, cell: nil, "本表依据的分解任务与当前计划不一致（计划已调整或使用了其他年份的模板），请使用新下发的模板重新填报")
        }
        if let format = r.meta["format"], format != TemplateLayout.formatVersion {
            sink.add(.returnTemplateVersion, .warning, cell: nil, "模板格式为\(format)，与当前版本\(TemplateLayout.formatVersion)不同")
        }
        checkHeader(r, &sink)
        var values: [String: Decimal] = [:]
        var statuses: [String: String] = [:]
        if let district {
            let expected = TemplateRow.rows(for: district, in: plan)
            let matched = matchRows(r, expected, &sink)
            for (row, template) in matched {
                checkInputs(row, template, r, &sink, &values, &statuses)
            }
            checkPoints(r, expected, values: values, &sink)
            if let previous { checkAgainstPrevious(previous, values, matched, &sink) }
        }
        return CheckedReturn(
            file: r.file, district: district, period: period, values: values, statuses: statuses, points: r.points,
            filler: r.header["填报人"].map(\.text).flatMap { $0.isEmpty ? nil : $0 }, date: r.header["填报日期"].flatMap(ReturnChecker.isoDate),
            findings: sink.findings)
    }

    /// A 填报日期 cell as `YYYY-MM-DD`.
    static func isoDate(_ cell: ReturnCell) -> String? {
        switch cell.value {
        case .date(let d): return String(d.description.prefix(10))
        case .number(let n): return ExcelDateTime.fromSerial(n, date1904: false, duration: false).map { String($0.description.prefix(10)) }
        default:
            guard let (y, m, d) = DateText.parse(cell.text) else { return nil }
            return String(format: "%04d-%02d-%02d", y, m, d)
        }
    }

    // MARK: identity

    private func identifyDistrict(_ r: DistrictReturn, _ sink: inout FindingSink) -> District? {
        var district: District?
        if let id = r.meta["district"] { district = plan.districts.first { $0.id == id } }
        if district == nil, let name = r.header["填报单位"]?.text { district = District.match(name, in: plan.districts) }
        if district == nil {
            let base = URL(fileURLWithPath: r.file).deletingPathExtension().lastPathComponent
            district = plan.districts.first { d in ([d.name, d.shortName] + d.aliases).contains { base.contains($0) } }
        }
        guard let found = district else {
            sink.add(.returnUnknownDistrict, .error, cell: r.header["填报单位"]?.reference, "无法确定填报单位：元数据、“填报单位”和文件名都没有可识别的县（市、区）名称")
            return nil
        }
        if let name = r.header["填报单位"]?.text, !name.isEmpty, District.match(name, in: plan.districts) != found {
            sink.add(.returnLockedChanged, .error, cell: r.header["填报单位"]?.reference, "“填报单位”被改为“\(name)”，本表是\(found.name)的模板")
        }
        if let expected = expectedDistrict, expected != found {
            sink.add(.returnDistrictMismatch, .error, cell: r.header["填报单位"]?.reference, "本表是\(found.name)的报表，而应收到的是\(expected.name)的报表")
        }
        return found
    }

    private func identifyPeriod(_ r: DistrictReturn, _ sink: inout FindingSink) -> Period? {
        let period = r.meta["period"].flatMap(Period.init) ?? r.header["报送期"].flatMap { Period($0.text) }
        guard let period else {
            sink.add(.returnUnknownPeriod, .warning, cell: r.header["报送期"]?.reference, "无法确定报送期")
            return nil
        }
        if let expected = expectedPeriod, expected != period {
            sink.add(.returnPeriodMismatch, .error, cell: r.header["报送期"]?.reference, "本表报送期为\(period.chinese)，而本轮报送期为\(expected.chinese)")
        }
        return period
    }

    private func checkHeader(_ r: DistrictReturn, _ sink: inout FindingSink) {
        func cell(_ label: String) -> CellReference? {
            r.header[label]?.reference ?? r.headerLabels[label].map { CellReference(row: $0.row, column: $0.column + 1) }
        }
        if r.header["填报人"]?.isEmpty ?? true { sink.add(.returnMissingFiller, .error, cell: cell("填报人"), "未填写填报人") }
        if r.header["联系电话"]?.isEmpty ?? true { sink.add(.returnMissingPhone, .warning, cell: cell("联系电话"), "未填写联系电话") }
        if let date = r.header["填报日期"], !date.isEmpty {
            if ReturnChecker.isoDate(date) == nil {
                sink.add(.returnBadDate, .error, cell: date.reference, "填报日期“\(date.text)”不是日期，请按2021-07-05的格式填写")
            }
        } else {
            sink.add(.returnMissingDate, .error, cell: cell("填报日期"), "未填写填报日期")
        }
    }

    // MARK: rows

    /// Pairs the return's rows with the template's; reports deleted, inserted, copied, reordered and altered rows.
    private func matchRows(_ r: DistrictReturn, _ expected: [TemplateRow], _ sink: inout FindingSink) -> [(ReturnRow, TemplateRow)] {
        let byID = Dictionary(expected.map { ($0.taskID, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: ReturnRow] = [:]
        var matched: [(ReturnRow, TemplateRow)] = []
        for row in r.rows {
            let idCell = row.cell(.id)?.reference
            guard !row.id.isEmpty else {
                sink.add(.returnRowUnknown, .error, cell: idCell, "第\(row.row + 1)行没有编号，不是模板中的任务行（可能是插入的行），请删除或移入备注")
                continue
            }
            guard let template = byID[row.id] else {
                let inPlan = plan.task(row.id) != nil
                sink.add(.returnRowUnknown, .error, task: row.id, cell: idCell,
                         inPlan ? "任务\(row.id)未分解到本地区，不应出现在本表中" : "编号“\(row.id)”不是分解任务中的编号（可能是插入或改动的行）")
                continue
            }
            if let first = seen[row.id] {
                sink.add(.returnRowDuplicate, .error, task: row.id, cell: idCell, "任务\(row.id)出现了两次（另见第\(first.row + 1)行），请删除复制的行")
                continue
            }
            seen[row.id] = row
            matched.append((row, template))
            checkLocked(row, template, &sink)
        }
        for t in expected where seen[t.taskID] == nil {
            sink.add(.returnRowMissing, .error, task: t.taskID, cell: nil, "任务\(t.taskID)的行被删除了：\(t.text.prefix(30))")
        }
        let order = matched.map(\.1.taskID)
        let expectedOrder = expected.map(\.taskID).filter { seen[$0] != nil }
        if order != expectedOrder, let i = order.indices.first(where: { order[$0] != expectedOrder[$0] }) {
            let row = matched[i].0
            sink.add(.returnRowsReordered, .warning, task: row.id, cell: row.cell(.id)?.reference, "行次被调换：第\(row.row + 1)行应为任务\(expectedOrder[i])，请勿调整行次")
        }
        return matched
    }

    private func checkLocked(_ row: ReturnRow, _ t: TemplateRow, _ sink: inout FindingSink) {
        let cell = row.cell(.target)
        var written: Decimal?
        if case .number(let n)? = cell?.value {
            var d = cell?.numberText.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } ?? Decimal(n)
            if t.isPercentage && (cell?.isPercentFormat ?? false || d <= 1) { d *= 100 }
            written = d
        }
        if let target = t.target, written != target {
            let now = cell.map { $0.isEmpty ? "空白" : $0.text } ?? "空白"
            sink.add(.returnTargetChanged, .error, task: t.taskID, cell: cell?.reference, "目标被改动：应为\(Quantity.format(target))\(t.isPercentage ? "%" : "")，现为\(now)")
        }
        if let text = row.cell(.task)?.text, TextNormalizer.compact(text) != TextNormalizer.compact(t.text) {
            sink.add(.returnLockedChanged, .warning, task: t.taskID, cell: row.cell(.task)?.reference, "“项目名称 / 目标任务”被改动，应为：\(t.text)")
        }
    }

    private func checkInputs(
        _ row: ReturnRow, _ t: TemplateRow, _ r: DistrictReturn, _ sink: inout FindingSink, _ values: inout [String: Decimal], _ statuses: inout [String: String]
    ) {
        let doneCell = row.cell(.done)
        var done: Decimal?
        switch InputParser.parse(doneCell, percentage: t.isPercentage, unit: t.unit) {
        case .missing:
            if r.meta["origin"] == "import" {
                sink.add(.returnNotYetImported, .warning, task: t.taskID, cell: doneCell?.reference, "尚未导入该任务牵头单位的报表数据")
                return
            }
            sink.add(.returnMissingValue, .error, task: t.taskID, cell: doneCell?.reference, "未填写累计完成")
        case .rejected(let code, let message):
            sink.add(code, .error, task: t.taskID, cell: doneCell?.reference, message)
        case .value(let v, let from):
            if let from {
                let shown = Quantity.format(v) + (t.isPercentage ? "%" : "")
                sink.add(.returnTextNormalised, .warning, task: t.taskID, cell: doneCell?.reference, "“\(from)”已按\(shown)读取，请填写数字")
            }
            if v < 0 {
                sink.add(.returnNegative, .error, task: t.taskID, cell: doneCell?.reference, "累计完成不能为负数（\(Quantity.format(v))）")
            } else {
                done = v
                values[t.taskID] = v
            }
        }
        if let done, let target = t.target, done > target {
            sink.add(.returnAboveTarget, .warning, task: t.taskID, cell: doneCell?.reference,
                     "累计完成\(Quantity.format(done))超过目标\(Quantity.format(target))\(t.isPercentage ? "%" : t.unit)，请核实")
        }
        let statusCell = row.cell(.status)
        let status = statusCell?.text ?? ""
        if status.isEmpty {
            sink.add(.returnMissingStatus, .error, task: t.taskID, cell: statusCell?.reference, "未选择进度状态")
        } else if !TemplateLayout.statuses.contains(status) {
            sink.add(.returnBadStatus, .error, task: t.taskID, cell: statusCell?.reference, "进度状态“\(status)”不在“未开工、推进中、已完成”之中")
        } else {
            statuses[t.taskID] = status
            if let done {
                if status == "已完成", let target = t.target, done < target {
                    sink.add(.returnStatusInconsistent, .warning, task: t.taskID, cell: statusCell?.reference,
                             "进度状态为“已完成”，但累计完成\(Quantity.format(done))低于目标\(Quantity.format(target))")
                }
                if status == "未开工", done > 0 {
                    sink.add(.returnStatusInconsistent, .warning, task: t.taskID, cell: statusCell?.reference,
                             "进度状态为“未开工”，但累计完成为\(Quantity.format(done))")
                }
            }
        }
        if let pointsCell = row.cell(.points), !pointsCell.isEmpty {
            switch InputParser.parse(pointsCell, percentage: false, unit: "个") {
            case .value(let v, _) where v >= 0 && v == v.rounded:
                let listed = r.points.filter { TextNormalizer.compact($0.text(.id)) == t.taskID }.count
                if Decimal(listed) != v {
                    sink.add(.returnPointCountMismatch, .warning, task: t.taskID, cell: pointsCell.reference,
                             "项目点位数填写为\(Quantity.format(v))，而“项目点位”表中该任务有\(listed)个点位")
                }
            default:
                sink.add(.returnBadPointCount, .error, task: t.taskID, cell: pointsCell.reference, "项目点位数“\(pointsCell.text)”应为不小于0的整数")
            }
        }
    }

    // MARK: project sites

    private func checkPoints(_ r: DistrictReturn, _ expected: [TemplateRow], values: [String: Decimal], _ sink: inout FindingSink) {
        guard let sheet = r.pointsSheet else { return }
        var points = FindingSink(file: r.file, sheet: sheet)
        points.district = sink.district
        let ids = Set(expected.map(\.taskID))
        var seenNames: [String: Int] = [:]
        var seenCoordinates: [String: Int] = [:]
        for p in r.points {
            let id = TextNormalizer.compact(p.text(.id))
            let idRef = p.cells[.id]?.reference
            if id.isEmpty {
                points.add(.returnPointNoTask, .error, cell: idRef, "第\(p.row + 1)行点位没有选择任务编号")
            } else if !ids.contains(id) {
                points.add(.returnPointUnknownTask, .error, task: id, cell: idRef, "编号“\(id)”不是本地区的任务")
            }
            var duplicateOf: Int?
            let lon = coordinate(p.cells[.longitude]), lat = coordinate(p.cells[.latitude])
            if lon == nil || lat == nil {
                let missing = lon == nil ? p.cells[.longitude] : p.cells[.latitude]
                points.add(.returnPointNoCoordinates, .error, task: id.isEmpty ? nil : id, cell: missing?.reference,
                           "第\(p.row + 1)行点位缺少\(lon == nil ? "经度" : "纬度")或不是数字")
            } else if let lon, let lat {
                if !TemplateLayout.longitudeRange.contains(lon) || !TemplateLayout.latitudeRange.contains(lat) {
                    let swapped = TemplateLayout.longitudeRange.contains(lat) && TemplateLayout.latitudeRange.contains(lon)
                    points.add(.returnPointOutside, .error, task: id.isEmpty ? nil : id, cell: p.cells[.longitude]?.reference,
                               "坐标（\(lon), \(lat)）不在嘉兴市范围内" + (swapped ? "，经度和纬度可能填反了" : ""))
                }
                let key = String(format: "%.5f,%.5f", lon, lat)
                if let first = seenCoordinates[key] { duplicateOf = first } else { seenCoordinates[key] = p.row }
            }
            let name = TextNormalizer.compact(p.text(.name) + "|" + p.text(.address))
            if name != "|" {
                if let first = seenNames[name] { duplicateOf = duplicateOf ?? first } else { seenNames[name] = p.row }
            }
            if let first = duplicateOf {
                points.add(.returnPointDuplicate, .warning, task: id.isEmpty ? nil : id, cell: p.cells[.name]?.reference ?? idRef,
                           "与第\(first + 1)行点位重复（名称和地址或坐标相同），请删除重复的点位")
            }
        }
        sink.findings += points.findings
    }

    private func coordinate(_ cell: ReturnCell?) -> Double? {
        guard let cell, !cell.isEmpty else { return nil }
        if case .number(let n) = cell.value { return n }
        return Double(TextNormalizer.compact(cell.text).replacingOccurrences(of: "°", with: ""))
    }

    // MARK: between returns

    private func checkAgainstPrevious(_ previous: CheckedReturn, _ values: [String: Decimal], _ matched: [(ReturnRow, TemplateRow)], _ sink: inout FindingSink) {
        for (row, t) in matched {
            guard let now = values[t.taskID], let before = previous.values[t.taskID], now < before else { continue }
            sink.add(.returnDecreased, .warning, task: t.taskID, cell: row.cell(.done)?.reference,
                     "累计完成由上期\(previous.period.map { "（\($0.chinese)）" } ?? "")的\(Quantity.format(before))减少为\(Quantity.format(now))，累计数不应减少，请说明")
        }
    }
}

/// Collects findings for one sheet of one file.
struct FindingSink {
    let file: String
    let sheet: String
    var district: String?
    var findings: [Finding] = []

    mutating func add(_ code: FindingCode, _ severity: Severity, task: String? = nil, cell: CellReference?, _ message: String) {
        findings.append(Finding(code: code, severity: severity, task: task, district: district, file: file, sheet: sheet, cell: cell?.description, message: message))
    }
}

/// Dates typed as text: `2021-07-05`, `2021/7/5`, `2021年7月5日`, `2021.7.5`.
enum DateText {
    static func parse(_ text: String) -> (Int, Int, Int)? {
        let parts = TextNormalizer.halfWidth(text).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard parts.count == 3, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return (parts[0], parts[1], parts[2])
    }
}

extension Decimal {
    var rounded: Decimal {
        var v = self
        var r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        return r
    }
}
