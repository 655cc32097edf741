/// A cell position, zero-based internally and printed in A1 notation.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Zero-based row index (row 1 is 0).
    public var row: Int
    /// Zero-based column index (column A is 0).
    public var column: Int

    /// Creates a reference from zero-based indexes.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// One word hashed per reference (rows and columns within Excel's grid fit in 32 bits each), not two:
    /// a sheet's grid hashes every cell.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(word)
    }

    /// Row and column in one word.
    private var word: Int { row << 32 ^ column }

    /// What `Dictionary` and `Set` hash a reference by: the same word mixed with the table's seed by
    /// MurmurHash3's finaliser (a bijection on 64 bits, so distinct cells never share a hash), instead of
    /// a SipHash round per lookup; sheets in memory and the summaries hash every cell, several times.
    /// The seed is the table's own, drawn from the process's random seed; unlike SipHash this is not a keyed
    /// hash, and a sheet's cells are at most Excel's grid (2³⁴ references).
    public func _rawHashValue(seed: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: word) ^ UInt64(truncatingIfNeeded: seed)
        h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
        h = (h ^ (h >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return Int(truncatingIfNeeded: h ^ (h >> 33))
    }

    /// Parses `A1`, `$B$7` or `xfd1048576`; returns nil for anything else or a cell past Excel's grid.
    public init?(_ a1: String) {
        var utf8 = Array(a1.utf8)[...]
        guard let parsed = CellReference.parse(&utf8), utf8.isEmpty else { return nil }
        self = parsed
    }

    /// Parses bytes that must be exactly one reference (`B7`, `$B$7`), without copying them.
    @inlinable
    public static func parseExactly(_ b: UnsafeBufferPointer<UInt8>) -> CellReference? {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "$") { i += 1 }
        var column = 0, letters = 0
        while i < b.count {
            var c = b[i]
            if c >= 97 && c <= 122 { c -= 32 }
            guard c >= 65 && c <= 90 else { break }
            column = column &* 26 &+ Int(c - 64)
            letters += 1
            i += 1
            if letters > 3 { return nil }
        }
        guard letters > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0, digits = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            row = row &* 10 &+ Int(b[i] - 48)
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard i == b.count, digits > 0, row >= 1, row <= Limits.maxRows, column <= Limits.maxColumns else { return nil }
        return CellReference(row: row - 1, column: column - 1)
    }

    /// Parses a reference from the front of `bytes`, consuming it; stops at the first byte that
    /// cannot belong to the reference.
    public static func parse(_ bytes: inout ArraySlice<UInt8>) -> CellReference? {
        var i = bytes.startIndex
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "$") { i += 1 }
        var column = 0
        var letters = 0
        while i < bytes.endIndex {
            var c = bytes[i]
            if c >= 97 && c <= 122 { c -= 32 }
            guard c >= 65 && c <= 90 else { break }
            column = column * 26 + Int(c - 64)
            letters += 1
            i += 1
            if letters > 3 { return nil }
        }
        guard letters > 0 else { return nil }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0
        var digits = 0
        while i < bytes.endIndex, bytes[i] >= 48 && bytes[i] <= 57 {
            row = row * 10 + Int(bytes[i] - 48)
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard digits > 0, row >= 1, row <= Limits.maxRows, column <= Limits.maxColumns else { return nil }
        bytes = bytes[i...]
        return CellReference(row: row - 1, column: column - 1)
    }

    /// The column letters for a zero-based column index (0 → `A`, 26 → `AA`).
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(scalars.reversed())
    }

    /// The zero-based index of column letters (`A` → 0); nil when they are not letters or past `XFD`.
    public static func columnIndex(_ letters: String) -> Int? {
        var n = 0
        for c in letters.uppercased().utf8 {
            guard c >= 65 && c <= 90 else { return nil }
            n = n * 26 + Int(c - 64)
            if n > Limits.maxColumns { return nil }
        }
        return n == 0 ? nil : n - 1
    }

    /// `A1` notation.
    public var description: String { CellReference.columnName(column) + String(row + 1) }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangular block of cells such as `A1:C3`; a single cell is a range of one.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var start: CellReference
    public var end: CellReference

    /// Creates a range, putting its corners in top-left / bottom-right order.
    public init(_ a: CellReference, _ b: CellReference) {
        start = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        end = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A1:C3` or `B2`; whole-row or whole-column forms (`A:A`, `1:3`) are expanded to Excel's grid.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        if parts.count == 1 {
            guard let a = CellReference(String(parts[0])) else { return nil }
            self.init(a, a)
            return
        }
        let lhs = String(parts[0]).replacingDollars(), rhs = String(parts[1]).replacingDollars()
        if let a = CellReference(lhs), let b = CellReference(rhs) {
            self.init(a, b)
        } else if let a = CellReference.columnIndex(lhs), let b = CellReference.columnIndex(rhs) {
            self.init(CellReference(row: 0, column: a), CellReference(row: Limits.maxRows - 1, column: b))
        } else if let a = Int(lhs), let b = Int(rhs), (1...Limits.maxRows).contains(a), (1...Limits.maxRows).contains(b) {
            self.init(CellReference(row: a - 1, column: 0), CellReference(row: b - 1, column: Limits.maxColumns - 1))
        } else {
            return nil
        }
    }

    public var rowCount: Int { end.row - start.row + 1 }
    public var columnCount: Int { end.column - start.column + 1 }

    /// Whether `ref` lies inside the range.
    public func contains(_ ref: CellReference) -> Bool {
        ref.row >= start.row && ref.row <= end.row && ref.column >= start.column && ref.column <= end.column
    }

    /// Whether the two ranges share at least one cell.
    public func overlaps(_ other: CellRange) -> Bool {
        start.row <= other.end.row && other.start.row <= end.row
            && start.column <= other.end.column && other.start.column <= end.column
    }

    public var description: String { start == end ? start.description : "\(start):\(end)" }
}

extension String {
    fileprivate func replacingDollars() -> String { filter { $0 != "$" } }
}
