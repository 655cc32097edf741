import Foundation
import XLSXCore

/// A return after checking: who sent it, for when, the accepted figures and every finding.
///
/// The unit of exclusion is the cell: an error in a task's row leaves out that task's figure only
/// (`leftOut`), an error in a site's row that site only; header problems leave out nothing. A return
/// is left out whole only when it cannot be attributed to one district and period (`isAttributable`).
public struct CheckedReturn: Sendable {
    public var file: String
    public var district: District?
    public var period: Period?
    /// Whether the district and the period are known and every source that names them agrees
    /// (metadata, 填报单位 and 报送期 cells, file name); a return of unknown period counts for no round.
    public var isAttributable: Bool
    /// Accepted 累计完成 by task id (percent figures for percentage targets).
    public var values: [String: Decimal]
    /// Task ids whose figure was left out, with the error finding that says why.
    public var leftOut: [String: Finding]
    public var statuses: [String: String]
    /// 备注 by task id, as the district wrote them.
    public var remarks: [String: String]
    /// The project sites without an error in their row.
    public var points: [ReturnPoint]
    /// `import` for a return `minsheng import` compiled from a lead department's table.
    public var origin: String?
    /// Tasks whose figure came from a lead department's import (its file), after a merge.
    public var fromLeadDepartment: [String: String] = [:]
    public var filler: String?
    /// 填报日期 as ISO text (`2021-07-05`), when it could be read.
    public var date: String?
    public var findings: [Finding]
    /// 时间节点 by task id that pace is judged by (percent figures for percentage targets).
    public var milestones: [String: Milestones] = [:]
    /// 时间节点 by task id as the district wrote them, usable or not: what a later return is compared
    /// with, and what the next template carries.
    public var statedMilestones: [String: Milestones] = [:]
    /// The steps past their date that 进度状态 does not show done, by task id (应于6月30日前开工，未开工).
    public var missedSteps: [String: [String]] = [:]

    /// Whether the return has no error-level finding at all.
    public var isValid: Bool { !findings.hasErrors }

    /// The same return called by another name: its file and every finding that named the old one.
    public func renamed(_ name: String) -> CheckedReturn {
        var r = self
        func rename(_ f: Finding) -> Finding {
            var f = f
            if f.file == file { f.file = name }
            return f
        }
        r.findings = findings.map(rename)
        r.leftOut = leftOut.mapValues(rename)
        r.file = name
        return r
    }
}

/// Checks a district's return against the plan (表内审核) and, optionally, its previous return (表间审核).
public struct ReturnChecker: Sendable {
    public let plan: Plan
    public var expectedDistrict: District?
    public var expectedPeriod: Period?

    /// The plan's fingerprint, computed once: a round checks every return against it.
    private let planFingerprint: String
    /// The plan's districts by every name, made once for the round.
    private let districtIndex: DistrictIndex

    public init(plan: Plan, expectedDistrict: District? = nil, expectedPeriod: Period? = nil) {
        self.plan = plan
        self.expectedDistrict = expectedDistrict
        self.expectedPeriod = expectedPeriod
        planFingerprint = Fingerprint.of(plan)
        districtIndex = DistrictIndex(plan.districts)
    }

    /// Runs every check; `previous` is the same district's earlier return, already checked.
    public func check(_ r: DistrictReturn, previous: CheckedReturn? = nil) -> CheckedReturn {
        var sink = FindingSink(file: r.file, sheet: r.formSheet)
        let named = FileNameIdentity(path: r.file, index: districtIndex)
        let (district, districtAgrees) = identifyDistrict(r, named, &sink)
        let (period, periodAgrees) = identifyPeriod(r, named, &sink)
        sink.district = district?.name
        let planChanged = r.meta["plan"].map { $0 != planFingerprint } ?? false
        if planChanged {
            sink.add(.returnPlanMismatch, .warning, cell: nil, "本表依据的分解任务与当前计划不一致（计划已调整）：已逐项核对目标，目标未变的任务照常计入，目标有变的任务单列")
        }
        if let format = r.meta["format"], format != TemplateLayout.formatVersion {
            sink.add(.returnTemplateVersion, .warning, cell: nil, "模板格式为\(format)，与当前版本\(TemplateLayout.formatVersion)不同")
        }
        checkHeader(r, period: period, &sink)
        var values: [String: Decimal] = [:]
        var statuses: [String: String] = [:]
        var remarks: [String: String] = [:]
        var points = r.points
        var schedule: (milestones: [String: Milestones], stated: [String: Milestones], missed: [String: [String]]) = ([:], [:], [:])
        if let district {
            let expected = TemplateRow.rows(for: district, in: plan)
            let matched = matchRows(r, expected, planChanged: planChanged, &sink)
            for (row, template) in matched {
                checkInputs(row, template, r, &sink, &values, &statuses)
                if let remark = row.cell(.remark)?.text, !remark.isEmpty { remarks[template.taskID] = remark }
            }
            points = checkPoints(r, expected, values: values, &sink)
            if let previous { checkAgainstPrevious(previous, values, matched, &sink) }
            if let sheet = r.milestoneSheet {
                var ms = FindingSink(file: r.file, sheet: sheet)
                ms.district = district.name
                schedule = checkMilestones(r, expected, statuses: statuses, period: period, previous: previous, &ms)
                sink.findings += ms.findings
            }
        }
        // An error in a task's row leaves out that figure, and only that one.
        var leftOut: [String: Finding] = [:]
        for f in sink.findings where f.severity == .error && f.sheet == r.formSheet {
            guard let task = f.task, leftOut[task] == nil else { continue }
            leftOut[task] = f
            values[task] = nil
        }
        return CheckedReturn(
            file: r.file, district: district, period: period, isAttributable: district != nil && period != nil && districtAgrees && periodAgrees,
            values: values, leftOut: leftOut, statuses: statuses, remarks: remarks, points: points, origin: r.meta["origin"],
            filler: r.header["填报人"].map(\.text).flatMap { $0.isEmpty ? nil : $0 },
            date: r.header["填报日期"].flatMap { ReturnChecker.isoDate($0, period: period) }, findings: sink.findings,
            milestones: schedule.milestones, statedMilestones: schedule.stated, missedSteps: schedule.missed)
    }

    // MARK: 时间节点

    /// Reads the 时间节点 sheet: each task's quarter figures and step dates. A figure or date that
    /// cannot be read, quarters that go down, or a 12月底 below the target are warnings, and that task's
    /// quarters are then not used (its pace is month ÷ 12); a change from the previous return is a
    /// warning with old and new; a step past its date that 进度状态 does not show done is a warning.
    private func checkMilestones(
        _ r: DistrictReturn, _ expected: [TemplateRow], statuses: [String: String], period: Period?, previous: CheckedReturn?, _ sink: inout FindingSink
    ) -> ([String: Milestones], [String: Milestones], [String: [String]]) {
        typealias M = TemplateLayout.MilestoneColumn
        var result: [String: Milestones] = [:]
        var statedByTask: [String: Milestones] = [:]
        var missed: [String: [String]] = [:]
        let rows = Dictionary(r.milestones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for template in expected where template.target != nil {
            guard let row = rows[template.taskID] else { continue }
            var m = Milestones()
            var usable = true
            for column in [M.march, .june, .september, .december] {
                switch InputParser.parse(row.cells[column], percentage: template.isPercentage, unit: template.unit) {
                case .missing: break
                case .value(let d, _): m.quarters[column.month!] = d
                case .rejected(_, let message):
                    sink.add(.returnMilestoneInvalid, .warning, task: template.taskID, cell: row.cells[column]?.reference, "\(column.label)：\(message)；本项按序时进度判断")
                    usable = false
                }
            }
            let stated = m.quarters.sorted { $0.key < $1.key }
            if usable, zip(stated, stated.dropFirst()).contains(where: { $0.value > $1.value }) {
                sink.add(.returnMilestoneInvalid, .warning, task: template.taskID, cell: row.cells[.march]?.reference,
                         "各季度末的累计数应逐季不减（" + stated.map { "\($0.key)月底 \(Quantity.format($0.value))" }.joined(separator: "，") + "）；本项按序时进度判断")
                usable = false
            }
            if usable, !m.quarters.isEmpty, m.quarters[12] == nil, let target = template.target {
                // Without 12月底 the last stated quarter would stand for the rest of the year: the target is due by then.
                m.quarters[12] = target
            }
            if usable, let december = m.quarters[12], let target = template.target, december < target {
                sink.add(.returnMilestoneInvalid, .warning, task: template.taskID, cell: row.cells[.december]?.reference,
                         "12月底安排\(Quantity.format(december))，低于目标\(Quantity.format(target))；本项按序时进度判断")
                usable = false
            }
            // What the district wrote, for comparing with its last return; what is used, for judging pace.
            var written = m
            if !usable { m.quarters = [:] }
            for column in [M.start, .structure, .inUse] {
                guard let cell = row.cells[column], !cell.isEmpty else { continue }
                // A date without its year is in the period's year (no December-to-January rollover here).
                if let date = ReturnChecker.isoDate(cell, period: period.map { Period(year: $0.year, month: 1) }).flatMap({ DateText.parse($0) }) {
                    m.steps[column.step!] = ExcelDateTime(year: date.0, month: date.1, day: date.2)
                } else {
                    sink.add(.returnMilestoneInvalid, .warning, task: template.taskID, cell: cell.reference, "\(column.label)日期“\(cell.text)”无法识别，请填写如 2021-06-30 的日期")
                }
            }
            written.steps = m.steps
            if let period {
                let late = m.missedSteps(by: period, status: statuses[template.taskID])
                for (step, text) in late {
                    let column = M.allCases.first { $0.step == step }
                    sink.add(.returnMilestoneMissed, .warning, task: template.taskID, cell: column.flatMap { row.cells[$0]?.reference }, text)
                }
                if !late.isEmpty { missed[template.taskID] = late.map(\.text) }
            }
            if let old = previous?.statedMilestones[template.taskID], !old.isEmpty {
                let changes = written.changes(from: old)
                if !changes.isEmpty {
                    let reason = row.cells[.remark].map(\.text).flatMap { $0.isEmpty ? nil : $0 }
                    sink.add(.returnMilestoneChanged, .warning, task: template.taskID, cell: row.cells[.june]?.reference,
                             changes.joined(separator: "；") + (reason.map { "（说明：\($0)）" } ?? "，未在“说明”中写明原因"))
                }
            }
            if !m.isEmpty { result[template.taskID] = m }
            if !written.isEmpty { statedByTask[template.taskID] = written }
        }
        return (result, statedByTask, missed)
    }

    /// A 填报日期 cell as `YYYY-MM-DD`: a date, a date serial, or text such as `2021-07-05`, `2021.7.5`,
    /// `20210705` or `7月5日` (the year of `period`, or the next year for a December period's January date).
    static func isoDate(_ cell: ReturnCell, period: Period? = nil) -> String? {
        switch cell.value {
        case .date(let d): return String(d.description.prefix(10))
        case .number(let n):
            // 20210705 typed as a number is a date written without separators, not a serial.
            if n >= 20_000_101, n <= 21_001_231, n == n.rounded(), let (y, m, d) = DateText.parse(String(Int(n)), period: period) {
                return String(format: "%04d-%02d-%02d", y, m, d)
            }
            return ExcelDateTime.fromSerial(n, date1904: false, duration: false).map { String($0.description.prefix(10)) }
        default:
            guard let (y, m, d) = DateText.parse(cell.text, period: period) else { return nil }
            return String(format: "%04d-%02d-%02d", y, m, d)
        }
    }

    // MARK: identity

    /// The district from the metadata, else the 填报单位 cell; every source that names one must agree.
    /// - Returns: the district, and whether the sources agree.
    private func identifyDistrict(_ r: DistrictReturn, _ named: FileNameIdentity, _ sink: inout FindingSink) -> (District?, Bool) {
        let cell = r.header["填报单位"]
        let fromMeta = r.meta["district"].flatMap { id in plan.districts.first { $0.id == id } }
        let cellText = cell?.text ?? ""
        let fromCell = cellText.isEmpty ? nil : districtIndex.match(cellText)
        guard let found = fromMeta ?? fromCell ?? named.district else {
            sink.add(.returnUnknownDistrict, .error, cell: cell?.reference, "无法确定填报单位：元数据、“填报单位”和文件名都没有可识别的县（市、区）名称")
            return (nil, false)
        }
        var agrees = true
        if !cellText.isEmpty, fromCell != found {
            sink.add(.returnLockedChanged, .error, cell: cell?.reference, "“填报单位”被改为“\(cellText)”，而本表是\(found.name)的模板；无法确定是哪个地区的报表，不予采用")
            agrees = false
        }
        if let fileDistrict = named.district, fileDistrict != found {
            sink.add(.returnFileNameMismatch, .error, cell: cell?.reference,
                     "文件名写的是\(fileDistrict.name)，而表内填报单位是\(found.name)（\(URL(fileURLWithPath: r.file).lastPathComponent)）；无法确定是哪个地区的报表，不予采用，请用本地区的模板重新填报")
            agrees = false
        }
        if let expected = expectedDistrict, expected != found {
            sink.add(.returnDistrictMismatch, .error, cell: cell?.reference, "本表是\(found.name)的报表，而应收到的是\(expected.name)的报表")
        }
        return (found, agrees)
    }

    /// The period from the metadata, else the 报送期 cell; the file name, where it names one, must agree.
    private func identifyPeriod(_ r: DistrictReturn, _ named: FileNameIdentity, _ sink: inout FindingSink) -> (Period?, Bool) {
        let cell = r.header["报送期"]
        let fromMeta = r.meta["period"].flatMap(Period.init)
        let fromCell = cell.flatMap { Period($0.text) }
        guard let period = fromMeta ?? fromCell ?? named.period else {
            sink.add(.returnUnknownPeriod, .warning, cell: cell?.reference, "无法确定报送期")
            return (nil, true)
        }
        var agrees = true
        if let fromCell, fromCell != period {
            sink.add(.returnLockedChanged, .error, cell: cell?.reference, "“报送期”被改为\(fromCell.chinese)，而本表是\(period.chinese)的模板；不予采用")
            agrees = false
        }
        if let filePeriod = named.period, filePeriod != period {
            sink.add(.returnFileNameMismatch, .error, cell: cell?.reference,
                     "文件名写的报送期是\(filePeriod.chinese)，而表内报送期是\(period.chinese)；无法确定是哪一期的报表，不予采用")
            agrees = false
        }
        if let expected = expectedPeriod, expected != period {
            sink.add(.returnPeriodMismatch, .error, cell: cell?.reference, "本表报送期为\(period.chinese)，而本轮报送期为\(expected.chinese)")
        }
        return (period, agrees)
    }

    private func checkHeader(_ r: DistrictReturn, period: Period?, _ sink: inout FindingSink) {
        func cell(_ label: String) -> CellReference? {
            r.header[label]?.reference ?? r.headerLabels[label].map { CellReference(row: $0.row, column: $0.column + 1) }
        }
        if r.header["填报人"]?.isEmpty ?? true { sink.add(.returnMissingFiller, .error, cell: cell("填报人"), "未填写填报人") }
        if r.header["联系电话"]?.isEmpty ?? true { sink.add(.returnMissingPhone, .warning, cell: cell("联系电话"), "未填写联系电话") }
        if let date = r.header["填报日期"], !date.isEmpty {
            if let iso = ReturnChecker.isoDate(date, period: period) {
                let typed: Bool = { if case .date = date.value { return false } else { return true } }()
                if typed && date.text != iso {
                    sink.add(.returnDateNormalised, .warning, cell: date.reference, "填报日期“\(date.text)”已按\(iso)读取，请填写日期")
                }
            } else {
                // A header problem never leaves out figures: the date is reported and nothing else happens.
                sink.add(.returnBadDate, .error, cell: date.reference, "填报日期“\(date.text)”不是日期，请按2021-07-05的格式填写")
            }
        } else {
            sink.add(.returnMissingDate, .error, cell: cell("填报日期"), "未填写填报日期")
        }
    }

    // MARK: rows

    /// Pairs the return's rows with the template's; reports deleted, inserted, copied, reordered and altered rows.
    private func matchRows(_ r: DistrictReturn, _ expected: [TemplateRow], planChanged: Bool, _ sink: inout FindingSink) -> [(ReturnRow, TemplateRow)] {
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
            checkLocked(row, template, planChanged: planChanged, &sink)
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

    private func checkLocked(_ row: ReturnRow, _ t: TemplateRow, planChanged: Bool, _ sink: inout FindingSink) {
        let cell = row.cell(.target)
        // Targets are compared by value, whatever form they take: a number, a percentage, or text such as
        // "100%" in a return rebuilt from CSV.
        var written: Decimal?
        if case .value(let d, _) = InputParser.parse(cell, percentage: t.isPercentage, unit: t.unit) { written = d }
        if let target = t.target, written != target {
            let unit = t.isPercentage ? "%" : ""
            let now = written.map { Quantity.format($0) + unit } ?? cell.map { $0.isEmpty ? "空白" : $0.text } ?? "空白"
            sink.add(.returnTargetChanged, .error, task: t.taskID, cell: cell?.reference, planChanged
                ? "计划已调整：本表目标为\(now)，现行计划为\(Quantity.format(target))\(unit)；该项不予计入，请用新下发的模板重新填报"
                : "目标被改动：应为\(Quantity.format(target))\(unit)，现为\(now)")
        }
        if let text = row.cell(.task)?.text, !TextNormalizer.compactEqual(text, t.text) {
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
        if let done, t.isPercentage, done > 100 {
            sink.add(.returnValueImplausible, .error, task: t.taskID, cell: doneCell?.reference,
                     "累计完成\(Quantity.format(done))%超过100%，不是合理的百分数，请核实")
        } else if let done, let target = t.target, done > target {
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

    /// Checks every project site. - Returns: the sites without an error in their row.
    private func checkPoints(_ r: DistrictReturn, _ expected: [TemplateRow], values: [String: Decimal], _ sink: inout FindingSink) -> [ReturnPoint] {
        let bounds = SiteBounds.of(plan)
        guard let sheet = r.pointsSheet else { return r.points }
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
                if !bounds.contains(longitude: lon, latitude: lat) {
                    let swapped = bounds.contains(longitude: lat, latitude: lon)
                    points.add(.returnPointOutside, .error, task: id.isEmpty ? nil : id, cell: p.cells[.longitude]?.reference,
                               "坐标（\(lon), \(lat)）不在\(bounds.name)范围内" + (swapped ? "，经度和纬度可能填反了" : ""))
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
        let badRows = Set(points.findings.filter { $0.severity == .error }.compactMap { $0.cell.flatMap(CellReference.init)?.row })
        sink.findings += points.findings
        return r.points.filter { !badRows.contains($0.row) }
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
            sink.add(.returnDecreased, .error, task: t.taskID, cell: row.cell(.done)?.reference,
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

/// Dates typed as text: `2021-07-05`, `2021/7/5`, `2021年7月5日`, `2021.7.5`, `20210705`, and `7月5日`
/// (whose year is the period's, or the next year's for a January date in a December round).
enum DateText {
    static func parse(_ text: String, period: Period? = nil) -> (Int, Int, Int)? {
        let half = TextNormalizer.halfWidth(text).trimmingCharacters(in: .whitespaces)
        let parts = half.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        var ymd: (Int, Int, Int)?
        if parts.count == 3 {
            ymd = (parts[0], parts[1], parts[2])
        } else if parts.count == 1, half.count == 8, half.allSatisfy(\.isNumber), let n = Int(half) {
            ymd = (n / 10000, n / 100 % 100, n % 100)
        } else if parts.count == 2, half.contains("月"), let period {
            let year = period.month == 12 && parts[0] == 1 ? period.year + 1 : period.year
            ymd = (year, parts[0], parts[1])
        }
        guard let (y, m, d) = ymd, (2000...2100).contains(y), (1...12).contains(m), (1...daysIn(y, m)).contains(d) else { return nil }
        return (y, m, d)
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// The district and period a file's name states, such as `民生实事填报_南湖区_2021-07（更正）.xlsx`; nil
/// where the name states none, or more than one district.
struct FileNameIdentity {
    var district: District?
    var period: Period?

    init(district: District?, period: Period?) {
        self.district = district
        self.period = period
    }

    /// The district and period a file's name states: the district when exactly one district's name occurs in it.
    init(path: String, index: DistrictIndex) {
        let base = FileNameIdentity.baseName(path)
        let named = index.named(in: base)
        district = named.count == 1 ? named[0] : nil
        let half = TextNormalizer.halfWidth(base)
        let whole = NSRange(half.startIndex..., in: half)
        if let match = FileNameIdentity.periodPattern.firstMatch(in: half, range: whole), let range = Range(match.range, in: half) {
            period = Period(String(half[range]))
        }
    }

    /// A year and month as file names write them: 2021年6月, 2021-06, 202106.
    private static let periodPattern = try! NSRegularExpression(pattern: #"20\d\d(年|[-_.])?(0?[1-9]|1[0-2])(月|(?!\d))"#)

    /// The file's name without its folder and its extension (`南湖区.xlsx` → `南湖区`).
    static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
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
