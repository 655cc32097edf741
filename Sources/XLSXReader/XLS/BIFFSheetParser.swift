import XLSXCore

/// Reads one sheet substream, from its `BOF` to its `EOF`: the cell records (with the cached results of
/// formulas), rows, columns, merged ranges and protection.
struct BIFFSheetParser {
    private var reader: BIFFRecordReader
    private let version: BIFFVersion
    private let globals: WorkbookGlobals
    private let formats: [CellFormat]
    private let text: BIFFText
    private let limits: ReadLimits

    /// Cells in file order; sorted, and the last of two at one position kept, at the end.
    private var cells: [(key: Int, cell: Cell)] = []
    private var rowInfo: [Int: (hidden: Bool, height: Double?, keep: Bool)] = [:]
    private var metadata = SheetMetadata()
    /// A formula whose string result is in the `STRING` record that follows.
    private var pendingString: (row: Int, column: Int, style: Int)?
    /// BIFF2: the XF index for cells whose attribute says 63 (`IXFE` record).
    private var ixfe = 0
    private var protected = false
    private var passwordHash: Int?
    /// Streaming (`nextRows`): cells arrive row by row, and the rows before a new cell's row are complete.
    private var streaming = false
    private var started = false
    private var finished = false
    private var currentRow = -1
    private var ready: [Row] = []

    init(reader: BIFFRecordReader, version: BIFFVersion, globals: WorkbookGlobals, formats: [CellFormat], text: BIFFText, limits: ReadLimits) {
        self.reader = reader
        self.version = version
        self.globals = globals
        self.formats = formats
        self.text = text
        self.limits = limits
    }

    /// How far into the stream the parser has read.
    var position: Int { reader.position }

    /// Reads the substream that starts at the reader's position with a `BOF` record.
    /// - Parameter cellsWanted: false for a chart sheet, whose cached series values are not cells.
    /// - Throws: `XLSXError` for damaged records, cells outside the grid, NaN numbers.
    mutating func parse(cellsWanted: Bool = true) throws -> (rows: [Row], metadata: SheetMetadata) {
        while try step(cellsWanted: cellsWanted) {}
        return finish()
    }

    /// The next rows of the sheet, read as far as needed to complete them; nil after the last. For a
    /// sheet whose cell records come in row order (`BIFFSheetScan`); the metadata is complete after nil.
    mutating func nextRows(cellsWanted: Bool = true) throws -> [Row]? {
        if finished { return nil }
        streaming = true
        while try step(cellsWanted: cellsWanted) {
            if !ready.isEmpty {
                defer { ready = [] }
                return ready
            }
        }
        finished = true
        return finish().rows
    }

    /// Reads one record of the sheet (skipping an embedded substream whole); false at its `EOF`.
    private mutating func step(cellsWanted: Bool) throws -> Bool {
        if !started {
            started = true
            // Some writers point BOUNDSHEET just past the sheet's BOF; the records from there are read all the same.
            if let type = reader.peekType(), [BIFFType.bof, BIFFType.bof2, BIFFType.bof3, BIFFType.bof4].contains(type) {
                _ = try reader.next()
            }
        }
        guard let r = try reader.next(), r.type != BIFFType.eof else { return false }
        if BOFInfo.read(r, in: reader, streamName: nil) != nil {
            try skipSubstream()
        } else if cellsWanted {
            try record(r)
        }
        return true
    }

    /// Everything outside the cells, as far as read.
    var sheetMetadata: SheetMetadata { metadata }

    /// Skips an embedded substream (a chart on a worksheet) up to its `EOF`.
    private mutating func skipSubstream() throws {
        var depth = 1
        while depth > 0, let r = try reader.next() {
            if r.type == BIFFType.eof {
                depth -= 1
            } else if BOFInfo.read(r, in: reader, streamName: nil) != nil {
                depth += 1
            }
        }
    }

    private mutating func record(_ r: BIFFRecord) throws {
        switch r.type {
        case BIFFType.number:
            try reader.require(r, 14)
            try number(r, reader.f64(r, 6), style: reader.u16(r, 4))
        case BIFFType.rk:
            try reader.require(r, 10)
            try number(r, Self.rk(reader.u32(r, 6)), style: reader.u16(r, 4))
        case BIFFType.mulRK:
            try reader.require(r, 6)
            let row = reader.u16(r, 0), first = reader.u16(r, 2)
            for i in 0..<((r.length - 6) / 6) {
                try add(row, first + i, number(Self.rk(reader.u32(r, 6 + 6 * i)), style: reader.u16(r, 4 + 6 * i), row, first + i), style: reader.u16(r, 4 + 6 * i))
            }
        case BIFFType.labelSST:
            try reader.require(r, 10)
            let index = Int(reader.u32(r, 6))
            guard index < globals.sharedStrings.count else {
                throw XLSFailure.badRecord(
                    "a cell refers to shared string \(index), but the table has \(globals.sharedStrings.count)",
                    zh: "单元格引用的第 \(index) 号共享字符串不存在（共享字符串表只有 \(globals.sharedStrings.count) 项）")
            }
            try add(reader.u16(r, 0), reader.u16(r, 2), .string(globals.sharedStrings[index]), style: reader.u16(r, 4))
        case BIFFType.label, BIFFType.rString:
            try reader.require(r, 8)
            let segments = try reader.withContinuations(r)
            let s = try text.string(in: segments, of: r, stream: reader.stream, at: 6, lengthBytes: 2)
            try add(reader.u16(r, 0), reader.u16(r, 2), .string(s), style: reader.u16(r, 4))
        case BIFFType.boolErr:
            try reader.require(r, 8)
            try boolOrError(r, value: reader.u8(r, 6), isError: reader.u8(r, 7) != 0, style: reader.u16(r, 4))
        case BIFFType.formula where version != .biff2, BIFFType.formula3, BIFFType.formula4:
            try reader.require(r, 14)
            try formula(r, resultAt: 6, style: reader.u16(r, 4))
        case BIFFType.string, BIFFType.string2:
            try formulaString(r)
        case BIFFType.row, BIFFType.row2:
            try row(r)
        case BIFFType.colInfo:
            try reader.require(r, 10)
            columns(reader.u16(r, 0), reader.u16(r, 2), width: reader.u16(r, 4), hidden: reader.u16(r, 8) & 1 != 0)
        case BIFFType.colWidth2 where version == .biff2:
            try reader.require(r, 4)
            columns(reader.u8(r, 0), reader.u8(r, 1), width: reader.u16(r, 2), hidden: false)
        case BIFFType.mergedCells:
            mergedCells(r)
        case BIFFType.protect where r.length >= 2:
            protected = reader.u16(r, 0) != 0
        case BIFFType.password where r.length >= 2:
            passwordHash = reader.u16(r, 0)
        default:
            if version == .biff2 { try biff2Record(r) }
        }
    }

    /// The BIFF2 cell records, which carry three attribute bytes instead of an XF index.
    private mutating func biff2Record(_ r: BIFFRecord) throws {
        switch r.type {
        case BIFFType.ixfe where r.length >= 2:
            ixfe = reader.u16(r, 0)
        case BIFFType.number2:
            try reader.require(r, 15)
            try number(r, reader.f64(r, 7), style: biff2Style(r))
        case BIFFType.integer2:
            try reader.require(r, 9)
            try number(r, Double(reader.u16(r, 7)), style: biff2Style(r))
        case BIFFType.label2:
            try reader.require(r, 8)
            let count = reader.u8(r, 7)
            guard 8 + count <= r.length else { throw XLSFailure.truncatedRecord(type: r.type, at: r.offset) }
            let s = text.decoder.decode(Array(reader.stream[(r.start + 8)..<(r.start + 8 + count)]))
            try add(reader.u16(r, 0), reader.u16(r, 2), .string(s), style: biff2Style(r))
        case BIFFType.boolErr2:
            try reader.require(r, 9)
            try boolOrError(r, value: reader.u8(r, 7), isError: reader.u8(r, 8) != 0, style: biff2Style(r))
        case BIFFType.formula:
            try reader.require(r, 15)
            try formula(r, resultAt: 7, style: biff2Style(r))
        default:
            break
        }
    }

    /// The cell format of a BIFF2 cell: its XF (63 means the last `IXFE`), or, in a file without XF
    /// records, its number format.
    private func biff2Style(_ r: BIFFRecord) -> Int {
        if globals.xfs.isEmpty { return reader.u8(r, 5) & 0x3F }
        let xf = reader.u8(r, 4) & 0x3F
        return xf == 63 ? ixfe : xf
    }

    // MARK: values

    private mutating func number(_ r: BIFFRecord, _ value: Double, style: Int) throws {
        let row = reader.u16(r, 0), column = reader.u16(r, 2)
        try add(row, column, number(value, style: style, row, column), style: style)
    }

    /// A number, or a date when its cell format is a date or duration format (as the `.xlsx` reader does).
    private func number(_ value: Double, style: Int, _ row: Int, _ column: Int) throws -> CellValue {
        guard value.isFinite else { throw XLSFailure.notANumber(row: row, column: column) }
        if style < formats.count {
            let category = formats[style].category
            if category == .date || category == .duration,
                let d = ExcelDateTime.fromSerial(value, date1904: globals.date1904, duration: category == .duration)
            {
                return .date(d)
            }
        }
        return .number(value)
    }

    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30 bits of a double, maybe divided by 100.
    static func rk(_ v: UInt32) -> Double {
        let n: Double
        if v & 2 != 0 {
            n = Double(Int32(bitPattern: v) >> 2)
        } else {
            n = Double(bitPattern: UInt64(v & 0xFFFF_FFFC) << 32)
        }
        return v & 1 != 0 ? n / 100 : n
    }

    /// The text of an error code ([MS-XLS] 2.5.10 BErr).
    static func errorText(_ code: Int) -> String? {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: nil
        }
    }

    private mutating func boolOrError(_ r: BIFFRecord, value: Int, isError: Bool, style: Int) throws {
        let row = reader.u16(r, 0), column = reader.u16(r, 2)
        if isError {
            // An error code Excel does not define is left out rather than invented.
            guard let e = Self.errorText(value) else { return }
            try add(row, column, .error(e), style: style)
        } else {
            try add(row, column, .bool(value != 0), style: style)
        }
    }

    /// A formula's cached result ([MS-XLS] 2.5.133 FormulaValue); a string result comes in the next `STRING` record.
    private mutating func formula(_ r: BIFFRecord, resultAt o: Int, style: Int) throws {
        let row = reader.u16(r, 0), column = reader.u16(r, 2)
        if reader.u16(r, o + 6) != 0xFFFF {
            try add(row, column, number(reader.f64(r, o), style: style, row, column), style: style)
            return
        }
        switch reader.u8(r, o) {
        case 0:
            try checkGrid(row, column)
            pendingString = (row, column, style)
        case 1: try add(row, column, .bool(reader.u8(r, o + 2) != 0), style: style)
        case 2:
            if let e = Self.errorText(reader.u8(r, o + 2)) { try add(row, column, .error(e), style: style) }
        case 3: try add(row, column, .string(""), style: style)
        default: break
        }
    }

    private mutating func formulaString(_ r: BIFFRecord) throws {
        guard let pending = pendingString else { return }
        pendingString = nil
        let segments = try reader.withContinuations(r)
        let s = try text.string(in: segments, of: r, stream: reader.stream, at: 0, lengthBytes: version == .biff2 ? 1 : 2)
        if s.utf16.count > limits.maxStringLength { throw XLSFailure.stringTooLong(s.utf16.count, limit: limits.maxStringLength) }
        try add(pending.row, pending.column, .string(s), style: pending.style)
    }

    private func checkGrid(_ row: Int, _ column: Int) throws {
        guard row < Limits.maxRows, column < Limits.maxColumns else { throw XLSFailure.outsideGrid(row: row, column: column) }
    }

    private mutating func add(_ row: Int, _ column: Int, _ value: CellValue, style: Int) throws {
        try checkGrid(row, column)
        pendingString = nil
        if streaming, row > currentRow {
            if !cells.isEmpty { ready += rows(before: row) }
            currentRow = row
        }
        let cell = Cell(
            reference: CellReference(row: row, column: column), value: value, formula: nil, sharedFormulaMaster: nil,
            literal: NumberLiteral(), styleIndex: style < formats.count ? style : 0)
        cells.append((row * Limits.maxColumns + column, cell))
    }

    // MARK: layout

    private mutating func row(_ r: BIFFRecord) throws {
        guard r.length >= 8 else { return }
        let index = reader.u16(r, 0)
        let raw = reader.u16(r, 6)
        var hidden = false
        var custom = false
        var height: Double? = raw & 0x7FFF == 0 ? nil : Double(raw & 0x7FFF) / 20
        if r.type == BIFFType.row2 {
            // BIFF2: bit 15 marks the default height.
            if raw & 0x8000 != 0 { height = nil }
        } else if r.length >= 14 {
            let flags = reader.u16(r, 12)
            hidden = flags & 0x20 != 0
            custom = flags & 0x40 != 0
        }
        if hidden { metadata.hiddenRows.insert(index) }
        // Streaming, the rows before the current one are handed over already.
        if streaming && index < currentRow { return }
        rowInfo[index] = (hidden, height, hidden || custom)
    }

    private mutating func columns(_ first: Int, _ last: Int, width: Int, hidden: Bool) {
        // Excel writes 256 for the last column now and then; there are 256 columns in BIFF.
        let last = min(last, 255)
        guard first <= last else { return }
        for c in first...last {
            metadata.columnWidths[c] = Double(width) / 256
            if hidden { metadata.hiddenColumns.insert(c) }
        }
    }

    private mutating func mergedCells(_ r: BIFFRecord) {
        guard r.length >= 2 else { return }
        let count = min(reader.u16(r, 0), (r.length - 2) / 8)
        for i in 0..<count {
            let o = 2 + 8 * i
            let (r1, r2, c1, c2) = (reader.u16(r, o), reader.u16(r, o + 2), reader.u16(r, o + 4), reader.u16(r, o + 6))
            guard max(c1, c2) < Limits.maxColumns else { continue }
            metadata.mergedRanges.append(CellRange(CellReference(row: r1, column: c1), CellReference(row: r2, column: c2)))
        }
    }

    /// Rows in order with cells in column order (the last record for a cell wins), and the metadata.
    private mutating func finish() -> (rows: [Row], metadata: SheetMetadata) {
        if protected {
            metadata.protection = SheetProtection(
                isProtected: true, passwordHash: passwordHash.flatMap { $0 == 0 ? nil : String($0, radix: 16, uppercase: true) },
                algorithmName: nil, flags: [:])
        }
        return (rows(before: Int.max), metadata)
    }

    /// The rows of the cells read so far (all before `limit`), with the rows before `limit` that have
    /// no cells but are hidden or of a set height; those cells and rows are handed over and forgotten.
    private mutating func rows(before limit: Int) -> [Row] {
        var order = Array(cells.indices)
        order.sort { (cells[$0].key, $0) < (cells[$1].key, $1) }
        var rows: [Row] = []
        var current: Row?
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, cells[order[j + 1]].key == cells[order[i]].key { j += 1 }
            let cell = cells[order[j]].cell
            if current?.index != cell.reference.row {
                if let done = current { rows.append(done) }
                let info = rowInfo.removeValue(forKey: cell.reference.row)
                current = Row(index: cell.reference.row, cells: [], hidden: info?.hidden ?? false, height: info?.height)
            }
            current!.cells.append(cell)
            i = j + 1
        }
        if let done = current { rows.append(done) }
        cells.removeAll(keepingCapacity: true)
        // Hidden rows and rows of a set height stay in the model even without cells, as the .xlsx reader keeps them.
        let extra = rowInfo.filter { $0.value.keep && $0.key < limit }
        for key in extra.keys { rowInfo.removeValue(forKey: key) }
        if !extra.isEmpty { rows = (rows + extra.map { Row(index: $0.key, cells: [], hidden: $0.value.hidden, height: $0.value.height) }).sorted { $0.index < $1.index } }
        return rows
    }
}
