import Foundation
import MinshengKit
import Testing
import TestSupport

/// Every finding code is documented, with its Chinese title, in Docs/findings.md.
@Suite struct FindingCodeDocsTests {
    @Test("Docs/findings.md lists every finding code with its 问题类型")
    func everyCodeListed() throws {
        let docs = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Docs/findings.md"), encoding: .utf8)
        for code in FindingCode.allCases {
            #expect(docs.contains("| `\(code.rawValue)` | \(code.title) |"), "\(code.rawValue) is missing from Docs/findings.md")
        }
    }

    @Test("titles are Chinese and distinct within a family of codes")
    func titles() {
        for code in FindingCode.allCases {
            #expect(code.title.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(code)")
        }
        let families = Dictionary(grouping: FindingCode.allCases) { $0.rawValue.prefix { $0 != "_" } }
        for (_, codes) in families {
            #expect(Set(codes.map(\.title)).count == codes.count, "\(codes)")
        }
    }
}
