import Foundation

/// How a task is progressing in a district (or city-wide) against the expected pace of the period.
public enum ProgressStatus: String, Sendable, CaseIterable, Codable {
    case ahead = "提前/超额完成"
    case onPace = "正常推进"
    case slow = "推进缓慢"
    case missing = "未报送"
    /// The district's return has errors and was left out of the totals.
    case excluded = "报表有误未计入"
    /// No figure to judge (a text target).
    case notJudged = "—"
}

/// The traffic light against the pace (序时进度): green on pace (less than 10 points behind),
/// yellow 10–30 points behind, red more than 30 behind.
public enum TrafficLight: String, Sendable, Codable {
    case green = "绿", yellow = "黄", red = "红", none = ""

    public init(rate: Double?, pace: Double) {
        guard let rate else {
            self = .none
            return
        }
        let behind = pace - rate
        self = behind <= 0.10 ? .green : behind <= 0.30 ? .yellow : .red
    }
}

/// One task in one district: target, reported figure, completion and status.
public struct DistrictFigure: Sendable {
    public var district: District
    public var target: Decimal?
    public var done: Decimal?
    public var statusText: String?
    public var rate: Double?
    public var status: ProgressStatus
    public var light: TrafficLight
}

/// One task across the city.
public struct TaskSummary: Sendable {
    public var task: PlanTask
    /// The district figures, in the plan's district order, for districts the task is assigned to.
    public var districts: [DistrictFigure]
    /// 全市 target (the city figure of the plan).
    public var target: Decimal?
    /// Sum of the reported district completions (mean for percentage targets).
    public var done: Decimal?
    public var rate: Double?
    public var status: ProgressStatus
    public var light: TrafficLight
    public var isPercentage: Bool
    public var unit: String
}

/// What happened to one submitted file.
public struct ReturnRecord: Sendable {
    public enum Outcome: String, Sendable, Codable {
        case used = "已采用"
        case invalid = "有错误，未计入"
        case includedInvalid = "有错误，已计入"
        case superseded = "已被后报的表替代"
        case otherPeriod = "报送期不符"
        case unreadable = "无法读取"
    }

    public var file: String
    public var district: District?
    public var period: Period?
    public var outcome: Outcome
    public var filler: String?
    public var date: String?
    public var errors: Int
    public var warnings: Int
}

/// A project site from a return, for the 民生地图.
public struct ProjectSite: Sendable {
    public var district: District
    public var taskID: String
    public var name: String
    public var address: String
    public var longitude: Double?
    public var latitude: Double?
    public var status: String
    public var remark: String
    public var file: String
}

/// A reporting round added up.
public struct Consolidation: Sendable {
    public var plan: Plan
    public var period: Period
    /// The elapsed share of the year (序时进度).
    public var pace: Double
    /// When the workbook was made, ISO 8601.
    public var generatedAt: String
    public var records: [ReturnRecord]
    public var tasks: [TaskSummary]
    public var findings: [Finding]
    public var sites: [ProjectSite]

    /// Districts with a return that was counted.
    public var reportedDistricts: [District] { districts(where: [.used, .includedInvalid]) }

    /// Districts that sent nothing for the period.
    public var missingDistricts: [District] {
        let sent = Set(records.filter { $0.outcome != .otherPeriod }.compactMap(\.district?.id))
        return plan.districts.filter { !sent.contains($0.id) }
    }

    /// Districts whose return has errors and was left out.
    public var excludedDistricts: [District] {
        let reported = Set(reportedDistricts.map(\.id))
        return districts(where: [.invalid]).filter { !reported.contains($0.id) }
    }

    private func districts(where outcomes: Set<ReturnRecord.Outcome>) -> [District] {
        let ids = Set(records.filter { outcomes.contains($0.outcome) }.compactMap(\.district?.id))
        return plan.districts.filter { ids.contains($0.id) }
    }

    /// Task × district figures counted by status.
    public var statusCounts: [ProgressStatus: Int] {
        var counts: [ProgressStatus: Int] = [:]
        for t in tasks { for f in t.districts where f.status != .notJudged { counts[f.status, default: 0] += 1 } }
        return counts
    }

    /// Mean of the city-wide completion rates, each capped at 100%.
    public var overallCompletion: Double? {
        let rates = tasks.compactMap(\.rate).map { min($0, 1) }
        return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
    }

    /// Task × district figures behind pace, most behind first.
    public var lagging: [(task: TaskSummary, figure: DistrictFigure)] {
        tasks.flatMap { t in t.districts.filter { $0.status == .slow }.map { (t, $0) } }
            .sorted { ($0.figure.rate ?? 0, $0.task.task.id) < ($1.figure.rate ?? 0, $1.task.task.id) }
    }
}
