import ArgumentParser
import MinshengKit
import XLSXWriter

/// Regenerates the bundled samples; a developer's command, hidden from `--help`.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "重新生成随附的样例工作簿。", shouldDisplay: false,
        subcommands: [KitchenSinkCommand.self, AllocationSampleCommand.self, RoundSampleCommand.self, YearSampleCommand.self])
}

struct KitchenSinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kitchen-sink", abstract: "写出用到写入器全部功能的样例工作簿。")

    @Option(help: ArgumentHelp("写入的文件。", valueName: "文件"))
    var out = "Samples/kitchen-sink.xlsx"

    func run() throws {
        try prepareFiles(inputs: [], outputs: [out])
        try KitchenSink.write(to: out)
    }
}

struct AllocationSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation", abstract: "根据通知的转录文件写出分解任务表。")

    @Option(help: ArgumentHelp("转录文件。", valueName: "文件"))
    var source = "Samples/source/allocation-2021.json"

    @Option(help: ArgumentHelp("写入的工作簿。", valueName: "文件"))
    var out = "Samples/allocation-2021.xlsx"

    func run() throws {
        try prepareFiles(inputs: [source], outputs: [out])
        try PlanWorkbook.write(PlanSource.load(path: source), to: out)
    }
}

struct RoundSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "写出一轮完整的样例报送（除一个地区外各地区的报送表）。")

    @Option(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan = "Samples/allocation-2021.xlsx"

    @Option(help: ArgumentHelp("报送期。", valueName: "年-月"))
    var period = Period(year: 2021, month: 6)

    @Option(help: ArgumentHelp("写入报送表的文件夹。", valueName: "文件夹"))
    var out = "Samples/round-2021-06"

    func run() throws {
        try prepareFiles(inputs: [plan], outputs: [])
        try createFolder(out)
        let imported = try PlanReader().read(path: plan)
        for path in try SampleRound.write(plan: imported.plan, period: period, into: out) { emit(path + "\n") }
    }
}

struct YearSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year", abstract: "写出一年各月的样例报送（每月一个文件夹），供试用年度汇总。")

    @Option(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan = "Samples/allocation-2021.xlsx"

    @Option(help: ArgumentHelp("年度。", valueName: "年"))
    var year = 2021

    @Option(name: .customLong("month"), help: ArgumentHelp("写出的月份（可重复；默认 1–12 月）。", valueName: "月"))
    var months: [Int] = Array(1...12)

    @Option(help: ArgumentHelp("写入的文件夹。", valueName: "文件夹"))
    var out: String

    func validate() throws {
        if let bad = months.first(where: { !(1...12).contains($0) }) { throw ValidationError("月份应为 1–12，不是 \(bad)。") }
    }

    func run() throws {
        try prepareFiles(inputs: [plan], outputs: [])
        try createFolder(out)
        let imported = try PlanReader().read(path: plan)
        for (_, folder) in try SampleYear.write(plan: imported.plan, year: year, months: months, into: out) { emit(folder + "\n") }
    }
}
