import XLSXCore

/// A workbook read whole by one of the readers of the other formats (.xls/.et, .ods/.fods, .csv/.tsv),
/// in the model the `.xlsx` reader gives: `Workbook` serves it through the same API.
public struct LoadedBook: Sendable {
    /// The format the content was recognised as.
    public enum Format: String, Sendable {
        case xlsx, xls, ods, fods, csv, tsv
    }

    public var format: Format
    public var sheets: [LoadedSheet]
    /// Number formats; a cell's `styleIndex` indexes this array (index 0 is General).
    public var formats: [CellFormat]
    /// Whether dates count from 1904.
    public var date1904: Bool

    public init(format: Format, sheets: [LoadedSheet], formats: [CellFormat] = [.general], date1904: Bool = false) {
        self.format = format
        self.sheets = sheets
        self.formats = formats
        self.date1904 = date1904
    }
}

/// One sheet of a `LoadedBook`: its tab, its rows in order, and what the format carries of the rest.
public struct LoadedSheet: Sendable {
    public var name: String
    public var state: SheetState
    public var kind: SheetKind
    /// Rows in ascending order, each with its cells in ascending column order; empty rows may be left out.
    public var rows: [Row]
    /// Merged ranges, hidden rows and columns, widths, validations, protection as far as the format has them.
    /// `usedRange` is computed by `Workbook` from the cells and need not be set.
    public var metadata: SheetMetadata
    /// For a sheet streamed rather than read whole: where its rows come from (`rows` is then empty).
    var source: RowSource?

    public init(name: String, state: SheetState = .visible, kind: SheetKind = .worksheet, rows: [Row], metadata: SheetMetadata = SheetMetadata()) {
        self.name = name
        self.state = state
        self.kind = kind
        self.rows = rows
        self.metadata = metadata
    }

    init(name: String, state: SheetState = .visible, kind: SheetKind = .worksheet, rows: [Row], source: RowSource) {
        self.init(name: name, state: state, kind: kind, rows: rows)
        self.source = source
    }
}
