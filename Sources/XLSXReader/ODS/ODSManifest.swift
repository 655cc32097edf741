import XLSXCore

/// Parses `META-INF/manifest.xml` for what the reader needs to know before the content: whether the
/// package is encrypted (`manifest:encryption-data` under a file entry).
final class ODSManifestParser: SAXHandler {
    /// The parts the manifest lists as encrypted.
    private(set) var encryptedParts: [String] = []
    private var entry: String?
    private var ns = ODFNamespaceCache()

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == .other else { return }
        if name.is("file-entry") {
            entry = nil
            attributes.forEachODF(&ns) { a in
                if a.namespace == .manifest, a.name.is("full-path") { entry = a.string }
            }
        } else if name.is("encryption-data") {
            encryptedParts.append(entry ?? "?")
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.namespace == .other, name.is("file-entry") { entry = nil }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
