import Foundation
import MinshengKit

/// JSON of the desk's own records.
enum DeskJSON {
    private struct Item: Encodable {
        var id: Int64
        var file: String
        var receivedAt: String
        var size: Int
        var sha256: String
        var verdict: String
        var reason: String?
        var errors: Int
        var warnings: Int
    }

    /// A district's submissions in the order received.
    static func submissions(_ list: [Submission]) -> String {
        let items = list.map {
            Item(id: $0.id, file: $0.originalName, receivedAt: $0.receivedAt, size: $0.size, sha256: $0.sha256, verdict: $0.verdict.rawValue, reason: $0.reason, errors: $0.errors, warnings: $0.warnings)
        }
        return JSON.encode(["submissions": items])
    }
}
