import ArgumentParser
import Foundation
import MinshengKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "把牵头单位按自己格式报来的表格转换成 minsheng 的报送表。",
        discussion: """
            自动找出表头、地区所在的行或列，以及各项任务（按编号，找不到编号时按任务内容）；无法对应的内容\
            逐条列出位置并不予导入，从不猜测。为找到的每个地区写一份报送表，并写出所用的映射文件，下月用 \
            --mapping 再次使用。有内容无法导入时退出码为 1。
            """)

    @Argument(help: ArgumentHelp("牵头单位的工作簿。", valueName: "工作簿"))
    var file: String

    @OptionGroup var plan: PlanOption

    @Option(help: ArgumentHelp("报送期，如 2021-06（默认：从表格标题中读取）。", valueName: "年-月"))
    var period: Period?

    @Option(help: ArgumentHelp("上次导入时写出的映射文件（YAML）。", valueName: "映射文件"))
    var mapping: String?

    @Option(help: ArgumentHelp("写入报送表和映射文件的文件夹。", valueName: "文件夹"))
    var out = "."

    @OptionGroup var output: FormatOption

    func run() throws {
        let inputs = [file, plan.plan] + (mapping.map { [$0] } ?? [])
        try prepareFiles(inputs: inputs, outputs: [])
        let imported = try PlanReader().read(path: plan.plan)
        let mappings = try mapping.map { try ImportMapping.parse(String(contentsOfFile: $0, encoding: .utf8), file: $0) } ?? []
        let result = try DepartmentImporter(plan: imported.plan).read(path: file, period: period, mappings: mappings)
        let source = URL(fileURLWithPath: file).lastPathComponent
        let folder = URL(fileURLWithPath: out)
        let mappingPath = folder.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".mapping.yaml").path
        // Every file this run may write is checked against the inputs before the first one is written.
        let returnPaths = imported.plan.districts.filter { result.figures[$0.id]?.isEmpty == false }
            .map { folder.appendingPathComponent(CanonicalReturns.fileName($0, result.period)).path }
        try prepareFiles(inputs: inputs, outputs: [mappingPath] + returnPaths)
        let written = try CanonicalReturns.write(result, plan: imported.plan, into: out, source: source)
        try AtomicFile.write(Data(ImportMapping.yaml(result.mappings, source: source).utf8), to: mappingPath)
        let findings = result.findings + written.findings
        if output.format == .json {
            emit(FindingReport.json(findings))
        } else {
            let count = result.figures.values.reduce(0) { $0 + $1.count }
            var text = "\(source)：\(result.period.chinese)，\(result.figures.count) 个地区，\(count) 个数据\n"
            for path in written.paths { text += "  写入 \(path)\n" }
            text += "  映射 \(mappingPath)\n"
            emit(text + FindingReport.text(findings))
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}
