import XLSXCore

/// Entry points for the libFuzzer harnesses of the `.xls` reader (`Sources/CFBFuzzer`, `Sources/BIFFFuzzer`).
/// Not for other use.
package enum _XLSFuzzing {
    /// Caps small enough that a fuzzer's input cannot make the reader allocate much.
    static let limits = ReadLimits(
        maxPartSize: 64 << 20, maxTotalSize: 256 << 20, maxCompressionRatio: 200, ratioFloor: 1 << 20, maxEntries: 10_000,
        maxStringLength: 1 << 20)

    /// Opens the bytes as a compound file, takes every stream out of it, then reads it as a workbook.
    package static func parseCompoundFile(_ bytes: [UInt8]) {
        if let file = try? CompoundFile(bytes: bytes, limits: limits) {
            _ = try? file.topLevelEntries()
            for entry in file.entries where entry.type == .stream { _ = try? file.content(of: entry, limits: limits) }
        }
        if let book = try? XLSReader.read(bytes: bytes, name: "fuzz.xls", limits: limits) { touch(book) }
    }

    /// Reads the bytes as a BIFF workbook stream without its container: as the `Workbook` stream (BIFF8
    /// unless the BOF says otherwise) and as the `Book` stream of Excel 5/95.
    package static func parseWorkbookStream(_ bytes: [UInt8]) {
        for name in ["Workbook", "Book"] {
            if let book = try? WorkbookStreamParser(stream: bytes, streamName: name, fileName: "fuzz.xls", limits: limits).parse() {
                touch(book)
            }
        }
    }

    /// The `Workbook` or `Book` stream of a compound file (a bare BIFF file as it is), to seed the BIFF
    /// harness; nil when there is none.
    package static func workbookStream(_ bytes: [UInt8]) -> [UInt8]? {
        if WorkbookStreamParser.startsWithBOF(bytes) { return bytes }
        guard let file = try? CompoundFile(bytes: bytes, limits: limits) else { return nil }
        return try? XLSReader.workbookStream(of: file, limits: limits).0
    }

    /// Uses every value, so nothing the reader built goes unchecked.
    private static func touch(_ book: LoadedBook) {
        for sheet in book.sheets {
            for row in sheet.rows {
                for cell in row.cells {
                    _ = cell.value.text
                    _ = book.formats[cell.styleIndex].category
                }
            }
            _ = sheet.metadata.mergedRanges.count
        }
    }
}
