import ArgumentParser
import Foundation
import MinshengKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what changed between two versions of a return, a plan, or any two workbooks.",
        discussion: """
            Returns and plans made by minsheng are compared by meaning (task × field, task × district); \
            other workbooks sheet by sheet, rows matched by --key columns or by content alignment. \
            Exit status 0 when equal, 1 when different, 2 on trouble.
            """)

    @Argument(help: "The older version.")
    var old: String

    @Argument(help: "The newer version.")
    var new: String

    @Option(name: .customLong("key"), help: "A key column (letter or header label) to match rows by; repeat for several.")
    var keys: [String] = []

    @Option(help: "Numbers that differ by no more than this are equal.")
    var tolerance: Double = 0

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    @Option(help: "Also write the differences as a workbook.")
    var out: String?

    @Flag(help: "Compare sheet by sheet even when both files are minsheng returns or plans.")
    var cells = false

    func run() throws {
        var equal = true
        try reportingErrors {
            try refuseOverwriting(inputs: [old, new], output: out)
            let report = try compare()
            emit(format == .json ? DiffOutput.json(report) : DiffOutput.text(report, color: isatty(1) != 0 && format == .text))
            if let out { try DiffOutput.workbook(report, to: out) }
            equal = report.isEqual
        }
        if !equal { throw ExitCode(1) }
    }

    private func compare() throws -> DiffReport {
        if !cells && keys.isEmpty {
            if let a = try? DistrictReturn.read(path: old), let b = try? DistrictReturn.read(path: new) {
                return SemanticDiffer(tolerance: tolerance).diff(old: a, new: b)
            }
            if let a = try? PlanReader().read(path: old), let b = try? PlanReader().read(path: new) {
                return SemanticDiffer(tolerance: tolerance).diff(old: a.plan, new: b.plan, oldFile: old, newFile: new)
            }
        }
        return try WorkbookDiffer(keys: keys, tolerance: tolerance).diff(old: old, new: new)
    }
}
