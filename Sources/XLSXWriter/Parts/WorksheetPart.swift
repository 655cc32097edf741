import Foundation
import XLSXCore

/// `xl/worksheets/sheetN.xml`: the elements around `<sheetData>`, in the order CT_Worksheet requires.
enum WorksheetPart {
    /// Relationship ids the sheet refers to.
    struct Links {
        var hyperlinkIDs: [Int: String] = [:]
        var legacyDrawingID: String?
        var drawingID: String?
    }

    /// What comes before and after a sheet's rows.
    struct Frame: Equatable {
        var head: [UInt8]
        var tail: [UInt8]

        init(_ sheet: SheetWriter, styles: StyleTable, links: Links, selected: Bool) {
            head = WorksheetPart.header(sheet, selected: selected)
            tail = WorksheetPart.footer(sheet, styles: styles, links: links)
        }
    }

    /// Writes the complete part to `path`: header, the spooled rows, footer.
    static func write(_ frame: Frame, body: SpoolFile, to path: String) throws {
        guard let out = fopen(path, "wb") else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot create a temporary file: \(String(cString: strerror(code)))",
                zh: "无法创建临时文件：\(ChineseText.systemReason(code))", location: ErrorLocation(file: path))
        }
        var closed = false
        defer { if !closed { fclose(out) } }
        let (head, tail) = (frame.head, frame.tail)
        guard head.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, out) }) == head.count else {
            throw XLSXError(
                .ioError, "cannot write a temporary file; check the free disk space", zh: "无法写入临时文件", zhHint: "请检查磁盘空间是否已满",
                location: ErrorLocation(file: path))
        }
        try body.copy(to: out)
        guard tail.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, out) }) == tail.count else {
            throw XLSXError(
                .ioError, "cannot write a temporary file; check the free disk space", zh: "无法写入临时文件", zhHint: "请检查磁盘空间是否已满",
                location: ErrorLocation(file: path))
        }
        closed = true
        guard fclose(out) == 0 else {
            let code = errno
            throw XLSXError(
                .ioError, "cannot finish a temporary file", zh: "无法完成临时文件的写入：\(ChineseText.systemReason(code))",
                zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
        }
    }

    /// `<rowBreaks>` or `<colBreaks>`: manual breaks before the given zero-based rows or columns.
    private static func breaks(_ element: String, _ positions: [Int], max: Int, into x: inout XMLBuffer) {
        let ids = Array(Set(positions.filter { $0 > 0 })).sorted()
        guard !ids.isEmpty else { return }
        x.raw("<\(element)")
        x.attribute("count", ids.count)
        x.attribute("manualBreakCount", ids.count)
        x.raw(">")
        for id in ids {
            x.raw("<brk")
            x.attribute("id", id)
            x.attribute("max", max)
            x.raw(" man=\"1\"/>")
        }
        x.raw("</\(element)>")
    }

    static func header(_ sheet: SheetWriter, selected: Bool) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if sheet.tabColor != nil || sheet.pageSetup.fitToWidth {
            x.raw("<sheetPr>")
            if let c = sheet.tabColor {
                x.raw("<tabColor")
                x.attribute("rgb", c.argb)
                x.raw("/>")
            }
            if sheet.pageSetup.fitToWidth { x.raw("<pageSetUpPr fitToPage=\"1\"/>") }
            x.raw("</sheetPr>")
        }
        x.raw("<dimension")
        x.attribute("ref", sheet.usedRange?.description ?? "A1")
        x.raw("/><sheetViews><sheetView")
        if !sheet.showGridLines { x.raw(" showGridLines=\"0\"") }
        if selected { x.raw(" tabSelected=\"1\"") }
        x.raw(" workbookViewId=\"0\">")
        if let f = sheet.frozen {
            let topLeft = CellReference(row: f.rows, column: f.columns).description
            let pane = f.rows > 0 && f.columns > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight"
            x.raw("<pane")
            if f.columns > 0 { x.attribute("xSplit", f.columns) }
            if f.rows > 0 { x.attribute("ySplit", f.rows) }
            x.attribute("topLeftCell", topLeft)
            x.attribute("activePane", pane)
            x.raw(" state=\"frozen\"/><selection")
            x.attribute("pane", pane)
            x.attribute("activeCell", topLeft)
            x.attribute("sqref", topLeft)
            x.raw("/>")
        }
        x.raw("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"14.25\"/>")
        var widths = sheet.columnWidths
        if sheet.autoFitColumns {
            for (c, w) in sheet.contentWidths where widths[c] == nil { widths[c] = min(max(w + 2, 8), 80) }
        }
        let columns = Set(widths.keys).union(sheet.hiddenColumns).sorted()
        if !columns.isEmpty {
            x.raw("<cols>")
            for c in columns {
                x.raw("<col")
                x.attribute("min", c + 1)
                x.attribute("max", c + 1)
                x.attribute("width", CellValue.format(((widths[c] ?? 8.43) * 100).rounded() / 100))
                if sheet.hiddenColumns.contains(c) { x.raw(" hidden=\"1\"") }
                if widths[c] != nil { x.raw(" customWidth=\"1\"") }
                x.raw("/>")
            }
            x.raw("</cols>")
        }
        x.raw("<sheetData>")
        return x.bytes
    }

    static func footer(_ sheet: SheetWriter, styles: StyleTable, links: Links) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("</sheetData>")
        if let p = sheet.protection {
            let o = p.options
            x.raw("<sheetProtection")
            if let hash = p.hash { x.attribute("password", hash) }
            x.raw(" sheet=\"1\" objects=\"1\" scenarios=\"1\"")
            let allowed: [(StaticString, Bool)] = [
                ("formatCells", o.formatCells), ("formatColumns", o.formatColumns), ("formatRows", o.formatRows),
                ("insertColumns", o.insertColumns), ("insertRows", o.insertRows), ("insertHyperlinks", o.insertHyperlinks),
                ("deleteColumns", o.deleteColumns), ("deleteRows", o.deleteRows),
            ]
            for (name, allow) in allowed where allow {
                x.raw(" ")
                x.raw(name)
                x.raw("=\"0\"")
            }
            if !o.selectLockedCells { x.raw(" selectLockedCells=\"1\"") }
            if o.sort { x.raw(" sort=\"0\"") }
            if o.autoFilter { x.raw(" autoFilter=\"0\"") }
            if !o.selectUnlockedCells { x.raw(" selectUnlockedCells=\"1\"") }
            x.raw("/>")
        }
        if let f = sheet.autoFilter {
            x.raw("<autoFilter")
            x.attribute("ref", f.description)
            x.raw("/>")
        }
        if !sheet.merges.isEmpty {
            x.raw("<mergeCells")
            x.attribute("count", sheet.merges.count)
            x.raw(">")
            for m in sheet.merges {
                x.raw("<mergeCell")
                x.attribute("ref", m.description)
                x.raw("/>")
            }
            x.raw("</mergeCells>")
        }
        writeConditionalFormats(sheet.conditionalFormats, styles: styles, into: &x)
        writeValidations(sheet.validations, into: &x)
        if !sheet.hyperlinks.isEmpty {
            x.raw("<hyperlinks>")
            for (i, link) in sheet.hyperlinks.enumerated() {
                x.raw("<hyperlink")
                x.attribute("ref", link.cell.description)
                if link.external, let id = links.hyperlinkIDs[i] {
                    x.attribute("r:id", id)
                } else {
                    x.attribute("location", link.target)
                }
                if let t = link.tooltip { x.attribute("tooltip", t) }
                x.attribute("display", link.target)
                x.raw("/>")
            }
            x.raw("</hyperlinks>")
        }
        let page = sheet.pageSetup
        if page.centerHorizontally { x.raw("<printOptions horizontalCentered=\"1\"/>") }
        let m = page.margins
        x.raw("<pageMargins")
        x.attribute("left", CellValue.format(m.left))
        x.attribute("right", CellValue.format(m.right))
        x.attribute("top", CellValue.format(m.top))
        x.attribute("bottom", CellValue.format(m.bottom))
        x.attribute("header", CellValue.format(m.header))
        x.attribute("footer", CellValue.format(m.footer))
        x.raw("/><pageSetup")
        x.attribute("paperSize", page.paper.rawValue)
        if let scale = page.scale, !page.fitToWidth { x.attribute("scale", min(max(scale, 10), 400)) }
        if page.fitToWidth { x.raw(" fitToWidth=\"1\" fitToHeight=\"\(max(page.fitToHeight, 0))\"") }
        x.attribute("orientation", page.orientation.rawValue)
        x.raw("/>")
        if page.header != nil || page.footer != nil {
            x.raw("<headerFooter>")
            if let h = page.header {
                x.raw("<oddHeader>")
                x.text(h)
                x.raw("</oddHeader>")
            }
            if let f = page.footer {
                x.raw("<oddFooter>")
                x.text(f)
                x.raw("</oddFooter>")
            }
            x.raw("</headerFooter>")
        }
        breaks("rowBreaks", page.rowBreaks, max: Limits.maxColumns - 1, into: &x)
        breaks("colBreaks", page.columnBreaks, max: Limits.maxRows - 1, into: &x)
        if let id = links.drawingID {
            x.raw("<drawing")
            x.attribute("r:id", id)
            x.raw("/>")
        }
        if let id = links.legacyDrawingID {
            x.raw("<legacyDrawing")
            x.attribute("r:id", id)
            x.raw("/>")
        }
        x.raw("</worksheet>")
        return x.bytes
    }

    private static func sqref(_ ranges: [CellRange]) -> String { ranges.map(\.description).joined(separator: " ") }

    private static func writeValidations(_ rules: [DataValidation], into x: inout XMLBuffer) {
        guard !rules.isEmpty else { return }
        x.raw("<dataValidations")
        x.attribute("count", rules.count)
        x.raw(">")
        for rule in rules {
            let (f1, f2) = rule.kind.formulas
            x.raw("<dataValidation")
            x.attribute("type", rule.kind.type)
            if rule.errorStyle != .stop { x.attribute("errorStyle", rule.errorStyle.rawValue) }
            if let op = rule.kind.comparison, op != .between { x.attribute("operator", op.rawValue) }
            if rule.allowBlank { x.raw(" allowBlank=\"1\"") }
            if rule.hidesDropDownArrow { x.raw(" showDropDown=\"1\"") }
            if rule.prompt != nil || rule.promptTitle != nil { x.raw(" showInputMessage=\"1\"") }
            x.raw(" showErrorMessage=\"1\"")
            if let t = rule.errorTitle { x.attribute("errorTitle", t) }
            if let e = rule.error { x.attribute("error", e) }
            if let t = rule.promptTitle { x.attribute("promptTitle", t) }
            if let p = rule.prompt { x.attribute("prompt", p) }
            x.attribute("sqref", sqref(rule.ranges))
            x.raw(">")
            if let f1 {
                x.raw("<formula1>")
                x.text(f1)
                x.raw("</formula1>")
            }
            if let f2 {
                x.raw("<formula2>")
                x.text(f2)
                x.raw("</formula2>")
            }
            x.raw("</dataValidation>")
        }
        x.raw("</dataValidations>")
    }

    private static func writeConditionalFormats(_ formats: [ConditionalFormat], styles: StyleTable, into x: inout XMLBuffer) {
        var priority = 1
        for format in formats {
            x.raw("<conditionalFormatting")
            x.attribute("sqref", sqref(format.ranges))
            x.raw(">")
            for rule in format.rules {
                switch rule {
                case .cellValue(let op, let a, let b, let style):
                    x.raw("<cfRule type=\"cellIs\"")
                    x.attribute("dxfId", styles.register(style))
                    x.attribute("priority", priority)
                    x.attribute("operator", op.rawValue)
                    x.raw("><formula>")
                    x.text(a)
                    x.raw("</formula>")
                    if let b {
                        x.raw("<formula>")
                        x.text(b)
                        x.raw("</formula>")
                    }
                    x.raw("</cfRule>")
                case .expression(let f, let style):
                    x.raw("<cfRule type=\"expression\"")
                    x.attribute("dxfId", styles.register(style))
                    x.attribute("priority", priority)
                    x.raw("><formula>")
                    x.text(f)
                    x.raw("</formula></cfRule>")
                case .dataBar(let color):
                    x.raw("<cfRule type=\"dataBar\"")
                    x.attribute("priority", priority)
                    x.raw("><dataBar><cfvo type=\"min\"/><cfvo type=\"max\"/><color")
                    x.attribute("rgb", color.argb)
                    x.raw("/></dataBar></cfRule>")
                case .colorScale(let colors):
                    x.raw("<cfRule type=\"colorScale\"")
                    x.attribute("priority", priority)
                    x.raw("><colorScale><cfvo type=\"min\"/>")
                    if colors.count > 2 { x.raw("<cfvo type=\"percentile\" val=\"50\"/>") }
                    x.raw("<cfvo type=\"max\"/>")
                    for c in colors.prefix(3) {
                        x.raw("<color")
                        x.attribute("rgb", c.argb)
                        x.raw("/>")
                    }
                    x.raw("</colorScale></cfRule>")
                }
                priority += 1
            }
            x.raw("</conditionalFormatting>")
        }
    }
}
