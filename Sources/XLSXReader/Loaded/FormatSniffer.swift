import Foundation
import XLSXCore

/// Tells a file's format from its content, never from its name: a zip package (xlsx, or ods by its
/// `mimetype`), an OLE2 compound file or a bare BIFF stream (xls, et), flat OpenDocument XML (fods), or text
/// (csv, tsv).
enum FormatSniffer {
    enum Kind: Equatable {
        case zip, compoundFile, bareBIFF, flatODS, text, empty, unknownBinary
    }

    static func kind(_ head: [UInt8]) -> Kind {
        if head.isEmpty { return .empty }
        if head.starts(with: [0x50, 0x4B]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        // BIFF2–5 BOF records start a bare stream: 09 00 / 09 02 / 09 04 / 09 08, then a length.
        if head.count >= 4, head[0] == 0x09, [0x00, 0x02, 0x04, 0x08].contains(head[1]), head[3] == 0x00, head[2] >= 4, head[2] <= 20 { return .bareBIFF }
        let prefix = String(decoding: head.prefix(4096), as: UTF8.self)
        if prefix.contains("<office:document") || (prefix.hasPrefix("<?xml") && prefix.contains("opendocument:xmlns:office")) { return .flatODS }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .text }
        // Text has no NUL bytes and few control characters.
        let controls = head.prefix(4096).filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        return controls == 0 ? .text : .unknownBinary
    }

    /// The first bytes of a file.
    /// - Throws: `.fileNotFound` naming the file.
    static func head(path: String, count: Int = 4096) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw XLSXError(
                .fileNotFound, "this is a folder, not a workbook", hint: "give a workbook file inside it",
                zh: "这是文件夹，不是工作簿", zhHint: "请给出文件夹中的工作簿文件", location: ErrorLocation(file: path))
        }
        guard let f = fopen(path, "rb") else {
            let code = errno
            throw XLSXError(
                .fileNotFound, "cannot open the file: \(String(cString: strerror(code)))", hint: "check the path",
                zh: "无法打开文件：\(ChineseText.systemReason(code))", zhHint: "请检查文件名和路径", location: ErrorLocation(file: path))
        }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: count)
        let n = fread(&head, 1, count, f)
        return Array(head.prefix(n))
    }

    /// A whole file, refused beyond the limits before it is read.
    static func readAll(path: String, limits: ReadLimits) throws -> [UInt8] {
        let loc = ErrorLocation(file: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        guard size <= limits.maxTotalSize else {
            throw XLSXError(
                .partTooLarge, "the file has \(size) bytes, more than the \(limits.maxTotalSize) allowed",
                zh: "文件有\(size)字节，超过上限\(limits.maxTotalSize)字节，为安全起见未读取", location: loc)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw XLSXError(.ioError, "the file cannot be read", zh: "无法读取文件", zhHint: "请检查文件权限", location: loc)
        }
        return [UInt8](data)
    }

    /// The error for content that is no spreadsheet minsheng reads.
    static func unknown(_ name: String?) -> XLSXError {
        XLSXError(
            .notAZip, "the file is neither a workbook (xlsx, xls, ods) nor text (csv)",
            hint: "save it from Excel, WPS or LibreOffice as Excel Workbook (.xlsx)",
            zh: "文件既不是工作簿（xlsx、xls、ods），也不是文本（csv），无法读取",
            zhHint: "请用 Excel、WPS 或 LibreOffice 另存为“Excel 工作簿（.xlsx）”后重试", location: ErrorLocation(file: name))
    }
}
