import XLSXCore

/// A clustered column chart of one or more series over the same categories.
public struct ColumnChart: Hashable, Sendable {
    public struct Series: Hashable, Sendable {
        /// The series name, as a cell (`'总览'!$B$20`) or literal text.
        public var name: String
        /// The values, such as `'总览'!$B$21:$B$30`.
        public var values: String

        public init(name: String, values: String) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    /// The category labels, such as `'总览'!$A$21:$A$30`.
    public var categories: String
    public var series: [Series]
    /// The value axis number format (`0%`).
    public var valueFormat: String?
    /// The cells the chart covers.
    public var anchor: CellRange
    /// Columns (clustered) or lines.
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        case column, line
    }

    public init(title: String, categories: String, series: [Series], valueFormat: String? = nil, anchor: CellRange, kind: Kind = .column) {
        self.title = title
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
        self.anchor = anchor
        self.kind = kind
    }
}

/// `xl/charts/chartN.xml` and the drawing `xl/drawings/drawingN.xml` that places it on a sheet.
enum ChartPart {
    static let palette: [StaticString] = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]

    static func write(_ chart: ColumnChart) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        x.raw("<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>")
        x.text(chart.title)
        x.raw("</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>")
        let line = chart.kind == .line
        x.raw(line ? "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>" : "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>")
        for (i, s) in chart.series.enumerated() {
            x.raw("<c:ser><c:idx val=\"")
            x.int(i)
            x.raw("\"/><c:order val=\"")
            x.int(i)
            x.raw("\"/><c:tx>")
            if s.name.contains("!") {
                x.raw("<c:strRef><c:f>")
                x.text(s.name)
                x.raw("</c:f></c:strRef>")
            } else {
                x.raw("<c:v>")
                x.text(s.name)
                x.raw("</c:v>")
            }
            if line {
                // A solid line with round markers; without explicit properties some programs draw none.
                x.raw("</c:tx><c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"")
                x.raw(palette[i % palette.count])
                x.raw("\"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/></c:marker><c:cat><c:strRef><c:f>")
            } else {
                // An explicit fill: without one some programs draw the bars invisible.
                x.raw("</c:tx><c:spPr><a:solidFill><a:srgbClr val=\"")
                x.raw(palette[i % palette.count])
                x.raw("\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/><c:cat><c:strRef><c:f>")
            }
            x.text(chart.categories)
            x.raw("</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>")
            x.text(s.values)
            x.raw(line ? "</c:f></c:numRef></c:val><c:smooth val=\"0\"/></c:ser>" : "</c:f></c:numRef></c:val></c:ser>")
        }
        if line {
            x.raw("<c:marker val=\"1\"/><c:axId val=\"50010001\"/><c:axId val=\"50010002\"/></c:lineChart>")
        } else {
            x.raw("<c:gapWidth val=\"80\"/><c:axId val=\"50010001\"/><c:axId val=\"50010002\"/></c:barChart>")
        }
        x.raw("<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>")
        x.raw("<c:valAx><c:axId val=\"50010002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>")
        x.raw("<c:numFmt")
        x.attribute("formatCode", chart.valueFormat ?? "General")
        x.raw(" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>")
        x.raw("</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>")
        return x.bytes
    }

    /// The drawing part: one two-cell anchor per chart, each pointing at its chart by relationship id.
    static func writeDrawing(_ charts: [(ColumnChart, String)]) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">")
        for (i, (chart, rid)) in charts.enumerated() {
            x.raw("<xdr:twoCellAnchor><xdr:from><xdr:col>")
            x.int(chart.anchor.start.column)
            x.raw("</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>")
            x.int(chart.anchor.start.row)
            x.raw("</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>")
            x.int(chart.anchor.end.column + 1)
            x.raw("</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>")
            x.int(chart.anchor.end.row + 1)
            x.raw("</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr")
            x.attribute("id", i + 2)
            x.attribute("name", "Chart \(i + 1)")
            x.raw("/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm>")
            x.raw("<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"")
            x.attribute("r:id", rid)
            x.raw("/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>")
        }
        x.raw("</xdr:wsDr>")
        return x.bytes
    }
}
