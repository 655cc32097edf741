import CLibZip
import Foundation

/// A part whose deflated bytes are ready: its head as stored deflate blocks, then the rest of it as
/// `StreamingDeflate` deflated it. One valid deflate stream (RFC 1951): stored blocks are not final, end on
/// a byte boundary, and the deflated rest begins on one; its back-references stay within itself. libzip
/// copies the bytes as they are, with the CRC and sizes given here.
struct PrecompressedPart {
    let head: [UInt8]
    let rest: StreamingDeflate.Result

    /// `bytes` as stored (uncompressed) deflate blocks, none final: for each at most 65,535 bytes, a header
    /// byte (BFINAL 0, BTYPE 00, padding), LEN and its one's complement, little-endian, then the bytes.
    static func storedBlocks(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + (bytes.count / 65_535 + 1) * 5)
        var start = 0
        while start < bytes.count {
            let n = min(65_535, bytes.count - start)
            let len = UInt16(n), nlen = ~UInt16(n)
            out += [0, UInt8(len & 0xFF), UInt8(len >> 8), UInt8(nlen & 0xFF), UInt8(nlen >> 8)]
            out += bytes[start..<(start + n)]
            start += n
        }
        return out
    }

    /// A libzip source for the part, in `archive`; nil when libzip cannot make it.
    func source(in archive: OpaquePointer) -> OpaquePointer? {
        let stored = Self.storedBlocks(head)
        let crc = CRC32.combine(CRC32.checksum(head), rest.crc, secondLength: rest.size)
        let size = UInt64(head.count) + rest.size, compressedSize = UInt64(stored.count) + rest.compressedSize
        let entry = rest.archive
        var file: OpaquePointer?
        var sent = 0
        let source = ZipSource { buffer in
            if sent < stored.count {
                let n = min(buffer.count, stored.count - sent)
                stored.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + sent, byteCount: n) }
                sent += n
                return n
            }
            guard let file else { return nil }
            let n = zip_fread(file, buffer.baseAddress, zip_uint64_t(buffer.count))
            return n < 0 ? nil : Int(n)
        }
        source.open = {
            sent = 0
            file = zip_fopen_index(entry, 0, zip_flags_t(ZIP_FL_COMPRESSED))
            return file != nil
        }
        source.close = {
            if let f = file { zip_fclose(f) }
            file = nil
        }
        source.stat = { stat in
            stat.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)
            stat.size = size
            stat.comp_size = compressedSize
            stat.crc = crc
            stat.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
            stat.encryption_method = UInt16(ZIP_EM_NONE)
        }
        // The deflate option bits libzip sets when it compresses an entry itself (fast below level 3,
        // maximum above 7), and the version deflate needs, so that the entry reads the same either way.
        let level = rest.level
        source.attributes = { attributes in
            attributes.valid |= zip_uint64_t(ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS | ZIP_FILE_ATTRIBUTES_VERSION_NEEDED)
            attributes.general_purpose_bit_flags = level < 3 ? 2 << 1 : level > 7 ? 1 << 1 : 0
            attributes.general_purpose_bit_mask = 0x0006
            attributes.version_needed = 20
        }
        return source.make(in: archive)
    }
}
