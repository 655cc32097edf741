import ArgumentParser
import Foundation

@main
struct Minsheng: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minsheng",
        abstract: "民生实事报送：分解任务审核、填报模板、逐格审核、汇总、版本比较。",
        discussion: "退出码：0 无问题；1 有强制性问题或有差异；2 用法错误或文件无法读取。",
        version: "0.2.0",
        subcommands: [
            PlanCommand.self, TemplateCommand.self, CheckCommand.self, ConsolidateCommand.self, DiffCommand.self,
            ImportCommand.self, YearCommand.self, Sheets.self, Cat.self, Convert.self, SamplesCommand.self,
        ],
        helpNames: [.short, .long])

    /// Parses, runs, and turns every way a run can end into one of the exit statuses 0, 1 and 2 with a
    /// message in Chinese (see `Outcome`).
    static func main() {
        let outcome: Outcome
        do {
            var command = try parseAsRoot()
            try command.run()
            outcome = .success
        } catch {
            outcome = Outcome(error, command: Self.self)
        }
        outcome.report()
        Foundation.exit(outcome.status)
    }
}
