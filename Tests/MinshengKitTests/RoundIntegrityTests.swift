import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let roundFolder = root.appendingPathComponent("Samples/round-2021-06").path
private let plan = try! PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan

/// Every file handed in is accounted for; a return is attributed only when all its sources agree; an
/// error leaves out its own figure and nothing else.
@Suite(.serialized) struct RoundIntegrityTests {
    /// The kinds of file a round folder receives, each with the outcome it must get.
    enum Extra: CaseIterable {
        case lockFile, hiddenFile, pdf, legacyXLS, csv, damaged, misnamed, otherPeriod
    }

    private func consolidate(_ folder: String) throws -> Consolidation {
        Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T09:00:00Z").run(files: try Consolidator.expand([folder]))
    }

    private func add(_ extra: Extra, to dir: URL, index: Int, may: [String]) throws {
        switch extra {
        case .lockFile: try Data("lock".utf8).write(to: dir.appendingPathComponent("~$民生实事填报_\(index).xlsx"))
        case .hiddenFile: try Data().write(to: dir.appendingPathComponent(".DS_Store\(index)"))
        case .pdf: try Data("%PDF-1.4".utf8).write(to: dir.appendingPathComponent("说明\(index).pdf"))
        case .legacyXLS: try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: dir.appendingPathComponent("民生实事填报_平湖市_\(index).xls"))
        case .csv: try Data("编号,累计完成\nP1,3\n".utf8 + [0, 1, 2, 3]).write(to: dir.appendingPathComponent("民生实事填报_海宁市_\(index).csv"))
        case .damaged:
            let good = try Data(contentsOf: URL(fileURLWithPath: roundFolder + "/民生实事填报_南湖区_2021-06.xlsx"))
            try good.prefix(good.count / 2).write(to: dir.appendingPathComponent("损坏\(index).xlsx"))
        case .misnamed:
            // 南湖区's template, filled and sent under 市本级's name.
            try FileManager.default.copyItem(atPath: roundFolder + "/民生实事填报_南湖区_2021-06.xlsx", toPath: dir.appendingPathComponent("民生实事填报_市本级_2021-06_\(index).xlsx").path)
        case .otherPeriod:
            try FileManager.default.copyItem(atPath: may[index % may.count], toPath: dir.appendingPathComponent("上月_\(index)_" + URL(fileURLWithPath: may[index % may.count]).lastPathComponent).path)
        }
    }

    @Test("files in = used + replaced + other period + unattributable + unreadable + skipped, over random mixes")
    func everyFileAccountedFor() throws {
        let mayDir = try makeTemporaryDirectory()
        let may = try SampleRound.write(plan: plan, period: Period(year: 2021, month: 5), into: mayDir.path)
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<6 {
            let dir = try makeTemporaryDirectory()
            let returns = try FileManager.default.contentsOfDirectory(atPath: roundFolder).filter { $0.hasSuffix(".xlsx") }
            for name in returns.shuffled(using: &generator).prefix(Int.random(in: 3...returns.count, using: &generator)) {
                try FileManager.default.copyItem(atPath: roundFolder + "/" + name, toPath: dir.appendingPathComponent(name).path)
            }
            var expected: [ReturnRecord.Outcome: Int] = [:]
            for i in 0..<Int.random(in: 1...8, using: &generator) {
                let extra = Extra.allCases.randomElement(using: &generator)!
                try add(extra, to: dir, index: i, may: may)
                let outcome: ReturnRecord.Outcome = switch extra {
                case .lockFile, .hiddenFile: .skipped
                case .pdf, .legacyXLS, .csv, .damaged: .unreadable
                case .misnamed: .unattributable
                case .otherPeriod: .otherPeriod
                }
                expected[outcome, default: 0] += 1
            }
            let handedIn = try FileManager.default.contentsOfDirectory(atPath: dir.path).count
            let result = try consolidate(dir.path)
            #expect(result.records.count == handedIn, "trial \(trial)")
            #expect(result.outcomeCounts.values.reduce(0, +) == handedIn, "trial \(trial)")
            for outcome in [ReturnRecord.Outcome.skipped, .unreadable, .unattributable, .otherPeriod] {
                #expect((result.outcomeCounts[outcome] ?? 0) == (expected[outcome] ?? 0), "trial \(trial) \(outcome)")
            }
            // Every unreadable or unattributable file says why, in Chinese.
            for r in result.records where [.unreadable, .unattributable, .skipped].contains(r.outcome) {
                #expect(r.reason?.unicodeScalars.contains { $0.value >= 0x4E00 } == true, "\(r.file)")
            }
        }
    }

    @Test("a return sent under another district's name replaces nothing and counts for nobody")
    func misnamedReturn() throws {
        let dir = try makeTemporaryDirectory()
        // 市本级's own return is not sent this time: what it sends is 南湖区's template.
        for name in try FileManager.default.contentsOfDirectory(atPath: roundFolder) where !name.contains("市本级") {
            try FileManager.default.copyItem(atPath: roundFolder + "/" + name, toPath: dir.appendingPathComponent(name).path)
        }
        let misnamed = dir.appendingPathComponent("民生实事填报_市本级_2021-06.xlsx").path
        try FileManager.default.copyItem(atPath: roundFolder + "/民生实事填报_南湖区_2021-06.xlsx", toPath: misnamed)
        let result = try consolidate(dir.path)
        let record = result.records.first { $0.file == misnamed }
        #expect(record?.outcome == .unattributable)
        #expect(record?.reason?.contains("市本级") == true && record?.reason?.contains("南湖区") == true)
        // 南湖区's own return is still the one used; 市本级 is not 未报送 but 报送的表无法确定归属.
        #expect(result.records.first { $0.file.hasSuffix("民生实事填报_南湖区_2021-06.xlsx") }?.outcome == .used)
        #expect(result.unattributedDistricts.map(\.id) == ["city"])
        #expect(!result.missingDistricts.contains { $0.id == "city" })
        #expect(result.findings.contains { $0.code == .returnFileNameMismatch && $0.file == misnamed && $0.severity == .error })
        // check reports it too, without --district.
        let checked = ReturnChecker(plan: plan).check(try DistrictReturn.read(path: misnamed))
        #expect(!checked.isAttributable && checked.findings.contains { $0.code == .returnFileNameMismatch })
    }

    @Test("an error in one task's row leaves out that figure only, shown with its reason; 全市 says what it covers")
    func figureLevelExclusion() throws {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("民生实事填报_南湖区_2021-06.xlsx").path
        let nanhu = plan.districts.first { $0.id == "nanhu" }!
        let rows = TemplateRow.rows(for: nanhu, in: plan).filter { $0.target != nil }
        var fill = TemplateFill()
        for row in rows { fill.done[row.taskID] = .number(1); fill.status[row.taskID] = "推进中" }
        let bad = rows[0].taskID
        fill.done[bad] = .text("约3")
        fill.filler = "张三"
        fill.phone = "0573-1"
        fill.date = nil
        try TemplateWriter.write(plan: plan, district: nanhu, options: TemplateOptions(period: Period(year: 2021, month: 6)), fill: fill, to: path)
        let result = try consolidate(dir.path)
        #expect(result.records.first?.outcome == .used)
        let task = result.tasks.first { $0.task.id == bad }!
        let figure = task.districts.first { $0.district.id == "nanhu" }!
        #expect(figure.status == .excluded && figure.done == nil && figure.leftOutBecause?.severity == .error)
        // Every other figure of the same return counts.
        for row in rows.dropFirst() {
            #expect(result.tasks.first { $0.task.id == row.taskID }?.districts.first { $0.district.id == "nanhu" }?.done == 1, "\(row.taskID)")
        }
        // A missing 填报日期 is a header problem: reported, and no figure is left out for it.
        #expect(result.findings.contains { $0.code == .returnMissingDate })
        #expect(result.tasks.flatMap(\.districts).filter { $0.status == .excluded }.count == 1)
        // With one district of several counted, 全市 has no light and says its coverage.
        let other = result.tasks.first { $0.task.id == rows[1].taskID }!
        #expect(other.assigned > 1)
        #expect(other.status == .incomplete && other.light == .none && other.coverage == "1/\(other.assigned)")
        #expect(ConsolidatedWorkbook.cityStatus(other).hasPrefix("数据不全 1/"))
    }

    @Test("unambiguous 填报日期 written as text or 20210804 are read, with a note", arguments: [
        ("8月4日", "2021-08-04"), ("2021.8.4", "2021-08-04"), ("20210804", "2021-08-04"), ("2021年8月4日", "2021-08-04"),
    ])
    func lenientDates(_ text: String, _ iso: String) {
        let cell = ReturnCell(reference: CellReference("C5")!, value: .string(text), numberText: nil, isPercentFormat: false)
        #expect(ReturnChecker.isoDate(cell, period: Period(year: 2021, month: 7)) == iso)
        let number = ReturnCell(reference: CellReference("C5")!, value: .number(20_210_804), numberText: nil, isPercentFormat: false)
        #expect(ReturnChecker.isoDate(number, period: nil) == "2021-08-04")
        let bad = ReturnCell(reference: CellReference("C5")!, value: .string("8月32日"), numberText: nil, isPercentFormat: false)
        #expect(ReturnChecker.isoDate(bad, period: Period(year: 2021, month: 7)) == nil)
    }

    @Test("--previous: a cumulative figure lower than last round's is an error with both figures, and 本月新增 is shown")
    func previousRound() throws {
        let nanhu = try ReturnChecker(plan: plan).check(DistrictReturn.read(path: roundFolder + "/民生实事填报_南湖区_2021-06.xlsx"))
        let (task, value) = nanhu.values.sorted { $0.key < $1.key }.first { $0.value > 0 }!
        let previous = ["nanhu": [task: value + 5], "xiuzhou": [:]]
        let c = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "x").run(files: try Consolidator.expand([roundFolder]), previous: previous)
        let f = c.findings.first { $0.code == .returnDecreased && $0.task == task && $0.district == "南湖区" }
        #expect(f?.severity == .error && f?.message.contains(Quantity.format(value + 5)) == true && f?.message.contains(Quantity.format(value)) == true)
        let figure = c.tasks.first { $0.task.id == task }?.districts.first { $0.district.id == "nanhu" }
        #expect(figure?.status == .excluded && figure?.previous == value + 5)
        let json = ConsolidationExport.json(c)
        let (_, back) = try ConsolidationExport.previousFigures(json: Data(json.utf8), file: "s.json", plan: plan)
        #expect(back["haining"] != nil && back["nanhu"]?[task] == nil)
    }
}

/// A return made from an earlier plan is checked task by task against the current one.
@Suite struct ChangedPlanTests {
    @Test("南湖区's P4 share changed from 6 to 12: only P4 is left out, with old and new targets; the rest counts")
    func onlyTheChangedTaskIsLeftOut() throws {
        var source = try PlanSource.load(path: root.appendingPathComponent("Samples/source/allocation-2021.json").path)
        let s = source.sections.firstIndex { $0.id == "P" } ?? 0
        let r = source.sections[s].rows.firstIndex { $0.seq == "4" }!
        #expect(source.sections[s].rows[r].shares[0] == "6")
        source.sections[s].rows[r].shares[0] = "12"
        source.sections[s].rows[r].total = "66"
        let dir = try makeTemporaryDirectory()
        let changedPath = dir.appendingPathComponent("allocation-changed.xlsx").path
        try PlanWorkbook.write(source, to: changedPath)
        let changed = try PlanReader().read(path: changedPath).plan
        let nanhu = try DistrictReturn.read(path: roundFolder + "/民生实事填报_南湖区_2021-06.xlsx")
        let before = ReturnChecker(plan: plan).check(nanhu)
        let after = ReturnChecker(plan: changed).check(nanhu)
        #expect(after.findings.contains { $0.code == .returnPlanMismatch && $0.severity == .warning })
        let targetChanges = after.findings.filter { $0.code == .returnTargetChanged }
        #expect(targetChanges.map(\.task) == ["P4"])
        #expect(targetChanges.first?.message.contains("本表目标为6") == true && targetChanges.first?.message.contains("现行计划为12") == true)
        #expect(after.leftOut.keys.sorted() == ["P4"])
        var expected = before.values
        expected["P4"] = nil
        #expect(after.values == expected)
    }
}
