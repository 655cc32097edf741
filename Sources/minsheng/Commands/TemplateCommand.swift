import ArgumentParser
import Foundation
import MinshengKit

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "为各地区生成填报模板。")

    @Argument(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan: String

    @OptionGroup var period: PeriodOption

    @Option(name: .customLong("district"), help: ArgumentHelp("只生成这个地区的模板（可重复；默认全部地区）。", valueName: "地区"))
    var districts: [String] = []

    @Option(help: ArgumentHelp("写入的文件夹（不存在时自动创建）。", valueName: "文件夹"))
    var out: String

    @Option(help: ArgumentHelp("填报说明中的报送截止时间，如 2021年7月5日。", valueName: "截止时间"))
    var deadline: String?

    @Option(help: ArgumentHelp("填报说明中的联系人和电话。", valueName: "联系人"))
    var contact: String?

    @Option(help: ArgumentHelp("用此密码保护工作表。", valueName: "密码"))
    var password: String?

    @Option(help: ArgumentHelp("上一期的报送表或其文件夹：各地区已填的时间节点带入新模板（每期保留，不必重填）。", valueName: "上期"))
    var previous: String?

    func run() throws {
        try prepareFiles(inputs: [plan] + (previous.map { [$0] } ?? []), outputs: [])
        try createFolder(out)
        let imported = try PlanReader().read(path: plan)
        if imported.findings.hasErrors {
            FileHandle.standardError.write(Data(FindingReport.text(imported.findings).utf8))
            throw CommandError(message: "文件 \(plan)：分解任务表有强制性问题，须先改正再生成模板。请运行 minsheng plan check 查看")
        }
        let chosen = try districts.isEmpty ? imported.plan.districts : districts.map { try matchDistrict($0, in: imported.plan) }
        var options = TemplateOptions(period: period.period, deadline: deadline, contact: contact, password: password)
        options.planFingerprint = Fingerprint.of(imported.plan)
        let schedules = try previous.map { try TemplateSchedules.fromReturns([$0], plan: imported.plan) } ?? [:]
        for district in chosen {
            let path = URL(fileURLWithPath: out).appendingPathComponent(TemplateWriter.fileName(district, options.period)).path
            var fill: TemplateFill?
            if let kept = schedules[district.id] {
                fill = TemplateFill()
                fill?.milestones = kept
            }
            try TemplateWriter.write(plan: imported.plan, district: district, options: options, fill: fill, to: path)
            emit("\(path)\t\(TemplateRow.rows(for: district, in: imported.plan).count) 项任务\n")
        }
    }
}
