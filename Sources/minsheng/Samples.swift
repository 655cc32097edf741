import ArgumentParser
import MinshengKit
import XLSXWriter

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "Regenerate the bundled sample workbooks.",
        subcommands: [KitchenSinkCommand.self, AllocationSampleCommand.self])
}

struct KitchenSinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kitchen-sink", abstract: "Write the workbook that uses every writer feature.")

    @Option(help: "Where to write it.")
    var out = "Samples/kitchen-sink.xlsx"

    func run() throws {
        try reportingErrors { try KitchenSink.write(to: out) }
    }
}

struct AllocationSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation", abstract: "Write the allocation workbook from the transcription of the notice.")

    @Option(help: "The transcription.")
    var source = "Samples/source/allocation-2021.json"

    @Option(help: "Where to write the workbook.")
    var out = "Samples/allocation-2021.xlsx"

    func run() throws {
        try reportingErrors { try PlanWorkbook.write(PlanSource.load(path: source), to: out) }
    }
}
