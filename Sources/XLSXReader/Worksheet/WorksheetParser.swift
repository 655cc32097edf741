import XLSXCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses a worksheet part (`xl/worksheets/sheetN.xml`) row by row: the first stage of reading a sheet.
///
/// Each cell's reference, type, style, value bytes and formula are recorded as the rows complete
/// (`RawCells`); the caller takes them between chunks (`takeRows(into:)`), so memory stays bounded by one chunk's
/// rows, and `CellDecoder` makes the cells' values. Everything outside `<sheetData>` goes to `metadata`.
final class WorksheetParser: SAXHandler {
    private typealias CellType = RawCells.CellType
    private enum Capture { case none, value, formula, inline, inlineText, validationFormula1, validationFormula2 }

    // The SAX callbacks touch this state millions of times and never overlap (one parser, one thread):
    // dynamic exclusivity checks on it cost a tenth of the reading time, so they are turned off.
    @exclusivity(unchecked) private var recorded = RawCells()
    @exclusivity(unchecked) private(set) var metadata = SheetMetadata()

    private let maxStringLength: Int
    @exclusivity(unchecked) var sheetName: String?

    @exclusivity(unchecked) private var inSheetData = false
    /// The row whose cells are being recorded; its `cellEnd` is set when it closes.
    @exclusivity(unchecked) private var currentRow: RawCells.RawRow?
    @exclusivity(unchecked) private var nextRowIndex = 0
    @exclusivity(unchecked) private var nextColumn = 0
    @exclusivity(unchecked) private var cellRef = CellReference(row: 0, column: 0)
    @exclusivity(unchecked) private var cellType = CellType.number
    @exclusivity(unchecked) private var cellStyle = 0
    @exclusivity(unchecked) private var hasValue = false
    /// Between a `<c>` and its `</c>`.
    @exclusivity(unchecked) private var cellOpen = false
    @exclusivity(unchecked) private var formulaText: String?
    @exclusivity(unchecked) private var formulaMaster: CellReference?
    @exclusivity(unchecked) private var pendingSharedIndex: Int?
    @exclusivity(unchecked) private var pendingSharedRef = false
    @exclusivity(unchecked) private var sharedFormulas: [Int: (master: CellReference, formula: String)] = [:]
    @exclusivity(unchecked) private var capture = Capture.none
    /// The text of a formula or a validation formula being read. A value's text goes straight into
    /// `recorded.bytes`: no copy between buffers.
    @exclusivity(unchecked) private var text: [UInt8] = []
    /// Offsets into `recorded.bytes`: where the text being captured began, where the run of an inline string
    /// began, and the cell's value as last captured.
    @exclusivity(unchecked) private var captureStart = 0
    @exclusivity(unchecked) private var inlineTextStart = 0
    @exclusivity(unchecked) private var valueStart = 0
    @exclusivity(unchecked) private var valueEnd = 0
    @exclusivity(unchecked) private var inlinePhonetic = 0
    @exclusivity(unchecked) private var inlinePreserve = false
    @exclusivity(unchecked) private var pendingValidation: PendingValidation?

    /// A `<dataValidation>` whose formulas are still to come.
    private struct PendingValidation {
        var type: String
        var operator_: String?
        var formula1: String?
        var formula2: String?
        var rule: DataValidation
    }

    init(maxStringLength: Int) {
        self.maxStringLength = maxStringLength
        text.reserveCapacity(256)
    }

    /// Moves the rows recorded since the last call, with their cells, into `out` (its storage reused). A row
    /// still open is handed over as far as it goes, marked to continue, unless `closingOpenRow`: at the end of
    /// the part, or after the parse has failed, so that a value refused in it is reported before the failure,
    /// as it came before it.
    func takeRows(into out: inout RawCells, closingOpenRow: Bool = false) {
        if closingOpenRow {
            closeRow()
        } else if var row = currentRow {
            row.cellEnd = recorded.cells.count
            row.continues = true
            recorded.rows.append(row)
        }
        // What is still to be used of the bytes: the text being captured, and the open cell's value.
        var live = recorded.bytes.count
        if cellOpen && hasValue { live = min(live, valueStart) }
        switch capture {
        case .value, .inline, .inlineText: live = min(live, captureStart)
        default: break
        }
        let kept = recorded.moveAll(into: &out, keepingBytesFrom: live)
        // The offsets moved with the bytes kept; the others are set again before they are used.
        captureStart = max(0, captureStart - kept)
        inlineTextStart = max(0, inlineTextStart - kept)
        valueStart = max(0, valueStart - kept)
        valueEnd = max(0, valueEnd - kept)
    }

    /// Starts capturing a value's text (`<v>`, `<is>`) into the recorded bytes.
    @inline(__always)
    private func startValueCapture(_ kind: Capture) {
        capture = kind
        captureStart = recorded.bytes.count
    }

    /// The text just captured is the cell's value.
    @inline(__always)
    private func endValueCapture() {
        valueStart = captureStart
        valueEnd = recorded.bytes.count
        hasValue = true
    }

    /// Closes the row being recorded, if any.
    @inline(__always)
    private func closeRow() {
        guard var row = currentRow else { return }
        row.cellEnd = recorded.cells.count
        recorded.rows.append(row)
        currentRow = nil
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == .main || name.namespace == .none else { return }
        if inSheetData {
            if name.is("c") {
                try startCell(attributes)
            } else if name.is("v") {
                startValueCapture(.value)
            } else if name.is("f") {
                startFormula(attributes)
            } else if name.is("is") {
                startValueCapture(.inline)
            } else if name.is("t") {
                if capture == .inline && inlinePhonetic == 0 {
                    capture = .inlineText
                    inlineTextStart = recorded.bytes.count
                    inlinePreserve = preservesSpace(attributes)
                }
            } else if name.is("rPh") {
                inlinePhonetic += 1
            } else if name.is("row") {
                try startRow(attributes)
            }
            return
        }
        if name.is("sheetData") {
            inSheetData = true
        } else {
            try startMetadataElement(name, attributes)
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == .main || name.namespace == .none else { return }
        if inSheetData {
            if name.is("v") {
                if capture == .value { endValueCapture() }
                capture = .none
            } else if name.is("f") {
                if capture == .formula { endFormula() }
                capture = .none
            } else if name.is("is") {
                if capture == .inline {
                    endValueCapture()
                    cellType = .inline
                }
                capture = .none
            } else if name.is("t") {
                if capture == .inlineText {
                    if !inlinePreserve { trimXMLSpace(&recorded.bytes, from: inlineTextStart) }
                    capture = .inline
                }
            } else if name.is("rPh") {
                inlinePhonetic -= 1
            } else if name.is("c") {
                endCell()
            } else if name.is("row") {
                closeRow()
            } else if name.is("sheetData") {
                inSheetData = false
                closeRow()
            }
            return
        }
        if name.is("formula1") || name.is("formula2") {
            let value = String(decoding: text, as: UTF8.self)
            if capture == .validationFormula1 { pendingValidation?.formula1 = value }
            if capture == .validationFormula2 { pendingValidation?.formula2 = value }
            capture = .none
        } else if name.is("dataValidation"), let v = pendingValidation {
            var rule = v.rule
            rule.kind = DataValidation.Kind(type: v.type, operator: v.operator_, formula1: v.formula1, formula2: v.formula2)
            metadata.dataValidations.append(rule)
            pendingValidation = nil
        }
    }

    @inline(__always)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let length: Int
        switch capture {
        case .none, .inline: return
        case .value, .inlineText:
            recorded.bytes.append(contentsOf: bytes)
            length = recorded.bytes.count &- captureStart
        case .formula, .validationFormula1, .validationFormula2:
            text.append(contentsOf: bytes)
            length = text.count
        }
        if length > maxStringLength &* 4 {
            throw XLSXError(
                .limitExceeded, "a cell's text is longer than \(maxStringLength) characters",
                hint: "a cell holds at most 32,767 characters; the file is damaged or crafted",
                zh: "单元格文字超过\(maxStringLength)个字符",
                zhHint: "Excel 单元格最多容纳32767个字符，该文件已损坏或被人为构造，请让报送单位用 Excel 或 WPS 重新保存后再报送",
                location: ErrorLocation(sheet: sheetName, cell: cellRef))
        }
    }

    // MARK: rows and cells

    private func startRow(_ attributes: XMLAttributes) throws {
        closeRow()
        var index = nextRowIndex
        if let r = attributes.int("r") {
            guard r >= 1, r <= Limits.maxRows else {
                throw XLSXError(
                    .invalidCellReference, "row number \(r) is outside 1…\(Limits.maxRows)",
                    hint: "the file is damaged; open and save it again in Excel or WPS",
                    zh: "行号\(r)超出 Excel 的行范围（1至\(Limits.maxRows)）",
                    zhHint: "文件已损坏，请用 Excel 或 WPS 打开后重新保存", location: ErrorLocation(sheet: sheetName))
            }
            index = r - 1
        }
        nextRowIndex = index + 1
        nextColumn = 0
        let hidden = attributes.bool("hidden") ?? false
        if hidden { metadata.hiddenRows.insert(index) }
        let height = attributes.bytes("ht").flatMap { parseDouble($0) }
        currentRow = RawCells.RawRow(index: index, hidden: hidden, height: height, cellEnd: 0)
    }

    private func startCell(_ attributes: XMLAttributes) throws {
        if currentRow == nil {
            // A <c> outside any <row>: treat it as a row of its own, as Excel does.
            currentRow = RawCells.RawRow(index: nextRowIndex, hidden: false, height: nil, cellEnd: 0)
            nextRowIndex += 1
        }
        // One pass over the attributes for the three a cell has (`bytes(_:)` would make one each).
        var r: UnsafeBufferPointer<UInt8>?, style: UnsafeBufferPointer<UInt8>?, t: UnsafeBufferPointer<UInt8>?
        attributes.forEachOneLetter { name, value in
            switch name {
            case UInt8(ascii: "r"): if r == nil { r = value }
            case UInt8(ascii: "s"): if style == nil { style = value }
            case UInt8(ascii: "t"): if t == nil { t = value }
            default: break
            }
        }
        if let r, r.count > 0 {
            if let ref = CellReference.parseExactly(r) {
                cellRef = ref  // the cell's own reference wins over the row it sits in
            } else if r.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                // Some generators write a bare column number ("0", "1", …); the cell's position still tells.
                cellRef = CellReference(row: currentRow!.index, column: nextColumn)
            } else {
                throw XLSXError(
                    .invalidCellReference, "cell reference \"\(String(decoding: r, as: UTF8.self))\" is not a cell of Excel's grid (A1…XFD1048576)",
                    hint: "the file is damaged or was not written by a spreadsheet program",
                    zh: "单元格地址“\(String(decoding: r, as: UTF8.self))”不在 Excel 表格范围内（A1至XFD1048576）",
                    zhHint: "文件已损坏或不是由电子表格软件生成，请用 Excel 或 WPS 打开后重新保存", location: ErrorLocation(sheet: sheetName))
            }
        } else {
            cellRef = CellReference(row: currentRow!.index, column: nextColumn)
        }
        nextColumn = cellRef.column + 1
        cellStyle = style.flatMap { parseInt($0) } ?? 0
        cellType = .number
        if let t, t.count > 0 {
            switch t[0] {
            case UInt8(ascii: "s"): cellType = t.count == 1 ? .shared : .string  // "s" or "str"
            case UInt8(ascii: "i"): cellType = .inline
            case UInt8(ascii: "b"): cellType = .bool
            case UInt8(ascii: "e"): cellType = .error
            case UInt8(ascii: "d"): cellType = .date
            default: cellType = .number
            }
        }
        hasValue = false
        cellOpen = true
        formulaText = nil
        formulaMaster = nil
    }

    private func startFormula(_ attributes: XMLAttributes) {
        capture = .formula
        text.clear()
        pendingSharedIndex = nil
        pendingSharedRef = false
        if let t = attributes.string("t"), t == "shared", let si = attributes.int("si") {
            pendingSharedIndex = si
            pendingSharedRef = attributes.bytes("ref") != nil
        }
    }

    private func endFormula() {
        let written = String(decoding: text, as: UTF8.self)
        if let si = pendingSharedIndex {
            if !written.isEmpty && (pendingSharedRef || sharedFormulas[si] == nil) {
                sharedFormulas[si] = (cellRef, written)
                formulaText = written
            } else if let master = sharedFormulas[si] {
                formulaMaster = master.master
                formulaText = translateFormula(
                    master.formula, rows: cellRef.row - master.master.row, columns: cellRef.column - master.master.column)
            }
        } else if !written.isEmpty {
            formulaText = written
        }
    }

    private func endCell() {
        // A row ended inside this cell (well-formed XML, invalid SpreadsheetML): give the cell a row again.
        if currentRow == nil { currentRow = RawCells.RawRow(index: cellRef.row, hidden: false, height: nil, cellEnd: 0) }
        // Only damaged markup (a value captured, then trimmed away) could leave the offsets past the end.
        let end = hasValue ? min(valueEnd, recorded.bytes.count) : recorded.bytes.count
        let start = hasValue ? min(valueStart, end) : end
        var formula: Int32 = -1
        if let formulaText {
            formula = Int32(truncatingIfNeeded: recorded.formulas.count)
            recorded.formulas.append(RawCells.Formula(text: formulaText, master: formulaMaster))
        }
        recorded.cells.append(
            RawCells.RawCell(
                reference: cellRef, type: cellType, hasValue: hasValue, formula: formula, style: cellStyle,
                valueStart: start, valueEnd: end))
        cellOpen = false
    }

    // MARK: outside sheetData

    private func startMetadataElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if name.is("mergeCell") {
            if let ref = attributes.string("ref"), let range = CellRange(ref) { metadata.mergedRanges.append(range) }
        } else if name.is("col") {
            guard let lo = attributes.int("min"), let hi = attributes.int("max"), lo >= 1, hi >= lo, hi <= Limits.maxColumns else { return }
            let hidden = attributes.bool("hidden") ?? false
            let width = attributes.bytes("width").flatMap { parseDouble($0) }
            // Files often style A:XFD in one <col>; record widths and hidden state only where they mean something.
            if hi - lo < 1024 {
                for c in (lo - 1)...(hi - 1) {
                    if hidden { metadata.hiddenColumns.insert(c) }
                    if let width { metadata.columnWidths[c] = width }
                }
            } else if hidden {
                for c in (lo - 1)...min(hi - 1, lo + 1023) { metadata.hiddenColumns.insert(c) }
            }
        } else if name.is("dimension") {
            metadata.declaredDimension = attributes.string("ref").flatMap { CellRange($0) }
        } else if name.is("dataValidation") {
            let style = attributes.string("errorStyle").flatMap(DataValidation.ErrorStyle.init(rawValue:)) ?? .stop
            let rule = DataValidation(
                .any, ranges: (attributes.string("sqref") ?? "").split(separator: " ").compactMap { CellRange(String($0)) },
                allowBlank: attributes.bool("allowBlank") ?? false, hidesDropDownArrow: attributes.bool("showDropDown") ?? false,
                promptTitle: attributes.string("promptTitle"), prompt: attributes.string("prompt"),
                errorTitle: attributes.string("errorTitle"), error: attributes.string("error"), errorStyle: style)
            pendingValidation = PendingValidation(type: attributes.string("type") ?? "none", operator_: attributes.string("operator"), rule: rule)
        } else if name.is("formula1"), pendingValidation != nil {
            capture = .validationFormula1
            text.clear()
        } else if name.is("formula2"), pendingValidation != nil {
            capture = .validationFormula2
            text.clear()
        } else if name.is("sheetProtection") {
            var flags: [String: Bool] = [:]
            for i in 0..<attributes.count {
                guard let base = attributes.raw.map({ $0 + i * 5 }), let local = base[0] else { continue }
                let key = String(cString: local)
                if let start = base[3], let end = base[4] {
                    let v = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    if v == "1" || v == "true" { flags[key] = true } else if v == "0" || v == "false" { flags[key] = false }
                }
            }
            let isProtected = flags.removeValue(forKey: "sheet") ?? false
            metadata.protection = SheetProtection(
                isProtected: isProtected, passwordHash: attributes.string("password"),
                algorithmName: attributes.string("algorithmName"), flags: flags)
        } else if name.is("pane") {
            if attributes.string("state") == "frozen" || attributes.string("state") == "frozenSplit",
                let tl = attributes.string("topLeftCell").flatMap({ CellReference($0) })
            {
                metadata.frozenAt = tl
            } else if attributes.string("state") == "frozen" {
                let x = attributes.int("xSplit") ?? 0, y = attributes.int("ySplit") ?? 0
                metadata.frozenAt = CellReference(row: y, column: x)
            }
        } else if name.is("hyperlink") {
            guard let ref = attributes.string("ref").flatMap({ CellRange($0) }) else { return }
            if let location = attributes.string("location") {
                metadata.hyperlinks[ref.start] = "#" + location
            } else if let rid = attributes.string("id", namespace: .officeRelationships) {
                metadata.hyperlinks[ref.start] = "rid:" + rid
            }
        }
    }
}

/// Parses a decimal number the way Excel writes it (`8.1`, `-1E-3`, ` 12 `); nil on anything else.
@inline(__always)
func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    if let fast = parseSimpleDecimal(b) { return fast }
    return parseDoubleSlow(b)
}

private let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { x, _ in x * 10 } }

/// Plain decimals (`-12.375`) of at most 15 significant digits: the mantissa and 10^k are both exact
/// doubles, so one division gives the correctly rounded value (Clinger's fast path); nil otherwise.
@inline(__always)
private func parseSimpleDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let n = b.count
    guard n > 0, n <= 17 else { return nil }
    var negative = false
    if b[0] == UInt8(ascii: "-") {
        negative = true
        i = 1
    }
    var mantissa: Int64 = 0
    var digits = 0
    var fraction = -1
    while i < n {
        let c = b[i]
        if c >= 48 && c <= 57 {
            mantissa = mantissa * 10 + Int64(c - 48)
            digits += 1
            if fraction >= 0 { fraction += 1 }
        } else if c == UInt8(ascii: "."), fraction < 0 {
            fraction = 0
        } else {
            return nil
        }
        i += 1
    }
    guard digits > 0, digits <= 15, fraction != 0 else { return nil }
    var v = Double(mantissa)
    if fraction > 0 { v /= powersOfTen[fraction] }
    return negative ? -v : v
}

/// Everything else (exponents, padding, long mantissas) goes through the C library.
private func parseDoubleSlow(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    guard b.count > 0, b.count < 63 else {
        if b.count == 0 { return nil }
        return Double(String(decoding: b, as: UTF8.self).trimmingASCIISpaces())
    }
    return withUnsafeMutableBytes(of: &buffer) { raw -> Double? in
        let p = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
        for i in 0..<b.count { p[i] = CChar(bitPattern: b[i]) }
        p[b.count] = 0
        var end: UnsafeMutablePointer<CChar>?
        let v = strtod(p, &end)
        guard let end, end != p, v.isFinite else { return nil }
        var e = end
        while e.pointee == 0x20 || e.pointee == 0x0A || e.pointee == 0x0D || e.pointee == 0x09 { e += 1 }
        guard e.pointee == 0 else { return nil }
        // strtod also reads hex floats, "inf" and "nan", which a cell never holds as a number.
        for i in 0..<b.count where b[i] == UInt8(ascii: "x") || b[i] == UInt8(ascii: "X") || b[i] == UInt8(ascii: "n") || b[i] == UInt8(ascii: "N") {
            return nil
        }
        return v
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension Array where Element == UInt8 {
    /// Empties the buffer but keeps its storage (without the generic `replaceSubrange` path).
    @inline(__always)
    mutating func clear() {
        if !isEmpty { removeLast(count) }
    }
}
