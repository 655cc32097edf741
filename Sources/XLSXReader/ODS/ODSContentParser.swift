import XLSXCore

/// Parses an OpenDocument spreadsheet's `content.xml` (and `styles.xml` before it), or a whole flat
/// `.fods` document, by SAX into `LoadedSheet`s.
///
/// Repeated rows and cells are expanded only when they hold something: LibreOffice ends every sheet with
/// an empty row repeated to row 1,048,576, which costs nothing here. Repeated content is materialised
/// within Excel's grid and up to `maxExpandedCells` copies per document; beyond that the document is
/// refused with `.limitExceeded`.
final class ODSContentParser: SAXHandler {
    /// What an open element is, so its end tag and the text inside it are handled accordingly.
    enum Frame: UInt8 {
        case document, styles, body, spreadsheet, table, tableGroup, row, cell, paragraph, inline, ignored
    }

    // The SAX callbacks touch this state for every cell and never overlap (one parser, one thread).
    @exclusivity(unchecked) var stack: [Frame] = []
    @exclusivity(unchecked) var ns = ODFNamespaceCache()
    let styles = ODSStyles()
    let limits: ReadLimits
    let maxExpandedCells: Int
    /// File and part, for error messages.
    @exclusivity(unchecked) var location: ErrorLocation

    /// The sheets read so far, in document order.
    @exclusivity(unchecked) private(set) var sheets: [LoadedSheet] = []
    /// The formats cells point at; index 0 is General (`ODSContentParser+Cell.swift` adds to it).
    @exclusivity(unchecked) var formats: [CellFormat] = [.general]
    /// The root element's local name (`document`, `document-content`, `document-styles`).
    @exclusivity(unchecked) private(set) var root: String?
    /// Whether an `office:spreadsheet` body was seen.
    @exclusivity(unchecked) private(set) var sawSpreadsheet = false
    /// The kind of body that is not a spreadsheet (`text`, `presentation`, …), when the document has one.
    @exclusivity(unchecked) private(set) var otherBody: String?

    // The sheet being read.
    @exclusivity(unchecked) var table: LoadedSheet?
    @exclusivity(unchecked) var nextRow = 0
    @exclusivity(unchecked) var nextColumnDefinition = 0
    /// Runs of columns with a `table:default-cell-style-name`, in column order.
    @exclusivity(unchecked) var columnStyles: [(start: Int, end: Int, style: String)] = []

    // The row being read.
    @exclusivity(unchecked) var rowIndex = 0
    @exclusivity(unchecked) var rowRepeat = 1
    @exclusivity(unchecked) var rowHidden = false
    @exclusivity(unchecked) var rowHeight: Double?
    @exclusivity(unchecked) var rowDefaultStyle: String?
    @exclusivity(unchecked) var rowCells: [Cell] = []
    @exclusivity(unchecked) var nextColumn = 0

    // The cell being read.
    @exclusivity(unchecked) var cell = ODSPendingCell()
    @exclusivity(unchecked) var text: [UInt8] = []

    // Budgets shared by the whole document.
    @exclusivity(unchecked) var expandedCells = 0
    /// Hidden rows and columns and column widths recorded for runs of rows or columns.
    @exclusivity(unchecked) var metadataEntries = 0
    /// Spaces added by `text:s` counts: 25 bytes of XML can ask for ten million.
    @exclusivity(unchecked) var expandedSpaces = 0

    // Format indexes by cell style name, and by format code.
    @exclusivity(unchecked) var formatByStyle: [String: Int] = [:]
    @exclusivity(unchecked) var lastStyle: (name: [UInt8], index: Int)?
    @exclusivity(unchecked) var formatByCode: [String: Int] = ["General": 0]

    /// The most sheets a document may have (LibreOffice allows 10,000).
    static let maxSheets = 10_000
    /// Rows or columns of one repeated run recorded as hidden (LibreOffice hides "the rest of the sheet" so).
    static let maxHiddenPerRun = 1024
    /// Hidden rows and columns and column widths recorded for runs across the document; beyond it they are
    /// no longer recorded (a crafted file could otherwise ask for 16,384 per column element and sheet).
    static let maxMetadataEntries = 1 << 20
    /// Spaces copied in blocks (appending them one by one costs seconds per million in a debug build).
    static let spaces = [UInt8](repeating: 0x20, count: 1 << 16)
    /// Spaces `text:s` may add across the document.
    static let maxExpandedSpaces = 64 << 20

    init(limits: ReadLimits, location: ErrorLocation, maxExpandedCells: Int = 4_000_000) {
        self.limits = limits
        self.location = location
        self.maxExpandedCells = maxExpandedCells
        stack.reserveCapacity(32)
        text.reserveCapacity(256)
    }

    /// Read only this table (by its order in the document), leaving the others' rows unread: the stream
    /// of one sheet (`ODSSheetStream`).
    @exclusivity(unchecked) var onlySheet: Int?
    /// Read the tables without their rows: the sheets and their names when a workbook is opened.
    @exclusivity(unchecked) var structureOnly = false
    @exclusivity(unchecked) private(set) var tablesSeen = 0
    /// With `onlySheet`, whether that table has ended.
    @exclusivity(unchecked) private(set) var onlySheetDone = false
    @exclusivity(unchecked) private var formatsRegistered = false

    /// Whether the part being read may only contribute styles (`styles.xml`): a body there is ignored.
    @exclusivity(unchecked) private var stylesOnly = false

    /// Prepares for the next part of the package (`styles.xml`, then `content.xml`).
    func beginPart(_ part: String?, stylesOnly: Bool = false) {
        stack.removeAll(keepingCapacity: true)
        ns.reset()
        location.part = part
        self.stylesOnly = stylesOnly
    }

    // MARK: SAX events

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard let parent = stack.last else {
            try startRoot(name)
            return
        }
        let frame: Frame
        // ODF elements are matched by local name: SAXParser reports every ODF namespace as `.other`.
        let odf = name.namespace == .other
        switch parent {
        case .ignored:
            frame = .ignored
        case .document:
            if odf, name.is("automatic-styles") || name.is("styles") {
                frame = .styles
            } else if odf, name.is("body"), !stylesOnly {
                frame = .body
            } else {
                frame = .ignored
            }
        case .styles:
            frame = .styles
            if odf { styles.startElement(name, attributes, &ns) }
        case .body:
            if odf, name.is("spreadsheet") {
                sawSpreadsheet = true
                registerStyleFormats()
                frame = .spreadsheet
            } else {
                if odf, otherBody == nil { otherBody = name.string }
                frame = .ignored
            }
        case .spreadsheet:
            if odf, name.is("table") {
                let ordinal = tablesSeen
                tablesSeen += 1
                if let only = onlySheet, ordinal != only {
                    frame = .ignored
                } else {
                    try startTable(attributes)
                    frame = .table
                }
            } else {
                frame = .ignored
            }
        case .table, .tableGroup:
            if !odf {
                frame = .ignored
            } else if name.is("table-row") {
                if structureOnly {
                    frame = .ignored
                } else {
                    try startRow(attributes)
                    frame = .row
                }
            } else if name.is("table-column") {
                column(attributes)
                frame = .ignored
            } else if name.is("table-rows") || name.is("table-header-rows") || name.is("table-row-group")
                || name.is("table-columns") || name.is("table-header-columns") || name.is("table-column-group")
            {
                frame = .tableGroup
            } else {
                frame = .ignored
            }
        case .row:
            if odf, name.is("table-cell") || name.is("covered-table-cell") {
                startCell(attributes)
                frame = .cell
            } else {
                frame = .ignored
            }
        case .cell:
            // Paragraphs directly in the cell are its text; annotations, shapes and text boxes are not.
            if odf, name.is("p") || name.is("h") {
                if cell.paragraphs > 0 { try appendText(0x0A) }
                cell.paragraphs += 1
                frame = .paragraph
            } else {
                frame = .ignored
            }
        case .paragraph, .inline:
            frame = try startInline(name, attributes, odf: odf)
        }
        stack.append(frame)
    }

    func endElement(_ name: XMLName) throws {
        guard let frame = stack.popLast() else { return }
        switch frame {
        case .styles: styles.endElement(name)
        case .table: endTable()
        case .row: try endRow()
        case .cell: try endCell()
        default: break
        }
    }

    @inline(__always)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let top = stack.last else { return }
        switch top {
        case .paragraph, .inline:
            text.append(contentsOf: bytes)
            if text.count > limits.maxStringLength &* 4 { throw textTooLong() }
        case .styles:
            styles.characters(bytes)
        default:
            break
        }
    }

    private func startRoot(_ name: XMLName) throws {
        guard name.namespace == .other, name.is("document") || name.is("document-content") || name.is("document-styles") else {
            throw XLSXError(
                .unsupported, "the XML document is not an OpenDocument document (its root element is <\(name.string)>)",
                hint: "save it from LibreOffice, Excel or WPS as an OpenDocument spreadsheet (.ods) or as .xlsx",
                zh: "该 XML 文件不是 OpenDocument 文档（根元素为 <\(name.string)>）",
                zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试", location: location)
        }
        root = name.string
        stack.append(.document)
    }

    /// An element inside a paragraph: spaces, tabs and line breaks become text; spans and links pass
    /// their text through; notes, annotations and drawings are left out.
    private func startInline(_ name: XMLName, _ attributes: XMLAttributes, odf: Bool) throws -> Frame {
        guard odf else { return .inline }
        if name.is("s") {
            var count = 1
            attributes.forEachODF(&ns) { a in
                if a.namespace == .text, a.name.is("c"), let c = parseODFCount(a.value) { count = max(c, 1) }
            }
            guard text.count &+ count <= limits.maxStringLength &* 4 else { throw textTooLong() }
            expandedSpaces &+= count
            guard expandedSpaces <= ODSContentParser.maxExpandedSpaces else {
                throw XLSXError(
                    .limitExceeded, "text:s elements ask for more than \(ODSContentParser.maxExpandedSpaces) spaces in all",
                    hint: "the file is damaged or crafted; it was not read",
                    zh: "文件中的连续空格（text:s）合计超过\(ODSContentParser.maxExpandedSpaces)个",
                    zhHint: "电子表格软件不会生成这样的文件，该文件已损坏或被人为构造，为安全起见未读取", location: location)
            }
            var left = count
            while left > 0 {
                let n = min(left, ODSContentParser.spaces.count)
                ODSContentParser.spaces.withUnsafeBufferPointer { text.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                left -= n
            }
            return .ignored
        }
        if name.is("tab") {
            try appendText(0x09)
            return .ignored
        }
        if name.is("line-break") {
            try appendText(0x0A)
            return .ignored
        }
        if name.is("annotation") || name.is("annotation-end") || name.is("note") || name.is("frame") || name.is("custom-shape")
            || name.is("rect") || name.is("ellipse") || name.is("line") || name.is("g") || name.is("ruby-text")
            || name.is("bookmark") || name.is("bookmark-start") || name.is("bookmark-end") || name.is("soft-page-break")
        {
            return .ignored
        }
        if name.is("a"), cell.href == nil {
            attributes.forEachODF(&ns) { a in
                if a.namespace == .xlink, a.name.is("href"), a.value.count > 0, a.value.count < 2048 { cell.href = a.string }
            }
        }
        return .inline
    }

    @inline(__always)
    private func appendText(_ byte: UInt8) throws {
        text.append(byte)
        if text.count > limits.maxStringLength &* 4 { throw textTooLong() }
    }

    // MARK: tables, columns, rows

    private func startTable(_ attributes: XMLAttributes) throws {
        guard sheets.count < ODSContentParser.maxSheets else {
            throw XLSXError(
                .limitExceeded, "the document has more than \(ODSContentParser.maxSheets) sheets",
                hint: "no spreadsheet program writes so many; the file is damaged or crafted",
                zh: "文件包含超过\(ODSContentParser.maxSheets)个工作表",
                zhHint: "电子表格软件不会生成这样的文件，该文件已损坏或被人为构造，为安全起见未读取", location: location)
        }
        var name: String?
        var hidden = false
        var protection: SheetProtection?
        var key: String?, digest: String?
        attributes.forEachODF(&ns) { a in
            guard a.namespace == .table else { return }
            if a.name.is("name") {
                name = a.string
            } else if a.name.is("style-name") {
                hidden = styles.hiddenTableStyles.contains(a.string)
            } else if a.name.is("protected") {
                if a.equals("true") { protection = SheetProtection(isProtected: true, passwordHash: nil, algorithmName: nil, flags: [:]) }
            } else if a.name.is("protection-key") {
                key = a.string
            } else if a.name.is("protection-key-digest-algorithm") {
                digest = a.string
            }
        }
        protection?.passwordHash = key
        protection?.algorithmName = digest
        let sheetName = (name?.isEmpty ?? true) ? "Sheet\(sheets.count + 1)" : name!
        var metadata = SheetMetadata()
        metadata.protection = protection
        table = LoadedSheet(name: sheetName, state: hidden ? .hidden : .visible, rows: [], metadata: metadata)
        nextRow = 0
        nextColumnDefinition = 0
        columnStyles.removeAll()
        location.sheet = sheetName
    }

    private func endTable() {
        if let table { sheets.append(table) }
        if onlySheet != nil { onlySheetDone = true }
        table = nil
        location.sheet = nil
        location.cell = nil
    }

    /// A `table:table-column`: hidden columns, widths, and the default style of its cells.
    private func column(_ attributes: XMLAttributes) {
        guard table != nil else { return }
        var repeats = 1
        var hidden = false
        var style: String?
        var defaultStyle: String?
        attributes.forEachODF(&ns) { a in
            guard a.namespace == .table else { return }
            if a.name.is("number-columns-repeated") {
                repeats = max(parseODFCount(a.value) ?? 1, 1)
            } else if a.name.is("visibility") {
                hidden = a.equals("collapse") || a.equals("filter")
            } else if a.name.is("style-name") {
                style = a.string
            } else if a.name.is("default-cell-style-name") {
                defaultStyle = a.string
            }
        }
        let start = nextColumnDefinition
        nextColumnDefinition = min(start &+ repeats, 1 << 40)
        let end = min(nextColumnDefinition, Limits.maxColumns)
        guard start < end else { return }
        if hidden {
            let last = min(end, start + ODSContentParser.maxHiddenPerRun)
            if record(last - start) {
                for c in start..<last { table!.metadata.hiddenColumns.insert(c) }
            }
        }
        if end - start < 1024, let style, let width = styles.columnWidths[style], record(end - start) {
            for c in start..<end { table!.metadata.columnWidths[c] = width }
        }
        if let defaultStyle, defaultStyle != "Default" { columnStyles.append((start, end, defaultStyle)) }
    }

    private func startRow(_ attributes: XMLAttributes) throws {
        rowRepeat = 1
        rowHidden = false
        rowHeight = nil
        rowDefaultStyle = nil
        attributes.forEachODF(&ns) { a in
            guard a.namespace == .table else { return }
            if a.name.is("number-rows-repeated") {
                rowRepeat = max(parseODFCount(a.value) ?? 1, 1)
            } else if a.name.is("visibility") {
                rowHidden = a.equals("collapse") || a.equals("filter")
            } else if a.name.is("style-name") {
                rowHeight = styles.rowHeights[a.string]
            } else if a.name.is("default-cell-style-name") {
                rowDefaultStyle = a.string
            }
        }
        rowIndex = nextRow
        nextColumn = 0
        // A fresh array: the last one now belongs to a Row, and keeping its capacity would give every
        // later row the storage of the widest.
        rowCells = []
    }

    private func endRow() throws {
        guard table != nil else { return }
        let repeats = rowRepeat
        nextRow = min(rowIndex &+ repeats, 1 << 40)
        if rowCells.isEmpty {
            // An empty run is never materialised; a hidden one is recorded, bounded per run and overall.
            if rowHidden, rowIndex < Limits.maxRows {
                let end = min(rowIndex + min(repeats, ODSContentParser.maxHiddenPerRun), Limits.maxRows)
                if record(end - rowIndex) {
                    for r in rowIndex..<end { table!.metadata.hiddenRows.insert(r) }
                }
            }
            return
        }
        guard rowIndex &+ repeats <= Limits.maxRows else {
            location.cell = rowCells.first.map { CellReference(row: min(rowIndex, Limits.maxRows), column: $0.reference.column) }
            throw beyondGrid(
                "row \(rowIndex + 1) holds cells and is repeated \(repeats) times, past Excel's last row \(Limits.maxRows)",
                zh: "第\(rowIndex + 1)行有内容且重复\(repeats)次，超出 Excel 的最大行数\(Limits.maxRows)")
        }
        try spendExpansion(rowCells.count * (repeats - 1))
        table!.rows.append(Row(index: rowIndex, cells: rowCells, hidden: rowHidden, height: rowHeight))
        if rowHidden { table!.metadata.hiddenRows.insert(rowIndex) }
        if repeats > 1 {
            for k in 1..<repeats {
                var cells = rowCells
                for i in cells.indices { cells[i].reference.row = rowIndex + k }
                table!.rows.append(Row(index: rowIndex + k, cells: cells, hidden: rowHidden, height: rowHeight))
                if rowHidden { table!.metadata.hiddenRows.insert(rowIndex + k) }
            }
        }
    }

    /// The rows read since the last call: of the table being read, or of the one just ended.
    func takeRows() -> [Row] {
        if table != nil {
            defer { table!.rows = [] }
            return table!.rows
        }
        guard let last = sheets.indices.last, !sheets[last].rows.isEmpty else { return [] }
        defer { sheets[last].rows = [] }
        return sheets[last].rows
    }

    /// Everything outside the cells of the table being read, or of the one just ended.
    var currentMetadata: SheetMetadata { table?.metadata ?? sheets.last?.metadata ?? SheetMetadata() }

    /// Gives every cell style's number format, and the formats of value types, their index before the
    /// first cell: the indexes are then the same in every read of the document, whichever sheet is read.
    private func registerStyleFormats() {
        guard !formatsRegistered else { return }
        formatsRegistered = true
        for code in ["0%", "0.00%", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "hh:mm:ss", "[h]:mm:ss"] { _ = register(code) }
        for name in styles.cellStyleNames.sorted() { _ = formatIndex(styleName: name) }
    }

    /// Whether `n` more metadata entries fit the document's budget, counting them when they do.
    private func record(_ n: Int) -> Bool {
        guard metadataEntries + n <= ODSContentParser.maxMetadataEntries else { return false }
        metadataEntries += n
        return true
    }

    /// Counts cells made by repetition against the document's budget.
    func spendExpansion(_ n: Int) throws {
        expandedCells &+= n
        guard expandedCells <= maxExpandedCells else {
            throw XLSXError(
                .limitExceeded, "repeated rows and cells expand to more than \(maxExpandedCells) cells",
                hint: "the file is damaged or crafted; open it in LibreOffice and save it again, or save it as .xlsx",
                zh: "重复的行和单元格展开后超过\(maxExpandedCells)个单元格",
                zhHint: "该文件已损坏或被人为构造，为安全起见未读取；请用 LibreOffice 打开后重新保存，或另存为 .xlsx", location: location)
        }
    }

    func beyondGrid(_ message: String, zh: String) -> XLSXError {
        XLSXError(
            .limitExceeded, message, hint: "Excel's grid has 1,048,576 rows and 16,384 columns; the file is damaged or crafted",
            zh: zh, zhHint: "Excel 工作表最多1048576行、16384列，该文件已损坏或被人为构造，为安全起见未读取", location: location)
    }

    func textTooLong() -> XLSXError {
        XLSXError(
            .limitExceeded, "a cell's text is longer than \(limits.maxStringLength) characters",
            hint: "a cell holds at most 32,767 characters; the file is damaged or crafted",
            zh: "单元格文字超过\(limits.maxStringLength)个字符",
            zhHint: "Excel 单元格最多容纳32767个字符，该文件已损坏或被人为构造，请让报送单位用 Excel 或 WPS 重新保存后再报送",
            location: ErrorLocation(file: location.file, part: location.part, sheet: location.sheet, cell: CellReference(row: rowIndex, column: cell.column)))
    }
}
