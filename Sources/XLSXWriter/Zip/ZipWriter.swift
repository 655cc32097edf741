import CLibZip
import Foundation
import XLSXCore

/// Writes a zip package through libzip. The writer calls libzip only from this folder.
///
/// Every entry has a known size (from memory or from a finished temporary file), so libzip writes no
/// Zip64 extra fields. Entries are compressed in `close()`, which libzip writes to its own temporary
/// file and renames; on failure call `discard()`.
///
/// Large entries from files are deflated in the background as soon as they are added, each into an archive
/// of its own (`DeflateJob`), while the next parts are written; their deflated bytes are copied into the
/// package as they are (`zip_source_zip` with `ZIP_FL_COMPRESSED`): the same bytes libzip would write in
/// `close()`, in less time. Entries deflated while they were written (`StreamingDeflate`) are added ready
/// (`PrecompressedPart`).
final class ZipWriter {
    private var handle: OpaquePointer?
    private let path: String
    private let level: Int
    private let mtime: time_t
    /// Entries added from files that are being deflated in the background, by index.
    private var deflating: [(index: zip_uint64_t, name: String, job: DeflateJob)] = []
    /// A file entry at least this large is deflated in the background.
    static let backgroundThreshold = 256 << 10
    /// Whether large file entries are deflated in the background.
    var parallel = true
    /// What precompressed entries read from, until the archive is closed.
    private var kept: [AnyObject] = []

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
    /// - Parameter job: the file's deflating, when it was started earlier with this writer's level and time
    ///   (`DeflateJob.start`); otherwise a large file is deflated in the background from now on.
    func add(_ name: String, file: String, deflated job: DeflateJob? = nil) throws {
        guard let handle else { return }
        guard let source = zip_source_file(handle, file, 0, -1) else { throw failure("zip_source_file", name) }
        let index = try addSource(source, name)
        if let job {
            deflating.append((index, name, job))
        } else if parallel, let job = DeflateJob.start(file, level: level, mtime: mtime) {
            deflating.append((index, name, job))
        }
    }

    /// Adds an entry whose deflated bytes are ready (a sheet deflated as its rows were written). The
    /// deflated rest is kept open until the archive is closed or discarded.
    func add(_ name: String, precompressed part: PrecompressedPart, keeping owner: AnyObject) throws {
        guard let handle else { return }
        guard level > 0, let source = part.source(in: handle) else { throw failure("zip_source_function", name) }
        try addSource(source, name)
        kept.append(owner)
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
            try takeDeflated()
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

    /// Waits for the background deflating and puts each entry's deflated bytes in place of its file. An entry
    /// whose deflating failed keeps its file, which libzip deflates in `close()` as it would have anyway.
    private func takeDeflated() throws {
        guard let handle else { return }
        for entry in deflating {
            guard let archive = entry.job.archive() else { continue }
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

    /// Abandons the archive; nothing is written.
    func discard() {
        if let h = handle { zip_discard(h) }
        handle = nil
        discardDeflated()
    }

    /// Lets go of the archives the parts were deflated into, after the package that read them.
    private func discardDeflated() {
        // Wait for any deflating still running, so that nothing writes into the temporary folder after the
        // package is given up (its owner removes the folder next).
        for entry in deflating { _ = entry.job.archive() }
        deflating = []
        kept = []
    }

    private func failure(_ function: String, _ entry: String?) -> XLSXError {
        let what = handle.map { String(cString: zip_strerror($0)) } ?? "archive closed"
        return XLSXError(
            .ioError, "\(what) (\(function))", zh: "写入工作簿失败（\(function)：\(handle == nil ? "工作簿已关闭" : what)）",
            zhHint: "请检查磁盘是否已满、是否有写入权限", location: ErrorLocation(file: path, part: entry))
    }
}
