import Foundation

/// How a task is progressing in a district (or city-wide) against the expected pace of the period.
public enum ProgressStatus: String, Sendable, CaseIterable, Codable {
    case ahead = "提前/超额完成"
    case onPace = "正常推进"
    case slow = "推进缓慢"
    case missing = "未报送"
    /// The district's figure has an error and was left out of the totals (shown in its own cell, with the reason).
    case excluded = "有误未计入"
    /// The district sent files, but none could be read.
    case unreadable = "报送文件无法读取"
    /// The district sent a file whose own district or period disagrees with its name: it counts for nobody.
    case unattributable = "报送的表无法确定归属"
    /// A city-wide figure that lacks some districts' figures: no light until coverage is complete.
    case incomplete = "数据不全"
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
    /// Why the figure was left out (the error finding), when it was.
    public var leftOutBecause: Finding?
    /// The district's 备注 for the task.
    public var remark: String?
    /// Last round's figure (表间审核), when the previous summary was given.
    public var previous: Decimal?
    /// The lead department's file the figure came from, when the district left the task empty (来源：牵头单位).
    public var fromLeadDepartment: String? = nil
    /// The share of the target due by the period: from the district's 时间节点 where it gave them
    /// (`bySchedule`), else month ÷ 12.
    public var pace: Double = 0
    public var bySchedule = false
    /// Steps past their date that 进度状态 does not show done (应于6月30日前开工，未开工).
    public var missedSteps: [String] = []

    /// What the figure's pace was judged against, as the lagging list says it.
    public var paceBasis: String { bySchedule ? "时间节点" : "序时进度" }

    /// This round's increase (本月新增), when both figures are known.
    public var increase: Decimal? { done.flatMap { d in previous.map { d - $0 } } }
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
    /// Completion against the 全市 target.
    public var rate: Double?
    public var status: ProgressStatus
    public var light: TrafficLight
    public var isPercentage: Bool
    public var unit: String
    /// Districts whose figure counts, of the districts the task is assigned to (with a numeric target).
    public var counted: Int
    public var assigned: Int
    /// The summed targets of the districts counted (mean for percentages), and completion against them.
    public var countedTarget: Decimal?
    public var countedRate: Double?

    /// Whether every assigned district's figure counts.
    public var isComplete: Bool { counted == assigned }
    /// `7/10`.
    public var coverage: String { "\(counted)/\(assigned)" }
}

/// What happened to one submitted file: every file handed in has exactly one outcome.
public struct ReturnRecord: Sendable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Its figures count (each one that has no error).
        case used = "已采用"
        case superseded = "已被后报的表替代"
        case otherPeriod = "报送期不符"
        /// The district or period is unknown, or its sources disagree: it counts for nobody and replaces nothing.
        case unattributable = "无法确定报送地区或报送期，未采用"
        case unreadable = "收到但无法读取"
        /// An office lock file (`~$…`) or a hidden file.
        case skipped = "已跳过（临时文件或隐藏文件）"
    }

    public var file: String
    public var district: District?
    public var period: Period?
    public var outcome: Outcome
    public var filler: String?
    public var date: String?
    public var errors: Int
    public var warnings: Int
    /// Figures of this return left out for an error in their row.
    public var leftOut: Int = 0
    /// Why the file could not be read or attributed, in Chinese.
    public var reason: String?
    /// The district the file's name states, when it states one.
    public var namedDistrict: District?

    public init(
        file: String, district: District?, period: Period?, outcome: Outcome, filler: String? = nil, date: String? = nil,
        errors: Int, warnings: Int, leftOut: Int = 0, reason: String? = nil, namedDistrict: District? = nil
    ) {
        self.file = file
        self.district = district
        self.period = period
        self.outcome = outcome
        self.filler = filler
        self.date = date
        self.errors = errors
        self.warnings = warnings
        self.leftOut = leftOut
        self.reason = reason
        self.namedDistrict = namedDistrict
    }
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
    /// Whether last round's figures were given (本月新增 and 表间审核).
    public var hasPrevious: Bool = false

    /// Districts with a return that was used.
    public var reportedDistricts: [District] { districts(where: [.used]) }

    /// Districts that sent nothing for the period (a file that could not be read is something).
    public var missingDistricts: [District] {
        let sent = Set(records.filter { $0.outcome != .otherPeriod && $0.outcome != .skipped }.flatMap { [$0.district?.id, $0.namedDistrict?.id].compactMap { $0 } })
        return plan.districts.filter { !sent.contains($0.id) }
    }

    /// Districts that sent a file (by its name) that could not be attributed, and nothing that was used.
    public var unattributedDistricts: [District] {
        let used = Set(records.filter { $0.outcome == .used || $0.outcome == .superseded }.compactMap(\.district?.id))
        let named = Set(records.filter { $0.outcome == .unattributable }.compactMap(\.namedDistrict?.id))
        return plan.districts.filter { named.contains($0.id) && !used.contains($0.id) }
    }

    /// Districts whose only files could not be read (报送文件无法读取).
    public var unreadableDistricts: [District] {
        let used = Set(records.filter { $0.outcome == .used || $0.outcome == .superseded }.compactMap(\.district?.id))
        return districts(where: [.unreadable]).filter { !used.contains($0.id) }
    }

    /// Districts with at least one figure left out for an error.
    public var excludedDistricts: [District] {
        let ids = Set(tasks.flatMap { $0.districts.filter { $0.status == .excluded }.map(\.district.id) })
        return plan.districts.filter { ids.contains($0.id) }
    }

    /// Files by outcome; every file handed in is counted once.
    public var outcomeCounts: [ReturnRecord.Outcome: Int] {
        Dictionary(grouping: records, by: \.outcome).mapValues(\.count)
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

    /// Mean of the city-wide completion rates of the tasks whose every district counts, each capped at 100%.
    public var overallCompletion: Double? {
        let rates = tasks.filter(\.isComplete).compactMap(\.rate).map { min($0, 1) }
        return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
    }

    /// Task × district figures behind pace (their own 时间节点 or month ÷ 12), or past a step's date, most behind first.
    public var lagging: [(task: TaskSummary, figure: DistrictFigure)] {
        tasks.flatMap { t in t.districts.filter { $0.status == .slow || !$0.missedSteps.isEmpty }.map { (t, $0) } }
            .sorted { ($0.figure.rate ?? 0, $0.task.task.id) < ($1.figure.rate ?? 0, $1.task.task.id) }
    }
}
