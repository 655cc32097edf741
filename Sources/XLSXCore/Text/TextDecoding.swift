import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decoding the text files Chinese offices export: UTF-8 (with or without a BOM), UTF-16 with a BOM,
/// or GB18030 (GBK, GB2312), which Chinese Excel and WPS write for "CSV".
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8, utf16LE, utf16BE, gb18030
    }

    /// Decodes bytes, telling which encoding it found.
    /// - Throws: `XLSXError` (`.invalidValue`) when the bytes are neither valid UTF-8 nor valid GB18030.
    public static func decode(_ bytes: [UInt8], file: String? = nil) throws -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validatingUTF8: bytes.dropFirst(3)) else { throw invalid(file, "UTF-8", "UTF-8") }
            return (s, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let le = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { le ? UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 : UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return (String(decoding: units, as: UTF16.self), le ? .utf16LE : .utf16BE)
        }
        if let s = String(validatingUTF8: bytes[...]) { return (s, .utf8) }
        if let s = iconvDecode(bytes, from: "GB18030") { return (s, .gb18030) }
        throw invalid(file, "UTF-8 or GB18030", "UTF-8 或 GB18030")
    }

    private static func invalid(_ file: String?, _ what: String, _ zhWhat: String) -> XLSXError {
        XLSXError(
            .invalidValue, "the file is not valid \(what) text and cannot be read", hint: "save it again as CSV UTF-8 from Excel or WPS",
            zh: "文件不是有效的 \(zhWhat) 文本，无法读取", zhHint: "请用 Excel 或 WPS 重新另存为“CSV UTF-8”格式后再试",
            location: ErrorLocation(file: file))
    }

    /// Converts with the C library's iconv. The corresponding C function is `iconv`.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let capacity = output.count
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return rc == -1 || inLeft != 0 ? nil : capacity - outLeft
            }
        }
        guard let written else { return nil }
        output.removeSubrange(written...)
        return String(validatingUTF8: output.map { UInt8(bitPattern: $0) }[...])
    }
}

extension String {
    /// Strict UTF-8 decoding: nil on any invalid sequence.
    init?(validatingUTF8 bytes: ArraySlice<UInt8>) {
        var ok = true
        let s = String(decoding: bytes, as: UTF8.self)
        if s.utf8.count != bytes.count || s.contains("\u{FFFD}") && !bytes.containsReplacementCharacter { ok = false }
        guard ok else { return nil }
        self = s
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether the bytes themselves contain U+FFFD (EF BF BD), as opposed to it replacing invalid input.
    var containsReplacementCharacter: Bool {
        var i = startIndex
        while i + 2 < endIndex {
            if self[i] == 0xEF && self[i + 1] == 0xBF && self[i + 2] == 0xBD { return true }
            i += 1
        }
        return false
    }
}
