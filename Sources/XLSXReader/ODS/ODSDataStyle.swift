import XLSXCore

/// An OpenDocument data style (`number:number-style`, `number:percentage-style`, `number:date-style`, …)
/// turned into the Excel format code that shows numbers the same way, so that downstream code sees a
/// percentage, a date or an elapsed time as it would in an `.xlsx`.
struct ODSDataStyle {
    enum Kind {
        case number, percentage, currency, date, time, boolean, text

        /// The kind of a data-style element, nil for any other element.
        init?(element name: XMLName) {
            if name.is("number-style") {
                self = .number
            } else if name.is("percentage-style") {
                self = .percentage
            } else if name.is("currency-style") {
                self = .currency
            } else if name.is("date-style") {
                self = .date
            } else if name.is("time-style") {
                self = .time
            } else if name.is("boolean-style") {
                self = .boolean
            } else if name.is("text-style") {
                self = .text
            } else {
                return nil
            }
        }
    }

    /// Which kind of text element is being captured.
    enum Capture { case text, currency }

    let kind: Kind
    /// A time style with `number:truncate-on-overflow="false"`: its first hours field counts past 24 (`[h]`).
    let elapsed: Bool
    /// The format code built so far, one section.
    private(set) var body = ""
    /// Whether the section has any field or text.
    var isEmpty: Bool { body.isEmpty }
    /// `style:map`s: (condition, the data style applied when it holds).
    var maps: [(condition: String, style: String)] = []
    private var sawHours = false

    init(kind: Kind, elapsed: Bool) {
        self.kind = kind
        self.elapsed = elapsed
    }

    /// The section's code; a percentage style without a `%` of its own gets one, as ODF scales it anyway.
    var code: String {
        switch kind {
        case .boolean: return "General"
        case .text where body.isEmpty: return "@"
        case .percentage where !Self.hasUnquotedPercent(body): return (body.isEmpty ? "0" : body) + "%"
        default: return body.isEmpty ? "General" : body
        }
    }

    /// Adds the text of a `number:text` or `number:currency-symbol`.
    mutating func append(_ bytes: [UInt8], as capture: Capture) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.isEmpty, body.utf8.count < 200 else { return }
        if capture == .text, kind == .percentage, text.contains("%") {
            // The percent sign scales the value in Excel only when it is not quoted.
            let pieces = text.split(separator: "%", omittingEmptySubsequences: false)
            body += pieces.map { literal(String($0)) }.joined(separator: "%")
        } else {
            body += literal(text)
        }
    }

    /// Adds one field element (`number:number`, `number:year`, …) with its `number:` attributes.
    mutating func appendPart(_ element: String, _ a: [String: String]) {
        guard body.utf8.count < 200 else { return }
        let long = a["style"] == "long"
        switch element {
        case "number":
            // Without decimal places LibreOffice means "as many as needed": its General is exactly that.
            let general = a["decimal-places"] == nil && a["grouping"] != "true" && (Int(a["min-integer-digits"] ?? "1") ?? 1) <= 1
            body += general ? "General" : Self.digits(a)
        case "scientific-number":
            let exponent = min(max(Int(a["min-exponent-digits"] ?? "") ?? 2, 1), 4)
            body += Self.digits(a) + "E+" + String(repeating: "0", count: exponent)
        case "fraction":
            let numerator = min(max(Int(a["min-numerator-digits"] ?? "") ?? 1, 1), 5)
            let denominator = min(max(Int(a["min-denominator-digits"] ?? "") ?? 1, 1), 5)
            let fixed = a["denominator-value"].flatMap { Int($0) }.map { String($0) }
            body += "# " + String(repeating: "?", count: numerator) + "/" + (fixed ?? String(repeating: "?", count: denominator))
        case "text-content":
            body += "@"
        case "year":
            body += long ? "yyyy" : "yy"
        case "month":
            body += a["textual"] == "true" ? (long ? "mmmm" : "mmm") : (long ? "mm" : "m")
        case "day":
            body += long ? "dd" : "d"
        case "day-of-week":
            body += long ? "dddd" : "ddd"
        case "hours":
            let h = long ? "hh" : "h"
            body += elapsed && !sawHours ? "[\(h)]" : h
            sawHours = true
        case "minutes":
            body += long ? "mm" : "m"
        case "seconds":
            body += long ? "ss" : "s"
            if let d = Int(a["decimal-places"] ?? ""), d > 0 { body += "." + String(repeating: "0", count: min(d, 3)) }
        case "am-pm":
            body += "AM/PM"
        default:
            break  // era, quarter, week-of-year, boolean, embedded-text: nothing Excel shows the same way
        }
    }

    /// The digits of a `number:number`: integer digits with grouping, then decimals.
    private static func digits(_ a: [String: String]) -> String {
        let minInteger = min(max(Int(a["min-integer-digits"] ?? "") ?? 1, 0), 15)
        let decimals = min(max(Int(a["decimal-places"] ?? "") ?? 0, 0), 15)
        let minDecimals = min(max(Int(a["min-decimal-places"] ?? "") ?? decimals, 0), decimals)
        var integer: String
        if a["grouping"] == "true" {
            // "#,##0" with the last minInteger places as zeros: 0 → "#,###", 1 → "#,##0", 4 → "0,000".
            var places = Array("####")
            for i in 0..<min(minInteger, 4) { places[3 - i] = "0" }
            integer = String(places[0]) + "," + String(places[1...])
            if minInteger > 4 { integer = String(repeating: "0", count: minInteger - 4) + integer }
        } else {
            integer = minInteger == 0 ? "#" : String(repeating: "0", count: minInteger)
        }
        guard decimals > 0 else { return integer }
        return integer + "." + String(repeating: "0", count: minDecimals) + String(repeating: "#", count: decimals - minDecimals)
    }

    /// Literal text in a format code: characters Excel shows as they are stay bare, the rest is quoted
    /// (a bare `.`, `,` or `/` means a decimal point, thousands or a fraction next to digits).
    private func literal(_ text: String) -> String {
        let bare: String = kind == .date || kind == .time ? " -/:.,()+$" : " -()+$:"
        if text.allSatisfy({ bare.contains($0) }) { return text }
        let inner = text.filter { $0 != "\"" }
        return inner.isEmpty ? "" : "\"" + inner + "\""
    }

    /// Whether the code has a `%` outside quotes.
    static func hasUnquotedPercent(_ code: String) -> Bool {
        var quoted = false
        for ch in code {
            if ch == "\"" { quoted.toggle() } else if ch == "%", !quoted { return true }
        }
        return false
    }
}
