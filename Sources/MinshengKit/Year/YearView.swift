import Foundation
import XLSXCore

/// A year's rounds side by side: every task's cumulative figure by month for each district and for
/// 全市, the month's increase, when it was completed, and how the districts stand for 督查 and 年度考核.
///
/// A month without a round, or a district without a figure in it, is missing: never interpolated.
public struct YearView: Sendable {
    /// One task in one district (or 全市, `district` nil): figures by month 1…12.
    public struct Line: Sendable {
        public var task: PlanTask
        public var district: District?
        public var target: Decimal?
        public var isPercentage: Bool
        /// 累计完成 by month (index 0 is January); nil where missing.
        public var cumulative: [Decimal?]
        /// The month's increase: this month's figure less last month's, where both exist.
        public var increase: [Decimal?] {
            (0..<12).map { m in
                guard let now = cumulative[m] else { return nil }
                if m == 0 { return isPercentage ? nil : now }
                return cumulative[m - 1].map { now - $0 }
            }
        }
        /// The first month whose figure reached the target (1…12).
        public var completedIn: Int? {
            guard let target, target > 0 else { return nil }
            return cumulative.firstIndex { ($0 ?? -1) >= target }.map { $0 + 1 }
        }
        /// The last figure's share of the target.
        public var lastRate: Double? {
            guard let target, target > 0, let last = cumulative.compactMap({ $0 }).last else { return nil }
            return last.ratio(over: target)
        }
    }

    /// A district's standing in the latest round, for 督查 and 年度考核.
    public struct Standing: Sendable {
        public var district: District
        /// Tasks with a numeric target in the district.
        public var assigned: Int
        /// Of them, completed or no more than 10 points behind pace.
        public var onPace: Int
        /// Of them, without a counted figure in the latest round.
        public var missing: Int
        public var share: Double { assigned == 0 ? 0 : Double(onPace) / Double(assigned) }
    }

    public var plan: Plan
    public var year: Int
    public var rounds: [YearRound]
    /// Months 1…12 that have a round.
    public var months: Set<Int> { Set(rounds.map(\.period.month)) }
    /// Per task, 全市 first, then each district the task is assigned to.
    public var lines: [Line]

    public init(plan: Plan, rounds: [YearRound]) {
        self.plan = plan
        self.rounds = rounds
        year = rounds.first?.period.year ?? plan.year ?? 0
        var lines: [Line] = []
        for task in plan.tasks where !task.isHeading {
            let districts = plan.districts.filter { task.share($0).value != nil }
            guard !districts.isEmpty else { continue }
            let percentage = task.total.isPercentage || districts.contains { task.share($0).isPercentage }
            var byDistrict: [Line] = []
            for d in districts {
                var cumulative = [Decimal?](repeating: nil, count: 12)
                for r in rounds { cumulative[r.period.month - 1] = r.figures[d.id]?[task.id] }
                byDistrict.append(Line(task: task, district: d, target: task.share(d).value, isPercentage: percentage, cumulative: cumulative))
            }
            // 全市: the sum (the mean for percentage tasks) of the districts', only in a month where every
            // district assigned the task has its figure.
            var city = [Decimal?](repeating: nil, count: 12)
            for m in 0..<12 {
                let known = byDistrict.compactMap { $0.cumulative[m] }
                guard known.count == byDistrict.count, !known.isEmpty else { continue }
                let sum = known.reduce(0, +)
                city[m] = percentage ? sum / Decimal(known.count) : sum
            }
            let cityTarget = task.total.value ?? (percentage ? nil : byDistrict.compactMap(\.target).reduce(0, +))
            lines.append(Line(task: task, district: nil, target: cityTarget, isPercentage: percentage, cumulative: city))
            lines += byDistrict
        }
        self.lines = lines
    }

    /// 序时进度 at the end of a month, as a round of that month judges it (`Period.elapsedShare`).
    public static func pace(month: Int) -> Double { Period(year: 2000, month: month).elapsedShare }

    /// Months before the latest round that have no round: shown as missing, never filled in.
    public var missingMonths: [Int] {
        guard let last = latestMonth else { return [] }
        return (1...last).filter { !months.contains($0) }
    }

    /// The latest round's month.
    public var latestMonth: Int? { rounds.map(\.period.month).max() }

    /// Each district's standing in the latest round, best first (ties by the plan's order).
    public var standings: [Standing] {
        guard let month = latestMonth else { return [] }
        let pace = Self.pace(month: month)
        var result = plan.districts.map { Standing(district: $0, assigned: 0, onPace: 0, missing: 0) }
        for line in lines {
            guard let d = line.district, let target = line.target, target > 0, let i = result.firstIndex(where: { $0.district == d }) else { continue }
            result[i].assigned += 1
            guard let done = line.cumulative[month - 1] else {
                result[i].missing += 1
                continue
            }
            let rate = done.ratio(over: target)
            if Consolidator.status(rate: rate, pace: pace) != .slow { result[i].onPace += 1 }
        }
        let order = Dictionary(uniqueKeysWithValues: plan.districts.enumerated().map { ($1.id, $0) })
        return result.filter { $0.assigned > 0 }.sorted { ($0.share, -order[$0.district.id]!) > ($1.share, -order[$1.district.id]!) }
    }

    /// One month of a task in a district judged by the district's 时间节点: what was due, what was done,
    /// and the steps missed.
    public struct ScheduleCheck: Sendable {
        public var month: Int
        public var task: PlanTask
        public var district: District
        public var target: Decimal?
        /// The figure due by the district's schedule, when it gave quarter figures, and its share of the target.
        public var due: Decimal?
        public var dueShare: Double?
        public var done: Decimal?
        public var missed: String
        /// Met when the figure reached what was due and no step was missed; compared as shares of the target,
        /// as the round judged it (the due figure is rebuilt from a stored share and may be off in its last digit).
        public var met: Bool {
            guard missed.isEmpty else { return false }
            guard let share = dueShare else { return true }
            guard let done, let target, target > 0 else { return false }
            return done.ratio(over: target) >= share - 1e-9
        }
    }

    /// Every month of every task and district judged by a 时间节点, in month, task and district order.
    public var scheduleChecks: [ScheduleCheck] {
        var checks: [ScheduleCheck] = []
        for round in rounds {
            for line in lines {
                guard let d = line.district, let state = round.schedules[d.id]?[line.task.id] else { continue }
                let due = state.due.flatMap { share in line.target.map { $0 * Decimal(share) } }
                checks.append(ScheduleCheck(month: round.period.month, task: line.task, district: d, target: line.target, due: due,
                                            dueShare: state.due, done: line.cumulative[round.period.month - 1], missed: state.missed))
            }
        }
        return checks
    }

    /// 全市 average completion of a section's tasks by month (each capped at 100%), over the tasks whose
    /// 全市 figure is complete that month; nil for a month without any.
    public func sectionProgress(_ section: PlanSection) -> [Double?] {
        let ids = Set(section.tasks.map(\.id))
        let city = lines.filter { $0.district == nil && ids.contains($0.task.id) }
        return (0..<12).map { m in
            let rates = city.compactMap { line -> Double? in
                guard let target = line.target, target > 0, let done = line.cumulative[m] else { return nil }
                return min(done.ratio(over: target), 1)
            }
            return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
        }
    }
}
