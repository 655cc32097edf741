/// Comparison operators of data validations and conditional formats (`ST_DataValidationOperator`,
/// `ST_ConditionalFormattingOperator`).
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case between, notBetween, equal, notEqual, greaterThan, lessThan, greaterThanOrEqual, lessThanOrEqual
}

/// A data validation (`<dataValidation>`): what a cell accepts, and what the user is told. The reader
/// reports it and the writer writes it, so a rule read from one workbook can be written into another.
public struct DataValidation: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Any value (`type="none"`): only the prompt is shown.
        case any
        /// A drop-down of fixed values (together at most 255 characters, none containing a comma).
        case list([String])
        /// A drop-down whose source is a formula: a range such as `$A$1:$A$9` or `'代码'!$A$2:$A$40`.
        case listFormula(String)
        case whole(ComparisonOperator, String, String? = nil)
        case decimal(ComparisonOperator, String, String? = nil)
        case date(ComparisonOperator, String, String? = nil)
        case time(ComparisonOperator, String, String? = nil)
        case textLength(ComparisonOperator, String, String? = nil)
        /// A formula that must be true.
        case custom(String)
    }

    public enum ErrorStyle: String, Hashable, Sendable { case stop, warning, information }

    public var kind: Kind
    public var ranges: [CellRange]
    public var allowBlank: Bool
    /// `showDropDown="1"` in the file, which (despite its name) hides a list's arrow.
    public var hidesDropDownArrow: Bool
    public var promptTitle: String?
    public var prompt: String?
    public var errorTitle: String?
    public var error: String?
    public var errorStyle: ErrorStyle

    public init(
        _ kind: Kind, ranges: [CellRange], allowBlank: Bool = true, hidesDropDownArrow: Bool = false, promptTitle: String? = nil,
        prompt: String? = nil, errorTitle: String? = nil, error: String? = nil, errorStyle: ErrorStyle = .stop
    ) {
        self.kind = kind
        self.ranges = ranges
        self.allowBlank = allowBlank
        self.hidesDropDownArrow = hidesDropDownArrow
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.errorTitle = errorTitle
        self.error = error
        self.errorStyle = errorStyle
    }

    /// Whether the rule applies to `cell`.
    public func covers(_ cell: CellReference) -> Bool { ranges.contains { $0.contains(cell) } }
}

extension DataValidation.Kind {
    /// The kind from the file's `type` and `operator` attributes and its formulas; an unknown type
    /// reads as `.any`, an unknown operator as `between` (the schema's default).
    public init(type: String, operator op: String?, formula1: String?, formula2: String?) {
        let o = op.flatMap(ComparisonOperator.init(rawValue:)) ?? .between
        let f1 = formula1 ?? ""
        switch type {
        case "list":
            // A quoted literal "a,b,c" is a list of values; anything else is a formula.
            if f1.count >= 2, f1.hasPrefix("\""), f1.hasSuffix("\""), !f1.dropFirst().dropLast().contains("\"") {
                self = .list(f1.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            } else {
                self = .listFormula(f1)
            }
        case "whole": self = .whole(o, f1, formula2)
        case "decimal": self = .decimal(o, f1, formula2)
        case "date": self = .date(o, f1, formula2)
        case "time": self = .time(o, f1, formula2)
        case "textLength": self = .textLength(o, f1, formula2)
        case "custom": self = .custom(f1)
        default: self = .any
        }
    }

    /// The `type` attribute (`ST_DataValidationType`).
    public var type: String {
        switch self {
        case .any: "none"
        case .list, .listFormula: "list"
        case .whole: "whole"
        case .decimal: "decimal"
        case .date: "date"
        case .time: "time"
        case .textLength: "textLength"
        case .custom: "custom"
        }
    }

    /// The comparison, for the kinds that have one.
    public var comparison: ComparisonOperator? {
        switch self {
        case .whole(let o, _, _), .decimal(let o, _, _), .date(let o, _, _), .time(let o, _, _), .textLength(let o, _, _): o
        default: nil
        }
    }

    /// `<formula1>` and `<formula2>` as written in the file.
    public var formulas: (String?, String?) {
        switch self {
        case .any: (nil, nil)
        case .list(let values): ("\"" + values.joined(separator: ",") + "\"", nil)
        case .listFormula(let f), .custom(let f): (f, nil)
        case .whole(_, let a, let b), .decimal(_, let a, let b), .date(_, let a, let b), .time(_, let a, let b), .textLength(_, let a, let b): (a, b)
        }
    }
}
