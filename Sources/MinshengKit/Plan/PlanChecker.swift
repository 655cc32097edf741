import Foundation

/// The consistency checks of an allocation plan (表内审核).
public struct PlanChecker {
    /// How far the sum of approximate shares may stray from an approximate 全市, as a fraction.
    public var approximateTolerance: Decimal = 0.05

    public init() {}

    /// Runs every check and returns the findings in table order.
    public func check(_ plan: Plan) -> [Finding] {
        var findings: [Finding] = []
        var seen: [String: PlanTask] = [:]
        for task in plan.tasks {
            if let first = seen[task.id] {
                findings.append(make(
                    .planDuplicateId, .error, task, nil, task.location?.cell(task.location?.seqColumn),
                    "任务编号\(task.id)重复（另见\(first.location.map { "\($0.sheet)第\($0.row + 1)行" } ?? "前文")），每个序号只能出现一次"))
            } else {
                seen[task.id] = task
            }
            findings += checkLeads(task)
            findings += checkSum(task, plan.districts)
            findings += checkStatedFigure(task)
        }
        return findings
    }

    private func make(_ code: FindingCode, _ severity: Severity, _ task: PlanTask, _ district: District?, _ cell: String?, _ message: String) -> Finding {
        Finding(code: code, severity: severity, task: task.id, district: district?.name, sheet: task.location?.sheet, cell: cell, message: message)
    }

    private func checkLeads(_ task: PlanTask) -> [Finding] {
        guard task.leads.isEmpty else { return [] }
        return [make(.planNoLead, .error, task, nil, task.location?.cell(task.location?.leadColumn), "任务\(task.id)没有牵头单位")]
    }

    /// District shares add up to 全市: exactly for exact figures, within a tolerance for 约.
    private func checkSum(_ task: PlanTask, _ districts: [District]) -> [Finding] {
        let total = task.total
        guard let totalValue = total.value, !total.isPercentage else { return [] }
        let shares = districts.map { ($0, task.share($0)) }
        let assigned = shares.filter { $0.1.isAssigned }
        // A city-wide task carried out centrally (every district "/") has nothing to add up.
        guard !assigned.isEmpty else { return [] }
        if let mixed = assigned.first(where: { $0.1.isPercentage }) {
            return [make(
                .planMixedKinds, .warning, task, mixed.0, task.location?.cell(task.location?.districtColumns[mixed.0.id]),
                "全市目标为数量（\(total.text)），而\(mixed.0.name)的分解数为百分数（\(mixed.1.text)），请核实")]
        }
        let blanks = shares.filter { $0.1 == .blank }
        var findings = blanks.map { d, _ in
            make(.planBlankShare, .warning, task, d, task.location?.cell(task.location?.districtColumns[d.id]), "\(d.name)的分解数为空；不承担任务的请填“/”")
        }
        let sum = assigned.reduce(Decimal(0)) { $0 + ($1.1.value ?? 0) }
        let totalCell = task.location?.cell(task.location?.totalColumn)
        if total.isApproximate || assigned.contains(where: { $0.1.isApproximate }) {
            let gap = abs(NSDecimalNumber(decimal: sum - totalValue).doubleValue)
            let allowed = abs(NSDecimalNumber(decimal: totalValue * approximateTolerance).doubleValue)
            if gap > allowed {
                findings.append(make(
                    .planSumApproximate, .warning, task, nil, totalCell,
                    "各地分解数之和（约\(Quantity.format(sum))）与全市目标（\(total.text)）相差\(Quantity.format(Decimal(gap)))，超过约数允许的\(Quantity.format(approximateTolerance * 100))%"))
            }
        } else if sum != totalValue {
            let detail = assigned.map { "\($0.0.shortName)\($0.1.text)" }.joined(separator: "+")
            findings.append(make(
                .planSumMismatch, .error, task, nil, totalCell,
                "各地分解数之和为\(Quantity.format(sum))（\(detail)），与全市目标\(total.text)不一致，\(sum > totalValue ? "多" : "少")\(Quantity.format(abs(sum - totalValue)))"))
        }
        return findings
    }

    /// 全市 against the figure the target text states for the whole city.
    private func checkStatedFigure(_ task: PlanTask) -> [Finding] {
        guard let stated = TargetText.statedCityFigure(in: task.target), let statedValue = stated.quantity.value,
            let totalValue = task.total.value, stated.quantity.isPercentage == task.total.isPercentage
        else { return [] }
        if statedValue == totalValue { return [] }
        if stated.quantity.isApproximate || task.total.isApproximate {
            let gap = abs(NSDecimalNumber(decimal: statedValue - totalValue).doubleValue)
            if gap <= abs(NSDecimalNumber(decimal: statedValue * approximateTolerance).doubleValue) { return [] }
        }
        return [make(
            .planTargetTextMismatch, .warning, task, nil, task.location?.cell(task.location?.totalColumn),
            "全市目标为\(task.total.text)，而目标任务中写明全市\(stated.quantity.text)\(stated.unit == "%" ? "" : stated.unit)，请核实以哪个为准")]
    }
}
