import Testing
import XLSXCore

@Suite struct CellReferenceTests {
    @Test("A1 references parse to zero-based row and column", arguments: [
        ("A1", 0, 0), ("$B$7", 6, 1), ("b7", 6, 1), ("B$7", 6, 1), ("$B7", 6, 1), ("Z10", 9, 25), ("AA1", 0, 26),
        ("XFD1048576", 1_048_575, 16_383),
    ])
    func parses(text: String, row: Int, column: Int) throws {
        let ref = try #require(CellReference(text))
        #expect(ref.row == row)
        #expect(ref.column == column)
    }

    @Test("anything else, or a cell past Excel's grid, is rejected", arguments: [
        "XFE1", "A1048577", "A0", "1A", "A", "1", "", "AAAA1", "A1B", "A 1", "$$A1", "A12345678",
    ])
    func rejects(text: String) {
        #expect(CellReference(text) == nil)
    }

    @Test("column names and indexes round-trip", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func columnNames(index: Int, name: String) {
        #expect(CellReference.columnName(index) == name)
        #expect(CellReference.columnIndex(name) == index)
        #expect(CellReference.columnIndex(name.lowercased()) == index)
    }

    @Test("column letters past XFD or not letters have no index", arguments: ["XFE", "", "A1", "ZZZZ"])
    func badColumns(letters: String) {
        #expect(CellReference.columnIndex(letters) == nil)
    }

    @Test("references print in A1 notation and order row by row")
    func descriptionAndOrder() {
        #expect(CellReference(row: 6, column: 1).description == "B7")
        #expect(CellReference("B1")! < CellReference("A2")!)
        #expect(CellReference("A2")! < CellReference("B2")!)
    }

    @Test("ranges parse, normalise their corners and expand whole rows and columns", arguments: [
        ("A1:C3", "A1", "C3"), ("C3:A1", "A1", "C3"), ("$A$1:$B$2", "A1", "B2"), ("B2", "B2", "B2"),
        ("A:B", "A1", "B1048576"), ("2:3", "A2", "XFD3"),
    ])
    func ranges(text: String, start: String, end: String) throws {
        let range = try #require(CellRange(text))
        #expect(range.start == CellReference(start))
        #expect(range.end == CellReference(end))
    }

    @Test("malformed ranges are rejected", arguments: ["A1:", ":B2", "A1:B2:C3", "A1:XFE2", "0:3", "A:1"])
    func badRanges(text: String) {
        #expect(CellRange(text) == nil)
    }

    @Test("range geometry: size, containment, overlap")
    func geometry() throws {
        let r = try #require(CellRange("B2:D5"))
        #expect(r.rowCount == 4 && r.columnCount == 3)
        #expect(r.contains(CellReference("D5")!) && !r.contains(CellReference("E5")!))
        #expect(r.overlaps(CellRange("D5:F9")!) && !r.overlaps(CellRange("E1:F9")!))
        #expect(r.description == "B2:D5")
        #expect(CellRange("C3")!.description == "C3")
    }

    @Test("references hash apart in dictionaries and sets: no two cells of a block share a hash, equal ones always do")
    func hashing() {
        var hashes = Set<Int>()
        var cells = Set<CellReference>()
        for row in stride(from: 0, to: 1_048_576, by: 997) {
            for column in [0, 1, 2, 25, 26, 700, 16_383] {
                let ref = CellReference(row: row, column: column)
                hashes.insert(ref._rawHashValue(seed: 42))
                cells.insert(ref)
                #expect(ref._rawHashValue(seed: 7) == CellReference(row: row, column: column)._rawHashValue(seed: 7))
            }
        }
        #expect(hashes.count == cells.count && cells.count == 1052 * 7)
        #expect(CellReference(row: 1, column: 2)._rawHashValue(seed: 1) != CellReference(row: 1, column: 2)._rawHashValue(seed: 2))
        var grid: [CellReference: Int] = [:]
        for (i, ref) in cells.enumerated() { grid[ref] = i }
        #expect(grid.count == cells.count && grid[CellReference(row: 997, column: 26)] != nil && grid[CellReference(row: 998, column: 26)] == nil)
    }
}
