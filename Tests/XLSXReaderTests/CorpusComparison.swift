import Foundation

/// The comparison rules of `../shared/tools/corpus-compare`, in Swift, so the corpus can be checked
/// in-process: a cell agrees when it equals a reference value after normalising numbers (relative
/// 1e-9), date-times (`T00:00:00` dropped, fractions of a second to the millisecond), durations
/// (`PT<seconds>S` to the millisecond) and error cells (which calamine's dump leaves out).
enum CorpusComparison {
    static let errorTexts: Set<String> = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
    ]

    /// A value reduced to what the comparison looks at (the tool's `norm`).
    enum Normalised: Equatable {
        case number(Double)
        case date(day: String, time: String)
        case duration(Double)
        case time(String)
        case string(String)
    }

    nonisolated(unsafe) private static let dateTime = #/(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(\.\d+)?)?/#
    nonisolated(unsafe) private static let duration = #/PT(-?\d+(?:\.\d+)?)S/#
    nonisolated(unsafe) private static let timeOfDay = #/(\d{2}:\d{2}:\d{2})(\.\d+)?/#

    static func normalise(_ v: String) -> Normalised {
        if let x = pythonFloat(v), x.isFinite { return .number(x) }
        if let m = v.wholeMatch(of: dateTime) {
            let day = String(m.1), t = m.2.map(String.init), frac = m.3.flatMap { Double($0) }
            let visibleFraction = (frac ?? 0) >= 0.0005
            if t == nil || t == "00:00:00", !visibleFraction { return .date(day: day, time: "") }
            return .date(day: day, time: (t ?? "") + millis(frac))
        }
        if let m = v.wholeMatch(of: duration), let s = Double(m.1) { return .duration((s * 1000).rounded() / 1000) }
        if let m = v.wholeMatch(of: timeOfDay) { return .time(String(m.1) + millis(m.2.flatMap { Double($0) })) }
        return .string(v)
    }

    /// `.250` for a fraction that is not zero at three decimals, else nothing (`'%.3f' % frac` without its `0`).
    private static func millis(_ frac: Double?) -> String {
        guard let frac else { return "" }
        let s = String(format: "%.3f", frac)
        return s == "0.000" ? "" : String(s.dropFirst())
    }

    /// What python's `float()` accepts: surrounding white space, underscores between digits, no hex.
    static func pythonFloat(_ v: String) -> Double? {
        let t = v.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, !t.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) else { return nil }
        var cleaned = t
        if t.contains("_") {
            let chars = Array(t)
            for (i, c) in chars.enumerated() where c == "_" {
                guard i > 0, i + 1 < chars.count, chars[i - 1].isASCII, chars[i - 1].isNumber, chars[i + 1].isASCII,
                    chars[i + 1].isNumber
                else { return nil }
            }
            cleaned = t.replacingOccurrences(of: "_", with: "")
        }
        return Double(cleaned)
    }

    /// The tool's `same`: both missing, or equal once normalised (numbers within 1e-9 relative).
    static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        switch (normalise(a), normalise(b)) {
        case (.number(let x), .number(let y)): return x == y || abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
        case (let x, let y): return x == y
        }
    }

    /// The cells where `ours` disagrees with both references, as `A1: ours=… calamine=… openpyxl=…`.
    static func disagreements(ours: [String: String], calamine: [String: String]?, openpyxl: [String: String]?) -> [String] {
        let refs = [calamine, openpyxl].compactMap { $0 }
        var keys = Set(ours.keys)
        for r in refs { keys.formUnion(r.keys) }
        var bad: [String] = []
        for k in keys.sorted() {
            let mine = ours[k]
            if refs.contains(where: { same(mine, $0[k]) }) { continue }
            if mine == nil, refs.allSatisfy({ $0[k] == nil || errorTexts.contains($0[k]!) }) { continue }
            if let mine, errorTexts.contains(mine), let calamine, calamine[k] == nil,
                openpyxl == nil || openpyxl![k] == nil || openpyxl![k] == mine
            {
                continue
            }
            bad.append(
                "\(k): minsheng=\(mine ?? "None") calamine=\(calamine.map { $0[k] ?? "None" } ?? "None")"
                    + (openpyxl.map { " openpyxl=\($0[k] ?? "None")" } ?? ""))
        }
        return bad
    }

    /// A reference dump (`row<TAB>col<TAB>value`, zero-based) as `A1 → value`; nil when the file is absent.
    static func loadReference(_ url: URL) -> [String: String]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        var cells: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let r = Int(parts[0]), let c = Int(parts[1]) else { continue }
            cells[columnName(c) + String(r + 1)] = String(parts[2])
        }
        return cells
    }

    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Backslash, tab, newline and return escaped, as `minsheng cat --format cells` and the dumps write them.
    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
