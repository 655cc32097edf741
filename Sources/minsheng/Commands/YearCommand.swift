import ArgumentParser
import Foundation
import MinshengKit

struct YearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year", abstract: "把一年各月的汇总表并排：逐月累计、逐月新增、完成时间、进度曲线和督查考核排名。",
        discussion: "汇总表是 minsheng consolidate 写出的工作簿；给出文件夹时取其中所有汇总表。缺少汇总的月份标为“无汇总”，不作推算。")

    @Argument(help: ArgumentHelp("各月的汇总表，或存放它们的文件夹。", valueName: "汇总表"))
    var summaries: [String]

    @OptionGroup var plan: PlanOption

    @Option(help: ArgumentHelp("写入的工作簿，如 年度完成情况.xlsx（原子写入）。", valueName: "文件"))
    var out: String

    func run() throws {
        try prepareFiles(inputs: [plan.plan] + summaries, outputs: [out])
        let imported = try PlanReader().read(path: plan.plan)
        let (rounds, passedOver) = try YearRound.read(summaries, plan: imported.plan)
        guard !rounds.isEmpty else {
            throw CommandError(message: "没有找到汇总表。请给出 minsheng consolidate 写出的各月汇总表，或存放它们的文件夹")
        }
        let view = YearView(plan: imported.plan, rounds: rounds)
        try YearWorkbook.write(view, to: out)
        var lines = ["\(view.year)年：已汇总 \(rounds.count) 个月（" + rounds.map { "\($0.period.month)月" }.joined(separator: "、") + "）"]
        let gaps = view.missingMonths
        if !gaps.isEmpty { lines.append("缺少汇总：" + gaps.map { "\($0)月" }.joined(separator: "、") + "，表中标为“无汇总”") }
        for file in passedOver { lines.append("未采用（不是汇总表）：\(file)") }
        lines.append("已写入 \(out)")
        emit(lines.joined(separator: "\n") + "\n")
    }
}
