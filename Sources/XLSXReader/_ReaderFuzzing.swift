import XLSXCore

/// Entry points for the libFuzzer harness (`Sources/ReaderFuzzer`), a target of this package.
/// Not for other use.
package enum _ReaderFuzzing {
    private static let fuzzFormats = [
        CellFormat.general, CellFormat(numberFormatID: 14, formatCode: "yyyy/m/d", category: .date, locked: true, hidden: false),
    ]

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
                var decoder = CellDecoder(sharedStrings: ["a", "b"], formats: fuzzFormats, date1904: false, sheetName: nil)
                var raw = RawCells()
                sheet.takeRows(into: &raw, closingOpenRow: true)
                _ = try? decoder.rows(from: raw)
            }
        }
    }

    /// Reads the bytes as a worksheet whole and pushed a few bytes at a time, and stops the process where they
    /// differ: the same rows before the same error, or the same rows and metadata. The first push is 4 KiB
    /// either way, as a real read's first chunk holds the XML declaration: libxml2 itself converts a document
    /// with a bad encoding differently when its declaration and the bad bytes come in different pushes.
    package static func compareChunks(_ bytes: [UInt8]) {
        func read(_ size: Int) -> (rows: [Row], metadata: SheetMetadata?, error: XLSXError.Code?) {
            var rows: [Row] = []
            do {
                let metadata = try SheetRowReader.readDocument(
                    bytes, chunkSize: size, firstChunk: 4096, sharedStrings: ["a", "b"], formats: fuzzFormats,
                    maxStringLength: 1 << 20
                ) { rows.append($0) }
                return (rows, metadata, nil)
            } catch {
                return (rows, nil, (error as? XLSXError)?.code ?? .ioError)
            }
        }
        let whole = read(bytes.count), chunked = read(7)
        precondition(whole.error == chunked.error, "in chunks, the worksheet ends with \(String(describing: chunked.error)), whole with \(String(describing: whole.error))")
        precondition(whole.metadata == chunked.metadata, "in chunks, the worksheet's metadata differs")
        // Rows come a push at a time: before an error, the whole document's push delivers none of them.
        if whole.error == nil { precondition(whole.rows == chunked.rows, "in chunks, the worksheet's rows differ") }
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
