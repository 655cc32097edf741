import XLSXCore

/// A `table:table-cell` or `table:covered-table-cell` between its start and end tags. Its buffers keep
/// their storage from cell to cell.
struct ODSPendingCell {
    enum ValueType { case none, float, percentage, currency, date, time, boolean, string, void, unknown }

    var column = 0
    var repeats = 1
    var type = ValueType.none
    /// `calcext:value-type="error"`: LibreOffice's mark of a formula that failed.
    var isError = false
    var value: [UInt8] = []
    var hasValue = false
    var dateValue: [UInt8] = []
    var timeValue: [UInt8] = []
    var booleanValue: [UInt8] = []
    var stringValue: [UInt8]?
    var formula: [UInt8]?
    var style: [UInt8] = []
    var columnsSpanned = 1
    var rowsSpanned = 1
    var paragraphs = 0
    var href: String?

    mutating func reset(column: Int) {
        self.column = column
        repeats = 1
        type = .none
        isError = false
        value.clear()
        hasValue = false
        dateValue.clear()
        timeValue.clear()
        booleanValue.clear()
        stringValue = nil
        formula = nil
        style.clear()
        columnsSpanned = 1
        rowsSpanned = 1
        paragraphs = 0
        href = nil
    }
}

extension ODSContentParser {
    func startCell(_ attributes: XMLAttributes) {
        cell.reset(column: nextColumn)
        text.clear()
        attributes.forEachODF(&ns) { a in
            switch a.namespace {
            case .table:
                if a.name.is("number-columns-repeated") {
                    cell.repeats = max(parseODFCount(a.value) ?? 1, 1)
                } else if a.name.is("style-name") {
                    cell.style.append(contentsOf: a.bytes)
                } else if a.name.is("formula") {
                    cell.formula = a.bytes
                } else if a.name.is("number-columns-spanned") {
                    cell.columnsSpanned = max(parseODFCount(a.value) ?? 1, 1)
                } else if a.name.is("number-rows-spanned") {
                    cell.rowsSpanned = max(parseODFCount(a.value) ?? 1, 1)
                }
            case .office:
                if a.name.is("value-type") {
                    cell.type = ODSContentParser.valueType(a)
                } else if a.name.is("value") {
                    cell.value.append(contentsOf: a.value)
                    cell.hasValue = true
                } else if a.name.is("date-value") {
                    cell.dateValue.append(contentsOf: a.value)
                } else if a.name.is("time-value") {
                    cell.timeValue.append(contentsOf: a.value)
                } else if a.name.is("boolean-value") {
                    cell.booleanValue.append(contentsOf: a.value)
                } else if a.name.is("string-value") {
                    cell.stringValue = a.bytes
                }
            case .calcext:
                if a.name.is("value-type"), a.equals("error") { cell.isError = true }
            default:
                break
            }
        }
    }

    private static func valueType(_ a: ODFAttribute) -> ODSPendingCell.ValueType {
        if a.equals("float") { return .float }
        if a.equals("string") { return .string }
        if a.equals("date") { return .date }
        if a.equals("percentage") { return .percentage }
        if a.equals("currency") { return .currency }
        if a.equals("time") { return .time }
        if a.equals("boolean") { return .boolean }
        if a.equals("void") { return .void }
        return .unknown
    }

    func endCell() throws {
        let start = cell.column
        let repeats = cell.repeats
        nextColumn = min(start &+ repeats, 1 << 40)
        location.cell = CellReference(row: min(rowIndex, Limits.maxRows - 1), column: min(start, Limits.maxColumns - 1))
        if cell.columnsSpanned > 1 || cell.rowsSpanned > 1, start < Limits.maxColumns, rowIndex < Limits.maxRows {
            let end = CellReference(
                row: min(rowIndex + min(cell.rowsSpanned, Limits.maxRows) - 1, Limits.maxRows - 1),
                column: min(start + min(cell.columnsSpanned, Limits.maxColumns) - 1, Limits.maxColumns - 1))
            table?.metadata.mergedRanges.append(CellRange(CellReference(row: rowIndex, column: start), end))
        }
        let value = try makeValue()
        let formula = cell.formula.flatMap { ODSFormula.excel(String(decoding: $0, as: UTF8.self)) }
        guard !value.isEmpty || formula != nil else { return }
        guard rowIndex < Limits.maxRows else {
            throw beyondGrid(
                "a cell holds a value in row \(rowIndex + 1), past Excel's last row \(Limits.maxRows)",
                zh: "第\(rowIndex + 1)行的单元格有内容，超出 Excel 的最大行数\(Limits.maxRows)")
        }
        guard start &+ repeats <= Limits.maxColumns else {
            throw beyondGrid(
                "a cell in column \(start + 1) holds a value and is repeated \(repeats) times, past Excel's last column \(Limits.maxColumns) (XFD)",
                zh: "第\(start + 1)列的单元格有内容且重复\(repeats)次，超出 Excel 的最大列数\(Limits.maxColumns)（XFD列）")
        }
        try spendExpansion(repeats - 1)
        let literal: NumberLiteral
        switch cell.type {
        case .float, .percentage, .currency:
            if case .number = value { literal = NumberLiteral(cell.hasValue ? trimmed(cell.value) : trimmed(text)) } else { literal = NumberLiteral() }
        default:
            literal = NumberLiteral()
        }
        let styleIndex = formatIndex(for: value)
        for k in 0..<repeats {
            rowCells.append(
                Cell(
                    reference: CellReference(row: rowIndex, column: start + k), value: value, formula: formula,
                    sharedFormulaMaster: nil, literal: literal, styleIndex: styleIndex))
        }
        if let href = cell.href { table?.metadata.hyperlinks[CellReference(row: rowIndex, column: start)] = href }
    }

    private func trimmed(_ b: [UInt8]) -> [UInt8] {
        var lo = 0, hi = b.count
        while lo < hi, isXMLSpace(b[lo]) { lo += 1 }
        while hi > lo, isXMLSpace(b[hi - 1]) { hi -= 1 }
        return lo == 0 && hi == b.count ? b : Array(b[lo..<hi])
    }

    // MARK: values

    private func makeValue() throws -> CellValue {
        let display = String(decoding: text, as: UTF8.self)
        if cell.isError {
            return display.isEmpty ? .error("#VALUE!") : .error(display)
        }
        let value: CellValue
        switch cell.type {
        case .float, .percentage, .currency:
            if cell.hasValue {
                guard let n = trimmed(cell.value).withUnsafeBufferPointer({ parseDouble($0) }) else {
                    throw invalid("the number \"\(String(decoding: cell.value, as: UTF8.self))\" cannot be read",
                                  zh: "数值“\(String(decoding: cell.value, as: UTF8.self))”无法识别")
                }
                value = .number(n)
            } else if let n = trimmed(text).withUnsafeBufferPointer({ parseDouble($0) }) {
                value = .number(n)
            } else {
                value = display.isEmpty ? .empty : .string(display)
            }
            if cell.formula != nil, CellValue.isErrorText(display) || ODSContentParser.isCalcError(display) {
                return .error(display)
            }
            return value
        case .date:
            let s = String(decoding: cell.dateValue, as: UTF8.self).trimmingASCIISpaces()
            if s.isEmpty { return display.isEmpty ? .empty : .string(display) }
            guard var d = ExcelDateTime.parseISO(s) else {
                throw invalid("the date \"\(s)\" is not ISO 8601", zh: "日期“\(s)”不符合 ISO 8601 格式")
            }
            if d.kind == .dateTime, d.serial < 1, d.serial >= 0 { d.kind = .time }
            return .date(d)
        case .time:
            let s = String(decoding: cell.timeValue, as: UTF8.self).trimmingASCIISpaces()
            if s.isEmpty { return display.isEmpty ? .empty : .string(display) }
            guard var d = ExcelDateTime.parseISODuration(s) ?? ExcelDateTime.parseISO(s).map({ ExcelDateTime(serial: $0.serial - $0.serial.rounded(.down), kind: .time) }) else {
                throw invalid("the time \"\(s)\" is not an ISO 8601 duration", zh: "时间“\(s)”不符合 ISO 8601 格式")
            }
            // A time of day is stored as the duration since midnight; one of 24 hours or more, or below 0, is elapsed time.
            if d.kind == .duration, d.serial >= 0, d.serial < 1 { d.kind = .time }
            return .date(d)
        case .boolean:
            let s = String(decoding: cell.booleanValue.isEmpty ? text : cell.booleanValue, as: UTF8.self).trimmingASCIISpaces().lowercased()
            switch s {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            case "": return .empty
            default:
                throw invalid("the boolean \"\(s)\" is neither true nor false", zh: "逻辑值“\(s)”既不是 true 也不是 false")
            }
        case .void:
            return .empty
        case .string, .none, .unknown:
            if cell.type == .string, let s = cell.stringValue {
                let written = String(decoding: s, as: UTF8.self)
                // LibreOffice writes office:string-value="" beside the shown text of some formula results.
                if !written.isEmpty || display.isEmpty { value = .string(written) } else { value = .string(display) }
            } else if text.isEmpty && cell.paragraphs == 0 {
                value = cell.type == .string ? .string("") : .empty
            } else {
                value = .string(display)
            }
            if CellValue.isErrorText(display) || (cell.formula != nil && ODSContentParser.isCalcError(display)) {
                return .error(display)
            }
            return value
        }
    }

    /// LibreOffice's own error texts such as `Err:502`.
    static func isCalcError(_ s: String) -> Bool {
        s.hasPrefix("Err:") && s.count == 7 && s.dropFirst(4).allSatisfy { $0.isASCII && $0.isNumber }
    }

    private func invalid(_ message: String, zh: String) -> XLSXError {
        XLSXError(
            .invalidValue, message, hint: "the file is damaged; open it in LibreOffice and save it again",
            zh: zh, zhHint: "文件已损坏，请用 LibreOffice、Excel 或 WPS 打开后重新保存", location: location)
    }

    // MARK: formats

    /// The index into `formats` for the cell: its style's data style, or a format fitting its value type.
    private func formatIndex(for value: CellValue) -> Int {
        var index = 0
        if !cell.style.isEmpty {
            index = formatIndex(styleBytes: cell.style)
        } else if let row = rowDefaultStyle {
            index = formatIndex(styleName: row)
        } else if let column = columnStyle(at: cell.column) {
            index = formatIndex(styleName: column)
        }
        let format = formats[index]
        switch (cell.type, value) {
        case (.percentage, .number(let n)):
            if ODSDataStyle.hasUnquotedPercent(format.formatCode) { return index }
            let whole = (n * 100).rounded() == n * 100
            return register(whole ? "0%" : "0.00%")
        case (_, .date(let d)):
            if format.category == .date || format.category == .duration { return index }
            switch d.kind {
            case .date: return register("yyyy-mm-dd")
            case .dateTime: return register("yyyy-mm-dd hh:mm:ss")
            case .time: return register("hh:mm:ss")
            case .duration: return register("[h]:mm:ss")
            }
        default:
            return index
        }
    }

    private func formatIndex(styleBytes: [UInt8]) -> Int {
        if let last = lastStyle, last.name == styleBytes { return last.index }
        let index = formatIndex(styleName: String(decoding: styleBytes, as: UTF8.self))
        lastStyle = (styleBytes, index)
        return index
    }

    func formatIndex(styleName: String) -> Int {
        if let known = formatByStyle[styleName] { return known }
        var index = 0
        if let data = styles.dataStyle(ofCellStyle: styleName) {
            index = register(styles.formatCode(of: data))
        }
        formatByStyle[styleName] = index
        return index
    }

    /// The `table:default-cell-style-name` of the column, when one was given.
    private func columnStyle(at column: Int) -> String? {
        var lo = 0, hi = columnStyles.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnStyles[mid].end <= column { lo = mid + 1 } else { hi = mid }
        }
        guard lo < columnStyles.count, columnStyles[lo].start <= column else { return nil }
        return columnStyles[lo].style
    }

    /// The index of the format with this code, added on first use.
    func register(_ code: String) -> Int {
        if let known = formatByCode[code] { return known }
        let builtIn = NumberFormat.builtIn.first(where: { $0.value == code })?.key
        let id = builtIn ?? 164 + formats.count
        let category = builtIn.map { NumberFormat.category(builtIn: $0) } ?? NumberFormat.category(code: code)
        formats.append(CellFormat(numberFormatID: id, formatCode: code, category: category, locked: true, hidden: false))
        formatByCode[code] = formats.count - 1
        return formats.count - 1
    }
}
