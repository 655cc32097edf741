/// Where in a workbook something went wrong; every field is optional because not all are known
/// at every layer.
public struct ErrorLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var part: String?
    public var sheet: String?
    public var cell: CellReference?
    public var line: Int?
    public var column: Int?

    public init(
        file: String? = nil, part: String? = nil, sheet: String? = nil, cell: CellReference? = nil,
        line: Int? = nil, column: Int? = nil
    ) {
        self.file = file
        self.part = part
        self.sheet = sheet
        self.cell = cell
        self.line = line
        self.column = column
    }

    /// `file.xlsx, xl/worksheets/sheet1.xml line 3 column 9, sheet 填报!C7`, leaving out what is unknown.
    public var description: String {
        var pieces: [String] = []
        if let file { pieces.append(file) }
        if let part {
            var p = part
            if let line { p += " line \(line)" + (column.map { " column \($0)" } ?? "") }
            pieces.append(p)
        }
        if let sheet {
            pieces.append("sheet " + sheet + (cell.map { "!\($0)" } ?? ""))
        } else if let cell {
            pieces.append("cell \(cell)")
        }
        return pieces.joined(separator: ", ")
    }

    /// `文件 a.xlsx，部件 xl/worksheets/sheet1.xml 第3行第9列，工作表 填报!C7`, leaving out what is unknown.
    public var chineseDescription: String {
        var pieces: [String] = []
        if let file { pieces.append("文件 " + file) }
        if let part {
            var p = "部件 " + part
            if let line { p += " 第\(line)行" + (column.map { "第\($0)列" } ?? "") }
            pieces.append(p)
        }
        if let sheet {
            pieces.append("工作表 " + sheet + (cell.map { "!\($0)" } ?? ""))
        } else if let cell {
            pieces.append("单元格 \(cell)")
        }
        return pieces.joined(separator: "，")
    }
}

/// A failure to read or write a workbook, with what went wrong, where, and what to do about it.
public struct XLSXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure; tests and callers branch on this.
    public enum Code: String, Hashable, Sendable {
        case fileNotFound
        case notAZip
        case legacyOrEncrypted
        case truncatedZip
        case corruptZip
        case missingPart
        /// A relationship that points at a part of the wrong kind (a sheet at the workbook, at a `.rels`).
        case invalidRelationship
        case malformedXML
        case forbiddenDTD
        case partTooLarge
        case suspiciousCompression
        case tooManyEntries
        case unsafeEntryName
        case invalidCellReference
        case invalidValue
        case limitExceeded
        case invalidSheetName
        case duplicateSheetName
        case overlappingMerge
        case ioError
        case unsupported
    }

    public var code: Code
    /// What went wrong, in one English sentence, for Swift developers.
    public var message: String
    /// What the user can do about it, in English, when there is something.
    public var hint: String?
    /// What went wrong, in Chinese, for the clerks who run minsheng; the code's general text when nil.
    public var chineseMessage: String?
    /// What to do about it, in Chinese.
    public var chineseHint: String?
    public var location: ErrorLocation

    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what went wrong, in English.
    ///   - hint: what to do, in English.
    ///   - zh: what went wrong, in Chinese (the notice's wording).
    ///   - zhHint: what to do, in Chinese.
    ///   - location: where.
    public init(
        _ code: Code, _ message: String, hint: String? = nil, zh: String? = nil, zhHint: String? = nil,
        location: ErrorLocation = ErrorLocation()
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.chineseMessage = zh
        self.chineseHint = zhHint
        self.location = location
    }

    /// Returns a copy with the location fields that are still unknown filled in from `outer`.
    public func locatedIn(_ outer: ErrorLocation) -> XLSXError {
        var copy = self
        copy.location.file = copy.location.file ?? outer.file
        copy.location.part = copy.location.part ?? outer.part
        copy.location.sheet = copy.location.sheet ?? outer.sheet
        copy.location.cell = copy.location.cell ?? outer.cell
        return copy
    }

    public var description: String {
        let place = location.description
        var s = place.isEmpty ? message : "\(place): \(message)"
        if let hint { s += " — \(hint)" }
        return s
    }

    /// One line in Chinese: where, what went wrong, and what to do.
    public var chineseDescription: String {
        ChineseText.line(place: location.chineseDescription, message: chineseMessage ?? code.chinese, hint: chineseHint ?? code.chineseHint)
    }

    public var chineseReason: String {
        ChineseText.line(place: "", message: chineseMessage ?? code.chinese, hint: chineseHint ?? code.chineseHint)
    }
}

extension XLSXError: ChineseDescribable {}
