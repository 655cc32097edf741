import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import XLSXWriter

@Suite struct LimitTests {
    @Test("sheet names Excel refuses are refused", arguments: [
        "", "a/b", "a[b]", "what?", "star*", "colon:", "back\\slash", "'quoted", "quoted'", "History",
        String(repeating: "长", count: 32),
    ])
    func badSheetNames(_ name: String) throws {
        let book = try WorkbookBuilder()
        #expect { try book.addSheet(name) } throws: { ($0 as? XLSXError)?.code == .invalidSheetName }
    }

    @Test("sheet names are unique ignoring case")
    func duplicateNames() throws {
        let book = try WorkbookBuilder()
        _ = try book.addSheet("Data")
        #expect { try book.addSheet("DATA") } throws: { ($0 as? XLSXError)?.code == .duplicateSheetName }
        #expect(throws: Never.self) { try book.addSheet(String(repeating: "长", count: 31)) }
    }

    @Test("cells past Excel's limits are refused with the limit named")
    func limits() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("S")
        #expect { try sheet.addRow([.text(String(repeating: "x", count: 32_768))]) } throws: {
            ($0 as? XLSXError)?.code == .limitExceeded && "\($0)".contains("32767")
        }
        #expect { try sheet.addRow(["x"], at: 1_048_576) } throws: { ($0 as? XLSXError)?.code == .limitExceeded }
        #expect { try sheet.addRow(["x"], startColumn: 16_384) } throws: { ($0 as? XLSXError)?.code == .limitExceeded }
        #expect { try sheet.addRow([.number(.nan)]) } throws: { ($0 as? XLSXError)?.code == .invalidValue }
        #expect { try sheet.addRow([.number(.infinity)]) } throws: { ($0 as? XLSXError)?.code == .invalidValue }
        try sheet.addRow(["ok"], at: 5)
        #expect { try sheet.addRow(["late"], at: 2) } throws: { ($0 as? XLSXError)?.code == .invalidValue }
    }

    @Test("overlapping merges are refused")
    func overlappingMerges() throws {
        let sheet = try WorkbookBuilder().addSheet("S")
        try sheet.merge(CellRange("A1:C2")!)
        #expect { try sheet.merge(CellRange("C2:D4")!) } throws: { ($0 as? XLSXError)?.code == .overlappingMerge }
        #expect(throws: Never.self) { try sheet.merge(CellRange("D1:E1")!) }
    }

    @Test("a drop-down list longer than 255 characters is refused")
    func longList() throws {
        let sheet = try WorkbookBuilder().addSheet("S")
        let values = (0..<100).map { "选项\($0)" }
        #expect { try sheet.addValidation(DataValidation(.list(values), ranges: [CellRange("A1")!])) } throws: {
            ($0 as? XLSXError)?.code == .limitExceeded
        }
    }

    @Test("text that looks like an escape or holds control characters reads back unchanged",
          arguments: ["_x0041_", "a\u{1}b", "tab\there", "line\nbreak", "\r\n", "  padded  ", "_x005F_", "<&>\"'"])
    func escapes(_ text: String) throws {
        let book = try WorkbookBuilder()
        try book.addSheet("S").addRow([.text(text), .formula("\"x\"", cached: .string(text))])
        let read = try Workbook(bytes: book.data())
        let grid = try read.grid(of: read.sheets[0])
        #expect(grid.value(row: 0, column: 0) == .string(text))
        #expect(grid.value(row: 0, column: 1) == .string(text))
    }

    @Test("inline strings read back the same as shared ones", arguments: [false, true])
    func inlineStrings(_ inline: Bool) throws {
        let book = try WorkbookBuilder(inlineStrings: inline)
        try book.addSheet("S").addRow([.text("南湖区"), .text("  padded  "), .text("_x0041_"), .text("a\u{1}b"), 8.1])
        let read = try Workbook(bytes: book.data())
        let grid = try read.grid(of: read.sheets[0])
        #expect((0..<5).map { grid.value(row: 0, column: $0) } == [.string("南湖区"), .string("  padded  "), .string("_x0041_"), .string("a\u{1}b"), .number(8.1)])
    }

    @Test("a failed write leaves the existing file untouched and no temporary file")
    func atomicWrite() throws {
        let dir = try makeTemporaryDirectory()
        let target = dir.appendingPathComponent("out.xlsx").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: target))
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("S")
        sheet.visibility = .hidden
        #expect(throws: XLSXError.self) { try book.write(to: target) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.xlsx"])
    }

    @Test("a big sheet streams to disk and reads back")
    func bigSheet() throws {
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("Big")
        for r in 0..<20_000 { try sheet.addRow([.number(Double(r)), .text("行\(r % 100)"), .number(Double(r) / 10)]) }
        let read = try Workbook(bytes: book.data())
        var rows = 0
        var last: Row?
        try read.forEachRow(in: read.sheets[0]) { rows += 1; last = $0 }
        #expect(rows == 20_000)
        #expect(last?.cells.map(\.value) == [.number(19_999), .string("行99"), .number(1999.9)])
    }
}
