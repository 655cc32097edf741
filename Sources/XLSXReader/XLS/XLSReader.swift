import XLSXCore

/// Reads Excel 97–2003 workbooks (`.xls`, BIFF8), Excel 5.0/95 workbooks (BIFF5/7), WPS `.et` files
/// (BIFF8 in the same container) and single-sheet Excel 2.x–4.x files (bare BIFF2–4 streams) into a
/// `LoadedBook`.
///
/// Values follow the `.xlsx` reader's model: numbers whose cell format is a date or duration format
/// become `.date`, formulas give their cached results (the formula text is not decompiled), error cells
/// give their text (`#DIV/0!`). Encrypted workbooks are refused with `legacyOrEncrypted`.
public enum XLSReader {
    /// Reads a whole workbook from memory.
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - name: the file name, for error messages (and the sheet name of a single-sheet Excel 2.x–4.x file).
    ///   - limits: caps on stream and string sizes.
    /// - Returns: every sheet in tab order (Visual Basic modules of Excel 5/95 left out).
    /// - Throws: `XLSXError`: `unsupported` for content that is not a BIFF workbook, `legacyOrEncrypted`
    ///   for an encrypted one, `truncatedZip`/`corruptZip`/`missingPart` for a damaged container or
    ///   stream, `partTooLarge` for a stream over `limits.maxPartSize`.
    ///   - streamed: leave each worksheet's rows to be read as they are asked for (`Workbook` does), instead of
    ///     reading them all now.
    public static func read(bytes: [UInt8], name: String?, limits: ReadLimits = .standard, streamed: Bool = false) throws -> LoadedBook {
        do {
            if bytes.starts(with: CompoundFile.signature) {
                let file = try CompoundFile(bytes: bytes, limits: limits)
                let (stream, streamName) = try workbookStream(of: file, limits: limits)
                return try WorkbookStreamParser(stream: stream, streamName: streamName, fileName: name, limits: limits).parse(streamed: streamed)
            }
            if WorkbookStreamParser.startsWithBOF(bytes) {
                guard Int64(bytes.count) <= limits.maxPartSize else {
                    throw XLSFailure.tooLarge("the BIFF stream", zh: "BIFF 数据流", size: Int64(bytes.count), limit: limits.maxPartSize)
                }
                return try WorkbookStreamParser(stream: bytes, streamName: nil, fileName: name, limits: limits).parse(streamed: streamed)
            }
            throw XLSFailure.notXLS(bytes)
        } catch let error as XLSXError {
            throw error.locatedIn(ErrorLocation(file: name))
        }
    }

    /// The `Workbook` (BIFF8) or `Book` (BIFF5/7) stream among the top-level entries of the container.
    static func workbookStream(of file: CompoundFile, limits: ReadLimits) throws -> ([UInt8], String) {
        let top = try file.topLevelEntries()
        let streams = top.filter { $0.type == .stream }
        for wanted in ["workbook", "book"] {
            if let entry = streams.first(where: { $0.name.lowercased() == wanted }) {
                do {
                    return (try file.content(of: entry, limits: limits), entry.name)
                } catch let error as XLSXError {
                    throw error.locatedIn(ErrorLocation(part: entry.name))
                }
            }
        }
        let names = Set(top.map { $0.name })
        if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") { throw XLSFailure.encryptedPackage() }
        if names.contains("WordDocument") { throw XLSFailure.noWorkbookStream(holds: ("a Word document", "一份 Word 文档")) }
        if names.contains("PowerPoint Document") {
            throw XLSFailure.noWorkbookStream(holds: ("a PowerPoint presentation", "一份 PowerPoint 演示文稿"))
        }
        throw XLSFailure.noWorkbookStream(holds: nil)
    }
}

/// Reads a whole BIFF workbook stream: the globals, then each sheet at the offset its `BOUNDSHEET` gives;
/// or a stream of one worksheet (BIFF2–4 files, some BIFF5 writers) as a one-sheet workbook.
struct WorkbookStreamParser {
    let stream: [UInt8]
    /// The container's stream name (`Workbook`, `Book`), nil for a bare BIFF file.
    let streamName: String?
    let fileName: String?
    let limits: ReadLimits

    /// Whether the bytes begin with a `BOF` record of some BIFF version.
    static func startsWithBOF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        let type = xlsU16(bytes, 0)
        let length = xlsU16(bytes, 2)
        return [BIFFType.bof, BIFFType.bof2, BIFFType.bof3, BIFFType.bof4].contains(type) && (4...32).contains(length)
    }

    func parse(streamed: Bool = false) throws -> LoadedBook {
        var reader = BIFFRecordReader(stream: stream)
        guard let first = try reader.next(), let bof = BOFInfo.read(first, in: reader, streamName: streamName) else {
            throw XLSFailure.badRecord("the workbook stream does not start with a BOF record", zh: "工作簿数据流不是以 BOF 记录开头")
        }
        let part = ErrorLocation(part: streamName)
        switch bof.kind {
        case .globals:
            var globalsParser = WorkbookGlobalsParser(reader: reader, version: bof.version, limits: limits)
            let globals: WorkbookGlobals
            do { globals = try globalsParser.parse() } catch let e as XLSXError { throw e.locatedIn(part) }
            return try sheets(globals, streamed: streamed)
        case .workspace:
            throw XLSFailure.legacyWorkspace(version: bof.version.rawValue)
        case .worksheet, .macro, .chart, .module, .other:
            return try singleSheet(bof)
        }
    }

    /// The sheets, each read when it is asked for. One pass over the record headers checks that the
    /// sheets are disjoint substreams (so together they span at most the stream: a file whose sheets
    /// overlap, many pointing at one offset, would otherwise be read over and over) and whether each
    /// one's cells come in row order, to be streamed; the rare sheet out of order is read whole.
    private func sheets(_ globals: WorkbookGlobals, streamed: Bool) throws -> LoadedBook {
        let formats = globals.cellFormats()
        var loaded: [LoadedSheet] = []
        var scanned = 0
        for sheet in globals.sheets {
            guard let kind = sheet.kind else { continue }
            let place = ErrorLocation(file: fileName, part: streamName, sheet: sheet.name)
            do {
                guard sheet.offset + 4 <= stream.count else {
                    throw XLSFailure.badRecord(
                        "the sheet is said to start at byte \(sheet.offset), past the end of the \(stream.count)-byte stream",
                        zh: "工作表的起始位置（第 \(sheet.offset) 字节）超出工作簿数据流末尾（共 \(stream.count) 字节）")
                }
                let scan = try BIFFSheetScan(stream: stream, offset: sheet.offset)
                scanned += scan.end - sheet.offset
                guard scanned <= stream.count else {
                    throw XLSFailure.badRecord(
                        "the sheets overlap in the workbook stream", zh: "多个工作表在工作簿数据流中的位置相互重叠")
                }
                let (stream, version, limits) = (stream, globals.version, limits)
                let source = RowSource {
                    var parser = BIFFSheetParser(
                        reader: BIFFRecordReader(stream: stream, position: sheet.offset), version: version, globals: globals, formats: formats,
                        text: BIFFText(version: version, decoder: CodePageDecoder(codePage: globals.codePage)), limits: limits)
                    if scan.inRowOrder { return BIFFSheetStream(parser: parser, cellsWanted: kind != .chartsheet, location: place) }
                    do {
                        let (rows, metadata) = try parser.parse(cellsWanted: kind != .chartsheet)
                        return LoadedRowStream(rows: rows, metadata: metadata)
                    } catch let e as XLSXError {
                        throw e.locatedIn(place)
                    }
                }
                if streamed {
                    loaded.append(LoadedSheet(name: sheet.name, state: sheet.state, kind: kind, rows: [], source: source))
                } else {
                    let rows = try source.open()
                    var all: [Row] = []
                    while let row = try rows.next() { all.append(row) }
                    loaded.append(LoadedSheet(name: sheet.name, state: sheet.state, kind: kind, rows: all, metadata: rows.metadata))
                }
            } catch let e as XLSXError {
                throw e.locatedIn(place)
            }
        }
        return LoadedBook(format: .xls, sheets: loaded, formats: formats, date1904: globals.date1904)
    }

    /// A stream that is one sheet: its format records and cells are in the same substream.
    private func singleSheet(_ bof: BOFInfo) throws -> LoadedBook {
        let name = Self.sheetName(fromFile: fileName)
        let place = ErrorLocation(part: streamName, sheet: name)
        do {
            var afterBOF = BIFFRecordReader(stream: stream)
            _ = try afterBOF.next()
            var globalsParser = WorkbookGlobalsParser(reader: afterBOF, version: bof.version, limits: limits)
            let globals = try globalsParser.parse()
            let formats = globals.cellFormats()
            let text = BIFFText(version: globals.version, decoder: CodePageDecoder(codePage: globals.codePage))
            var parser = BIFFSheetParser(
                reader: BIFFRecordReader(stream: stream), version: bof.version, globals: globals, formats: formats, text: text,
                limits: limits)
            let kind: SheetKind = bof.kind == .chart ? .chartsheet : bof.kind == .macro ? .macrosheet : .worksheet
            let (rows, metadata) = try parser.parse(cellsWanted: kind != .chartsheet)
            return LoadedBook(
                format: .xls, sheets: [LoadedSheet(name: name, kind: kind, rows: rows, metadata: metadata)], formats: formats,
                date1904: globals.date1904)
        } catch let e as XLSXError {
            throw e.locatedIn(place)
        }
    }

    /// Excel names the one sheet of an Excel 2.x–4.x file after the file.
    static func sheetName(fromFile fileName: String?) -> String {
        guard let fileName else { return "Sheet1" }
        var base = Substring(fileName)
        if let slash = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) { base = base[base.index(after: slash)...] }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        let cleaned = String(base.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(Limits.maxSheetNameLength))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }
}
