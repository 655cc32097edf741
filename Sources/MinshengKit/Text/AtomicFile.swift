import Foundation
import XLSXCore

/// Writes files so that a failed run never leaves a half-written output: a temporary file in the
/// same folder, then a rename over the target.
package enum AtomicFile {
    /// - Throws: `DomainError` naming the file when it cannot be written.
    package static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 { throw failure(errno, path) }
        } catch let error as DomainError {
            try? FileManager.default.removeItem(at: temp)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DomainError(
                file: path, message: "cannot write the file: \(error.localizedDescription)", hint: "check the folder exists and is writable",
                zh: "无法写入文件：\(DomainError.chineseReason(error))", zhHint: "请检查文件夹是否存在、是否有写入权限")
        }
    }

    /// Streams a file: `body` writes into a temporary file in the same folder, which is synced and
    /// renamed over the target only when `body` returns; on any failure the target is untouched.
    /// - Throws: what `body` throws, or `DomainError` naming the file when it cannot be written.
    package static func write(to path: String, _ body: (ByteOutput) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(errno, path) }
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temp.path) }
        }
        let output = ByteOutput(fd: fd)
        try body(output)
        try output.finish(file: path)
        guard fsync(fd) == 0 else { throw failure(errno, path) }
        guard rename(temp.path, url.path) == 0 else { throw failure(errno, path) }
        renamed = true
    }

    private static func failure(_ code: Int32, _ path: String) -> DomainError {
        DomainError(
            file: path, message: "cannot write the file: \(String(cString: strerror(code)))",
            zh: "无法写入文件：\(ChineseText.systemReason(code))", zhHint: "请检查文件夹是否有写入权限，以及该文件是否正被其他程序打开")
    }

    /// Creates a folder and any missing parents.
    /// - Throws: `DomainError` naming the folder when it cannot be created.
    static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DomainError(
                file: path, message: "cannot create the folder: \(error.localizedDescription)", hint: "check the parent folder is writable",
                zh: "无法创建文件夹：\(DomainError.chineseReason(error))", zhHint: "请检查上级文件夹是否有写入权限，以及是否有同名文件")
        }
    }
}
