import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

/// A sample year (twelve monthly rounds, August's never consolidated, 嘉兴港区 silent in March, 海盐县
/// behind its own schedule, 平湖市 revising its schedule in July) put side by side: the figures are
/// checked against the returns' own cells, month by month.
@Suite("The year", .serialized)
struct YearTests {
    static let root = TestPaths.packageRoot
    static let months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

    /// The rounds written, consolidated, and read back as a year; made once for the suite.
    final class Fixture: @unchecked Sendable {
        let plan: Plan
        let folder: URL
        let rounds: [(Period, String)]
        let view: YearView
        let workbook: String

        init() throws {
            plan = try PlanReader().read(path: YearTests.root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
            folder = try makeTemporaryDirectory()
            rounds = try SampleYear.write(plan: plan, year: 2021, months: YearTests.months, into: folder.path)
            let summaries = folder.appendingPathComponent("summaries")
            try FileManager.default.createDirectory(at: summaries, withIntermediateDirectories: true)
            // August's round is written but never consolidated: a month missing from the series.
            for (period, round) in rounds where period.month != 8 {
                let c = Consolidator(plan: plan, period: period, generatedAt: "2021-10-08T09:00:00Z").run(files: try Consolidator.expand([round]))
                try ConsolidatedWorkbook.write(c, to: summaries.appendingPathComponent("汇总-\(period).xlsx").path)
            }
            // A workbook that is no summary, in the same folder: passed over, and said so.
            try FileManager.default.copyItem(atPath: YearTests.root.appendingPathComponent("Samples/allocation-2021.xlsx").path,
                                             toPath: summaries.appendingPathComponent("分解任务表.xlsx").path)
            let (read, passedOver) = try YearRound.read([summaries.path], plan: plan)
            #expect(passedOver.map { URL(fileURLWithPath: $0).lastPathComponent } == ["分解任务表.xlsx"])
            view = YearView(plan: plan, rounds: read)
            workbook = folder.appendingPathComponent("年度完成情况.xlsx").path
            try YearWorkbook.write(view, to: workbook)
        }
    }

    nonisolated(unsafe) static var shared: Fixture?
    static func fixture() throws -> Fixture {
        if let shared { return shared }
        let made = try Fixture()
        shared = made
        return made
    }

    /// The 逐月累计 or 逐月新增 sheet's cells by (task id, district name, month).
    private func sheetValues(_ name: String, _ f: Fixture) throws -> [String: CellValue] {
        let book = try Workbook(path: f.workbook)
        let grid = try book.grid(of: book.sheet(named: name)!)
        var values: [String: CellValue] = [:]
        for r in 1..<grid.rowCount {
            let task = grid.value(row: r, column: 0).text, district = grid.value(row: r, column: 2).text
            for m in 1...12 { values["\(task)|\(district)|\(m)"] = grid.value(row: r, column: 3 + m) }
        }
        return values
    }

    @Test("every district's cumulative figure, month by month, is the figure in its return's cell")
    func cumulativeAgainstReturns() throws {
        let f = try Self.fixture()
        let sheet = try sheetValues("逐月累计", f)
        var compared = 0
        for (period, round) in f.rounds where period.month != 8 {
            for file in try FileManager.default.contentsOfDirectory(atPath: round) {
                let district = f.plan.districts.first { file.contains("_\($0.shortName)_") }!
                for (task, value) in try rawValues(URL(fileURLWithPath: round).appendingPathComponent(file).path) {
                    guard f.plan.tasks.first(where: { $0.id == task })?.share(district).value != nil else { continue }
                    let cell = sheet["\(task)|\(district.name)|\(period.month)"]
                    #expect(cell?.number.map { abs($0 - value) < 1e-9 } == true, "\(task) \(district.name) \(period): \(String(describing: cell)) vs \(value)")
                    compared += 1
                }
            }
        }
        #expect(compared > 2000)
    }

    @Test("a month without a summary is shown as missing everywhere, never filled in; a district silent in a month is 未计入 and its 全市 数据不全")
    func gaps() throws {
        let f = try Self.fixture()
        #expect(f.view.missingMonths == [8])
        let sheet = try sheetValues("逐月累计", f)
        let august = sheet.filter { $0.key.hasSuffix("|8") }
        #expect(!august.isEmpty && august.values.allSatisfy { $0 == .string("无汇总") })
        let port = f.plan.districts.first { $0.id == SampleRound.missingDistrict }!
        let portTasks = f.plan.tasks.filter { $0.share(port).value != nil }
        #expect(!portTasks.isEmpty)
        for t in portTasks {
            #expect(sheet["\(t.id)|\(port.name)|3"] == .string("未计入"))
            #expect(sheet["\(t.id)|全市|3"] == .string("数据不全"))
            #expect(sheet["\(t.id)|全市|4"]?.number != nil)
        }
        // The month after the gap has its figures again.
        #expect(sheet.filter { $0.key.hasSuffix("|9") }.values.contains { $0.number != nil })
    }

    @Test("the month's increase is this month less last month, and none is made up across a gap")
    func increases() throws {
        let f = try Self.fixture()
        let cumulative = try sheetValues("逐月累计", f), increase = try sheetValues("逐月新增", f)
        var checked = 0
        for (key, value) in increase {
            let parts = key.split(separator: "|"), m = Int(parts[2])!
            guard m > 1, m != 8, let now = cumulative[key]?.number else { continue }
            let before = cumulative["\(parts[0])|\(parts[1])|\(m - 1)"]?.number
            if let before {
                #expect(value.number.map { abs($0 - (now - before)) < 1e-6 } == true, "\(key)")
                checked += 1
            } else {
                #expect(value.number == nil, "\(key): \(value)")
            }
        }
        #expect(checked > 1000)
        #expect(increase.filter { $0.key.hasSuffix("|9") && $0.value.number == nil }.values.allSatisfy { $0 == .string("上月无数字") || $0 == .string("未计入") || $0 == .string("数据不全") })
    }

    @Test("completion month and the ranking follow from the figures, with the rule stated")
    func completionAndRanking() throws {
        let f = try Self.fixture()
        // The rule itself is checked on figures written out by hand (YearRuleTests); here, that the
        // sample year has tasks completed in several months.
        #expect(Set(f.view.lines.compactMap(\.completedIn)).count > 2)
        let standings = f.view.standings
        #expect(standings.count == f.plan.districts.count)
        #expect(zip(standings, standings.dropFirst()).allSatisfy { $0.share >= $1.share })
        // Recomputed from the December returns' cells: completed, or no more than 10 points behind 100%.
        let september = f.rounds.first { $0.0.month == 12 }!.1
        for standing in standings {
            let file = try FileManager.default.contentsOfDirectory(atPath: september).first { $0.contains("_\(standing.district.shortName)_") }!
            let values = try rawValues(URL(fileURLWithPath: september).appendingPathComponent(file).path)
            var onPace = 0, assigned = 0
            for task in f.plan.tasks {
                guard let target = task.share(standing.district).value, target > 0 else { continue }
                assigned += 1
                if let done = values[task.id], done / target.double >= 1 || 1.0 - done / target.double <= 0.10 { onPace += 1 }
            }
            #expect(standing.assigned == assigned && standing.onPace == onPace, "\(standing.district.name)")
        }
        let book = try Workbook(path: f.workbook)
        let ranking = try book.grid(of: book.sheet(named: "督查考核")!)
        #expect(ranking.value(row: 1, column: 0).text.contains("2021年12月") && ranking.value(row: 1, column: 0).text.contains("10个百分点"))
        #expect(ranking.value(row: 3, column: 1).text == standings[0].district.name)
    }

    @Test("时间节点执行: each month of a scheduled task says what was due, what was done and whether it was met")
    func schedules() throws {
        let f = try Self.fixture()
        let checks = f.view.scheduleChecks
        let haiyan = checks.filter { $0.district.id == "haiyan" }, pinghu = checks.filter { $0.district.id == "pinghu" }
        #expect(haiyan.count == 5 * 11 && pinghu.count == 3 * 11, "\(haiyan.count) \(pinghu.count)")
        // When a month is met is checked on hand-made checks (YearRuleTests); here, that both outcomes occur.
        #expect(checks.contains { $0.met } && checks.contains { !$0.met })
        // 海盐县's first scheduled task should have started by the end of March and never does.
        let late = haiyan.filter { !$0.missed.isEmpty }
        #expect(!late.isEmpty && late.allSatisfy { $0.missed.contains("应于3月31日前开工") && $0.month >= 3 && !$0.met })
        let book = try Workbook(path: f.workbook)
        let sheet = try book.grid(of: book.sheet(named: "时间节点执行")!)
        #expect(sheet.rowCount == checks.count + 1)
    }

    @Test("two summaries of one month are refused, naming both")
    func duplicateMonth() throws {
        let f = try Self.fixture()
        let summaries = f.folder.appendingPathComponent("summaries")
        let copy = try makeTemporaryDirectory().appendingPathComponent("汇总-副本.xlsx").path
        try FileManager.default.copyItem(atPath: summaries.appendingPathComponent("汇总-2021-06.xlsx").path, toPath: copy)
        #expect(throws: DomainError.self) { try YearRound.read([summaries.path, copy], plan: f.plan) }
    }

    @Test("the year workbook validates against the schemas, its line chart too", .requires(Requirement.schemaValidation))
    func validates() throws {
        let f = try Self.fixture()
        let result = try validateXLSX(f.workbook)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("xl/charts/chart1.xml: ok"))
    }

    @Test("年度总览 prints on one landscape A4 page, with the gap named", .requires(.program("soffice"), .program("pdfinfo"), .program("pdftotext")))
    func prints() throws {
        let f = try Self.fixture()
        let profile = try makeTemporaryDirectory()
        let out = try makeTemporaryDirectory()
        let lo = try runProcess("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir", out.path, f.workbook])
        #expect(lo.status == 0)
        let pdf = out.appendingPathComponent("年度完成情况.pdf").path
        let first = try runProcess("pdftotext", ["-f", "1", "-l", "1", "-raw", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        let second = try runProcess("pdftotext", ["-f", "2", "-l", "2", "-raw", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(first.contains("年度总览") && first.contains("全市平均完成率与序时进度") && first.contains("表中标为") && first.contains("不作推算"))
        #expect(!second.contains("年度总览"), "年度总览 fits one page")
        let info = try runProcess("pdfinfo", ["-f", "1", "-l", "1", pdf]).stdout
        #expect(info.contains("841.89 x 595.3"), "\(info)")
    }
}

/// The year's rules on figures written out by hand: each expected outcome is stated, not worked out again.
@Suite struct YearRuleTests {
    static let plan = try! PlanReader().read(path: TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan

    private static func line(_ target: Decimal?, _ figures: [Decimal?]) -> YearView.Line {
        let task = plan.tasks.first { !$0.isHeading }!
        return YearView.Line(task: task, district: nil, target: target, isPercentage: false,
                             cumulative: figures + [Decimal?](repeating: nil, count: 12 - figures.count))
    }

    @Test("the completion month is the first month whose figure reaches the target; a missing month is passed over")
    func completionMonth() {
        #expect(Self.line(10, [2, 5, nil, 10, 12]).completedIn == 4)  // exactly the target counts
        #expect(Self.line(10, [2, 5, nil, 9.99, 9.999]).completedIn == nil)
        #expect(Self.line(10, [nil, nil, 11]).completedIn == 3)
        #expect(Self.line(10, [12, 5, 8]).completedIn == 1)  // a figure lowered later does not undo January
        #expect(Self.line(0, [1, 2]).completedIn == nil)  // no target, no completion
        #expect(Self.line(nil, [1, 2]).completedIn == nil)
        #expect(Self.line(10, [2, 5, nil, 10]).lastRate == 1)
        #expect(Self.line(10, [2, 5, nil, 10]).increase.prefix(4) == [2, 3, nil, nil])
    }

    @Test("in June a district is on pace when completed or no more than 10 points behind 50%; a missing figure is counted apart")
    func standings() throws {
        let plan = Self.plan
        let (a, b, c) = (plan.districts[0], plan.districts[1], plan.districts[2])
        func figures(_ d: District, _ share: Decimal) -> [String: Decimal] {
            var out: [String: Decimal] = [:]
            for t in plan.tasks where !t.isHeading {
                if let target = t.share(d).value, target > 0 { out[t.id] = target * share }
            }
            return out
        }
        // a: every task at 40% (exactly 10 points behind: on pace); b: at 39.9% (slow); c: no figures at all.
        let round = YearRound(period: Period(year: 2021, month: 6), file: "汇总.xlsx", figures: [a.id: figures(a, 0.4), b.id: figures(b, 0.399)])
        let standings = YearView(plan: plan, rounds: [round]).standings
        let byID = Dictionary(uniqueKeysWithValues: standings.map { ($0.district.id, $0) })
        let (sa, sb, sc) = (try #require(byID[a.id]), try #require(byID[b.id]), try #require(byID[c.id]))
        #expect(sa.assigned == figures(a, 1).count && sa.onPace == sa.assigned && sa.missing == 0)
        #expect(sb.assigned == figures(b, 1).count && sb.onPace == 0 && sb.missing == 0)
        #expect(sc.onPace == 0 && sc.missing == sc.assigned && sc.assigned > 0)
        #expect(standings.first?.district == a)
        #expect(sa.share == 1 && sb.share == 0)
    }

    @Test("a month of a schedule is met when no step was missed and the figure reached the share due")
    func scheduleMet() {
        let task = Self.plan.tasks.first { !$0.isHeading }!, district = Self.plan.districts[0]
        func check(due share: Double?, done: Decimal?, target: Decimal? = 10, missed: String = "") -> Bool {
            YearView.ScheduleCheck(month: 6, task: task, district: district, target: target, due: share.map { Decimal($0) * 10 },
                                   dueShare: share, done: done, missed: missed).met
        }
        #expect(check(due: 0.5, done: 5))  // exactly what was due
        #expect(check(due: 0.5, done: 7))
        #expect(!check(due: 0.5, done: 4.9))
        #expect(!check(due: 0.5, done: nil))
        #expect(!check(due: 0.5, done: 7, missed: "应于3月31日前开工，未开工"))
        #expect(check(due: nil, done: nil))  // only steps due, none missed
        #expect(!check(due: nil, done: 10, missed: "应于6月30日前投用，未投用"))
        #expect(!check(due: 0.5, done: 5, target: nil))
        // The due figure is rebuilt from a stored share: a last-digit difference does not fail a figure on schedule.
        #expect(check(due: 0.7333333333333334, done: 11, target: 15))
    }
}
