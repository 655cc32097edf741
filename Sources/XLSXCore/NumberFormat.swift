/// Number formats: the built-in table and the rule that tells a date format from a number format.
public enum NumberFormat {
    /// How a number with this format is meant to be read.
    public enum Category: Hashable, Sendable {
        case general
        case number
        case date
        /// Elapsed time, such as `[h]:mm:ss`.
        case duration
        case text
    }

    /// Built-in format codes that need no `<numFmt>` entry (ECMA-376 Part 1, 18.8.30), with the
    /// Chinese (zh-CN) codes for the locale-dependent ids 27–36 and 50–58.
    public static let builtIn: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
        9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
        14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
        18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
        27: "yyyy\"年\"m\"月\"", 28: "m\"月\"d\"日\"", 29: "m\"月\"d\"日\"", 30: "m-d-yy",
        31: "yyyy\"年\"m\"月\"d\"日\"", 32: "h\"时\"mm\"分\"", 33: "h\"时\"mm\"分\"ss\"秒\"",
        34: "上午/下午h\"时\"mm\"分\"", 35: "上午/下午h\"时\"mm\"分\"ss\"秒\"", 36: "yyyy\"年\"m\"月\"",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
        40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
        48: "##0.0E+0", 49: "@",
        50: "yyyy\"年\"m\"月\"", 51: "m\"月\"d\"日\"", 52: "yyyy\"年\"m\"月\"", 53: "m\"月\"d\"日\"",
        54: "m\"月\"d\"日\"", 55: "上午/下午h\"时\"mm\"分\"", 56: "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        57: "yyyy\"年\"m\"月\"", 58: "m\"月\"d\"日\"",
    ]

    /// The category of a built-in id; ids without a code of their own count as general.
    public static func category(builtIn id: Int) -> Category {
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return .date
        case 46: return .duration
        case 49: return .text
        case 0: return .general
        default: return builtIn[id] == nil ? .general : .number
        }
    }

    /// Decides whether a custom format code shows a date, a duration, or a number.
    ///
    /// Quoted text, backslash escapes, `_x` padding, `*x` fills and `[...]` sections (colours,
    /// conditions, locales) are ignored; `[h]`, `[mm]`, `[ss]` mark a duration. Any remaining
    /// y, m, d, h, s, e (year in CJK locales) or 上午/下午 marks a date.
    public static func category(code: String) -> Category {
        let bytes = Array(code.utf8)
        if bytes.isEmpty { return .general }
        var i = 0
        var sawDate = false
        var sawElapsed = false
        var sawDigit = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                i += 1
                // skip the whole UTF-8 scalar that follows
                while i + 1 < bytes.count, bytes[i + 1] & 0xC0 == 0x80 { i += 1 }
            case UInt8(ascii: "["):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "]") { j += 1 }
                let inner = String(decoding: bytes[min(i + 1, j)..<j], as: UTF8.self).lowercased()
                if !inner.isEmpty, inner.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }),
                    Set(inner).count == 1
                {
                    sawElapsed = true
                }
                i = j
            case UInt8(ascii: ";"):
                // Only the first section decides, as Excel shows positive numbers with it.
                i = bytes.count
            case UInt8(ascii: "G"), UInt8(ascii: "g"):
                if matches(bytes, at: i, "general") { i += 6 } else { sawDate = true }
            case UInt8(ascii: "0"), UInt8(ascii: "#"), UInt8(ascii: "?"):
                sawDigit = true
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "m"), UInt8(ascii: "M"),
                UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "h"), UInt8(ascii: "H"),
                UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                if c == UInt8(ascii: "E") || c == UInt8(ascii: "e"),
                    i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "+") || bytes[i + 1] == UInt8(ascii: "-")
                {
                    break  // scientific notation such as 0.00E+00
                }
                sawDate = true
            case UInt8(ascii: "@"):
                if !sawDate && !sawDigit { return .text }
            default:
                break
            }
            i += 1
        }
        if sawElapsed { return .duration }
        if sawDate { return .date }
        return code.lowercased() == "general" ? .general : .number
    }

    private static func matches(_ bytes: [UInt8], at i: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count else { return false }
        for k in 0..<w.count where bytes[i + k] | 0x20 != w[k] { return false }
        return true
    }
}
