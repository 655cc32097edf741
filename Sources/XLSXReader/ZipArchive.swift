import CLibZip
import Foundation
import XLSXCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A zip package opened read-only through libzip. Entries are streamed, never extracted to disk.
///
/// Holds a `zip_t *`, which libzip does not allow to be used from two threads at once: every call is made
/// under the archive's lock, so that an entry can be inflated on a read-ahead thread, but the archive is
/// not `Sendable`: open one per task.
final class ZipArchive {
    private let handle: OpaquePointer
    /// Bytes the archive was opened from, kept alive until `zip_discard` (libzip does not copy them).
    private let ownedBytes: UnsafeMutableRawBufferPointer?
    /// Entry index by part name, folded to lower case (OPC part names are case-insensitive).
    private var index: [String: UInt64] = [:]
    /// Entry names as stored, in archive order.
    private(set) var names: [String] = []
    let limits: ReadLimits
    let fileName: String?
    private var inflatedSoFar: Int64 = 0
    /// Held around every libzip call once the index is built: an entry may be inflated on a read-ahead
    /// thread while the reader's thread opens another.
    private let lock = NSLock()

    /// Opens a package on disk.
    /// - Throws: `XLSXError` (`.fileNotFound`, `.notAZip`, `.legacyOrEncrypted`, `.truncatedZip`, …).
    init(path: String, limits: ReadLimits = .standard) throws {
        self.limits = limits
        self.fileName = path
        let loc = ErrorLocation(file: path)
        let head = try ZipArchive.readSignature(path: path, location: loc)
        try ZipArchive.checkSignature(head, location: loc)
        var error: Int32 = 0
        guard let h = zip_open(path, ZIP_RDONLY, &error) else {
            throw ZipArchive.openError(error, location: loc)
        }
        handle = h
        ownedBytes = nil
        try buildIndex()
    }

    /// Opens a package held in memory; the bytes are copied.
    init(bytes: [UInt8], name: String? = nil, limits: ReadLimits = .standard) throws {
        self.limits = limits
        self.fileName = name
        let loc = ErrorLocation(file: name)
        try ZipArchive.checkSignature(Array(bytes.prefix(8)), location: loc)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        buffer.copyBytes(from: bytes)
        var zerr = zip_error_t()
        zip_error_init(&zerr)
        guard let source = zip_source_buffer_create(buffer.baseAddress, zip_uint64_t(bytes.count), 0, &zerr) else {
            buffer.deallocate()
            throw XLSXError(
                .ioError, "libzip could not create a memory source (zip_source_buffer_create)",
                zh: "无法在内存中打开工作簿（zip_source_buffer_create 失败）", zhHint: "可能是内存不足，请关闭其他程序后重试", location: loc)
        }
        guard let h = zip_open_from_source(source, ZIP_RDONLY, &zerr) else {
            let code = zip_error_code_zip(&zerr)
            zip_source_free(source)
            buffer.deallocate()
            throw ZipArchive.openError(code, location: loc)
        }
        handle = h
        ownedBytes = buffer
        try buildIndex()
    }

    deinit {
        zip_discard(handle)
        ownedBytes?.deallocate()
    }

    private func buildIndex() throws {
        let count = zip_get_num_entries(handle, 0)
        guard count <= Int64(limits.maxEntries) else {
            throw XLSXError(
                .tooManyEntries, "the package has \(count) entries, more than the limit of \(limits.maxEntries)",
                hint: "a workbook has a few dozen parts; this file is not a normal workbook",
                zh: "文件包含\(count)个部件，超过上限\(limits.maxEntries)个",
                zhHint: "正常的工作簿只有几十个部件，该文件不是正常的工作簿，为安全起见未读取",
                location: ErrorLocation(file: fileName))
        }
        names.reserveCapacity(Int(max(count, 0)))
        for i in 0..<UInt64(max(count, 0)) {
            guard let cName = zip_get_name(handle, i, ZIP_FL_ENC_GUESS) else { continue }
            let name = String(cString: cName)
            let segments = name.replacingOccurrences(of: "\\", with: "/").split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains("..") || name.hasPrefix("/") || (name.count > 1 && name.dropFirst().hasPrefix(":")) {
                throw XLSXError(
                    .unsafeEntryName, "the package has an entry named \"\(name)\", which climbs out of the package",
                    hint: "no spreadsheet program writes such names; the file is crafted or damaged and was not read",
                    zh: "文件中有名为“\(name)”的部件，其路径指向压缩包以外",
                    zhHint: "电子表格软件不会生成这样的名称，该文件已损坏或被人为构造，为安全起见未读取",
                    location: ErrorLocation(file: fileName))
            }
            names.append(name)
            let key = ZipArchive.normalise(name)
            if index[key] == nil { index[key] = i }
        }
    }

    /// The key an entry is looked up by: no leading slash, forward slashes, lower case.
    static func normalise(_ name: String) -> String {
        var s = name.replacingOccurrences(of: "\\", with: "/")
        while s.hasPrefix("/") { s.removeFirst() }
        return s.lowercased()
    }

    /// Whether the package has an entry for `part`.
    func contains(_ part: String) -> Bool { index[ZipArchive.normalise(part)] != nil }

    /// Opens `part` for streaming; the archive stays open as long as the reader lives. `readAhead` says
    /// whether it is inflated on a thread of its own; by default, when it is large (`ZipEntryReader`).
    /// - Throws: `.missingPart`, `.partTooLarge`, `.suspiciousCompression`, `.corruptZip`.
    func open(_ part: String, readAhead: Bool? = nil) throws -> ZipEntryReader {
        let loc = ErrorLocation(file: fileName, part: part)
        guard let i = index[ZipArchive.normalise(part)] else {
            throw XLSXError(
                .missingPart, "the package has no part \(part)", zh: "工作簿缺少部件 \(part)",
                zhHint: "文件已损坏，请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再试", location: loc)
        }
        let (file, declared, compressed) = try locked { () throws -> (OpaquePointer, Int64, Int64) in
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(handle, i, 0, &st) == 0 else { throw zipError("zip_stat_index", loc) }
            let declared = Int64(clamping: st.size)
            let compressed = Int64(clamping: st.comp_size)
            try checkSize(declared, compressed: compressed, loc)
            guard let file = zip_fopen_index(handle, i, 0) else {
                let code = zip_error_code_zip(zip_get_error(handle))
                if code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD {
                    throw XLSXError(
                        .legacyOrEncrypted, "the part is encrypted", hint: "remove the password in Excel and save again",
                        zh: "工作簿的这一部件已加密", zhHint: "请在 Excel 或 WPS 中取消密码后重新保存再试",
                        location: loc)
                }
                throw zipError("zip_fopen_index", loc)
            }
            return (file, declared, compressed)
        }
        let ahead = readAhead ?? (ZipEntryReader.readAheadEnabled && declared >= ZipEntryReader.readAheadThreshold)
        return ZipEntryReader(archive: self, file: file, declared: declared, compressed: compressed, readAhead: ahead, location: loc)
    }

    /// Streams the inflated bytes of `part` in chunks, enforcing the size and ratio caps.
    func read(_ part: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let reader = try open(part)
        while let chunk = try reader.next() { try body(chunk) }
    }

    /// The bytes inflated so far from every entry.
    var inflatedBytes: Int64 { locked { inflatedSoFar } }

    /// Runs `body` holding the archive's lock.
    @inline(__always)
    fileprivate func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Counts bytes inflated from any entry against the package-wide cap.
    fileprivate func account(_ n: Int64) { inflatedSoFar += n }

    fileprivate func checkSize(_ size: Int64, compressed: Int64, _ loc: ErrorLocation) throws {
        if size > limits.maxPartSize {
            throw XLSXError(
                .partTooLarge, "the part inflates to more than \(limits.maxPartSize) bytes",
                hint: "this looks like a zip bomb; the file was not read",
                zh: "工作簿的这一部件解压后超过\(limits.maxPartSize)字节",
                zhHint: "疑似压缩炸弹，为安全起见未读取该文件", location: loc)
        }
        if size > limits.ratioFloor, size / max(compressed, 1) > limits.maxCompressionRatio {
            throw XLSXError(
                .suspiciousCompression,
                "the part inflates \(size / max(compressed, 1)) times its compressed size (limit \(limits.maxCompressionRatio))",
                hint: "this looks like a zip bomb; the file was not read",
                zh: "工作簿的这一部件解压后是压缩后大小的\(size / max(compressed, 1))倍（上限\(limits.maxCompressionRatio)倍）",
                zhHint: "疑似压缩炸弹，为安全起见未读取该文件", location: loc)
        }
        if inflatedSoFar > limits.maxTotalSize {
            throw XLSXError(
                .partTooLarge, "the package inflates to more than \(limits.maxTotalSize) bytes in total",
                hint: "this looks like a zip bomb; the file was not read",
                zh: "工作簿解压后总大小超过\(limits.maxTotalSize)字节",
                zhHint: "疑似压缩炸弹，为安全起见未读取该文件", location: loc)
        }
    }

    /// Turns libzip's last error on the archive into an `XLSXError` naming the C function.
    private func zipError(_ function: String, _ loc: ErrorLocation) -> XLSXError {
        let what = String(cString: zip_strerror(handle))
        return XLSXError(
            .corruptZip, "\(what) (\(function))", hint: "the file is damaged; ask the sender to save it again",
            zh: "工作簿已损坏，无法解压（\(function)：\(what)）", zhHint: "请让报送单位重新保存后再发送", location: loc)
    }

    private static func readSignature(path: String, location: ErrorLocation) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            let code = errno
            let reason = String(cString: strerror(code))
            throw XLSXError(
                .fileNotFound, "cannot open the file: \(reason)", hint: "check the path",
                zh: "无法打开文件：\(ChineseText.systemReason(code))", zhHint: "请检查文件名和路径", location: location)
        }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = fread(&head, 1, 8, f)
        return Array(head.prefix(n))
    }

    private static func checkSignature(_ head: [UInt8], location: ErrorLocation) throws {
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw XLSXError(
                .legacyOrEncrypted,
                "this is a legacy Excel 97-2003 (.xls) file or a password-protected workbook, not an .xlsx package",
                hint: "open it in Excel or WPS, remove any password, and save it as Excel Workbook (.xlsx)",
                zh: "文件是旧版 Excel 97-2003（.xls）格式或设有密码的工作簿，不是 .xlsx 工作簿",
                zhHint: "请用 Excel 或 WPS 打开，取消密码后另存为“Excel 工作簿（.xlsx）”再试",
                location: location)
        }
        guard head.count >= 4, head[0] == 0x50, head[1] == 0x4B else {
            let what = head.isEmpty ? "the file is empty" : "the file is not a zip package"
            let zhWhat = head.isEmpty ? "文件是空的" : "文件不是 zip 压缩包"
            throw XLSXError(
                .notAZip, "\(what), so it is not an .xlsx workbook",
                hint: "save it from Excel or WPS as Excel Workbook (.xlsx)",
                zh: "\(zhWhat)，不是 .xlsx 工作簿", zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试",
                location: location)
        }
    }

    private static func openError(_ code: Int32, location: ErrorLocation) -> XLSXError {
        switch code {
        case ZIP_ER_NOENT:
            return XLSXError(
                .fileNotFound, "the file does not exist", hint: "check the path", zh: "文件不存在", zhHint: "请检查文件名和路径",
                location: location)
        case ZIP_ER_NOZIP:
            return XLSXError(
                .truncatedZip, "the zip directory at the end of the file is missing: the file is truncated or not a zip",
                hint: "download or copy the file again; it was cut short",
                zh: "文件末尾缺少 zip 目录：文件不完整，或不是 zip 压缩包",
                zhHint: "文件可能未下载或复制完整，请重新下载或复制", location: location)
        case ZIP_ER_INCONS:
            return XLSXError(
                .corruptZip, "the zip structure is inconsistent", hint: "the file is damaged; ask the sender to save it again",
                zh: "文件的 zip 结构前后不一致，工作簿已损坏", zhHint: "请让报送单位重新保存后再发送",
                location: location)
        default:
            var zerr = zip_error_t()
            zip_error_init_with_code(&zerr, code)
            let what = String(cString: zip_error_strerror(&zerr))
            zip_error_fini(&zerr)
            return XLSXError(
                .corruptZip, "\(what) (zip_open)", hint: "the file is damaged; ask the sender to save it again",
                zh: "工作簿已损坏，无法打开（zip_open：\(what)）", zhHint: "请让报送单位重新保存后再发送", location: location)
        }
    }
}

/// One entry being inflated, chunk by chunk, with the size and ratio caps checked as it goes.
///
/// An entry large enough to be worth it is inflated on a thread of its own a few chunks ahead of the
/// parser (`ZipReadAhead`), so that inflating and parsing share the machine's cores; smaller entries are
/// inflated as they are asked for. The bytes and the errors are the same either way.
final class ZipEntryReader {
    /// Entries that inflate to at least this many bytes are read ahead on a thread of their own.
    static let readAheadThreshold: Int64 = 4 << 20
    /// Whether large entries are read ahead (`MINSHENG_READ_AHEAD=0` turns it off, for measuring).
    static let readAheadEnabled = ProcessInfo.processInfo.environment["MINSHENG_READ_AHEAD"] != "0"

    private let inflater: ZipInflater
    private let ahead: ZipReadAhead?
    private let buffer: UnsafeMutableRawBufferPointer?
    private var finished = false
    /// The error that ended the entry, thrown again to a caller that asks once more.
    private var failure: (any Error)?

    fileprivate init(
        archive: ZipArchive, file: OpaquePointer, declared: Int64, compressed: Int64, readAhead: Bool, location: ErrorLocation
    ) {
        inflater = ZipInflater(archive: archive, file: file, declared: declared, compressed: compressed, location: location)
        if readAhead {
            ahead = ZipReadAhead(inflater)
            buffer = nil
        } else {
            ahead = nil
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        }
    }

    deinit {
        ahead?.stop()
        inflater.close()
        buffer?.deallocate()
    }

    /// Whether the entry is inflated on a thread of its own (it is large).
    var readsAhead: Bool { ahead != nil }

    /// The next inflated chunk, valid until the following call; nil at the end of the entry.
    /// - Throws: `.corruptZip` when inflating fails (bad data, CRC mismatch, more bytes than declared),
    ///   `.partTooLarge` or `.suspiciousCompression` past the caps. The corresponding C function is `zip_fread`.
    func next() throws -> UnsafeRawBufferPointer? {
        if let failure { throw failure }
        guard !finished else { return nil }
        let chunk: UnsafeRawBufferPointer
        do {
            if let ahead {
                chunk = try ahead.next()
            } else {
                let n = try inflater.read(into: buffer!)
                chunk = UnsafeRawBufferPointer(rebasing: buffer![0..<n])
            }
        } catch {
            failure = error
            throw error
        }
        if chunk.isEmpty {
            finished = true
            return nil
        }
        return chunk
    }
}

/// The inflating state of one entry: libzip's `zip_file_t` and the bytes counted against the caps.
/// Used by one thread at a time (the reader's, or its read-ahead thread's); every libzip call is made
/// under the archive's lock, since libzip does not allow an archive to be used from two threads at once.
final class ZipInflater: @unchecked Sendable {
    private let archive: ZipArchive
    private let file: OpaquePointer
    private let declared: Int64
    private let compressed: Int64
    private let location: ErrorLocation
    private var total: Int64 = 0

    fileprivate init(archive: ZipArchive, file: OpaquePointer, declared: Int64, compressed: Int64, location: ErrorLocation) {
        self.archive = archive
        self.file = file
        self.declared = declared
        self.compressed = compressed
        self.location = location
    }

    fileprivate func close() { archive.locked { _ = zip_fclose(file) } }

    /// Inflates the next bytes into `buffer`; 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try archive.locked {
            let n = zip_fread(file, buffer.baseAddress, zip_uint64_t(buffer.count))
            if n < 0 {
                let what = String(cString: zip_file_strerror(file))
                throw XLSXError(
                    .corruptZip, "the part cannot be inflated: \(what) (zip_fread)",
                    hint: "the file is damaged or incomplete; ask the sender to send it again",
                    zh: "工作簿的这一部件无法解压（zip_fread：\(what)）",
                    zhHint: "文件已损坏或不完整，请让报送单位重新发送", location: location)
            }
            if n == 0 { return 0 }
            total += Int64(n)
            archive.account(Int64(n))
            if total > declared {
                throw XLSXError(
                    .corruptZip, "the part inflates past the \(declared) bytes its header declares",
                    hint: "the file is damaged or crafted; ask the sender to save it again",
                    zh: "工作簿的这一部件解压后超过其文件头声明的\(declared)字节",
                    zhHint: "文件已损坏或被人为构造，请让报送单位重新保存后再发送", location: location)
            }
            try archive.checkSize(total, compressed: compressed, location)
            return Int(n)
        }
    }
}
