import Foundation
import Testing
import TestSupport
@testable import MinshengKit
import XLSXCore

@Suite struct TextAndOutputTests {
    @Test("GB18030 text, as Chinese Excel and WPS export CSV, is recognised and decoded")
    func gb18030() throws {
        // 南湖区,8.1 in GB18030 (GBK range).
        let bytes: [UInt8] = [0xC4, 0xCF, 0xBA, 0xFE, 0xC7, 0xF8, 0x2C, 0x38, 0x2E, 0x31, 0x0A]
        let (text, encoding) = try TextDecoding.decode(bytes)
        #expect(encoding == .gb18030)
        #expect(DelimitedText.parse(text) == [["南湖区", "8.1"]])
    }

    @Test("UTF-8 with and without a byte-order mark")
    func utf8() throws {
        let plain = Array("编号,名称\r\n\"P3\",\"带,逗号\"\r\n".utf8)
        #expect(try TextDecoding.decode(plain).encoding == .utf8)
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + plain).text == String(decoding: plain, as: UTF8.self))
        #expect(DelimitedText.parse(try TextDecoding.decode(plain).text) == [["编号", "名称"], ["P3", "带,逗号"]])
    }

    @Test("bytes that are neither UTF-8 nor GB18030 are refused with a hint")
    func garbage() {
        #expect(throws: XLSXError.self) { try TextDecoding.decode([0xFF, 0xFF, 0xFF, 0x81, 0x30]) }
    }

    @Test("a failed atomic write leaves neither a partial file nor a temporary one")
    func atomic() throws {
        let dir = try makeTemporaryDirectory()
        let target = dir.appendingPathComponent("sub/out.json").path  // the folder does not exist
        #expect(throws: DomainError.self) { try AtomicFile.write(Data("{}".utf8), to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let ok = dir.appendingPathComponent("out.json").path
        try AtomicFile.write(Data("{}".utf8), to: ok)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }
}
