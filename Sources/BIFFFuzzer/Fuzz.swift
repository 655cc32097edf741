import Foundation
import XLSXReader

/// libFuzzer entry point: reads the bytes as a BIFF workbook stream (the content of the `Workbook` or
/// `Book` stream, without its container), so mutations reach the record parsers instead of breaking
/// the container. Typed errors are the expected outcome for most inputs; a crash, a hang or unbounded
/// memory is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbookStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _XLSFuzzing.parseWorkbookStream(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, which parses the fuzzing options and calls the entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Seeds: `BIFFFuzzer -extract_streams=DIR FILE.xls…` writes the workbook stream of each file (at most
/// `limit` bytes, cut at a record boundary) to DIR, named after the file.
func extractStreams(into folder: String, from paths: [String], limit: Int = 100_000) -> CInt {
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path), let stream = _XLSFuzzing.workbookStream([UInt8](data)) else { continue }
        var end = 0
        while end + 4 <= stream.count {
            let next = end + 4 + (Int(stream[end + 2]) | Int(stream[end + 3]) << 8)
            if next > min(limit, stream.count) { break }
            end = next
        }
        let name = (path as NSString).lastPathComponent
        _ = FileManager.default.createFile(atPath: folder + "/" + name + ".biff", contents: Data(stream[..<end]))
    }
    return 0
}

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("BIFFFuzzer_main")
public func biffFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let arguments = (0..<Int(argc)).compactMap { argv?[$0].map { String(cString: $0) } }
    if arguments.count > 1, arguments[1].hasPrefix("-extract_streams=") {
        return extractStreams(into: String(arguments[1].dropFirst("-extract_streams=".count)), from: Array(arguments.dropFirst(2)))
    }
    var count = argc
    var pointers = argv
    return LLVMFuzzerRunDriver(&count, &pointers, fuzzWorkbookStream)
}
