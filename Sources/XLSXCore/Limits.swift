/// Excel's hard limits, and the safety caps minsheng applies to what it reads.
public enum Limits {
    /// Rows in a worksheet (Excel 2007 and later).
    public static let maxRows = 1_048_576
    /// Columns in a worksheet (`XFD`).
    public static let maxColumns = 16_384
    /// Characters in one cell.
    public static let maxCellCharacters = 32_767
    /// Characters in a sheet name.
    public static let maxSheetNameLength = 31
    /// Characters Excel allows in a defined name or formula, kept for validation messages.
    public static let maxFormulaLength = 8_192
}

/// Caps applied while reading a package, so that hostile input fails fast instead of exhausting memory.
public struct ReadLimits: Sendable, Hashable {
    /// The most bytes any single part may inflate to.
    public var maxPartSize: Int64
    /// The most bytes all parts read from one package may inflate to together.
    public var maxTotalSize: Int64
    /// The highest inflated-to-compressed ratio accepted for parts larger than `ratioFloor`.
    public var maxCompressionRatio: Int64
    /// Parts smaller than this are never judged by their ratio (tiny XML compresses extremely well).
    public var ratioFloor: Int64
    /// The most entries a package may hold.
    public var maxEntries: Int
    /// The most characters a shared string or inline string may have before it is refused.
    public var maxStringLength: Int

    public init(
        maxPartSize: Int64 = 2 << 30, maxTotalSize: Int64 = 8 << 30, maxCompressionRatio: Int64 = 250,
        ratioFloor: Int64 = 16 << 20, maxEntries: Int = 100_000, maxStringLength: Int = 10 << 20
    ) {
        self.maxPartSize = maxPartSize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioFloor = ratioFloor
        self.maxEntries = maxEntries
        self.maxStringLength = maxStringLength
    }

    /// The defaults: generous for real workbooks, far below what a zip bomb needs.
    public static let standard = ReadLimits()
}
