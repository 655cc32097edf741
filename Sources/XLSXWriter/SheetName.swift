import XLSXCore

/// Excel's rules for sheet names.
enum SheetName {
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Checks a new sheet name against Excel's rules and the names already used.
    /// - Throws: `.invalidSheetName` naming the rule broken, `.duplicateSheetName`.
    static func validate(_ name: String, existing: [String]) throws {
        func fail(_ why: String, _ zh: String) -> XLSXError {
            XLSXError(.invalidSheetName, "sheet name \"\(name)\" \(why)", hint: "choose another name", zh: "工作表名称“\(name)”\(zh)", zhHint: "请换一个名称")
        }
        if name.isEmpty { throw fail("is empty", "为空") }
        if name.count > Limits.maxSheetNameLength {
            throw fail("has \(name.count) characters; Excel allows \(Limits.maxSheetNameLength)", "有\(name.count)个字符，Excel 最多允许\(Limits.maxSheetNameLength)个")
        }
        if let bad = name.first(where: { forbidden.contains($0) }) {
            throw fail("contains \"\(bad)\", which Excel does not allow ([ ] : * ? / \\)", "含有 Excel 不允许的字符“\(bad)”（不允许 [ ] : * ? / \\）")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw fail("begins or ends with an apostrophe", "以单引号开头或结尾") }
        if name.lowercased() == "history" { throw fail("is reserved by Excel", "是 Excel 的保留名称") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { throw fail("contains a control character", "含有控制字符") }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw XLSXError(
                .duplicateSheetName, "the workbook already has a sheet named \"\(name)\" (names are compared ignoring case)", hint: "choose another name",
                zh: "工作簿中已有名为“\(name)”的工作表（名称不区分大小写）", zhHint: "请换一个名称")
        }
    }
}
