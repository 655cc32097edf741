/// Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot carry (ECMA-376 Part 1, 22.9.2.19).
/// `_x005F_` escapes a literal underscore, so `_x005F_x0041_` stays `_x0041_`.
func decodeEscapes(_ s: String) -> String {
    guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
    return decodeEscapes(Array(s.utf8))
}

/// The same, from the UTF-8 bytes of a value (the common case, with no `_`, makes no copy).
func decodeEscapes(_ b: [UInt8]) -> String { b.withUnsafeBufferPointer { decodeEscapes($0) } }

/// The same, from bytes in place.
func decodeEscapes(_ b: UnsafeBufferPointer<UInt8>) -> String {
    guard b.contains(UInt8(ascii: "_")) else { return String(decoding: b, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
        if b[i] == UInt8(ascii: "_"), i + 6 < b.count, b[i + 1] == UInt8(ascii: "x"),
            b[i + 6] == UInt8(ascii: "_"), let v = hex4(b, i + 2)
        {
            // A surrogate pair is written as two escapes: _xD801__xDC05_ is U+10405.
            if (0xD800...0xDBFF).contains(v), i + 13 < b.count, b[i + 7] == UInt8(ascii: "_"), b[i + 8] == UInt8(ascii: "x"),
                b[i + 13] == UInt8(ascii: "_"), let low = hex4(b, i + 9), (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
            {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 14
                continue
            }
            // U+FFFE, U+FFFF and lone surrogate halves are no characters at all: keep the text as written.
            if v != 0xFFFE, v != 0xFFFF, let scalar = Unicode.Scalar(v) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 7
                continue
            }
        }
        out.append(b[i])
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

private func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
    var v: UInt32 = 0
    for k in 0..<4 {
        let c = b[at + k]
        let d: UInt32
        switch c {
        case 48...57: d = UInt32(c - 48)
        case 65...70: d = UInt32(c - 55)
        case 97...102: d = UInt32(c - 87)
        default: return nil
        }
        v = v << 4 | d
    }
    return v
}
