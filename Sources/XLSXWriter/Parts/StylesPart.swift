import XLSXCore

/// `xl/styles.xml`: fonts, fills, borders, number formats and cell formats, deduplicated.
final class StyleTable {
    private(set) var styles: [Style] = [.normal]
    private var index: [Style: Int] = [.normal: 0]
    private(set) var differential: [DifferentialStyle] = []
    private var dateVariants: [Int: Int] = [:]

    /// Registers a style, returning the handle of an equal one when it exists.
    func register(_ style: Style) -> StyleID {
        if let i = index[style] { return StyleID(index: i) }
        styles.append(style)
        index[style] = styles.count - 1
        return StyleID(index: styles.count - 1)
    }

    /// Registers a conditional-format style and returns its `dxfId`.
    func register(_ style: DifferentialStyle) -> Int {
        if let i = differential.firstIndex(of: style) { return i }
        differential.append(style)
        return differential.count - 1
    }

    /// The style to write a date with: `id` itself when it has a number format, else a copy with a date format.
    func dateStyle(for id: StyleID, kind: ExcelDateTime.Kind) -> StyleID {
        let style = styles[id.index]
        if style.numberFormat != nil { return id }
        let key = id.index * 4 + (kind == .date ? 0 : kind == .time ? 1 : kind == .duration ? 2 : 3)
        if let cached = dateVariants[key] { return StyleID(index: cached) }
        var copy = style
        switch kind {
        case .date: copy.numberFormat = "yyyy\\-mm\\-dd"
        case .time: copy.numberFormat = "hh:mm:ss"
        case .duration: copy.numberFormat = "[h]:mm:ss"
        case .dateTime: copy.numberFormat = "yyyy\\-mm\\-dd hh:mm:ss"
        }
        let registered = register(copy)
        dateVariants[key] = registered.index
        return registered
    }

    /// The built-in id for a format code, so that the table only lists custom ones.
    private static let builtInIDs: [String: Int] = {
        var ids: [String: Int] = [:]
        for (id, code) in NumberFormat.builtIn where id <= 22 || (id >= 37 && id <= 49) {
            if ids[code] == nil || id < ids[code]! { ids[code] = id }
        }
        return ids
    }()

    func write() -> [UInt8] {
        var fonts = Interned<Font>(base: 0)
        var fills = Interned<Color>(base: 2)  // fills 0 and 1 are the required none and gray125
        var borders = Interned<Border>(base: 0)
        _ = borders.id(of: Border())
        var formats = Interned<String>(base: 164)
        var xfs: [(font: Int, fill: Int, border: Int, numFmt: Int, style: Style)] = []
        for style in styles {
            let font = fonts.id(of: style.font)
            let fill = style.fill.map { fills.id(of: $0) } ?? 0
            let border = borders.id(of: style.border)
            var numFmt = 0
            if let code = style.numberFormat { numFmt = StyleTable.builtInIDs[code] ?? formats.id(of: code) }
            xfs.append((font, fill, border, numFmt, style))
        }

        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        if !formats.values.isEmpty {
            x.raw("<numFmts")
            x.attribute("count", formats.values.count)
            x.raw(">")
            for (i, code) in formats.values.enumerated() {
                x.raw("<numFmt")
                x.attribute("numFmtId", 164 + i)
                x.attribute("formatCode", code)
                x.raw("/>")
            }
            x.raw("</numFmts>")
        }
        x.raw("<fonts")
        x.attribute("count", fonts.values.count)
        x.raw(">")
        for f in fonts.values { writeFont(f, into: &x) }
        x.raw("</fonts><fills")
        x.attribute("count", fills.values.count + 2)
        x.raw("><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for c in fills.values {
            x.raw("<fill><patternFill patternType=\"solid\"><fgColor")
            x.attribute("rgb", c.argb)
            x.raw("/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        x.raw("</fills><borders")
        x.attribute("count", borders.values.count)
        x.raw(">")
        for b in borders.values { writeBorder(b, into: &x) }
        x.raw("</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs")
        x.attribute("count", xfs.count)
        x.raw(">")
        for xf in xfs {
            x.raw("<xf")
            x.attribute("numFmtId", xf.numFmt)
            x.attribute("fontId", xf.font)
            x.attribute("fillId", xf.fill)
            x.attribute("borderId", xf.border)
            x.raw(" xfId=\"0\"")
            if xf.numFmt != 0 { x.raw(" applyNumberFormat=\"1\"") }
            if xf.font != 0 { x.raw(" applyFont=\"1\"") }
            if xf.fill != 0 { x.raw(" applyFill=\"1\"") }
            if xf.border != 0 { x.raw(" applyBorder=\"1\"") }
            let a = xf.style.alignment
            let hasAlignment = a != Alignment()
            let hasProtection = !xf.style.locked || xf.style.hidden
            if hasAlignment { x.raw(" applyAlignment=\"1\"") }
            if hasProtection { x.raw(" applyProtection=\"1\"") }
            if !hasAlignment && !hasProtection {
                x.raw("/>")
                continue
            }
            x.raw(">")
            if hasAlignment {
                x.raw("<alignment")
                if let h = a.horizontal { x.attribute("horizontal", h.rawValue) }
                if let v = a.vertical { x.attribute("vertical", v.rawValue) }
                if a.wrap { x.raw(" wrapText=\"1\"") }
                if a.indent > 0 { x.attribute("indent", a.indent) }
                x.raw("/>")
            }
            if hasProtection {
                x.raw("<protection")
                x.raw(xf.style.locked ? " locked=\"1\"" : " locked=\"0\"")
                if xf.style.hidden { x.raw(" hidden=\"1\"") }
                x.raw("/>")
            }
            x.raw("</xf>")
        }
        x.raw("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        x.raw("<dxfs")
        x.attribute("count", differential.count)
        x.raw(">")
        for d in differential {
            x.raw("<dxf>")
            if d.fontColor != nil || d.bold != nil {
                x.raw("<font>")
                if let bold = d.bold { x.raw(bold ? "<b/>" : "<b val=\"0\"/>") }
                if let c = d.fontColor {
                    x.raw("<color")
                    x.attribute("rgb", c.argb)
                    x.raw("/>")
                }
                x.raw("</font>")
            }
            if let fill = d.fill {
                x.raw("<fill><patternFill patternType=\"solid\"><fgColor")
                x.attribute("rgb", fill.argb)
                x.raw("/><bgColor")
                x.attribute("rgb", fill.argb)
                x.raw("/></patternFill></fill>")
            }
            x.raw("</dxf>")
        }
        x.raw("</dxfs><tableStyles count=\"0\"/></styleSheet>")
        return x.bytes
    }

    private func writeFont(_ f: Font, into x: inout XMLBuffer) {
        x.raw("<font>")
        if f.bold { x.raw("<b/>") }
        if f.italic { x.raw("<i/>") }
        if f.underline { x.raw("<u/>") }
        x.raw("<sz")
        x.attribute("val", CellValue.format(f.size))
        x.raw("/>")
        if let c = f.color {
            x.raw("<color")
            x.attribute("rgb", c.argb)
            x.raw("/>")
        }
        x.raw("<name")
        x.attribute("val", f.name)
        x.raw("/><family val=\"2\"/><charset val=\"134\"/></font>")
    }

    private func writeBorder(_ b: Border, into x: inout XMLBuffer) {
        x.raw("<border>")
        for (tag, line) in [("left", b.left), ("right", b.right), ("top", b.top), ("bottom", b.bottom)] {
            x.raw("<")
            x.raw(tag)
            if let line {
                x.attribute("style", line.rawValue)
                x.raw("><color")
                if let c = b.color { x.attribute("rgb", c.argb) } else { x.raw(" auto=\"1\"") }
                x.raw("/></")
                x.raw(tag)
                x.raw(">")
            } else {
                x.raw("/>")
            }
        }
        x.raw("<diagonal/></border>")
    }
}

/// Distinct values in first-seen order, each with its id (its position plus `base`).
private struct Interned<T: Hashable> {
    let base: Int
    private(set) var values: [T] = []
    private var ids: [T: Int] = [:]

    init(base: Int) { self.base = base }

    mutating func id(of value: T) -> Int {
        if let id = ids[value] { return id }
        values.append(value)
        ids[value] = base + values.count - 1
        return base + values.count - 1
    }
}
