/// Normalisation of the text clerks type: full-width digits and signs, spaces, line breaks.
///
/// Every label and figure of every return goes through here, so each function first looks whether the
/// text needs changing at all and hands it back as it is when not (no new string), and works on Unicode
/// scalars with Unicode's White_Space list written out rather than on `Character`s.
public enum TextNormalizer {
    /// Converts full-width ASCII (`１２．５％`) to half-width and the ideographic space to a space.
    public static func halfWidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isFullWidth($0.value) || $0.value == 0x3000 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            out.append(u.value == 0x3000 ? " " : Unicode.Scalar(halfWidth(u.value))!)
        }
        return String(out)
    }

    /// Half-width text without any white space (for matching headers written across lines).
    public static func compact(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isFullWidth($0.value) || dropped($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !dropped(u.value) {
            out.append(Unicode.Scalar(halfWidth(u.value))!)
        }
        return String(out)
    }

    /// Whether two texts are equal once compacted (`compact(a) == compact(b)`), found without making
    /// either when their scalars agree, as they do when a locked cell was left alone.
    public static func compactEqual(_ a: String, _ b: String) -> Bool {
        sameCompactScalars(a, b) || compact(a) == compact(b)
    }

    /// Whether the compacted texts have the same Unicode scalars; `==` also accepts canonically equivalent ones.
    private static func sameCompactScalars(_ a: String, _ b: String) -> Bool {
        func next(_ scalars: inout String.UnicodeScalarView.Iterator) -> UInt32? {
            while let u = scalars.next() { if !dropped(u.value) { return halfWidth(u.value) } }
            return nil
        }
        var x = a.unicodeScalars.makeIterator(), y = b.unicodeScalars.makeIterator()
        while true {
            let u = next(&x), v = next(&y)
            guard u == v else { return false }
            if u == nil { return true }
        }
    }

    /// Half-width text with runs of white space folded to one space and the ends trimmed (for parsing figures).
    public static func folded(_ s: String) -> String { spacesFolded(halfWidth(s)) }

    /// The text as written, with runs of white space (line breaks included) folded to one space and the ends trimmed.
    public static func spacesFolded(_ s: String) -> String {
        guard needsFolding(s) else { return s }
        var out = String.UnicodeScalarView()
        var spaceBefore = false
        for u in s.unicodeScalars {
            if isWhiteSpace(u.value) {
                spaceBefore = !out.isEmpty
            } else {
                if spaceBefore { out.append(" ") }
                spaceBefore = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// Whether the text holds only white space and zero-width spaces (or nothing): what `compact` empties.
    public static func isBlank(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { dropped($0.value) } }

    /// Whether `spacesFolded` would change the text: white space at either end, a run of it, or any but a space.
    private static func needsFolding(_ s: String) -> Bool {
        var spaceBefore = true
        for u in s.unicodeScalars {
            let space = isWhiteSpace(u.value)
            if space && (spaceBefore || u.value != 0x20) { return true }
            spaceBefore = space
        }
        return spaceBefore && !s.isEmpty
    }

    /// Unicode's White_Space property (PropList.txt), ideographic space included.
    static func isWhiteSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// What `compact` leaves out: white space and the zero-width space.
    private static func dropped(_ v: UInt32) -> Bool { isWhiteSpace(v) || v == 0x200B }

    /// Full-width ASCII, U+FF01…U+FF5E.
    private static func isFullWidth(_ v: UInt32) -> Bool { (0xFF01...0xFF5E).contains(v) }

    private static func halfWidth(_ v: UInt32) -> UInt32 { isFullWidth(v) ? v - 0xFEE0 : v }
}
