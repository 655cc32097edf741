/// CRC-32 as zip computes it (the reflected polynomial 0xEDB88320), and the CRC of two byte runs joined
/// worked out from each run's CRC: a part whose head is known only after its rows were deflated gets its
/// checksum without reading the rows again.
enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? polynomial ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`, continuing from `crc` (the CRC of what came before them; 0 to start).
    static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// The CRC-32 of A followed by B, from A's CRC, B's CRC and B's length.
    ///
    /// Appending n zero bits to a message multiplies its CRC register by x^n modulo the polynomial, so
    /// crc(A ‖ B) = crc(A) · x^(8·|B|) ⊕ crc(B), in GF(2) with the bits reflected as zip keeps them.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: UInt64) -> UInt32 {
        multiply(first, powerOfX(8 &* secondLength)) ^ second
    }

    /// a · b modulo the polynomial, both reflected (bit 31 is x⁰).
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var product: UInt32 = 0
        var b = b
        var m: UInt32 = 1 << 31
        while m != 0 {
            if a & m != 0 {
                product ^= b
                if a & (m - 1) == 0 { break }
            }
            m >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// x^n modulo the polynomial, reflected, by repeated squaring.
    private static func powerOfX(_ n: UInt64) -> UInt32 {
        var result: UInt32 = 1 << 31  // x⁰
        var square: UInt32 = 1 << 30  // x¹
        var n = n
        while n != 0 {
            if n & 1 != 0 { result = multiply(result, square) }
            square = multiply(square, square)
            n >>= 1
        }
        return result
    }
}
