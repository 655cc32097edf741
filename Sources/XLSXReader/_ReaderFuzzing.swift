import XLSXCore

/// Entry points for the libFuzzer harness (`Sources/ReaderFuzzer`), a target of this package.
/// Not for other use.
package enum _ReaderFuzzing {
    /// Runs every part parser on one XML document, as if it were each kind of part in turn.
    package static func parseParts(_ bytes: [UInt8]) {
        let handlers: [SAXHandler] = [
            WorksheetParser(sharedStrings: ["a", "b"], formats: [.general, CellFormat(numberFormatID: 14, formatCode: "yyyy/m/d", category: .date, locked: true, hidden: false)], date1904: false, maxStringLength: 1 << 20),
            SharedStringsParser(maxLength: 1 << 20), StylesParser(), WorkbookPartParser(), RelationshipsParser(), ContentTypesParser(),
        ]
        for handler in handlers {
            _ = try? SAXParser.parse(bytes, handler: handler)
            if let styles = handler as? StylesParser { _ = styles.formats() }
        }
    }
}
