import CLibXML2

/// The OpenDocument namespaces whose attributes the ODS reader looks at, told apart by URI.
///
/// `SAXParser` reports every namespace outside OOXML as `.other`, which cannot tell `office:value-type`
/// from `calcext:value-type`; attributes carry their URI, so they are matched here by meaning.
enum ODFNamespace: UInt8 {
    case office, table, text, style, number, fo, xlink, calcext, manifest, other

    /// Classifies a namespace URI (ODF 1.0–1.3 and LibreOffice's extensions).
    init(uri: UnsafePointer<UInt8>?) {
        guard let uri else {
            self = .other
            return
        }
        let oasis = "urn:oasis:names:tc:opendocument:xmlns:"
        let s = String(cString: uri)
        guard s.hasPrefix(oasis) else {
            switch s {
            case "http://www.w3.org/1999/xlink": self = .xlink
            case "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0": self = .calcext
            default: self = .other
            }
            return
        }
        switch s.dropFirst(oasis.utf8.count) {
        case "office:1.0": self = .office
        case "table:1.0": self = .table
        case "text:1.0": self = .text
        case "style:1.0": self = .style
        case "datastyle:1.0": self = .number
        case "xsl-fo-compatible:1.0": self = .fo
        case "manifest:1.0": self = .manifest
        default: self = .other
        }
    }
}

/// Remembers the namespace of the last few URI pointers seen, so each attribute costs a pointer
/// comparison instead of a string comparison. libxml2 interns URIs in the parser's dictionary, so a
/// pointer keeps its meaning while one parser lives; `reset()` before the next part.
struct ODFNamespaceCache {
    private var pointers: (UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?) = (nil, nil, nil, nil)
    private var values: (ODFNamespace, ODFNamespace, ODFNamespace, ODFNamespace) = (.other, .other, .other, .other)
    private var next = 0

    mutating func reset() { self = ODFNamespaceCache() }

    @inline(__always)
    mutating func namespace(_ uri: UnsafePointer<UInt8>?) -> ODFNamespace {
        guard let uri else { return .other }
        if pointers.0 == uri { return values.0 }
        if pointers.1 == uri { return values.1 }
        if pointers.2 == uri { return values.2 }
        if pointers.3 == uri { return values.3 }
        let ns = ODFNamespace(uri: uri)
        switch next {
        case 0: (pointers.0, values.0) = (uri, ns)
        case 1: (pointers.1, values.1) = (uri, ns)
        case 2: (pointers.2, values.2) = (uri, ns)
        default: (pointers.3, values.3) = (uri, ns)
        }
        next = (next + 1) & 3
        return ns
    }
}

/// One attribute of a start tag: borrowed bytes, valid only during the callback.
struct ODFAttribute {
    let namespace: ODFNamespace
    let name: XMLName
    let value: UnsafeBufferPointer<UInt8>

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The value as written. libxml2 without entity substitution hands an `&` of an attribute (from `&amp;`
    /// or `&#38;`) over as the five characters `&#38;`, so a sheet named `R&D` would read `R&#38;D`; every
    /// other reference is already resolved, so turning `&#38;` back into `&` gives the exact value.
    var bytes: [UInt8] {
        guard value.contains(UInt8(ascii: "&")) else { return Array(value) }
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = 0
        while i < value.count {
            if value[i] == UInt8(ascii: "&"), i + 4 < value.count, value[i + 1] == UInt8(ascii: "#"), value[i + 2] == UInt8(ascii: "3"),
                value[i + 3] == UInt8(ascii: "8"), value[i + 4] == UInt8(ascii: ";")
            {
                out.append(UInt8(ascii: "&"))
                i += 5
            } else {
                out.append(value[i])
                i += 1
            }
        }
        return out
    }

    /// Whether the value equals `text` (ASCII).
    func equals(_ text: StaticString) -> Bool {
        guard value.count == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for i in 0..<value.count where value[i] != p[i] { return false }
        return true
    }
}

extension XMLAttributes {
    /// Calls `body` with each attribute and its ODF namespace.
    @inline(__always)
    func forEachODF(_ cache: inout ODFNamespaceCache, _ body: (ODFAttribute) throws -> Void) rethrows {
        guard let raw else { return }
        for i in 0..<count {
            let base = raw + i * 5
            guard let local = base[0] else { continue }
            let value: UnsafeBufferPointer<UInt8>
            if let start = base[3], let end = base[4], end >= start {
                value = UnsafeBufferPointer(start: start, count: end - start)
            } else {
                value = UnsafeBufferPointer(start: nil, count: 0)
            }
            try body(ODFAttribute(namespace: cache.namespace(base[2]), name: XMLName(local: local, namespace: .other), value: value))
        }
    }
}

/// Parses a non-negative count such as `table:number-columns-repeated`; nil when it is not one. Counts too
/// large for any sheet saturate at 2^40 rather than wrap, so a hostile count still reaches the limits.
func parseODFCount(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < b.count, isXMLSpace(b[i]) { i += 1 }
    if i < b.count, b[i] == UInt8(ascii: "+") { i += 1 }
    var n = 0
    var digits = 0
    while i < b.count, b[i] >= 48, b[i] <= 57 {
        if n < 1 << 40 { n = n * 10 + Int(b[i] - 48) }
        digits += 1
        i += 1
    }
    while i < b.count, isXMLSpace(b[i]) { i += 1 }
    guard digits > 0, i == b.count else { return nil }
    return min(n, 1 << 40)
}
