import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct WorkbookPartParserTests {
    static let workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(NS.main)" xmlns:r="\(NS.rels)">
          <workbookPr date1904="1"/>
          <sheets>
            <sheet name="填报" sheetId="3" r:id="rId3"/>
            <sheet name="Hidden" sheetId="1" state="hidden" r:id="rId1"/>
            <sheet name="Secret" sheetId="2" state="veryHidden" r:id="rId2"/>
          </sheets>
          <definedNames>
            <definedName name="_xlnm.Print_Area" localSheetId="0">填报!$A$1:$H$40</definedName>
            <definedName name="Rate" hidden="1">Hidden!$B$2</definedName>
          </definedNames>
        </workbook>
        """

    @Test("sheets come in tab order with their ids, states and relationship ids")
    func sheetOrderAndState() throws {
        let parser = try parse(Self.workbook, into: WorkbookPartParser())
        #expect(parser.sheets.map(\.name) == ["填报", "Hidden", "Secret"])
        #expect(parser.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(parser.sheets.map(\.sheetID) == [3, 1, 2])
        #expect(parser.sheets.map(\.relationshipID) == ["rId3", "rId1", "rId2"])
    }

    @Test("defined names keep their formula, their local sheet and their hidden flag")
    func definedNames() throws {
        let names = try parse(Self.workbook, into: WorkbookPartParser()).definedNames
        #expect(
            names == [
                DefinedName(name: "_xlnm.Print_Area", formula: "填报!$A$1:$H$40", localSheet: 0, hidden: false),
                DefinedName(name: "Rate", formula: "Hidden!$B$2", localSheet: nil, hidden: true),
            ])
    }

    @Test("date1904 is read from workbookPr, as 1 or true", arguments: [
        ("<workbookPr date1904=\"1\"/>", true), ("<workbookPr date1904=\"true\"/>", true),
        ("<workbookPr date1904=\"0\"/>", false), ("<workbookPr/>", false), ("", false),
    ])
    func date1904(pr: String, expected: Bool) throws {
        let xml = "<workbook xmlns=\"\(NS.main)\">\(pr)<sheets/></workbook>"
        #expect(try parse(xml, into: WorkbookPartParser()).date1904 == expected)
    }

    @Test("a Strict workbook reads the same as a transitional one")
    func strictNamespace() throws {
        let xml = """
            <workbook xmlns="\(NS.strict)" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">
            <sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let parser = try parse(xml, into: WorkbookPartParser())
        #expect(parser.sheets.map(\.name) == ["A"])
        #expect(parser.sheets.first?.relationshipID == "rId1")
    }

    @Test("an unknown state counts as visible, a missing name gets a placeholder")
    func lenientAttributes() throws {
        let xml = "<workbook xmlns=\"\(NS.main)\"><sheets><sheet sheetId=\"1\" state=\"odd\"/></sheets></workbook>"
        let parser = try parse(xml, into: WorkbookPartParser())
        #expect(parser.sheets.first?.state == .visible)
        #expect(parser.sheets.first?.name == "Sheet1")
    }
}
