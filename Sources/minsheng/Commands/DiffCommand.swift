import ArgumentParser
import Foundation
import MinshengKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "比较同一报送表、分解任务表或任意两个工作簿的两个版本。",
        discussion: """
            minsheng 生成的报送表和分解任务表按内容比较（任务 × 栏目，任务 × 地区）；其他工作簿逐表比较，\
            行按 --key 列或按内容对齐。相同时退出码为 0，有差异为 1，出错为 2。
            """)

    @Argument(help: ArgumentHelp("较早的版本。", valueName: "旧版"))
    var old: String

    @Argument(help: ArgumentHelp("较新的版本。", valueName: "新版"))
    var new: String

    @Option(name: .customLong("key"), help: ArgumentHelp("按此列（列字母或表头文字）对齐行；可重复。", valueName: "列"))
    var keys: [String] = []

    @Option(help: ArgumentHelp("相差不超过此值的数字视为相同。", valueName: "容差"))
    var tolerance: Double = 0

    @OptionGroup var output: FormatOption

    @Option(help: ArgumentHelp("另把差异写成工作簿。", valueName: "文件"))
    var out: String?

    @Flag(help: "即使两个文件都是 minsheng 的报送表或分解任务表，也逐表逐格比较。")
    var cells = false

    func run() throws {
        try prepareFiles(inputs: [old, new], outputs: [out])
        let report = try VersionDiff.compare(old: old, new: new, keys: keys, tolerance: tolerance, cellsOnly: cells)
        emit(output.format == .json ? DiffOutput.json(report) : DiffOutput.text(report, color: isatty(1) != 0))
        if let out { try DiffOutput.workbook(report, to: out) }
        if !report.isEqual { throw ExitCode(1) }
    }
}
