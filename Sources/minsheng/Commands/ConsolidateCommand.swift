import ArgumentParser
import Foundation
import MinshengKit

struct ConsolidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate", abstract: "审核一轮报送的全部报送表，汇总成一个工作簿。",
        discussion: """
            每个收到的文件都有去向：已采用、被后报的表替代、报送期不符、无法确定地区、无法读取或已跳过。\
            某项数据有强制性错误时只有该项不计入合计，在其单元格中标明原因；同一地区有两份报送表时采用较晚\
            的一份。有强制性问题时退出码为 1。
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

    @Option(help: ArgumentHelp("上一期的汇总数据（consolidate --json 写出的文件）或上一期报送表所在的文件夹，用于表间审核和本月新增。", valueName: "上期"))
    var previous: String?

    @Option(help: ArgumentHelp("同时审核的报送表数（默认：每个处理器核心一个）。", valueName: "数目"))
    var jobs = 0

    @Option(help: ArgumentHelp("汇总表上印的生成时间（ISO 8601；默认：现在）。", valueName: "时间"))
    var generatedAt: String?

    @Option(help: ArgumentHelp("把本地区（乡镇、街道）的汇总写成报市的报送表：用全市的模板，备注写明每个数字的来源。须同时给出 --city-plan 和 --district。", valueName: "报送表.xlsx"))
    var asReturn: String?

    @Option(help: ArgumentHelp("全市分解任务表（与 --as-return 同用）。", valueName: "全市分解任务表"))
    var cityPlan: String?

    @Option(help: ArgumentHelp("本地区在全市分解任务表中的名称（与 --as-return 同用）。", valueName: "地区"))
    var district: String?

    func validate() throws {
        if returns.isEmpty { throw ValidationError("请至少给出一份报送表或一个文件夹。") }
        if asReturn != nil && (cityPlan == nil || district == nil) { throw ValidationError("--as-return 须同时给出 --city-plan 和 --district。") }
    }

    private func names(_ districts: [District]) -> String {
        districts.isEmpty ? "无" : districts.map(\.name).joined(separator: "、")
    }

    func run() throws {
        let files = try Consolidator.expand(returns)
        try prepareFiles(inputs: files.map(\.path) + [plan] + (previous.map { [$0] } ?? []) + (cityPlan.map { [$0] } ?? []), outputs: [out, json, geojson, asReturn])
        let imported = try PlanReader().read(path: plan)
        let stamp = generatedAt ?? ISO8601DateFormatter().string(from: Date())
        var consolidator = Consolidator(plan: imported.plan, period: period.period, generatedAt: stamp)
        consolidator.workers = jobs
        let earlier = try previous.map { try consolidator.previousFigures(from: $0) } ?? [:]
        let interactive = isatty(2) != 0
        let result = consolidator.run(files: files, previous: earlier) { done, total in
            if interactive { FileHandle.standardError.write(Data("\r审核 \(done)/\(total)".utf8)) }
        }
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        try ConsolidatedWorkbook.write(result, to: out)
        if let json { try AtomicFile.write(Data(ConsolidationExport.json(result).utf8), to: json) }
        if let geojson { try AtomicFile.write(Data(ConsolidationExport.geoJSON(result).utf8), to: geojson) }
        if let asReturn, let cityPlan, let district {
            let city = try PlanReader().read(path: cityPlan).plan
            let incomplete = try RoundAsReturn.write(result, cityPlan: city, district: matchDistrict(district, in: city), to: asReturn)
            emit("报市报送表：\(asReturn)" + (incomplete.isEmpty ? "\n" : "（\(incomplete.count) 项任务因乡镇、街道数字不全暂不填报：\(incomplete.joined(separator: "、"))）\n"))
        }
        let counts = result.statusCounts
        emit("""
            \(result.period.chinese)：收到文件\(ConsolidatedWorkbook.fileSummary(result))
            已采用 \(result.reportedDistricts.count) 个地区；未报送：\(names(result.missingDistricts))；报送文件无法读取：\(names(result.unreadableDistricts))；报送的表无法确定归属：\(names(result.unattributedDistricts))；有数据未计入：\(names(result.excludedDistricts))
            提前/超额完成 \(counts[.ahead] ?? 0)，正常推进 \(counts[.onPace] ?? 0)，推进缓慢 \(counts[.slow] ?? 0)，未报送 \(counts[.missing] ?? 0)，有误未计入 \(counts[.excluded] ?? 0)，无法读取 \(counts[.unreadable] ?? 0)
            数据问题 \(result.findings.count) 条（强制性 \(result.findings.filter { $0.severity == .error }.count) 条）
            汇总表：\(out)

            """)
        if result.findings.hasErrors { throw ExitCode(1) }
    }
}
