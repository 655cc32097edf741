import XLSXReader

/// libFuzzer entry point: reads the bytes as a BIFF workbook stream (the content of the `Workbook` or
/// `Book` stream, without its container), so mutations reach the record parsers instead of breaking
/// the container. Seeds: the Workbook streams of the legacy corpus's .xls files (Docs/security.md).
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

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("BIFFFuzzer_main")
public func biffFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzWorkbookStream)
}
