import Testing

@testable import XLSXReader

@Suite struct FormulaTranslationTests {
    @Test("relative references move, absolute parts stay", arguments: [
        ("A1*2", 1, 0, "A2*2"), ("A1+$A$1+$A1+A$1", 2, 1, "B3+$A$1+$A3+B$1"), ("SUM(A1:B2)", 1, 1, "SUM(B2:C3)"),
        ("A1", 0, 0, "A1"), ("Sheet2!B2*C1", 1, 0, "Sheet2!B3*C2"),
    ])
    func moves(formula: String, rows: Int, columns: Int, expected: String) {
        #expect(translateFormula(formula, rows: rows, columns: columns) == expected)
    }

    @Test("string literals, quoted sheet names and function names are left alone", arguments: [
        ("\"A1\"&A1", "\"A1\"&A2"), ("'A1 sheet'!A1", "'A1 sheet'!A2"), ("LOG10(A1)", "LOG10(A2)"),
        ("\"say \"\"A1\"\"\"&B1", "\"say \"\"A1\"\"\"&B2"), ("ATAN2(A1,B1)", "ATAN2(A2,B2)"),
    ])
    func leavesAlone(formula: String, expected: String) {
        #expect(translateFormula(formula, rows: 1, columns: 0) == expected)
    }

    @Test("a reference moved off the grid becomes #REF!")
    func offGrid() {
        #expect(translateFormula("A1+B2", rows: -1, columns: 0) == "#REF!+B1")
        #expect(translateFormula("XFD1", rows: 0, columns: 1) == "#REF!")
    }
}
