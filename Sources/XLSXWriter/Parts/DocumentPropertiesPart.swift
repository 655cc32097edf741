/// Document properties: `docProps/core.xml` (title, author, dates) and `docProps/app.xml` (application, sheet names).
public struct DocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    public var creator: String?
    public var keywords: String?
    public var description: String?
    public var company: String?
    /// W3CDTF time stamps such as `2021-03-16T00:00:00Z`; fixed by default so output is reproducible.
    public var created = "2021-01-01T00:00:00Z"
    public var modified = "2021-01-01T00:00:00Z"

    public init() {}

    func writeCore() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        func element(_ tag: String, _ value: String?) {
            guard let value else { return }
            x.raw("<\(tag)>")
            x.text(value)
            x.raw("</\(tag)>")
        }
        element("dc:title", title)
        element("dc:subject", subject)
        element("dc:creator", creator)
        element("cp:keywords", keywords)
        element("dc:description", description)
        element("cp:lastModifiedBy", creator)
        x.raw("<dcterms:created xsi:type=\"dcterms:W3CDTF\">")
        x.text(created)
        x.raw("</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">")
        x.text(modified)
        x.raw("</dcterms:modified></cp:coreProperties>")
        return x.bytes
    }

    func writeApp(sheetNames: [String]) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        x.raw("<Application>minsheng</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        x.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>")
        x.int(sheetNames.count)
        x.raw("</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector")
        x.attribute("size", sheetNames.count)
        x.raw(" baseType=\"lpstr\">")
        for n in sheetNames {
            x.raw("<vt:lpstr>")
            x.text(n)
            x.raw("</vt:lpstr>")
        }
        x.raw("</vt:vector></TitlesOfParts>")
        if let company {
            x.raw("<Company>")
            x.text(company)
            x.raw("</Company>")
        }
        x.raw("<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>")
        return x.bytes
    }
}
