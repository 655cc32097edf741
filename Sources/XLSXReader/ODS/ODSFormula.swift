import XLSXCore

/// Turns a `table:formula` (OpenFormula, `of:=SUM([.A1:.B2];[$Sheet2.C3])`) into Excel's syntax
/// (`SUM(A1:B2,Sheet2!C3)`), without the leading `=`, as `Cell.formula` holds it.
///
/// Only what translates exactly is translated: references within the workbook, separators, inline
/// arrays, strings, and function names Excel shares. Anything else (external or 3-D references, the `~`
/// and `!` reference operators, LibreOffice-only functions) gives nil: the cell keeps its value and
/// no formula, rather than a formula Excel would read differently.
enum ODSFormula {
    static func excel(_ formula: String) -> String? {
        var s = Substring(formula)
        if s.hasPrefix("msoxl:") {
            s = s.dropFirst("msoxl:".count)
            if s.hasPrefix("=") { s = s.dropFirst() }
            return s.isEmpty ? nil : String(s)  // already Excel's syntax
        }
        if s.hasPrefix("of:") {
            s = s.dropFirst(3)
        } else if s.hasPrefix("oooc:") {
            s = s.dropFirst(5)
        } else if let colon = s.firstIndex(of: ":"), colon < (s.firstIndex(of: "=") ?? s.endIndex),
            s[..<colon].allSatisfy({ $0.isLetter })
        {
            return nil  // a formula language this reader does not know
        }
        guard s.hasPrefix("=") else { return nil }
        s = s.dropFirst()
        guard s.utf8.count <= 16_384 else { return nil }
        let chars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var braces = 0
        var parentheses = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                // A string: copied with its doubled quotes.
                guard let close = copyQuoted(chars, from: i, into: &out) else { return nil }
                i = close + 1
            case "[":
                guard let (reference, next) = reference(chars, from: i + 1) else { return nil }
                out.append(contentsOf: reference.unicodeScalars)
                i = next
            case "(":
                parentheses += 1
                out.append(c)
                i += 1
            case ")":
                parentheses -= 1
                guard parentheses >= 0 else { return nil }
                out.append(c)
                i += 1
            case "{":
                braces += 1
                out.append(c)
                i += 1
            case "}":
                braces -= 1
                guard braces >= 0 else { return nil }
                out.append(c)
                i += 1
            case ";":
                out.append(",")
                i += 1
            case "|":
                guard braces > 0 else { return nil }
                out.append(";")
                i += 1
            case "#":
                // An error literal such as #DIV/0! (its "!" is not the intersection operator).
                let rest = String(String.UnicodeScalarView(chars[i..<min(i + 16, chars.count)]))
                guard let code = CellValue.errorCodes.filter({ rest.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return nil }
                out.append(contentsOf: code.unicodeScalars)
                i += code.unicodeScalars.count
            case "~", "!", "'", "$", "]":
                return nil  // reference operators and references outside brackets have no exact Excel form
            default:
                if c.properties.isAlphabetic || c == "_" {
                    // A name: a function (followed by "("), a named range, TRUE/FALSE.
                    var j = i
                    while j < chars.count, chars[j].properties.isAlphabetic || chars[j].properties.numericType != nil || chars[j] == "_" || chars[j] == "." {
                        j += 1
                    }
                    var name = String(String.UnicodeScalarView(chars[i..<j]))
                    if j < chars.count, chars[j] == "(" {
                        guard let function = function(name) else { return nil }
                        name = function
                    } else if name.contains(".") {
                        return nil
                    }
                    out.append(contentsOf: name.unicodeScalars)
                    i = j
                } else {
                    out.append(c)
                    i += 1
                }
            }
        }
        guard braces == 0, parentheses == 0 else { return nil }
        let result = String(out).trimmingASCIISpaces()
        return result.isEmpty ? nil : result
    }

    /// An OpenFormula function name as Excel spells it; nil for functions Excel does not have.
    private static func function(_ name: String) -> String? {
        let upper = name.uppercased()
        if upper.hasPrefix("COM.MICROSOFT.") { return String(name.dropFirst("COM.MICROSOFT.".count)) }
        if upper.hasPrefix("_XLFN.") { return name }
        return name.contains(".") && !knownDotted.contains(upper) ? nil : name
    }

    /// Excel functions whose names contain a dot, which OpenFormula writes the same way.
    private static let knownDotted: Set<String> = [
        "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT", "CHISQ.TEST", "CONFIDENCE.NORM", "CONFIDENCE.T",
        "COVARIANCE.P", "COVARIANCE.S", "EXPON.DIST", "F.DIST", "F.DIST.RT", "F.INV", "F.INV.RT", "F.TEST",
        "GAMMA.DIST", "GAMMA.INV", "LOGNORM.DIST", "LOGNORM.INV", "MODE.MULT", "MODE.SNGL", "NEGBINOM.DIST",
        "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "PERCENTILE.EXC", "PERCENTILE.INC", "PERCENTRANK.EXC",
        "PERCENTRANK.INC", "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC", "RANK.AVG", "RANK.EQ", "STDEV.P",
        "STDEV.S", "T.DIST", "T.DIST.2T", "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST", "VAR.P", "VAR.S",
        "WEIBULL.DIST", "Z.TEST", "BETA.DIST", "BETA.INV", "BINOM.DIST", "BINOM.INV", "CEILING.MATH", "CEILING.PRECISE",
        "FLOOR.MATH", "FLOOR.PRECISE", "ERF.PRECISE", "ERFC.PRECISE", "GAMMALN.PRECISE", "HYPGEOM.DIST",
        "NETWORKDAYS.INTL", "WORKDAY.INTL", "ISO.CEILING",
    ]

    /// Copies the quoted run that opens at `start` (a string in `"…"`, a sheet name in `'…'`), its doubled
    /// quotes as they are.
    /// - Returns: the index of the closing quote, nil when the run is not closed.
    private static func copyQuoted(_ chars: [Unicode.Scalar], from start: Int, into out: inout String.UnicodeScalarView) -> Int? {
        let quote = chars[start]
        out.append(quote)
        var i = start + 1
        while i < chars.count {
            out.append(chars[i])
            if chars[i] == quote {
                guard i + 1 < chars.count, chars[i + 1] == quote else { return i }
                out.append(chars[i + 1])
                i += 2
                continue
            }
            i += 1
        }
        return nil
    }

    /// The reference inside `[...]` starting at `start`, in Excel's syntax, and the index after `]`.
    private static func reference(_ chars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var i = start
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        while i < chars.count, chars[i] != "]" {
            let c = chars[i]
            if c == "'" {
                guard let close = copyQuoted(chars, from: i, into: &current) else { return nil }
                i = close
            } else if c == ":" {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else if c == "[" {
                return nil
            } else {
                current.append(c)
            }
            i += 1
        }
        guard i < chars.count else { return nil }
        parts.append(String(current))
        guard parts.count <= 2 else { return nil }
        var sheet: String?
        var cells: [String] = []
        for (k, part) in parts.enumerated() {
            guard let (partSheet, cell) = split(part) else { return nil }
            if let partSheet {
                if k == 0 { sheet = partSheet } else if partSheet != sheet { return nil }  // a 3-D range
            }
            cells.append(cell)
        }
        let prefix = sheet.map { quoteSheet($0) + "!" } ?? ""
        return (prefix + cells.joined(separator: ":"), i + 1)
    }

    /// `$'My sheet'.$A$1` as (sheet, `$A$1`); `.A1` as (nil, `A1`); nil for anything else.
    private static func split(_ part: String) -> (String?, String)? {
        var s = Substring(part.trimmingASCIISpaces())
        if s == "#REF!" || s.hasSuffix(".#REF!") { return nil }
        if s.hasPrefix("$") { s = s.dropFirst() }
        var sheet: String?
        if s.hasPrefix("'") {
            var name = ""
            var i = s.index(after: s.startIndex)
            var closed = false
            while i < s.endIndex {
                if s[i] == "'" {
                    let n = s.index(after: i)
                    if n < s.endIndex, s[n] == "'" {
                        name.append("'")
                        i = s.index(after: n)
                        continue
                    }
                    closed = true
                    i = n
                    break
                }
                name.append(s[i])
                i = s.index(after: i)
            }
            guard closed, i < s.endIndex, s[i] == "." else { return nil }
            sheet = name
            s = s[s.index(after: i)...]
        } else if let dot = s.lastIndex(of: ".") {
            if dot != s.startIndex { sheet = String(s[..<dot]) }
            s = s[s.index(after: dot)...]
            if let name = sheet, name.contains("#") || name.contains("/") { return nil }  // an external file
        } else {
            return nil
        }
        let cell = String(s)
        // A1, $A$1, A:A, 1:1 pieces: letters and digits with optional dollars.
        guard !cell.isEmpty, cell.allSatisfy({ $0 == "$" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { return nil }
        return (sheet, cell)
    }

    /// A sheet name as Excel writes it in a reference: quoted unless it is a plain ASCII identifier.
    private static func quoteSheet(_ name: String) -> String {
        let plain = name.first.map { $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && CellReference(name) == nil
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
