import Foundation

/// What a value column or row of a departmental table holds, by its header. Only completion becomes
/// 累计完成; a department's 目标 is compared with the plan and its 完成率 cross-checks 完成 ÷ 目标.
enum ColumnRole: String, Sendable {
    case done, target, rate, unit, remark
    /// No role word: a task's own column, read as its completion.
    case plain

    /// Checked in this order: 完成率 holds 完成, and 任务数 holds 任务.
    private static let words: [(ColumnRole, [String])] = [
        (.rate, ["完成率", "完成比例", "完成进度", "进度", "百分比", "比例"]),
        (.target, ["年度目标", "目标数", "目标任务", "目标", "计划数", "计划", "任务数", "任务量"]),
        (.done, ["累计完成", "实际完成", "完成数", "完成量", "完成值", "完成情况", "完成", "累计", "实际"]),
        (.unit, ["计量单位", "单位"]),
        (.remark, ["备注", "说明"]),
    ]

    /// The role a header states, and the header without the role word (the task's text, if any).
    static func classify(_ label: String) -> (role: ColumnRole, rest: String) {
        let key = TextNormalizer.compact(label)
        for (role, words) in words {
            for w in words where key.hasSuffix(w) || key.hasPrefix(w) || key == w {
                var rest = key
                if rest.hasSuffix(w) { rest.removeLast(w.count) } else if rest.hasPrefix(w) { rest.removeFirst(w.count) }
                return (role, rest.trimmingCharacters(in: CharacterSet(charactersIn: "/（）()：:")))
            }
        }
        return (.plain, key)
    }
}
