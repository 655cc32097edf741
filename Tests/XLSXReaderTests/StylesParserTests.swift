import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct StylesParserTests {
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <styleSheet xmlns="\(NS.main)">
          <numFmts count="3">
            <numFmt numFmtId="164" formatCode="&quot;Total &quot;0.00"/>
            <numFmt numFmtId="165" formatCode="[h]:mm"/>
            <numFmt numFmtId="166" formatCode="[$-409]d\\-mmm\\-yy;@"/>
          </numFmts>
          <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
          <cellXfs count="6">
            <xf numFmtId="0"/>
            <xf numFmtId="14" applyNumberFormat="1"/>
            <xf numFmtId="164"/>
            <xf numFmtId="165"/>
            <xf numFmtId="166"><protection locked="0" hidden="1"/></xf>
            <xf numFmtId="46"><alignment wrapText="1"/></xf>
          </cellXfs>
          <dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="yyyy"/></dxf></dxfs>
        </styleSheet>
        """

    @Test("cellXfs give each style index its format code and category")
    func cellFormats() throws {
        let formats = try parse(Self.styles, into: StylesParser()).formats()
        #expect(formats.map(\.numberFormatID) == [0, 14, 164, 165, 166, 46])
        #expect(formats.map(\.category) == [.general, .date, .number, .duration, .date, .duration])
        #expect(formats[2].formatCode == "\"Total \"0.00")
        #expect(formats[1].formatCode == "yyyy/m/d")
    }

    @Test("cellStyleXfs are not cell formats, and a numFmt inside dxfs is ignored")
    func onlyCellXfs() throws {
        let parser = try parse(Self.styles, into: StylesParser())
        #expect(parser.formats().count == 6)
        let xml = """
            <styleSheet xmlns="\(NS.main)"><cellXfs><xf numFmtId="167"/></cellXfs>
            <dxfs><dxf><numFmt numFmtId="167" formatCode="yyyy"/></dxf></dxfs></styleSheet>
            """
        let f = try parse(xml, into: StylesParser()).formats()
        #expect(f.map(\.category) == [.general])
        #expect(f.first?.formatCode == "General")
    }

    @Test("protection: locked unless it says locked=0, hidden only when it says so")
    func protection() throws {
        let formats = try parse(Self.styles, into: StylesParser()).formats()
        #expect(formats.map(\.locked) == [true, true, true, true, false, true])
        #expect(formats.map(\.hidden) == [false, false, false, false, true, false])
    }

    @Test("built-in date ids are dates", arguments: Array(14...22) + Array(27...36) + Array(50...58))
    func builtInDates(id: Int) throws {
        let xml = "<styleSheet xmlns=\"\(NS.main)\"><cellXfs><xf numFmtId=\"\(id)\"/></cellXfs></styleSheet>"
        #expect(try parse(xml, into: StylesParser()).formats().first?.category == .date)
    }

    @Test("built-in 46 is a duration, 0-4 and 49 are not dates", arguments: [
        (46, NumberFormat.Category.duration), (0, .general), (1, .number), (2, .number), (4, .number), (49, .text),
    ])
    func builtInOthers(id: Int, category: NumberFormat.Category) throws {
        let xml = "<styleSheet xmlns=\"\(NS.main)\"><cellXfs><xf numFmtId=\"\(id)\"/></cellXfs></styleSheet>"
        #expect(try parse(xml, into: StylesParser()).formats().first?.category == category)
    }

    @Test("a custom format overrides the built-in code of the same id")
    func customOverridesBuiltIn() throws {
        let xml = """
            <styleSheet xmlns="\(NS.main)"><numFmts><numFmt numFmtId="14" formatCode="0.00"/></numFmts>
            <cellXfs><xf numFmtId="14"/></cellXfs></styleSheet>
            """
        let f = try parse(xml, into: StylesParser()).formats()
        #expect(f.first?.category == .number)
        #expect(f.first?.formatCode == "0.00")
    }
}
