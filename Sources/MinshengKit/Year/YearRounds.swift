import Foundation
import XLSXCore
import XLSXReader

/// The rounds of one year, each read from the summary workbook `consolidate` wrote (its hidden
/// `_minsheng` sheet: the period and every figure that counted).
public struct YearRound: Sendable {
    public var period: Period
    /// The summary it was read from.
    public var file: String
    /// Counted 累计完成 by district id, then task id (percent figures for percentage tasks).
    public var figures: [String: [String: Decimal]]
    /// Figures judged by the district's 时间节点: by district id, then task id, the share of the target
    /// due that month (nil for a step only) and the steps missed.
    public var schedules: [String: [String: (due: Double?, missed: String)]] = [:]
}

extension YearRound {
    /// Reads the summaries given, a folder standing for the summaries in it (its other workbooks are
    /// passed over and listed).
    /// - Returns: the rounds in month order, and the workbooks of the folders that are not summaries.
    /// - Throws: `DomainError` naming the file when a summary given by name cannot be read, when two
    ///   summaries are of one month, or when they are of different years.
    public static func read(_ paths: [String], plan: Plan) throws -> (rounds: [YearRound], passedOver: [String]) {
        var rounds: [YearRound] = []
        var passedOver: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                // The folder listed as `consolidate` lists it; office lock files and hidden files are not summaries.
                for file in try Consolidator.expand([path])
                where file.skipReason == nil && ["xlsx", "xlsm"].contains(URL(fileURLWithPath: file.path).pathExtension.lowercased()) {
                    if let round = try? round(file.path, plan: plan) { rounds.append(round) } else { passedOver.append(file.path) }
                }
            } else {
                rounds.append(try round(path, plan: plan))
            }
        }
        rounds.sort { $0.period.month < $1.period.month }
        for (a, b) in zip(rounds, rounds.dropFirst()) {
            if a.period.year != b.period.year {
                throw DomainError(
                    file: b.file, message: "the summaries are of different years (\(a.period.year) in \(a.file), \(b.period.year) here)",
                    zh: "汇总表不属于同一年度（\(a.file) 为 \(a.period.year) 年，本表为 \(b.period.year) 年）", zhHint: "请只给出同一年度各月的汇总表")
            }
            if a.period == b.period {
                throw DomainError(
                    file: b.file, message: "two summaries of \(a.period): \(a.file) and this one",
                    zh: "两份汇总表都是 \(a.period.chinese) 的：\(a.file) 和本表", zhHint: "每个月只保留一份（最后一次汇总的）")
            }
        }
        return (rounds, passedOver)
    }

    private static func round(_ path: String, plan: Plan) throws -> YearRound {
        let (period, figures, schedules) = try ConsolidatedWorkbook.summaryRows(path: path, plan: plan)
        guard let period else {
            throw DomainError(file: path, message: "the summary does not say its period", zh: "汇总表中没有报送期", zhHint: "请用 minsheng consolidate 重新生成该月的汇总表")
        }
        return YearRound(period: period, file: path, figures: figures, schedules: schedules)
    }
}
