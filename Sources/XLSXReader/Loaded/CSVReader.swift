import Foundation
import XLSXCore

/// Reads CSV and TSV text as a one-sheet workbook: the encoding (UTF-8 with or without a BOM, UTF-16,
/// GB18030) and the delimiter are sniffed; numbers stay exactly as written, and text that a number
/// would mangle (`00123`, `1,200`, an identity number) stays text.
public enum CSVReader {
    /// - Parameters:
    ///   - name: the file's path or name; the sheet is named after it.
    ///   - tab: read as TSV whatever the content says (a `.tsv` file).
    /// - Throws: `XLSXError` when the bytes are not text in a known encoding or exceed the limits.
    public static func read(bytes: [UInt8], name: String?, tab: Bool = false, limits: ReadLimits = .standard) throws -> LoadedBook {
        guard Int64(bytes.count) <= limits.maxPartSize else {
            throw XLSXError(
                .partTooLarge, "the text file has \(bytes.count) bytes, more than the \(limits.maxPartSize) allowed",
                zh: "文本文件有\(bytes.count)字节，超过上限\(limits.maxPartSize)字节", location: ErrorLocation(file: name))
        }
        // Text has no NUL and no other control characters but tab and line ends (UTF-16 has its BOM).
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16, let bad = bytes.firstIndex(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            throw XLSXError(
                .notAZip, "byte \(bad) is a control character: the file is neither text nor a workbook",
                hint: "the file is damaged or not a spreadsheet; save it again as CSV UTF-8 or as .xlsx",
                zh: "文件第\(bad + 1)个字节是控制字符：既不是文本，也不是工作簿，可能已损坏", zhHint: "请重新另存为“CSV UTF-8”或“Excel 工作簿（.xlsx）”后再发送",
                location: ErrorLocation(file: name))
        }
        let text = try TextDecoding.decode(bytes, file: name).text
        let separator: Character = tab ? "\t" : sniffSeparator(text)
        var rows: [Row] = []
        var used: (minRow: Int, minCol: Int, maxRow: Int, maxCol: Int)?
        for (r, fields) in DelimitedText.parse(text, separator: separator).enumerated() {
            var cells: [Cell] = []
            for (c, field) in fields.enumerated() where !field.isEmpty {
                guard c < Limits.maxColumns, r < Limits.maxRows else {
                    throw XLSXError(
                        .limitExceeded, "the text has more than \(Limits.maxRows) rows or \(Limits.maxColumns) columns",
                        zh: "文本超过 Excel 的\(Limits.maxRows)行或\(Limits.maxColumns)列上限", location: ErrorLocation(file: name))
                }
                cells.append(cell(field, at: CellReference(row: r, column: c)))
                used = used.map { (min($0.minRow, r), min($0.minCol, c), max($0.maxRow, r), max($0.maxCol, c)) } ?? (r, c, r, c)
            }
            if !cells.isEmpty { rows.append(Row(index: r, cells: cells, hidden: false, height: nil)) }
        }
        var metadata = SheetMetadata()
        metadata.usedRange = used.map { CellRange(CellReference(row: $0.minRow, column: $0.minCol), CellReference(row: $0.maxRow, column: $0.maxCol)) }
        var sheetName = URL(fileURLWithPath: name ?? "Sheet1").deletingPathExtension().lastPathComponent
        sheetName = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return LoadedBook(
            format: separator == "\t" ? .tsv : .csv,
            sheets: [LoadedSheet(name: sheetName.isEmpty ? "Sheet1" : sheetName, rows: rows, metadata: metadata)],
            formats: [.general, CSVReader.percentFormat])
    }

    /// Opens a CSV or TSV file for streaming when it is UTF-8 text (the common case), after one pass that
    /// checks every byte is text; UTF-16, GB18030 and anything odd are read whole by `read(bytes:)`,
    /// which also gives their errors.
    /// - Throws: `XLSXError` when the file exceeds the limits or is not text in a known encoding.
    static func open(path: String, tab: Bool, limits: ReadLimits) throws -> LoadedBook {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        guard let prefix = try utf8Prefix(path: path, size: size, limits: limits) else {
            return try read(bytes: FormatSniffer.readAll(path: path, limits: limits), name: path, tab: tab, limits: limits)
        }
        let separator: Character = tab ? "\t" : sniffSeparator(prefix)
        var sheetName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        sheetName = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        let byte = separator.asciiValue ?? UInt8(ascii: ",")
        let sheet = LoadedSheet(
            name: sheetName.isEmpty ? "Sheet1" : sheetName, rows: [], source: RowSource { try CSVRowStream(path: path, separator: byte) })
        return LoadedBook(format: separator == "\t" ? .tsv : .csv, sheets: [sheet], formats: [.general, CSVReader.percentFormat])
    }

    /// The first 1 MiB of a file that is UTF-8 text throughout (no control characters but tab and line
    /// ends), or nil when it is anything else.
    private static func utf8Prefix(path: String, size: Int64, limits: ReadLimits) throws -> String? {
        guard size <= limits.maxPartSize, let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var carry: [UInt8] = []
        var prefix: [UInt8] = []
        var first = true
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { return ferror(f) == 0 && carry.isEmpty ? String(decoding: prefix, as: UTF8.self) : nil }
            var bytes = carry + chunk[0..<n]
            if first {
                first = false
                if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            }
            if bytes.isEmpty { continue }
            // Keep a sequence cut by the chunk's end for the next round.
            var cut = bytes.count
            for back in 1...min(3, bytes.count) {
                let b = bytes[bytes.count - back]
                guard b & 0xC0 == 0x80 else {
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                    if length > back { cut = bytes.count - back }
                    break
                }
            }
            carry = Array(bytes[cut...])
            let whole = bytes[..<cut]
            guard !whole.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
                  String(validating: whole, as: UTF8.self) != nil else { return nil }
            if prefix.count < 1 << 20 { prefix += whole.prefix((1 << 20) - prefix.count) }
        }
    }

    /// A field as a cell: `85%` a percentage (style 1), else as `typed` reads it.
    static func cell(_ field: String, at ref: CellReference) -> Cell {
        if let percent = percentage(field) {
            // "85%" is how a CSV writes a percentage-formatted number: read it as Excel does, 0.85 shown as %.
            return Cell(reference: ref, value: .number(percent.value), numberText: percent.text, styleIndex: 1)
        }
        let value = typed(field)
        return Cell(reference: ref, value: value, numberText: value.number != nil ? field : nil)
    }

    /// A field's UTF-8 bytes as a cell; text that cannot be a number, a percentage or a boolean is made a
    /// string without looking at it further.
    static func cell(_ bytes: UnsafeBufferPointer<UInt8>, at ref: CellReference) -> Cell {
        let last = bytes.last ?? 0
        var digits = 0, plain = true
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b != 0x2E && b != 0x2D {
                plain = false
                break
            }
        }
        if plain {
            // `typed`'s rules for a plain decimal, on bytes: at most 15 digits, no leading zero that a
            // number would lose (0573, -0…), and a number Double can read.
            let text = String(decoding: bytes, as: UTF8.self)
            let leadingZero = bytes.count > 1 && bytes[0] == 0x30 && bytes[1] != 0x2E
            let negativeZero = bytes.count > 1 && bytes[0] == 0x2D && bytes[1] == 0x30
            if digits <= 15, !leadingZero, !negativeZero, let n = Double(text) {
                return Cell(reference: ref, value: .number(n), numberText: text)
            }
            return Cell(reference: ref, value: .string(text))
        }
        if last == UInt8(ascii: "%") || last == UInt8(ascii: "E") {
            return cell(String(decoding: bytes, as: UTF8.self), at: ref)
        }
        return Cell(reference: ref, value: .string(String(decoding: bytes, as: UTF8.self)))
    }

    /// The format of the cells read from `85%` (style index 1).
    static let percentFormat = CellFormat(numberFormatID: 9, formatCode: "0%", category: .number, locked: true, hidden: false)

    /// `85%`, `9500%`, `12.5%` as a fraction with its exact text (`0.85`); nil for anything else.
    static func percentage(_ field: String) -> (value: Double, text: String)? {
        guard field.count >= 2, field.hasSuffix("%") else { return nil }
        let body = field.dropLast()
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), body.filter({ $0 == "." }).count <= 1,
              let d = Decimal(fileText: String(body))
        else { return nil }
        let fraction = d / 100
        return (NSDecimalNumber(decimal: fraction).doubleValue, "\(fraction)")
    }

    /// The delimiter of the first lines: tab, semicolon or comma, whichever splits them most consistently.
    static func sniffSeparator(_ text: String) -> Character {
        let lines = text.split(whereSeparator: \.isNewline).prefix(20)
        func score(_ c: Character) -> Int {
            let counts = lines.map { $0.filter { $0 == c }.count }
            guard let first = counts.first, first > 0 else { return 0 }
            return counts.filter { $0 == first }.count * 100 + first
        }
        return ["\t", ";", ","].max { score($0) < score($1) }.flatMap { score($0) > 0 ? $0 : nil } ?? ","
    }

    /// A field as a cell: a plain decimal becomes a number, unless a leading zero or its length would be
    /// lost (codes such as 0573, identity numbers); TRUE and FALSE become booleans; the rest stays text.
    public static func typed(_ field: String) -> CellValue {
        if field.isEmpty { return .empty }
        let digits = field.filter(\.isNumber).count
        let plain = field.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        if plain, digits <= 15, !(field.hasPrefix("0") && field.count > 1 && !field.hasPrefix("0.")), !field.hasPrefix("-0"), let n = Double(field) {
            return .number(n)
        }
        if field == "TRUE" { return .bool(true) }
        if field == "FALSE" { return .bool(false) }
        return .string(field)
    }
}
