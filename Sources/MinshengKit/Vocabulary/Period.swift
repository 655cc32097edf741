import Foundation

/// A reporting period: a month of a year (`2021-06`).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `2021-06`, `2021-6`, `202106` or `2021年6月`.
    public init?(_ text: String) {
        let digits = TextNormalizer.halfWidth(text).split(whereSeparator: { !$0.isNumber }).map(String.init)
        if digits.count == 2, let y = Int(digits[0]), let m = Int(digits[1]) {
            (year, month) = (y, m)
        } else if digits.count == 1, digits[0].count == 6, let y = Int(digits[0].prefix(4)), let m = Int(digits[0].suffix(2)) {
            (year, month) = (y, m)
        } else {
            return nil
        }
        guard (2000...2100).contains(year), (1...12).contains(month) else { return nil }
    }

    /// `2021-06`.
    public var description: String { "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") }

    /// `2021年6月`.
    public var chinese: String { "\(year)年\(month)月" }

    /// The share of the year elapsed at the end of the period (序时进度): June is 0.5.
    public var elapsedShare: Double { Double(month) / 12 }

    public static func < (a: Period, b: Period) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
