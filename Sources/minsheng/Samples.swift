import ArgumentParser
import MinshengKit
import XLSXWriter

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "Regenerate the bundled sample workbooks.",
        subcommands: [KitchenSinkCommand.self, AllocationSampleCommand.self, RoundSampleCommand.self])
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

struct RoundSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Write a complete sample reporting round: the returns of every district but one.")

    @Option(help: "The allocation workbook.")
    var plan = "Samples/allocation-2021.xlsx"

    @Option(help: "The period.")
    var period = "2021-06"

    @Option(help: "The folder to write the returns into.")
    var out = "Samples/round-2021-06"

    func run() throws {
        try reportingErrors {
            guard let p = Period(period) else { throw CommandError(message: "--period must be a month such as 2021-06") }
            let imported = try PlanReader().read(path: plan)
            for path in try SampleRound.write(plan: imported.plan, period: p, into: out) { emit(path + "\n") }
        }
    }
}
