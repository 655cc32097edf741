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

    /// Half-width text without any white space (for matching headers written across lines).
    public static func compact(_ s: String) -> String {
        String(halfWidth(s).unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{200B}" }.map(Character.init))
    }

    /// Half-width text with runs of white space folded to one space and the ends trimmed (for parsing figures).
    public static func folded(_ s: String) -> String { spacesFolded(halfWidth(s)) }

    /// The text as written, with runs of white space (line breaks included) folded to one space and the ends trimmed.
    public static func spacesFolded(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
