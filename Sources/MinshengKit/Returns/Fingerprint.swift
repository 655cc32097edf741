/// Content fingerprints: FNV-1a (64-bit) over a canonical text, printed as 16 hex digits.
///
/// They identify content, not files, so a workbook re-saved by Excel, WPS or LibreOffice keeps its
/// fingerprint. They guard against mistakes, not forgery.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F  // unit separator, so ["ab","c"] differs from ["a","bc"]
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The fingerprint of a plan's content: every task's id, target, figures and lead departments.
    public static func of(_ plan: Plan) -> String {
        of(plan.tasks.flatMap { t in
            [t.id, t.target, t.total.text, t.note ?? "", t.leads.joined(separator: "、")] + plan.districts.map { t.share($0).text }
        })
    }
}
