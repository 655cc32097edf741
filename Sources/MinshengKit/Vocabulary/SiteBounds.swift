/// Where a plan's project sites may lie: Jiaxing's extent for a plan of Jiaxing's districts, and
/// otherwise China's (a site outside it, or with longitude and latitude swapped, is still caught).
public struct SiteBounds: Hashable, Sendable {
    /// The place named in messages: 嘉兴市, 中国.
    public var name: String
    public var longitude: ClosedRange<Double>
    public var latitude: ClosedRange<Double>
    /// The input prompts of the template's coordinate cells.
    public var longitudePrompt: String
    public var latitudePrompt: String

    /// Jiaxing's extent with a margin (GCJ-02 or WGS-84 coordinates both fall inside).
    public static let jiaxing = SiteBounds(
        name: "嘉兴市", longitude: 120.2...121.4, latitude: 30.2...31.2,
        longitudePrompt: "十进制度数，嘉兴市约在东经120.3°–121.3°之间。", latitudePrompt: "十进制度数，嘉兴市约在北纬30.3°–31.1°之间。")

    /// China's extent.
    public static let china = SiteBounds(
        name: "中国", longitude: 73.4...135.1, latitude: 18.1...53.6,
        longitudePrompt: "十进制度数，如 120.755（东经）。", latitudePrompt: "十进制度数，如 30.746（北纬）。")

    /// The bounds for a plan: Jiaxing's when every area of the plan is one of Jiaxing's.
    public static func of(_ plan: Plan) -> SiteBounds {
        let ids = Set(District.jiaxing.map(\.id))
        return plan.districts.allSatisfy { ids.contains($0.id) } ? .jiaxing : .china
    }

    public func contains(longitude lon: Double, latitude lat: Double) -> Bool { longitude.contains(lon) && latitude.contains(lat) }
}
