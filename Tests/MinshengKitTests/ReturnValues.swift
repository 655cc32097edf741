import Foundation
import XLSXCore
import XLSXReader

/// 累计完成 by task id, read straight from a return's cells (not through the checker), percent figures for % cells.
func rawValues(_ path: String) throws -> [String: Double] {
    let book = try Workbook(path: path)
    let formats = try book.cellFormats()
    let grid = try book.grid(of: book.sheet(named: "填报")!)
    var values: [String: Double] = [:]
    for r in 9..<grid.rowCount {
        guard case .string(let id) = grid.value(row: r, column: 0), let cell = grid.cell(row: r, column: 4) else { continue }
        switch cell.value {
        case .number(let n): values[id] = formats[cell.styleIndex].formatCode.contains("%") ? n * 100 : n
        case .string(let s):  // figures typed as full-width text count once read
            let ascii = String(s.unicodeScalars.map { $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Character(Unicode.Scalar($0.value - 0xFEE0)!) : Character($0) })
            values[id] = Double(ascii)
        default: break
        }
    }
    return values
}
