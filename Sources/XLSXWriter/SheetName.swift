import XLSXCore

/// Excel's rules for sheet names.
enum SheetName {
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Checks a new sheet name against Excel's rules and the names already used.
    /// - Throws: `.invalidSheetName` naming the rule broken, `.duplicateSheetName`.
    static func validate(_ name: String, existing: [String]) throws {
        func fail(_ why: String) -> XLSXError {
            XLSXError(.invalidSheetName, "sheet name \"\(name)\" \(why)", hint: "choose another name")
        }
        if name.isEmpty { throw fail("is empty") }
        if name.count > Limits.maxSheetNameLength { throw fail("has \(name.count) characters; Excel allows \(Limits.maxSheetNameLength)") }
        if let bad = name.first(where: { forbidden.contains($0) }) { throw fail("contains \"\(bad)\", which Excel does not allow ([ ] : * ? / \\)") }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw fail("begins or ends with an apostrophe") }
        if name.lowercased() == "history" { throw fail("is reserved by Excel") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { throw fail("contains a control character") }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw XLSXError(.duplicateSheetName, "the workbook already has a sheet named \"\(name)\" (names are compared ignoring case)", hint: "choose another name")
        }
    }
}
