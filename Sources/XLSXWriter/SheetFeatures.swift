import XLSXCore

/// Comparison operators of data validations and conditional formats.
public enum ComparisonOperator: String, Hashable, Sendable {
    case between, notBetween, equal, notEqual, greaterThan, lessThan, greaterThanOrEqual, lessThanOrEqual
}

/// A data validation rule: what a cell accepts, and what the user is told.
public struct DataValidationRule: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A drop-down of fixed values (together at most 255 characters, none containing a comma).
        case list([String])
        /// A drop-down of the values in a range, such as `$A$1:$A$9` or `'代码'!$A$2:$A$40`.
        case listRange(String)
        case whole(ComparisonOperator, String, String? = nil)
        case decimal(ComparisonOperator, String, String? = nil)
        case date(ComparisonOperator, String, String? = nil)
        case textLength(ComparisonOperator, String, String? = nil)
        /// A formula that must be true.
        case custom(String)
    }

    public enum ErrorStyle: String, Hashable, Sendable { case stop, warning, information }

    public var kind: Kind
    public var ranges: [CellRange]
    public var allowBlank: Bool
    public var promptTitle: String?
    public var prompt: String?
    public var errorTitle: String?
    public var error: String?
    public var errorStyle: ErrorStyle

    public init(
        _ kind: Kind, ranges: [CellRange], allowBlank: Bool = true, promptTitle: String? = nil, prompt: String? = nil,
        errorTitle: String? = nil, error: String? = nil, errorStyle: ErrorStyle = .stop
    ) {
        self.kind = kind
        self.ranges = ranges
        self.allowBlank = allowBlank
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.errorTitle = errorTitle
        self.error = error
        self.errorStyle = errorStyle
    }
}

/// One rule of a conditional format.
public enum ConditionalRule: Hashable, Sendable {
    /// Formats cells whose value compares true, for example `.cellValue(.lessThan, "0.6", nil, red)`.
    case cellValue(ComparisonOperator, String, String?, DifferentialStyle)
    /// Formats cells where a formula (relative to the range's top-left cell) is true.
    case expression(String, DifferentialStyle)
    /// A data bar from the lowest to the highest value.
    case dataBar(Color)
    /// A two- or three-colour scale from lowest to highest value.
    case colorScale([Color])
}

/// A conditional format over some ranges.
public struct ConditionalFormat: Hashable, Sendable {
    public var ranges: [CellRange]
    public var rules: [ConditionalRule]

    public init(ranges: [CellRange], rules: [ConditionalRule]) {
        self.ranges = ranges
        self.rules = rules
    }
}

/// What users may still do on a protected sheet.
public struct ProtectionOptions: Hashable, Sendable {
    public var selectLockedCells = true
    public var selectUnlockedCells = true
    public var formatCells = false
    public var formatColumns = false
    public var formatRows = false
    public var insertColumns = false
    public var insertRows = false
    public var insertHyperlinks = false
    public var deleteColumns = false
    public var deleteRows = false
    public var sort = false
    public var autoFilter = false

    public init() {}
}

/// Sheet visibility.
public enum SheetVisibility: String, Hashable, Sendable {
    case visible, hidden, veryHidden
}

/// Printing: paper, orientation, fitting, margins, header and footer, repeated titles.
public struct PageSetup: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable { case portrait, landscape }
    public enum Paper: Int, Hashable, Sendable {
        case letter = 1
        case a3 = 8
        case a4 = 9
    }

    public var paper: Paper = .a4
    public var orientation: Orientation = .portrait
    /// Fit all columns on one page width (rows flow onto as many pages as needed).
    public var fitToWidth = false
    /// Margins in inches: left, right, top, bottom, header, footer.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double) = (0.5, 0.5, 0.75, 0.75, 0.3, 0.3)
    /// Header and footer in Excel's codes (`&C` centre, `&P` page, `&N` pages).
    public var header: String?
    public var footer: String?
    /// Rows repeated at the top of every printed page (zero-based, inclusive).
    public var titleRows: ClosedRange<Int>?
    /// The area to print.
    public var printArea: CellRange?
    public var centerHorizontally = false

    public init() {}

    /// A centred Chinese page-number footer: 第 1 页，共 3 页.
    public static let chinesePageFooter = "&C第 &P 页，共 &N 页"

    public static func == (a: PageSetup, b: PageSetup) -> Bool {
        a.paper == b.paper && a.orientation == b.orientation && a.fitToWidth == b.fitToWidth && a.header == b.header
            && a.footer == b.footer && a.titleRows == b.titleRows && a.printArea == b.printArea
            && a.centerHorizontally == b.centerHorizontally && a.margins == b.margins
    }

    public func hash(into h: inout Hasher) {
        h.combine(paper)
        h.combine(orientation)
        h.combine(fitToWidth)
        h.combine(header)
        h.combine(footer)
    }
}

/// A note (comment) attached to a cell.
public struct Note: Hashable, Sendable {
    public var cell: CellReference
    public var text: String
    public var author: String

    public init(cell: CellReference, text: String, author: String = "minsheng") {
        self.cell = cell
        self.text = text
        self.author = author
    }
}
