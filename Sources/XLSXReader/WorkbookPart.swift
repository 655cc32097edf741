import XLSXCore

/// A defined name (`<definedName>`), such as a print area or a named range.
public struct DefinedName: Sendable, Hashable {
    public var name: String
    /// The formula text, for example `填报!$A$1:$H$40`.
    public var formula: String
    /// The zero-based index of the sheet the name is local to, or nil for a workbook-wide name.
    public var localSheet: Int?
    public var hidden: Bool
}

/// Parses `xl/workbook.xml`: sheets in tab order, defined names and the date system.
final class WorkbookPartParser: SAXHandler {
    struct SheetEntry {
        var name: String
        var sheetID: Int?
        var state: SheetState
        var relationshipID: String?
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var definedNames: [DefinedName] = []
    private(set) var date1904 = false
    /// The namespace URI of the root element when it is not SpreadsheetML (a beta or foreign format).
    private(set) var foreignRoot: String?
    private var sawRoot = false
    private var pendingName: DefinedName?
    private var text: [UInt8] = []

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        if !sawRoot {
            sawRoot = true
            if name.namespace != .main && name.namespace != .none { foreignRoot = name.string }
        }
        guard name.namespace == .main || name.namespace == .none else { return }
        if name.is("sheet") {
            let state = attributes.string("state").flatMap(SheetState.init(rawValue:)) ?? .visible
            sheets.append(
                SheetEntry(
                    name: attributes.string("name") ?? "Sheet\(sheets.count + 1)", sheetID: attributes.int("sheetId"),
                    state: state, relationshipID: attributes.string("id", namespace: .officeRelationships)))
        } else if name.is("workbookPr") {
            date1904 = attributes.bool("date1904") ?? false
        } else if name.is("definedName") {
            pendingName = DefinedName(
                name: attributes.string("name") ?? "", formula: "", localSheet: attributes.int("localSheetId"),
                hidden: attributes.bool("hidden") ?? false)
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.isMain("definedName"), var pending = pendingName {
            pending.formula = String(decoding: text, as: UTF8.self)
            definedNames.append(pending)
            pendingName = nil
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if pendingName != nil { text.append(contentsOf: bytes) }
    }
}
