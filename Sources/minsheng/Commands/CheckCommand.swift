import ArgumentParser
import Foundation
import MinshengKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "逐格审核一个地区的报送表（表内审核、表间审核）。",
        discussion: "有强制性问题时退出码为 1。")

    @Argument(help: ArgumentHelp("报送表。", valueName: "报送表"))
    var file: String

    @OptionGroup var plan: PlanOption

    @Option(help: ArgumentHelp("同一地区上一期的报送表，用于检查累计数不减少。", valueName: "上期报送表"))
    var previous: String?

    @Option(help: ArgumentHelp("报送表应属的地区。", valueName: "地区"))
    var district: String?

    @Option(help: ArgumentHelp("报送表应属的报送期，如 2021-06。", valueName: "年-月"))
    var period: Period?

    @OptionGroup var output: FormatOption

    @Option(help: ArgumentHelp("另存一份标出问题的报送表，发回给地区。", valueName: "反馈表"))
    var feedback: String?

    func run() throws {
        try prepareFiles(inputs: [file, plan.plan] + (previous.map { [$0] } ?? []), outputs: [feedback])
        let imported = try PlanReader().read(path: plan.plan)
        var checker = ReturnChecker(plan: imported.plan)
        if let district { checker.expectedDistrict = try matchDistrict(district, in: imported.plan) }
        checker.expectedPeriod = period
        let earlier = try previous.map { try checker.check(DistrictReturn.read(path: $0)) }
        let result = checker.check(try DistrictReturn.read(path: file), previous: earlier)
        emit(output.format == .json ? FindingReport.json(result.findings) : FindingReport.text(result.findings))
        if let feedback {
            try FeedbackWriter.write(source: file, findings: result.findings, to: feedback, plan: imported.plan, district: result.district, period: result.period)
        }
        if result.findings.hasErrors { throw ExitCode(1) }
    }
}

/// The district a person named, by its name or an alias.
/// - Throws: `CommandError` listing the districts of the plan.
func matchDistrict(_ name: String, in plan: Plan) throws -> District {
    guard let d = District.match(name, in: plan.districts) else {
        throw CommandError(message: "没有名为“\(name)”的地区。分解任务表中的地区：" + plan.districts.map(\.name).joined(separator: "、"))
    }
    return d
}
