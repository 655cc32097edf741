import XLSXCore
import XLSXReader

/// libFuzzer entry point: opens the bytes as a workbook and reads every sheet. Typed errors are the
/// expected outcome for most inputs; a crash, a hang or unbounded memory is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Zip mutations mostly break the checksums, so XML seeds exercise the part parsers directly.
    if !(size >= 2 && bytes[0] == 0x50 && bytes[1] == 0x4B) {
        _ReaderFuzzing.parseParts(bytes)
        // A worksheet pushed a few bytes at a time reads as it does whole.
        _ReaderFuzzing.compareChunks(bytes)
        return 0
    }
    let limits = ReadLimits(maxPartSize: 64 << 20, maxTotalSize: 256 << 20, maxCompressionRatio: 200, ratioFloor: 1 << 20, maxEntries: 10_000, maxStringLength: 1 << 20)
    // Inflating on a thread of its own must give what inflating in turn gives.
    _ReaderFuzzing.compareReadAhead(bytes, limits: limits)
    guard let book = try? Workbook(bytes: bytes, name: "fuzz.xlsx", limits: limits) else { return 0 }
    _ = try? book.sharedStrings()
    _ = try? book.cellFormats()
    for sheet in book.sheets {
        guard let reader = try? book.rows(of: sheet) else { continue }
        while let row = try? reader.next() {
            for cell in row.cells { _ = cell.value.text }
        }
        _ = reader.metadata
        // Rows parsed on a thread of their own, and rows read on one, are the rows read in turn and end the
        // same way; each way in a workbook of its own, as the inflation budget is the workbook's.
        let inTurn = outcome(bytes, limits) { try $0.rows(of: sheet, parseAhead: false).drain() }
        let parsedAhead = outcome(bytes, limits) { try $0.rows(of: sheet, parseAhead: true).drain() }
        let prefetched = outcome(bytes, limits) { book in
            let reader = book.prefetchedRows(of: sheet)
            return Drained { try reader.next() } metadata: { reader.metadata }
        }
        precondition(parsedAhead == inTurn, "rows parsed ahead differ in \(sheet.name)")
        precondition(prefetched == inTurn, "prefetched rows differ in \(sheet.name)")
    }
    return 0
}

/// libFuzzer's driver, which parses the fuzzing options and calls the entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("ReaderFuzzer_main")
public func readerFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzReader)
}


/// Every row of a sheet, the error that ended them, and the metadata when they ended well.
private struct Outcome: Equatable {
    var rows: [Row] = []
    var error: XLSXError.Code?
    var metadata: SheetMetadata?
}

/// The rows drained from a reader, collected as they come so that those before an error are kept.
private struct Drained {
    var outcome = Outcome()

    init(_ next: () throws -> Row?, metadata: () -> SheetMetadata) {
        do {
            while let row = try next() { outcome.rows.append(row) }
            outcome.metadata = metadata()
        } catch {
            outcome.error = (error as? XLSXError)?.code ?? .ioError
        }
    }
}

extension SheetRowReader {
    fileprivate func drain() -> Drained { Drained { try next() } metadata: { metadata } }
}

/// Reads one sheet one way, in a workbook of its own.
private func outcome(_ bytes: [UInt8], _ limits: ReadLimits, _ read: (Workbook) throws -> Drained) -> Outcome? {
    guard let book = try? Workbook(bytes: bytes, name: "fuzz.xlsx", limits: limits) else { return nil }
    do {
        return try read(book).outcome
    } catch {
        return Outcome(error: (error as? XLSXError)?.code ?? .ioError)
    }
}
