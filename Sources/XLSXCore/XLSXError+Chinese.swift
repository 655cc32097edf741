#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension XLSXError.Code {
    /// The general Chinese text for a failure of this kind, used where the thrower gave none.
    public var chinese: String {
        switch self {
        case .fileNotFound: "文件不存在"
        case .notAZip: "不是有效的 .xlsx 工作簿（文件不是 zip 压缩包）"
        case .legacyOrEncrypted: "文件是加密的工作簿或旧版 .xls 格式，无法按 .xlsx 读取"
        case .truncatedZip: "文件不完整（可能未下载或复制完）"
        case .corruptZip: "工作簿已损坏，无法解压"
        case .missingPart: "工作簿缺少必需的组成部分"
        case .invalidRelationship: "工作簿内部的引用关系有误"
        case .malformedXML: "工作簿内容格式错误（XML 不合法）"
        case .forbiddenDTD: "工作簿含有不允许的文档类型声明（DTD），为安全起见拒绝读取"
        case .partTooLarge: "工作簿的某一部分超过大小上限，为安全起见拒绝读取"
        case .suspiciousCompression: "工作簿压缩比异常（疑似压缩炸弹），为安全起见拒绝读取"
        case .tooManyEntries: "工作簿包含的部件过多，为安全起见拒绝读取"
        case .unsafeEntryName: "工作簿含有不安全的部件名称，为安全起见拒绝读取"
        case .invalidCellReference: "单元格地址无效"
        case .invalidValue: "单元格的值无效"
        case .limitExceeded: "超出 Excel 的限制"
        case .invalidSheetName: "工作表名称无效"
        case .duplicateSheetName: "工作表名称重复"
        case .overlappingMerge: "合并单元格区域重叠"
        case .ioError: "读写文件失败"
        case .unsupported: "不支持的内容"
        }
    }

    /// What to do about a failure of this kind, in Chinese, where the thrower gave nothing better.
    public var chineseHint: String? {
        switch self {
        case .fileNotFound: "请检查文件名和路径"
        case .notAZip, .corruptZip, .truncatedZip, .malformedXML, .missingPart, .invalidRelationship:
            "请用 Excel、WPS 或 LibreOffice 打开后另存为 .xlsx 再试"
        case .legacyOrEncrypted: "请去掉密码，或用 Excel、WPS 另存为 .xlsx 再试"
        case .ioError: "请检查文件夹是否存在、是否有写入权限、磁盘是否已满"
        default: nil
        }
    }
}

extension ChineseText {
    /// Why a C library call on a file failed, in Chinese, from its `errno`; for the rare codes not
    /// listed, the number and the C library's own (English) text.
    public static func systemReason(_ code: Int32) -> String {
        switch code {
        case EPERM, EACCES: "没有访问权限"
        case ENOENT: "文件或文件夹不存在"
        case EEXIST: "同名文件已存在"
        case ENOTDIR: "路径中有一项不是文件夹"
        case EISDIR: "这是一个文件夹，不是文件"
        case ENOSPC: "磁盘空间已满"
        case EDQUOT: "超出磁盘配额"
        case EROFS: "磁盘或文件夹是只读的"
        case EMFILE, ENFILE: "同时打开的文件过多"
        case ENAMETOOLONG: "文件名或路径过长"
        case EIO: "磁盘读写出错"
        case EBUSY, ETXTBSY: "文件正被其他程序占用"
        default: "系统错误 \(code)（\(String(cString: strerror(code)))）"
        }
    }
}
