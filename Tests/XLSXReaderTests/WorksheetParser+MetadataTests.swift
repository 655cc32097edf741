import Testing
import XLSXCore

@testable import XLSXReader

@Suite struct WorksheetMetadataTests {
    @Test("hidden rows and columns, row heights and column widths")
    func hiddenRowsAndColumns() throws {
        let xml = worksheetXML(
            "<row r=\"2\" hidden=\"1\" ht=\"20.5\"><c r=\"A2\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>1</v></c></row>",
            before: "<cols><col min=\"2\" max=\"3\" width=\"12.5\" hidden=\"1\"/><col min=\"5\" max=\"5\" width=\"9\"/></cols>")
        let (rows, metadata) = try parseWorksheet(xml)
        #expect(metadata.hiddenRows == [1])
        #expect(rows.map(\.hidden) == [true, false])
        #expect(rows.first?.height == 20.5)
        #expect(metadata.hiddenColumns == [1, 2])
        #expect(metadata.columnWidths == [1: 12.5, 2: 12.5, 4: 9])
    }

    @Test("merged ranges are read")
    func mergedRanges() throws {
        let xml = worksheetXML(
            "", after: "<mergeCells count=\"2\"><mergeCell ref=\"A1:C2\"/><mergeCell ref=\"$D$5:E9\"/></mergeCells>")
        #expect(try parseWorksheet(xml).metadata.mergedRanges == [CellRange("A1:C2")!, CellRange("D5:E9")!])
    }

    @Test("data validations keep type, ranges, both formulas, prompt and error")
    func dataValidations() throws {
        let xml = worksheetXML(
            "",
            after: """
                <dataValidations count="2">
                <dataValidation type="whole" operator="between" allowBlank="1" showInputMessage="1" showErrorMessage="1" \
                errorStyle="warning" errorTitle="错误" error="填 1 到 10" promptTitle="提示" prompt="整数" sqref="B2:B9 D2">
                <formula1>1</formula1><formula2>10</formula2></dataValidation>
                <dataValidation type="list" sqref="C2"><formula1>"是,否"</formula1></dataValidation>
                </dataValidations>
                """)
        let v = try parseWorksheet(xml).metadata.dataValidations
        #expect(v.count == 2)
        #expect(v[0].kind == .whole(.between, "1", "10"))
        #expect(v[0].kind.type == "whole")
        #expect(v[0].ranges == [CellRange("B2:B9")!, CellRange("D2")!])
        #expect(v[0].allowBlank && !v[0].hidesDropDownArrow)
        #expect(v[0].errorStyle == .warning)
        #expect(v[0].errorTitle == "错误")
        #expect(v[0].error == "填 1 到 10")
        #expect(v[0].promptTitle == "提示")
        #expect(v[0].prompt == "整数")
        #expect(v[0].covers(CellReference("B5")!))
        #expect(!v[0].covers(CellReference("C5")!))
        #expect(v[1].kind == .list(["是", "否"]))
        #expect(v[1].kind.formulas.0 == "\"是,否\"")
        #expect(v[1].kind.formulas.1 == nil)
        #expect(v[1].errorStyle == .stop)
    }

    @Test("sheet protection: the sheet flag, the hash and the other flags")
    func sheetProtection() throws {
        let xml = worksheetXML(
            "", after: "<sheetProtection password=\"CC1A\" sheet=\"1\" objects=\"1\" formatCells=\"0\" insertRows=\"true\"/>")
        let metadata = try parseWorksheet(xml).metadata
        #expect(metadata.isProtected)
        #expect(metadata.protection?.passwordHash == "CC1A")
        #expect(metadata.protection?.flags == ["objects": true, "formatCells": false, "insertRows": true])
        #expect(!(try parseWorksheet(worksheetXML("")).metadata.isProtected))
        #expect(!(try parseWorksheet(worksheetXML("", after: "<sheetProtection sheet=\"0\"/>")).metadata.isProtected))
    }

    @Test("frozen panes give the top-left cell of the scrolling pane", arguments: [
        ("<pane xSplit=\"1\" ySplit=\"2\" topLeftCell=\"B3\" activePane=\"bottomRight\" state=\"frozen\"/>", "B3"),
        ("<pane ySplit=\"1\" state=\"frozen\"/>", "A2"),
        ("<pane xSplit=\"2000\" ySplit=\"3000\" topLeftCell=\"C4\"/>", nil),
    ])
    func frozenPanes(pane: String, expected: String?) throws {
        let xml = worksheetXML("", before: "<sheetViews><sheetView workbookViewId=\"0\">\(pane)</sheetView></sheetViews>")
        #expect(try parseWorksheet(xml).metadata.frozenAt == expected.flatMap { CellReference($0) })
    }

    @Test("the declared dimension and hyperlinks are kept")
    func dimensionAndHyperlinks() throws {
        let xml = worksheetXML(
            "", before: "<dimension ref=\"A1:D9\"/>",
            after: "<hyperlinks><hyperlink ref=\"A1\" r:id=\"rId1\"/><hyperlink ref=\"B2\" location=\"Sheet2!A1\"/></hyperlinks>")
        let metadata = try parseWorksheet(xml).metadata
        #expect(metadata.declaredDimension == CellRange("A1:D9"))
        #expect(metadata.hyperlinks == [CellReference("A1")!: "rid:rId1", CellReference("B2")!: "#Sheet2!A1"])
    }
}
