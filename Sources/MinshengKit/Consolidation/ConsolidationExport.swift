import Foundation

/// The consolidated figures for machines: JSON, and GeoJSON of the project sites for the 民生地图.
public enum ConsolidationExport {
    public static func json(_ c: Consolidation) -> String {
        func num(_ d: Decimal?) -> String { d.map(Quantity.format) ?? "null" }
        func rate(_ r: Double?) -> String { r.map { String(format: "%.6g", $0) } ?? "null" }
        var out = "{\n"
        out += "  \"period\": \(JSON.quote(c.period.description)),\n  \"pace\": \(rate(c.pace)),\n  \"generatedAt\": \(JSON.quote(c.generatedAt)),\n"
        out += "  \"overallCompletion\": \(rate(c.overallCompletion)),\n"
        out += "  \"statusCounts\": {" + ProgressStatus.allCases.filter { $0 != .notJudged }.map { "\(JSON.quote($0.rawValue)): \(c.statusCounts[$0] ?? 0)" }.joined(separator: ", ") + "},\n"
        out += "  \"submissions\": [\n" + c.records.map { r in
            "    {\"file\": \(JSON.quote(URL(fileURLWithPath: r.file).lastPathComponent)), \"district\": \(r.district.map { JSON.quote($0.name) } ?? "null"), \"outcome\": \(JSON.quote(r.outcome.rawValue)), \"errors\": \(r.errors), \"warnings\": \(r.warnings)}"
        }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"missing\": [" + c.missingDistricts.map { JSON.quote($0.name) }.joined(separator: ", ") + "],\n"
        out += "  \"tasks\": [\n" + c.tasks.map { t in
            var s = "    {\"id\": \(JSON.quote(t.task.id)), \"unit\": \(JSON.quote(t.unit)), \"percentage\": \(t.isPercentage), \"target\": \(num(t.target)), \"done\": \(num(t.done)), \"rate\": \(rate(t.rate)), \"status\": \(JSON.quote(t.status.rawValue)), \"light\": \(JSON.quote(t.light.rawValue)), \"districts\": ["
            s += t.districts.map { f in
                "{\"district\": \(JSON.quote(f.district.name)), \"target\": \(num(f.target)), \"done\": \(num(f.done)), \"rate\": \(rate(f.rate)), \"status\": \(JSON.quote(f.status.rawValue))}"
            }.joined(separator: ", ")
            return s + "]}"
        }.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }

    /// A FeatureCollection of the sites with coordinates; sites without them are left out (they are findings already).
    public static func geoJSON(_ c: Consolidation) -> String {
        let features = c.sites.compactMap { p -> String? in
            guard let lon = p.longitude, let lat = p.latitude else { return nil }
            let props = [
                "\"district\": \(JSON.quote(p.district.name))", "\"task\": \(JSON.quote(p.taskID))", "\"name\": \(JSON.quote(p.name))",
                "\"address\": \(JSON.quote(p.address))", "\"status\": \(JSON.quote(p.status))", "\"remark\": \(JSON.quote(p.remark))",
                "\"target\": \(JSON.quote(c.plan.task(p.taskID)?.target ?? ""))",
            ]
            return "    {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [\(lon), \(lat)]}, \"properties\": {\(props.joined(separator: ", "))}}"
        }
        return "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n" + features.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
