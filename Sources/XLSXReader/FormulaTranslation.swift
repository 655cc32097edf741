import XLSXCore

/// Moves the relative references of a formula by a row and column offset, as Excel does for each
/// cell of a shared formula. String literals, quoted sheet names and function names are left alone.
func translateFormula(_ formula: String, rows: Int, columns: Int) -> String {
    if rows == 0 && columns == 0 { return formula }
    let b = Array(formula.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(b.count + 8)
    var i = 0
    func isIdent(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 46 || c >= 0x80
    }
    while i < b.count {
        let c = b[i]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            let quote = c
            out.append(c)
            i += 1
            while i < b.count {
                out.append(b[i])
                if b[i] == quote {
                    if i + 1 < b.count, b[i + 1] == quote {
                        out.append(b[i + 1])
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                i += 1
            }
            continue
        }
        let startsToken = i == 0 || !isIdent(b[i - 1])
        if startsToken, c == UInt8(ascii: "$") || (c | 0x20 >= 97 && c | 0x20 <= 122),
            let (ref, end) = scanReference(b, i), end == b.count || (!isIdent(b[end]) && b[end] != UInt8(ascii: "(") && b[end] != UInt8(ascii: "!"))
        {
            var row = ref.row
            var col = ref.col
            if !ref.absRow { row += rows }
            if !ref.absCol { col += columns }
            if row < 0 || col < 0 || row >= Limits.maxRows || col >= Limits.maxColumns {
                out.append(contentsOf: Array("#REF!".utf8))
            } else {
                let text = (ref.absCol ? "$" : "") + CellReference.columnName(col) + (ref.absRow ? "$" : "") + String(row + 1)
                out.append(contentsOf: Array(text.utf8))
            }
            i = end
            continue
        }
        out.append(c)
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

private func scanReference(_ b: [UInt8], _ start: Int) -> ((row: Int, col: Int, absRow: Bool, absCol: Bool), Int)? {
    var i = start
    var absCol = false, absRow = false
    if b[i] == UInt8(ascii: "$") {
        absCol = true
        i += 1
    }
    var col = 0, letters = 0
    while i < b.count, (b[i] | 0x20) >= 97, (b[i] | 0x20) <= 122, letters < 4 {
        col = col * 26 + Int((b[i] | 0x20) - 96)
        letters += 1
        i += 1
    }
    guard letters >= 1, letters <= 3 else { return nil }
    if i < b.count, b[i] == UInt8(ascii: "$") {
        absRow = true
        i += 1
    }
    var row = 0, digits = 0
    while i < b.count, b[i] >= 48, b[i] <= 57, digits < 8 {
        row = row * 10 + Int(b[i] - 48)
        digits += 1
        i += 1
    }
    guard digits >= 1, row >= 1 else { return nil }
    return ((row - 1, col - 1, absRow, absCol), i)
}
