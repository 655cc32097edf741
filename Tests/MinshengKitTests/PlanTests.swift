import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let samplePath = root.appendingPathComponent("Samples/allocation-2021.xlsx").path
private let fixtures = root.appendingPathComponent("Tests/MinshengKitTests/Fixtures")

/// The findings as `code@cell` strings, the shape the expectations are written in.
private func summary(_ findings: [Finding]) -> [String] { findings.map { "\($0.code.rawValue)@\($0.location ?? "-")" } }

@Suite struct PlanSampleTests {
    @Test("rebuilding the sample from its transcription gives the committed workbook's cells")
    func rebuild() throws {
        let rebuilt = try makeTemporaryDirectory().appendingPathComponent("allocation.xlsx").path
        try PlanWorkbook.write(PlanSource.load(path: root.appendingPathComponent("Samples/source/allocation-2021.json").path), to: rebuilt)
        let a = try Workbook(path: samplePath), b = try Workbook(path: rebuilt)
        #expect(a.sheets.map(\.name) == b.sheets.map(\.name))
        for (sa, sb) in zip(a.sheets, b.sheets) {
            let ga = try a.grid(of: sa), gb = try b.grid(of: sb)
            #expect(ga.cells.mapValues(\.value) == gb.cells.mapValues(\.value))
            #expect(ga.metadata.mergedRanges == gb.metadata.mergedRanges)
        }
    }

    @Test("the sample reads as the notice's two tables with every figure typed")
    func sample() throws {
        let plan = try PlanReader().read(path: samplePath).plan
        #expect(plan.sections.map(\.id) == ["P", "C"])
        #expect(plan.sections[0].tasks.filter { $0.seq != nil }.count == 36)
        #expect(plan.sections[0].tasks.count == 43)
        #expect(plan.sections[1].tasks.count == 25)
        let nanhu = District.jiaxing[0], city = District.jiaxing[9], port = District.jiaxing[8]
        #expect(plan.task("P1.1")?.total == .number(24))
        #expect(plan.task("P1.1")?.leads == ["市公安局"])
        #expect(plan.task("P18")?.share(nanhu) == .number(Decimal(string: "8.1")!))
        #expect(plan.task("P2")?.share(city) == .tagged(entity: "嘉服集团", .number(1)))
        #expect(plan.task("P9")?.share(port) == .percentage(100))
        #expect(plan.task("C6")?.total == .approximate(.scaled(64, multiplier: 10_000)))
        #expect(plan.task("C11")?.share(nanhu) == .notAssigned)
        #expect(plan.task("C15")?.total == .scaled(32, multiplier: 10_000))
        #expect(plan.task("C17")?.leads == ["市建设局", "市教育局", "市卫生健康委"])
        #expect(plan.task("C18")?.leads == ["市建设局", "市教育局", "市卫生健康委"])
        #expect(plan.task("C18")?.projectName == "学校医院停车改善提升项目")
        #expect(plan.task("P35.1")?.note?.hasPrefix("全省农村公路省级抽检中") == true)
        #expect(plan.task("P3")?.unit == "公里")
        #expect(plan.task("P3.1")?.id == "P3.1")
        #expect(plan.task("P5")?.leads == ["市交通运输局"])
        #expect(plan.tasks(for: city).map(\.id).contains("C19"))
    }

    @Test("the check reports every real inconsistency of the notice and no false one")
    func check() throws {
        let result = try PlanReader().read(path: samplePath)
        let findings = result.findings + PlanChecker().check(result.plan)
        #expect(summary(findings) == [
            "PLAN_SUM_MISMATCH@省政府民生实事!C10", "PLAN_SUM_MISMATCH@省政府民生实事!C12", "PLAN_SUM_MISMATCH@省政府民生实事!C20",
            "PLAN_SUM_MISMATCH@省政府民生实事!C22", "PLAN_SUM_MISMATCH@省政府民生实事!C26", "PLAN_TARGET_TEXT_MISMATCH@市政府民生实事!D10",
        ])
        #expect(findings.map(\.task) == ["P6", "P8", "P16", "P18", "P22", "C8"])
        #expect(findings[3].message.contains("60.2") && findings[3].message.contains("多0.2"))
        #expect(findings.filter { $0.severity == .error }.count == 5)
    }
}

@Suite struct PlanVariantTests {
    let sample: Plan

    init() throws { sample = try PlanReader().read(path: samplePath).plan }

    @Test("LibreOffice's re-save of the sample reads as the same plan with the same findings")
    func libreOffice() throws {
        let result = try PlanReader().read(path: fixtures.appendingPathComponent("plan-libreoffice.xlsx").path)
        #expect(result.plan.tasks.map(\.id) == sample.tasks.map(\.id))
        #expect(result.plan.tasks.map(\.shares) == sample.tasks.map(\.shares))
        #expect(result.plan.tasks.map(\.total) == sample.tasks.map(\.total))
        #expect(result.plan.tasks.map(\.leads) == sample.tasks.map(\.leads))
        #expect(summary(PlanChecker().check(result.plan)) == summary(PlanChecker().check(sample)))
    }

    @Test("columns in another order, aliases, figures as text and a note row read as the same tasks")
    func reordered() throws {
        let result = try PlanReader().read(path: fixtures.appendingPathComponent("plan-reordered.xlsx").path)
        #expect(result.findings.isEmpty)
        let tasks = result.plan.tasks
        #expect(tasks.map(\.id) == Array(sample.tasks.prefix(14)).map(\.id))
        #expect(tasks.map(\.shares) == sample.tasks.prefix(14).map(\.shares))
        #expect(tasks.map(\.total) == sample.tasks.prefix(14).map(\.total))
        #expect(tasks.map(\.leads) == sample.tasks.prefix(14).map(\.leads))
        #expect(summary(PlanChecker().check(result.plan)) == ["PLAN_SUM_MISMATCH@省级任务!O10", "PLAN_SUM_MISMATCH@省级任务!O12"])
    }

    @Test("a two-row header with a group heading, merged names and a totals row")
    func twoRowHeader() throws {
        let result = try PlanReader().read(path: fixtures.appendingPathComponent("plan-two-row-header.xlsx").path)
        #expect(result.plan.sections.map(\.id) == ["C"])
        let expected = sample.sections[1].tasks.prefix(10)
        #expect(result.plan.tasks.map(\.id) == expected.map(\.id))
        #expect(result.plan.tasks.map(\.shares) == expected.map(\.shares))
        #expect(result.plan.tasks.map(\.projectName) == expected.map(\.projectName))
        #expect(summary(result.findings + PlanChecker().check(result.plan)) == ["PLAN_TARGET_TEXT_MISMATCH@Sheet1!D11"])
    }

    @Test("mistakes are located to their cells")
    func broken() throws {
        let result = try PlanReader().read(path: fixtures.appendingPathComponent("plan-broken.xlsx").path)
        let findings = result.findings + PlanChecker().check(result.plan)
        #expect(summary(findings) == [
            "PLAN_UNREADABLE_QUANTITY@省政府民生实事!D4", "PLAN_NO_LEAD@省政府民生实事!N5", "PLAN_DUPLICATE_ID@省政府民生实事!A6",
            "PLAN_BLANK_SHARE@省政府民生实事!G7", "PLAN_SUM_MISMATCH@省政府民生实事!C7",
        ])
        #expect(findings[0].district == "南湖区" && findings[0].message.contains("三百"))
    }

    @Test("a workbook without an allocation table is a clear error")
    func notAPlan() throws {
        let path = TestPaths.corpusSample.appendingPathComponent("calamine/date.xlsx").path
        #expect(throws: DomainError.self) { try PlanReader().read(path: path) }
    }
}
