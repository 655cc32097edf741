import Foundation
import XLSXCore

/// Checks every return of a round and adds up the valid ones.
public struct Consolidator: Sendable {
    public var plan: Plan
    public var period: Period
    public var generatedAt: String
    /// How many returns are checked at once; 0 uses every core.
    public var workers = 0

    public init(plan: Plan, period: Period, generatedAt: String) {
        self.plan = plan
        self.period = period
        self.generatedAt = generatedAt
    }

    /// A file handed in: a path, and why it is skipped when it is (an office lock file or a hidden file).
    public struct SubmittedFile: Sendable, Hashable {
        public var path: String
        public var skipReason: String?
        /// The district that handed the file in, where that is known for certain (the web desk's district
        /// link): the file must be that district's return, and its name is not looked at.
        public var handedInBy: District?
        /// The order the file was received in, where it is known: a later one replaces an earlier one of the
        /// same district whatever their 填报日期.
        public var received: Int?
        /// How the summary names the file where its path does not (a stored upload): its record and the
        /// messages that mention it.
        public var name: String?

        public init(path: String, skipReason: String? = nil, handedInBy: District? = nil, received: Int? = nil, name: String? = nil) {
            self.path = path
            self.skipReason = skipReason
            self.handedInBy = handedInBy
            self.received = received
            self.name = name
        }

        /// The name, or the path's last component.
        public var displayName: String { name ?? URL(fileURLWithPath: path).lastPathComponent }
    }

    /// Every regular file of the given files and folders (folders one level deep), sorted within each
    /// folder; office lock files (`~$…`) and hidden files are listed too, marked to be skipped.
    /// - Throws: `DomainError` when an input does not exist or a folder cannot be listed.
    public static func expand(_ inputs: [String]) throws -> [SubmittedFile] {
        var files: [SubmittedFile] = []
        func add(_ path: String) {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let skip = name.hasPrefix("~$") ? "Office 的临时锁定文件" : name.hasPrefix(".") ? "隐藏文件" : nil
            files.append(SubmittedFile(path: path, skipReason: skip))
        }
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw DomainError(
                    file: input, message: "the file or folder does not exist", hint: "check the path", zh: "文件或文件夹不存在",
                    zhHint: "请检查文件名和路径")
            }
            guard isDirectory.boolValue else {
                add(input)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: input)
            } catch {
                throw DomainError(
                    file: input, message: "cannot list the folder: \(error.localizedDescription)",
                    zh: "无法读取文件夹内容：\(DomainError.chineseReason(error))", zhHint: "请检查是否有该文件夹的读取权限")
            }
            for name in names.sorted() {
                let path = URL(fileURLWithPath: input).appendingPathComponent(name).path
                var sub: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue { add(path) }
            }
        }
        return files
    }

    /// Checks every file on all cores, then adds up.
    /// - Parameters:
    ///   - files: what `expand` found.
    ///   - previous: last round's figures by district id and task id (表间审核), when given.
    ///   - progress: called after each file with (done, total); from any thread.
    public func run(files: [SubmittedFile], previous: [String: [String: Decimal]] = [:], progress: (@Sendable (Int, Int) -> Void)? = nil) -> Consolidation {
        let checker = ReturnChecker(plan: plan, expectedPeriod: period)
        let counter = Locked(0)
        let toRead = files.indices.filter { files[$0].skipReason == nil }
        let lanes = workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount
        let results = concurrentMap(toRead.count, lanes: lanes) { k in
            let result = Result<CheckedReturn, Error> { try Consolidator.check(files[toRead[k]], with: checker) }
            let done = counter.withLock { n -> Int in
                n += 1
                return n
            }
            progress?(done, toRead.count)
            return result
        }
        var checked: [Result<CheckedReturn, Error>?] = Array(repeating: nil, count: files.count)
        for (k, i) in toRead.enumerated() { checked[i] = results[k] }
        return add(files: files, checked: checked, previous: previous)
    }

    /// Checks one file; a file handed in by a known district must be that district's return, or it counts for nobody.
    /// - Throws: the reader's error when the file cannot be read.
    public static func check(_ file: SubmittedFile, with checker: ReturnChecker) throws -> CheckedReturn {
        guard let by = file.handedInBy else { return checker.check(try DistrictReturn.read(path: file.path)) }
        var own = checker
        own.expectedDistrict = by
        var r = own.check(try DistrictReturn.read(path: file.path))
        if r.district != by { r.isAttributable = false }
        return r
    }

    /// Adds up files already checked (`checked[i]` is `files[i]` checked with `Consolidator.check`, nil for a
    /// skipped file): what `run` does after checking, for a caller that keeps check results (the web desk).
    public func consolidate(files: [SubmittedFile], checked: [Result<CheckedReturn, Error>?], previous: [String: [String: Decimal]] = [:]) -> Consolidation {
        add(files: files, checked: checked, previous: previous)
    }

    /// Whether a return that could be read counts for this round: used, or why not (it cannot be attributed to
    /// one district and period, or it is another period's).
    public func judge(_ r: CheckedReturn) -> (ReturnRecord.Outcome, String?) {
        if !r.isAttributable {
            let codes: Set<FindingCode> = [.returnFileNameMismatch, .returnLockedChanged, .returnDistrictMismatch, .returnUnknownDistrict, .returnUnknownPeriod]
            return (.unattributable, r.findings.first { codes.contains($0.code) }?.message)
        }
        if let p = r.period, p != period { return (.otherPeriod, "本表报送期为\(p.chinese)") }
        return (.used, nil)
    }

    /// The finding of a file that could not be read, and the reason it gives.
    public static func unreadable(_ name: String, _ error: Error, district: District?) -> (finding: Finding, reason: String) {
        let reason = unreadableReason(name, error)
        return (Finding(code: .consolidateUnreadable, severity: .error, district: district?.name, file: name, message: "收到但无法读取：\(reason)"), reason)
    }

    func add(files: [SubmittedFile], checked: [Result<CheckedReturn, Error>?], previous: [String: [String: Decimal]] = [:]) -> Consolidation {
        // A file with a name of its own is called by it everywhere the summary mentions it.
        let checked = checked.enumerated().map { i, c in files[i].name.map { name in c?.map { $0.renamed(name) } } ?? c }
        var records: [ReturnRecord] = []
        var candidates: [String: [Int]] = [:]
        let index = DistrictIndex(plan.districts)
        var findings: [Finding] = []
        for (i, file) in files.enumerated() {
            var named = FileNameIdentity(path: file.path, index: index)
            if let by = file.handedInBy { named = FileNameIdentity(district: by, period: nil) }
            let shown = file.name ?? file.path
            switch checked[i] {
            case nil:
                records.append(ReturnRecord(file: shown, district: nil, period: nil, outcome: .skipped, errors: 0, warnings: 0, reason: file.skipReason))
            case .failure(let error)?:
                let finding = Consolidator.unreadable(shown, error, district: named.district)
                records.append(ReturnRecord(file: shown, district: named.district, period: named.period, outcome: .unreadable, errors: 1, warnings: 0, reason: finding.reason, namedDistrict: named.district))
                findings.append(finding.finding)
            case .success(let r)?:
                let errors = r.findings.filter { $0.severity == .error }.count
                let (outcome, reason) = judge(r)
                records.append(ReturnRecord(
                    file: r.file, district: file.handedInBy ?? r.district, period: r.period, outcome: outcome, filler: r.filler, date: r.date, errors: errors,
                    warnings: r.findings.count - errors, leftOut: r.leftOut.count, reason: reason, namedDistrict: named.district))
                // A district's own return and a lead department's import are candidates of their own.
                if outcome == .used, let d = r.district { candidates[(r.origin == "import" ? "import:" : "") + d.id, default: []].append(i) }
            }
        }
        var chosen: [String: CheckedReturn] = [:]
        for d in plan.districts {
          for group in [d.id, "import:" + d.id] {
            guard var indexes = candidates[group] else { continue }
            // The later submission wins: received later where the order is known, else later 填报日期, then
            // later modification time, then later name.
            indexes.sort { a, b in
                if let ka = files[a].received, let kb = files[b].received { return ka < kb }
                guard case .success(let ra)? = checked[a], case .success(let rb)? = checked[b] else { return false }
                return Consolidator.isLater((files[b].path, rb.date), than: (files[a].path, ra.date))
            }
            let keep = indexes.last!
            for drop in indexes.dropLast() {
                records[drop].outcome = .superseded
                findings.append(Finding(
                    code: .consolidateDuplicateReturn, severity: .warning, district: d.name, file: files[drop].name ?? files[drop].path,
                    message: "\(d.name)本期报送了\(indexes.count)份报表，采用后报的\(files[keep].displayName)"))
            }
            if case .success(let r)? = checked[keep] { chosen[group] = r }
          }
        }
        // Every finding of every file that was not replaced by a later one (an import's list of tasks not
        // yet imported says nothing where the district's own return is there).
        for (i, result) in checked.enumerated() where records[i].outcome != .superseded {
            guard case .success(let r)? = result else { continue }
            let merged = r.origin == "import" && r.district.map { chosen[$0.id] != nil } == true
            findings += merged ? r.findings.filter { $0.code != .returnNotYetImported } : r.findings
        }
        // A district's own figure counts; a lead department's fills a task the district left empty.
        for d in plan.districts {
            guard let lead = chosen.removeValue(forKey: "import:" + d.id) else { continue }
            let (merged, differences) = Consolidator.merge(own: chosen[d.id], lead: lead, district: d)
            chosen[d.id] = merged
            findings += differences
        }
        let unreadable = Set(records.filter { $0.outcome == .unreadable }.compactMap(\.district?.id))
        let unattributed = Set(records.filter { $0.outcome == .unattributable }.compactMap(\.namedDistrict?.id))
        for d in plan.districts where chosen[d.id] == nil && !unreadable.contains(d.id) && !unattributed.contains(d.id) {
            findings.append(Finding(code: .consolidateMissingReturn, severity: .warning, district: d.name, message: "\(d.name)未报送\(period.chinese)报表"))
        }
        // 表间审核: a figure lower than last round's is an error, and that figure is left out.
        for (id, task, f) in Consolidator.decreases(chosen, previous: previous, plan: plan) {
            findings.append(f)
            chosen[id]?.values[task] = nil
            chosen[id]?.leftOut[task] = f
        }
        for (id, r) in chosen where !r.leftOut.isEmpty {
            let d = plan.districts.first { $0.id == id }!
            findings.append(Finding(
                code: .consolidateExcluded, severity: .warning, district: d.name, file: r.file,
                message: "\(d.name)有\(r.leftOut.count)项数据有误未计入（\(r.leftOut.keys.sorted().joined(separator: "、"))），其余数据已计入；修改后重新报送"))
        }
        let tasks = summarise(chosen, unreadable: unreadable.subtracting(chosen.keys), unattributed: unattributed.subtracting(chosen.keys), previous: previous)
        var sites: [ProjectSite] = []
        for d in plan.districts {
            guard let r = chosen[d.id] else { continue }
            for p in r.points {
                func number(_ c: TemplateLayout.PointColumn) -> Double? {
                    if case .number(let n)? = p.cells[c]?.value { return n }
                    return Double(TextNormalizer.compact(p.text(c)))
                }
                sites.append(ProjectSite(
                    district: d, taskID: TextNormalizer.compact(p.text(.id)), name: p.text(.name), address: p.text(.address),
                    longitude: number(.longitude), latitude: number(.latitude), status: p.text(.status), remark: p.text(.remark), file: r.file))
            }
        }
        return Consolidation(
            plan: plan, period: period, pace: period.elapsedShare, generatedAt: generatedAt, records: records, tasks: tasks,
            findings: findings, sites: sites, hasPrevious: !previous.isEmpty)
    }

    /// Last round's accepted figures, by district id and task id: from its summary workbook or JSON, or by checking
    /// its folder of returns for the month before this round.
    /// - Throws: `DomainError` when the file is neither.
    public func previousFigures(from path: String) throws -> [String: [String: Decimal]] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let before = period.month == 1 ? Period(year: period.year - 1, month: 12) : Period(year: period.year, month: period.month - 1)
        if isDirectory.boolValue {
            let earlier = Consolidator(plan: plan, period: before, generatedAt: generatedAt).run(files: try Consolidator.expand([path]))
            var figures: [String: [String: Decimal]] = Dictionary(uniqueKeysWithValues: plan.districts.map { ($0.id, [:]) })
            for t in earlier.tasks {
                for f in t.districts { if let done = f.done, figures[f.district.id]?[t.task.id] == nil { figures[f.district.id]?[t.task.id] = done } }
            }
            return figures
        }
        let (p, figures) = ["xlsx", "xlsm"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
            ? try ConsolidatedWorkbook.previousFigures(path: path, plan: plan)
            : try ConsolidationExport.previousFigures(json: Data(contentsOf: URL(fileURLWithPath: path)), file: path, plan: plan)
        if let p, p >= period {
            throw DomainError(
                file: path, message: "the previous summary is for \(p), not before \(period)",
                zh: "上期汇总的报送期是\(p.chinese)，不早于本期\(period.chinese)", zhHint: "请给出上一期的汇总数据")
        }
        return figures
    }

    /// The district's own return with a lead department's figures filling the tasks it left empty.
    /// - Returns: the merged return, and a finding for each task where both have a figure and they differ.
    static func merge(own: CheckedReturn?, lead: CheckedReturn, district: District) -> (CheckedReturn, [Finding]) {
        guard var merged = own else {
            var all = lead
            for task in lead.values.keys { all.fromLeadDepartment[task] = lead.file }
            return (all, [])
        }
        var findings: [Finding] = []
        let leadName = URL(fileURLWithPath: lead.file).lastPathComponent, ownName = URL(fileURLWithPath: merged.file).lastPathComponent
        for (task, value) in lead.values.sorted(by: { $0.key < $1.key }) {
            if let mine = merged.values[task] {
                if mine != value {
                    findings.append(Finding(
                        code: .consolidateSourcesDiffer, severity: .warning, task: task, district: district.name, file: merged.file,
                        message: "\(district.name)任务\(task)：本地区报表（\(ownName)）为\(Quantity.format(mine))，牵头单位（\(leadName)）为\(Quantity.format(value))；按本地区报表计入，请核实"))
                }
                continue
            }
            // Filled only where the district left the cell empty; a figure left out for an error stays out.
            guard merged.leftOut[task].map({ $0.code == .returnMissingValue }) ?? true else { continue }
            merged.values[task] = value
            merged.leftOut[task] = nil
            merged.fromLeadDepartment[task] = lead.file
            if merged.remarks[task] == nil { merged.remarks[task] = lead.remarks[task] }
        }
        return (merged, findings)
    }

    /// Why a file could not be read, in Chinese: documents that are not spreadsheets are named as such.
    /// - Parameter path: the file's path or the name it was handed in under (its extension is looked at).
    public static func unreadableReason(_ path: String, _ error: Error) -> String {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let documents = ["pdf": "PDF 文档", "doc": "Word 文档", "docx": "Word 文档", "wps": "WPS 文字文档"]
        if let kind = documents[ext] {
            return "\(kind)不是报表，请报送 Excel、WPS 表格或 OpenDocument 工作簿"
        }
        return (error as? ChineseDescribable)?.chineseReason ?? DomainError.chineseReason(error)
    }

    /// 表间审核 across the round: a cumulative figure lower than last round's is an error with both figures.
    /// - Returns: the district id, the task id and the finding of each figure that went down.
    static func decreases(_ chosen: [String: CheckedReturn], previous: [String: [String: Decimal]], plan: Plan) -> [(String, String, Finding)] {
        var out: [(String, String, Finding)] = []
        for d in plan.districts {
            guard let r = chosen[d.id], let before = previous[d.id] else { continue }
            for (task, now) in r.values.sorted(by: { $0.key < $1.key }) {
                guard let was = before[task], now < was else { continue }
                out.append((d.id, task, Finding(
                    code: .returnDecreased, severity: .error, task: task, district: d.name, file: r.file,
                    message: "\(d.name)任务\(task)的累计完成由上期的\(Quantity.format(was))减少为\(Quantity.format(now))，累计数不应减少，请核实")))
            }
        }
        return out
    }

    static func isLater(_ a: (file: String, date: String?), than b: (file: String, date: String?)) -> Bool {
        if let da = a.date, let db = b.date, da != db { return da > db }
        return isLater(a.file, than: b.file)
    }

    static func isLater(_ a: String, than b: String) -> Bool {
        let fm = FileManager.default
        let ma = (try? fm.attributesOfItem(atPath: a)[.modificationDate] as? Date) ?? .distantPast
        let mb = (try? fm.attributesOfItem(atPath: b)[.modificationDate] as? Date) ?? .distantPast
        return ma != mb ? ma > mb : a > b
    }

    func summarise(_ returns: [String: CheckedReturn], unreadable: Set<String> = [], unattributed: Set<String> = [], previous: [String: [String: Decimal]] = [:]) -> [TaskSummary] {
        // Tasks are summed up independently, on every core (workers): with a thousand districts, each
        // task is a thousand figures of decimal arithmetic, and this is the round's serial tail.
        let tasks = plan.tasks
        let cores = workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount
        return concurrentMap(tasks.count, lanes: cores) { i in
            summary(of: tasks[i], returns, unreadable: unreadable, unattributed: unattributed, previous: previous)
        }.compactMap { $0 }
    }

    /// One task's figures in every district it is assigned to, and its 全市 total; nil for a task assigned to none.
    private func summary(
        of task: PlanTask, _ returns: [String: CheckedReturn], unreadable: Set<String>, unattributed: Set<String>, previous: [String: [String: Decimal]]
    ) -> TaskSummary? {
        let pace = period.elapsedShare
        let rows = plan.districts.compactMap { d in TemplateRow.row(for: task, district: d).map { (d, $0) } }
        guard !rows.isEmpty else { return nil }
        let isPercentage = rows.contains { $0.1.isPercentage }
        let figures = rows.map { d, row -> DistrictFigure in
            let r = returns[d.id]
            let done = r?.values[task.id]
            let leftOut = r?.leftOut[task.id]
            var rate: Double?
            if let t = row.target, t > 0, let done { rate = done.ratio(over: t) }
            // The district's own schedule where it gave one for the task, else month ÷ 12.
            var districtPace = pace
            let due = r?.milestones[task.id]?.due(month: period.month)
            if let due, let t = row.target, t > 0 { districtPace = min(due.ratio(over: t), 1) }
            let status: ProgressStatus =
                row.target == nil ? .notJudged
                : leftOut != nil ? .excluded
                : r == nil ? (unreadable.contains(d.id) ? .unreadable : unattributed.contains(d.id) ? .unattributable : .missing)
                : rate.map { Consolidator.status(rate: $0, pace: districtPace) } ?? .missing
            return DistrictFigure(
                district: d, target: row.target, done: done, statusText: r?.statuses[task.id], rate: rate, status: status,
                light: TrafficLight(rate: rate, pace: districtPace), leftOutBecause: leftOut, remark: r?.remarks[task.id],
                previous: previous[d.id]?[task.id], fromLeadDepartment: r?.fromLeadDepartment[task.id],
                pace: districtPace, bySchedule: due != nil && row.target != nil, missedSteps: r?.missedSteps[task.id] ?? [])
        }
        let judged = figures.filter { $0.target != nil }
        let counted = judged.filter { $0.done != nil }
        let reported = figures.compactMap(\.done)
        var done: Decimal?
        if !reported.isEmpty {
            let sum = reported.reduce(0, +)
            done = isPercentage ? sum / Decimal(reported.count) : sum
        }
        var countedTarget: Decimal?
        if !counted.isEmpty {
            let sum = counted.compactMap(\.target).reduce(0, +)
            countedTarget = isPercentage ? sum / Decimal(counted.count) : sum
        }
        let target = task.total.value
        var rate: Double?, countedRate: Double?
        if let target, target > 0, let done { rate = done.ratio(over: target) }
        if let countedTarget, countedTarget > 0, let done { countedRate = done.ratio(over: countedTarget) }
        let complete = counted.count == judged.count
        let status: ProgressStatus =
            target == nil ? .notJudged : !complete && !judged.isEmpty ? .incomplete
            : rate.map { Consolidator.status(rate: $0, pace: pace) } ?? .missing
        return TaskSummary(
            task: task, districts: figures, target: target, done: done, rate: rate, status: status,
            light: complete ? TrafficLight(rate: rate, pace: pace) : .none, isPercentage: isPercentage, unit: rows.first?.1.unit ?? "",
            counted: counted.count, assigned: judged.count, countedTarget: countedTarget, countedRate: countedRate)
    }

    /// 提前/超额完成 at or above the target, 正常推进 within 10 points of the pace, else 推进缓慢.
    static func status(rate: Double, pace: Double) -> ProgressStatus {
        rate >= 1 ? .ahead : pace - rate <= 0.10 ? .onPace : .slow
    }
}

extension Decimal {
    var double: Double { NSDecimalNumber(decimal: self).doubleValue }

    /// `self ÷ divisor` as a Double, as rates are kept. Whole numbers below 2⁵³ (counts, and most targets)
    /// are exact as Doubles, so their quotient is one correctly rounded division; other figures are divided
    /// as Decimals first. Decimal division takes microseconds, and a round of a thousand districts has
    /// sixty thousand rates.
    func ratio(over divisor: Decimal) -> Double {
        if exponent >= 0, divisor.exponent >= 0 {
            let a = double, b = divisor.double
            if a.magnitude < 0x1p53, b.magnitude < 0x1p53 { return a / b }
        }
        return (self / divisor).double
    }
}
