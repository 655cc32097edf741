import ArgumentParser
import Foundation
import MinshengKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Convert a return a lead department sent in its own layout into minsheng's returns.",
        discussion: """
            Finds the header, the district axis (columns or rows) and the tasks (by id, else by text); \
            what it cannot map is reported with its location and left out, never guessed. Writes one return \
            per district found (merged with a return already in the folder) and the mapping it used, which \
            --mapping takes back next month. Exit status 1 when something could not be imported.
            """)

    @Argument(help: "The departmental workbook.")
    var file: String

    @Option(help: "The allocation workbook.")
    var plan: String

    @Option(help: "The reporting period, such as 2021-06 (default: read from the sheet's title).")
    var period: String?

    @Option(help: "A mapping file written by an earlier import (YAML).")
    var mapping: String?

    @Option(help: "The folder to write the returns and the mapping into.")
    var out = "."

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func run() throws {
        var findings: [Finding] = []
        try reportingErrors {
            let imported = try PlanReader().read(path: plan)
            let mappings = try mapping.map { try ImportMapping.parse(String(contentsOfFile: $0, encoding: .utf8), file: $0) } ?? []
            let p = try period.map { text -> Period in
                guard let p = Period(text) else { throw CommandError(message: "--period must be a month such as 2021-06") }
                return p
            }
            let result = try DepartmentImporter(plan: imported.plan).read(path: file, period: p, mappings: mappings)
            let source = URL(fileURLWithPath: file).lastPathComponent
            let written = try CanonicalReturns.write(result, plan: imported.plan, into: out, source: source)
            let mappingPath = URL(fileURLWithPath: out).appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".mapping.yaml").path
            try refuseOverwriting(inputs: [file, plan], output: mappingPath)
            try AtomicFile.write(Data(ImportMapping.yaml(result.mappings, source: source).utf8), to: mappingPath)
            findings = result.findings + written.findings
            if format == .json {
                emit(FindingReport.json(findings))
            } else {
                let count = result.figures.values.reduce(0) { $0 + $1.count }
                var out = "\(source)：\(result.period.chinese)，\(result.figures.count) 个地区，\(count) 个数据\n"
                for path in written.paths { out += "  写入 \(path)\n" }
                out += "  映射 \(mappingPath)\n"
                emit(out + FindingReport.text(findings))
            }
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}
