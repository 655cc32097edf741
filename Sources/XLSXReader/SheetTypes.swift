import XLSXCore

/// One cell as read from a worksheet.
public struct Cell: Sendable, Hashable {
    public var reference: CellReference
    public var value: CellValue
    /// The formula without the leading `=`; for a cell of a shared formula, the master's formula
    /// moved to this cell.
    public var formula: String?
    /// For a cell of a shared-formula range, the cell that holds the formula text.
    public var sharedFormulaMaster: CellReference?
    /// For numbers, the text as written in the file, so `8.1` can be read as an exact decimal.
    public var numberText: String? { literal.text }
    /// The number's text, kept inline (no allocation per cell); see `numberText`.
    var literal: NumberLiteral
    /// Index into the workbook's cell formats (`s` attribute), 0 when absent.
    public var styleIndex: Int

    public init(
        reference: CellReference, value: CellValue, formula: String? = nil, sharedFormulaMaster: CellReference? = nil,
        numberText: String? = nil, styleIndex: Int = 0
    ) {
        self.reference = reference
        self.value = value
        self.formula = formula
        self.sharedFormulaMaster = sharedFormulaMaster
        self.literal = numberText.map { NumberLiteral(Array($0.utf8)) } ?? NumberLiteral()
        self.styleIndex = styleIndex
    }

    init(reference: CellReference, value: CellValue, formula: String?, sharedFormulaMaster: CellReference?, literal: NumberLiteral, styleIndex: Int) {
        self.reference = reference
        self.value = value
        self.formula = formula
        self.sharedFormulaMaster = sharedFormulaMaster
        self.literal = literal
        self.styleIndex = styleIndex
    }
}

/// The text of a number as written, up to 31 bytes stored inline; longer texts (which no spreadsheet
/// writes: 17 significant digits and an exponent fit) are not kept.
struct NumberLiteral: Hashable, Sendable {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count: UInt8 = 0
    private var present = false

    init() {}

    init(_ bytes: [UInt8]) { self = bytes.withUnsafeBufferPointer { NumberLiteral($0) } }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 31 else { return }
        present = true
        count = UInt8(bytes.count)
        withUnsafeMutableBytes(of: &storage) { raw in
            for i in 0..<bytes.count { raw[i] = bytes[i] }
        }
    }

    var text: String? {
        guard present else { return nil }
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)]), as: UTF8.self)
        }
    }

    static func == (a: NumberLiteral, b: NumberLiteral) -> Bool { a.text == b.text }
    func hash(into h: inout Hasher) { h.combine(text) }
}

/// One row of a worksheet, with the cells the file lists for it (styled empty cells included).
public struct Row: Sendable, Hashable {
    /// Zero-based row index.
    public var index: Int
    public var cells: [Cell]
    public var hidden: Bool
    /// Height in points, when the file sets one.
    public var height: Double?
}

/// Sheet protection as stored in `<sheetProtection>`.
public struct SheetProtection: Sendable, Hashable {
    public var isProtected: Bool
    /// The legacy 16-bit password hash, hexadecimal, when present.
    public var passwordHash: String?
    public var algorithmName: String?
    /// Every other attribute as written (`formatCells="0"`, `insertRows="1"`, …): in OOXML `1` means
    /// the action is protected, `0` that it is allowed.
    public var flags: [String: Bool]
}

/// Everything about a worksheet outside its cells.
public struct SheetMetadata: Sendable, Hashable {
    /// The `<dimension>` the file claims; minsheng never relies on it.
    public var declaredDimension: CellRange?
    /// The block from the first to the last non-empty cell, computed while reading.
    public var usedRange: CellRange?
    public var mergedRanges: [CellRange] = []
    public var hiddenRows: Set<Int> = []
    public var hiddenColumns: Set<Int> = []
    /// Column widths in characters, by zero-based column.
    public var columnWidths: [Int: Double] = [:]
    public var dataValidations: [DataValidation] = []
    public var protection: SheetProtection?
    /// The top-left cell of the scrolling pane when panes are frozen (`B3` freezes row 1–2 and column A).
    public var frozenAt: CellReference?
    /// Hyperlink targets by cell (external addresses, or `#Sheet!A1` locations).
    public var hyperlinks: [CellReference: String] = [:]

    public var isProtected: Bool { protection?.isProtected ?? false }

    public init() {}
}
