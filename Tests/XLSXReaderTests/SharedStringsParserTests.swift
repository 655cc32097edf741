import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct SharedStringsParserTests {
    func strings(_ items: String) throws -> [String] {
        let xml = "<?xml version=\"1.0\"?><sst xmlns=\"\(NS.main)\" count=\"9\" uniqueCount=\"9\">\(items)</sst>"
        return try parse(xml, into: SharedStringsParser(maxLength: 32_767)).strings
    }

    @Test("plain items come in order, entities and character references resolved")
    func plain() throws {
        #expect(try strings("<si><t>甲</t></si><si><t>a &amp; b &lt;c&gt; &#x4E59;</t></si><si><t/></si>") == ["甲", "a & b <c> 乙", ""])
    }

    @Test("rich text runs are joined, phonetic runs left out")
    func richRuns() throws {
        let item = """
            <si><r><rPr><b/></rPr><t>东</t></r><r><t xml:space="preserve"> 京</t></r>\
            <rPh sb="0" eb="1"><t>トウ</t></rPh><phoneticPr fontId="1"/></si>
            """
        #expect(try strings(item) == ["东 京"])
    }

    @Test("unpreserved text is trimmed at both ends; preserved text is kept", arguments: [
        ("<t>  padded \n</t>", "padded"),
        ("<t xml:space=\"preserve\">  padded \n</t>", "  padded \n"),
        ("<t>inner  space</t>", "inner  space"),
        ("<r><t>a </t></r><r><t xml:space=\"preserve\"> b</t></r>", "a b"),
    ])
    func whitespace(item: String, expected: String) throws {
        #expect(try strings("<si>\(item)</si>") == [expected])
    }

    @Test("_xHHHH_ escapes are decoded, _x005F_ escapes an underscore, invalid ones stay", arguments: [
        ("a_x000D_b", "a\rb"),
        ("_x0009_", "\t"),
        ("_xC1EF_", "\u{C1EF}"),
        ("_x005F_x0041_", "_x0041_"),
        ("_x00G1_", "_x00G1_"),
        ("_xFFFF_", "_xFFFF_"),
        ("_xD800_", "_xD800_"),
        ("_x41_", "_x41_"),
    ])
    func escapes(text: String, expected: String) throws {
        #expect(try strings("<si><t>\(text)</t></si>") == [expected])
    }

    @Test("a string past the length cap is refused")
    func lengthCap() throws {
        let parser = SharedStringsParser(maxLength: 4)
        #expect(throws: XLSXError.self) {
            try parse("<sst xmlns=\"\(NS.main)\"><si><t>\(String(repeating: "x", count: 100))</t></si></sst>", into: parser)
        }
    }
}
