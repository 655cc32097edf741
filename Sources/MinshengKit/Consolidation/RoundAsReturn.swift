import Foundation
import XLSXCore

/// A district's own round (its towns and streets, on its `plan derive` table) turned into its return to
/// the city: the city's template for the district, filled with the district's totals. Each 备注 says
/// where the figure came from (each town's figure); a task whose towns did not all count is left empty
/// with the reason, so the city sees it missing rather than short.
public enum RoundAsReturn {
    /// - Returns: the ids of the tasks left empty because their towns' figures are incomplete.
    @discardableResult
    public static func write(_ c: Consolidation, cityPlan: Plan, district: District, to path: String) throws -> [String] {
        var fill = TemplateFill()
        fill.filler = "（由乡镇、街道报表汇总）"
        let day = c.generatedAt.prefix(10).split(separator: "-").compactMap { Int($0) }
        if day.count == 3 { fill.date = ExcelDateTime(year: day[0], month: day[1], day: day[2]) }
        fill.origin = "consolidate"
        var incomplete: [String] = []
        let byID = Dictionary(c.tasks.map { ($0.task.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = TemplateRow.rows(for: district, in: cityPlan)
        for row in rows {
            guard let summary = byID[row.taskID] else { continue }
            let parts = summary.districts.compactMap { f in f.done.map { "\(f.district.name) \(Quantity.format($0))" } }
            // A task whose target is a note for every area has no shares: its figure is every town's,
            // added up (averaged for a percentage), when every town gave one.
            let reported = summary.districts.compactMap(\.done)
            let noted = summary.assigned == 0 && !reported.isEmpty && reported.count == summary.districts.count
                ? (summary.isPercentage ? reported.reduce(0, +) / Decimal(reported.count) : reported.reduce(0, +)) : nil
            guard let done = noted ?? (summary.isComplete && summary.assigned > 0 ? summary.done : nil) else {
                let missing = summary.districts.filter { $0.done == nil }.map(\.district.name)
                fill.remark[row.taskID] = "数据不全：" + missing.joined(separator: "、") + " 的数字未计入，暂不填报"
                incomplete.append(row.taskID)
                continue
            }
            fill.done[row.taskID] = .number(done.double)
            // The status follows the figure; a task without a numeric target is 推进中 unless nothing was done.
            fill.status[row.taskID] = done <= 0 ? "未开工" : row.target.map { done >= $0 ? "已完成" : "推进中" } ?? "推进中"
            fill.remark[row.taskID] = "汇总自：" + parts.joined(separator: "，")
        }
        let taskIDs = Set(rows.map(\.taskID))
        for site in c.sites where taskIDs.contains(site.taskID) {
            fill.points.append((site.taskID, site.name, site.address, site.longitude, site.latitude, site.status,
                                [site.district.name, site.remark].filter { !$0.isEmpty }.joined(separator: "：")))
            fill.pointCount[site.taskID, default: 0] += 1
        }
        var options = TemplateOptions(period: c.period)
        options.planFingerprint = Fingerprint.of(cityPlan)
        try TemplateWriter.write(plan: cityPlan, district: district, options: options, fill: fill, to: path)
        return incomplete
    }
}
