import XLSXCore

/// What minsheng keeps of one cell format (`<xf>` of `cellXfs`).
public struct CellFormat: Sendable, Hashable {
    public var numberFormatID: Int
    /// The format code, from the workbook's `<numFmt>` or the built-in table.
    public var formatCode: String
    public var category: NumberFormat.Category
    /// Whether the cell is locked when the sheet is protected (true unless the format says otherwise).
    public var locked: Bool
    /// Whether the formula is hidden when the sheet is protected.
    public var hidden: Bool

    public static let general = CellFormat(numberFormatID: 0, formatCode: "General", category: .general, locked: true, hidden: false)
}

/// Parses `xl/styles.xml`: custom number formats and the cell formats that use them.
final class StylesParser: SAXHandler {
    private var customFormats: [Int: String] = [:]
    private var xfs: [(numFmtID: Int, locked: Bool, hidden: Bool)] = []
    private var inNumFmts = false
    private var inCellXfs = false
    private var inXf = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == .main || name.namespace == .none else { return }
        if name.is("numFmts") {
            inNumFmts = true
        } else if inNumFmts, name.is("numFmt") {
            if let id = attributes.int("numFmtId"), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if inCellXfs, name.is("xf") {
            inXf = true
            xfs.append((attributes.int("numFmtId") ?? 0, true, false))
        } else if inXf, name.is("protection"), !xfs.isEmpty {
            xfs[xfs.count - 1].locked = attributes.bool("locked") ?? true
            xfs[xfs.count - 1].hidden = attributes.bool("hidden") ?? false
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.isMain("numFmts") { inNumFmts = false }
        if name.isMain("cellXfs") { inCellXfs = false }
        if name.isMain("xf") { inXf = false }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}

    /// The cell formats by `s` index.
    func formats() -> [CellFormat] {
        xfs.map { xf in
            let code = customFormats[xf.numFmtID] ?? NumberFormat.builtIn[xf.numFmtID] ?? "General"
            let category: NumberFormat.Category
            if let custom = customFormats[xf.numFmtID] {
                category = NumberFormat.category(code: custom)
            } else {
                category = NumberFormat.category(builtIn: xf.numFmtID)
            }
            return CellFormat(numberFormatID: xf.numFmtID, formatCode: code, category: category, locked: xf.locked, hidden: xf.hidden)
        }
    }
}
