import CLibZip
import Foundation

/// A libzip source whose bytes come from Swift (`zip_source_function`): libzip asks, the closures answer.
/// Only what a readable source must do is supported; libzip frees the source, and these callbacks with it,
/// when it is done.
final class ZipSource {
    /// Called when libzip opens the source; false fails the open.
    var open: () -> Bool = { true }
    /// Fills the buffer from the front; the number of bytes, 0 at the end, nil on failure.
    var read: (UnsafeMutableRawBufferPointer) -> Int?
    /// What libzip may know before reading: sizes, CRC, compression.
    var stat: (inout zip_stat_t) -> Void = { _ in }
    var close: () -> Void = {}
    /// The entry's attributes as the source knows them (general-purpose flags, version needed); nil when
    /// libzip's defaults hold.
    var attributes: ((inout zip_file_attributes_t) -> Void)?
    fileprivate var error = zip_error_t()

    init(read: @escaping (UnsafeMutableRawBufferPointer) -> Int?) {
        self.read = read
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }

    /// The source for `archive`, to be added with `zip_file_add` or `zip_file_replace`; nil when libzip
    /// cannot make it.
    func make(in archive: OpaquePointer) -> OpaquePointer? {
        let context = Unmanaged.passRetained(self).toOpaque()
        guard let source = zip_source_function(archive, zipSourceCallback, context) else {
            Unmanaged<ZipSource>.fromOpaque(context).release()
            return nil
        }
        return source
    }

    fileprivate func fail(_ code: Int32) -> Int64 {
        zip_error_set(&error, code, 0)
        return -1
    }
}

/// The commands a readable source answers.
private let readable: Int64 = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE]
    .reduce(0) { $0 | (Int64(1) << Int64($1.rawValue)) }

private let zipSourceCallback: zip_source_callback = { context, data, length, command in
    let source = Unmanaged<ZipSource>.fromOpaque(context!).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        return source.open() ? 0 : source.fail(ZIP_ER_OPEN)
    case ZIP_SOURCE_READ:
        guard let n = source.read(UnsafeMutableRawBufferPointer(start: data, count: Int(length))) else { return source.fail(ZIP_ER_READ) }
        return Int64(n)
    case ZIP_SOURCE_CLOSE:
        source.close()
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, length >= MemoryLayout<zip_stat_t>.size else { return source.fail(ZIP_ER_INVAL) }
        let stat = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(stat)
        source.stat(&stat.pointee)
        return Int64(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source.error, data, length)
    case ZIP_SOURCE_FREE:
        Unmanaged<ZipSource>.fromOpaque(context!).release()
        return 0
    case ZIP_SOURCE_GET_FILE_ATTRIBUTES:
        guard let attributes = source.attributes, let data, length >= MemoryLayout<zip_file_attributes_t>.size else {
            return source.fail(ZIP_ER_OPNOTSUPP)
        }
        attributes(&data.assumingMemoryBound(to: zip_file_attributes_t.self).pointee)
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return source.attributes == nil ? readable : readable | (Int64(1) << Int64(ZIP_SOURCE_GET_FILE_ATTRIBUTES.rawValue))
    default:
        return source.fail(ZIP_ER_OPNOTSUPP)
    }
}
