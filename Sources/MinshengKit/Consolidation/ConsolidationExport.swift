import Foundation

/// The consolidated figures for machines: JSON, and GeoJSON of the project sites for the 民生地图.
public enum ConsolidationExport {
    struct SummaryJSON: Codable {
        struct File: Codable {
            var file: String
            var district: String?
            var outcome: String
            var reason: String?
            var errors, warnings, leftOut: Int
        }
        struct Figure: Codable {
            var district: String
            var target: Decimal?
            var done: Decimal?
            var previous: Decimal?
            var increase: Decimal?
            var rate: Double?
            var status: String
            var leftOutBecause: String?
            var leftOutCode: String?
            var remark: String?
            /// `牵头单位` when the figure came from a lead department's import, with its file.
            var source: String?
            var sourceFile: String?
        }
        struct Task: Codable {
            var id, unit: String
            var percentage: Bool
            var target, done, countedTarget: Decimal?
            var rate, countedRate: Double?
            var coverage: String
            var status, light: String
            var districts: [Figure]
        }
        var period: String
        var pace: Double
        var generatedAt: String
        var overallCompletion: Double?
        var statusCounts: [String: Int]
        var files: [File]
        var fileCounts: [String: Int]
        var missing: [String]
        var unreadable: [String]
        var tasks: [Task]
    }

    /// Every file handed in with its outcome, every task with its coverage, every figure with its status
    /// and, where it was left out, the reason.
    public static func json(_ c: Consolidation) -> String {
        JSON.encode(SummaryJSON(
            period: c.period.description, pace: c.pace, generatedAt: c.generatedAt, overallCompletion: c.overallCompletion,
            statusCounts: Dictionary(uniqueKeysWithValues: ProgressStatus.allCases.filter { $0 != .notJudged }.map { ($0.rawValue, c.statusCounts[$0] ?? 0) }),
            files: c.records.map { r in
                .init(
                    file: URL(fileURLWithPath: r.file).lastPathComponent, district: r.district?.name, outcome: r.outcome.rawValue, reason: r.reason,
                    errors: r.errors, warnings: r.warnings, leftOut: r.leftOut)
            },
            fileCounts: Dictionary(uniqueKeysWithValues: c.outcomeCounts.map { ($0.key.rawValue, $0.value) }),
            missing: c.missingDistricts.map(\.name), unreadable: c.unreadableDistricts.map(\.name),
            tasks: c.tasks.map { t in
                .init(
                    id: t.task.id, unit: t.unit, percentage: t.isPercentage, target: t.target, done: t.done, countedTarget: t.countedTarget,
                    rate: t.rate, countedRate: t.countedRate, coverage: t.coverage, status: t.status.rawValue, light: t.light.rawValue,
                    districts: t.districts.map { f in
                        .init(
                            district: f.district.name, target: f.target, done: f.done, previous: f.previous, increase: f.increase, rate: f.rate,
                            status: f.status.rawValue, leftOutBecause: f.leftOutBecause?.message, leftOutCode: f.leftOutBecause?.code.rawValue,
                            remark: f.remark, source: f.fromLeadDepartment.map { _ in "牵头单位" },
                            sourceFile: f.fromLeadDepartment.map { URL(fileURLWithPath: $0).lastPathComponent })
                    })
            }))
    }

    /// Last round's figures from its summary JSON (`--json` of `consolidate`), by district id and task id.
    /// - Throws: `DomainError` naming the file when it is not such a summary.
    public static func previousFigures(json data: Data, file: String, plan: Plan) throws -> (Period?, [String: [String: Decimal]]) {
        let summary: SummaryJSON
        do {
            summary = try JSONDecoder().decode(SummaryJSON.self, from: data)
        } catch {
            throw DomainError(
                file: file, message: "not a summary JSON written by minsheng consolidate --json", hint: "give last round's --json output, or its folder of returns",
                zh: "不是 minsheng consolidate --json 写出的汇总数据", zhHint: "请给出上一期汇总时用 --json 写出的文件，或上一期报送表所在的文件夹")
        }
        var figures: [String: [String: Decimal]] = [:]
        let index = DistrictIndex(plan.districts)
        for t in summary.tasks {
            for f in t.districts {
                guard let done = f.done, let d = index.match(f.district) else { continue }
                figures[d.id, default: [:]][t.id] = done
            }
        }
        return (Period(summary.period), figures)
    }

    /// A FeatureCollection of the sites with coordinates; sites without them are left out (they are findings already).
    public static func geoJSON(_ c: Consolidation) -> String {
        struct Feature: Encodable {
            struct Geometry: Encodable {
                var type = "Point"
                var coordinates: [Double]
            }
            var type = "Feature"
            var geometry: Geometry
            var properties: [String: String]
        }
        struct Collection: Encodable {
            var type = "FeatureCollection"
            var features: [Feature]
        }
        let features = c.sites.compactMap { p -> Feature? in
            guard let lon = p.longitude, let lat = p.latitude else { return nil }
            return Feature(geometry: .init(coordinates: [lon, lat]), properties: [
                "district": p.district.name, "task": p.taskID, "name": p.name, "address": p.address, "status": p.status, "remark": p.remark,
                "target": c.plan.task(p.taskID)?.target ?? "",
            ])
        }
        return JSON.encode(Collection(features: features))
    }
}
