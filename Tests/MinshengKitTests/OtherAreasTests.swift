import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
import XLSXWriter
@testable import MinshengKit

/// Nothing assumes Jiaxing's ten districts: another city's plan, or a district's plan for its towns,
/// names its areas in its header, and the round runs on them unchanged.
@Suite struct OtherAreasTests {
    /// An allocation table in the notice's layout for other areas.
    private func plan(title: String, total: String, areas: [String], tasks: [(String, String, String, [Double?])]) throws -> String {
        let path = try makeTemporaryDirectory().appendingPathComponent("分解任务表.xlsx").path
        let book = try WorkbookBuilder()
        let sheet = try book.addSheet("分解任务")
        try sheet.addRow([.text(title)])
        try sheet.addRow((["序号", "目标任务", total] + areas + ["牵头单位"]).map { CellData.text($0) }, at: 2)
        for (i, t) in tasks.enumerated() {
            let total = t.3.compactMap { $0 }.reduce(0, +)
            try sheet.addRow([.text(t.0), .text(t.1), CellData(.number(total))] + t.3.map { $0.map { CellData(.number($0)) } ?? .text("/") } + [.text(t.2)], at: 3 + i)
        }
        try book.write(to: path)
        return path
    }

    @Test("another city's counties are read from the header, and a round on them adds up")
    func anotherCity() throws {
        let areas = ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "南太湖新区"]
        let path = try plan(title: "2021年湖州市民生实事项目任务分解表", total: "全市", areas: areas, tasks: [
            ("1", "新建城市书房30家", "市文广旅体局", [5, 5, 6, 6, 6, 2]),
            ("2", "改造老旧小区60个", "市建设局", [12, 10, 12, 12, 10, 4]),
            ("3", "新增公办幼儿园学位3000个", "市教育局", [600, 500, 600, 600, 500, nil]),
        ])
        let read = try PlanReader().read(path: path)
        #expect(read.plan.districts.map(\.name) == areas)
        #expect(read.plan.tasks.count == 3)
        #expect(read.plan.tasks[2].share(read.plan.districts[5]).value == nil)
        #expect(SiteBounds.of(read.plan) == .china)
        // The same plan read twice gives the same area ids: templates and returns of it agree.
        #expect(try PlanReader().read(path: path).plan.districts.map(\.id) == read.plan.districts.map(\.id))

        // Every area fills its template with 60% of its targets; the round adds up to 60% of 全市.
        let dir = try makeTemporaryDirectory()
        let period = Period(year: 2021, month: 6)
        for d in read.plan.districts {
            var fill = TemplateFill()
            fill.filler = "测试"
            fill.date = ExcelDateTime(year: 2021, month: 7, day: 5)
            for row in TemplateRow.rows(for: d, in: read.plan) {
                fill.done[row.taskID] = .number((row.target!.double * 0.6).rounded())
                fill.status[row.taskID] = "推进中"
            }
            fill.points = [(TemplateRow.rows(for: d, in: read.plan)[0].taskID, "\(d.name)书房", "\(d.name)人民路1号", 120.09, 30.89, "推进中", "")]
            try TemplateWriter.write(plan: read.plan, district: d, options: TemplateOptions(period: period), fill: fill,
                                     to: dir.appendingPathComponent(TemplateWriter.fileName(d, period)).path)
        }
        let c = Consolidator(plan: read.plan, period: period, generatedAt: "2021-07-08T09:00:00Z").run(files: try Consolidator.expand([dir.path]))
        #expect(c.records.allSatisfy { $0.outcome == .used }, "\(c.records.map { "\($0.file): \($0.outcome) \($0.reason ?? "")" })")
        #expect(c.findings.filter { $0.severity == .error }.isEmpty, "\(c.findings.map(\.message))")
        for t in c.tasks {
            let expected = t.districts.compactMap { $0.target.map { ($0.double * 0.6).rounded() } }.reduce(0, +)
            #expect(t.done?.double == expected, "\(t.task.id)")
        }
        #expect(c.sites.count == areas.count)
    }

    @Test("a district's own plan for its towns and streets: the areas are its towns, the total 全区")
    func towns() throws {
        let towns = ["新丰镇", "余新镇", "凤桥镇", "七星街道", "建设街道"]
        let path = try plan(title: "2021年南湖区民生实事任务分解表", total: "全区", areas: towns, tasks: [
            ("1", "新建城市书房5家", "区文广旅体局", [1, 1, 1, 1, 1]),
            ("2", "改造老旧小区8个", "区建设局", [nil, nil, 2, 3, 3]),
        ])
        let read = try PlanReader().read(path: path)
        #expect(read.plan.districts.map(\.name) == towns)
        #expect(read.plan.tasks.map { $0.total.value } == [5, 8])
        #expect(PlanChecker().check(read.plan).filter { $0.severity == .error }.isEmpty)
    }

    @Test("totals are not areas, an area whose name starts with 全 is")
    func totals() {
        #expect(!AreaHeader.isArea("全市") && !AreaHeader.isArea("全县") && !AreaHeader.isArea("全区合计"))
        #expect(AreaHeader.isArea("全州县") && AreaHeader.isArea("七星街道") && !AreaHeader.isArea("牵头单位"))
    }

    @Test("Jiaxing's plan is still read against Jiaxing's districts, with their ids")
    func jiaxingUnchanged() throws {
        let read = try PlanReader().read(path: TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path)
        #expect(read.plan.districts == District.jiaxing)
        #expect(SiteBounds.of(read.plan) == .jiaxing)
    }
}

@Suite struct DerivedTableTests {
    @Test("a derived district table validates against the schemas", .requires(Requirement.schemaValidation))
    func validates() throws {
        let city = try PlanReader().read(path: TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let path = try makeTemporaryDirectory().appendingPathComponent("南湖区.xlsx").path
        try PlanDerive.write(plan: city, district: city.districts[0], towns: ["新丰镇", "余新镇", "七星街道"], to: path)
        let result = try validateXLSX(path)
        #expect(result.status == 0, "\(result.stdout)")
    }
}

/// The next level down end to end: the city's plan derived for 南湖区's towns, filled by the district,
/// a round of the towns, and its totals sent back as 南湖区's return, which the city's check accepts.
@Suite struct NextLevelTests {
    @Test("derive, fill, run the towns' round, return it to the city", .requires(.program("python3"), .python(module: "openpyxl")))
    func roundTrip() throws {
        let root = TestPaths.packageRoot
        let city = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let nanhu = city.districts.first { $0.id == "nanhu" }!
        let dir = try makeTemporaryDirectory()
        let derived = dir.appendingPathComponent("南湖区分解任务.xlsx").path
        let towns = ["新丰镇", "余新镇", "凤桥镇", "七星街道", "建设街道"]
        try PlanDerive.write(plan: city, district: nanhu, towns: towns, to: derived)

        // The district splits each numeric 全区 figure among its towns (the remainder to the first) and
        // gives each town a percentage target as it is; as a clerk would, in a spreadsheet program.
        let split = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            for ws in wb.worksheets:
                for row in ws.iter_rows(min_row=3):
                    if type(row[3]).__name__ == 'MergedCell':
                        continue  # a note for every area
                    total = row[2].value
                    if isinstance(total, (int, float)) and total == int(total) and total >= 5:
                        n = len(row) - 4
                        part = int(total) // n
                        for i in range(n):
                            row[3 + i].value = part + (int(total) - part * n if i == 0 else 0)
                    elif isinstance(total, str) and total.endswith('%'):
                        for i in range(len(row) - 4):
                            row[3 + i].value = total
                    elif total is not None and total != '/':
                        for i in range(len(row) - 4):
                            row[3 + i].value = '/' if i else total
            wb.save(sys.argv[1])
            """
        let filled = try runProcess("python3", ["-c", split, derived])
        #expect(filled.status == 0, "\(filled.stderr)")
        let townPlan = try PlanReader().read(path: derived)
        #expect(townPlan.plan.districts.map(\.name) == towns)
        #expect(Set(townPlan.plan.tasks.map(\.id)) == Set(city.tasks.map(\.id)), "every task keeps its id")
        #expect(PlanChecker().check(townPlan.plan).filter { $0.severity == .error }.isEmpty,
                "\(PlanChecker().check(townPlan.plan).filter { $0.severity == .error }.map(\.message))")

        // Each town reports half of its targets.
        let period = Period(year: 2021, month: 6)
        let round = dir.appendingPathComponent("round")
        try FileManager.default.createDirectory(at: round, withIntermediateDirectories: true)
        for town in townPlan.plan.districts {
            var fill = TemplateFill()
            fill.filler = "测试"
            fill.date = ExcelDateTime(year: 2021, month: 7, day: 3)
            for row in TemplateRow.rows(for: town, in: townPlan.plan) {
                fill.done[row.taskID] = .number(row.target.map { ($0.double * 0.5).rounded() } ?? 80)
                fill.status[row.taskID] = "推进中"
            }
            try TemplateWriter.write(plan: townPlan.plan, district: town, options: TemplateOptions(period: period), fill: fill,
                                     to: round.appendingPathComponent(TemplateWriter.fileName(town, period)).path)
        }
        let c = Consolidator(plan: townPlan.plan, period: period, generatedAt: "2021-07-04T09:00:00Z").run(files: try Consolidator.expand([round.path]))
        #expect(c.reportedDistricts.count == towns.count)

        // 南湖区's return to the city, checked by the city as any return.
        let returned = dir.appendingPathComponent(TemplateWriter.fileName(nanhu, period)).path
        try RoundAsReturn.write(c, cityPlan: city, district: nanhu, to: returned)
        let checked = ReturnChecker(plan: city).check(try DistrictReturn.read(path: returned))
        #expect(checked.district == nanhu && checked.period == period)
        let errors = checked.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.count) errors, the first: \(errors.prefix(3).map { "\($0.task ?? "") \($0.message)" })")
        var compared = 0
        for t in c.tasks where t.isComplete {
            guard let done = t.done else { continue }
            #expect(checked.values[t.task.id] == done, "\(t.task.id): \(String(describing: checked.values[t.task.id])) vs \(done)")
            #expect(checked.remarks[t.task.id]?.hasPrefix("汇总自：") == true)
            compared += 1
        }
        #expect(compared > 20)
    }
}
