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
        // Rows read on a thread of their own are the rows read in turn, and end the same way; each way in
        // a workbook of its own, as the inflation budget is the workbook's.
        guard let first = try? Workbook(bytes: bytes, name: "fuzz.xlsx", limits: limits),
              let second = try? Workbook(bytes: bytes, name: "fuzz.xlsx", limits: limits) else { continue }
        var inTurn: (rows: [Row], error: XLSXError.Code?) = ([], nil)
        do {
            let again = try first.rows(of: sheet)
            while let row = try again.next() { inTurn.rows.append(row) }
        } catch {
            inTurn.error = (error as? XLSXError)?.code ?? .ioError
        }
        var ahead: (rows: [Row], error: XLSXError.Code?) = ([], nil)
        let prefetched = second.prefetchedRows(of: sheet)
        do {
            while let row = try prefetched.next() { ahead.rows.append(row) }
        } catch {
            ahead.error = (error as? XLSXError)?.code ?? .ioError
        }
        precondition(ahead.rows == inTurn.rows && ahead.error == inTurn.error, "prefetched rows differ in \(sheet.name)")
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

