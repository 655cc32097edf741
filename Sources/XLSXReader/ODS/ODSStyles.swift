import XLSXCore

/// What the ODS reader keeps of a document's styles: the common styles of `styles.xml` and the automatic
/// styles of `content.xml` (a `.fods` has both in one document), collected as the SAX events pass.
///
/// Only what a cell value needs is kept: which data style (number format) a cell style uses, which table
/// styles hide their sheet, and column widths and row heights.
final class ODSStyles {
    /// A `style:style` of family `table-cell`.
    struct CellStyle {
        var parent: String?
        var dataStyle: String?
    }

    private(set) var cellStyles: [String: CellStyle] = [:]
    private(set) var dataStyles: [String: ODSDataStyle] = [:]
    /// Table styles with `style:table-properties table:display="false"`: their sheets are hidden.
    private(set) var hiddenTableStyles: Set<String> = []
    /// Column widths in Excel's characters, by column style.
    private(set) var columnWidths: [String: Double] = [:]
    /// Row heights in points, by row style.
    private(set) var rowHeights: [String: Double] = [:]

    private enum Family { case cell, table, column, row, other }
    private var currentStyle: (name: String, family: Family)?
    @exclusivity(unchecked) private var currentData: ODSDataStyle?
    private var currentDataName: String?
    private var capture: ODSDataStyle.Capture?
    @exclusivity(unchecked) private var captured: [UInt8] = []

    /// A start tag inside `office:styles` or `office:automatic-styles`.
    func startElement(_ name: XMLName, _ attributes: XMLAttributes, _ ns: inout ODFNamespaceCache) {
        if currentData != nil {
            startDataStyleChild(name, attributes, &ns)
            return
        }
        if name.is("style") {
            var styleName: String?, family = Family.other, parent: String?, data: String?
            attributes.forEachODF(&ns) { a in
                guard a.namespace == .style else { return }
                if a.name.is("name") {
                    styleName = a.string
                } else if a.name.is("family") {
                    family = a.equals("table-cell") ? .cell : a.equals("table") ? .table : a.equals("table-column") ? .column : a.equals("table-row") ? .row : .other
                } else if a.name.is("parent-style-name") {
                    parent = a.string
                } else if a.name.is("data-style-name") {
                    data = a.string
                }
            }
            guard let styleName else { return }
            currentStyle = (styleName, family)
            if family == .cell { cellStyles[styleName] = CellStyle(parent: parent, dataStyle: data) }
        } else if let style = currentStyle {
            if style.family == .table, name.is("table-properties") {
                var hidden = false
                attributes.forEachODF(&ns) { a in
                    if a.namespace == .table, a.name.is("display") { hidden = a.equals("false") }
                }
                if hidden { hiddenTableStyles.insert(style.name) } else { hiddenTableStyles.remove(style.name) }
            } else if style.family == .column, name.is("table-column-properties") {
                attributes.forEachODF(&ns) { a in
                    if a.namespace == .style, a.name.is("column-width"), let pt = ODSStyles.points(a.value) {
                        // Excel counts widths in characters of 7 pixels, plus 5 pixels of padding.
                        columnWidths[style.name] = max(0, ((pt * 4 / 3 - 5) / 7 * 100).rounded() / 100)
                    }
                }
            } else if style.family == .row, name.is("table-row-properties") {
                attributes.forEachODF(&ns) { a in
                    if a.namespace == .style, a.name.is("row-height"), let pt = ODSStyles.points(a.value) {
                        rowHeights[style.name] = (pt * 100).rounded() / 100
                    }
                }
            }
        } else if let kind = ODSDataStyle.Kind(element: name) {
            var styleName: String?
            var elapsed = false
            attributes.forEachODF(&ns) { a in
                if a.namespace == .style, a.name.is("name") { styleName = a.string }
                if a.namespace == .number, a.name.is("truncate-on-overflow") { elapsed = a.equals("false") }
            }
            guard let styleName else { return }
            currentData = ODSDataStyle(kind: kind, elapsed: elapsed)
            currentDataName = styleName
        }
    }

    /// An end tag inside `office:styles` or `office:automatic-styles`.
    func endElement(_ name: XMLName) {
        if currentData != nil {
            if let capture {
                if !name.is("text") && !name.is("currency-symbol") { return }
                currentData!.append(captured, as: capture)
                self.capture = nil
                return
            }
            if ODSDataStyle.Kind(element: name) != nil {
                if let n = currentDataName { dataStyles[n] = currentData }
                currentData = nil
                currentDataName = nil
            }
            return
        }
        if name.is("style") { currentStyle = nil }
    }

    /// Text inside `office:styles` or `office:automatic-styles`: only `number:text` and
    /// `number:currency-symbol` have any that matters.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard capture != nil, captured.count < 256 else { return }
        captured.append(contentsOf: bytes.prefix(256))
    }

    private func startDataStyleChild(_ name: XMLName, _ attributes: XMLAttributes, _ ns: inout ODFNamespaceCache) {
        if name.is("text") || name.is("currency-symbol") {
            capture = name.is("text") ? .text : .currency
            captured.removeAll(keepingCapacity: true)
            return
        }
        if name.is("map") {
            var condition = "", apply: String?
            attributes.forEachODF(&ns) { a in
                guard a.namespace == .style else { return }
                if a.name.is("condition") { condition = a.string }
                if a.name.is("apply-style-name") { apply = a.string }
            }
            if let apply { currentData!.maps.append((condition, apply)) }
            return
        }
        var values: [String: String] = [:]
        attributes.forEachODF(&ns) { a in
            if a.namespace == .number, a.value.count < 64 { values[a.name.string] = a.string }
        }
        currentData!.appendPart(name.string, values)
    }

    /// The data style a cell style uses, looking through its parents.
    /// The names of the cell styles read so far.
    var cellStyleNames: [String] { Array(cellStyles.keys) }

    func dataStyle(ofCellStyle name: String) -> ODSDataStyle? {
        var current: String? = name
        var hops = 0
        while let n = current, hops < 16 {
            guard let style = cellStyles[n] else { return nil }
            if let d = style.dataStyle { return dataStyles[d] }
            current = style.parent
            hops += 1
        }
        return nil
    }

    /// The Excel format code of a data style, with the sections its `style:map`s add.
    func formatCode(of style: ODSDataStyle) -> String {
        formatCode(of: style, depth: 0)
    }

    private func formatCode(of style: ODSDataStyle, depth: Int) -> String {
        var sections: [String] = []
        if depth < 2 {
            for (condition, name) in style.maps.prefix(2) {
                guard let mapped = dataStyles[name] else { continue }
                let code = formatCode(of: mapped, depth: depth + 1)
                let c = condition.filter { $0 != " " }
                // value()>=0 and value()>0 are Excel's first section; other conditions are kept as written.
                if c == "value()>=0" || c == "value()>0" || c == "value()<0" {
                    sections.append(code)
                } else if let bracket = ODSStyles.excelCondition(c) {
                    sections.append(bracket + code)
                }
            }
        }
        // A style whose own section is empty only dispatches to its maps (LibreOffice's "0.00;[RED]-0.00").
        if !style.isEmpty || sections.isEmpty { sections.append(style.code) }
        return sections.prefix(4).joined(separator: ";")
    }

    /// `value()<=100` as Excel's `[<=100]`; nil for a condition Excel cannot express.
    private static func excelCondition(_ c: String) -> String? {
        guard c.hasPrefix("value()") else { return nil }
        let rest = c.dropFirst("value()".count)
        guard let number = rest.firstIndex(where: { $0 == "-" || $0 == "." || $0.isNumber }) else { return nil }
        let op = rest[..<number], value = rest[number...]
        guard ["<", "<=", ">", ">=", "=", "!=", "<>"].contains(String(op)), Double(value) != nil else { return nil }
        return "[\(op == "!=" ? "<>" : op)\(value)]"
    }

    /// A length such as `0.889in`, `2.258cm`, `12pt` in points; nil when it is not one.
    static func points(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let s = String(decoding: b.prefix(32), as: UTF8.self)
        let units: [(String, Double)] = [("in", 72), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1), ("pc", 12), ("px", 0.75)]
        for (unit, factor) in units where s.hasSuffix(unit) {
            guard let v = Double(s.dropLast(unit.count)), v.isFinite, v >= 0, v < 100_000 else { return nil }
            return v * factor
        }
        return nil
    }
}
