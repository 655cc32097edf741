import Foundation
import MinshengKit

/// One file a district handed in, as the desk keeps it: never changed after it is stored.
public struct Submission: Sendable, Hashable {
    public enum Verdict: String, Sendable {
        /// The district's own return for the round: the latest accepted one counts.
        case accepted = "已接收"
        case otherDistrict = "不是本地区的报表"
        case otherPeriod = "报送期不符"
        case unattributable = "无法确定报送地区或报送期"
        case unreadable = "无法读取"
    }

    public var id: Int64
    public var roundID: Int64
    public var districtID: String
    /// The order it arrived in, taken before it was stored and checked: a later upload replaces an earlier one
    /// even when the earlier one took longer to check.
    public var receivedOrder: Int
    public var sha256: String
    public var size: Int
    /// The file's name on the district's computer, as the browser or client sent it.
    public var originalName: String
    /// ISO 8601 with the server's offset.
    public var receivedAt: String
    /// `page` or `api`.
    public var via: String
    public var verdict: Verdict
    public var reason: String?
    public var errors: Int
    public var warnings: Int
    /// The findings as `check --format json` gives them.
    public var findingsJSON: String

    /// `#12 南湖区-2021-07.xlsx`: how the file is named on pages and in the summary.
    public var displayName: String { "#\(id) \(originalName)" }

    public var findings: [Finding] {
        struct Report: Decodable { var findings: [Finding] }
        return (try? JSONDecoder().decode(Report.self, from: Data(findingsJSON.utf8)).findings) ?? []
    }
}

/// A district of the plan with its link token.
public struct DistrictLink: Sendable, Hashable {
    public var district: District
    public var token: String
}
