import XLSXCore

@testable import XLSXReader

/// Namespace declarations used by the inline documents of the part tests.
enum NS {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let package = "http://schemas.openxmlformats.org/package/2006/relationships"
}

/// Feeds an inline document to `handler` through the SAX parser and returns the handler.
@discardableResult
func parse<H: SAXHandler>(_ xml: String, into handler: H) throws -> H {
    try SAXParser.parse(Array(xml.utf8), handler: handler)
    return handler
}

/// A worksheet document around `sheetData` content (and optional parts after it).
func worksheetXML(_ sheetData: String, before: String = "", after: String = "", namespace: String = NS.main) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <worksheet xmlns="\(namespace)" xmlns:r="\(NS.rels)">\(before)<sheetData>\(sheetData)</sheetData>\(after)</worksheet>
    """
}

/// Parses a worksheet and returns its rows and metadata, both stages on this thread as a small part is read,
/// the document pushed whole or `chunkSize` bytes at a time.
func parseWorksheet(
    _ xml: String, sharedStrings: [String] = [], formats: [CellFormat] = [], date1904: Bool = false, chunkSize: Int? = nil
) throws -> (rows: [Row], metadata: SheetMetadata) {
    var rows: [Row] = []
    let bytes = Array(xml.utf8)
    let metadata = try SheetRowReader.readDocument(
        bytes, chunkSize: chunkSize ?? bytes.count, sharedStrings: sharedStrings, formats: formats, date1904: date1904,
        maxStringLength: ReadLimits.standard.maxStringLength
    ) { rows.append($0) }
    return (rows, metadata)
}

/// The cells of parsed rows by A1 reference.
func cellsByReference(_ rows: [Row]) -> [String: Cell] {
    var out: [String: Cell] = [:]
    for row in rows { for cell in row.cells { out[cell.reference.description] = cell } }
    return out
}

/// A cell format of the given category, for worksheet tests that need dates.
func format(_ category: NumberFormat.Category, id: Int = 14, code: String = "yyyy-mm-dd") -> CellFormat {
    CellFormat(numberFormatID: id, formatCode: code, category: category, locked: true, hidden: false)
}
