import CLibZip
import Foundation
import XLSXCore

/// Writes a zip package through libzip. The only file of the writer that calls libzip.
///
/// Every entry has a known size (from memory or from a finished temporary file), so libzip writes no
/// Zip64 extra fields. Entries are compressed in `close()`, which libzip writes to its own temporary
/// file and renames; on failure call `discard()`.
///
/// Large entries from files (the worksheets, the shared strings) are deflated side by side, one per core,
/// each into an archive of its own, and their deflated bytes copied into the package as they are
/// (`zip_source_zip` with `ZIP_FL_COMPRESSED`): the same bytes libzip would write, in less time.
final class ZipWriter {
    private var handle: OpaquePointer?
    private let path: String
    /// Entries added from files, by index: deflated in parallel at `close()` when there are several.
    private var fileEntries: [(index: zip_uint64_t, name: String, file: String)] = []
    /// The archives those entries were deflated into: read while the package is written, discarded after it.
    private var deflated: [OpaquePointer] = []
    /// Below this many bytes in all, parallel deflating is not worth its extra archives.
    static let parallelThreshold = 1 << 20
    /// Whether large file entries are deflated side by side.
    var parallel = true
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
        let index = try addSource(source, name)
        fileEntries.append((index, name, file))
    }

    @discardableResult
    private func addSource(_ source: OpaquePointer, _ name: String) throws -> zip_uint64_t {
        guard let handle else { return 0 }
        let index = zip_file_add(handle, name, source, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(source)  // zip_file_add leaves the source to the caller when it fails
            throw failure("zip_file_add", name)
        }
        try setAttributes(zip_uint64_t(index), name)
        return zip_uint64_t(index)
    }

    /// The same compression, time and mode for every entry, so equal workbooks are equal bytes.
    private func setAttributes(_ index: zip_uint64_t, _ name: String) throws {
        guard let handle else { return }
        let method = level == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        guard zip_set_file_compression(handle, index, method, zip_uint32_t(level)) == 0 else {
            throw failure("zip_set_file_compression", name)
        }
        guard zip_file_set_mtime(handle, index, mtime, 0) == 0 else { throw failure("zip_file_set_mtime", name) }
        // One mode for every entry, whatever the source and the umask.
        let mode: zip_uint32_t = 0o100644 << 16
        guard zip_file_set_external_attributes(handle, index, 0, zip_uint8_t(ZIP_OPSYS_UNIX), mode) == 0 else {
            throw failure("zip_file_set_external_attributes", name)
        }
    }

    /// Compresses every entry and writes the archive.
    func close() throws {
        guard let h = handle else { return }
        do {
            try deflateFilesInParallel()
        } catch {
            discard()
            throw error
        }
        if zip_close(h) != 0 {
            let error = failure("zip_close", nil)
            discard()
            throw error
        }
        handle = nil
        discardDeflated()
    }

    /// Deflates the entries added from files, each in an archive of its own on its own thread, and puts their
    /// deflated bytes in place of the files. Does nothing for a single file, small files or a stored (level 0)
    /// package.
    private func deflateFilesInParallel() throws {
        guard let handle, parallel, level > 0, fileEntries.count > 1 else { return }
        let sizes = fileEntries.map { (try? FileManager.default.attributesOfItem(atPath: $0.file)[.size] as? Int) ?? 0 }
        guard sizes.reduce(0, +) >= ZipWriter.parallelThreshold else { return }
        let entries = fileEntries
        let (level, mtime) = (self.level, self.mtime)
        let results = UnsafeMutableBufferPointer<OpaquePointer?>.allocate(capacity: entries.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Largest first, so the cores finish together; each iteration writes its own slot only.
        let order = entries.indices.sorted { sizes[$0] > sizes[$1] }
        nonisolated(unsafe) let slots = results.baseAddress!
        DispatchQueue.concurrentPerform(iterations: order.count) { k in
            let i = order[k]
            slots[i] = ZipWriter.deflate(entries[i].file, to: entries[i].file + ".deflated.zip", level: level, mtime: mtime)
        }
        deflated = results.compactMap { $0 }
        for (i, entry) in entries.enumerated() {
            guard let archive = results[i] else {
                throw XLSXError(
                    .ioError, "cannot deflate the part (zip_close)", zh: "写入工作簿失败（压缩工作表时出错）",
                    zhHint: "请检查磁盘是否已满、是否有写入权限", location: ErrorLocation(file: path, part: entry.name))
            }
            guard let source = zip_source_zip(handle, archive, 0, zip_flags_t(ZIP_FL_COMPRESSED), 0, -1) else {
                throw failure("zip_source_zip", entry.name)
            }
            guard zip_file_replace(handle, entry.index, source, ZIP_FL_ENC_UTF_8) == 0 else {
                zip_source_free(source)
                throw failure("zip_file_replace", entry.name)
            }
            try setAttributes(entry.index, entry.name)
        }
    }

    /// One file deflated into an archive of its own at `archivePath`, opened again for reading; nil on failure.
    private static func deflate(_ file: String, to archivePath: String, level: Int, mtime: time_t) -> OpaquePointer? {
        var error: Int32 = 0
        guard let out = zip_open(archivePath, ZIP_CREATE | ZIP_TRUNCATE, &error) else { return nil }
        guard let source = zip_source_file(out, file, 0, -1) else {
            zip_discard(out)
            return nil
        }
        let index = zip_file_add(out, "part", source, ZIP_FL_ENC_UTF_8)
        guard index >= 0, zip_set_file_compression(out, zip_uint64_t(index), ZIP_CM_DEFLATE, zip_uint32_t(level)) == 0,
              zip_file_set_mtime(out, zip_uint64_t(index), mtime, 0) == 0
        else {
            if index < 0 { zip_source_free(source) }
            zip_discard(out)
            return nil
        }
        guard zip_close(out) == 0 else {
            zip_discard(out)
            return nil
        }
        return zip_open(archivePath, ZIP_RDONLY, &error)
    }

    /// Abandons the archive; nothing is written.
    func discard() {
        if let h = handle { zip_discard(h) }
        handle = nil
        discardDeflated()
    }

    /// Closes the archives of deflated parts, after the package that read them.
    private func discardDeflated() {
        for archive in deflated { zip_discard(archive) }
        deflated = []
    }

    private func failure(_ function: String, _ entry: String?) -> XLSXError {
        let what = handle.map { String(cString: zip_strerror($0)) } ?? "archive closed"
        return XLSXError(
            .ioError, "\(what) (\(function))", zh: "写入工作簿失败（\(function)：\(handle == nil ? "工作簿已关闭" : what)）",
            zhHint: "请检查磁盘是否已满、是否有写入权限", location: ErrorLocation(file: path, part: entry))
    }
}
