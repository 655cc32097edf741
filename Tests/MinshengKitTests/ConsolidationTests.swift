import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

private let root = TestPaths.packageRoot
private let roundFolder = root.appendingPathComponent("Samples/round-2021-06").path

@Suite struct ConsolidationTests {
    let plan: Plan
    let result: Consolidation
    /// The files the round should count, by district id: every district but 港区 (missing) and 秀洲区 (an error).
    let counted: [String: String]

    init() throws {
        plan = try PlanReader().read(path: root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let files = try Consolidator.expand([roundFolder])
        result = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T09:00:00Z").run(files: files)
        var counted: [String: String] = [:]
        for d in plan.districts where d.id != "port" {
            let name = d.id == "jiashan" ? "民生实事填报_嘉善县_2021-06（更正）.xlsx" : TemplateWriter.fileName(d, Period(year: 2021, month: 6))
            counted[d.id] = URL(fileURLWithPath: roundFolder).appendingPathComponent(name).path
        }
        self.counted = counted
    }

    @Test("the submissions: one missing, one replaced by its correction; a bad site leaves out only that site")
    func submissions() {
        #expect(result.missingDistricts.map(\.id) == ["port"])
        // 秀洲区's swapped coordinates are one site's error: its figures count, that site does not.
        #expect(result.excludedDistricts.isEmpty)
        #expect(result.sites.contains { $0.district.id == "xiuzhou" })
        #expect(!result.sites.contains { $0.district.id == "xiuzhou" && ($0.longitude ?? 0) < 100 })
        #expect(Set(result.reportedDistricts.map(\.id)) == Set(counted.keys))
        let outcomes = Dictionary(uniqueKeysWithValues: result.records.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0.outcome) })
        #expect(outcomes["民生实事填报_嘉善县_2021-06.xlsx"] == .superseded)
        #expect(outcomes["民生实事填报_嘉善县_2021-06（更正）.xlsx"] == .used)
        #expect(outcomes["民生实事填报_秀洲区_2021-06.xlsx"] == .used)
        #expect(result.findings.map(\.code.rawValue).filter { $0.hasPrefix("CONSOLIDATE") }.sorted() == ["CONSOLIDATE_DUPLICATE_RETURN", "CONSOLIDATE_MISSING_RETURN"])
        // The superseded return's own errors (约300, a negative) are not among the findings.
        #expect(!result.findings.contains { $0.code == .returnValueApproximate })
        #expect(result.findings.contains { $0.code == .returnPointOutside && $0.district == "秀洲区" })
    }

    @Test("every city total is the sum (or mean, for percentages) of the counted district figures")
    func totals() throws {
        let values = try counted.mapValues(rawValues)
        for t in result.tasks {
            let reported = plan.districts.filter { t.districts.map(\.district).contains($0) }.compactMap { values[$0.id]?[t.task.id] }
            guard !reported.isEmpty else {
                #expect(t.done == nil, "\(t.task.id)")
                continue
            }
            let expected = t.isPercentage ? reported.reduce(0, +) / Double(reported.count) : reported.reduce(0, +)
            #expect(abs((t.done?.double ?? -1) - expected) < 1e-9, "\(t.task.id): \(String(describing: t.done)) vs \(expected)")
            if let target = t.task.total.value?.double, target > 0 {
                #expect(abs((t.rate ?? -1) - expected / target) < 1e-9, "\(t.task.id)")
            }
        }
        #expect(result.tasks.first { $0.task.id == "P4" }?.target == 60)
    }

    @Test("every task × district status follows its completion against the pace")
    func statuses() throws {
        let values = try counted.mapValues(rawValues)
        let pace = 0.5
        var counts: [ProgressStatus: Int] = [:]
        for t in result.tasks {
            for f in t.districts {
                let row = TemplateRow.row(for: t.task, district: f.district)!
                let expected: ProgressStatus
                if row.target == nil {
                    expected = .notJudged
                } else if let v = values[f.district.id]?[t.task.id], let target = row.target?.double {
                    let rate = v / target
                    expected = rate >= 1 ? .ahead : pace - rate <= 0.10 ? .onPace : .slow
                } else {
                    expected = .missing
                }
                #expect(f.status == expected, "\(t.task.id) \(f.district.name)")
                if expected != .notJudged { counts[expected, default: 0] += 1 }
            }
        }
        #expect(result.statusCounts == counts)
        #expect(counts[.missing] == result.tasks.filter { t in t.districts.contains { $0.district.id == "port" && $0.target != nil } }.count)
    }

    @Test("the lagging list is every figure more than 10 points behind pace, most behind first")
    func lagging() throws {
        let values = try counted.mapValues(rawValues)
        var expected: [(String, String, Double)] = []
        for t in result.tasks {
            for f in t.districts {
                guard let target = TemplateRow.row(for: t.task, district: f.district)?.target?.double, let v = values[f.district.id]?[t.task.id] else { continue }
                let rate = v / target
                if rate < 1 && 0.5 - rate > 0.10 { expected.append((t.task.id, f.district.id, rate)) }
            }
        }
        let lagging = result.lagging
        #expect(lagging.count == expected.count)
        #expect(Set(lagging.map { "\($0.task.task.id)@\($0.figure.district.id)" }) == Set(expected.map { "\($0.0)@\($0.1)" }))
        #expect(zip(lagging, lagging.dropFirst()).allSatisfy { ($0.figure.rate ?? 0) <= ($1.figure.rate ?? 0) })
    }

    /// The consolidated workbook, written to a temporary folder of its own.
    private func consolidatedWorkbook() throws -> (dir: URL, path: String) {
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("汇总.xlsx").path
        try ConsolidatedWorkbook.write(result, to: path)
        return (dir, path)
    }

    @Test("the workbook has every sheet and the figures of the matrix")
    func workbook() throws {
        let (_, path) = try consolidatedWorkbook()
        let book = try Workbook(path: path)
        #expect(book.sheets.map(\.name) == ["总览", "分解汇总", "按牵头单位", "滞后清单", "报送情况", "数据问题", "项目点位", "_minsheng"])
        #expect(book.sheets.last?.state == .veryHidden)
        let matrix = try book.grid(of: book.sheets[1])
        for (i, t) in result.tasks.enumerated() {
            let r = 4 + i
            #expect(matrix.value(row: r, column: 0) == .string(t.task.id))
            if let done = t.done { #expect(matrix.value(row: r, column: 5) == .number(done.double), "\(t.task.id)") }
            #expect(matrix.cell(row: r, column: 5)?.formula != nil || t.done == nil)
        }
        let lag = try book.grid(of: book.sheets[3])
        #expect(lag.rowCount == result.lagging.count + 1)
        let sites = try book.grid(of: book.sheets[6])
        #expect(sites.rowCount == result.sites.count + 1)
    }

    @Test("the workbook validates against the ECMA-376 schemas, its chart and drawing too", .requires(Requirement.schemaValidation))
    func workbookValidates() throws {
        let validation = try validateXLSX(try consolidatedWorkbook().path)
        #expect(validation.status == 0, "\(validation.stdout)")
        #expect(validation.stdout.contains("xl/charts/chart1.xml: ok") && validation.stdout.contains("xl/drawings/drawing1.xml: ok"))
    }

    @Test("LibreOffice opens the workbook and converts it to CSV", .requires(.program("soffice")))
    func workbookInLibreOffice() throws {
        let (dir, path) = try consolidatedWorkbook()
        let profile = try makeTemporaryDirectory()
        let lo = try runProcess("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "csv", "--outdir", dir.path, path])
        #expect(lo.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("汇总.csv").path), "\(lo.stderr)")
    }

    @Test("JSON and GeoJSON carry the same figures and sites")
    func exports() throws {
        let json = try JSONSerialization.jsonObject(with: Data(ConsolidationExport.json(result).utf8)) as! [String: Any]
        let tasks = json["tasks"] as! [[String: Any]]
        #expect(tasks.count == result.tasks.count)
        #expect(json["missing"] as? [String] == ["嘉兴港区"])
        let geo = try JSONSerialization.jsonObject(with: Data(ConsolidationExport.geoJSON(result).utf8)) as! [String: Any]
        let features = geo["features"] as! [[String: Any]]
        #expect(features.count == result.sites.filter { $0.longitude != nil && $0.latitude != nil }.count)
        #expect(!features.isEmpty)
    }

    @Test("the committed sample round is what the generator writes")
    func sampleIsReproducible() throws {
        let dir = try makeTemporaryDirectory().path
        let written = try SampleRound.write(plan: plan, period: Period(year: 2021, month: 6), into: dir)
        for path in written {
            let committed = URL(fileURLWithPath: roundFolder).appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: committed)), "\(committed)")
        }
    }
}
