import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
import XLSXWriter
@testable import MinshengKit

/// 时间节点: a district's own schedule judges its pace, names the steps it missed, and a change to it is
/// shown with old and new.
@Suite struct MilestoneTests {
    static let root = TestPaths.packageRoot

    @Test("the figure due by a month is straight between the stated quarter ends, from 0 at the start of the year")
    func due() {
        let m = Milestones(quarters: [3: 30, 6: 70, 12: 100])
        #expect(m.due(month: 3) == 30 && m.due(month: 6) == 70 && m.due(month: 12) == 100)
        #expect(m.due(month: 1) == 10 && m.due(month: 9) == 85)
        #expect(Milestones().due(month: 6) == nil)
        let late = Milestones(steps: [.start: ExcelDateTime(year: 2021, month: 3, day: 31), .inUse: ExcelDateTime(year: 2021, month: 9, day: 30)])
        #expect(late.missed(by: Period(year: 2021, month: 6), status: "未开工") == ["应于3月31日前开工，未开工"])
        #expect(late.missed(by: Period(year: 2021, month: 6), status: "推进中").isEmpty)
        #expect(late.missed(by: Period(year: 2021, month: 9), status: "推进中") == ["应于9月30日前投用，尚未完成"])
        #expect(Milestones(quarters: [6: 40]).changes(from: Milestones(quarters: [6: 50])) == ["6月底 50 → 40"])
    }

    @Test("a schedule without 12月底 has the target due by December, not the last quarter stated for the rest of the year")
    func decemberDefault() throws {
        let root = TestPaths.packageRoot
        let plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let nanhu = plan.districts.first { $0.id == "nanhu" }!
        let row = TemplateRow.rows(for: nanhu, in: plan).first { $0.target != nil && !$0.isPercentage && $0.target! >= 10 }!
        var fill = TemplateFill()
        fill.milestones[row.taskID] = Milestones(quarters: [3: (row.target! * 0.3).rounded])
        let path = try makeTemporaryDirectory().appendingPathComponent("t.xlsx").path
        try TemplateWriter.write(plan: plan, district: nanhu, options: TemplateOptions(period: Period(year: 2021, month: 12)), fill: fill, to: path)
        let checked = ReturnChecker(plan: plan).check(try DistrictReturn.read(path: path))
        #expect(checked.milestones[row.taskID]?.due(month: 12) == row.target)
        #expect(checked.milestones[row.taskID]?.due(month: 3) == (row.target! * 0.3).rounded)
    }

    @Test("the sample round: 海盐县 is judged against its own schedule, and the step it missed is named in the lagging list")
    func sampleRound() throws {
        let plan = try PlanReader().read(path: Self.root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let folder = Self.root.appendingPathComponent("Samples/round-2021-06").path
        let haiyan = plan.districts.first { $0.id == "haiyan" }!
        let file = URL(fileURLWithPath: folder).appendingPathComponent(TemplateWriter.fileName(haiyan, Period(year: 2021, month: 6))).path
        let checked = ReturnChecker(plan: plan).check(try DistrictReturn.read(path: file))
        #expect(checked.milestones.count == 5)
        let missed = checked.findings.filter { $0.code == .returnMilestoneMissed }
        #expect(missed.count == 1 && missed[0].sheet == "时间节点" && missed[0].message == "应于3月31日前开工，未开工")
        // The finding points at P1.1's 开工 date (column I, row 2 of the sheet), the cell the clerk must look at.
        #expect(missed.first?.cell == "I2")
        #expect(!checked.findings.hasErrors)

        let c = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T09:00:00Z").run(files: try Consolidator.expand([folder]))
        let scheduled = c.tasks.flatMap { t in t.districts.filter { $0.district == haiyan && $0.bySchedule }.map { (t, $0) } }
        #expect(scheduled.count == 5)
        // June is a quarter's end: what was due is the return's own 6月底 cell over its target
        // (Samples/round-2021-06, 海盐县's 时间节点 sheet: P1.1 1 of 2, P4 7 of 10, P5 1 of 2, P6 4 of 6, P7 11 of 15).
        let june: [String: Double] = ["P1.1": 1.0 / 2, "P4": 7.0 / 10, "P5": 1.0 / 2, "P6": 4.0 / 6, "P7": 11.0 / 15]
        #expect(Set(scheduled.map(\.0.task.id)) == Set(june.keys))
        for (t, f) in scheduled {
            #expect(abs(f.pace - june[t.task.id]!) < 1e-12, "\(t.task.id)")
        }
        let flagged = c.lagging.filter { $0.figure.district == haiyan && !$0.figure.missedSteps.isEmpty }
        #expect(flagged.count == 1 && flagged[0].figure.paceBasis == "时间节点")
        // Everyone else is judged by month ÷ 12.
        #expect(c.tasks.flatMap(\.districts).filter { !$0.bySchedule && $0.target != nil }.allSatisfy { abs($0.pace - 0.5) < 1e-12 })
    }

    @Test("a schedule changed from one return to the next is a finding with old, new and the reason given")
    func changed() throws {
        let plan = try PlanReader().read(path: Self.root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let dir = try makeTemporaryDirectory()
        let rounds = try SampleYear.write(plan: plan, year: 2021, months: [6, 7], into: dir.path)
        let pinghu = plan.districts.first { $0.id == "pinghu" }!
        func checked(_ i: Int, previous: CheckedReturn? = nil) throws -> CheckedReturn {
            let file = URL(fileURLWithPath: rounds[i].1).appendingPathComponent(TemplateWriter.fileName(pinghu, rounds[i].0)).path
            return ReturnChecker(plan: plan).check(try DistrictReturn.read(path: file), previous: previous)
        }
        let june = try checked(0)
        #expect(june.findings.filter { $0.code == .returnMilestoneChanged }.isEmpty)
        let july = try checked(1, previous: june)
        let changes = july.findings.filter { $0.code == .returnMilestoneChanged }
        let differing = july.milestones.filter { june.milestones[$0.key] != $0.value }
        #expect(!differing.isEmpty && changes.count == differing.count)
        #expect(changes.allSatisfy { $0.message.contains("9月底") && $0.message.contains("→") && $0.message.contains("（说明：因征地延后，三季度进度调整）") })
    }
}

/// 时间节点 the city gives in its plan: every district's template starts from them.
@Suite struct PlanMilestoneTests {
    @Test("a plan's 时间节点 sheet gives each district a schedule for its own target, and a bad row is named")
    func cityMilestones() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("分解任务表.xlsx").path
        let book = try WorkbookBuilder()
        let table = try book.addSheet("分解任务")
        try table.addRow([.text("2021年湖州市民生实事项目任务分解表")])
        try table.addRow(["序号", "目标任务", "全市", "吴兴区", "南浔区", "德清县", "牵头单位"].map { CellData.text($0) }, at: 2)
        try table.addRow([.text("1"), .text("新建城市书房30家"), 30, 10, 10, 10, .text("市文广旅体局")], at: 3)
        try table.addRow([.text("2"), .text("改造老旧小区7个"), 7, 3, 2, 2, .text("市建设局")], at: 4)
        let percent = book.style(Style(numberFormat: "0%"))
        let schedule = try book.addSheet("时间节点")
        try schedule.addRow(["编号", "3月底", "6月底", "9月底", "12月底", "开工"].map { CellData.text($0) })
        try schedule.addRow([.text("C1"), CellData(.number(0.2), style: percent), .text("50%"), .text("80%"), .text("100%"), .text("2021-04-30")])
        try schedule.addRow([.text("C9"), .text("50%")])
        try schedule.addRow([.text("C2"), .text("一半")])
        try book.write(to: path)

        let read = try PlanReader().read(path: path)
        #expect(read.plan.milestones["C1"] == PlanMilestones(quarterShares: [3: 0.2, 6: 0.5, 9: 0.8, 12: 1], steps: [.start: ExcelDateTime(year: 2021, month: 4, day: 30)]))
        #expect(read.findings.filter { $0.code == .planMilestoneInvalid }.map(\.cell) == ["A3", "B4"])

        let deqing = read.plan.districts.first { $0.name == "德清县" }!
        let template = try makeTemporaryDirectory().appendingPathComponent("t.xlsx").path
        try TemplateWriter.write(plan: read.plan, district: deqing, options: TemplateOptions(period: Period(year: 2021, month: 6)), to: template)
        let returned = try DistrictReturn.read(path: template)
        let checked = ReturnChecker(plan: read.plan).check(returned)
        #expect(checked.milestones["C1"]?.quarters == [3: 2, 6: 5, 9: 8, 12: 10])
        #expect(checked.milestones["C1"]?.due(month: 6) == 5)
        #expect(checked.milestones["C2"] == nil)
    }
}

/// A schedule is filled once and kept: the next round's templates carry it.
@Suite struct KeptScheduleTests {
    @Test("template --previous carries each district's 时间节点 into its next template")
    func kept() throws {
        let root = TestPaths.packageRoot
        let plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let schedules = try TemplateSchedules.fromReturns([root.appendingPathComponent("Samples/round-2021-06").path], plan: plan)
        #expect(schedules["haiyan"]?.count == 5 && schedules["pinghu"]?.count == 3 && schedules["nanhu"] == nil)
        let haiyan = plan.districts.first { $0.id == "haiyan" }!
        var fill = TemplateFill()
        fill.milestones = schedules["haiyan"]!
        let path = try makeTemporaryDirectory().appendingPathComponent("t.xlsx").path
        try TemplateWriter.write(plan: plan, district: haiyan, options: TemplateOptions(period: Period(year: 2021, month: 7)), fill: fill, to: path)
        let next = ReturnChecker(plan: plan).check(try DistrictReturn.read(path: path))
        #expect(next.milestones == schedules["haiyan"]!)
    }
}
