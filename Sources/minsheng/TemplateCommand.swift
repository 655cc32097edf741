import ArgumentParser
import Foundation
import MinshengKit

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Write a fill-in workbook for each district (填报模板).")

    @Argument(help: "The allocation workbook.")
    var plan: String

    @Option(help: "The reporting period, such as 2021-06.")
    var period: String

    @Option(name: .customLong("district"), help: "A district to write (repeat for several; default: all).")
    var districts: [String] = []

    @Option(help: "The folder to write into (created when missing).")
    var out: String

    @Option(help: "Deadline shown in 填报说明.")
    var deadline: String?

    @Option(help: "Contact shown in 填报说明.")
    var contact: String?

    @Option(help: "Protect the sheets with this password.")
    var password: String?

    func validate() throws {
        if Period(period) == nil { throw ValidationError("--period must be a month such as 2021-06") }
    }

    func run() throws {
        try reportingErrors {
            let imported = try PlanReader().read(path: plan)
            if imported.findings.hasErrors {
                FileHandle.standardError.write(Data(FindingReport.text(imported.findings).utf8))
                throw CommandError(message: "\(plan) has errors that must be fixed before templates are made (run minsheng plan check)")
            }
            let chosen = try districts.isEmpty ? imported.plan.districts : districts.map { name in
                guard let d = District.match(name, in: imported.plan.districts) else {
                    throw CommandError(message: "unknown district \(name); known: " + imported.plan.districts.map(\.name).joined(separator: "、"))
                }
                return d
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let options = TemplateOptions(period: Period(period)!, deadline: deadline, contact: contact, password: password)
            for district in chosen {
                let path = URL(fileURLWithPath: out).appendingPathComponent(TemplateWriter.fileName(district, options.period)).path
                try TemplateWriter.write(plan: imported.plan, district: district, options: options, to: path)
                emit("\(path)\t\(TemplateRow.rows(for: district, in: imported.plan).count) 项任务\n")
            }
        }
    }
}
