import XLSXCore

/// A value to write into a cell.
public enum WriteValue: Hashable, Sendable {
    case empty
    case number(Double)
    case text(String)
    case bool(Bool)
    /// A date or time: written as a serial with a date format (the cell's own when it has one).
    case date(ExcelDateTime)
    /// A formula without the leading `=`, with the value a reader should show before recalculating.
    case formula(String, cached: CellValue? = nil)
    /// An error value such as `#N/A`.
    case error(String)
}

extension WriteValue {
    /// The value to write for a value read: errors Excel does not define become text.
    public init(_ v: CellValue) {
        switch v {
        case .empty: self = .empty
        case .number(let n): self = .number(n)
        case .string(let s): self = .text(s)
        case .bool(let b): self = .bool(b)
        case .date(let d): self = .date(d)
        case .error(let e): self = CellValue.isErrorText(e) ? .error(e) : .text(e)
        }
    }
}

/// One cell to write: a value and a style.
public struct CellData: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public var value: WriteValue
    public var style: StyleID

    public init(_ value: WriteValue, style: StyleID = .normal) {
        self.value = value
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(.text(value)) }
    public init(integerLiteral value: Int) { self.init(.number(Double(value))) }
    public init(floatLiteral value: Double) { self.init(.number(value)) }
    public init(nilLiteral: ()) { self.init(.empty) }

    public static func text(_ s: String, _ style: StyleID = .normal) -> CellData { CellData(.text(s), style: style) }
    public static func number(_ n: Double, _ style: StyleID = .normal) -> CellData { CellData(.number(n), style: style) }
    public static func formula(_ f: String, cached: CellValue? = nil, _ style: StyleID = .normal) -> CellData {
        CellData(.formula(f, cached: cached), style: style)
    }
    public static func empty(_ style: StyleID) -> CellData { CellData(.empty, style: style) }
}
