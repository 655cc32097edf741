import XLSXCore

/// The errors of the `.xls` reader, each with its English and Chinese text, in one place so that the
/// container and record parsers only say what broke.
enum XLSFailure {
    /// What to do about a damaged file, in English and Chinese.
    static let resaveHint = "open it in Excel, WPS or LibreOffice and save it as Excel Workbook (.xlsx)"
    static let resaveHintZH = "请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再试"

    /// The compound-file container ([MS-CFB]) is damaged in a way that no reading can get around.
    static func container(_ what: String, zh: String) -> XLSXError {
        XLSXError(
            .corruptZip, "the compound file (OLE container) of the .xls is damaged: \(what)", hint: resaveHint,
            zh: "xls 文件的复合文档结构已损坏（\(zh)）", zhHint: resaveHintZH)
    }

    /// The container stops before something it points at: most often a download or copy cut short.
    static func containerTruncated(_ what: String, zh: String) -> XLSXError {
        XLSXError(
            .truncatedZip, "the .xls file is cut short: \(what)",
            hint: "download or copy the file again; if it opens in Excel, save it as .xlsx",
            zh: "xls 文件不完整（\(zh)），可能未下载或复制完",
            zhHint: "请重新下载或复制该文件；若 Excel 能打开，请另存为 .xlsx 再试")
    }

    /// A BIFF record stops before its declared end, or the stream ends inside a record.
    static func truncatedRecord(type: UInt16, at offset: Int) -> XLSXError {
        XLSXError(
            .truncatedZip, "the BIFF record 0x\(hex(type)) at byte \(offset) of the workbook stream is cut short",
            hint: "download or copy the file again; if it opens in Excel, save it as .xlsx",
            zh: "xls 文件不完整：工作簿数据流第 \(offset) 字节处的记录（类型 0x\(hex(type))）被截断",
            zhHint: "请重新下载或复制该文件；若 Excel 能打开，请另存为 .xlsx 再试")
    }

    /// A BIFF record is too short for what its type must hold, or holds something impossible.
    static func badRecord(_ what: String, zh: String) -> XLSXError {
        XLSXError(
            .corruptZip, "the workbook stream of the .xls is damaged: \(what)", hint: resaveHint,
            zh: "xls 文件的工作簿数据已损坏（\(zh)）", zhHint: resaveHintZH)
    }

    /// A FILEPASS record: the workbook is encrypted with an opening password.
    static func encrypted() -> XLSXError {
        XLSXError(
            .legacyOrEncrypted, "the workbook is encrypted (it has a password to open)",
            hint: "open it in Excel or WPS with its password, remove the password (File › Info › Protect Workbook), and save it again",
            zh: "文件已加密（设有打开密码），无法读取",
            zhHint: "请用 Excel 或 WPS 输入密码打开，去掉密码后另存为 .xlsx 再试；若从未设过密码，也请在 Excel 中打开后另存")
    }

    /// An encrypted `.xlsx` (an OLE container with `EncryptedPackage`), named `.xls` or not.
    static func encryptedPackage() -> XLSXError {
        XLSXError(
            .legacyOrEncrypted, "the file is an encrypted Excel 2007+ workbook (it has a password to open)",
            hint: "open it in Excel or WPS with its password, remove the password, and save it again",
            zh: "文件已加密（设有打开密码），无法读取",
            zhHint: "请用 Excel 或 WPS 输入密码打开，去掉密码后另存为 .xlsx 再试")
    }

    /// BIFF2–4 workbook files (`BOF` 0x0409 with a workspace type) are not read.
    static func legacyWorkspace(version: Int) -> XLSXError {
        XLSXError(
            .unsupported, "Excel \(version).x workbook files (several sheets bound in one BIFF\(version) file) are not supported",
            hint: "open it in Excel or WPS and save it as Excel Workbook (.xlsx)",
            zh: "Excel \(version).x 的旧格式工作簿（多表绑定文件）不受支持",
            zhHint: "请用 Excel 或 WPS 另存为 .xlsx 再试")
    }

    /// The bytes are neither a compound file nor a BIFF stream; says what they are when that is recognisable
    /// (a zip such as an `.xlsx` renamed, a web page or an XML spreadsheet saved under a `.xls` name).
    static func notXLS(_ bytes: [UInt8]) -> XLSXError {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return XLSXError(
                .unsupported, "the file is a zip package (most likely an .xlsx workbook with a .xls name), not an Excel 97–2003 workbook",
                hint: "rename it to .xlsx and try again",
                zh: "文件实际上是 zip 压缩包（多半是扩展名被改成 .xls 的 .xlsx 工作簿），不是 Excel 97–2003 工作簿",
                zhHint: "请把扩展名改为 .xlsx 再试")
        }
        var head = bytes.prefix(1024)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        if head.starts(with: [0xFF, 0xFE]) {  // UTF-16LE, as some systems export their "xls" tables
            head = ArraySlice(head.dropFirst(2).enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        }
        let text = String(decoding: head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }, as: UTF8.self).lowercased()
        if text.hasPrefix("<") {
            let xml = text.contains("urn:schemas-microsoft-com:office:spreadsheet") && !text.contains("<html")
            let (en, zh) = xml ? ("an Excel 2003 XML spreadsheet", "Excel 2003 XML 表格") : ("a web page (HTML table)", "网页（HTML）格式的表格")
            return XLSXError(
                .unsupported, "the file is \(en) saved under a .xls name, not an Excel 97–2003 workbook",
                hint: "open it in Excel or WPS and save it as Excel Workbook (.xlsx)",
                zh: "文件是\(zh)，只是扩展名为 .xls，不是 Excel 97–2003 工作簿", zhHint: "请用 Excel 或 WPS 打开后另存为 .xlsx 再试")
        }
        return XLSXError(
            .unsupported, "the file is not an Excel 97–2003 workbook (.xls): it starts with neither an OLE container nor a BIFF record",
            hint: "check that the file is a spreadsheet; if it opens in Excel or WPS, save it as .xlsx",
            zh: "文件不是 Excel 97–2003 工作簿（.xls）：开头既不是复合文档标记，也不是 BIFF 记录",
            zhHint: "请确认这是表格文件；若 Excel 或 WPS 能打开，请另存为 .xlsx 再试")
    }

    /// The container holds no `Workbook` or `Book` stream; `kind` names what it holds instead, when known.
    static func noWorkbookStream(holds kind: (en: String, zh: String)?) -> XLSXError {
        if let kind {
            return XLSXError(
                .missingPart, "the OLE file holds \(kind.en), not an Excel workbook (no Workbook or Book stream)",
                hint: "check that this is the right file",
                zh: "这是\(kind.zh)，不是 Excel 工作簿（找不到 Workbook 或 Book 数据流）",
                zhHint: "请确认选对了文件")
        }
        return XLSXError(
            .missingPart, "the OLE file has no Workbook or Book stream at its top level", hint: resaveHint,
            zh: "xls 文件中找不到工作簿数据流（Workbook 或 Book），文件可能已损坏或不是 Excel 工作簿", zhHint: resaveHintZH)
    }

    /// A size the file declares is over the reader's cap.
    static func tooLarge(_ what: String, zh: String, size: Int64, limit: Int64) -> XLSXError {
        XLSXError(
            .partTooLarge, "\(what) declares \(size) bytes, more than the \(limit) bytes allowed",
            hint: "the file is damaged or crafted; if it opens in Excel, save it as .xlsx",
            zh: "\(zh)声明的大小为 \(size) 字节，超过上限 \(limit) 字节，为安全起见拒绝读取",
            zhHint: "文件可能已损坏；若 Excel 能打开，请另存为 .xlsx 再试")
    }

    /// A cell, row or column outside Excel's grid.
    static func outsideGrid(row: Int, column: Int) -> XLSXError {
        XLSXError(
            .invalidCellReference, "a cell record is at row \(row + 1), column \(column + 1), outside Excel's grid",
            hint: resaveHint,
            zh: "单元格记录的位置（第 \(row + 1) 行第 \(column + 1) 列）超出 Excel 的表格范围", zhHint: resaveHintZH)
    }

    /// A number that is NaN or infinite.
    static func notANumber(row: Int, column: Int) -> XLSXError {
        XLSXError(
            .invalidValue, "the number is NaN or infinite", hint: "the file is damaged; open and save it again in Excel or WPS",
            zh: "数值无效（不是数字或为无穷大）", zhHint: "文件已损坏，请用 Excel 或 WPS 打开后重新保存",
            location: ErrorLocation(cell: CellReference(row: row, column: column)))
    }

    /// A string over `ReadLimits.maxStringLength`.
    static func stringTooLong(_ length: Int, limit: Int) -> XLSXError {
        XLSXError(
            .limitExceeded, "a string of \(length) characters is longer than the \(limit) allowed",
            zh: "字符串长度 \(length) 超过上限 \(limit)，为安全起见拒绝读取")
    }

    static func hex(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
