import XLSXCore

/// Where the readers of the other formats plug into `Workbook`.
extension Workbook {
    /// An OpenDocument package (its `mimetype` or its `content.xml` says so), each sheet streamed when it
    /// is read; nil for an OOXML package.
    static func openDocument(_ archive: ZipArchive) throws -> LoadedBook? {
        guard !archive.contains("[Content_Types].xml"), archive.contains("mimetype") || archive.contains("content.xml") else { return nil }
        return try ODSReader.open(archive: archive)
    }

    /// An Excel 97–2003 workbook (.xls, or WPS .et): the globals now, each sheet's rows as they are read.
    static func legacy(_ bytes: [UInt8], name: String?, limits: ReadLimits) throws -> LoadedBook {
        try XLSReader.read(bytes: bytes, name: name, limits: limits, streamed: true)
    }

    /// A flat OpenDocument spreadsheet (.fods), read whole.
    static func flatDocument(_ bytes: [UInt8], name: String?, limits: ReadLimits) throws -> LoadedBook {
        try ODSReader.readFlat(bytes: bytes, name: name, limits: limits)
    }
}
