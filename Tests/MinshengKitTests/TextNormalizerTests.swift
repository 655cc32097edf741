import Foundation
import Testing
import XLSXCore
@testable import MinshengKit

/// The normalisation every label and figure goes through, checked on what clerks type.
@Suite struct TextNormalizerTests {
    @Test("white space is folded to single spaces and trimmed, whatever kind it is", arguments: [
        ("已完成", "已完成"),
        ("已 完成", "已 完成"),
        ("  已完成 ", "已完成"),
        ("已\n\n完成", "已 完成"),
        ("已\r\n完成", "已 完成"),
        ("已\u{3000}完成", "已 完成"),
        ("已\u{00A0}\t完成", "已 完成"),
        ("12 3", "12 3"),
        ("\u{2028}", ""),
        ("", ""),
        ("a\u{200B}b", "a\u{200B}b"),
    ])
    func folding(_ raw: String, _ folded: String) {
        #expect(TextNormalizer.spacesFolded(raw) == folded)
        #expect(Array(TextNormalizer.spacesFolded(raw).unicodeScalars) == Array(folded.unicodeScalars))
    }

    @Test("compact drops every white space and the zero-width space and makes full-width ASCII half-width", arguments: [
        ("全 市\n合计", "全市合计"),
        ("１２．５％", "12.5%"),
        ("Ｐ３\u{3000}", "P3"),
        ("a\u{200B}b", "ab"),
        ("已完成", "已完成"),
    ])
    func compacting(_ raw: String, _ compact: String) {
        #expect(Array(TextNormalizer.compact(raw).unicodeScalars) == Array(compact.unicodeScalars))
        #expect(TextNormalizer.compactEqual(raw, compact))
        #expect(TextNormalizer.compactEqual(compact, raw))
    }

    @Test("texts that differ once compacted are told apart, and canonically equal ones are not")
    func compactEquality() {
        #expect(!TextNormalizer.compactEqual("新建公办幼儿园", "新建公办幼儿园所"))
        #expect(!TextNormalizer.compactEqual("新建公办幼儿园所", "新建公办幼儿园"))
        #expect(!TextNormalizer.compactEqual("", "a"))
        #expect(TextNormalizer.compactEqual(" \n", ""))
        // "é" written as one scalar and as e with a combining accent is the same text.
        #expect(TextNormalizer.compactEqual("caf\u{E9}", "cafe\u{301}"))
    }

    @Test("half-width changes full-width ASCII and the ideographic space only")
    func halfWidth() {
        #expect(TextNormalizer.halfWidth("１２\u{3000}个") == "12 个")
        #expect(TextNormalizer.halfWidth("１\u{3000}").unicodeScalars.map(\.value) == [0x31, 0x20])
        #expect(TextNormalizer.halfWidth("、。，") == "、。,")
        #expect(TextNormalizer.isBlank(" \u{3000}\n"))
        #expect(!TextNormalizer.isBlank(" 0 "))
        // A cell holding only a zero-width space (pasted from a web page) is blank, as Foundation's
        // white-space set, which first decided this, has it.
        #expect(TextNormalizer.isBlank("\u{200B}"))
        #expect(ReturnCell(reference: CellReference(row: 0, column: 0), value: .string("\u{200B} "), numberText: nil, isPercentFormat: false).isEmpty)
    }

    @Test("numbers written in files read as Decimal(string:) reads them, same value and same text", arguments: [
        "0", "12", "-12", "12.5", "12.50", "0.1", "-0", "-0.0", "007", ".5", "5.", "123456789012345678",
        "1234567890123456789", "1E3", "1e-2", "12.5.1", "1-2", "-", ".", "", "abc", "1,000", "+5", "99.9999999999999999",
    ])
    func fileNumbers(_ text: String) {
        let posix = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        let ours = Decimal(fileText: text)
        // Decimal(string:) reads a number at the start of the text and stops; a file's number is the
        // whole text, which is all our callers pass (they check the characters first). Where the whole
        // text is a plain number both must agree exactly.
        if text.range(of: #"^-?(\d+\.?\d*|\.\d+)$"#, options: .regularExpression) != nil {
            #expect(ours == posix, "\(text)")
            #expect(ours?.description == posix?.description, "\(text)")
            #expect(ours?.isSignMinus == posix?.isSignMinus, "\(text)")
        } else if let ours {
            #expect(ours == posix, "\(text)")
        }
    }
}
