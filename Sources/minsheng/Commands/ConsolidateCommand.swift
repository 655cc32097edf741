import ArgumentParser
import Foundation
import MinshengKit

struct ConsolidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate", abstract: "审核一轮报送的全部报送表，汇总成一个工作簿。",
        discussion: """
            有强制性问题的报送表不计入合计，并在汇总表中列明原因；同一地区有两份报送表时采用较晚的一份。\
            有强制性问题时退出码为 1。
            """)

    @Argument(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan: String

    @Argument(help: ArgumentHelp("报送表，或存放报送表的文件夹。", valueName: "报送表"))
    var returns: [String]

    @OptionGroup var period: PeriodOption

    @Option(help: ArgumentHelp("写入的汇总工作簿。", valueName: "汇总.xlsx"))
    var out: String

    @Option(help: ArgumentHelp("另把汇总数据写成 JSON。", valueName: "文件"))
    var json: String?

    @Option(help: ArgumentHelp("另把项目点位写成 GeoJSON，供民生地图使用。", valueName: "文件"))
    var geojson: String?

    @Flag(help: "有强制性问题的报送表也计入合计。")
    var includeInvalid = false

    @Option(help: ArgumentHelp("同时审核的报送表数（默认：每个处理器核心一个）。", valueName: "数目"))
    var jobs = 0

    @Option(help: ArgumentHelp("汇总表上印的生成时间（ISO 8601；默认：现在）。", valueName: "时间"))
    var generatedAt: String?

    func validate() throws {
        if returns.isEmpty { throw ValidationError("请至少给出一份报送表或一个文件夹。") }
    }

    private func names(_ districts: [District]) -> String {
        districts.isEmpty ? "无" : districts.map(\.name).joined(separator: "、")
    }

    func run() throws {
        try prepareFiles(inputs: [plan] + returns, outputs: [])
        let files = try Consolidator.expand(returns)
        try prepareFiles(inputs: files + [plan], outputs: [out, json, geojson])
        let imported = try PlanReader().read(path: plan)
        let stamp = generatedAt ?? ISO8601DateFormatter().string(from: Date())
        var consolidator = Consolidator(plan: imported.plan, period: period.period, generatedAt: stamp)
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
        if result.findings.hasErrors { throw ExitCode(1) }
    }
}
