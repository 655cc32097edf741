/// The fill-in template's layout, shared by the writer and the checker. Bump `formatVersion` when it changes.
public enum TemplateLayout {
    public static let formatVersion = "minsheng-template/1"

    public static let guideSheet = "填报说明"
    public static let formSheet = "填报"
    public static let pointsSheet = "项目点位"
    public static let milestoneSheet = "时间节点"
    public static let metaSheet = "_minsheng"

    /// Columns of the 填报 sheet.
    public enum Column: Int, CaseIterable, Sendable {
        case id = 0, task, unit, target, done, rate, status, points, remark

        public var label: String {
            switch self {
            case .id: return "编号"
            case .task: return "项目名称 / 目标任务"
            case .unit: return "单位"
            case .target: return "目标"
            case .done: return "累计完成"
            case .rate: return "完成率"
            case .status: return "进度状态"
            case .points: return "项目点位数"
            case .remark: return "备注"
            }
        }
    }

    /// Columns of the 项目点位 sheet.
    public enum PointColumn: Int, CaseIterable, Sendable {
        case id = 0, name, address, longitude, latitude, status, remark

        public var label: String {
            switch self {
            case .id: return "编号"
            case .name: return "点位名称"
            case .address: return "地址"
            case .longitude: return "经度"
            case .latitude: return "纬度"
            case .status: return "状态"
            case .remark: return "备注"
            }
        }
    }

    /// Columns of the 时间节点 sheet: the cumulative figure due at each quarter's end, and the steps' dates.
    public enum MilestoneColumn: Int, CaseIterable, Sendable {
        case id = 0, task, unit, target, march, june, september, december, start, structure, inUse, remark

        public var label: String {
            switch self {
            case .id: return "编号"
            case .task: return "项目名称 / 目标任务"
            case .unit: return "单位"
            case .target: return "目标"
            case .march: return "3月底"
            case .june: return "6月底"
            case .september: return "9月底"
            case .december: return "12月底"
            case .start: return "开工"
            case .structure: return "主体完工"
            case .inUse: return "投用"
            case .remark: return "说明"
            }
        }

        /// The month a quarter column stands for.
        public var month: Int? { [.march: 3, .june: 6, .september: 9, .december: 12][self] }

        /// The step a date column stands for.
        public var step: Milestones.Step? { [.start: .start, .structure: .structure, .inUse: .inUse][self] }
    }

    /// 进度状态 choices.
    public static let statuses = ["未开工", "推进中", "已完成"]

    /// Header block: labels in column A, values in column B, rows 3–7 (zero-based 2–6).
    public static let headerLabels = ["填报单位", "报送期", "填报人", "联系电话", "填报日期"]
    public static let headerFirstRow = 2
    /// The zero-based row of the table's column labels.
    public static let tableHeaderRow = 8
    /// Rows prepared on the 项目点位 sheet.
    public static let pointRows = 1000

}
