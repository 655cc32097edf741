/// The value of one cell, as a spreadsheet program would show it before formatting.
public enum CellValue: Hashable, Sendable {
    case empty
    case number(Double)
    case string(String)
    case bool(Bool)
    case date(ExcelDateTime)
    /// An error value such as `#N/A` or `#DIV/0!`, kept as its text.
    case error(String)

    /// Whether the cell holds nothing (an empty string counts as a value).
    public var isEmpty: Bool { if case .empty = self { return true } else { return false } }

    /// The number, when the value is one.
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }

    /// The string, when the value is one.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }

    /// The value as a person reads it in a plain-text export: numbers without a needless `.0`,
    /// booleans `TRUE`/`FALSE`, dates in ISO 8601.
    public var text: String {
        switch self {
        case .empty: return ""
        case .number(let n): return CellValue.format(n)
        case .string(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.description
        case .error(let e): return e
        }
    }

    /// Shortest round-trip text of a number, integral values without a decimal point.
    public static func format(_ n: Double) -> String {
        if n.isNaN { return "NaN" }
        if n.isInfinite { return n < 0 ? "-inf" : "inf" }
        if n == n.rounded(), abs(n) < 1e17 {
            return n == 0 ? "0" : String(Int64(n))
        }
        return "\(n)"
    }

    /// Whether `text` is one of Excel's error texts; a first-byte test spares hashing every other text.
    public static func isErrorText(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "#") && errorCodes.contains(text)
    }

    /// The error texts Excel defines.
    public static let errorCodes: Set<String> = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
    ]
}
