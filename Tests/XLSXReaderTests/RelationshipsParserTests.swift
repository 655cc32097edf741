import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct RelationshipsParserTests {
    @Test("relationships keep id, type, target and external mode")
    func parseRelationships() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(NS.package)">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="ws/a.xml"/>
              <Relationship Id="rId2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="/xl/strings.xml"/>
              <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>
              <Relationship Id="rId4" Type="whatever"/>
            </Relationships>
            """
        let rels = try parse(xml, into: RelationshipsParser()).relationships
        #expect(rels.map(\.id) == ["rId1", "rId2", "rId3"])
        #expect(rels.map(\.target) == ["ws/a.xml", "/xl/strings.xml", "https://example.com/"])
        #expect(rels.map(\.external) == [false, false, true])
        #expect(rels[0].isType("worksheet"))
        #expect(rels[1].isType("sharedStrings"))
        #expect(!rels[1].isType("Strings"))
    }

    @Test("targets resolve against the folder of their source part", arguments: [
        ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("./ws/a.xml", "xl/wb.xml", "xl/ws/a.xml"),
        ("/xl/wb.xml", "", "xl/wb.xml"),
        ("/xl/styles.xml", "xl/workbook.xml", "xl/styles.xml"),
        ("../media/image1.png", "xl/drawings/drawing1.xml", "xl/media/image1.png"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
        ("sheet%201.xml", "xl/workbook.xml", "xl/sheet 1.xml"),
        ("worksheets\\sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("sheet1.xml#A1", "xl/workbook.xml", "xl/sheet1.xml"),
    ])
    func resolve(target: String, source: String, expected: String) {
        #expect(PartName.resolve(target, from: source) == expected)
    }

    @Test("a target above the package root or an external URI gives nil", arguments: [
        ("../../evil.xml", "xl/workbook.xml"), ("../x.xml", ""), ("/../x.xml", "xl/workbook.xml"),
        ("http://example.com/x.xml", "xl/workbook.xml"),
    ])
    func resolveRefused(target: String, source: String) {
        #expect(PartName.resolve(target, from: source) == nil)
    }

    @Test("the relationships part of a part", arguments: [
        ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"), ("/xl/wb.xml", "xl/_rels/wb.xml.rels"), ("", "_rels/.rels"),
        ("book.xml", "_rels/book.xml.rels"),
    ])
    func relationshipsPart(part: String, expected: String) {
        #expect(PartName.relationships(of: part) == expected)
    }
}
