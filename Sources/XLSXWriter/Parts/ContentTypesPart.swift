/// `[Content_Types].xml`.
struct ContentTypesPart {
    var overrides: [(part: String, type: String)] = []
    var hasVML = false

    static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    func write() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        if hasVML { x.raw("<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>") }
        for o in overrides {
            x.raw("<Override")
            x.attribute("PartName", "/" + o.part)
            x.attribute("ContentType", o.type)
            x.raw("/>")
        }
        x.raw("</Types>")
        return x.bytes
    }
}

/// A `.rels` part.
struct RelationshipsPart {
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    var relationships: [(id: String, type: String, target: String, external: Bool)] = []

    /// Adds a relationship of a type under the office-document namespace (`worksheet`, `styles`, …) and returns its id.
    @discardableResult
    mutating func add(_ type: String, target: String, external: Bool = false) -> String {
        let id = "rId\(relationships.count + 1)"
        let full = type.contains("://") ? type : RelationshipsPart.officeDocument + type
        relationships.append((id, full, target, external))
        return id
    }

    func write() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for r in relationships {
            x.raw("<Relationship")
            x.attribute("Id", r.id)
            x.attribute("Type", r.type)
            x.attribute("Target", r.target)
            if r.external { x.raw(" TargetMode=\"External\"") }
            x.raw("/>")
        }
        x.raw("</Relationships>")
        return x.bytes
    }
}
