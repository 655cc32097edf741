import CLibZip
import Foundation
import XLSXCore

/// Writes a zip package through libzip. The only file of the writer that calls libzip.
///
/// Every entry has a known size (from memory or from a finished temporary file), so libzip writes no
/// Zip64 extra fields. Entries are compressed in `close()`, which libzip writes to its own temporary
/// file and renames; on failure call `discard()`.
final class ZipWriter {
    private var handle: OpaquePointer?
    private let path: String
    private let level: Int
    private let mtime: time_t

    /// Creates (or truncates) the archive at `path`.
    /// - Throws: `.ioError` naming `zip_open` when the file cannot be created.
    init(path: String, compressionLevel: Int, modificationTime: time_t) throws {
        var error: Int32 = 0
        guard let h = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            var zerr = zip_error_t()
            zip_error_init_with_code(&zerr, error)
            let what = String(cString: zip_error_strerror(&zerr))
            zip_error_fini(&zerr)
            throw XLSXError(
                .ioError, "cannot create the archive: \(what) (zip_open)", zh: "无法创建工作簿文件（zip_open：\(what)）",
                zhHint: "请检查文件夹是否存在、是否有写入权限、磁盘是否已满", location: ErrorLocation(file: path))
        }
        handle = h
        self.path = path
        self.level = compressionLevel
        self.mtime = modificationTime
    }

    deinit { discard() }

    /// Adds an entry whose bytes are in memory; libzip takes ownership of a malloc'd copy.
    func add(_ name: String, bytes: [UInt8]) throws {
        guard let handle else { return }
        let count = bytes.count
        let memory = malloc(max(count, 1))!
        bytes.withUnsafeBytes { if count > 0 { memory.copyMemory(from: $0.baseAddress!, byteCount: count) } }
        guard let source = zip_source_buffer(handle, memory, zip_uint64_t(count), 1) else {
            free(memory)
            throw failure("zip_source_buffer", name)
        }
        try addSource(source, name)
    }

    /// Adds an entry from a finished file on disk (a spooled worksheet); the file must exist until `close()`.
    func add(_ name: String, file: String) throws {
        guard let handle else { return }
        guard let source = zip_source_file(handle, file, 0, -1) else { throw failure("zip_source_file", name) }
        try addSource(source, name)
    }

    private func addSource(_ source: OpaquePointer, _ name: String) throws {
        guard let handle else { return }
        let index = zip_file_add(handle, name, source, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(source)  // zip_file_add leaves the source to the caller when it fails
            throw failure("zip_file_add", name)
        }
        let method = level == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        guard zip_set_file_compression(handle, zip_uint64_t(index), method, zip_uint32_t(level)) == 0 else {
            throw failure("zip_set_file_compression", name)
        }
        guard zip_file_set_mtime(handle, zip_uint64_t(index), mtime, 0) == 0 else { throw failure("zip_file_set_mtime", name) }
        // One mode for every entry, whatever the source and the umask, so equal workbooks are equal bytes.
        let mode: zip_uint32_t = 0o100644 << 16
        guard zip_file_set_external_attributes(handle, zip_uint64_t(index), 0, zip_uint8_t(ZIP_OPSYS_UNIX), mode) == 0 else {
            throw failure("zip_file_set_external_attributes", name)
        }
    }

    /// Compresses every entry and writes the archive.
    func close() throws {
        guard let h = handle else { return }
        if zip_close(h) != 0 {
            let error = failure("zip_close", nil)
            discard()
            throw error
        }
        handle = nil
    }

    /// Abandons the archive; nothing is written.
    func discard() {
        if let h = handle { zip_discard(h) }
        handle = nil
    }

    private func failure(_ function: String, _ entry: String?) -> XLSXError {
        let what = handle.map { String(cString: zip_strerror($0)) } ?? "archive closed"
        return XLSXError(
            .ioError, "\(what) (\(function))", zh: "写入工作簿失败（\(function)：\(handle == nil ? "工作簿已关闭" : what)）",
            zhHint: "请检查磁盘是否已满、是否有写入权限", location: ErrorLocation(file: path, part: entry))
    }
}
