import XLSXCore

/// One `<Relationship>` of a `.rels` part.
struct Relationship: Sendable {
    var id: String
    var type: String
    var target: String
    var external: Bool

    /// Whether the relationship type ends with `/suffix` (transitional and Strict type URIs share their last segment).
    func isType(_ suffix: String) -> Bool { type.hasSuffix("/" + suffix) }
}

/// Parses a relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`, …).
final class RelationshipsParser: SAXHandler {
    private(set) var relationships: [Relationship] = []

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.is("Relationship"), name.namespace == .packageRelationships || name.namespace == .none else { return }
        guard let target = attributes.string("Target") else { return }
        relationships.append(
            Relationship(
                id: attributes.string("Id") ?? "", type: attributes.string("Type") ?? "", target: target,
                external: attributes.string("TargetMode") == "External"))
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}

    /// Reads the relationships of `part`; a package without them gives an empty list.
    static func read(for part: String, in archive: ZipArchive) throws -> [Relationship] {
        let relsPart = PartName.relationships(of: part)
        guard archive.contains(relsPart) else { return [] }
        let parser = RelationshipsParser()
        try SAXParser.parse(relsPart, in: archive, handler: parser, location: ErrorLocation(file: archive.fileName, part: relsPart))
        return parser.relationships
    }
}

/// OPC part-name arithmetic: resolving relationship targets against their source part.
enum PartName {
    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package → `_rels/.rels`.
    static func relationships(of part: String) -> String {
        if part.isEmpty || part == "/" { return "_rels/.rels" }
        let p = strip(part)
        if let slash = p.lastIndex(of: "/") {
            return p[..<slash] + "/_rels/" + p[p.index(after: slash)...] + ".rels"
        }
        return "_rels/" + p + ".rels"
    }

    /// Resolves `target` relative to the folder of `source`; absolute targets (`/xl/...`) start at the root.
    /// - Returns: nil when the target climbs above the package root or is an external URI.
    static func resolve(_ target: String, from source: String) -> String? {
        var t = target
        if let hash = t.firstIndex(of: "#") { t = String(t[..<hash]) }
        t = percentDecoded(t.replacingBackslashes())
        if t.contains("://") { return nil }
        var segments: [Substring]
        if t.hasPrefix("/") {
            segments = []
        } else {
            segments = strip(source).split(separator: "/")
            if !segments.isEmpty { segments.removeLast() }
        }
        for s in t.split(separator: "/") {
            if s == "." { continue }
            if s == ".." {
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            } else {
                segments.append(s)
            }
        }
        return segments.joined(separator: "/")
    }

    static func strip(_ part: String) -> String {
        var s = Substring(part)
        while s.hasPrefix("/") { s = s.dropFirst() }
        return String(s)
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String { String(map { $0 == "\\" ? "/" : $0 }) }
}
