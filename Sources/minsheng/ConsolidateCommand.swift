import ArgumentParser
import Foundation
import MinshengKit

struct ConsolidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate", abstract: "Check every return of a round and add them up into one workbook (汇总).",
        discussion: """
            Returns with error-level findings are reported and left out of the totals (counted with \
            --include-invalid); of two returns for one district the later is used. Exit status 1 when any \
            error-level finding exists.
            """)

    @Argument(help: "The allocation workbook.")
    var plan: String

    @Argument(help: "Return workbooks, or folders of them.")
    var returns: [String]

    @Option(help: "The reporting period, such as 2021-06.")
    var period: String

    @Option(help: "The consolidated workbook to write.")
    var out: String

    @Option(help: "Also write the consolidated figures as JSON.")
    var json: String?

    @Option(help: "Also write the project sites as GeoJSON for the 民生地图.")
    var geojson: String?

    @Flag(help: "Count returns with error-level findings in the totals too.")
    var includeInvalid = false

    @Option(help: "How many returns to check at once (default: one per core).")
    var jobs = 0

    @Option(help: "The time stamp to print as 生成时间 (ISO 8601; default: now).")
    var generatedAt: String?

    func validate() throws {
        if Period(period) == nil { throw ValidationError("--period must be a month such as 2021-06") }
        if returns.isEmpty { throw ValidationError("name at least one return or folder") }
    }

    private func names(_ districts: [District]) -> String {
        districts.isEmpty ? "无" : districts.map(\.name).joined(separator: "、")
    }

    func run() throws {
        var hasErrors = false
        try reportingErrors {
            let files = try Consolidator.expand(returns)
            try refuseOverwriting(inputs: files + [plan], output: out)
            try refuseOverwriting(inputs: files + [plan], output: json)
            try refuseOverwriting(inputs: files + [plan], output: geojson)
            let imported = try PlanReader().read(path: plan)
            let stamp = generatedAt ?? ISO8601DateFormatter().string(from: Date())
            var consolidator = Consolidator(plan: imported.plan, period: Period(period)!, generatedAt: stamp)
            consolidator.includeInvalid = includeInvalid
            consolidator.workers = jobs
            let interactive = isatty(2) != 0
            let result = consolidator.run(files: files) { done, total in
                if interactive { FileHandle.standardError.write(Data("\r审核 \(done)/\(total)".utf8)) }
            }
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            try ConsolidatedWorkbook.write(result, to: out)
            if let json { try AtomicFile.write(Data(ConsolidationExport.json(result).utf8), to: json) }
            if let geojson { try AtomicFile.write(Data(ConsolidationExport.geoJSON(result).utf8), to: geojson) }
            let counts = result.statusCounts
            emit("""
                \(result.period.chinese)：\(files.count) 个文件，已采用 \(result.reportedDistricts.count) 个地区；未报送：\(names(result.missingDistricts))；有误未计入：\(names(result.excludedDistricts))
                提前/超额完成 \(counts[.ahead] ?? 0)，正常推进 \(counts[.onPace] ?? 0)，推进缓慢 \(counts[.slow] ?? 0)，未报送 \(counts[.missing] ?? 0)，有误未计入 \(counts[.excluded] ?? 0)
                数据问题 \(result.findings.count) 条（强制性 \(result.findings.filter { $0.severity == .error }.count) 条）
                汇总表：\(out)

                """)
            hasErrors = result.findings.hasErrors
        }
        if hasErrors { throw ExitCode(1) }
    }
}
