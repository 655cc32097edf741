/// Normalisation of the text clerks type: full-width digits and signs, spaces, line breaks.
public enum TextNormalizer {
    /// Converts full-width ASCII (`１２．５％`) to half-width and the ideographic space to a space.
    public static func halfWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Half-width text without any white space (for matching headers written across lines). One pass, with
    /// Unicode's White_Space list written out: every label of every return goes through here.
    public static func compact(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            var v = u.value
            if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
            if isWhiteSpace(v) || v == 0x200B { continue }
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// Unicode's White_Space property (PropList.txt), ideographic space included.
    static func isWhiteSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Half-width text with runs of white space folded to one space and the ends trimmed (for parsing figures).
    public static func folded(_ s: String) -> String { spacesFolded(halfWidth(s)) }

    /// The text as written, with runs of white space (line breaks included) folded to one space and the ends trimmed.
    public static func spacesFolded(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
