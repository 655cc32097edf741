import Foundation
import MinshengKit
import Testing
import TestSupport

/// A district uploads through the page in a real browser and reads its findings; the office page shows it.
@Suite(.timeLimit(.minutes(3))) struct DeskBrowserTests {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/MinshengDeskTests/Browser/desk_browser.py").path

    @Test("chromium: upload through the page, the findings with Sheet!Cell, the office sees the district",
          .requires(.program("chromium"), .program("chromedriver"), .python(module: "selenium")))
    func uploadInBrowser() async throws {
        let dir = try makeTemporaryDirectory()
        let server = try DeskProcess(data: dir.appendingPathComponent("data").path)
        defer { server.stop() }
        let path = DeskSamples.file("嘉善县_2021-06")
        let shots = ProcessInfo.processInfo.environment["MINSHENG_DESK_SCREENSHOTS"]
        let result = try runProcess("python3", [Self.script, server.origin, server.tokens["嘉善县"]!, DeskProcess.password, path, "嘉善县"] + (shots.map { [$0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("TITLE 嘉善县") })
        // Every finding `check` gives is a row of the page, with its Sheet!Cell and message.
        let plan = try PlanReader().read(path: DeskSamples.plan).plan
        let expected = ReturnChecker(plan: plan, expectedDistrict: plan.districts[2], expectedPeriod: DeskSamples.period).check(try DistrictReturn.read(path: path)).findings
        let rows = lines.filter { $0.hasPrefix("FINDING ") }
        #expect(rows.count == expected.count)
        for (row, f) in zip(rows, expected) {
            #expect(row.contains(f.location ?? "") && row.contains(f.severity.label) && row.contains(f.code.rawValue), "\(row)")
        }
        #expect(lines.contains { $0.hasPrefix("STATE") && $0.contains("已接收，本轮采用") })
        #expect(lines.contains { $0.hasPrefix("DISTRICT 嘉善县 已采用") }, "\(lines.filter { $0.hasPrefix("DISTRICT") })")
        #expect(lines.contains { $0.hasPrefix("DISTRICT 南湖区 未报送") })
        // No script error and no content-policy violation in the browser's console.
        #expect(!lines.contains { $0.hasPrefix("CONSOLE") }, "\(lines.filter { $0.hasPrefix("CONSOLE") })")
    }
}
