import Foundation
import XLSXCore

/// A figure from a departmental return, read with its units or words, keeping the original text.
public enum DepartmentValue: Hashable, Sendable {
    case blank
    /// `/`, `—`: the task does not apply to this district.
    case notApplicable
    /// A figure; `note` says how it was read when it was not a plain number (`约5万` → 50000).
    case value(Decimal, isPercentage: Bool, approximate: Bool, note: String?)
    /// A word meaning done (已完成, 完成, 全覆盖): the district's target.
    case done(word: String)
    /// A word meaning not started (未开工, 尚未开工): zero.
    case notStarted(word: String)
    case unreadable(String)

    static let doneWords = ["已完成", "完成", "全部完成", "已全覆盖", "全覆盖", "已建成", "建成"]
    static let notStartedWords = ["未开工", "尚未开工", "未启动", "未实施"]

    /// Reads a cell. Units after a number (`3个`, `12.5公里`) are dropped, `万` and `亿` multiply,
    /// `约` marks an approximate figure.
    public static func read(_ value: CellValue, percentFormat: Bool) -> DepartmentValue {
        switch value {
        case .empty: return .blank
        case .number(let n):
            let d = Decimal(fileText: CellValue.format(n)) ?? Decimal(n)
            return percentFormat ? .value(d * 100, isPercentage: true, approximate: false, note: nil) : .value(d, isPercentage: false, approximate: false, note: nil)
        case .bool, .date, .error: return .unreadable(value.text)
        case .string(let raw):
            let original = TextNormalizer.spacesFolded(raw)
            var s = TextNormalizer.compact(raw)
            if s.isEmpty { return .blank }
            if ["/", "—", "-", "－", "——", "\\", "无", "不涉及"].contains(s) { return .notApplicable }
            if doneWords.contains(s) { return .done(word: original) }
            if notStartedWords.contains(s) { return .notStarted(word: original) }
            var approximate = false
            for prefix in ["大约", "约", "近"] where s.hasPrefix(prefix) {
                approximate = true
                s.removeFirst(prefix.count)
            }
            for suffix in ["左右", "余"] where s.hasSuffix(suffix) {
                approximate = true
                s.removeLast(suffix.count)
            }
            var percentage = false
            var multiplier: Decimal = 1
            if s.hasSuffix("%") {
                percentage = true
                s.removeLast()
            } else {
                if let unit = TargetText.units.filter({ $0 != "%" }).sorted(by: { $0.count > $1.count }).first(where: { s.hasSuffix($0) }) {
                    s.removeLast(unit.count)
                }
                if s.hasSuffix("万") {
                    multiplier = 10_000
                    s.removeLast()
                } else if s.hasSuffix("亿") {
                    multiplier = 100_000_000
                    s.removeLast()
                }
            }
            guard let ungrouped = Quantity.ungrouped(s) else { return .unreadable(original) }
            s = ungrouped
            guard !s.isEmpty, s.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "-" }), let d = Decimal(fileText: s) else {
                return .unreadable(original)
            }
            let plain = !approximate && !percentage && multiplier == 1 && original == Quantity.format(d)
            return .value(d * multiplier, isPercentage: percentage, approximate: approximate, note: plain ? nil : original)
        }
    }
}
