import Foundation
import XLSXCore

/// Builds an `.xlsx` workbook: add sheets, stream rows into them, then `write(to:)`.
///
/// Output is deterministic: the same calls give the same bytes (fixed zip time stamps and document
/// dates unless `properties` sets them). Not `Sendable`: build one workbook per task.
public final class WorkbookBuilder {
    public var properties = DocumentProperties()
    /// Deflate level 0 (store) to 9; 6 is the usual balance of size and speed.
    public let compressionLevel: Int
    /// Whether large parts are deflated side by side (`ZipWriter`); off only to compare the bytes in tests.
    var parallelDeflate = true
    /// Write text into the cells (`inlineStr`) instead of the shared-strings table, so memory stays flat
    /// however many distinct strings there are (libxlsxwriter's constant-memory mode does the same).
    public let inlineStrings: Bool
    /// The sheet shown when the workbook opens (zero-based).
    public var activeSheet = 0

    private(set) var sheets: [SheetWriter] = []
    private var names: [WorkbookPart.Name] = []
    let strings: SharedStringTable
    private let styleTable = StyleTable()
    /// The temporary folder the parts are spooled and deflated in; removed with the builder.
    let directory: URL
    private var written = false
    /// At most this many parts are deflated while they are written at once (`StreamingDeflate.Slots`).
    static let streamingParts = 4
    /// How parts are deflated while written; nil when nothing is compressed.
    private let streaming: StreamingDeflate.Slots?
    /// Sheets written out early (`finish`), by index.
    private var finished: [Int: FinishedPart] = [:]
    /// The time every entry of the package carries: 2000-01-01, so that equal workbooks are equal bytes.
    static let packageTime: time_t = 946_684_800

    /// A sheet written out before the workbook: what follows its rows handed to its streaming deflate, or its
    /// whole part written to a file (with what it was made from) and being deflated.
    private enum FinishedPart {
        case streamed(StreamingDeflate, tail: [UInt8])
        case file(String, WorksheetPart.Frame, DeflateJob?)
    }

    /// - Parameters:
    ///   - compressionLevel: 0 (store) … 9 (smallest); default 6.
    ///   - inlineStrings: write text inline instead of in a shared-strings table (constant memory).
    public init(compressionLevel: Int = 6, inlineStrings: Bool = false) throws {
        self.compressionLevel = max(0, min(9, compressionLevel))
        self.inlineStrings = inlineStrings
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("minsheng-\(UUID().uuidString)")
        self.directory = directory
        let streaming = self.compressionLevel > 0
            ? StreamingDeflate.Slots(WorkbookBuilder.streamingParts, level: self.compressionLevel, mtime: WorkbookBuilder.packageTime) : nil
        self.streaming = streaming
        strings = SharedStringTable(streaming: inlineStrings ? nil : streaming.map { (directory.appendingPathComponent("sharedStrings.deflated.zip").path, $0) })
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            let cause = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError ?? (error as NSError)
            let reason = cause.domain == NSPOSIXErrorDomain ? ChineseText.systemReason(Int32(cause.code)) : "系统提示：\(error.localizedDescription)"
            throw XLSXError(
                .ioError, "cannot create a temporary folder: \(error.localizedDescription)",
                zh: "无法创建临时文件夹：\(reason)", zhHint: "请检查临时文件夹是否可写、磁盘是否已满",
                location: ErrorLocation(file: directory.path))
        }
    }

    /// Stops every deflating thread still running (a workbook dropped unwritten, or whose writing failed)
    /// before the temporary folder they write in is removed.
    deinit {
        for sheet in sheets { sheet.stream?.abandon() }
        strings.abandonStream()
        for case .file(_, _, let job?) in finished.values { _ = job.archive() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Adds a worksheet at the end.
    /// - Throws: `.invalidSheetName` or `.duplicateSheetName` for a name Excel would refuse.
    public func addSheet(_ name: String) throws -> SheetWriter {
        try SheetName.validate(name, existing: sheets.map(\.name))
        let sheet = try SheetWriter(
            name: name, index: sheets.count, strings: inlineStrings ? nil : strings, styles: styleTable, directory: directory, streaming: streaming)
        sheets.append(sheet)
        return sheet
    }

    /// Registers a cell style; equal styles share one entry.
    public func style(_ style: Style) -> StyleID { styleTable.register(style) }

    /// The number of sheets added.
    public var sheetCount: Int { sheets.count }

    /// The sheet added under a name.
    public func sheet(named name: String) -> SheetWriter? { sheets.first { $0.name == name } }

    /// The style registered under a handle.
    public func style(of id: StyleID) -> Style { styleTable.styles[id.index] }

    /// Defines a name, workbook-wide or local to a sheet.
    public func defineName(_ name: String, formula: String, localSheet: Int? = nil, hidden: Bool = false) {
        names.append(WorkbookPart.Name(name: name, formula: formula, localSheet: localSheet, hidden: hidden))
    }

    /// Writes a sheet out now rather than with the workbook, so that its part is compressed on another core
    /// while the next sheets are built. No rows can be added to it afterwards. Anything else changed on the
    /// sheet later still reaches the file: the part is then made again when the workbook is written.
    /// - Throws: `.invalidValue` for a sheet of another workbook or after `write`; `.ioError` when the
    ///   part cannot be written to the temporary folder.
    public func finish(_ sheet: SheetWriter) throws {
        guard !written, sheets.indices.contains(sheet.index), sheets[sheet.index] === sheet else {
            throw XLSXError(
                .invalidValue, "the sheet \(sheet.name) is not one of this workbook's, or the workbook was written",
                zh: "工作表“\(sheet.name)”不属于该工作簿，或工作簿已经写出", location: ErrorLocation(sheet: sheet.name))
        }
        guard finished[sheet.index] == nil else { return }
        let body = try sheet.finishRows()
        let frame = WorksheetPart.Frame(sheet, styles: styleTable, links: relationships(of: sheet, drawing: 0, comments: 0).links, selected: sheet.index == activeSheet)
        if parallelDeflate, let stream = sheet.stream {
            stream.write(frame.tail)
            stream.end()
            finished[sheet.index] = .streamed(stream, tail: frame.tail)
            return
        }
        sheet.stream?.abandon()
        let file = directory.appendingPathComponent("sheet\(sheet.index + 1).finished.xml").path
        try WorksheetPart.write(frame, body: body, to: file)
        let job = parallelDeflate ? DeflateJob.start(file, level: compressionLevel, mtime: WorkbookBuilder.packageTime) : nil
        finished[sheet.index] = .file(file, frame, job)
    }

    /// Adds a sheet's part to the package: its rows as deflated while they were written, with the head put in
    /// front, when what follows them is still as it was handed over; the part finished early when nothing
    /// changed since; else the part made now from the spooled rows.
    private func addPart(of sheet: SheetWriter, _ frame: WorksheetPart.Frame, to zip: ZipWriter) throws {
        let name = "xl/worksheets/sheet\(sheet.index + 1).xml"
        var streamed: StreamingDeflate?
        switch finished[sheet.index] {
        case .streamed(let stream, let tail)? where tail == frame.tail && parallelDeflate:
            streamed = stream
        case .file(let file, let early, let job)? where early == frame:
            return try zip.add(name, file: file, deflated: job)
        case nil:
            _ = try sheet.finishRows()  // the last rows reach the stream too
            if parallelDeflate, let stream = sheet.stream {
                stream.write(frame.tail)
                streamed = stream
            }
        default:
            break
        }
        if let stream = streamed, let rest = stream.finish() {
            return try zip.add(name, precompressed: PrecompressedPart(head: frame.head, rest: rest), keeping: stream)
        }
        // Not streamed, changed since it was finished, or the streaming failed: the part is made now.
        sheet.stream?.abandon()
        let partFile = directory.appendingPathComponent("sheet\(sheet.index + 1).xml").path
        try WorksheetPart.write(frame, body: try sheet.finishRows(), to: partFile)
        try zip.add(name, file: partFile)
    }

    /// Writes out every sheet added so far (`finish`).
    public func finishSheets() throws {
        for sheet in sheets { try finish(sheet) }
    }

    /// The sheet's relationships and the ids its part refers to by; `drawing` and `comments` number the
    /// parts they point at, which the ids do not depend on.
    private func relationships(of sheet: SheetWriter, drawing: Int, comments: Int) -> (rels: RelationshipsPart, links: WorksheetPart.Links) {
        var rels = RelationshipsPart()
        var links = WorksheetPart.Links()
        for (i, link) in sheet.hyperlinks.enumerated() where link.external {
            links.hyperlinkIDs[i] = rels.add("hyperlink", target: link.target, external: true)
        }
        if !sheet.charts.isEmpty { links.drawingID = rels.add("drawing", target: "../drawings/drawing\(drawing).xml") }
        if !sheet.notes.isEmpty {
            rels.add("comments", target: "../comments\(comments).xml")
            links.legacyDrawingID = rels.add("vmlDrawing", target: "../drawings/vmlDrawing\(comments).vml")
        }
        return (rels, links)
    }

    /// `'name'!` as formulas refer to a sheet.
    public static func quotedSheet(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Writes the workbook atomically: to a temporary file in the same folder, then renamed over `path`.
    /// A failure leaves any existing file at `path` untouched and no temporary file behind.
    public func write(to path: String) throws {
        try AtomicReplace.write(to: path) { temp in try writePackage(to: temp) }
    }

    /// The workbook as bytes (written through a temporary file).
    public func data() throws -> [UInt8] {
        let temp = directory.appendingPathComponent("out.xlsx").path
        try writePackage(to: temp)
        defer { unlink(temp) }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: temp)))
    }

    private func writePackage(to path: String) throws {
        guard !written else {
            throw XLSXError(
                .invalidValue, "the workbook was already written; build a new one", zh: "该工作簿已经写出过，不能再次写出",
                zhHint: "请重新生成一个工作簿")
        }
        guard !sheets.isEmpty else {
            throw XLSXError(
                .invalidValue, "a workbook needs at least one sheet", hint: "add a sheet before writing", zh: "工作簿至少要有一个工作表",
                zhHint: "请先添加工作表再写出")
        }
        guard sheets.contains(where: { $0.visibility == .visible }) else {
            throw XLSXError(
                .invalidValue, "every sheet is hidden; Excel needs at least one visible sheet", zh: "所有工作表都被隐藏，Excel 要求至少有一个可见的工作表",
                zhHint: "请至少保留一个工作表不隐藏")
        }
        if activeSheet >= sheets.count || sheets[activeSheet].visibility != .visible {
            activeSheet = sheets.firstIndex { $0.visibility == .visible }!
        }
        written = true
        let zip = try ZipWriter(path: path, compressionLevel: compressionLevel, modificationTime: WorkbookBuilder.packageTime)
        zip.parallel = parallelDeflate
        var types = ContentTypesPart()
        var workbookRels = RelationshipsPart()
        var sheetEntries: [(name: String, visibility: SheetState, relationshipID: String)] = []
        var allNames = names
        var commentCount = 0
        var drawingCount = 0
        var chartCount = 0

        for sheet in sheets {
            let n = sheet.index + 1
            if !sheet.charts.isEmpty {
                drawingCount += 1
                var drawingRels = RelationshipsPart()
                var placed: [(ColumnChart, String)] = []
                for chart in sheet.charts {
                    chartCount += 1
                    try zip.add("xl/charts/chart\(chartCount).xml", bytes: ChartPart.write(chart))
                    types.overrides.append(("xl/charts/chart\(chartCount).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"))
                    placed.append((chart, drawingRels.add("chart", target: "../charts/chart\(chartCount).xml")))
                }
                try zip.add("xl/drawings/drawing\(drawingCount).xml", bytes: ChartPart.writeDrawing(placed))
                try zip.add("xl/drawings/_rels/drawing\(drawingCount).xml.rels", bytes: drawingRels.write())
                types.overrides.append(("xl/drawings/drawing\(drawingCount).xml", "application/vnd.openxmlformats-officedocument.drawing+xml"))
            }
            if !sheet.notes.isEmpty {
                commentCount += 1
                try zip.add("xl/comments\(commentCount).xml", bytes: CommentsPart.write(sheet.notes))
                try zip.add("xl/drawings/vmlDrawing\(commentCount).vml", bytes: CommentsPart.writeVML(sheet.notes))
                types.overrides.append(("xl/comments\(commentCount).xml", ContentTypesPart.spreadsheetML + ".comments+xml"))
                types.hasVML = true
            }
            let (rels, links) = relationships(of: sheet, drawing: drawingCount, comments: commentCount)
            let frame = WorksheetPart.Frame(sheet, styles: styleTable, links: links, selected: sheet.index == activeSheet)
            try addPart(of: sheet, frame, to: zip)
            if !rels.relationships.isEmpty { try zip.add("xl/worksheets/_rels/sheet\(n).xml.rels", bytes: rels.write()) }
            types.overrides.append(("xl/worksheets/sheet\(n).xml", ContentTypesPart.spreadsheetML + ".worksheet+xml"))
            let id = workbookRels.add("worksheet", target: "worksheets/sheet\(n).xml")
            sheetEntries.append((sheet.name, sheet.visibility, id))

            let quoted = WorkbookBuilder.quotedSheet(sheet.name)
            let columns = sheet.pageSetup.titleColumns.map { "\(quoted)!$\(CellReference.columnName($0.lowerBound)):$\(CellReference.columnName($0.upperBound))" }
            let rows = sheet.pageSetup.titleRows.map { "\(quoted)!$\($0.lowerBound + 1):$\($0.upperBound + 1)" }
            let titles = [columns, rows].compactMap { $0 }
            if !titles.isEmpty {
                allNames.append(.init(name: "_xlnm.Print_Titles", formula: titles.joined(separator: ","), localSheet: sheet.index, hidden: false))
            }
            if let area = sheet.pageSetup.printArea {
                allNames.append(.init(name: "_xlnm.Print_Area", formula: "\(quoted)!\(absolute(area))", localSheet: sheet.index, hidden: false))
            }
            if let filter = sheet.autoFilter {
                allNames.append(.init(name: "_xlnm._FilterDatabase", formula: "\(quoted)!\(absolute(filter))", localSheet: sheet.index, hidden: true))
            }
        }
        workbookRels.add("styles", target: "styles.xml")
        workbookRels.add("sharedStrings", target: "sharedStrings.xml")
        try zip.add("xl/styles.xml", bytes: styleTable.write())
        if parallelDeflate, let (part, stream) = strings.streamed() {
            try zip.add("xl/sharedStrings.xml", precompressed: part, keeping: stream)
        } else {
            strings.abandonStream()
            let sharedStrings = directory.appendingPathComponent("sharedStrings.xml").path
            try strings.write(to: sharedStrings)
            try zip.add("xl/sharedStrings.xml", file: sharedStrings)
        }
        try zip.add("xl/workbook.xml", bytes: WorkbookPart.write(sheets: sheetEntries, names: allNames, activeTab: activeSheet))
        try zip.add("xl/_rels/workbook.xml.rels", bytes: workbookRels.write())
        try zip.add("docProps/core.xml", bytes: properties.writeCore())
        try zip.add("docProps/app.xml", bytes: properties.writeApp(sheetNames: sheets.map(\.name)))
        var rootRels = RelationshipsPart()
        rootRels.add("officeDocument", target: "xl/workbook.xml")
        rootRels.add("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", target: "docProps/core.xml")
        rootRels.add("extended-properties", target: "docProps/app.xml")
        try zip.add("_rels/.rels", bytes: rootRels.write())
        types.overrides.insert(("xl/workbook.xml", ContentTypesPart.spreadsheetML + ".sheet.main+xml"), at: 0)
        types.overrides.append(("xl/styles.xml", ContentTypesPart.spreadsheetML + ".styles+xml"))
        types.overrides.append(("xl/sharedStrings.xml", ContentTypesPart.spreadsheetML + ".sharedStrings+xml"))
        types.overrides.append(("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
        types.overrides.append(("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"))
        try zip.add("[Content_Types].xml", bytes: types.write())
        try zip.close()
    }

    private func absolute(_ range: CellRange) -> String {
        func abs(_ r: CellReference) -> String { "$\(CellReference.columnName(r.column))$\(r.row + 1)" }
        return range.start == range.end ? abs(range.start) : "\(abs(range.start)):\(abs(range.end))"
    }
}
