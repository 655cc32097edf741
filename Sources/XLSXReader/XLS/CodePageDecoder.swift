#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes the byte strings of BIFF2–BIFF7 workbooks (sheet names, cell text, format codes) from the
/// workbook's Windows code page (`CODEPAGE` record) to Unicode, with iconv. The only C calls of the
/// `.xls` reader are here.
///
/// Not `Sendable`: one decoder serves one read of one workbook.
final class CodePageDecoder {
    /// The Windows code page, as the `CODEPAGE` record gives it.
    let codePage: Int
    /// nil when the code page is ASCII-compatible UTF-8 or has no converter (then bytes are read as Windows-1252).
    private var handle: iconv_t?

    /// - Parameter codePage: a Windows code page number; 1252 when the workbook has no `CODEPAGE` record.
    init(codePage: Int) {
        self.codePage = codePage
        for name in Self.iconvNames(codePage) + ["CP1252"] {
            // The corresponding C function is `iconv_open`; it returns (iconv_t)-1 for an unknown name.
            let h = iconv_open("UTF-8", name)
            if h != iconv_t(bitPattern: -1) {
                handle = h
                break
            }
        }
    }

    deinit {
        if let handle { iconv_close(handle) }
    }

    /// iconv's names for a Windows code page, most specific first.
    static func iconvNames(_ codePage: Int) -> [String] {
        switch codePage {
        case 367, 20127: return ["ASCII"]
        case 1200, 1201, 65001: return []  // not byte strings; treated as Windows-1252 if ever met
        case 10000, 32768: return ["MACINTOSH"]
        case 32769: return ["CP1252"]
        case 10006: return ["MAC-GREEK", "MACGREEK"]
        case 10007: return ["MAC-CYRILLIC", "MACCYRILLIC"]
        case 10029: return ["MAC-CENTRALEUROPE"]
        case 10079: return ["MAC-IS"]
        case 10081: return ["MAC-TURKISH", "MACTURKISH"]
        case 936: return ["CP936", "GBK", "GB18030"]
        case 950: return ["CP950", "BIG5"]
        case 932: return ["CP932", "SHIFT_JIS"]
        case 949: return ["CP949", "EUC-KR"]
        case 1361: return ["JOHAB"]
        default: return ["CP\(codePage)"]
        }
    }

    /// The text of `bytes`; a byte sequence the code page does not define becomes U+FFFD.
    func decode(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let handle else { return Self.windows1252(bytes) }
        // Reset the conversion state left by an earlier call that stopped on a bad byte.
        iconv(handle, nil, nil, nil, nil)
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var input = bytes
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    // The corresponding C function is `iconv`; on a byte it cannot convert it stops with EILSEQ
                    // or EINVAL, and the reader puts U+FFFD in its place and goes on.
                    let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    if result != -1 || inLeft == 0 { break }
                    guard outLeft >= 3 else { break }
                    for b in [0xEF, 0xBF, 0xBD] as [UInt8] {
                        outPointer!.pointee = CChar(bitPattern: b)
                        outPointer! += 1
                    }
                    outLeft -= 3
                    inPointer! += 1
                    inLeft -= 1
                    iconv(handle, nil, nil, nil, nil)
                }
                produced = outBuffer.count - outLeft
            }
        }
        return String(decoding: output[0..<produced], as: UTF8.self)
    }

    /// Windows-1252, for code pages iconv does not know.
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt16] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        let units = bytes.map { b -> UInt16 in (0x80..<0xA0).contains(b) ? high[Int(b) - 0x80] : UInt16(b) }
        return String(decoding: units, as: UTF16.self)
    }
}
