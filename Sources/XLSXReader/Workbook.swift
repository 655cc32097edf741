import XLSXCore

/// What kind of sheet a tab is.
public enum SheetKind: String, Sendable, Hashable {
    case worksheet
    case chartsheet
    case dialogsheet
    case macrosheet
}

/// A sheet of the workbook as listed in `xl/workbook.xml`.
public struct SheetInfo: Sendable, Hashable {
    public var name: String
    /// Zero-based position in workbook (tab) order, hidden sheets included.
    public var index: Int
    public var state: SheetState
    public var kind: SheetKind
    /// The part holding the sheet, or nil when the workbook's relationship to it is missing.
    public var part: String?
}

/// A workbook opened for reading: `.xlsx`/`.xlsm`, and through the same API `.xls`/`.et`, `.ods`/`.fods`
/// and `.csv`/`.tsv`, the format decided by the content, not the name.
///
/// An `.xlsx` is streamed: opening reads only the package's directory, the relationships and
/// `xl/workbook.xml`; shared strings and styles are read the first time a sheet is. The other formats are
/// read whole when opened (`LoadedBook`). A `Workbook` holds an open archive and is not `Sendable`: open
/// one per task to read workbooks in parallel.
public final class Workbook {
    /// The path or name given when opening, used in error messages.
    public let name: String?
    public let sheets: [SheetInfo]
    public let definedNames: [DefinedName]
    /// Whether dates count from 1904 (old Mac Excel) instead of 1900.
    public let date1904: Bool
    /// The workbook part, such as `xl/workbook.xml` (empty for the other formats).
    public let workbookPart: String
    /// The format the content was recognised as.
    public let format: LoadedBook.Format

    let archive: ZipArchive?
    private let loaded: LoadedBook?
    private let limits: ReadLimits
    private let workbookRelationships: [Relationship]
    private var loadedStrings: [String]?
    private var loadedFormats: [CellFormat]?

    /// Opens a workbook on disk read-only, in any format minsheng reads.
    /// - Throws: `XLSXError` naming the file and part: not a workbook, an encrypted file, a missing or malformed part.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        let head = try FormatSniffer.head(path: path)
        let tsv = path.lowercased().hasSuffix(".tsv")
        switch FormatSniffer.kind(head) {
        case .zip, .empty:
            let archive = try ZipArchive(path: path, limits: limits)
            if let book = try Workbook.openDocument(archive) { try self.init(loaded: book, name: path, limits: limits) } else { try self.init(archive: archive) }
        case .compoundFile, .bareBIFF:
            try self.init(loaded: Workbook.legacy(FormatSniffer.readAll(path: path, limits: limits), name: path, limits: limits), name: path, limits: limits)
        case .flatODS:
            try self.init(loaded: Workbook.flatDocument(FormatSniffer.readAll(path: path, limits: limits), name: path, limits: limits), name: path, limits: limits)
        case .text:
            try self.init(loaded: CSVReader.open(path: path, tab: tsv, limits: limits), name: path, limits: limits)
        case .unknownBinary:
            throw FormatSniffer.unknown(path)
        }
    }

    /// Opens a workbook held in memory (for example read from standard input), in any format minsheng reads.
    public convenience init(bytes: [UInt8], name: String? = nil, limits: ReadLimits = .standard) throws {
        switch FormatSniffer.kind(Array(bytes.prefix(4096))) {
        case .zip, .empty:
            let archive = try ZipArchive(bytes: bytes, name: name, limits: limits)
            if let book = try Workbook.openDocument(archive) { try self.init(loaded: book, name: name, limits: limits) } else { try self.init(archive: archive) }
        case .compoundFile, .bareBIFF:
            try self.init(loaded: Workbook.legacy(bytes, name: name, limits: limits), name: name, limits: limits)
        case .flatODS:
            try self.init(loaded: Workbook.flatDocument(bytes, name: name, limits: limits), name: name, limits: limits)
        case .text:
            try self.init(loaded: CSVReader.read(bytes: bytes, name: name, limits: limits), name: name, limits: limits)
        case .unknownBinary:
            throw FormatSniffer.unknown(name)
        }
    }

    /// A workbook read whole by one of the other formats' readers.
    init(loaded book: LoadedBook, name: String?, limits: ReadLimits) throws {
        self.name = name
        self.loaded = book
        self.archive = nil
        self.limits = limits
        self.format = book.format
        self.workbookPart = ""
        self.workbookRelationships = []
        self.definedNames = []
        self.date1904 = book.date1904
        self.sheets = book.sheets.enumerated().map { i, s in SheetInfo(name: s.name, index: i, state: s.state, kind: s.kind, part: nil) }
        var seen: Set<String> = []
        for s in sheets where !seen.insert(s.name.lowercased()).inserted {
            throw XLSXError(
                .duplicateSheetName, "the workbook has two sheets named \"\(s.name)\"", zh: "工作簿中有两个名为“\(s.name)”的工作表",
                zhHint: "文件已损坏或被人为构造，请用 Excel 或 WPS 打开后重新保存", location: ErrorLocation(file: name))
        }
    }

    private init(archive: ZipArchive) throws {
        self.archive = archive
        self.loaded = nil
        self.limits = archive.limits
        self.format = .xlsx
        self.name = archive.fileName
        let root = try RelationshipsParser.read(for: "", in: archive)
        var part = root.first { $0.isType("officeDocument") && !$0.external }.flatMap { PartName.resolve($0.target, from: "") }
        if part == nil || !archive.contains(part!) {
            let types = try ContentTypesParser.read(in: archive)
            part = types.part(withTypeSuffix: "sheet.main+xml") ?? types.part(withTypeSuffix: "sheet.macroEnabled.main+xml")
                ?? types.part(withTypeSuffix: "template.main+xml")
                ?? (archive.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil)
        }
        guard let workbookPart = part, archive.contains(workbookPart) else {
            let looksLikeOther = archive.contains("word/document.xml") || archive.contains("ppt/presentation.xml")
                || archive.contains("content.xml")
            throw XLSXError(
                .missingPart, looksLikeOther ? "the package is a zip but not a spreadsheet (no workbook part)" : "the package has no workbook part",
                hint: "save the file from Excel or WPS as Excel Workbook (.xlsx)",
                zh: looksLikeOther ? "文件是 zip 压缩包，但不是电子表格（没有工作簿部件），可能是 Word、PowerPoint 或其他文档" : "文件中没有工作簿部件",
                zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试", location: ErrorLocation(file: archive.fileName))
        }
        self.workbookPart = workbookPart
        let parser = WorkbookPartParser()
        try SAXParser.parse(workbookPart, in: archive, handler: parser, location: ErrorLocation(file: archive.fileName, part: workbookPart))
        if parser.sheets.isEmpty, let root = parser.foreignRoot {
            throw XLSXError(
                .unsupported, "the workbook part's root element <\(root)> is not in the SpreadsheetML namespace, so it lists no sheets",
                hint: "the file comes from a pre-release or foreign format; open it in Excel or WPS and save it as .xlsx",
                zh: "工作簿部件的根元素 <\(root)> 不属于 SpreadsheetML 命名空间，因此读不到任何工作表",
                zhHint: "该文件来自测试版或其他格式，请用 Excel 或 WPS 打开后另存为 .xlsx 再试",
                location: ErrorLocation(file: archive.fileName, part: workbookPart))
        }
        workbookRelationships = try RelationshipsParser.read(for: workbookPart, in: archive)
        var byID: [String: Relationship] = [:]
        for r in workbookRelationships where byID[r.id] == nil { byID[r.id] = r }
        sheets = parser.sheets.enumerated().map { i, entry in
            let rel = entry.relationshipID.flatMap { byID[$0] }
            let kind: SheetKind =
                rel.map {
                    $0.isType("chartsheet") ? .chartsheet : $0.isType("dialogsheet") ? .dialogsheet
                        : ($0.isType("xlMacrosheet") || $0.isType("xlIntlMacrosheet")) ? .macrosheet : .worksheet
                } ?? .worksheet
            var target = rel.flatMap { PartName.resolve($0.target, from: workbookPart) }
            if target == nil || !archive.contains(target!), let id = entry.sheetID, archive.contains("xl/worksheets/sheet\(id).xml") {
                target = "xl/worksheets/sheet\(id).xml"  // relationship missing or wrong: fall back on the usual name
            }
            return SheetInfo(name: entry.name, index: i, state: entry.state, kind: kind, part: target)
        }
        definedNames = parser.definedNames
        date1904 = parser.date1904
        var seen: Set<String> = []
        for s in sheets {
            guard seen.insert(s.name.lowercased()).inserted else {
                throw XLSXError(
                    .duplicateSheetName, "the workbook has two sheets named \"\(s.name)\"",
                    hint: "Excel does not allow this; the file is damaged or crafted. Open it in Excel or WPS, rename one sheet and save again",
                    zh: "工作簿中有两个名为“\(s.name)”的工作表",
                    zhHint: "Excel 不允许工作表重名，该文件已损坏或被人为构造。请用 Excel 或 WPS 打开，将其中一个工作表改名后重新保存",
                    location: ErrorLocation(file: archive.fileName, part: workbookPart))
            }
            if let part = s.part, part.lowercased() == workbookPart.lowercased() || part.lowercased().hasSuffix(".rels") {
                throw XLSXError(
                    .invalidRelationship, "the relationship of sheet \(s.name) points at \(part), which is not a worksheet",
                    hint: "the file is damaged or crafted; open and save it again in Excel or WPS",
                    zh: "工作表“\(s.name)”的关系指向 \(part)，这不是工作表",
                    zhHint: "文件已损坏或被人为构造，请用 Excel 或 WPS 打开后重新保存",
                    location: ErrorLocation(file: archive.fileName, part: workbookPart, sheet: s.name))
            }
        }
    }

    /// The sheet with this name (compared ignoring case, as Excel does), if any.
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The shared-strings table, read on first use.
    public func sharedStrings() throws -> [String] {
        if let loadedStrings { return loadedStrings }
        var strings: [String] = []
        if let archive, let rel = workbookRelationships.first(where: { $0.isType("sharedStrings") }),
            let part = PartName.resolve(rel.target, from: workbookPart), archive.contains(part)
        {
            let parser = SharedStringsParser(maxLength: archive.limits.maxStringLength)
            try SAXParser.parse(part, in: archive, handler: parser, location: ErrorLocation(file: name, part: part))
            strings = parser.strings
        }
        loadedStrings = strings
        return strings
    }

    /// The cell formats (`cellXfs`), read on first use; a cell's `styleIndex` indexes this array.
    public func cellFormats() throws -> [CellFormat] {
        if let loadedFormats { return loadedFormats }
        if let loaded { return loaded.formats }
        var formats: [CellFormat] = []
        if let archive, let rel = workbookRelationships.first(where: { $0.isType("styles") }),
            let part = PartName.resolve(rel.target, from: workbookPart), archive.contains(part)
        {
            let parser = StylesParser()
            try SAXParser.parse(part, in: archive, handler: parser, location: ErrorLocation(file: name, part: part))
            formats = parser.formats()
        }
        loadedFormats = formats
        return formats
    }

    /// The format of a cell, or General when its style index is out of range.
    public func format(of cell: Cell) throws -> CellFormat {
        let formats = try cellFormats()
        return cell.styleIndex < formats.count ? formats[cell.styleIndex] : .general
    }

    /// Starts streaming the rows of a worksheet in constant memory.
    /// - Throws: `.missingPart` when the sheet's part is absent, `.unsupported` for a chart sheet.
    public func rows(of sheet: SheetInfo) throws -> SheetRowReader { try rows(of: sheet, parseAhead: nil) }

    /// The same; `parseAhead` says whether the sheet is parsed on a thread of its own (nil: when its part is
    /// large enough to gain from it), for the tests and the fuzzer to compare both ways.
    package func rows(of sheet: SheetInfo, parseAhead: Bool?) throws -> SheetRowReader {
        let loc = ErrorLocation(file: name, part: sheet.part, sheet: sheet.name)
        if let loaded {
            let s = loaded.sheets[sheet.index]
            if let source = s.source { return SheetRowReader(stream: try source.open()) }
            return SheetRowReader(rows: s.rows, metadata: s.metadata)
        }
        guard let archive, let part = sheet.part else {
            throw XLSXError(
                .missingPart, "the workbook lists sheet \(sheet.name) but its part is missing",
                hint: "the file is damaged; open and save it again in Excel or WPS",
                zh: "工作簿列有工作表“\(sheet.name)”，但缺少该工作表的内容部件",
                zhHint: "文件已损坏，请用 Excel 或 WPS 打开后重新保存", location: loc)
        }
        let decoder = CellDecoder(
            sharedStrings: try sharedStrings(), formats: try cellFormats(), date1904: date1904, sheetName: sheet.name)
        // Chart and dialog sheets have no cells; their parts are read all the same, so damage is reported.
        do {
            return try SheetRowReader(
                entry: archive.open(part), decoder: decoder, maxStringLength: limits.maxStringLength, location: loc,
                cellsWanted: sheet.kind == .worksheet || sheet.kind == .macrosheet, parseAhead: parseAhead)
        } catch let error as XLSXError {
            throw error.locatedIn(loc)
        }
    }

    /// Calls `body` for every row of a sheet in order and returns the sheet's metadata.
    @discardableResult
    public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetMetadata {
        let reader = try rows(of: sheet)
        while let row = try reader.next() { try body(row) }
        return reader.metadata
    }

    /// Loads a whole sheet into memory.
    public func grid(of sheet: SheetInfo) throws -> SheetGrid {
        // The rows first, then the dictionary at its final size, so it is never grown and rehashed.
        var rows: [Row] = []
        var count = 0
        let metadata = try forEachRow(in: sheet) { row in
            count += row.cells.count
            rows.append(row)
        }
        var cells = [CellReference: Cell](minimumCapacity: count)
        // Moved out of the rows, not copied (no retain and release of each cell's text), in document order
        // (reversed, then popped), so that of two cells with one reference the later wins, as Excel shows it.
        rows.reverse()
        while var row = rows.popLast() {
            row.cells.reverse()
            while let cell = row.cells.popLast() {
                let key = cell.reference
                cells[key] = consume cell
            }
        }
        return SheetGrid(info: sheet, cells: cells, metadata: metadata)
    }
}
