import Foundation
import XLSXCore

/// Bytes on their way to a file descriptor through one fixed buffer. Appending never allocates, and
/// a failed write is kept and reported by `finish(file:)`, so the encoders stay free of `throws`.
package final class ByteOutput {
    private let fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var failure: Int32?

    /// - Parameter fd: an open descriptor; it is neither closed nor synced here.
    package init(fd: Int32, capacity: Int = 1 << 18) {
        self.fd = fd
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    @inline(__always)
    package func append(_ byte: UInt8) {
        if count == capacity { flush() }
        buffer[count] = byte
        count += 1
    }

    package func append(_ raw: UnsafeRawBufferPointer) {
        if raw.count > capacity - count {
            flush()
            if raw.count > capacity { return writeAll(raw) }
        }
        if let base = raw.baseAddress { (buffer + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: raw.count) }
        count += raw.count
    }

    package func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    package func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Writes what the buffer holds.
    package func flush() {
        writeAll(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// Flushes, then reports the first write that failed.
    /// - Throws: `DomainError` naming `file` and the system's reason.
    package func finish(file: String) throws {
        flush()
        if let failure {
            throw DomainError(
                file: file, message: "cannot write: \(String(cString: strerror(failure)))", hint: "check the disk has room and the folder is writable",
                zh: "无法写入：\(ChineseText.systemReason(failure))", zhHint: "请检查磁盘空间和文件夹的写入权限")
        }
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard failure == nil, var next = raw.baseAddress else { return }
        var left = raw.count
        while left > 0 {
            let n = write(fd, next, left)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            next += n
            left -= n
        }
    }
}
