import XLSXReader

/// libFuzzer entry point: opens the bytes as an OLE compound file, takes out every stream, and reads
/// the workbook in it. Typed errors are the expected outcome for most inputs; a crash, a hang or
/// unbounded memory is a bug. Seeds: the .xls files of the legacy corpus (Docs/security.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompoundFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _XLSFuzzing.parseCompoundFile(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, which parses the fuzzing options and calls the entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("CFBFuzzer_main")
public func cfbFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzCompoundFile)
}
