import ArgumentParser
import Foundation
import MinshengKit
import XLSXWriter

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Read and check the allocation table (分解任务表).",
        subcommands: [PlanCheck.self, PlanExportCommand.self])
}

/// How findings are printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check that the allocation table adds up (表内审核).",
        discussion: "Exit status 1 when a finding of error level (强制性) exists.")

    @Argument(help: "The allocation workbook.")
    var plan: String

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    @Option(help: "Also write the findings to this workbook.")
    var out: String?

    func run() throws {
        var findings: [Finding] = []
        try reportingErrors {
            try refuseOverwriting(inputs: [plan], output: out)
            let result = try PlanReader().read(path: plan)
            findings = result.findings + PlanChecker().check(result.plan)
            findings = findings.map { var f = $0; f.file = f.file ?? plan; return f }
            emit(format == .json ? FindingReport.json(findings) : FindingReport.text(findings))
            if let out {
                let book = try WorkbookBuilder()
                try FindingsWorkbook.addSheet(findings, to: book)
                try book.write(to: out)
            }
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}

struct PlanExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Print the typed plan as JSON or long-form CSV.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: "The allocation workbook.")
    var plan: String

    @Option(help: "json or csv.")
    var format: Format = .json

    func run() throws {
        try reportingErrors {
            let result = try PlanReader().read(path: plan)
            emit(format == .json ? PlanExport.json(result.plan) : PlanExport.csv(result.plan))
        }
    }
}
