import XLSXCore

/// Entry points for the libFuzzer harness (`Sources/ReaderFuzzer`), a target of this package.
/// Not for other use.
package enum _ReaderFuzzing {
    /// Runs every part parser on one XML document, as if it were each kind of part in turn.
    package static func parseParts(_ bytes: [UInt8]) {
        let handlers: [SAXHandler] = [
            WorksheetParser(maxStringLength: 1 << 20),
            SharedStringsParser(maxLength: 1 << 20), StylesParser(), WorkbookPartParser(), RelationshipsParser(), ContentTypesParser(),
        ]
        for handler in handlers {
            _ = try? SAXParser.parse(bytes, handler: handler)
            if let styles = handler as? StylesParser { _ = styles.formats() }
            if let sheet = handler as? WorksheetParser {
                var decoder = CellDecoder(
                    sharedStrings: ["a", "b"],
                    formats: [.general, CellFormat(numberFormatID: 14, formatCode: "yyyy/m/d", category: .date, locked: true, hidden: false)],
                    date1904: false, sheetName: nil)
                var raw = RawCells()
                sheet.takeRows(into: &raw, closingOpenRow: true)
                _ = try? decoder.rows(from: raw)
            }
        }
    }

    /// Inflates every entry of a package on a read-ahead thread and in turn, each in an archive of its own
    /// (the inflation budget is the archive's), and stops the process where they differ: the same bytes
    /// and no error, or the same error after bytes of which the shorter run is the start of the longer.
    package static func compareReadAhead(_ bytes: [UInt8], limits: ReadLimits) {
        guard let names = try? ZipArchive(bytes: bytes, limits: limits).names else { return }
        for name in Set(names) {
            let ahead = drain(bytes, name, readAhead: true, limits: limits)
            let inTurn = drain(bytes, name, readAhead: false, limits: limits)
            precondition(ahead.error == inTurn.error, "read ahead, \(name) ends with \(String(describing: ahead.error)), in turn with \(String(describing: inTurn.error))")
            if ahead.error == nil {
                precondition(ahead.bytes == inTurn.bytes, "read ahead, \(name) differs")
            } else {
                let n = min(ahead.bytes.count, inTurn.bytes.count)
                precondition(ahead.bytes.prefix(n) == inTurn.bytes.prefix(n), "read ahead, \(name) differs before its error")
            }
        }
    }

    private static func drain(_ package: [UInt8], _ name: String, readAhead: Bool, limits: ReadLimits) -> (bytes: [UInt8], error: XLSXError.Code?) {
        var out: [UInt8] = []
        do {
            let reader = try ZipArchive(bytes: package, limits: limits).open(name, readAhead: readAhead)
            while let chunk = try reader.next() { out += chunk }
            return (out, nil)
        } catch {
            return (out, (error as? XLSXError)?.code ?? .ioError)
        }
    }
}
