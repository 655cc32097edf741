import Foundation
import Synchronization
import XLSXCore

/// Checks every return of a round and adds up the valid ones.
public struct Consolidator: Sendable {
    public var plan: Plan
    public var period: Period
    /// Count returns with error-level findings too.
    public var includeInvalid = false
    public var generatedAt: String
    /// How many returns are checked at once; 0 uses every core.
    public var workers = 0

    public init(plan: Plan, period: Period, generatedAt: String) {
        self.plan = plan
        self.period = period
        self.generatedAt = generatedAt
    }

    /// The `.xlsx` files of the given files and folders (folders one level deep, hidden and lock files skipped), sorted.
    public static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw DomainError(
                    file: input, message: "the file or folder does not exist", hint: "check the path", zh: "文件或文件夹不存在",
                    zhHint: "请检查文件名和路径")
            }
            if isDirectory.boolValue {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: input)
                } catch {
                    throw DomainError(
                        file: input, message: "cannot list the folder: \(error.localizedDescription)",
                        zh: "无法读取文件夹内容：\(DomainError.chineseReason(error))", zhHint: "请检查是否有该文件夹的读取权限")
                }
                files += names.filter { ($0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm")) && !$0.hasPrefix(".") && !$0.hasPrefix("~$") }
                    .sorted().map { URL(fileURLWithPath: input).appendingPathComponent($0).path }
            } else {
                files.append(input)
            }
        }
        return files
    }

    /// Checks every file on all cores, then adds up.
    /// - Parameter progress: called after each file with (done, total); from any thread.
    public func run(files: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) -> Consolidation {
        let checker = ReturnChecker(plan: plan, expectedPeriod: period)
        let results = Mutex<[Int: Result<CheckedReturn, Error>]>([:])
        let counter = Mutex(0)
        let lanes = workers > 0 ? min(workers, max(files.count, 1)) : max(files.count, 1)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for i in stride(from: lane, to: files.count, by: lanes) {
                let result = Result { try checker.check(DistrictReturn.read(path: files[i])) }
                results.withLock { $0[i] = result }
                let done = counter.withLock { n -> Int in
                    n += 1
                    return n
                }
                progress?(done, files.count)
            }
        }
        let checked = results.withLock { r in files.indices.map { r[$0]! } }
        return add(files: files, checked: checked)
    }

    func add(files: [String], checked: [Result<CheckedReturn, Error>]) -> Consolidation {
        var records: [ReturnRecord] = []
        var candidates: [String: [Int]] = [:]
        for (i, result) in checked.enumerated() {
            switch result {
            case .failure:
                records.append(ReturnRecord(file: files[i], district: nil, period: nil, outcome: .unreadable, errors: 1, warnings: 0))
            case .success(let r):
                let errors = r.findings.filter { $0.severity == .error }.count
                var outcome: ReturnRecord.Outcome = r.isValid ? .used : includeInvalid ? .includedInvalid : .invalid
                if let p = r.period, p != period { outcome = .otherPeriod }
                records.append(ReturnRecord(
                    file: r.file, district: r.district, period: r.period, outcome: outcome, filler: r.filler, date: r.date, errors: errors,
                    warnings: r.findings.count - errors))
                if outcome != .otherPeriod, let d = r.district { candidates[d.id, default: []].append(i) }
            }
        }
        var findings: [Finding] = []
        var chosen: [String: (index: Int, ret: CheckedReturn)] = [:]
        var excluded: Set<String> = []
        for d in plan.districts {
            guard var indexes = candidates[d.id] else { continue }
            // The later submission wins: later 填报日期, then later modification time, then later name.
            indexes.sort { a, b in
                guard case .success(let ra) = checked[a], case .success(let rb) = checked[b] else { return false }
                return Consolidator.isLater((files[b], rb.date), than: (files[a], ra.date))
            }
            let keep = indexes.last!
            for drop in indexes.dropLast() {
                records[drop].outcome = .superseded
                findings.append(Finding(
                    code: .consolidateDuplicateReturn, severity: .warning, district: d.name, file: files[drop],
                    message: "\(d.name)本期报送了\(indexes.count)份报表，采用后报的\(URL(fileURLWithPath: files[keep]).lastPathComponent)"))
            }
            guard case .success(let r) = checked[keep] else { continue }
            if records[keep].outcome == .invalid {
                excluded.insert(d.id)
                findings.append(Finding(
                    code: .consolidateExcluded, severity: .warning, district: d.name, file: files[keep],
                    message: "\(d.name)的报表有\(records[keep].errors)条强制性错误，未计入汇总；修改后重新报送"))
            } else {
                chosen[d.id] = (keep, r)
            }
        }
        // Every finding of every file that was not replaced by a later one.
        for (i, result) in checked.enumerated() where records[i].outcome != .superseded {
            switch result {
            case .success(let r): findings += r.findings
            case .failure(let error):
                let reason = (error as? ChineseDescribable)?.chineseDescription ?? DomainError.chineseReason(error)
                findings.append(Finding(code: .consolidateUnreadable, severity: .error, file: files[i], message: "无法读取：\(reason)"))
            }
        }
        for d in plan.districts where candidates[d.id] == nil {
            findings.append(Finding(code: .consolidateMissingReturn, severity: .warning, district: d.name, message: "\(d.name)未报送\(period.chinese)报表"))
        }
        let returns = chosen.mapValues(\.ret)
        let tasks = summarise(returns, excluded: excluded)
        var sites: [ProjectSite] = []
        for d in plan.districts {
            guard let r = returns[d.id] else { continue }
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
            findings: findings, sites: sites)
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

    func summarise(_ returns: [String: CheckedReturn], excluded: Set<String> = []) -> [TaskSummary] {
        let pace = period.elapsedShare
        return plan.tasks.compactMap { task in
            let rows = plan.districts.compactMap { d in TemplateRow.row(for: task, district: d).map { (d, $0) } }
            guard !rows.isEmpty else { return nil }
            let isPercentage = rows.contains { $0.1.isPercentage }
            let figures = rows.map { d, row -> DistrictFigure in
                let r = returns[d.id]
                let done = r?.values[task.id]
                var rate: Double?
                if let t = row.target, t > 0, let done { rate = (done / t).double }
                let status: ProgressStatus =
                    row.target == nil ? .notJudged : excluded.contains(d.id) ? .excluded
                    : r == nil ? .missing : rate.map { Consolidator.status(rate: $0, pace: pace) } ?? .missing
                return DistrictFigure(
                    district: d, target: row.target, done: done, statusText: r?.statuses[task.id], rate: rate, status: status,
                    light: TrafficLight(rate: rate, pace: pace))
            }
            let reported = figures.compactMap(\.done)
            var done: Decimal?
            if !reported.isEmpty {
                let sum = reported.reduce(0, +)
                done = isPercentage ? sum / Decimal(reported.count) : sum
            }
            let target = task.total.value
            var rate: Double?
            if let target, target > 0, let done { rate = (done / target).double }
            let status: ProgressStatus = target == nil ? .notJudged : rate.map { Consolidator.status(rate: $0, pace: pace) } ?? .missing
            return TaskSummary(
                task: task, districts: figures, target: target, done: done, rate: rate, status: status, light: TrafficLight(rate: rate, pace: pace),
                isPercentage: isPercentage, unit: rows.first?.1.unit ?? "")
        }
    }

    /// 提前/超额完成 at or above the target, 正常推进 within 10 points of the pace, else 推进缓慢.
    static func status(rate: Double, pace: Double) -> ProgressStatus {
        rate >= 1 ? .ahead : pace - rate <= 0.10 ? .onPace : .slow
    }
}

extension Decimal {
    var double: Double { NSDecimalNumber(decimal: self).doubleValue }
}
