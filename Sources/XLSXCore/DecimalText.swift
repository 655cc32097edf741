import Foundation

extension Decimal {
    /// The locale numbers in files are written in; made once (making a `Locale` takes a lock and a cache
    /// look-up, and a round reads it for every figure).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A number as files write it (`-12.5`, `1E3`), the same whatever the user's locale.
    ///
    /// Plain decimals of up to 18 digits, what cells hold, are read directly; anything else as
    /// `Decimal(string:)` reads it. Both give the same value, compacted as `Decimal(string:)` leaves it.
    public init?(fileText text: String) {
        if let d = Decimal.plain(text) {
            self = d
        } else if let d = Decimal(string: text, locale: Decimal.posix) {
            self = d
        } else {
            return nil
        }
    }

    /// `-?digits(.digits)?` with at most 18 digits in all; nil for anything else.
    private static func plain(_ text: String) -> Decimal? {
        var negative = false, dot = false
        var significand: UInt64 = 0, digits = 0, fractionDigits = 0
        var position = 0
        for b in text.utf8 {
            defer { position += 1 }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(b &- UInt8(ascii: "0"))
                if dot { fractionDigits += 1 }
            case UInt8(ascii: "-") where position == 0: negative = true
            case UInt8(ascii: ".") where !dot: dot = true
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        var d = Decimal(sign: negative && significand != 0 ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
        NSDecimalCompact(&d)
        return d
    }
}
