import Foundation
import XLSXCore

/// A district's own schedule for one task (时间节点): the cumulative figure due at the end of each
/// quarter, and the dates of its steps (开工, 主体完工, 投用). Pace is judged against it where it is given.
public struct Milestones: Hashable, Sendable {
    public enum Step: String, CaseIterable, Sendable {
        case start = "开工"
        case structure = "主体完工"
        case inUse = "投用"
    }

    /// The cumulative figure due at the end of months 3, 6, 9 and 12, as far as stated.
    public var quarters: [Int: Decimal] = [:]
    public var steps: [Step: ExcelDateTime] = [:]

    public init(quarters: [Int: Decimal] = [:], steps: [Step: ExcelDateTime] = [:]) {
        self.quarters = quarters
        self.steps = steps
    }

    public var isEmpty: Bool { quarters.isEmpty && steps.isEmpty }

    /// The cumulative figure due by the end of `month`: straight between the stated quarter ends, from 0
    /// at the start of the year; nil when no quarter is stated.
    public func due(month: Int) -> Decimal? {
        guard !quarters.isEmpty else { return nil }
        let points: [(Int, Decimal)] = [(0, 0)] + quarters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let exact = quarters[month] { return exact }
        if month >= points.last!.0 { return points.last!.1 }
        for (a, b) in zip(points, points.dropFirst()) where a.0 < month && month < b.0 {
            return a.1 + (b.1 - a.1) * Decimal(month - a.0) / Decimal(b.0 - a.0)
        }
        return nil
    }

    /// The steps due by the end of the period whose 进度状态 does not show them done: 开工 while
    /// 未开工, 投用 while not 已完成 (主体完工 has no status of its own). Each as the lagging list says it.
    public func missed(by period: Period, status: String?) -> [String] {
        missedSteps(by: period, status: status).map(\.text)
    }

    /// The steps past their dates by the end of `period` that `status` does not show done, each with its
    /// text, as `missed(by:status:)` gives them.
    public func missedSteps(by period: Period, status: String?) -> [(step: Step, text: String)] {
        let end = ExcelDateTime(year: period.year, month: period.month, day: DateText.daysIn(period.year, period.month)).serial
        var missed: [(step: Step, text: String)] = []
        if let date = steps[.start], date.serial <= end, status == "未开工" { missed.append((.start, "应于\(Milestones.chinese(date))前开工，未开工")) }
        if let date = steps[.inUse], date.serial <= end, status != "已完成" { missed.append((.inUse, "应于\(Milestones.chinese(date))前投用，尚未完成")) }
        return missed
    }

    /// `6月30日`.
    static func chinese(_ d: ExcelDateTime) -> String { "\(d.components.month)月\(d.components.day)日" }

    /// How two schedules differ, as `6月底 50 → 40`, `开工 2021-03-31 → 2021-05-31`.
    public func changes(from old: Milestones) -> [String] {
        var out: [String] = []
        for q in [3, 6, 9, 12] where old.quarters[q] != quarters[q] {
            out.append("\(q)月底 \(old.quarters[q].map(Quantity.format) ?? "（空）") → \(quarters[q].map(Quantity.format) ?? "（空）")")
        }
        for s in Step.allCases where old.steps[s] != steps[s] {
            out.append("\(s.rawValue) \(old.steps[s]?.description ?? "（空）") → \(steps[s]?.description ?? "（空）")")
        }
        return out
    }
}
