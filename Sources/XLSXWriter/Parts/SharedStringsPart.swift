/// `xl/sharedStrings.xml`: every distinct text once, referenced by index from the cells.
final class SharedStringTable {
    /// Keyed by the exact UTF-8 bytes: String's own hashing normalises to NFC first, which costs a fifth
    /// of the writing time and would merge strings a reader must get back byte for byte.
    @exclusivity(unchecked) private var index: [UTF8Key: Int] = [:]
    @exclusivity(unchecked) private(set) var strings: [String] = []
    @exclusivity(unchecked) private(set) var references = 0

    /// The index of `s`, adding it on first use.
    @inline(__always)
    func index(of s: String) -> Int {
        references += 1
        let key = UTF8Key(s)
        if let i = index[key] { return i }
        strings.append(s)
        index[key] = strings.count - 1
        return strings.count - 1
    }

    /// Whether text begins or ends with white space, which readers drop unless `xml:space="preserve"` says not to.
    static func needsPreserve(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return first == " " || first == "\t" || first == "\n" || first == "\r" || last == " " || last == "\t" || last == "\n" || last == "\r"
    }

    func write() -> [UInt8] {
        var x = XMLBuffer(capacity: strings.count * 16 + 256)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        x.attribute("count", references)
        x.attribute("uniqueCount", strings.count)
        x.raw(">")
        for s in strings {
            x.raw(SharedStringTable.needsPreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            x.text(s)
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return x.bytes
    }
}

/// A string compared and hashed by its UTF-8 bytes.
struct UTF8Key: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
