import XLSXCore

/// Entry points for the libFuzzer harness (`Sources/ODSFuzzer`), a target of this package. Not for other use.
package enum _ODSFuzzing {
    /// Small limits, so that each input runs in milliseconds.
    static let limits = ReadLimits(
        maxPartSize: 16 << 20, maxTotalSize: 64 << 20, maxCompressionRatio: 200, ratioFloor: 1 << 20, maxEntries: 1000,
        maxStringLength: 1 << 16)

    /// Parses raw `content.xml` (or a whole `.fods`, or `styles.xml`) bytes and reads every cell of the result;
    /// the same bytes go through the manifest parser too.
    package static func parseContent(_ bytes: [UInt8]) {
        _ = try? SAXParser.parse(bytes, handler: ODSManifestParser())
        elideRows(bytes)
        guard let book = try? ODSReader.readFlat(bytes: bytes, name: "fuzz.fods", limits: limits, maxExpandedCells: 200_000) else { return }
        touch(book)
    }

    /// Reads a whole `.ods` package.
    package static func readPackage(_ bytes: [UInt8]) {
        guard let archive = try? ZipArchive(bytes: bytes, name: "fuzz.ods", limits: limits),
            let book = try? ODSReader.read(archive: archive, maxExpandedCells: 200_000)
        else { return }
        touch(book)
    }

    /// The structure pass's row filter: never longer than its input, the same output however the input is cut
    /// into chunks, and what it leaves parses as the structure of a document.
    static func elideRows(_ bytes: [UInt8]) {
        func run(_ size: Int) -> [UInt8] {
            var f = ODSRowElision()
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                bytes[i..<min(i + size, bytes.count)].withUnsafeBytes { f.filter($0, into: &out) }
                i += size
            }
            f.finish(into: &out)
            return out
        }
        let whole = run(max(bytes.count, 1))
        precondition(whole.count <= bytes.count, "the row filter made the document longer")
        let size = 1 + Int(bytes.first ?? 0) % 97
        precondition(run(size) == whole, "the row filter depends on where the chunks end")
        let parser = ODSContentParser(limits: limits, location: ErrorLocation(file: "fuzz.ods"), maxExpandedCells: 200_000)
        parser.structureOnly = true
        parser.beginPart("content.xml")
        _ = try? SAXParser.parse(whole, handler: parser)
    }

    private static func touch(_ book: LoadedBook) {
        for sheet in book.sheets {
            for row in sheet.rows {
                for cell in row.cells {
                    _ = cell.value.text
                    _ = cell.numberText
                    precondition(cell.styleIndex >= 0 && cell.styleIndex < book.formats.count, "a cell's style points outside the formats")
                    precondition(cell.reference.row == row.index, "a cell's row differs from its row's")
                    precondition(cell.reference.column < Limits.maxColumns && row.index < Limits.maxRows, "a cell outside Excel's grid")
                }
            }
            _ = sheet.metadata.mergedRanges.map(\.description)
        }
    }
}
