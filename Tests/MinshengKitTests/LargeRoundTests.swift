import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

/// A round of more districts than Excel lets a function take arguments (255): 分解汇总's 全市 formulas
/// must still be ones Excel accepts.
@Suite struct LargeRoundTests {
    /// The sample plan with `n` synthetic districts, each given the shares of a real district in turn.
    static func plan(districts n: Int) throws -> Plan {
        let base = try PlanReader().read(path: TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        var plan = base
        plan.districts = (0..<n).map { District(id: "d\($0)", name: "测试区\($0)", shortName: "测\($0)", aliases: []) }
        for s in plan.sections.indices {
            for t in plan.sections[s].tasks.indices {
                let task = base.sections[s].tasks[t]
                plan.sections[s].tasks[t].shares = Dictionary(uniqueKeysWithValues: plan.districts.enumerated().map { i, d in
                    (d.id, task.share(base.districts[i % base.districts.count]))
                })
            }
        }
        return plan
    }

    @Test("全市 adds up the districts by listing them up to 255, and by their heading beyond")
    func cityFormulas() throws {
        let plan = try Self.plan(districts: 300)
        let round = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T09:00:00Z").run(files: [])
        let path = try makeTemporaryDirectory().appendingPathComponent("汇总.xlsx").path
        try ConsolidatedWorkbook.write(round, to: path)
        let book = try Workbook(path: path)
        let grid = try book.grid(of: try #require(book.sheet(named: "分解汇总")))
        var listed = 0, byHeading = 0
        for r in 4..<grid.rowCount {
            guard let formula = grid.cell(row: r, column: 5)?.formula else { continue }
            let id = grid.value(row: r, column: 0).text
            let task = try #require(round.tasks.first { $0.task.id == id })
            let districts = task.districts.count
            if districts > 255 {
                byHeading += 1
                let aggregate = task.isPercentage ? "AVERAGEIF" : "SUMIF"
                #expect(formula == "IF(SUMPRODUCT(($I$4:$AHX$4=\"完成\")*ISNUMBER(I\(r + 1):AHX\(r + 1)))=0,\"\",\(aggregate)($I$4:$AHX$4,\"完成\",I\(r + 1):AHX\(r + 1)))")
            } else {
                listed += 1
                let list = try #require(formula.split(separator: ")").first).dropFirst("IF(COUNT(".count)
                #expect(formula.hasPrefix("IF(COUNT(") && list.split(separator: ",").count == districts, "\(id)")
            }
        }
        #expect(listed > 0 && byHeading > 0)
        // The heading the formulas pick by: 完成 over each district's figure, nowhere else in the range.
        let headings = (8...grid.columnCount - 1).map { grid.value(row: 3, column: $0).text }
        #expect(headings.filter { $0 == "完成" }.count == 300)
        #expect(grid.value(row: 3, column: 9).text == "完成")
    }
}
