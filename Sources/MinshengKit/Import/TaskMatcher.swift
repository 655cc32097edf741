import Foundation

/// Finds the plan task a row or column of a departmental return stands for: by id (`3`, `（三）`,
/// `P3`, `C6`) when one is given, else by its text — exact, normalised, then fuzzy (character bigrams).
public struct TaskMatcher: Sendable {
    public let plan: Plan
    /// Fuzzy matches scoring below this are reported, never guessed.
    public var threshold = 0.6
    /// …and so are matches that beat the runner-up by less than this.
    public var margin = 0.08

    public init(plan: Plan) { self.plan = plan }

    public struct Match: Sendable, Hashable {
        public var taskID: String
        /// 1 for an id or exact text, less for normalised and fuzzy matches.
        public var score: Double
        public var how: String
    }

    public enum Outcome: Sendable, Hashable {
        case matched(Match)
        /// No task scored high enough or clearly enough; the best candidates are kept for the message.
        case unsure(best: Match?, second: Match?)
    }

    /// - Parameters:
    ///   - id: the 序号/编号 cell, if any.
    ///   - text: the task's text (项目名称, 目标任务), if any.
    ///   - section: `P` or `C` when the sheet says which table it follows.
    public func match(id: String?, text: String?, section: String?) -> Outcome {
        let textKey = text.map(TaskMatcher.normalise) ?? ""
        if let id = id.map(TextNormalizer.compact), !id.isEmpty {
            let upper = id.uppercased()
            if plan.task(upper) != nil { return .matched(Match(taskID: upper, score: 1, how: "编号")) }
            if let n = SequenceNumber.parse(id) {
                let candidates = plan.sections.map { "\($0.id)\(n)" }.filter { plan.task($0) != nil }
                if let section, candidates.contains("\(section)\(n)") {
                    return .matched(Match(taskID: "\(section)\(n)", score: 1, how: "序号"))
                }
                if candidates.count == 1 { return .matched(Match(taskID: candidates[0], score: 1, how: "序号")) }
                // The same 序号 in both tables: the text decides.
                if !textKey.isEmpty {
                    let scored = candidates.flatMap { c in plan.tasks.filter { $0.id == c || $0.id.hasPrefix(c + ".") } }
                        .map { Match(taskID: $0.id, score: similarity(textKey, $0), how: "序号+文字") }.sorted { $0.score > $1.score }
                    if let best = scored.first, best.score >= threshold { return .matched(best) }
                }
            }
        }
        guard !textKey.isEmpty else { return .unsure(best: nil, second: nil) }
        for t in plan.tasks where TaskMatcher.normalise(t.target) == textKey || TaskMatcher.normalise(fullText(t)) == textKey {
            return .matched(Match(taskID: t.id, score: 1, how: "文字"))
        }
        let scored = plan.tasks.filter { !$0.isHeading }.map { Match(taskID: $0.id, score: similarity(textKey, $0), how: "近似文字") }
            .sorted { ($0.score, $1.taskID) > ($1.score, $0.taskID) }
        let best = scored.first, second = scored.dropFirst().first
        // Two plausible tasks (a runner-up above the threshold too) is a guess, not a match.
        if let best, best.score >= threshold, best.score - (second?.score ?? 0) >= margin, (second?.score ?? 0) < threshold { return .matched(best) }
        return .unsure(best: best, second: second)
    }

    private func fullText(_ t: PlanTask) -> String { (t.projectName ?? "") + t.target }

    /// The better of the text's similarity to the target and to 项目名称 + target, containment counting high.
    private func similarity(_ key: String, _ t: PlanTask) -> Double {
        [TaskMatcher.normalise(t.target), TaskMatcher.normalise(fullText(t)), TaskMatcher.normalise(t.projectName ?? "")].filter { !$0.isEmpty }.map { candidate in
            // One text inside the other is a strong sign whatever the lengths; two tasks containing it stay ambiguous.
            if candidate.contains(key) && key.count >= 4 { return 0.7 + 0.3 * Double(key.count) / Double(candidate.count) }
            if key.contains(candidate) && candidate.count >= 4 { return 0.7 + 0.3 * Double(candidate.count) / Double(key.count) }
            return TaskMatcher.dice(key, candidate)
        }.max() ?? 0
    }

    /// Text with white space, punctuation and quotation marks removed, full-width folded.
    static func normalise(_ s: String) -> String {
        String(TextNormalizer.halfWidth(s).unicodeScalars.filter { u in
            !u.properties.isWhitespace && !CharacterSet.punctuationCharacters.contains(u) && !CharacterSet.symbols.contains(u)
        }.map(Character.init))
    }

    /// Dice's coefficient over character bigrams, the usual fuzzy measure for Chinese text.
    static func dice(_ a: String, _ b: String) -> Double {
        func bigrams(_ s: String) -> [String: Int] {
            let c = Array(s)
            var out: [String: Int] = [:]
            if c.count == 1 { out[String(c)] = 1 }
            for i in 0..<max(c.count - 1, 0) { out[String(c[i...i + 1]), default: 0] += 1 }
            return out
        }
        let x = bigrams(a), y = bigrams(b)
        let common = x.reduce(0) { $0 + min($1.value, y[$1.key] ?? 0) }
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        return total == 0 ? 0 : 2 * Double(common) / Double(total)
    }
}
