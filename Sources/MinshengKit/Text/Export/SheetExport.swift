import XLSXCore
import XLSXReader

/// Writes a sheet as CSV, TSV, JSON or a list of cells: the one exporter behind `minsheng cat` and
/// `minsheng convert`.
///
/// A sheet is streamed row by row in constant memory. CSV, TSV and JSON show the used range (from the
/// first to the last non-empty cell), which is known only at the end: each row is encoded once into
/// a spool (`ExportSpool`) and written out, padded to the range, when the sheet has been read.
public struct SheetExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// RFC 4180, CRLF line ends.
        case csv
        /// Tab-separated, quoted as CSV where a field holds a tab, quote or line break, CRLF line ends.
        case tsv
        /// An array of rows of strings, numbers, booleans and nulls.
        case json
        /// One line per non-empty cell, `A1<TAB>value`, with backslash, tab and line breaks escaped.
        case cells
    }

    public var format: Format
    /// Show `=formula` instead of the cached value where a cell has a formula.
    public var formulas: Bool
    /// Start CSV with a byte-order mark, which Excel needs to read UTF-8 (Chinese) correctly.
    public var byteOrderMark: Bool

    public init(format: Format, formulas: Bool = false, byteOrderMark: Bool = false) {
        self.format = format
        self.formulas = formulas
        self.byteOrderMark = byteOrderMark
    }

    /// Streams one sheet of a workbook to `output`.
    /// - Throws: what the reader throws for a damaged sheet, `DomainError` when the spool fails.
    package func write(_ workbook: Workbook, sheet: SheetInfo, to output: ByteOutput) throws {
        // The rows are read on a thread of their own while this one encodes and writes them.
        if format == .cells { return try writeCells(workbook.prefetchedRows(of: sheet), to: output) }
        let spool = try ExportSpool()
        var bounds = Bounds()
        var body = [UInt8]()
        body.reserveCapacity(1 << 12)
        let reader = workbook.prefetchedRows(of: sheet)
        while let row = try reader.next() {
            // Rows or cells out of order (a damaged or hand-made file): place every cell by its reference.
            guard bounds.follows(row.index), let spanned = encode(row.cells, row: row.index, into: &body) else {
                reader.stop()
                return try writeGrid(workbook.grid(of: sheet), to: output)
            }
            guard let columns = spanned else { continue }
            let header = ExportSpool.Header(row: Int32(row.index), first: Int32(columns.lowerBound), last: Int32(columns.upperBound), length: Int32(body.count))
            bounds.include(header)
            spool.add(header, body: body)
        }
        appendStart(to: output)
        guard let range = bounds.range else { return appendEnd(rows: 0, to: output) }
        var nextRow = range.rows.lowerBound
        try spool.replay { header, bytes in
            while nextRow < Int(header.row) {
                appendEmptyRow(columns: range.columns.count, at: nextRow - range.rows.lowerBound, to: output)
                nextRow += 1
            }
            appendRow(bytes, lead: Int(header.first) - range.columns.lowerBound, trail: range.columns.upperBound - Int(header.last),
                      at: nextRow - range.rows.lowerBound, to: output)
            nextRow += 1
        }
        appendEnd(rows: range.rows.count, to: output)
    }

    /// Encodes a row's fields from its first to its last non-empty cell into `body`.
    /// - Returns: the columns encoded, `.some(nil)` for a row with nothing in it, nil when the cells are
    ///   not in ascending column order or one names another row (its own reference wins, as in the grid).
    private func encode(_ cells: [Cell], row: Int, into body: inout [UInt8]) -> ClosedRange<Int>?? {
        body.removeAll(keepingCapacity: true)
        var first = -1, next = 0, previous = -1
        for i in cells.indices {
            let column = cells[i].reference.column
            guard column > previous, cells[i].reference.row == row else { return nil }
            previous = column
            guard Self.counts(cells[i]) else { continue }
            if first < 0 {
                first = column
                next = column
            }
            while next < column {
                appendEmptyField(to: &body, after: next > first)
                next += 1
            }
            if column > first { appendSeparator(to: &body) }
            appendField(shown(cells[i]), to: &body)
            next = column + 1
        }
        return .some(first < 0 ? nil : first...(next - 1))
    }

    /// Rows of values, each as long as it is, in the chosen format.
    package func write(values rows: [[CellValue]], to output: ByteOutput) {
        appendStart(to: output)
        var body = [UInt8]()
        for (i, row) in rows.enumerated() {
            body.removeAll(keepingCapacity: true)
            for (c, value) in row.enumerated() {
                if c > 0 { appendSeparator(to: &body) }
                appendField(value, to: &body)
            }
            body.withUnsafeBytes { appendRow($0, lead: 0, trail: 0, at: i, to: output) }
        }
        appendEnd(rows: rows.count, to: output)
    }

    /// The whole grid's used range; for sheets whose rows came out of order.
    private func writeGrid(_ grid: SheetGrid, to output: ByteOutput) {
        appendStart(to: output)
        guard let range = grid.usedRange else { return appendEnd(rows: 0, to: output) }
        var body = [UInt8]()
        for r in range.start.row...range.end.row {
            body.removeAll(keepingCapacity: true)
            for c in range.start.column...range.end.column {
                if c > range.start.column { appendSeparator(to: &body) }
                appendField(grid.cell(row: r, column: c).map(shown) ?? .empty, to: &body)
            }
            body.withUnsafeBytes { appendRow($0, lead: 0, trail: 0, at: r - range.start.row, to: output) }
        }
        appendEnd(rows: range.end.row - range.start.row + 1, to: output)
    }

    /// One line per non-empty cell, streamed.
    private func writeCells(_ reader: PrefetchedRowReader, to output: ByteOutput) throws {
        var line = [UInt8]()
        while let row = try reader.next() {
            line.removeAll(keepingCapacity: true)
            for i in row.cells.indices {
                let value = shown(row.cells[i])
                if case .number(let n) = value, n.isFinite {
                    line.appendReference(row.cells[i].reference)
                    line.append(0x09)
                    line.appendNumber(n)
                } else {
                    let text = value.text
                    if text.isEmpty { continue }
                    line.appendReference(row.cells[i].reference)
                    line.append(0x09)
                    line.appendEscaped(text)
                }
                line.append(0x0A)
            }
            output.append(line)
        }
    }

    // MARK: Rows

    private func appendStart(to output: ByteOutput) {
        if format == .csv && byteOrderMark { output.append([0xEF, 0xBB, 0xBF]) }
    }

    private func appendEnd(rows: Int, to output: ByteOutput) {
        guard format == .json else { return }
        output.append(rows == 0 ? "[]\n" : "\n]\n")
    }

    /// An empty row of `columns` fields.
    private func appendEmptyRow(columns: Int, at index: Int, to output: ByteOutput) {
        var body = [UInt8]()
        for c in 0..<columns { appendEmptyField(to: &body, after: c > 0) }
        body.withUnsafeBytes { appendRow($0, lead: 0, trail: 0, at: index, to: output) }
    }

    /// A row's line: `lead` empty fields before the body and `trail` after it.
    private func appendRow(_ body: UnsafeRawBufferPointer, lead: Int, trail: Int, at index: Int, to output: ByteOutput) {
        var pad = [UInt8]()
        if format == .json { output.append(index == 0 ? "[\n  [" : ",\n  [") }
        for _ in 0..<lead {
            appendEmptyField(to: &pad, after: false)
            appendSeparator(to: &pad)
        }
        output.append(pad)
        output.append(body)
        pad.removeAll(keepingCapacity: true)
        for _ in 0..<trail { appendEmptyField(to: &pad, after: true) }
        output.append(pad)
        output.append(format == .json ? "]" : "\r\n")
    }

    // MARK: Fields

    /// Whether a cell is part of the used range: a value, or a formula.
    private static func counts(_ cell: Cell) -> Bool { !cell.value.isEmpty || cell.formula != nil }

    private func appendSeparator(to out: inout [UInt8]) {
        switch format {
        case .csv: out.append(UInt8(ascii: ","))
        case .tsv: out.append(0x09)
        case .json, .cells: out += [UInt8(ascii: ","), UInt8(ascii: " ")]
        }
    }

    /// An empty field, after a separator unless it is the row's first.
    private func appendEmptyField(to out: inout [UInt8], after: Bool) {
        if after { appendSeparator(to: &out) }
        if format == .json { out.appendUTF8("null") }
    }

    private func appendField(_ value: CellValue, to out: inout [UInt8]) {
        switch (format, value) {
        case (.json, .empty): out.appendUTF8("null")
        case (.json, .number(let n)) where n.isFinite: out.appendNumber(n)
        case (.json, .bool(let b)): out.appendUTF8(b ? "true" : "false")
        case (.json, _): out.appendJSONString(value.text)
        case (_, .number(let n)): out.appendNumber(n)
        case (_, .string(let s)): out.appendDelimitedField(s, separator: format == .tsv ? 0x09 : UInt8(ascii: ","))
        default: out.appendDelimitedField(value.text, separator: format == .tsv ? 0x09 : UInt8(ascii: ","))
        }
    }

    /// The value shown for a cell: its formula as text when asked for, else its value.
    private func shown(_ cell: Cell) -> CellValue {
        if formulas, let f = cell.formula { return .string("=" + f) }
        return cell.value
    }
}

/// The rows and columns the spooled rows cover, and whether rows arrive in order.
private struct Bounds {
    var range: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?
    private var lastRow = -1

    /// Whether `row` comes after every row before it (and records it).
    mutating func follows(_ row: Int) -> Bool {
        defer { lastRow = row }
        return row > lastRow
    }

    mutating func include(_ header: ExportSpool.Header) {
        let rows = Int(header.row)...Int(header.row), columns = Int(header.first)...Int(header.last)
        guard let r = range else { range = (rows, columns); return }
        range = (min(r.rows.lowerBound, rows.lowerBound)...max(r.rows.upperBound, rows.upperBound),
                 min(r.columns.lowerBound, columns.lowerBound)...max(r.columns.upperBound, columns.upperBound))
    }
}
