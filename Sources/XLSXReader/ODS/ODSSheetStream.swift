import XLSXCore

/// The rows of one sheet of an `.ods`, parsed as they are asked for: `content.xml` is inflated and parsed
/// a chunk at a time, the other tables' rows skipped, and the parse stops where the sheet ends.
final class ODSSheetStream: RowStream {
    private let parser: ODSContentParser
    private let entry: ZipEntryReader
    private let sax: SAXParser
    private var batch: [Row] = []
    private var position = 0
    private var finished = false

    /// - Parameter index: the sheet's place among the document's tables.
    init(archive: ZipArchive, index: Int, maxExpandedCells: Int) throws {
        let file = ErrorLocation(file: archive.fileName)
        parser = ODSContentParser(limits: archive.limits, location: file, maxExpandedCells: maxExpandedCells)
        parser.onlySheet = index
        if archive.contains("styles.xml") {
            parser.beginPart("styles.xml", stylesOnly: true)
            try SAXParser.parse("styles.xml", in: archive, handler: parser, location: ErrorLocation(file: archive.fileName, part: "styles.xml"))
        }
        parser.beginPart("content.xml")
        entry = try archive.open("content.xml")
        sax = try SAXParser(handler: parser, location: ErrorLocation(file: archive.fileName, part: "content.xml"))
    }

    func next() throws -> Row? {
        while position >= batch.count {
            if finished { return nil }
            if parser.onlySheetDone {
                finished = true
            } else if let chunk = try entry.next() {
                try sax.push(chunk)
            } else {
                try sax.finish()
                finished = true
            }
            batch = parser.takeRows()
            position = 0
        }
        defer { position += 1 }
        return batch[position]
    }

    var metadata: SheetMetadata { parser.currentMetadata }
}
