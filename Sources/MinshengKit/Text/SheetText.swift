import Foundation
import XLSXCore
import XLSXReader

/// Reading cells of a loaded sheet as the domain needs them.
extension SheetGrid {
    /// The cell's text as a person reads it (numbers without a needless `.0`), white space folded.
    func text(_ row: Int, _ column: Int, throughMerges: Bool = false) -> String {
        TextNormalizer.spacesFolded(value(row: row, column: column, throughMerges: throughMerges).text)
    }

    /// Whether every cell of the row between the columns is empty.
    func isBlankRow(_ row: Int, columns: ClosedRange<Int>) -> Bool {
        columns.allSatisfy { value(row: row, column: $0).text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

/// Converting a cell into a quantity, using its number format to tell percentages.
struct QuantityReader {
    let formats: [CellFormat]

    /// The quantity a cell holds; `nil` cell is blank.
    func quantity(_ cell: Cell?) -> Quantity {
        guard let cell else { return .blank }
        switch cell.value {
        case .empty: return .blank
        case .number(let n):
            let decimal = cell.numberText.flatMap { Decimal(fileText: $0) } ?? Decimal(n)
            if isPercentFormat(cell.styleIndex) { return .percentage(decimal * 100) }
            return .number(decimal)
        case .string(let s): return Quantity.parse(s)
        case .bool(let b): return .text(b ? "TRUE" : "FALSE")
        case .date(let d): return .text(d.description)
        case .error(let e): return .text(e)
        }
    }

    func isPercentFormat(_ style: Int) -> Bool {
        guard style < formats.count else { return false }
        var inQuote = false
        for ch in formats[style].formatCode {
            if ch == "\"" { inQuote.toggle() } else if ch == "%" && !inQuote { return true }
        }
        return false
    }
}

/// Sequence numbers as offices write them: `3`, `3.`, `（三）`, `三`, `P3`.
enum SequenceNumber {
    /// The arabic number a 序号 cell stands for, or nil when it is not one.
    static func parse(_ raw: String) -> Int? {
        var s = TextNormalizer.compact(raw)
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: "()（）.、．，,"))
        if let n = Int(s) { return n }
        if let d = Double(s), d == d.rounded(), d > 0, d < 10_000 { return Int(d) }
        return chinese(s)
    }

    /// 一 … 九十九.
    static func chinese(_ s: String) -> Int? {
        let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "〇": 0, "零": 0]
        guard !s.isEmpty, s.count <= 3 else { return nil }
        if s == "十" { return 10 }
        let chars = Array(s)
        if let ten = chars.firstIndex(of: "十") {
            let tens = ten == 0 ? 1 : digits[chars[0]] ?? -100
            let ones = ten == chars.count - 1 ? 0 : digits[chars[ten + 1]] ?? -100
            let n = tens * 10 + ones
            return n > 0 ? n : nil
        }
        guard chars.count == 1, let d = digits[chars[0]], d > 0 else { return nil }
        return d
    }
}
