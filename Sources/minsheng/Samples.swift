import ArgumentParser
import XLSXWriter

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "Regenerate the bundled sample workbooks.",
        subcommands: [KitchenSinkCommand.self])
}

struct KitchenSinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kitchen-sink", abstract: "Write the workbook that uses every writer feature.")

    @Option(help: "Where to write it.")
    var out = "Samples/kitchen-sink.xlsx"

    func run() throws {
        try reportingErrors { try KitchenSink.write(to: out) }
    }
}
