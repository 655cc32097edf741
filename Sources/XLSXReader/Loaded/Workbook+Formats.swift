import XLSXCore

/// Where the readers of the other formats plug into `Workbook`.
extension Workbook {
    /// An OpenDocument package (its `mimetype` says spreadsheet), read whole; nil for an OOXML package.
    static func openDocument(_ archive: ZipArchive) throws -> LoadedBook? {
        guard archive.contains("mimetype") || (archive.contains("content.xml") && !archive.contains("[Content_Types].xml")) else { return nil }
        throw XLSXError(
            .unsupported, "OpenDocument spreadsheets (.ods) are not read yet",
            zh: "暂不能读取 OpenDocument 电子表格（.ods）", zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试",
            location: ErrorLocation(file: archive.fileName))
    }

    /// An Excel 97–2003 workbook (.xls, or WPS .et), read whole.
    static func legacy(_ bytes: [UInt8], name: String?, limits: ReadLimits) throws -> LoadedBook {
        throw XLSXError(
            .legacyOrEncrypted, "this is a legacy Excel 97-2003 (.xls) file or a password-protected workbook, not an .xlsx package",
            hint: "open it in Excel or WPS, remove any password, and save it as Excel Workbook (.xlsx)",
            zh: "文件是旧版 Excel 97-2003（.xls）格式或设有密码的工作簿，不是 .xlsx 工作簿",
            zhHint: "请用 Excel 或 WPS 打开，取消密码后另存为“Excel 工作簿（.xlsx）”再试", location: ErrorLocation(file: name))
    }

    /// A flat OpenDocument spreadsheet (.fods), read whole.
    static func flatDocument(_ bytes: [UInt8], name: String?, limits: ReadLimits) throws -> LoadedBook {
        throw XLSXError(
            .unsupported, "flat OpenDocument spreadsheets (.fods) are not read yet",
            zh: "暂不能读取 OpenDocument 平面文件（.fods）", zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试",
            location: ErrorLocation(file: name))
    }
}
