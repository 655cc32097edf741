/// What changed between two versions of a workbook.
public struct DiffReport: Sendable {
    /// `return`, `plan` or `workbook`: how the files were compared.
    public enum Kind: String, Sendable { case `return`, plan, workbook }

    public var kind: Kind
    public var oldFile: String
    public var newFile: String
    public var entries: [DiffEntry]

    public var isEqual: Bool { entries.isEmpty }

    /// Entry counts by action, in a fixed order.
    public var summary: [(DiffEntry.Action, Int)] {
        DiffEntry.Action.allCases.compactMap { a in
            let n = entries.filter { $0.action == a }.count
            return n == 0 ? nil : (a, n)
        }
    }
}

/// One change.
public struct DiffEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case sheetAdded = "sheet-added", sheetRemoved = "sheet-removed", sheetRenamed = "sheet-renamed"
        case columnAdded = "column-added", columnRemoved = "column-removed"
        case added, removed, changed, moved

        /// The highlighter convention's marker.
        public var marker: String {
            switch self {
            case .added, .columnAdded, .sheetAdded: return "+++"
            case .removed, .columnRemoved, .sheetRemoved: return "---"
            case .changed, .sheetRenamed: return "->"
            case .moved: return ":"
            }
        }

        public var label: String {
            switch self {
            case .sheetAdded: return "新增工作表"
            case .sheetRemoved: return "删除工作表"
            case .sheetRenamed: return "工作表改名"
            case .columnAdded: return "新增列"
            case .columnRemoved: return "删除列"
            case .added: return "新增"
            case .removed: return "删除"
            case .changed: return "修改"
            case .moved: return "移动"
            }
        }
    }

    public var action: Action
    public var sheet: String?
    /// One-based row numbers in the old and the new version.
    public var oldRow: Int?
    public var newRow: Int?
    /// What the change is keyed by: a task id, `P3 × 南湖区`, a site name, a column label.
    public var key: String?
    /// The field that changed (累计完成, 进度状态, a column label).
    public var field: String?
    public var old: String?
    public var new: String?
    /// new − old for numbers.
    public var delta: Double?
    /// For a changed row of a generic diff: the cells that changed.
    public var cells: [CellChange] = []
    /// For added, removed and moved rows of a generic diff: the row's values.
    public var values: [String] = []

    public init(
        action: Action, sheet: String? = nil, oldRow: Int? = nil, newRow: Int? = nil, key: String? = nil, field: String? = nil,
        old: String? = nil, new: String? = nil, delta: Double? = nil
    ) {
        self.action = action
        self.sheet = sheet
        self.oldRow = oldRow
        self.newRow = newRow
        self.key = key
        self.field = field
        self.old = old
        self.new = new
        self.delta = delta
    }
}

/// One changed cell of a changed row.
public struct CellChange: Sendable, Hashable {
    public var column: String
    public var oldColumn: Int
    public var newColumn: Int
    public var old: String
    public var new: String
}
