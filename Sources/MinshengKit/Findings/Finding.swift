/// How serious a finding is, in the terms of the review rules (审核规则).
public enum Severity: String, Sendable, Codable, Comparable {
    /// 核实性: must be explained.
    case warning
    /// 强制性: must be fixed.
    case error

    /// The Chinese term.
    public var label: String { self == .error ? "强制性" : "核实性" }

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One problem found in a plan or a return, located to the cell.
public struct Finding: Hashable, Sendable, Codable {
    /// A stable code such as `PLAN_SUM_MISMATCH`; Docs/ lists them all.
    public var code: FindingCode
    public var severity: Severity
    /// The task id (`P3`, `C6`), when the finding concerns one task.
    public var task: String?
    /// The district's official name, when the finding concerns one district.
    public var district: String?
    /// The file the finding is in.
    public var file: String?
    public var sheet: String?
    /// The cell in A1 notation.
    public var cell: String?
    /// What is wrong, in Chinese, for the people who fix it.
    public var message: String

    public init(
        code: FindingCode, severity: Severity, task: String? = nil, district: String? = nil, file: String? = nil,
        sheet: String? = nil, cell: String? = nil, message: String
    ) {
        self.code = code
        self.severity = severity
        self.task = task
        self.district = district
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    /// `Sheet!C7`, or the sheet alone, or nil.
    public var location: String? {
        guard let sheet else { return cell }
        return cell.map { "\(sheet)!\($0)" } ?? sheet
    }
}

extension Finding {
    private enum CodingKeys: String, CodingKey { case code, title, severity, task, district, file, sheet, cell, message }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(FindingCode.self, forKey: .code), severity: try c.decode(Severity.self, forKey: .severity),
            task: try c.decodeIfPresent(String.self, forKey: .task), district: try c.decodeIfPresent(String.self, forKey: .district),
            file: try c.decodeIfPresent(String.self, forKey: .file), sheet: try c.decodeIfPresent(String.self, forKey: .sheet),
            cell: try c.decodeIfPresent(String.self, forKey: .cell), message: try c.decode(String.self, forKey: .message))
    }

    /// Every field, unknown ones as `null`, so that every finding in the JSON has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(code.title, forKey: .title)
        try c.encode(severity, forKey: .severity)
        try c.encode(task, forKey: .task)
        try c.encode(district, forKey: .district)
        try c.encode(file, forKey: .file)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(cell, forKey: .cell)
        try c.encode(message, forKey: .message)
    }
}

extension Array where Element == Finding {
    /// Whether any finding must be fixed.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
