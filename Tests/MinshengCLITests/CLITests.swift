import Foundation
import Testing
import TestSupport

/// Runs the built `minsheng` executable, which SwiftPM puts beside the test bundle.
func minsheng(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
    try runProcess(minshengBinary(), arguments, inputData: input)
}

/// The `minsheng` executable built beside the tests.
func minshengBinary() -> String {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = dir.appendingPathComponent("minsheng").path
    return FileManager.default.fileExists(atPath: binary) ? binary : dir.deletingLastPathComponent().appendingPathComponent("minsheng").path
}

@Suite struct CLITests {
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path

    @Test("plan check prints the findings and exits 1 when one must be fixed")
    func planCheck() throws {
        let text = try minsheng(["plan", "check", sample])
        #expect(text.status == 1)
        #expect(text.stdout.contains("省政府民生实事!C10 P6 分解数合计与全市目标不符：") && text.stdout.contains("[PLAN_SUM_MISMATCH]"))
        #expect(text.stdout.hasSuffix("共 6 条：强制性 5 条，核实性 1 条\n"))
        let json = try minsheng(["plan", "check", sample, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]]
        #expect(findings?.count == 6)
        #expect(findings?.first?["code"] as? String == "PLAN_SUM_MISMATCH")
        #expect(findings?.first?["cell"] as? String == "C10")
        #expect(findings?.last?["severity"] as? String == "warning")
    }

    @Test("plan check --out writes the findings workbook and refuses to overwrite its input")
    func findingsWorkbook() throws {
        let out = try makeTemporaryDirectory().appendingPathComponent("findings.xlsx").path
        #expect(try minsheng(["plan", "check", sample, "--out", out]).status == 1)
        let cat = try minsheng(["cat", out, "--format", "cells"])
        #expect(cat.stdout.contains("C2\t分解数合计与全市目标不符") && cat.stdout.contains("I2\tPLAN_SUM_MISMATCH"))
        let refused = try minsheng(["plan", "check", sample, "--out", sample])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("输出文件与输入文件相同"))
    }

    @Test("plan export gives the long-form CSV")
    func export() throws {
        let csv = try minsheng(["plan", "export", sample, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("P18,南湖区,number,8.1,8.1,公里,市水利局\r\n"))
        #expect(csv.stdout.contains("P2,市本级,tagged,1,嘉服集团 1,个,市交通运输局\r\n"))
    }

    @Test("cat prints cells in the corpus conventions, and reads standard input")
    func cat() throws {
        let corpus = TestPaths.corpusSample.appendingPathComponent("calamine/date.xlsx").path
        let result = try minsheng(["cat", corpus, "--format", "cells"])
        #expect(result.stdout == "A1\t2021-01-01\nB1\t15\nA2\t2021-01-02\nB2\t16\nA3\tPT918610S\nB3\t17\n")
        let piped = try minsheng(["cat", "-", "--format", "cells"], input: try Data(contentsOf: URL(fileURLWithPath: corpus)))
        #expect(piped.stdout == result.stdout)
        let json = try minsheng(["cat", sample, "--sheet-index", "2", "--format", "json"])
        #expect(json.stdout.contains("\"全市\""))
        let sheets = try minsheng(["sheets", sample])
        #expect(sheets.stdout == "1\t省政府民生实事\tvisible\tA1:N45\n2\t市政府民生实事\tvisible\tA1:O27\n")
    }

    @Test("unreadable input exits 2 with the file and what to do")
    func badInput() throws {
        let dir = try makeTemporaryDirectory()
        let xls = dir.appendingPathComponent("return.xlsx")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: xls)
        let result = try minsheng(["cat", xls.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("return.xlsx") && result.stderr.contains(".xls") && result.stderr.contains("另存为"))
        let missing = try minsheng(["plan", "check", dir.appendingPathComponent("nope.xlsx").path])
        #expect(missing.status == 2)
    }

    @Test("diff exits 0 when equal, 1 when different, 2 on trouble")
    func diff() throws {
        let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/MinshengKitTests/Fixtures")
        let old = fixtures.appendingPathComponent("diff-old.xlsx").path, new = fixtures.appendingPathComponent("diff-new.xlsx").path
        #expect(try minsheng(["diff", old, old]).status == 0)
        let different = try minsheng(["diff", old, new, "--tolerance", "0.01", "--format", "json"])
        #expect(different.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(different.stdout.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Int])?["moved"] == 1)
        #expect(try minsheng(["diff", old, "/nonexistent.xlsx"]).status == 2)
    }

    @Test("template, check and consolidate run end to end on the sample")
    func round() throws {
        let dir = try makeTemporaryDirectory()
        let made = try minsheng(["template", sample, "--period", "2021-06", "--district", "港区", "--out", dir.path])
        #expect(made.status == 0 && made.stdout.contains("民生实事填报_港区_2021-06.xlsx"))
        let roundDir = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06").path
        let bad = try minsheng(["check", roundDir + "/民生实事填报_秀洲区_2021-06.xlsx", "--plan", sample, "--feedback", dir.appendingPathComponent("fb.xlsx").path])
        #expect(bad.status == 1 && bad.stdout.contains("RETURN_POINT_OUTSIDE"))
        let good = try minsheng(["check", roundDir + "/民生实事填报_南湖区_2021-06.xlsx", "--plan", sample])
        #expect(good.status == 0)
        let out = dir.appendingPathComponent("汇总.xlsx").path
        let consolidated = try minsheng(["consolidate", sample, roundDir, "--period", "2021-06", "--out", out, "--generated-at", "2021-07-08T09:00:00Z"])
        #expect(consolidated.status == 1)
        #expect(consolidated.stdout.contains("未报送：嘉兴港区；") && consolidated.stdout.contains("有数据未计入：无"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("convert reads GB18030 CSV, writes CSV with a BOM, and never overwrites its input")
    func convert() throws {
        let dir = try makeTemporaryDirectory()
        let csv = dir.appendingPathComponent("表.csv")
        // 编号,名称,数量 / 0573,南湖区,8.1 in GB18030, as Chinese Excel exports it.
        let gb: [UInt8] = [0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xCA, 0xFD, 0xC1, 0xBF, 0x0D, 0x0A,
                           0x30, 0x35, 0x37, 0x33, 0x2C, 0xC4, 0xCF, 0xBA, 0xFE, 0xC7, 0xF8, 0x2C, 0x38, 0x2E, 0x31, 0x0D, 0x0A]
        try Data(gb).write(to: csv)
        let xlsx = dir.appendingPathComponent("表.xlsx").path
        #expect(try minsheng(["convert", csv.path, xlsx]).status == 0)
        #expect(try minsheng(["cat", xlsx, "--format", "cells"]).stdout == "A1\t编号\nB1\t名称\nC1\t数量\nA2\t0573\nB2\t南湖区\nC2\t8.1\n")
        let back = dir.appendingPathComponent("back.csv").path
        #expect(try minsheng(["convert", xlsx, back]).status == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: back)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "编号,名称,数量\r\n0573,南湖区,8.1\r\n")
        let refused = try minsheng(["convert", xlsx, xlsx])
        #expect(refused.status == 2 && refused.stderr.contains("输出文件与输入文件相同"))
    }

    @Test("a zip bomb is refused in bounded memory, with the file and what to do", .requires(.program("python3")))
    func zipBombMemory() throws {
        let dir = try makeTemporaryDirectory()
        let bomb = dir.appendingPathComponent("bomb.xlsx").path
        // A workbook whose sheet inflates to 400 MB of spaces; the reader must stop long before that.
        let make = """
            import sys, zipfile
            ns = 'http://schemas.openxmlformats.org/'
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
                z.writestr('_rels/.rels', f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="r" Type="{ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
                z.writestr('xl/workbook.xml', f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{ns}officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="r"/></sheets></workbook>')
                z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="r" Type="{ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
                with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=False) as f:
                    f.write(f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'.encode())
                    for _ in range(400):
                        f.write(b' ' * (1 << 20))
                    f.write(b'</sheetData></worksheet>')
            """
        #expect(try runProcess("python3", ["-c", make, bomb]).status == 0)
        let binary = minshengBinary()
        // Peak memory of that one child, measured by a wrapper of its own.
        let measure = """
            import resource, subprocess, sys
            p = subprocess.run([sys.argv[1], 'cat', sys.argv[2]], capture_output=True, text=True)
            print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
            print(p.stderr)
            """
        let result = try runProcess("python3", ["-c", measure, binary, bomb])
        let first = result.stdout.split(separator: "\n").first.map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
        #expect(first.count == 2 && first[0] == 2, "\(result.stdout)")
        #expect((first.last ?? .max) < 100, "peak memory \(first.last ?? -1) MiB")
        #expect(result.stdout.contains("bomb.xlsx") && result.stdout.contains("压缩炸弹"))
    }
}

@Suite struct StreamingExportTests {
    @Test("a CSV that is only a byte-order mark (Excel's CSV UTF-8 of an empty sheet) is an empty sheet, not a crash")
    func bomOnly() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("empty.csv").path
        try Data([0xEF, 0xBB, 0xBF]).write(to: URL(fileURLWithPath: path))
        let result = try minsheng(["cat", path])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.status) \(result.stderr)")
    }

    @Test("cat --format csv of a million-row sheet streams: every row out, peak memory under 64 MiB", .requires(.program("python3")))
    func millionRows() throws {
        let dir = try makeTemporaryDirectory()
        let csv = dir.appendingPathComponent("big.csv").path, xlsx = dir.appendingPathComponent("big.xlsx").path
        var text = "序号,地区,数量\r\n"
        text.reserveCapacity(30_000_000)
        for i in 1..<1_000_000 { text += "\(i),南湖区项目\(i % 1000),\(i % 97).5\r\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        #expect(try minsheng(["convert", csv, xlsx]).status == 0)
        // Peak memory of that one child, measured by a wrapper of its own (as the zip-bomb test does).
        let measure = """
            import resource, subprocess, sys, hashlib
            p = subprocess.run([sys.argv[1], 'cat', sys.argv[2], '--format', 'csv'], capture_output=True)
            print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
            print(hashlib.sha256(p.stdout).hexdigest())
            print(p.stderr.decode())
            """
        let result = try runProcess("python3", ["-c", measure, minshengBinary(), xlsx])
        let lines = result.stdout.split(separator: "\n")
        let first = lines.first.map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
        #expect(first.count == 2 && first[0] == 0, "\(result.stdout)")
        #expect((first.last ?? .max) < 64, "peak memory \(first.last ?? -1) MiB")
        // The CSV that comes out is the one that went in (with CRLF line ends, no BOM on standard output).
        let expected = try runProcess("python3", ["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", csv])
        #expect(lines.count > 1 && lines[1] == expected.stdout.split(separator: "\n").first)
    }
}

@Suite struct YearCommandTests {
    let plan = TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path
    let summary = TestPaths.packageRoot.appendingPathComponent("Samples/汇总-2021-06.xlsx").path

    @Test("year puts the summaries side by side and names the months it lacks")
    func year() throws {
        let out = try makeTemporaryDirectory().appendingPathComponent("年度完成情况.xlsx").path
        let result = try minsheng(["year", summary, "--plan", plan, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("已汇总 1 个月（6月）") && result.stdout.contains("缺少汇总：1月、2月、3月、4月、5月"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("a workbook that is no summary, given by name, is refused: 2, in Chinese")
    func notASummary() throws {
        let out = try makeTemporaryDirectory().appendingPathComponent("年度.xlsx").path
        let result = try minsheng(["year", plan, "--plan", plan, "--out", out])
        #expect(result.status == 2)
        #expect(result.stderr.contains("不是 minsheng consolidate 写出的汇总表"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
