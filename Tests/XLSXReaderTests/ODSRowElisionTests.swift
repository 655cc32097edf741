import Foundation
import Testing
@testable import XLSXReader

/// The structure pass's filter that takes the rows out of `content.xml` before the XML parser sees them.
@Suite struct ODSRowElisionTests {
    /// Filters `text` fed in pieces of `size` bytes (0: whole).
    static func elide(_ text: String, size: Int = 0) -> String {
        var f = ODSRowElision()
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        let step = size == 0 ? max(bytes.count, 1) : size
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(i + step, bytes.count)])
            piece.withUnsafeBytes { f.filter($0, into: &out) }
            i += step
        }
        f.finish(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let examples: [(String, String)] = [
        // Rows go, the table, its columns and the row groups' own tags stay.
        ("<t:x><table:table-column/><table:table-row a=\"1\"><table:table-cell><text:p>1</text:p></table:table-cell></table:table-row></t:x>",
         "<t:x><table:table-column/></t:x>"),
        ("<table:table-rows><table:table-row/><table:table-row x='/>'/></table:table-rows>", "<table:table-rows></table:table-rows>"),
        // A `>` and a `/>` inside quoted values do not end the tag.
        ("a<table:table-row v=\"x>y\" w='/>'>in</table:table-row>b", "ab"),
        // Nested rows, and a row end written with space before its `>`.
        ("<table:table-row><table:table-row>x</table:table-row ><c/></table:table-row>z", "z"),
        // A row inside a comment, CDATA or a processing instruction is text; they pass through outside rows.
        ("<!-- <table:table-row> --><![CDATA[<table:table-row>]]><?pi <table:table-row>?>k",
         "<!-- <table:table-row> --><![CDATA[<table:table-row>]]><?pi <table:table-row>?>k"),
        // Inside a row, a comment holding a row end does not end it.
        ("<table:table-row><!-- </table:table-row> --><![CDATA[</table:table-row>]]>v</table:table-row>w", "w"),
        // Not a row: a longer name, another prefix.
        ("<table:table-row-group/><table:table-rows/><x:table-row/>", "<table:table-row-group/><table:table-rows/><x:table-row/>"),
        ("plain text & no tags", "plain text & no tags"),
        ("中文<table:table-row>中</table:table-row>文", "中文文"),
    ]

    @Test("rows are taken out, and nothing else", arguments: examples.indices)
    func elides(_ k: Int) {
        let (input, expected) = Self.examples[k]
        #expect(Self.elide(input) == expected)
    }

    @Test("the result does not depend on where the chunks end", arguments: examples.indices)
    func chunkBoundaries(_ k: Int) {
        let (input, expected) = Self.examples[k]
        for size in 1...24 { #expect(Self.elide(input, size: size) == expected, "chunks of \(size)") }
    }

    @Test("random documents: rows gone, the rest byte for byte, whatever the chunks")
    func random() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var input = "", expected = ""
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0:
                    let keep = "<table:table-column table:style-name=\"co\(Int.random(in: 0...9, using: &rng))\"/>"
                    input += keep; expected += keep
                case 1:
                    input += "<table:table-row table:style-name=\"ro1\"><table:table-cell office:value=\"\(Int.random(in: 0...99, using: &rng))\"><text:p>&lt;x&gt;</text:p></table:table-cell></table:table-row>"
                case 2:
                    input += "<table:table-row table:number-rows-repeated=\"3\"/>"
                case 3:
                    let keep = "<!-- note <table:table-row> -->"
                    input += keep; expected += keep
                default:
                    let keep = "<text:p>段落 \(Int.random(in: 0...9, using: &rng))</text:p>"
                    input += keep; expected += keep
                }
            }
            let size = Int.random(in: 1...40, using: &rng)
            #expect(Self.elide(input, size: size) == expected, "chunks of \(size) bytes: \(input)")
        }
    }

    @Test("used only where the root binds table to the ODF table namespace")
    func applies() {
        let ok = "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"o\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
        let other = "<?xml version=\"1.0\"?><office:document-content xmlns:table=\"urn:example:other\">"
        let later = "<?xml version=\"1.0\"?><office:document-content><x xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"/>"
        #expect(Array(ok.utf8).withUnsafeBytes { ODSRowElision.applies($0) })
        #expect(!Array(other.utf8).withUnsafeBytes { ODSRowElision.applies($0) })
        #expect(!Array(later.utf8).withUnsafeBytes { ODSRowElision.applies($0) })
    }
}
