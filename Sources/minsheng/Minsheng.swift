import ArgumentParser

@main
struct Minsheng: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minsheng",
        abstract: "Runs a city's reporting round for its livelihood projects (民生实事) in Excel workbooks.",
        version: "0.1.0",
        subcommands: [PlanCommand.self, TemplateCommand.self, CheckCommand.self, ConsolidateCommand.self, DiffCommand.self, ImportCommand.self, Sheets.self, Cat.self, Convert.self, SamplesCommand.self])
}
