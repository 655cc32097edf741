import Foundation

extension District {
    /// The district a department's label names, written as departments write them: the exact name or an
    /// alias, or one with additions — `南湖区（含湘家荡）`, `经开区（国际商务区）`, `市本级（市直）`,
    /// `嘉兴经开区`. Totals (`南湖区合计`) and labels naming two districts are not a district.
    public static func matchLabel(_ text: String, in districts: [District] = jiaxing) -> District? {
        if let exact = match(text, in: districts) { return exact }
        let key = TextNormalizer.compact(text)
        guard !key.isEmpty, key.count <= 24, !DistrictLabel.isTotal(key) else { return nil }
        // Without what is in brackets: 南湖区（含湘家荡） → 南湖区.
        let bare = key.replacingOccurrences(of: #"[（(【\[][^）)】\]]*[）)】\]]"#, with: "", options: .regularExpression)
        if bare != key, let d = match(bare, in: districts) { return d }
        // A name or alias of two characters or more inside the label, of exactly one district.
        let named = districts.filter { d in
            ([d.name, d.shortName] + d.aliases).map(TextNormalizer.compact).contains { $0.count >= 2 && key.contains($0) }
        }
        return named.count == 1 ? named[0] : nil
    }
}

/// Words that mark a total rather than a district or a task.
enum DistrictLabel {
    static let totals: Set<String> = ["合计", "总计", "全市", "小计", "全市合计", "累计"]

    /// A totals label: 合计, 全市合计, 总计… (but not a task text that merely starts with 全市).
    static func isTotal(_ label: String) -> Bool {
        totals.contains(label) || label.hasSuffix("合计") || label.hasSuffix("总计") || label.hasSuffix("小计")
    }
}
