import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader
@testable import XLSXWriter

/// Large parts deflated side by side (`ZipWriter`, `StreamingDeflate`): the package reads back whole, each
/// part deflated with its checksum right, the same calls give the same bytes, and the same parts however
/// they were deflated.
@Suite struct ParallelDeflateTests {
    /// Two sheets and a shared-strings table of about a megabyte each, over `ZipWriter.parallelThreshold`.
    static func book() throws -> WorkbookBuilder {
        let book = try WorkbookBuilder()
        for name in ["甲", "乙"] {
            let sheet = try book.addSheet(name)
            for r in 0..<12_000 { try sheet.addRow([.number(Double(r)), .text("\(name)\(r)"), .text("第\(r % 50)组")]) }
        }
        return book
    }

    @Test("a package whose parts were deflated in parallel reads back whole")
    func readsBack() throws {
        let bytes = try Self.book().data()
        let read = try Workbook(bytes: bytes)
        #expect(read.sheets.map(\.name) == ["甲", "乙"])
        for (k, name) in ["甲", "乙"].enumerated() {
            var rows = 0
            var last: Row?
            try read.forEachRow(in: read.sheets[k]) { rows += 1; last = $0 }
            #expect(rows == 12_000)
            #expect(last?.cells.map(\.value) == [.number(11_999), .string("\(name)11999"), .string("第49组")])
        }
    }

    @Test("every part is deflated, its CRC right, and the bytes do not depend on how it was deflated", .requires(.program("python3")))
    func crcAndDeterminism() throws {
        let dir = try makeTemporaryDirectory()
        let a = dir.appendingPathComponent("a.xlsx").path, b = dir.appendingPathComponent("b.xlsx").path
        try Self.book().write(to: a)
        let serial = try Self.book()
        serial.parallelDeflate = false
        try serial.write(to: b)
        let again = dir.appendingPathComponent("again.xlsx").path
        try Self.book().write(to: again)
        let same = try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: again))
        let sameParts = try FinishSheetTests.parts([UInt8](Data(contentsOf: URL(fileURLWithPath: a)))) == FinishSheetTests.parts([UInt8](Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(same, "the same calls give the same bytes")
        #expect(sameParts, "the same parts as libzip deflating each in turn")
        let check = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(z.testzip())
            for i in z.infolist():
                print(i.filename, i.compress_type, i.file_size > i.compress_size, oct(i.external_attr >> 16), i.date_time[0])
            """
        let out = try runProcess("python3", ["-c", check, a]).stdout.split(separator: "\n")
        #expect(out.first == "None", "every CRC matches")
        let parts = out.dropFirst()
        #expect(parts.contains { $0.hasPrefix("xl/worksheets/sheet1.xml 8 True 0o100644 2000") })
        #expect(parts.contains { $0.hasPrefix("xl/worksheets/sheet2.xml 8 True 0o100644 2000") })
        #expect(parts.contains { $0.hasPrefix("xl/sharedStrings.xml 8 True 0o100644 2000") })
        #expect(parts.allSatisfy { $0.contains(" 8 ") && $0.contains("0o100644 2000") })
    }

    @Test("a part whose background deflating fails is deflated with the package instead")
    func failedBackgroundDeflate() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("part.xml").path
        let bytes = [UInt8]((0..<400_000).map { UInt8(ascii: "a") + UInt8($0 % 26) })
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        // A folder where the background job would write its archive: zip_open can make nothing there.
        try FileManager.default.createDirectory(atPath: file + ".deflated.zip", withIntermediateDirectories: false)
        let out = dir.appendingPathComponent("out.zip").path
        let zip = try ZipWriter(path: out, compressionLevel: 6, modificationTime: WorkbookBuilder.packageTime)
        try zip.add("part.xml", file: file)
        try zip.close()
        let archive = try ZipArchive(path: out)
        var read: [UInt8] = []
        try archive.read("part.xml") { read += $0 }
        let same = read == bytes
        #expect(same)
        let size = try #require(FileManager.default.attributesOfItem(atPath: out)[.size] as? Int)
        #expect(size < bytes.count / 10, "deflated, not stored")
    }

    @Test("entries deflated while written carry the same zip header fields as libzip deflating them", .requires(.program("python3")), arguments: [1, 6, 9])
    func headerFields(_ level: Int) throws {
        let dir = try makeTemporaryDirectory()
        func write(parallel: Bool) throws -> String {
            let book = try WorkbookBuilder(compressionLevel: level)
            book.parallelDeflate = parallel
            let sheet = try book.addSheet("甲")
            for r in 0..<10_000 { try sheet.addRow([.number(Double(r)), .text("第\(r)行")]) }
            let path = dir.appendingPathComponent("\(parallel)-\(level).xlsx").path
            try book.write(to: path)
            return path
        }
        let fields = """
            import sys, zipfile
            for i in zipfile.ZipFile(sys.argv[1]).infolist():
                print(i.filename, i.flag_bits, i.extract_version, i.create_version, i.create_system, i.compress_type)
            """
        let streamed = try runProcess("python3", ["-c", fields, try write(parallel: true)]).stdout
        let inTurn = try runProcess("python3", ["-c", fields, try write(parallel: false)]).stdout
        #expect(streamed == inTurn)
        #expect(streamed.contains("xl/worksheets/sheet1.xml \(level < 3 ? 4 : level > 7 ? 2 : 0) 20"))
    }
}
