import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader
@testable import XLSXWriter

/// Builds a package from raw parts with minsheng's zip writer, so each test controls every byte of XML.
func package(_ parts: [(String, [UInt8])], level: Int = 6) throws -> [UInt8] {
    let path = try makeTemporaryDirectory().appendingPathComponent("p.xlsx").path
    let zip = try ZipWriter(path: path, compressionLevel: level, modificationTime: 946_684_800)
    for (name, bytes) in parts { try zip.add(name, bytes: bytes) }
    try zip.close()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
let officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/// A minimal workbook whose parts can be replaced one by one.
func workbook(sheet: String = "<sheetData/>", sheetXML: String? = nil, workbookXML: String? = nil, sharedStrings: [UInt8]? = nil,
                      sheetTarget: String = "worksheets/sheet1.xml", extra: [(String, [UInt8])] = [], level: Int = 6) throws -> [UInt8] {
    var parts: [(String, [UInt8])] = [
        ("[Content_Types].xml", Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".utf8)),
        ("_rels/.rels", Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(officeRels)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
        ("xl/workbook.xml", Array((workbookXML ?? "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8)),
        ("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(officeRels)/worksheet\" Target=\"\(sheetTarget)\"/><Relationship Id=\"rId2\" Type=\"\(officeRels)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".utf8)),
        ("xl/worksheets/sheet1.xml", Array((sheetXML ?? "<worksheet xmlns=\"\(main)\">\(sheet)</worksheet>").utf8)),
    ]
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
    return try package(parts + extra, level: level)
}

/// Opens the bytes and reads every sheet, returning the error thrown.
private func readError(_ bytes: [UInt8], limits: ReadLimits = .standard) -> XLSXError? {
    do {
        let book = try Workbook(bytes: bytes, name: "hostile.xlsx", limits: limits)
        for s in book.sheets { _ = try book.grid(of: s) }
        return nil
    } catch let error as XLSXError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite(.timeLimit(.minutes(2))) struct HostileInputTests {
    @Test("a zip bomb (a part that inflates a thousand times) is refused before it is inflated")
    func zipBombRatio() throws {
        let padding = String(repeating: " ", count: 40 << 20)
        let bytes = try workbook(sheetXML: "<worksheet xmlns=\"\(main)\"><sheetData>\(padding)</sheetData></worksheet>", level: 9)
        #expect(bytes.count < 200_000)
        let error = readError(bytes)
        #expect(error?.code == .suspiciousCompression)
        #expect(error?.location.part == "xl/worksheets/sheet1.xml")
        #expect(error?.description.contains("zip bomb") == true)
    }

    @Test("a part whose header lies about its size is refused")
    func lyingSizes() throws {
        var bytes = try workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", level: 0)
        // Patch the declared uncompressed size of the sheet in the local and the central header to 10 bytes.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        for signature in [[0x50, 0x4B, 0x03, 0x04] as [UInt8], [0x50, 0x4B, 0x01, 0x02]] {
            let (sizeOffset, nameOffset) = signature[2] == 3 ? (22, 30) : (24, 46)
            var i = 0
            while i + nameOffset + name.count < bytes.count {
                if Array(bytes[i..<i + 4]) == signature, Array(bytes[(i + nameOffset)..<(i + nameOffset + name.count)]) == name {
                    bytes.replaceSubrange((i + sizeOffset)..<(i + sizeOffset + 4), with: [10, 0, 0, 0])
                }
                i += 1
            }
        }
        let error = readError(bytes)
        #expect(error?.code == .corruptZip)
    }

    @Test("entity expansion, external entities and any DOCTYPE are refused, never expanded", arguments: [
        "<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<!DOCTYPE workbook [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE workbook [<!ENTITY x SYSTEM \"http://127.0.0.1:9/evil.dtd\">]>",
        "<!DOCTYPE workbook SYSTEM \"http://127.0.0.1:9/evil.dtd\">",
        "<!DOCTYPE workbook>",
    ])
    func doctype(_ declaration: String) throws {
        let xml = "<?xml version=\"1.0\"?>\(declaration)<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\"><sheets><sheet name=\"&c;\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        let error = readError(try workbook(workbookXML: xml))
        #expect(error?.code == .forbiddenDTD)
        #expect(error?.location.part == "xl/workbook.xml")
    }

    @Test("XML nested a million deep is refused")
    func deepNesting() throws {
        let depth = 1_000_000
        let xml = "<worksheet xmlns=\"\(main)\"><sheetData>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</sheetData></worksheet>"
        let error = readError(try workbook(sheetXML: xml))
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("256") == true)
    }

    @Test("a shared string of 100 MB is refused")
    func hugeSharedString() throws {
        // Incompressible text: a 64 KiB pseudo-random block repeated (deflate cannot look back that far).
        var state: UInt64 = 42
        let block: [UInt8] = (0..<65_536).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(97 + (state >> 33) % 26)
        }
        var xml = Array("<sst xmlns=\"\(main)\"><si><t>".utf8)
        xml.reserveCapacity(100 << 20 + 100)
        for _ in 0..<1600 { xml += block }
        xml += Array("</t></si></sst>".utf8)
        let bytes = try workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>", sharedStrings: xml, level: 1)
        let error = readError(bytes)
        #expect(error?.code == .limitExceeded)
        #expect(error?.location.part == "xl/sharedStrings.xml")
    }

    @Test("cell and row references past XFD1048576 are refused", arguments: ["<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "<row r=\"1048577\"><c><v>1</v></c></row>", "<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>"])
    func pastTheGrid(_ row: String) throws {
        #expect(readError(try workbook(sheet: "<sheetData>\(row)</sheetData>"))?.code == .invalidCellReference)
    }

    @Test("NaN and infinities are not numbers", arguments: ["NaN", "inf", "-INF", "1e999", "0x10"])
    func notNumbers(_ v: String) throws {
        let error = readError(try workbook(sheet: "<sheetData><row r=\"1\"><c r=\"B2\"><v>\(v)</v></c></row></sheetData>"))
        #expect(error?.code == .invalidValue)
        #expect(error?.location.cell == CellReference("B2"))
    }

    @Test("invalid UTF-8 is malformed XML, located")
    func invalidUTF8() throws {
        let strings = Array("<sst xmlns=\"\(main)\"><si><t>".utf8) + [0xC3, 0x28, 0xFF] + Array("</t></si></sst>".utf8)
        let error = readError(try workbook(sharedStrings: strings))
        #expect(error?.code == .malformedXML)
        #expect(error?.location.part == "xl/sharedStrings.xml" && error?.location.line == 1)
    }

    @Test("of two cells with one reference, the later is the one a sheet in memory holds")
    func duplicateCells() throws {
        // Two cells named A1 (in one row, and in a row repeated): the later one is what the grid holds.
        let sheet = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c><c r=\"B1\"><v>5</v></c></row>"
            + "<row r=\"1\"><c r=\"B1\"><v>6</v></c></row></sheetData>"
        let book = try Workbook(bytes: try workbook(sheet: sheet), name: "dup.xlsx")
        let grid = try book.grid(of: book.sheets[0])
        #expect(grid.value(row: 0, column: 0) == .number(2))
        #expect(grid.value(row: 0, column: 1) == .number(6))
    }

    @Test("two sheets with the same name are refused")
    func duplicateNames() throws {
        let xml = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\"><sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"数据\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"
        #expect(readError(try workbook(workbookXML: xml))?.code == .duplicateSheetName)
    }

    @Test("relationships pointing nowhere or back at the workbook are errors, not hangs")
    func badRelationships() throws {
        // sheetId 5: no worksheets/sheet5.xml to fall back on.
        let wb = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\"><sheets><sheet name=\"S\" sheetId=\"5\" r:id=\"rId1\"/></sheets></workbook>"
        let nowhere = readError(try workbook(workbookXML: wb, sheetTarget: "worksheets/missing.xml"))
        #expect(nowhere?.code == .missingPart && nowhere?.location.sheet == "S")
        #expect(readError(try workbook(sheetTarget: "workbook.xml"))?.code == .invalidRelationship)
        #expect(readError(try workbook(sheetTarget: "_rels/workbook.xml.rels"))?.code == .invalidRelationship)
        #expect(readError(try workbook(workbookXML: wb, sheetTarget: "../../../etc/passwd"))?.code == .missingPart)
    }

    @Test("an entry name that climbs out of the package is refused")
    func dotDotEntry() throws {
        let bytes = try workbook(extra: [("../../evil.sh", Array("echo".utf8))])
        #expect(readError(bytes)?.code == .unsafeEntryName)
    }

    @Test("a truncated download, an encrypted workbook and a renamed .xls say what they are")
    func wrongFiles() throws {
        let bytes = try workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>")
        #expect(readError(Array(bytes.prefix(bytes.count / 2)))?.code == .truncatedZip)
        // An OLE2 compound file is read as .xls; one with nothing valid behind its signature is refused as damaged.
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1024)
        let error = readError(ole)
        #expect(error?.code == .corruptZip)
        #expect(error?.chineseDescription.contains("复合文档") == true)
        #expect(readError([0x00, 0x7F, 0x01, 0x02, 0x03])?.code == .notAZip)
        // Text is read as CSV (the content decides, not the name).
        #expect(try Workbook(bytes: Array("name,value\n南湖,1\n".utf8)).format == .csv)
    }
}
