import XLSXReader

/// libFuzzer entry point for the OpenDocument reader. An input starting with `PK` is opened as an `.ods`
/// package; any other is parsed as `content.xml` (or a flat `.fods`), since zip mutations mostly break
/// the checksums and never reach the XML. Typed errors are the expected outcome for most inputs; a crash,
/// a hang or unbounded memory is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzODS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if size >= 2 && bytes[0] == 0x50 && bytes[1] == 0x4B {
        _ODSFuzzing.readPackage(bytes)
    } else {
        _ODSFuzzing.parseContent(bytes)
    }
    return 0
}

/// libFuzzer's driver, which parses the fuzzing options and calls the entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("ODSFuzzer_main")
public func odsFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzODS)
}
