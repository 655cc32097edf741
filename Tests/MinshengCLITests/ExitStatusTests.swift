import Foundation
import Testing
import TestSupport

/// Every way a run can end gives 0, 1 or 2 and one Chinese line that names the file and says what to do.
@Suite struct ExitStatusTests {
    let plan = TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path
    let round = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06").path

    /// No line of standard error is English prose or a Foundation error dump.
    private func expectChinese(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.stderr.isEmpty, sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Error:") && !result.stderr.contains("Usage:"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a missing argument is bad usage: 2, in Chinese")
    func missingArgument() throws {
        let result = try minsheng(["check", "--plan", plan])
        #expect(result.status == 2)
        expectChinese(result)
        #expect(result.stderr.contains("缺少参数"))
    }

    @Test("a folder given where a workbook is wanted is named as a folder: 2")
    func folderForWorkbook() throws {
        let result = try minsheng(["cat", round])
        #expect(result.status == 2)
        expectChinese(result)
        #expect(result.stderr.contains("这是文件夹，不是工作簿"), "\(result.stderr)")
    }

    @Test("a subcommand group's help is Chinese to its last line")
    func groupHelp() throws {
        let result = try minsheng(["samples", "--help"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("for detailed help") && result.stdout.contains("查看各子命令的说明"), "\(result.stdout)")
    }

    @Test("a period that is not a month is bad usage: 2")
    func badPeriod() throws {
        let result = try minsheng(["consolidate", plan, round, "--period", "2021-13", "--out", "/tmp/x.xlsx"])
        #expect(result.status == 2)
        expectChinese(result)
        #expect(result.stderr.contains("2021-13"))
    }

    @Test("an unknown option or subcommand is bad usage: 2")
    func unknownOption() throws {
        let option = try minsheng(["cat", plan, "--colour"])
        #expect(option.status == 2)
        expectChinese(option)
        let sub = try minsheng(["summarise"])
        #expect(sub.status == 2)
        expectChinese(sub)
    }

    @Test("help is Chinese and exits 0; samples is hidden from it")
    func help() throws {
        let result = try minsheng(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("用法：") && result.stdout.contains("子命令："))
        #expect(!result.stdout.contains("OPTIONS:") && !result.stdout.contains("USAGE:"))
        #expect(!result.stdout.contains("samples"))
        let check = try minsheng(["check", "--help"])
        #expect(check.status == 0 && check.stdout.contains("逐格审核") && check.stdout.contains("选项："))
        #expect(!check.stdout.contains("Show help information"))
    }

    @Test("a missing input file: 2, naming it, for every command that reads one")
    func missingInput() throws {
        let missing = "/nonexistent/缺失.csv"
        for arguments in [
            ["convert", missing, "/tmp/out.xlsx"], ["cat", missing], ["sheets", missing], ["plan", "check", missing],
            ["check", missing, "--plan", plan], ["consolidate", plan, missing, "--period", "2021-06", "--out", "/tmp/o.xlsx"],
            ["diff", plan, missing], ["import", missing, "--plan", plan], ["template", missing, "--period", "2021-06", "--out", "/tmp/t"],
        ] {
            let result = try minsheng(arguments)
            #expect(result.status == 2, "\(arguments)")
            expectChinese(result)
            #expect(result.stderr.contains(missing) && result.stderr.contains("不存在"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("an output in a folder that does not exist: the folder is made")
    func outputFolders() throws {
        let dir = try makeTemporaryDirectory()
        let summary = dir.appendingPathComponent("新/汇总/汇总.xlsx").path
        let consolidated = try minsheng(["consolidate", plan, round, "--period", "2021-06", "--out", summary, "--json", dir.appendingPathComponent("j/s.json").path])
        #expect(consolidated.status == 1, "\(consolidated.stderr)")
        #expect(FileManager.default.fileExists(atPath: summary))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("j/s.json").path))
        let feedback = dir.appendingPathComponent("反馈/秀洲区.xlsx").path
        let checked = try minsheng(["check", round + "/民生实事填报_秀洲区_2021-06.xlsx", "--plan", plan, "--feedback", feedback])
        #expect(checked.status == 1)
        #expect(FileManager.default.fileExists(atPath: feedback))
        let converted = try minsheng(["convert", plan, dir.appendingPathComponent("c/plan.csv").path])
        #expect(converted.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("c/plan.csv").path))
    }

    @Test("an output that is an input is refused before anything is written: 2")
    func outputIsInput() throws {
        let dir = try makeTemporaryDirectory()
        let copy = dir.appendingPathComponent("plan.xlsx")
        try FileManager.default.copyItem(atPath: plan, toPath: copy.path)
        let before = try Data(contentsOf: copy)
        let result = try minsheng(["plan", "check", copy.path, "--out", copy.path])
        #expect(result.status == 2)
        expectChinese(result)
        #expect(result.stderr.contains("输出文件与输入文件相同"))
        #expect(try Data(contentsOf: copy) == before)
    }

    @Test("a sheet or district that does not exist: 2, listing what there is")
    func unknownNames() throws {
        let sheet = try minsheng(["cat", plan, "--sheet", "不存在"])
        #expect(sheet.status == 2 && sheet.stderr.contains("省政府民生实事"))
        expectChinese(sheet)
        let district = try minsheng(["template", plan, "--period", "2021-06", "--district", "湘家荡", "--out", try makeTemporaryDirectory().path])
        #expect(district.status == 2 && district.stderr.contains("湘家荡") && district.stderr.contains("南湖区"))
        expectChinese(district)
    }

    @Test("an unreadable workbook: 2, the reader's error in Chinese with the file")
    func unreadable() throws {
        let dir = try makeTemporaryDirectory()
        let bad = dir.appendingPathComponent("坏.xlsx")
        try Data([0x00, 0x01, 0x02, 0x03, 0xFF, 0x7F]).write(to: bad)
        let result = try minsheng(["sheets", bad.path])
        #expect(result.status == 2)
        expectChinese(result)
        #expect(result.stderr.contains("坏.xlsx"))
    }
}

/// A return rebuilt by `convert` from CSV has its targets as text ("100%"): compared by value, not by text.
@Suite struct ConvertedReturnTests {
    @Test("a filled return converted to CSV and back checks without a changed target")
    func targetsByValue() throws {
        let plan = TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path
        let source = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06/民生实事填报_南湖区_2021-06.xlsx").path
        let dir = try makeTemporaryDirectory()
        let csv = dir.appendingPathComponent("民生实事填报_南湖区_2021-06.csv").path
        let rebuilt = dir.appendingPathComponent("民生实事填报_南湖区_2021-06.xlsx").path
        #expect(try minsheng(["convert", source, csv, "--sheet", "填报"]).status == 0)
        #expect(try minsheng(["convert", csv, rebuilt]).status == 0)
        let checked = try minsheng(["check", rebuilt, "--plan", plan, "--format", "json"])
        #expect(!checked.stdout.contains("RETURN_TARGET_CHANGED"), "\(checked.stdout)")
        #expect(checked.stdout.contains("\"findings\""))
    }
}
