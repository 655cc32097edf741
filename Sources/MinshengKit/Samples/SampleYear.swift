import Foundation
import XLSXCore

/// Generates a reproducible year of monthly rounds for the year view: every district reports every
/// month, its figures growing from month to month, except that 嘉兴港区 misses March.
public enum SampleYear {
    /// The month 嘉兴港区 does not report, to show a figure missing from one round.
    public static let missedMonth = 3

    /// Writes the returns of each month into `folder/round-YYYY-MM` and returns those folders.
    public static func write(plan: Plan, year: Int, months: [Int], into folder: String) throws -> [(Period, String)] {
        var written: [(Period, String)] = []
        for month in months {
            let period = Period(year: year, month: month)
            let round = URL(fileURLWithPath: folder).appendingPathComponent("round-\(period)").path
            try AtomicFile.createFolder(round)
            var options = TemplateOptions(period: period)
            options.planFingerprint = Fingerprint.of(plan)
            for district in plan.districts where !(district.id == SampleRound.missingDistrict && month == missedMonth) {
                let fill = SampleRound.fill(plan: plan, district: district, date: SampleRound.reportDate(period, day: 5), month: month)
                let path = URL(fileURLWithPath: round).appendingPathComponent(TemplateWriter.fileName(district, period)).path
                try TemplateWriter.write(plan: plan, district: district, options: options, fill: fill, to: path)
            }
            written.append((period, round))
        }
        return written
    }
}
