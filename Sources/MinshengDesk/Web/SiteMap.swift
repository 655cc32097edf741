import Foundation
import MinshengKit

/// The project sites drawn on a plain SVG (no map tiles: offices' intranets have no internet): one dot per
/// site at its longitude and latitude, coloured by district, with its name, district and state on hover.
enum SiteMap {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    static func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

    static func svg(_ sites: [ProjectSite], districts: [District], width: Double = 760, height: Double = 520) -> String {
        let placed = sites.filter { $0.longitude != nil && $0.latitude != nil }
        guard !placed.isEmpty else { return "<p>尚无带经纬度的项目点位。</p>" }
        let lons = placed.map { $0.longitude! }, lats = placed.map { $0.latitude! }
        // A little room around the sites; at least 0.05° either way so a single site is not a corner.
        var (west, east, south, north) = (lons.min()!, lons.max()!, lats.min()!, lats.max()!)
        let padLon = max((east - west) * 0.08, 0.05), padLat = max((north - south) * 0.08, 0.05)
        west -= padLon; east += padLon; south -= padLat; north += padLat
        // Equirectangular, with longitude shortened by the cosine of the middle latitude.
        let squeeze = cos((south + north) / 2 * .pi / 180)
        let scale = min(width / ((east - west) * squeeze), height / (north - south))
        func x(_ lon: Double) -> Double { (lon - west) * squeeze * scale }
        func y(_ lat: Double) -> Double { (north - lat) * scale }
        let w = x(east), h = y(south)
        let colour = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1.id, palette[$0 % palette.count]) })
        var out = ""
        for s in placed {
            let label = "\(s.district.name) \(s.taskID) \(s.name)（\(s.status)）\(s.address)"
            out += "<circle cx=\"\(f(x(s.longitude!)))\" cy=\"\(f(y(s.latitude!)))\" r=\"4\" fill=\"\(colour[s.district.id] ?? "#333")\" fill-opacity=\"0.8\"><title>\(HTML.escape(label))</title></circle>"
        }
        // The legend under the map, in as many rows as it takes.
        var (legendX, legendY) = (4.0, h + 18)
        for d in districts where placed.contains(where: { $0.district == d }) {
            let width = 22 + Double(d.shortName.count) * 13
            if legendX + width > w, legendX > 4 { (legendX, legendY) = (4, legendY + 20) }
            out += "<circle cx=\"\(f(legendX + 5))\" cy=\"\(f(legendY))\" r=\"5\" fill=\"\(colour[d.id] ?? "#333")\"/><text x=\"\(f(legendX + 13))\" y=\"\(f(legendY + 4))\" font-size=\"12\">\(HTML.escape(d.shortName))</text>"
            legendX += width
        }
        out += "<text x=\"\(f(w - 4))\" y=\"12\" font-size=\"11\" text-anchor=\"end\" fill=\"#666\">东经 \(f(west, 2))°–\(f(east, 2))°，北纬 \(f(south, 2))°–\(f(north, 2))°</text>"
        let total = Int(legendY) + 12
        out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"sitemap\" width=\"\(Int(w))\" height=\"\(total)\" viewBox=\"0 0 \(Int(w)) \(total)\" role=\"img\" aria-label=\"项目点位\">" + out
        return out + "</svg><p>共 \(placed.count) 个点位\(sites.count > placed.count ? "（另有 \(sites.count - placed.count) 个缺经纬度）" : "")。</p>"
    }
}
