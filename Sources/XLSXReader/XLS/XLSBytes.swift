/// Little-endian reads from a byte array, for the compound-file and BIFF parsers. Callers check the
/// length first; the array's own bounds check is the last line of defence.
@inline(__always) func xlsU16(_ b: [UInt8], _ i: Int) -> UInt16 {
    UInt16(b[i]) | UInt16(b[i + 1]) << 8
}

@inline(__always) func xlsU32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}

@inline(__always) func xlsF64(_ b: [UInt8], _ i: Int) -> Double {
    Double(bitPattern: UInt64(xlsU32(b, i)) | UInt64(xlsU32(b, i + 4)) << 32)
}
