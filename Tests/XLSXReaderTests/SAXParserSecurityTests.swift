import Testing
import XLSXCore

@testable import XLSXReader

/// Collects the text of a document, to show what would have been expanded.
private final class TextCollector: SAXHandler {
    var text = ""
    var elements = 0
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws { elements += 1 }
    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws { text += String(decoding: bytes, as: UTF8.self) }
}

@Suite struct SAXParserSecurityTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <sst xmlns="\(NS.main)"><si><t>&lol9;</t></si></sst>
        """

    @Test("a DOCTYPE is refused with forbiddenDTD", arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE sst><sst/>",
        "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ELEMENT sst ANY>]><sst/>",
        billionLaughs,
        "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><sst><si><t>&xxe;</t></si></sst>",
        "<?xml version=\"1.0\"?><!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst/>",
        "<?xml version=\"1.0\"?><!DOCTYPE sst PUBLIC \"-//x//y\" \"http://example.com/x.dtd\"><sst/>",
    ])
    func refusesDTD(xml: String) throws {
        let collector = TextCollector()
        let error = try #require(throws: XLSXError.self) { try parse(xml, into: collector) }
        #expect(error.code == .forbiddenDTD)
        #expect(collector.text.isEmpty)
        #expect(!collector.text.contains("root:"))
    }

    @Test("the billion laughs never reach the handler, through the shared-strings parser either")
    func billionLaughsSharedStrings() throws {
        let parser = SharedStringsParser(maxLength: 32_767)
        let error = try #require(throws: XLSXError.self) { try parse(Self.billionLaughs, into: parser) }
        #expect(error.code == .forbiddenDTD)
        #expect(parser.strings.isEmpty)
    }

    @Test("an undeclared entity is malformed XML, never looked up")
    func undeclaredEntity() throws {
        let collector = TextCollector()
        let error = try #require(throws: XLSXError.self) { try parse("<sst><si><t>&xxe;</t></si></sst>", into: collector) }
        #expect(error.code == .malformedXML)
    }

    @Test("malformed XML gives malformedXML with the line and column", arguments: [
        ("<a>\n<b>\n</a>", 3), ("<a>\n  <b x=1/>\n</a>", 2), ("<a></a><b/>", 1), ("<a>\n\n\n&#0;</a>", 4),
    ])
    func malformed(xml: String, line: Int) throws {
        let error = try #require(throws: XLSXError.self) { try parse(xml, into: TextCollector()) }
        #expect(error.code == .malformedXML)
        #expect(error.location.line == line)
        #expect((error.location.column ?? 0) > 0)
    }

    @Test("a truncated document is malformed, not silently short")
    func truncated() throws {
        let error = try #require(throws: XLSXError.self) { try parse("<sst><si><t>abc</t>", into: TextCollector()) }
        #expect(error.code == .malformedXML)
    }

    @Test("10,000-deep nesting gives an error, not a crash")
    func deepNesting() throws {
        let depth = 10_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let collector = TextCollector()
        // libxml2 2.9.14 applies xmlParserMaxDepth only when pulling or building a tree, never on the
        // SAX2 push path, so the cap is minsheng's own.
        let error = try #require(throws: XLSXError.self) { try parse(xml, into: collector) }
        #expect([.limitExceeded, .malformedXML].contains(error.code))
        #expect(collector.elements <= 1_000)
    }

    @Test("ordinary nesting, as deep as real parts go, is accepted")
    func shallowNesting() throws {
        let depth = 64
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(try parse(xml, into: TextCollector()).elements == depth)
    }

    @Test("an error thrown by the handler stops the parse and comes back unchanged")
    func handlerError() throws {
        final class Refuser: SAXHandler {
            var seen = 0
            func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
                seen += 1
                if name.is("stop") { throw XLSXError(.invalidValue, "stop here") }
            }
            func endElement(_ name: XMLName) throws {}
            func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
        }
        let refuser = Refuser()
        let error = try #require(throws: XLSXError.self) { try parse("<a><stop/><b/><c/></a>", into: refuser) }
        #expect(error.code == .invalidValue)
        #expect(refuser.seen == 2)
    }

    @Test("a document in chunks parses as a whole one")
    func chunks() throws {
        let collector = TextCollector()
        let parser = try SAXParser(handler: collector, location: ErrorLocation())
        for piece in ["<sst><si><t>ab", "c&am", "p;d</t></si>", "</sst>"] {
            try Array(piece.utf8).withUnsafeBytes { try parser.push($0) }
        }
        try parser.finish()
        #expect(collector.text == "abc&d")
    }
}
