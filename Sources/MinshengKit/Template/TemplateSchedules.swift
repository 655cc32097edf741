import Foundation

/// The 时间节点 the districts stated in their returns, carried into the next round's templates: a
/// schedule is filled once and kept.
public enum TemplateSchedules {
    /// Each district's schedules from the latest of its returns among `paths` (files or folders), by
    /// district id, then task id. Returns that cannot be read or attributed are passed over.
    public static func fromReturns(_ paths: [String], plan: Plan) throws -> [String: [String: Milestones]] {
        let checker = ReturnChecker(plan: plan)
        var latest: [String: (file: String, date: String?, milestones: [String: Milestones])] = [:]
        for file in try Consolidator.expand(paths) where file.skipReason == nil {
            guard let checked = try? Consolidator.check(file, with: checker) else { continue }
            guard let district = checked.district, checked.isAttributable, !checked.statedMilestones.isEmpty else { continue }
            if let kept = latest[district.id], !Consolidator.isLater((file.path, checked.date), than: (kept.file, kept.date)) { continue }
            latest[district.id] = (file.path, checked.date, checked.statedMilestones)
        }
        return latest.mapValues(\.milestones)
    }
}
