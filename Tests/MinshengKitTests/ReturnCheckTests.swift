import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let fillScript = root.appendingPathComponent("Tests/MinshengKitTests/Fixtures/fill_return.py").path

/// A district's template filled by openpyxl from a spec (`fill_return.py`; needs python3 with openpyxl).
private func fillReturn(template: String, spec: String, in dir: URL, name: String) throws -> String {
    let specPath = dir.appendingPathComponent("\(name).json").path
    try spec.write(toFile: specPath, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("\(name).xlsx").path
    let fill = try runProcess("python3", [fillScript, template, out, specPath])
    #expect(fill.status == 0, "\(fill.stderr)")
    return out
}

/// A district's template, filled by openpyxl from a spec, and the same file re-saved by LibreOffice
/// (needs python3 with openpyxl, and soffice).
private struct FilledReturn {
    let openpyxl: String
    let libreOffice: String

    init(template: String, spec: String, in dir: URL, name: String) throws {
        openpyxl = try fillReturn(template: template, spec: spec, in: dir, name: name)
        let outDir = dir.appendingPathComponent("lo-\(name)")
        let profile = dir.appendingPathComponent("profile-\(name)")
        let convert = try runProcess("soffice", [
            "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir.path, openpyxl,
        ])
        #expect(convert.status == 0, "\(convert.stderr)")
        libreOffice = outDir.appendingPathComponent("\(name).xlsx").path
    }
}

private func summary(_ findings: [Finding]) -> [String] { findings.map { "\($0.code.rawValue)@\($0.location ?? "-")" } }

@Suite(.serialized) struct ReturnCheckTests {
    let plan: Plan
    let dir: URL
    let template: String
    let nanhu = District.jiaxing[0]

    init() throws {
        plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        dir = try makeTemporaryDirectory()
        template = dir.appendingPathComponent(TemplateWriter.fileName(nanhu, Period(year: 2021, month: 6))).path
        try TemplateWriter.write(plan: plan, district: nanhu, options: TemplateOptions(period: Period(year: 2021, month: 6), deadline: "2021年7月5日"), to: template)
    }

    private func check(_ path: String, previous: CheckedReturn? = nil, district: District? = nil, period: Period? = nil) throws -> CheckedReturn {
        try ReturnChecker(plan: plan, expectedDistrict: district, expectedPeriod: period).check(DistrictReturn.read(path: path), previous: previous)
    }

    @Test("the template has the district's tasks, locked targets, inputs, validations and metadata")
    func templateContents() throws {
        let book = try Workbook(path: template)
        #expect(book.sheets.map(\.name) == ["填报说明", "填报", "项目点位", "时间节点", "_minsheng"])
        #expect(book.sheets.map(\.state) == [.visible, .visible, .visible, .visible, .veryHidden])
        let form = try book.grid(of: book.sheets[1])
        let rows = TemplateRow.rows(for: nanhu, in: plan)
        #expect(rows.first?.taskID == "P1.1")
        #expect(!rows.contains { $0.taskID == "P2" || $0.taskID == "P3" || $0.taskID == "C11" })  // "/" for 南湖区
        #expect(rows.contains { $0.taskID == "P35.1" })  // a text target for every district
        #expect(form.value(row: 9, column: 0) == .string("P1.1"))
        #expect(form.value(row: 9, column: 3) == .number(3))
        let formats = try book.cellFormats()
        #expect(formats[form.cell(row: 9, column: 3)!.styleIndex].locked)
        #expect(!formats[form.cell(row: 9, column: 4)!.styleIndex].locked)
        #expect(form.metadata.isProtected)
        #expect(form.metadata.dataValidations.contains { $0.kind == .list(["未开工", "推进中", "已完成"]) })
        #expect(form.metadata.dataValidations.contains { $0.kind.type == "decimal" && $0.prompt?.contains("累计完成") == true })
        #expect(form.metadata.frozenAt == CellReference("C10"))
        let meta = try DistrictReturn.read(path: template).meta
        #expect(meta["district"] == "nanhu" && meta["period"] == "2021-06" && meta["plan"] == Fingerprint.of(plan))
        #expect(meta["locked"] == TemplateRow.fingerprint(rows))
    }

    @Test("the template validates against the ECMA-376 schemas", .requires(Requirement.schemaValidation))
    func templateValidates() throws {
        let validation = try validateXLSX(template)
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test(
        "a correctly filled return has no findings, as written by openpyxl and as re-saved by LibreOffice",
        .requires(.python(module: "openpyxl"), .program("soffice")))
    func good() throws {
        let spec = """
            {"header": {"填报人": "张三", "联系电话": "0573-82000000", "填报日期": "2021-07-05"},
             "default": {"done": "target", "status": "已完成"},
             "rows": {"P4": {"done": 4, "status": "推进中", "points": 1}, "P9": {"done": 0.9, "status": "推进中"}},
             "points": [["P4", "南湖公交站", "南湖区中环南路1号", 120.7589, 30.7472, "已完成", ""]]}
            """
        let filled = try FilledReturn(template: template, spec: spec, in: dir, name: "good")
        for path in [filled.openpyxl, filled.libreOffice] {
            let result = try check(path, district: nanhu, period: Period(year: 2021, month: 6))
            #expect(result.findings.isEmpty, "\(path): \(FindingReport.text(result.findings))")
            #expect(result.values["P4"] == 4 && result.values["P9"] == 90 && result.values["P18"] == Decimal(string: "8.1"))
            #expect(result.filler == "张三")
            #expect(result.points.count == 1)
        }
    }

    @Test(
        "every mistake is found at its cell, the same in openpyxl's file and LibreOffice's re-save",
        .requires(.python(module: "openpyxl"), .program("soffice")))
    func bad() throws {
        let spec = """
            {"header": {"联系电话": "0573-82000000", "填报日期": "2021-07-05"},
             "default": {"done": "target", "status": "已完成"},
             "rows": {"P1.1": {"done": "１２"}, "P4": {"done": "5个", "status": "推进中", "points": 4}, "P5": {"done": "约300"}, "P6": {"done": "三百"},
                      "P7": {"done": "12%"}, "P8": {"done": -3}, "P9": {"done": 0.85}, "P10": {"done": 2, "status": "未开工"},
                      "P11": {"target": 99}, "P12": {"done": null}, "P13": {"status": null}, "P14": {"done": "12.0", "status": "推进中"}},
             "points": [["P4", "南湖公交站", "南湖区中环南路1号", 120.7589, 30.7472, "已完成", ""],
                        ["P99", "不存在的任务", "某地", 120.75, 30.75, "推进中", ""],
                        ["P4", "缺纬度", "某路", 120.76, null, "推进中", ""],
                        ["P4", "外地", "杭州", 120.15, 30.28, "推进中", ""],
                        ["P4", "南湖公交站", "南湖区中环南路1号", 120.7589, 30.7472, "已完成", ""]],
             "duplicate": ["P15"], "delete": ["P17"]}
            """
        let filled = try FilledReturn(template: template, spec: spec, in: dir, name: "bad")
        let expected = [
            "RETURN_MISSING_FILLER@填报!B5", "RETURN_TARGET_CHANGED@填报!D18", "RETURN_ROW_DUPLICATE@填报!A63", "RETURN_ROW_MISSING@填报",
            "RETURN_TEXT_NORMALISED@填报!E10", "RETURN_ABOVE_TARGET@填报!E10", "RETURN_TEXT_NORMALISED@填报!E11",
            "RETURN_VALUE_APPROXIMATE@填报!E12", "RETURN_VALUE_UNREADABLE@填报!E13", "RETURN_VALUE_WRONG_KIND@填报!E14",
            "RETURN_NEGATIVE@填报!E15", "RETURN_STATUS_INCONSISTENT@填报!G16", "RETURN_STATUS_INCONSISTENT@填报!G17",
            "RETURN_MISSING_VALUE@填报!E19", "RETURN_MISSING_STATUS@填报!G20", "RETURN_TEXT_NORMALISED@填报!E21", "RETURN_ABOVE_TARGET@填报!E21",
            "RETURN_POINT_UNKNOWN_TASK@项目点位!A3", "RETURN_POINT_NO_COORDINATES@项目点位!E4", "RETURN_POINT_OUTSIDE@项目点位!D5",
            "RETURN_POINT_DUPLICATE@项目点位!B6",
        ]
        let a = try check(filled.openpyxl), b = try check(filled.libreOffice)
        #expect(summary(a.findings) == expected)
        #expect(summary(b.findings) == expected)
        #expect(a.findings.map(\.message) == b.findings.map(\.message))
        #expect(a.findings.map(\.task)[..<4] == [nil, "P11", "P15", "P17"])
        #expect(a.values["P1.1"] == 12 && a.values["P5"] == nil && a.values["P8"] == nil)
    }

    @Test(
        "rows inserted or swapped and a lost metadata sheet: identified from the content",
        .requires(.python(module: "openpyxl"), .program("soffice")))
    func layoutChanged() throws {
        let spec = """
            {"header": {"填报人": "李四", "联系电话": "1", "填报日期": "2021-07-05"}, "default": {"done": "target", "status": "已完成"},
             "swap": ["P6", "P7"], "insert_after": "P9", "drop_meta": true}
            """
        let filled = try FilledReturn(template: template, spec: spec, in: dir, name: "moved")
        for path in [filled.openpyxl, filled.libreOffice] {
            let result = try check(path)
            #expect(result.district == nanhu && result.period == Period(year: 2021, month: 6))
            #expect(summary(result.findings) == ["RETURN_ROW_UNKNOWN@填报!A17", "RETURN_ROWS_REORDERED@填报!A13"], "\(path)")
        }
    }

    @Test("another district or period than expected, and cumulative figures that went down", .requires(.python(module: "openpyxl")))
    func identityAndPrevious() throws {
        let may = """
            {"header": {"填报人": "张三", "联系电话": "1", "填报日期": "2021-06-05"}, "default": {"done": "target", "status": "已完成"}}
            """
        let june = """
            {"header": {"填报人": "张三", "联系电话": "1", "填报日期": "2021-07-05"}, "default": {"done": "target", "status": "已完成"},
             "rows": {"P4": {"done": 2, "status": "推进中"}}}
            """
        let earlier = try check(fillReturn(template: template, spec: may, in: dir, name: "may"))
        let now = try fillReturn(template: template, spec: june, in: dir, name: "june")
        let result = try check(now, previous: earlier, district: District.jiaxing[1], period: Period(year: 2021, month: 7))
        #expect(summary(result.findings) == ["RETURN_DISTRICT_MISMATCH@填报!B3", "RETURN_PERIOD_MISMATCH@填报!B4", "RETURN_DECREASED@填报!E11"])
        #expect(result.findings.last?.message.contains("由上期") == true)
    }

    @Test("text inputs are normalised only where the meaning is unambiguous", arguments: [
        ("１２", false, "12"), ("12个", false, "12"), ("12.0", false, "12"), ("1,200", false, "1200"), ("85%", true, "85"),
        ("1,234,567.5", false, "1234567.5"), ("１，２００个", false, "1200"),
    ])
    func normalise(_ text: String, _ percentage: Bool, _ value: String) {
        guard case .value(let v, let from) = InputParser.parse(text: text, percentage: percentage, unit: "个") else {
            Issue.record("\(text) was rejected")
            return
        }
        #expect(v == Decimal(string: value) && from != nil)
    }

    @Test("ambiguous inputs are rejected with their reason", arguments: [
        ("约300", "RETURN_VALUE_APPROXIMATE"), ("三百", "RETURN_VALUE_UNREADABLE"), ("12%", "RETURN_VALUE_WRONG_KIND"), ("300左右", "RETURN_VALUE_APPROXIMATE"),
        // A comma not between groups of three digits: two numbers, or a decimal comma; neither is guessed.
        ("1,2", "RETURN_VALUE_RANGE"), ("1,2345", "RETURN_VALUE_RANGE"), ("12,", "RETURN_VALUE_RANGE"), ("1.200,5", "RETURN_VALUE_RANGE"),
    ])
    func reject(_ text: String, _ code: String) {
        guard case .rejected(let c, _) = InputParser.parse(text: text, percentage: false, unit: "个") else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(c.rawValue == code)
    }

    @Test(
        "the feedback copy marks the cells, lists the findings and leaves the return untouched, and validates",
        .requires([.python(module: "openpyxl")] + Requirement.schemaValidation))
    func feedback() throws {
        let spec = """
            {"header": {"联系电话": "1", "填报日期": "2021-07-05"}, "default": {"done": "target", "status": "已完成"}, "rows": {"P5": {"done": "约300"}}}
            """
        let filled = try fillReturn(template: template, spec: spec, in: dir, name: "fb")
        let before = try Data(contentsOf: URL(fileURLWithPath: filled))
        let result = try check(filled)
        let out = dir.appendingPathComponent("feedback.xlsx").path
        try FeedbackWriter.write(source: filled, findings: result.findings, to: out)
        #expect(try Data(contentsOf: URL(fileURLWithPath: filled)) == before)
        let book = try Workbook(path: out)
        #expect(book.sheets.map(\.name) == ["填报说明", "填报", "项目点位", "时间节点", "_minsheng", "审核结果"])
        let list = try book.grid(of: book.sheet(named: "审核结果")!)
        #expect(list.value(row: 1, column: 2) == .string("未填填报人") && list.value(row: 1, column: 8) == .string("RETURN_MISSING_FILLER"))
        #expect(list.value(row: 2, column: 6) == .string("填报!E12"))
        #expect(list.metadata.hyperlinks[CellReference("G3")!] == "#'填报'!E12")
        let form = try book.grid(of: book.sheets[1])
        #expect(form.value(row: 11, column: 4) == .string("约300"))
        // The copy is still a return: checking it gives the same findings.
        #expect(summary(try check(out).findings).map { $0 } == summary(result.findings))
        let validation = try validateXLSX(out)
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
