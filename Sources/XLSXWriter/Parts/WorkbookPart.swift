import XLSXCore
/// `xl/workbook.xml`: sheets in order with their state, and defined names.
enum WorkbookPart {
    struct Name {
        var name: String
        var formula: String
        var localSheet: Int?
        var hidden: Bool
    }

    static func write(sheets: [(name: String, visibility: SheetState, relationshipID: String)], names: [Name], activeTab: Int) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        x.raw("<workbookPr/><bookViews><workbookView")
        if activeTab > 0 {
            x.attribute("firstSheet", 0)
            x.attribute("activeTab", activeTab)
        }
        x.raw("/></bookViews><sheets>")
        for (i, s) in sheets.enumerated() {
            x.raw("<sheet")
            x.attribute("name", s.name)
            x.attribute("sheetId", i + 1)
            if s.visibility != .visible { x.attribute("state", s.visibility.rawValue) }
            x.attribute("r:id", s.relationshipID)
            x.raw("/>")
        }
        x.raw("</sheets>")
        if !names.isEmpty {
            x.raw("<definedNames>")
            // Excel expects defined names sorted; built-in names (_xlnm.) sort with the rest by their text.
            for n in names.sorted(by: { ($0.name.lowercased(), $0.localSheet ?? -1) < ($1.name.lowercased(), $1.localSheet ?? -1) }) {
                x.raw("<definedName")
                x.attribute("name", n.name)
                if let l = n.localSheet { x.attribute("localSheetId", l) }
                if n.hidden { x.raw(" hidden=\"1\"") }
                x.raw(">")
                x.text(n.formula)
                x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        x.raw("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>")
        return x.bytes
    }
}
