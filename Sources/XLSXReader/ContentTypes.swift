import XLSXCore

/// `[Content_Types].xml`: the content type of every part, by override or by extension.
final class ContentTypesParser: SAXHandler {
    private(set) var overrides: [String: String] = [:]
    private(set) var defaults: [String: String] = [:]

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == .contentTypes || name.namespace == .none else { return }
        if name.is("Override"), let part = attributes.string("PartName"), let type = attributes.string("ContentType") {
            overrides[PartName.strip(part).lowercased()] = type
        } else if name.is("Default"), let ext = attributes.string("Extension"), let type = attributes.string("ContentType") {
            defaults[ext.lowercased()] = type
        }
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}

    /// The first part whose override content type ends with `suffix` (used when relationships are missing).
    func part(withTypeSuffix suffix: String) -> String? {
        overrides.filter { $0.value.hasSuffix(suffix) }.keys.sorted().first
    }

    static func read(in archive: ZipArchive) throws -> ContentTypesParser {
        let parser = ContentTypesParser()
        let part = "[Content_Types].xml"
        if archive.contains(part) {
            try SAXParser.parse(part, in: archive, handler: parser, location: ErrorLocation(file: archive.fileName, part: part))
        }
        return parser
    }
}
