/// Content fingerprints: FNV-1a (64-bit) over a canonical text, printed as 16 hex digits.
///
/// They identify content, not files, so a workbook re-saved by Excel, WPS or LibreOffice keeps its
/// fingerprint. They guard against mistakes, not forgery.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F  // unit separator, so ["ab","c"] differs from ["a","bc"]
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The fingerprint of a plan's content: every task's id, target, figures and lead departments.
    public static func of(_ plan: Plan) -> String {
        of(plan.tasks.flatMap { t in
            [t.id, t.target, t.total.text, t.note ?? "", t.leads.joined(separator: "、")] + plan.districts.map { t.share($0).text }
        })
    }
}

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
