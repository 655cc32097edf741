import XLSXCore

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
    /// With `fitToWidth`, the pages tall to fit into (0: as many as needed).
    public var fitToHeight = 0
    /// The print scale in percent when not fitting (Excel allows 10–400).
    public var scale: Int?
    /// Manual page breaks before these zero-based rows.
    public var rowBreaks: [Int] = []
    /// Manual page breaks before these zero-based columns (with `titleColumns`, the matrix prints in bands).
    public var columnBreaks: [Int] = []
    /// Margins in inches: left, right, top, bottom, header, footer.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double) = (0.5, 0.5, 0.75, 0.75, 0.3, 0.3)
    /// Header and footer in Excel's codes (`&C` centre, `&P` page, `&N` pages).
    public var header: String?
    public var footer: String?
    /// Rows repeated at the top of every printed page (zero-based, inclusive).
    public var titleRows: ClosedRange<Int>?
    /// Columns repeated at the left of every printed page (zero-based, inclusive).
    public var titleColumns: ClosedRange<Int>?
    /// The area to print.
    public var printArea: CellRange?
    public var centerHorizontally = false

    public init() {}

    /// A centred Chinese page-number footer: 第 1 页，共 3 页.
    public static let chinesePageFooter = "&C第 &P 页，共 &N 页"

    public static func == (a: PageSetup, b: PageSetup) -> Bool {
        a.paper == b.paper && a.orientation == b.orientation && a.fitToWidth == b.fitToWidth && a.fitToHeight == b.fitToHeight
            && a.scale == b.scale && a.rowBreaks == b.rowBreaks && a.columnBreaks == b.columnBreaks && a.titleColumns == b.titleColumns
            && a.header == b.header && a.footer == b.footer && a.titleRows == b.titleRows && a.printArea == b.printArea
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
