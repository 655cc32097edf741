import ArgumentParser
import Foundation
import MinshengKit
import XLSXWriter

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "读取并审核分解任务表。",
        subcommands: [PlanCheck.self, PlanExportCommand.self, PlanDeriveCommand.self])
}

struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "审核分解任务表的数据是否一致（表内审核）。",
        discussion: "有强制性问题时退出码为 1。")

    @Argument(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan: String

    @OptionGroup var output: FormatOption

    @Option(help: ArgumentHelp("另把问题清单写入这个工作簿。", valueName: "问题清单.xlsx"))
    var out: String?

    func run() throws {
        try prepareFiles(inputs: [plan], outputs: [out])
        let result = try PlanReader().read(path: plan)
        var findings = result.findings + PlanChecker().check(result.plan)
        findings = findings.map { var f = $0; f.file = f.file ?? plan; return f }
        emit(output.format == .json ? FindingReport.json(findings) : FindingReport.text(findings))
        if let out {
            let book = try WorkbookBuilder()
            try FindingsWorkbook.addSheet(findings, to: book)
            try book.write(to: out)
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}

struct PlanExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "以 JSON 或长表 CSV 输出结构化的分解任务。")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan: String

    @Option(help: ArgumentHelp("json 或 csv。", valueName: "格式"))
    var format: Format = .json

    func run() throws {
        try prepareFiles(inputs: [plan], outputs: [])
        let result = try PlanReader().read(path: plan)
        emit(format == .json ? PlanExport.json(result.plan) : PlanExport.csv(result.plan))
    }
}

struct PlanDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive", abstract: "由全市分解任务表生成某地区的分解任务表，供其分解到乡镇、街道。",
        discussion: "保留全市表的每一行和任务编号；“全区”列为该地区的目标，各乡镇、街道的目标由该地区填写，填好后可用 plan check 审核是否合计等于全区目标。")

    @Argument(help: ArgumentHelp("全市分解任务表。", valueName: "分解任务表"))
    var plan: String

    @Option(help: ArgumentHelp("地区。", valueName: "地区"))
    var district: String

    @Option(name: .customLong("town"), help: ArgumentHelp("乡镇、街道（可重复，按列的顺序）。", valueName: "乡镇街道"))
    var towns: [String] = []

    @Option(help: ArgumentHelp("写入的工作簿（原子写入）。", valueName: "文件"))
    var out: String

    func run() throws {
        try prepareFiles(inputs: [plan], outputs: [out])
        let read = try PlanReader().read(path: plan)
        let chosen = try matchDistrict(district, in: read.plan)
        try PlanDerive.write(plan: read.plan, district: chosen, towns: towns, to: out)
        emit("已写入 \(out)：\(chosen.name)，\(towns.count) 个乡镇、街道，\(read.plan.tasks.filter { $0.share(chosen).isAssigned }.count) 项任务有目标\n")
    }
}
