import Foundation
import XLSXCore

/// An append-only UTF-8 buffer for writing XML, with the escaping OOXML needs.
///
/// Characters XML 1.0 cannot carry (controls other than tab, newline and return; U+FFFE, U+FFFF) are
/// written as `_xHHHH_`, and a literal `_xHHHH_` in the text is protected as `_x005F_xHHHH_`, so
/// readers get back exactly the string that was written.
struct XMLBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-n)
            return
        }
        if n < 10 {
            bytes.append(UInt8(48 + n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = n
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// A number in the shortest form that reads back to the same double.
    mutating func number(_ n: Double) {
        if n == n.rounded(), abs(n) < 1e15 {
            int(Int(n))
        } else {
            raw(n.description)
        }
    }

    /// Text content, escaped for an element body.
    mutating func text(_ s: String) { escaped(s, attribute: false) }

    /// Text escaped for a double-quoted attribute value.
    mutating func attribute(_ s: String) { escaped(s, attribute: true) }

    /// ` name="value"` with the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        raw(" ")
        raw(name)
        raw("=\"")
        escaped(value, attribute: true)
        raw("\"")
    }

    mutating func attribute(_ name: StaticString, _ value: Int) {
        raw(" ")
        raw(name)
        raw("=\"")
        int(value)
        raw("\"")
    }

    /// UTF-8 text, escaped as `text(_:)` escapes a string.
    mutating func text(utf8: UnsafeBufferPointer<UInt8>) { escaped(utf8, attribute: false) }

    private mutating func escaped(_ s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { escaped($0, attribute: attribute) }
    }

    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        do {
            var clean = true
            for c in utf8 where c < 0x20 || c == 38 || c == 60 || c == 62 || c == 34 || c == 95 || c == 0xEF {
                clean = false
                break
            }
            if clean {
                bytes.append(contentsOf: utf8)
                return
            }
            var i = 0
            while i < utf8.count {
                let c = utf8[i]
                switch c {
                case 38: raw("&amp;")
                case 60: raw("&lt;")
                case 62: raw("&gt;")
                case 34 where attribute: raw("&quot;")
                case 0x0A where attribute: raw("&#10;")
                case 0x0D: raw("&#13;")
                case 0x09 where attribute: raw("&#9;")
                case 0x09, 0x0A: bytes.append(c)
                case 0..<0x20:
                    hexEscape(UInt32(c))
                case 95:  // "_": protect a literal _xHHHH_ so it is not read back as an escape
                    if i + 6 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"), utf8[i + 6] == 95,
                        (2...5).allSatisfy({ isHex(utf8[i + $0]) })
                    {
                        raw("_x005F_")
                    } else {
                        bytes.append(c)
                    }
                case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                    hexEscape(utf8[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                    i += 2
                default:
                    bytes.append(c)
                }
                i += 1
            }
        }
    }

    private func isHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }

    private mutating func hexEscape(_ v: UInt32) {
        let hex = Array("0123456789ABCDEF".utf8)
        raw("_x")
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
        raw("_")
    }
}
