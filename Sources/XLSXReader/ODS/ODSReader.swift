import XLSXCore

/// Reads OpenDocument spreadsheets: `.ods` packages (a zip with `mimetype` and `content.xml`) and flat
/// `.fods` documents (one `office:document`), into the model of `LoadedBook`.
///
/// The XML is streamed through `SAXParser` (DTDs and entity declarations refused, nesting capped), never
/// held as a tree. Values come from `office:value-type` and its `office:*-value` attribute; strings
/// from the cell's paragraphs. Repeated empty rows and cells cost nothing; repeated content is
/// materialised within Excel's grid and a budget of cells (`.limitExceeded` beyond it).
public enum ODSReader {
    /// The `mimetype` of an OpenDocument spreadsheet and of its template.
    static let spreadsheetTypes: Set<String> = [
        "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template",
    ]

    /// Reads an `.ods` package already opened.
    /// - Throws: `XLSXError`: `.legacyOrEncrypted` for a password-protected package, `.unsupported` for an
    ///   OpenDocument file that is not a spreadsheet, `.missingPart` without `content.xml`, `.malformedXML`,
    ///   `.limitExceeded`, `.invalidValue`, each naming the file, part, sheet and cell.
    static func read(archive: ZipArchive) throws -> LoadedBook {
        try read(archive: archive, maxExpandedCells: 4_000_000)
    }

    /// Opens an `.ods` package for reading its sheets as streams: one pass over the document's structure
    /// (styles, tables, no rows) now; each sheet's rows when they are read (`ODSSheetStream`). Each sheet's
    /// stream parses `content.xml` again up to its table, so a document of many sheets whose content is
    /// large is read whole instead, in one more pass.
    /// - Throws: `XLSXError` as `read(archive:)` does, for what the structure shows.
    static func open(archive: ZipArchive, maxExpandedCells: Int = 4_000_000) throws -> LoadedBook {
        let structure = try parse(archive: archive, maxExpandedCells: maxExpandedCells, structureOnly: true)
        let book = try book(structure, format: .ods, location: ErrorLocation(file: archive.fileName, part: "content.xml"))
        let budget = min(Int64(256 << 20), archive.limits.maxTotalSize / 2)
        if book.sheets.count > 1, Int64(book.sheets.count) * archive.inflatedBytes > budget {
            return try read(archive: archive, maxExpandedCells: maxExpandedCells)
        }
        // Each sheet's stream reads its own entry of the package, one at a time, as an .xlsx's rows are read.
        let handle = UncheckedBox(archive)
        let sheets = book.sheets.enumerated().map { i, sheet in
            LoadedSheet(name: sheet.name, state: sheet.state, kind: sheet.kind, rows: [], source: RowSource {
                try ODSSheetStream(archive: handle.value, index: i, maxExpandedCells: maxExpandedCells)
            })
        }
        return LoadedBook(format: .ods, sheets: sheets, formats: book.formats)
    }

    /// Reads an `.ods` file on disk.
    public static func read(path: String, limits: ReadLimits = .standard) throws -> LoadedBook {
        try read(archive: ZipArchive(path: path, limits: limits))
    }

    /// Reads an `.ods` package held in memory.
    public static func read(bytes: [UInt8], name: String? = nil, limits: ReadLimits = .standard) throws -> LoadedBook {
        try read(archive: ZipArchive(bytes: bytes, name: name, limits: limits))
    }

    static func read(archive: ZipArchive, maxExpandedCells: Int) throws -> LoadedBook {
        try book(parse(archive: archive, maxExpandedCells: maxExpandedCells, structureOnly: false), format: .ods,
                 location: ErrorLocation(file: archive.fileName, part: "content.xml"))
    }

    /// Checks the package and parses its styles and content.
    private static func parse(archive: ZipArchive, maxExpandedCells: Int, structureOnly: Bool) throws -> ODSContentParser {
        let file = ErrorLocation(file: archive.fileName)
        try checkMimetype(archive, file)
        try checkEncryption(archive, file)
        guard archive.contains("content.xml") else {
            throw XLSXError(
                .missingPart, "the package has no content.xml, so it is not an OpenDocument spreadsheet",
                hint: "the file is damaged; open it in LibreOffice and save it again",
                zh: "文件缺少 content.xml，不是有效的 OpenDocument 电子表格（.ods）",
                zhHint: "文件已损坏，请用 LibreOffice、Excel 或 WPS 打开后另存为 .xlsx 再试",
                location: ErrorLocation(file: archive.fileName, part: "content.xml"))
        }
        let parser = ODSContentParser(limits: archive.limits, location: file, maxExpandedCells: maxExpandedCells)
        parser.structureOnly = structureOnly
        // styles.xml holds the common cell styles and their number formats; content.xml the rest.
        if archive.contains("styles.xml") {
            parser.beginPart("styles.xml", stylesOnly: true)
            try SAXParser.parse("styles.xml", in: archive, handler: parser, location: ErrorLocation(file: archive.fileName, part: "styles.xml"))
        }
        parser.beginPart("content.xml")
        let content = ErrorLocation(file: archive.fileName, part: "content.xml")
        guard structureOnly else {
            try SAXParser.parse("content.xml", in: archive, handler: parser, location: content)
            return parser
        }
        // The structure needs no rows: they are taken out before the XML parser sees them (ODSRowElision).
        let sax = try SAXParser(handler: parser, location: content)
        var elision: ODSRowElision?
        var decided = false
        var out: [UInt8] = []
        try archive.read("content.xml") { chunk in
            if !decided {
                decided = true
                if ODSRowElision.applies(chunk) { elision = ODSRowElision() }
            }
            guard elision != nil else { return try sax.push(chunk) }
            out.removeAll(keepingCapacity: true)
            elision!.filter(chunk, into: &out)
            try out.withUnsafeBytes { try sax.push($0) }
        }
        if elision != nil {
            out.removeAll(keepingCapacity: true)
            elision!.finish(into: &out)
            try out.withUnsafeBytes { try sax.push($0) }
        }
        try sax.finish()
        return parser
    }

    /// Reads a flat OpenDocument spreadsheet (`.fods`): the whole `office:document` in one XML file.
    /// - Throws: `XLSXError` as `read(archive:)` does; `.partTooLarge` beyond `limits.maxPartSize`.
    public static func readFlat(bytes: [UInt8], name: String?, limits: ReadLimits) throws -> LoadedBook {
        try readFlat(bytes: bytes, name: name, limits: limits, maxExpandedCells: 4_000_000)
    }

    static func readFlat(bytes: [UInt8], name: String?, limits: ReadLimits, maxExpandedCells: Int) throws -> LoadedBook {
        let location = ErrorLocation(file: name)
        guard Int64(bytes.count) <= limits.maxPartSize else {
            throw XLSXError(
                .partTooLarge, "the document has \(bytes.count) bytes, more than the \(limits.maxPartSize) allowed",
                hint: "the file is larger than any workbook minsheng expects; it was not read",
                zh: "文件有\(bytes.count)字节，超过上限\(limits.maxPartSize)字节", zhHint: "为安全起见未读取该文件", location: location)
        }
        let parser = ODSContentParser(limits: limits, location: location, maxExpandedCells: maxExpandedCells)
        parser.beginPart(nil)
        try SAXParser.parse(bytes, handler: parser, location: location)
        return try book(parser, format: .fods, location: location)
    }

    /// The book the parser collected, or the error for a document that holds no spreadsheet.
    private static func book(_ parser: ODSContentParser, format: LoadedBook.Format, location: ErrorLocation) throws -> LoadedBook {
        guard parser.sawSpreadsheet else {
            let kind = parser.otherBody ?? "nothing"
            let chinese = ["text": "文字文档", "presentation": "演示文稿", "drawing": "绘图", "chart": "图表", "image": "图像"][kind] ?? "不含电子表格的文档"
            throw XLSXError(
                .unsupported, "the OpenDocument file holds \(kind == "nothing" ? "no body" : "a \(kind) document"), not a spreadsheet",
                hint: "open it in the program that made it and export the table as a spreadsheet",
                zh: "该 OpenDocument 文件是\(chinese)，不是电子表格",
                zhHint: "请确认报送的是电子表格；如是表格，请用 LibreOffice、Excel 或 WPS 另存为 .xlsx 再试", location: location)
        }
        return LoadedBook(format: format, sheets: parser.sheets, formats: parser.formats)
    }

    /// Refuses an OpenDocument package of another kind (a text document, a presentation).
    private static func checkMimetype(_ archive: ZipArchive, _ location: ErrorLocation) throws {
        guard archive.contains("mimetype") else { return }  // LibreOffice reads packages without one
        var bytes: [UInt8] = []
        let reader = try archive.open("mimetype")
        while bytes.count < 256, let chunk = try reader.next() { bytes.append(contentsOf: chunk.prefix(256)) }
        let type = String(decoding: bytes.prefix(256), as: UTF8.self).trimmingASCIISpaces()
        guard type.hasPrefix("application/vnd.oasis.opendocument."), !spreadsheetTypes.contains(type) else { return }
        let kind = type.dropFirst("application/vnd.oasis.opendocument.".count)
        let chinese = kind.hasPrefix("text") ? "文字文档" : kind.hasPrefix("presentation") ? "演示文稿" : kind.hasPrefix("graphics") ? "绘图" : "非电子表格文档"
        throw XLSXError(
            .unsupported, "the file is an OpenDocument \(kind) file (\(type)), not a spreadsheet",
            hint: "ask the sender for the spreadsheet itself",
            zh: "该文件是 OpenDocument \(chinese)（\(type)），不是电子表格",
            zhHint: "请确认报送的是电子表格，并请报送单位用 Excel、WPS 或 LibreOffice 另存为 .xlsx 后再报送",
            location: ErrorLocation(file: location.file, part: "mimetype"))
    }

    /// Refuses a package whose manifest says its parts are encrypted (ODF package encryption).
    private static func checkEncryption(_ archive: ZipArchive, _ location: ErrorLocation) throws {
        let part = "META-INF/manifest.xml"
        guard archive.contains(part) else { return }
        let manifest = ODSManifestParser()
        do {
            try SAXParser.parse(part, in: archive, handler: manifest, location: ErrorLocation(file: location.file, part: part))
        } catch let error as XLSXError where error.code == .malformedXML {
            // A damaged manifest is no reason to refuse readable content; encrypted content fails as XML anyway.
            if manifest.encryptedParts.isEmpty { return }
        }
        guard !manifest.encryptedParts.isEmpty else { return }
        throw XLSXError(
            .legacyOrEncrypted, "the OpenDocument package is encrypted (password to open); its content cannot be read",
            hint: "remove the password in LibreOffice (File › Properties, or Save As without a password) and send it again",
            zh: "文件已加密（设有打开密码），无法读取其内容",
            zhHint: "请报送单位在 LibreOffice 或 WPS 中取消打开密码后重新保存，或另存为 .xlsx 再报送",
            location: ErrorLocation(file: location.file, part: part))
    }
}
