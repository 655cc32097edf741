import Foundation
import XLSXCore

/// A failure of the domain layer that is not a finding: a file that cannot be used at all.
///
/// `description` is English for Swift developers; `chineseDescription` is the line the clerks read.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var sheet: String?
    public var cell: String?
    /// What went wrong, in English.
    public var message: String
    /// What to do, in English.
    public var hint: String?
    /// What went wrong, in Chinese (the notice's wording).
    public var chineseMessage: String
    /// What to do, in Chinese.
    public var chineseHint: String?

    /// - Parameters:
    ///   - file: the file it concerns.
    ///   - sheet: the sheet, when known.
    ///   - cell: the cell in A1 notation, when known.
    ///   - message: what went wrong, in English.
    ///   - hint: what to do, in English.
    ///   - zh: what went wrong, in Chinese.
    ///   - zhHint: what to do, in Chinese.
    public init(
        file: String? = nil, sheet: String? = nil, cell: String? = nil, message: String, hint: String? = nil,
        zh: String, zhHint: String? = nil
    ) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.message = message
        self.hint = hint
        self.chineseMessage = zh
        self.chineseHint = zhHint
    }

    public var description: String {
        var place = [file, sheet.map { s in cell.map { "\(s)!\($0)" } ?? s }].compactMap { $0 }.joined(separator: ", ")
        if place.isEmpty, let cell { place = cell }
        return (place.isEmpty ? "" : place + ": ") + message + (hint.map { " — \($0)" } ?? "")
    }
}

extension DomainError: ChineseDescribable {
    public var chineseDescription: String {
        var place: [String] = []
        if let file { place.append("文件 " + file) }
        if let sheet { place.append("工作表 " + sheet + (cell.map { "!\($0)" } ?? "")) } else if let cell { place.append("单元格 " + cell) }
        return ChineseText.line(place: place.joined(separator: "，"), message: chineseMessage, hint: chineseHint)
    }

    public var chineseReason: String { ChineseText.line(place: "", message: chineseMessage, hint: chineseHint) }
}

extension DomainError {
    /// Why Foundation could not read, write or list a file, in Chinese: the common cases by name,
    /// otherwise by `errno`, otherwise Foundation's own (English) text marked as the system's.
    public static func chineseReason(_ error: Error) -> String {
        knownChineseReason(error) ?? "系统提示：\(error.localizedDescription)"
    }

    /// The reason in Chinese for a file-system or system error, nil for any other error (whose own
    /// description is not Chinese).
    public static func knownChineseReason(_ error: Error) -> String? {
        if let e = error as? CocoaError {
            switch e.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "文件或文件夹不存在"
            case .fileReadNoPermission, .fileWriteNoPermission: return "没有访问权限"
            case .fileWriteOutOfSpace: return "磁盘空间已满"
            case .fileWriteVolumeReadOnly: return "磁盘或文件夹是只读的"
            case .fileWriteFileExists: return "同名文件已存在"
            case .fileReadCorruptFile: return "文件已损坏"
            case .fileReadTooLarge: return "文件过大"
            case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "文件名无效"
            default: break
            }
            if let underlying = e.userInfo[NSUnderlyingErrorKey] as? Error { return knownChineseReason(underlying) }
        }
        if let e = error as? POSIXError { return ChineseText.systemReason(e.code.rawValue) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return ChineseText.systemReason(Int32(ns.code)) }
        return nil
    }
}
