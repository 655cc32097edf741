import Foundation
import XLSXCore

/// Rows encoded once and kept in an unlinked temporary file until the sheet's used range is known,
/// so that a sheet of any size is exported in the memory of two buffers. Each record is a 16-byte
/// header (row, first and last column, body length) and the body: the row's fields from its first
/// to its last non-empty cell, joined by the separator.
final class ExportSpool {
    struct Header {
        var row: Int32
        var first: Int32
        var last: Int32
        var length: Int32
    }

    private let fd: Int32
    private let output: ByteOutput

    /// - Throws: `DomainError` when no temporary file can be made.
    init() throws {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/minsheng-export-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let code = errno
            throw DomainError(
                file: folder, message: "cannot make a temporary file: \(String(cString: strerror(code)))", hint: "set TMPDIR to a writable folder",
                zh: "无法创建临时文件：\(ChineseText.systemReason(code))", zhHint: "请把环境变量 TMPDIR 设为可写的文件夹")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
        output = ByteOutput(fd: fd)
    }

    deinit { close(fd) }

    func add(_ header: Header, body: [UInt8]) {
        var header = header
        withUnsafeBytes(of: &header) { output.append($0) }
        output.append(body)
    }

    /// Calls `body` with every record in the order added.
    func replay(_ body: (Header, UnsafeRawBufferPointer) throws -> Void) throws {
        try output.finish(file: "（临时文件）")
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw failure() }
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var headerSize: Int { MemoryLayout<Header>.size }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            var at = 0
            try pending.withUnsafeBytes { raw in
                while raw.count - at >= headerSize {
                    let header = raw.loadUnaligned(fromByteOffset: at, as: Header.self)
                    let end = at + headerSize + Int(header.length)
                    guard end <= raw.count else { break }
                    try body(header, UnsafeRawBufferPointer(rebasing: raw[(at + headerSize)..<end]))
                    at = end
                }
            }
            pending.removeFirst(at)
        }
    }

    private func failure() -> DomainError {
        let code = errno
        return DomainError(
            file: "（临时文件）", message: "cannot read the temporary file back: \(String(cString: strerror(code)))",
            zh: "无法读回临时文件：\(ChineseText.systemReason(code))", zhHint: "请检查临时文件夹（TMPDIR）的磁盘空间")
    }
}
