import XLSXCore

/// Appending text to a byte buffer without an intermediate `String` per value.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// A decimal integer.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var width = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            width += 1
        }
        let end = count + width
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var at = end - 1
        while magnitude > 0 {
            self[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            at -= 1
        }
    }

    /// A number as `CellValue.format` writes it: integral values without a decimal point, others in
    /// their shortest round-trip form.
    mutating func appendNumber(_ n: Double) {
        if n.isFinite, n == n.rounded(), abs(n) < 1e17 {
            appendInteger(Int64(n))
        } else {
            appendUTF8(n.isFinite ? n.description : CellValue.format(n))
        }
    }

    /// A field of CSV or TSV, quoted (RFC 4180) when it holds the separator, a quote or a line break.
    mutating func appendDelimitedField(_ text: String, separator: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
                return append(contentsOf: bytes)
            }
            append(UInt8(ascii: "\""))
            for b in bytes {
                append(b)
                if b == UInt8(ascii: "\"") { append(b) }
            }
            append(UInt8(ascii: "\""))
        }
    }

    /// A JSON string literal, as `JSON.quote` writes it.
    mutating func appendJSONString(_ text: String) {
        var text = text
        append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return append(contentsOf: bytes)
            }
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""): append(contentsOf: [UInt8(ascii: "\\"), b])
                case UInt8(ascii: "\\"): append(contentsOf: [b, b])
                case 0x0A: append(contentsOf: Array("\\n".utf8))
                case 0x0D: append(contentsOf: Array("\\r".utf8))
                case 0x09: append(contentsOf: Array("\\t".utf8))
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    append(contentsOf: Array("\\u00".utf8))
                    append(hex[Int(b >> 4)])
                    append(hex[Int(b & 15)])
                default: append(b)
                }
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// A cell reference, `A1`.
    mutating func appendReference(_ reference: CellReference) {
        let start = count
        var n = reference.column + 1
        while n > 0 {
            append(UInt8(ascii: "A") + UInt8((n - 1) % 26))
            n = (n - 1) / 26
        }
        self[start...].reverse()
        appendInteger(Int64(reference.row + 1))
    }
}

extension Array where Element == UInt8 {
    /// Text on one line of `cells` output: backslash, tab, newline and return escaped.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                return append(contentsOf: bytes)
            }
            for b in bytes {
                switch b {
                case UInt8(ascii: "\\"): append(contentsOf: [b, b])
                case 0x09: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: append(b)
                }
            }
        }
    }
}
