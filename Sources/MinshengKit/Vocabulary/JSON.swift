import Foundation

/// JSON string quoting.
package enum JSON {
    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSON {
    /// The one JSON encoding of everything minsheng prints or writes for machines: pretty, keys
    /// sorted (stable diffs), slashes and Chinese unescaped, a final newline.
    package static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a model of strings, numbers and arrays cannot fail; a failure is a programming error.
        guard let data = try? encoder.encode(value) else { preconditionFailure("JSON encoding of \(T.self) failed") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
