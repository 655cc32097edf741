import XLSXCore

/// The second stage of reading a worksheet: makes the rows' `Cell`s from what the parser recorded
/// (`RawCells`): numbers, shared and inline strings, booleans, errors and dates, each with its style.
/// It also tracks the used range, so it sees every cell of the sheet in order.
struct CellDecoder: Sendable {
    private let sharedStrings: [String]
    private let formats: [CellFormat]
    private let date1904: Bool
    private let sheetName: String?
    private(set) var used = UsedRangeTracker()
    /// A row still open at the end of the last batch: its cells so far.
    private var open: Row?

    init(sharedStrings: [String], formats: [CellFormat], date1904: Bool, sheetName: String?) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
        self.sheetName = sheetName
    }

    /// The rows the batch closes, with their cells; a row it leaves open is kept for the next batch.
    /// - Throws: `.invalidValue` naming the first cell whose value cannot be read.
    mutating func rows(from batch: RawCells) throws -> [Row] {
        var out: [Row] = []
        out.reserveCapacity(batch.rows.count)
        var next = 0
        try batch.bytes.withUnsafeBufferPointer { bytes in
            for raw in batch.rows {
                var cells: [Cell]
                if let continued = open.take() {
                    cells = continued.cells  // grows as appending grows it: a long row is not copied per batch
                } else {
                    cells = []
                    cells.reserveCapacity(raw.cellEnd - next)
                }
                while next < raw.cellEnd {
                    cells.append(try cell(batch.cells[next], bytes, batch.formulas))
                    next += 1
                }
                let row = Row(index: raw.index, cells: cells, hidden: raw.hidden, height: raw.height)
                if raw.continues { open = row } else { out.append(row) }
            }
        }
        return out
    }

    @inline(__always)
    private mutating func cell(
        _ raw: RawCells.RawCell, _ bytes: UnsafeBufferPointer<UInt8>, _ formulas: [RawCells.Formula]
    ) throws -> Cell {
        let text = UnsafeBufferPointer(rebasing: bytes[raw.valueStart..<raw.valueEnd])
        let value = raw.hasValue ? try makeValue(raw, text) : .empty
        var literal = NumberLiteral()
        if raw.type == .number, case .number = value { literal = NumberLiteral(text) }
        guard raw.formula >= 0 else {
            if !value.isEmpty { used.include(raw.reference) }
            return Cell(
                reference: raw.reference, value: value, formula: nil, sharedFormulaMaster: nil, literal: literal,
                styleIndex: raw.style)
        }
        used.include(raw.reference)
        let formula = formulas[Int(raw.formula)]
        return Cell(
            reference: raw.reference, value: value, formula: formula.text, sharedFormulaMaster: formula.master,
            literal: literal, styleIndex: raw.style)
    }

    private func makeValue(_ raw: RawCells.RawCell, _ text: UnsafeBufferPointer<UInt8>) throws -> CellValue {
        switch raw.type {
        case .number:
            if text.isEmpty { return .empty }
            guard let n = parseDouble(text) else {
                throw invalid(raw, "the number \"\(string(text))\" cannot be read", zh: "数值“\(string(text))”无法识别")
            }
            if raw.style > 0, raw.style < formats.count {
                let category = formats[raw.style].category
                if category == .date || category == .duration,
                    let d = ExcelDateTime.fromSerial(n, date1904: date1904, duration: category == .duration)
                {
                    return .date(d)
                }
            }
            return .number(n)
        case .shared:
            if text.isEmpty { return .empty }
            guard let i = parseInt(text) else {
                throw invalid(
                    raw, "the shared-string index \"\(string(text))\" is not a number",
                    zh: "共享字符串序号“\(string(text))”不是数字")
            }
            guard i >= 0, i < sharedStrings.count else {
                throw invalid(
                    raw, "shared string \(i) does not exist (the table has \(sharedStrings.count))",
                    zh: "引用的第\(i)号共享字符串不存在（共享字符串表只有\(sharedStrings.count)项）")
            }
            return .string(sharedStrings[i])
        case .string, .inline:
            return .string(decodeEscapes(text))
        case .bool:
            switch string(text).trimmingASCIISpaces() {
            case "1", "true", "TRUE": return .bool(true)
            case "0", "false", "FALSE": return .bool(false)
            case "": return .empty
            default:
                throw invalid(
                    raw, "the boolean \"\(string(text))\" is neither 0 nor 1", zh: "逻辑值“\(string(text))”既不是0也不是1")
            }
        case .error:
            let e = string(text)
            return e.isEmpty ? .empty : .error(e)
        case .date:
            let s = string(text)
            if s.isEmpty { return .empty }
            guard var d = ExcelDateTime.parseISO(s) ?? ExcelDateTime.parseISODuration(s) else {
                throw invalid(raw, "the date \"\(s)\" is not ISO 8601", zh: "日期“\(s)”不符合 ISO 8601 格式")
            }
            if d.kind == .dateTime, d.serial < 1 { d.kind = .time }
            return .date(d)
        }
    }

    private func string(_ text: UnsafeBufferPointer<UInt8>) -> String { String(decoding: text, as: UTF8.self) }

    private func invalid(_ raw: RawCells.RawCell, _ message: String, zh: String) -> XLSXError {
        XLSXError(
            .invalidValue, message, hint: "the file is damaged; open and save it again in Excel or WPS",
            zh: zh, zhHint: "文件已损坏，请用 Excel 或 WPS 打开后重新保存",
            location: ErrorLocation(sheet: sheetName, cell: raw.reference))
    }
}
