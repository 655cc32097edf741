import Foundation
import XLSXCore

/// The rows of a UTF-8 CSV or TSV file, read 256 KiB at a time: memory holds one chunk and the rows it
/// completes, whatever the file's size. The cells are typed as `CSVReader.read` types them.
final class CSVRowStream: RowStream {
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var scanner: DelimitedScanner
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)
    private var pending: [Row] = []
    private var position = 0
    private var rowIndex = 0
    private var finished = false
    private var atStart = true
    private var failure: XLSXError?

    init(path: String, separator: UInt8) throws {
        self.path = path
        guard let f = fopen(path, "rb") else {
            let code = errno
            throw XLSXError(
                .fileNotFound, "cannot open the file: \(String(cString: strerror(code)))",
                zh: "无法打开文件：\(ChineseText.systemReason(code))", zhHint: "请检查文件名和路径", location: ErrorLocation(file: path))
        }
        file = f
        scanner = DelimitedScanner(separator: separator)
    }

    deinit { fclose(file) }

    func next() throws -> Row? {
        while position >= pending.count {
            if finished { return nil }
            pending.removeAll(keepingCapacity: true)
            position = 0
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            var start = 0
            if atStart {
                atStart = false
                if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { start = 3 }
            }
            if n > 0 {
                try chunk.withUnsafeBufferPointer { buffer in
                    try scanner.feed(UnsafeBufferPointer(rebasing: buffer[start..<n])) { try add($0, $1) }
                }
            } else {
                if ferror(file) != 0 {
                    throw XLSXError(.ioError, "the file cannot be read", zh: "无法读取文件", zhHint: "请检查文件权限", location: ErrorLocation(file: path))
                }
                try scanner.finish { try add($0, $1) }
                finished = true
            }
        }
        defer { position += 1 }
        return pending[position]
    }

    /// A CSV has nothing outside its cells; `SheetRowReader` works out the used range.
    var metadata: SheetMetadata { SheetMetadata() }

    /// Types a row's fields into cells and queues the row when it has any.
    private func add(_ bytes: [UInt8], _ ends: [Int]) throws {
        defer { rowIndex += 1 }
        var cells: [Cell] = []
        var start = 0
        for (c, end) in ends.enumerated() {
            defer { start = end }
            guard end > start else { continue }
            guard c < Limits.maxColumns, rowIndex < Limits.maxRows else {
                throw XLSXError(
                    .limitExceeded, "the text has more than \(Limits.maxRows) rows or \(Limits.maxColumns) columns",
                    zh: "文本超过 Excel 的\(Limits.maxRows)行或\(Limits.maxColumns)列上限", location: ErrorLocation(file: path))
            }
            let ref = CellReference(row: rowIndex, column: c)
            cells.append(bytes.withUnsafeBufferPointer { CSVReader.cell(UnsafeBufferPointer(rebasing: $0[start..<end]), at: ref) })
        }
        if !cells.isEmpty { pending.append(Row(index: rowIndex, cells: cells, hidden: false, height: nil)) }
    }
}
