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
                let ref = CellReference(row: r, column: c)
                if let percent = percentage(field) {
                    // "85%" is how a CSV writes a percentage-formatted number: read it as Excel does, 0.85 shown as %.
                    cells.append(Cell(reference: ref, value: .number(percent.value), numberText: percent.text, styleIndex: 1))
                } else {
                    let value = typed(field)
                    cells.append(Cell(reference: ref, value: value, numberText: value.number != nil ? field : nil))
                }
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

    /// The format of the cells read from `85%` (style index 1).
    static let percentFormat = CellFormat(numberFormatID: 9, formatCode: "0%", category: .number, locked: true, hidden: false)

    /// `85%`, `9500%`, `12.5%` as a fraction with its exact text (`0.85`); nil for anything else.
    static func percentage(_ field: String) -> (value: Double, text: String)? {
        guard field.count >= 2, field.hasSuffix("%") else { return nil }
        let body = field.dropLast()
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), body.filter({ $0 == "." }).count <= 1,
              let d = Decimal(string: String(body), locale: Locale(identifier: "en_US_POSIX"))
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
