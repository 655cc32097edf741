import Testing

@testable import XLSXReader

@Suite struct EscapesTests {
    @Test("_xHHHH_ escapes decode to their character", arguments: [
        ("_x000D_", "\r"), ("a_x000A_b", "a\nb"), ("_x4E2D__x6587_", "中文"), ("_xc1ef_", "\u{C1EF}"), ("_x0000_", "\u{0}"),
    ])
    func decodes(text: String, expected: String) {
        #expect(decodeEscapes(text) == expected)
    }

    @Test("_x005F_ escapes an underscore, so an escaped escape stays literal")
    func escapedUnderscore() {
        #expect(decodeEscapes("_x005F_x000D_") == "_x000D_")
        #expect(decodeEscapes("_x005F_") == "_")
    }

    @Test("invalid or incomplete escapes stay as written", arguments: [
        "_x12_", "_x12G4_", "_x0041", "x0041_", "_X0041_", "_xFFFE_", "_xFFFF_", "_xDC00_", "plain_text", "_",
    ])
    func leavesInvalid(text: String) {
        #expect(decodeEscapes(text) == text)
    }

    @Test("an escaped UTF-16 surrogate pair is one character outside the BMP")
    func surrogatePair() {
        // PhpSpreadsheet's test of issue 4724 reads U+10405 here, as Excel's UTF-16 strings hold it.
        #expect(decodeEscapes("_xD801__xDC05_") == "\u{10405}")
        #expect(decodeEscapes("a_xD83D__xDE00_b") == "a\u{1F600}b")
    }
}
