import Foundation
import XLSXCore

/// Writes one worksheet. Rows are streamed to a temporary file as they are added, so memory stays
/// flat however many rows there are; everything else (widths, merges, validations, protection, …)
/// may be set at any time before the workbook is written.
public final class SheetWriter {
    public let name: String
    /// Zero-based position of the sheet in the workbook.
    public let index: Int
    public var visibility: SheetState = .visible
    public var tabColor: Color?
    public var pageSetup = PageSetup()
    /// Changes every cell on its way in: a copy of a generated sheet can carry other values and marks
    /// (the feedback copy of a return keeps its template's look this way).
    public var decorate: ((CellReference, CellData) -> CellData)?
    /// Make every row at least as tall as its wrapped text needs at the column widths set so far
    /// (Excel and LibreOffice do not grow rows to fit when they open a file).
    public var fitsWrappedText = false
    /// Widen columns without an explicit width to fit their content (CJK characters count double).
    public var autoFitColumns = false
    /// Show grid lines on screen.
    public var showGridLines = true

    var columnWidths: [Int: Double] = [:]
    var hiddenColumns: Set<Int> = []
    var contentWidths: [Int: Double] = [:]
    private(set) var merges: [CellRange] = []
    var frozen: (rows: Int, columns: Int)?
    var autoFilter: CellRange?
    var validations: [DataValidation] = []
    var conditionalFormats: [ConditionalFormat] = []
    var protection: (hash: String?, options: ProtectionOptions)?
    var notes: [Note] = []
    var charts: [ColumnChart] = []
    var hyperlinks: [(cell: CellReference, target: String, external: Bool, tooltip: String?)] = []
    var usedRange: CellRange?

    /// The rows (and then what follows them) being deflated as they are written, once they fill a buffer.
    private(set) var stream: StreamingDeflate?
    /// How the rows are deflated while they are written; nil to deflate the part when the workbook is written.
    private let streaming: StreamingDeflate.Slots?
    private var spooledBefore = false
    /// nil when text is written inline.
    private let strings: SharedStringTable?
    private let styles: StyleTable
    private let spool: SpoolFile
    // Touched for every cell by one writer on one thread: dynamic exclusivity checks only cost time here.
    @exclusivity(unchecked) private var nextRow = 0
    /// Set when the sheet was written out (`WorkbookBuilder.finish`, `write`): no more rows.
    private var rowsFinished = false
    @exclusivity(unchecked) private var buffer = XMLBuffer(capacity: 1 << 17)
    @exclusivity(unchecked) private var columnNames: [[UInt8]] = []

    init(name: String, index: Int, strings: SharedStringTable?, styles: StyleTable, directory: URL, streaming: StreamingDeflate.Slots?) throws {
        self.name = name
        self.index = index
        self.streaming = streaming
        self.strings = strings
        self.styles = styles
        self.spool = try SpoolFile(directory: directory, name: "sheet\(index + 1).body")
    }

    /// A sheet dropped before its workbook was written stops its deflating thread, which would otherwise
    /// wait for rows forever.
    deinit { stream?.abandon() }

    // MARK: rows

    /// Appends a row below the last one written.
    /// - Parameters:
    ///   - cells: the cells from `startColumn` rightwards; `.empty` cells with the normal style are skipped.
    ///   - row: the zero-based row; must be below every row written so far (default: the next row).
    ///   - startColumn: the zero-based column of the first cell.
    ///   - height: row height in points.
    ///   - hidden: hide the row.
    /// - Throws: `.limitExceeded` past Excel's grid or a cell's 32,767 characters, `.invalidValue` for NaN or
    ///   infinite numbers and rows written out of order.
    public func addRow(_ cells: [CellData], at row: Int? = nil, startColumn: Int = 0, height: Double? = nil, hidden: Bool = false) throws {
        guard !rowsFinished else {
            throw XLSXError(
                .invalidValue, "the sheet \(name) was already written out; add its rows before finishing it",
                zh: "工作表“\(name)”已经写出，不能再添加行", zhHint: "请在写出工作表之前添加全部行", location: ErrorLocation(sheet: name))
        }
        let r = row ?? nextRow
        guard r >= nextRow else {
            throw XLSXError(
                .invalidValue, "row \(r + 1) comes after row \(nextRow) was already written; rows are written in order",
                zh: "第\(nextRow)行已经写入，不能再写第\(r + 1)行：各行须按顺序写入",
                location: ErrorLocation(sheet: name))
        }
        guard r < Limits.maxRows else {
            throw XLSXError(
                .limitExceeded, "row \(r + 1) is past Excel's last row \(Limits.maxRows)",
                zh: "第\(r + 1)行超出 Excel 的最后一行（第\(Limits.maxRows)行）", location: ErrorLocation(sheet: name))
        }
        guard startColumn >= 0, startColumn + cells.count <= Limits.maxColumns else {
            throw XLSXError(
                .limitExceeded, "the row reaches column \(startColumn + cells.count), past Excel's \(Limits.maxColumns) columns",
                zh: "该行写到第\(startColumn + cells.count)列，超出 Excel 的\(Limits.maxColumns)列上限",
                location: ErrorLocation(sheet: name, cell: CellReference(row: r, column: 0)))
        }
        // All or nothing: a cell that throws takes the row's bytes back out, so a caller that catches
        // the error and goes on still writes well-formed XML.
        let mark = buffer.bytes.count
        let height = fitsWrappedText ? fittedHeight(cells, startColumn: startColumn, given: height) : height
        do {
            if let decorate {
                let decorated = cells.enumerated().map { decorate(CellReference(row: r, column: startColumn + $0.offset), $0.element) }
                try writeRow(decorated, row: r, startColumn: startColumn, height: height, hidden: hidden)
            } else {
                try writeRow(cells, row: r, startColumn: startColumn, height: height, hidden: hidden)
            }
        } catch {
            buffer.bytes.removeSubrange(mark...)
            throw error
        }
        nextRow = r + 1
        if buffer.bytes.count > 1 << 16 { try flush() }
    }

    private func writeRow(_ cells: [CellData], row r: Int, startColumn: Int, height: Double?, hidden: Bool) throws {
        buffer.raw("<row r=\"")
        buffer.int(r + 1)
        buffer.raw("\"")
        if let height {
            buffer.attribute("ht", CellValue.format(height))
            buffer.raw(" customHeight=\"1\"")
        }
        if hidden { buffer.raw(" hidden=\"1\"") }
        buffer.raw(">")
        var rowDigits = XMLBuffer(capacity: 8)
        rowDigits.int(r + 1)
        var firstColumn = -1, lastColumn = -1
        for (offset, cell) in cells.enumerated() {
            let c = startColumn + offset
            if case .empty = cell.value, cell.style == .normal { continue }
            try writeCell(cell, column: c, row: r, rowDigits: rowDigits.bytes)
            if case .empty = cell.value {} else {
                if firstColumn < 0 { firstColumn = c }
                lastColumn = c
            }
        }
        buffer.raw("</row>")
        if firstColumn >= 0 {
            let range = CellRange(CellReference(row: r, column: firstColumn), CellReference(row: r, column: lastColumn))
            if let used = usedRange {
                usedRange = CellRange(
                    CellReference(row: min(used.start.row, r), column: min(used.start.column, firstColumn)),
                    CellReference(row: r, column: max(used.end.column, lastColumn)))
            } else {
                usedRange = range
            }
        }
    }

    private func columnName(_ c: Int) -> [UInt8] {
        while columnNames.count <= c { columnNames.append(Array(CellReference.columnName(columnNames.count).utf8)) }
        return columnNames[c]
    }

    private func writeCell(_ cell: CellData, column c: Int, row r: Int, rowDigits: [UInt8]) throws {
        let location = ErrorLocation(sheet: name, cell: CellReference(row: r, column: c))
        var style = cell.style
        if case .date(let d) = cell.value { style = styles.dateStyle(for: style, kind: d.kind) }
        buffer.raw("<c r=\"")
        buffer.bytes.append(contentsOf: columnName(c))
        buffer.bytes.append(contentsOf: rowDigits)
        buffer.raw("\"")
        if style.index != 0 { buffer.attribute("s", style.index) }
        switch cell.value {
        case .empty:
            buffer.raw("/>")
        case .number(let n):
            guard n.isFinite else {
                throw XLSXError(
                    .invalidValue, "the number \(n) cannot be stored in a cell", hint: "write an error value or text instead",
                    zh: "数值 \(n) 无法存入单元格", zhHint: "请改为写入错误值或文字", location: location)
            }
            buffer.raw("><v>")
            buffer.number(n)
            buffer.raw("</v></c>")
            noteWidth(c, Double(CellValue.format(n).count))
        case .text(let s):
            try checkLength(s, location)
            if let strings, let index = strings.index(of: s) {
                buffer.raw(" t=\"s\"><v>")
                buffer.int(index)
                buffer.raw("</v></c>")
            } else {
                buffer.raw(SharedStringTable.needsPreserve(s) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
                buffer.text(s)
                buffer.raw("</t></is></c>")
            }
            noteWidth(c, SheetWriter.displayWidth(s))
        case .bool(let b):
            buffer.raw(b ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        case .date(let d):
            guard d.serial.isFinite, d.serial >= 0 || d.kind == .duration else {
                throw XLSXError(
                    .invalidValue, "the date \(d) is before Excel's first date (1900-01-01)",
                    zh: "日期 \(d) 早于 Excel 能表示的最早日期（1900-01-01）", location: location)
            }
            buffer.raw("><v>")
            buffer.number(d.serial)
            buffer.raw("</v></c>")
            noteWidth(c, Double(d.description.count))
        case .formula(let f, let cached):
            try checkLength(f, location)
            let formula = f.hasPrefix("=") ? String(f.dropFirst()) : f
            switch cached {
            case .string(let s)?:
                buffer.raw(" t=\"str\"><f>")
                buffer.text(formula)
                buffer.raw("</f><v>")
                buffer.text(s)
                buffer.raw("</v></c>")
            case .bool(let b)?:
                buffer.raw(" t=\"b\"><f>")
                buffer.text(formula)
                buffer.raw(b ? "</f><v>1</v></c>" : "</f><v>0</v></c>")
            case .error(let e)?:
                buffer.raw(" t=\"e\"><f>")
                buffer.text(formula)
                buffer.raw("</f><v>")
                buffer.text(e)
                buffer.raw("</v></c>")
            case .number(let n)? where n.isFinite:
                buffer.raw("><f>")
                buffer.text(formula)
                buffer.raw("</f><v>")
                buffer.number(n)
                buffer.raw("</v></c>")
            case .date(let d)?:
                buffer.raw("><f>")
                buffer.text(formula)
                buffer.raw("</f><v>")
                buffer.number(d.serial)
                buffer.raw("</v></c>")
            default:
                buffer.raw("><f>")
                buffer.text(formula)
                buffer.raw("</f></c>")
            }
        case .error(let e):
            guard CellValue.isErrorText(e) else {
                throw XLSXError(
                    .invalidValue, "\"\(e)\" is not an Excel error value", hint: "use one of #N/A, #DIV/0!, #VALUE!, …",
                    zh: "“\(e)”不是 Excel 的错误值", zhHint: "请使用 #N/A、#DIV/0!、#VALUE! 等错误值之一", location: location)
            }
            buffer.raw(" t=\"e\"><v>")
            buffer.text(e)
            buffer.raw("</v></c>")
        }
    }

    private func checkLength(_ s: String, _ location: ErrorLocation) throws {
        if s.utf8.count > Limits.maxCellCharacters, s.utf16.count > Limits.maxCellCharacters {
            throw XLSXError(
                .limitExceeded, "the text has \(s.utf16.count) characters; a cell holds at most \(Limits.maxCellCharacters)",
                hint: "split the text over several cells",
                zh: "文字有\(s.utf16.count)个字符，一个单元格最多容纳\(Limits.maxCellCharacters)个", zhHint: "请把文字分到几个单元格中",
                location: location)
        }
    }

    private func noteWidth(_ column: Int, _ width: @autoclosure () -> Double) {
        guard autoFitColumns else { return }
        let w = width()
        if w > contentWidths[column] ?? 0 { contentWidths[column] = w }
    }

    /// Columns a text needs: East Asian wide characters count two, others one; the longest line counts.
    public static func displayWidth(_ s: String) -> Double {
        var widest = 0.0, current = 0.0
        for scalar in s.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
                continue
            }
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            current += wide ? 2 : 1
        }
        return max(widest, current)
    }

    /// The row height (points) that shows `text` wrapped in a column `width` characters wide, for a
    /// font of `fontSize` points; Excel does not grow rows to fit wrapped text when it opens a file.
    public static func wrappedHeight(_ text: String, columnWidth width: Double, fontSize: Double = 11) -> Double {
        let usable = max(width - 1, 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { sum, line in
            sum + max(1, Int((displayWidth(String(line)) / usable).rounded(.up)))
        }
        return (Double(lines) * fontSize * 1.3 + 4).rounded()
    }

    /// Writes the buffered rows to the spool file, and to the sheet's streaming deflate, which the first
    /// flush during the rows starts when a slot is free (a sheet that never fills the buffer, or finds no
    /// slot, is deflated whole when written).
    func flush(startingStream: Bool = true) throws {
        try spool.write(buffer.bytes)
        // Only the first flush may start it: the stream must hold the rows from the first.
        if !spooledBefore, startingStream { stream = streaming?.start(archivePath: spool.path + ".deflated.zip") }
        spooledBefore = true
        stream?.write(buffer.bytes)
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    // MARK: layout and features

    /// The tallest of `given` and the heights the row's wrapped texts need in their columns.
    private func fittedHeight(_ cells: [CellData], startColumn: Int, given: Double?) -> Double? {
        var height = given
        for (i, cell) in cells.enumerated() {
            guard case .text(let text) = cell.value else { continue }
            let style = styles.styles[cell.style.index]
            guard style.alignment.wrap else { continue }
            let needed = SheetWriter.wrappedHeight(text, columnWidth: columnWidths[startColumn + i] ?? 8.43, fontSize: style.font.size)
            if needed > (height ?? 15) { height = needed }
        }
        return height
    }

    /// Sets a column's width in characters of the default font.
    public func setColumnWidth(_ column: Int, _ width: Double) { columnWidths[column] = width }

    /// Hides a column.
    public func hideColumn(_ column: Int) { hiddenColumns.insert(column) }

    /// Merges a range of cells.
    /// - Throws: `.overlappingMerge` when it overlaps a range merged before (Excel would ask to repair the file).
    public func merge(_ range: CellRange) throws {
        guard range.rowCount * range.columnCount > 1 else { return }
        if let clash = merges.first(where: { $0.overlaps(range) }) {
            throw XLSXError(
                .overlappingMerge, "merged range \(range) overlaps \(clash)", hint: "merge each cell at most once",
                zh: "合并区域 \(range) 与 \(clash) 重叠", zhHint: "每个单元格只能合并一次",
                location: ErrorLocation(sheet: name, cell: range.start))
        }
        merges.append(range)
    }

    /// Freezes the first `rows` rows and `columns` columns.
    public func freeze(rows: Int, columns: Int = 0) { frozen = rows + columns > 0 ? (rows, columns) : nil }

    /// Adds filter buttons to the header row of `range`.
    public func setAutoFilter(_ range: CellRange) { autoFilter = range }

    /// Adds a data validation.
    /// - Throws: `.limitExceeded` when a list's values exceed the 255 characters Excel allows.
    public func addValidation(_ rule: DataValidation) throws {
        if case .list(let values) = rule.kind {
            let joined = values.joined(separator: ",")
            if joined.utf16.count > 255 {
                throw XLSXError(
                    .limitExceeded, "a drop-down list of \(joined.utf16.count) characters exceeds Excel's 255",
                    hint: "put the values in cells and use a list from a range",
                    zh: "下拉列表共\(joined.utf16.count)个字符，超过 Excel 的255个字符上限",
                    zhHint: "请把选项写在单元格中，改用引用单元格区域的下拉列表", location: ErrorLocation(sheet: name))
            }
            if values.contains(where: { $0.contains(",") }) {
                throw XLSXError(
                    .invalidValue, "a drop-down value contains a comma, which separates values",
                    zh: "下拉列表的选项中含有逗号，而逗号用于分隔选项", zhHint: "请去掉选项中的逗号", location: ErrorLocation(sheet: name))
            }
        }
        validations.append(rule)
    }

    /// Adds a conditional format.
    public func addConditionalFormat(_ format: ConditionalFormat) { conditionalFormats.append(format) }

    /// Protects the sheet: locked cells cannot be edited; `password` (optional) is stored as the
    /// standard's legacy 16-bit hash (ECMA-376 Part 1, 18.3.1.85).
    public func protect(password: String? = nil, options: ProtectionOptions = ProtectionOptions()) {
        protection = (password.map(SheetWriter.legacyPasswordHash), options)
    }

    /// Places a native column chart over the cells of its anchor.
    public func addChart(_ chart: ColumnChart) { charts.append(chart) }

    /// Attaches a note (comment) to a cell.
    public func addNote(_ note: Note) { notes.append(note) }

    /// Links a cell to a web address.
    public func addHyperlink(at cell: CellReference, url: String, tooltip: String? = nil) {
        hyperlinks.append((cell, url, true, tooltip))
    }

    /// Links a cell to a place in the workbook, such as `'数据问题'!A1`.
    public func addHyperlink(at cell: CellReference, location: String, tooltip: String? = nil) {
        hyperlinks.append((cell, location, false, tooltip))
    }

    /// The legacy sheet-protection password hash, as four hexadecimal digits.
    static func legacyPasswordHash(_ password: String) -> String {
        let chars = Array(password.utf16.map { UInt16($0 & 0x7FFF) })
        var hash: UInt16 = 0
        for c in chars.reversed() {
            hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
            hash ^= c
        }
        hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
        hash ^= UInt16(truncatingIfNeeded: chars.count)
        hash ^= 0xCE4B
        let hex = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Finishes the row stream (once) and returns the spooled `<sheetData>` body.
    func finishRows() throws -> SpoolFile {
        if !rowsFinished {
            try flush(startingStream: false)
            try spool.close()
            rowsFinished = true
        }
        return spool
    }
}

/// A temporary file that collects bytes, removed with the writer's temporary folder.
final class SpoolFile {
    let path: String
    private var handle: UnsafeMutablePointer<FILE>?
    private(set) var size = 0

    init(directory: URL, name: String) throws {
        path = directory.appendingPathComponent(name).path
        guard let f = fopen(path, "wb") else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot create a temporary file: \(String(cString: strerror(code)))",
                zh: "无法创建临时文件：\(ChineseText.systemReason(code))", location: ErrorLocation(file: path))
        }
        handle = f
    }

    deinit { if let handle { fclose(handle) } }

    func write(_ bytes: [UInt8]) throws {
        guard let handle, !bytes.isEmpty else { return }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard n == bytes.count else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot write a temporary file: \(String(cString: strerror(code)))", hint: "check the free disk space",
                zh: "无法写入临时文件：\(ChineseText.systemReason(code))", zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
        }
        size += n
    }

    func close() throws {
        guard let h = handle else { return }
        handle = nil
        guard fclose(h) == 0 else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot finish a temporary file: \(String(cString: strerror(code)))",
                zh: "无法完成临时文件的写入：\(ChineseText.systemReason(code))", zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
        }
    }

    /// Copies the file's bytes onto the end of another open file.
    func copy(to out: UnsafeMutablePointer<FILE>) throws {
        guard let f = fopen(path, "rb") else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot reopen a temporary file", zh: "无法重新打开临时文件：\(ChineseText.systemReason(code))",
                location: ErrorLocation(file: path))
        }
        defer { fclose(f) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            let w = chunk.withUnsafeBytes { fwrite($0.baseAddress, 1, n, out) }
            guard w == n else {
                throw XLSXError(
                    .ioError, "cannot write a temporary file; check the free disk space", zh: "无法写入临时文件",
                    zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
            }
        }
    }
}
