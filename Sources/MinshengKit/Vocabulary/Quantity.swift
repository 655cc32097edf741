import Foundation

/// What one cell of the allocation table says about a task's target.
public indirect enum Quantity: Hashable, Sendable {
    /// The cell is empty.
    case blank
    /// `/`, `—`, `－`: the task is not assigned to this district.
    case notAssigned
    /// An exact count or measure: `24`, `8.1`.
    case number(Decimal)
    /// A percentage, kept as written (`100%` is 100).
    case percentage(Decimal)
    /// A number written with a Chinese multiplier: `32万` is 32 × 10,000.
    case scaled(Decimal, multiplier: Int)
    /// `约…`: an approximate figure.
    case approximate(Quantity)
    /// A share given to an entity rather than the district itself: `嘉服集团 1`.
    case tagged(entity: String, Quantity)
    /// Free text that is not a figure, such as a note spanning the district columns.
    case text(String)

    /// The figure as a plain number (`32万` → 320000, `约300` → 300, `100%` → 100), when there is one.
    public var value: Decimal? {
        switch self {
        case .number(let d), .percentage(let d): return d
        case .scaled(let d, let m): return d * Decimal(m)
        case .approximate(let q), .tagged(_, let q): return q.value
        case .blank, .notAssigned, .text: return nil
        }
    }

    /// Whether the figure is a percentage (inside `约` or a tag too).
    public var isPercentage: Bool {
        switch self {
        case .percentage: return true
        case .approximate(let q), .tagged(_, let q): return q.isPercentage
        default: return false
        }
    }

    /// Whether the figure is approximate.
    public var isApproximate: Bool {
        switch self {
        case .approximate: return true
        case .tagged(_, let q): return q.isApproximate
        default: return false
        }
    }

    /// Whether the cell assigns something to the district (a figure, a percentage or a tagged share).
    public var isAssigned: Bool { value != nil }

    /// A short name of the kind, for exports: `number`, `percentage`, `scaled`, `approximate`, `tagged`, `text`, `not-assigned`, `blank`.
    public var kind: String {
        switch self {
        case .blank: return "blank"
        case .notAssigned: return "not-assigned"
        case .number: return "number"
        case .percentage: return "percentage"
        case .scaled: return "scaled"
        case .approximate: return "approximate"
        case .tagged: return "tagged"
        case .text: return "text"
        }
    }

    /// The quantity written the way the notice writes it.
    public var text: String {
        switch self {
        case .blank: return ""
        case .notAssigned: return "/"
        case .number(let d): return Quantity.format(d)
        case .percentage(let d): return Quantity.format(d) + "%"
        case .scaled(let d, let m): return Quantity.format(d) + (Quantity.multipliers.first { $0.value == m }?.key ?? "×\(m)")
        case .approximate(let q): return "约" + q.text
        case .tagged(let e, let q): return e + " " + q.text
        case .text(let s): return s
        }
    }

    static let multipliers: [String: Int] = ["万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100]

    /// Plain decimal text without exponent or trailing zeros.
    public static func format(_ d: Decimal) -> String {
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 10, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// Reads the text of an allocation cell. Never fails: what is not a figure is `.text`.
    public static func parse(_ raw: String) -> Quantity {
        let s = TextNormalizer.folded(raw)
        if s.isEmpty { return .blank }
        if ["/", "／", "—", "－", "-", "--", "——", "无", "\\", "、"].contains(s) { return .notAssigned }
        if s.hasPrefix("约") || s.hasPrefix("大约") {
            let rest = String(s.drop(while: { $0 == "大" || $0 == "约" })).trimmingCharacters(in: .whitespaces)
            let inner = parse(rest)
            return inner.value == nil ? .text(s) : .approximate(inner)
        }
        if let plain = parseFigure(s) { return plain }
        // An entity tag followed by a figure: "嘉服集团 1", "嘉服集团1".
        if let firstDigit = s.firstIndex(where: { $0.isASCII && $0.isNumber }), firstDigit > s.startIndex {
            let entity = s[..<firstDigit].trimmingCharacters(in: .whitespaces)
            if !entity.isEmpty, entity.unicodeScalars.allSatisfy({ $0.properties.isIdeographic || $0 == "（" || $0 == "）" }),
                let figure = parseFigure(String(s[firstDigit...]))
            {
                return .tagged(entity: entity, figure)
            }
        }
        return .text(s)
    }

    /// `1,200` and `-1,234,567.5` without their thousands separators; the text as it is when it has none; nil
    /// when a comma does not separate groups of three digits: `1,2` is neither twelve nor one point two, and
    /// is not guessed at.
    static func ungrouped(_ s: String) -> String? {
        guard s.contains(",") else { return s }
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let integer = body.prefix { $0 != "." }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              integer.allSatisfy({ $0 == "," || ($0.isASCII && $0.isNumber) }), !body.dropFirst(integer.count).contains(",")
        else { return nil }
        return s.replacingOccurrences(of: ",", with: "")
    }

    /// `12`, `8.1`, `1,200`, `100%`, `32万`; nil for anything else.
    static func parseFigure(_ s: String) -> Quantity? {
        guard let ungrouped = ungrouped(s) else { return nil }
        var t = ungrouped.trimmingCharacters(in: .whitespaces)
        var percent = false
        var multiplier = 1
        if t.hasSuffix("%") {
            percent = true
            t.removeLast()
        } else if let last = t.last, let m = multipliers[String(last)] {
            multiplier = m
            t.removeLast()
        }
        guard !t.isEmpty, t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }), t.filter({ $0 == "." }).count <= 1,
            t.first != ".", t.last != ".", let d = Decimal(fileText: t)
        else { return nil }
        if percent { return .percentage(d) }
        if multiplier != 1 { return .scaled(d, multiplier: multiplier) }
        return .number(d)
    }
}
