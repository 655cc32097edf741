import ArgumentParser
import MinshengKit

extension Period: ExpressibleByArgument {
    /// `2021-06`, `2021-6`, `202106` or `2021年6月`.
    public init?(argument: String) { self.init(argument) }
}

/// How findings are printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The allocation table, which most commands check against.
struct PlanOption: ParsableArguments {
    @Option(help: ArgumentHelp("分解任务表（.xlsx）。", valueName: "分解任务表"))
    var plan: String
}

/// The reporting period a command works on.
struct PeriodOption: ParsableArguments {
    @Option(help: ArgumentHelp("报送期，如 2021-06。", valueName: "年-月"))
    var period: Period
}

/// How a command prints its findings.
struct FormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("输出格式：text（文字）或 json。", valueName: "格式"))
    var format: ReportFormat = .text
}
