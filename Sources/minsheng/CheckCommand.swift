import ArgumentParser
import Foundation
import MinshengKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a district's return against the plan (表内审核, 表间审核).",
        discussion: "Exit status 1 when a finding of error level (强制性) exists.")

    @Argument(help: "The return workbook.")
    var file: String

    @Option(help: "The allocation workbook.")
    var plan: String

    @Option(help: "The same district's earlier return, to check that cumulative figures did not go down.")
    var previous: String?

    @Option(help: "The district the return must be from.")
    var district: String?

    @Option(help: "The period the return must be for, such as 2021-06.")
    var period: String?

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    @Option(help: "Write a copy of the return with the findings marked, for the district.")
    var feedback: String?

    func run() throws {
        var findings: [Finding] = []
        try reportingErrors {
            try refuseOverwriting(inputs: [file, plan] + (previous.map { [$0] } ?? []), output: feedback)
            let imported = try PlanReader().read(path: plan)
            var checker = ReturnChecker(plan: imported.plan)
            if let district {
                guard let d = District.match(district, in: imported.plan.districts) else { throw CommandError(message: "unknown district \(district)") }
                checker.expectedDistrict = d
            }
            if let period {
                guard let p = Period(period) else { throw CommandError(message: "--period must be a month such as 2021-06") }
                checker.expectedPeriod = p
            }
            let earlier = try previous.map { try checker.check(DistrictReturn.read(path: $0)) }
            let result = checker.check(try DistrictReturn.read(path: file), previous: earlier)
            findings = result.findings
            emit(format == .json ? FindingReport.json(findings) : FindingReport.text(findings))
            if let feedback { try FeedbackWriter.write(source: file, findings: findings, to: feedback) }
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}
