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
    /// What went wrong, in one sentence.
    public var message: String
    /// What the user can do about it, when there is something.
    public var hint: String?
    public var location: ErrorLocation

    public init(_ code: Code, _ message: String, hint: String? = nil, location: ErrorLocation = ErrorLocation()) {
        self.code = code
        self.message = message
        self.hint = hint
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
}
