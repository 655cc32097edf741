/// `xl/sharedStrings.xml`: every distinct text once, referenced by index from the cells.
final class SharedStringTable {
    private var index: [String: Int] = [:]
    private(set) var strings: [String] = []
    private(set) var references = 0

    /// The index of `s`, adding it on first use.
    @inline(__always)
    func index(of s: String) -> Int {
        references += 1
        if let i = index[s] { return i }
        strings.append(s)
        index[s] = strings.count - 1
        return strings.count - 1
    }

    func write() -> [UInt8] {
        var x = XMLBuffer(capacity: strings.count * 16 + 256)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        x.attribute("count", references)
        x.attribute("uniqueCount", strings.count)
        x.raw(">")
        for s in strings {
            if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
                first == " " || first == "\t" || first == "\n" || last == " " || last == "\t" || last == "\n"
            {
                x.raw("<si><t xml:space=\"preserve\">")
            } else {
                x.raw("<si><t>")
            }
            x.text(s)
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return x.bytes
    }
}
