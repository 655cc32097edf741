import Foundation
import XLSXCore
import XLSXWriter

/// Generates a complete, reproducible reporting round: a return for every district but one, most
/// valid, one late resubmission, and the mistakes clerks really make.
public enum SampleRound {
    /// Approximate centres of the districts (longitude, latitude), for plausible project sites.
    static let centres: [String: (Double, Double)] = [
        "nanhu": (120.783, 30.747), "xiuzhou": (120.709, 30.765), "jiashan": (120.926, 30.841), "pinghu": (121.015, 30.677),
        "haiyan": (120.946, 30.526), "haining": (120.681, 30.511), "tongxiang": (120.565, 30.630), "jetdz": (120.735, 30.722),
        "port": (121.085, 30.620), "city": (120.755, 30.746),
    ]
    /// How far along each district is, on average, at the end of June.
    static let pace: [String: Double] = [
        "nanhu": 0.62, "xiuzhou": 0.55, "jiashan": 0.58, "pinghu": 0.51, "haiyan": 0.45, "haining": 0.66, "tongxiang": 0.60,
        "jetdz": 0.40, "port": 0.50, "city": 0.70,
    ]

    /// The district that does not report, to show 未报送.
    public static let missingDistrict = "port"

    /// Writes the returns into `folder` and returns their paths.
    public static func write(plan: Plan, period: Period, into folder: String) throws -> [String] {
        try AtomicFile.createFolder(folder)
        var paths: [String] = []
        let options = TemplateOptions(period: period)
        for district in plan.districts where district.id != missingDistrict {
            var fill = self.fill(plan: plan, district: district, date: reportDate(period, day: 5))
            let path = URL(fileURLWithPath: folder).appendingPathComponent(TemplateWriter.fileName(district, period)).path
            switch district.id {
            case "jiashan":
                // First submission with mistakes; a corrected one follows two days later.
                var first = fill
                first.done[first.done.keys.sorted()[1]] = .text("约300")
                first.done[first.done.keys.sorted()[2]] = .number(-3)
                first.date = reportDate(period, day: 3)
                try TemplateWriter.write(plan: plan, district: district, options: options, fill: first, to: path)
                paths.append(path)
                let corrected = URL(fileURLWithPath: folder).appendingPathComponent(TemplateWriter.fileName(district, period).replacingOccurrences(of: ".xlsx", with: "（更正）.xlsx")).path
                fill.date = reportDate(period, day: 6)
                try TemplateWriter.write(plan: plan, district: district, options: options, fill: fill, to: corrected)
                paths.append(corrected)
                continue
            case "haining":
                // Figures typed as text and a status that does not match: warnings, still counted.
                let rows = TemplateRow.rows(for: district, in: plan).filter { $0.target != nil && !$0.isPercentage }
                if let r = rows.first, case .number(let n)? = fill.done[r.taskID] { fill.done[r.taskID] = .text(fullWidth(Quantity.format(Decimal(n)))) }
                if rows.count > 3 { fill.status[rows[3].taskID] = "已完成" }
            case "xiuzhou":
                // Longitude and latitude swapped on one site: an error, so the return is left out until corrected.
                if !fill.points.isEmpty {
                    let p = fill.points[0]
                    fill.points[0] = (p.task, p.name, p.address, p.latitude, p.longitude, p.status, p.remark)
                }
            default:
                break
            }
            try TemplateWriter.write(plan: plan, district: district, options: options, fill: fill, to: path)
            paths.append(path)
        }
        return paths
    }

    /// Deterministic figures for one district: progress around the district's pace, some tasks done, some not started.
    /// A day early in the month after the period, when returns are due.
    static func reportDate(_ period: Period, day: Int) -> ExcelDateTime {
        period.month == 12 ? ExcelDateTime(year: period.year + 1, month: 1, day: day) : ExcelDateTime(year: period.year, month: period.month + 1, day: day)
    }

    /// - Parameter month: the month the figures are for; June gives the sample round's figures, earlier
    ///   months proportionally less, later ones closer to the target (the same tasks, never decreasing).
    static func fill(plan: Plan, district: District, date: ExcelDateTime, month: Int = 6) -> TemplateFill {
        var random = SplitMix64(seed: district.id.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 })
        var fill = TemplateFill()
        fill.filler = ["南湖区": "王芳", "秀洲区": "李明", "嘉善县": "张伟", "平湖市": "刘洋", "海盐县": "陈静", "海宁市": "杨帆", "桐乡市": "赵磊",
                       "市本级": "孙丽"][district.name] ?? "周强"
        fill.phone = "0573-8\(String(format: "%07d", Int(random.next() % 10_000_000)))"
        fill.date = date
        let base = pace[district.id] ?? 0.5
        let (lon, lat) = centres[district.id] ?? (120.75, 30.75)
        for row in TemplateRow.rows(for: district, in: plan) {
            guard let target = row.target?.double else {
                fill.done[row.taskID] = .number(Double(Int(60 + random.unit() * 30)))
                fill.status[row.taskID] = "推进中"
                continue
            }
            let roll = random.unit()
            var fraction = roll < 0.08 ? 0 : roll > 0.9 ? 1 + random.unit() * 0.15 : min(max(base + (random.unit() - 0.5) * 0.6, 0.05), 1)
            if row.isPercentage { fraction = min(fraction + 0.2, 1) }
            if target < 10 { fraction = min(fraction, 1) }  // small counts are not overshot
            if month < 6 {
                fraction *= Double(month) / 6
            } else if month > 6, fraction < 1 {
                fraction += (1 - fraction) * Double(month - 6) / 6 * 0.9
            }
            var done = target * fraction
            done = target == target.rounded() ? done.rounded() : (done * 10).rounded() / 10
            fill.done[row.taskID] = .number(done)
            fill.status[row.taskID] = done <= 0 ? "未开工" : done >= target ? "已完成" : "推进中"
            if !row.isPercentage, done >= 1, fill.points.count < 6, random.unit() < 0.25 {
                let count = min(Int(done), 2)
                fill.pointCount[row.taskID] = count
                for k in 0..<count {
                    let dx = (random.unit() - 0.5) * 0.08, dy = (random.unit() - 0.5) * 0.06
                    fill.points.append((
                        row.taskID, "\(district.shortName)\(row.taskID)项目点\(k + 1)", "\(district.name)\(["中山路", "南湖路", "文昌路", "勤俭路"][k % 4])\(10 + k * 7)号",
                        ((lon + dx) * 1e6).rounded() / 1e6, ((lat + dy) * 1e6).rounded() / 1e6, fill.status[row.taskID]!, ""))
                }
            }
        }
        addMilestones(&fill, plan: plan, district: district, month: month)
        return fill
    }

    /// 海盐县 states a schedule for its first five tasks with a target, ahead of its progress, and one of
    /// them should have started by the end of March but has not; 平湖市 states one from the start and, from
    /// July, puts its 9月底 back, saying why.
    static func addMilestones(_ fill: inout TemplateFill, plan: Plan, district: District, month: Int) {
        let year = plan.year ?? 2021
        let rows = TemplateRow.rows(for: district, in: plan).filter { $0.target != nil && !$0.isPercentage }
        switch district.id {
        case "haiyan":
            for (i, row) in rows.prefix(5).enumerated() {
                let t = row.target!
                fill.milestones[row.taskID] = Milestones(
                    quarters: [3: (t * 0.3).rounded, 6: (t * 0.7).rounded, 9: (t * 0.9).rounded, 12: t],
                    steps: i == 0 ? [.start: ExcelDateTime(year: year, month: 3, day: 31), .inUse: ExcelDateTime(year: year, month: 12, day: 31)] : [:])
                if i == 0 {
                    fill.done[row.taskID] = .number(0)
                    fill.status[row.taskID] = "未开工"
                    fill.points.removeAll { $0.task == row.taskID }
                    fill.pointCount[row.taskID] = nil
                }
            }
        case "pinghu":
            for row in rows.prefix(3) {
                let t = row.target!
                let september = month >= 7 ? (t * 0.6).rounded : (t * 0.8).rounded
                fill.milestones[row.taskID] = Milestones(quarters: [3: (t * 0.2).rounded, 6: (t * 0.4).rounded, 9: september, 12: t])
                if month >= 7 { fill.milestoneRemarks[row.taskID] = "因征地延后，三季度进度调整" }
            }
        default:
            break
        }
    }

    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.isASCII && $0.properties.isASCIIHexDigit && ("0"..."9").contains(Character($0)) ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
    }
}
