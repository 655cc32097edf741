import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXWriter

/// Checks the kitchen-sink workbook with the schemas and with real spreadsheet programs.
/// Each test is skipped where its program is missing (`.requires`); `.ci/run` installs them all and sets
/// `MINSHENG_REQUIRE_ALL=1`, so there a missing one fails the test instead.
@Suite(.serialized) struct ClientTests {
    let path: String

    init() throws {
        path = try makeTemporaryDirectory().appendingPathComponent("kitchen-sink.xlsx").path
        try KitchenSink.write(to: path)
    }

    @Test("every XML part validates against the ECMA-376 schemas", .requires(Requirement.schemaValidation))
    func schemas() throws {
        let result = try validateXLSX(path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("FAIL"))
        #expect(result.stdout.contains("xl/charts/chart1.xml: ok") && result.stdout.contains("xl/comments1.xml: ok"))
    }

    @Test("openpyxl reads the same values, merges, validations, protection and styles", .requires(.python(module: "openpyxl")))
    func openpyxl() throws {
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb['填报']
            print(ws['A1'].value); print(ws['E4'].value); print(ws['D8'].value)
            print(ws['H4'].value.date().isoformat())
            print(sorted(str(m) for m in ws.merged_cells.ranges))
            print(len(ws.data_validations.dataValidation), ws.data_validations.dataValidation[1].formula1)
            print(ws.protection.sheet, ws['E4'].protection.locked, ws['A4'].protection.locked)
            print(ws['A1'].font.b, ws['A1'].font.name, ws['E4'].number_format, ws['F4'].number_format, ws['H4'].number_format)
            print(ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation, ws.page_setup.paperSize)
            print([s.sheet_state for s in wb.worksheets])
            """
        let result = try runProcess("python3", ["-c", script, path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "2021年民生实事进度填报（样例）", "8.1", "=SUM(D4:D7)", "2021-06-30", "['A1:H1', 'A2:C2']",
            "6 \"未开工,推进中,已完成\"", "True False True", "True 黑体 General 0.0% yyyy\"年\"m\"月\"d\"日\"",
            "C4 $3:$3 landscape 9", "['visible', 'visible', 'hidden', 'veryHidden']",
        ])
    }

    @Test("LibreOffice converts it to CSV with the same values", .requires(.program("soffice")))
    func libreOffice() throws {
        let out = try makeTemporaryDirectory()
        let profile = try makeTemporaryDirectory()
        let result = try runProcess("soffice", [
            "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir", out.path, path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("kitchen-sink.csv"), encoding: .utf8)
        let rows = parseCSV(csv)
        #expect(rows[0][0] == "2021年民生实事进度填报（样例）")
        #expect(rows[3].prefix(5) == ["P3", "建设城际铁路及轨道交通500公里", "公里", "98", "8.1"])
        #expect(rows[7][3] == "32,105" && rows[7][4] == "15.0")
        #expect(rows[3][7] == "2021年6月30日")
    }

    @Test("Gnumeric's ssconvert converts it to CSV with the same values", .requires(.program("ssconvert")))
    func gnumeric() throws {
        let out = try makeTemporaryDirectory().appendingPathComponent("out.csv").path
        let result = try runProcess("ssconvert", [path, out])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        let rows = parseCSV(csv)
        #expect(rows[0][0] == "2021年民生实事进度填报（样例）")
        #expect(rows[3].prefix(5) == ["P3", "建设城际铁路及轨道交通500公里", "公里", "98", "8.1"])
        #expect(rows[7][3].filter { $0 != "," } == "32105")
    }
}
