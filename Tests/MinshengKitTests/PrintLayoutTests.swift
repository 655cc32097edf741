import Foundation
import Testing
import TestSupport
import XLSXCore
import XLSXReader
@testable import MinshengKit

/// The printed pages of the summary, a template and a feedback copy, rendered by LibreOffice to PDF.
@Suite("Printed pages", .serialized)
struct PrintLayoutTests {
    private static let root = TestPaths.packageRoot
    private static let tools: [Requirement] = [.program("soffice"), .program("pdfinfo"), .program("pdftotext")]

    /// Each page's width and height in points, from `pdfinfo`.
    private func pageSizes(_ pdf: String) throws -> [(Double, Double)] {
        let info = try runProcess("pdfinfo", ["-f", "1", "-l", "999", pdf]).stdout
        return info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }.compactMap { line in
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            return numbers.count >= 3 ? (numbers[1], numbers[2]) : nil
        }
    }

    /// A page's text with all white space removed, so text wrapped in a cell still reads as one.
    private func pageText(_ pdf: String, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try runProcess("pdftotext", range + ["-raw", pdf, "-"]).stdout.filter { !$0.isWhitespace && !"“”\"".contains($0) }
    }

    private func render(_ xlsx: String) throws -> String {
        let dir = URL(fileURLWithPath: xlsx).deletingLastPathComponent().path
        let profile = try makeTemporaryDirectory()
        let lo = try runProcess("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx])
        let pdf = URL(fileURLWithPath: xlsx).deletingPathExtension().appendingPathExtension("pdf").path
        #expect(lo.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(lo.stderr)")
        return pdf
    }

    private static let a4 = (595.3, 841.9), a3 = (841.9, 1190.6)
    private func isLandscape(_ size: (Double, Double), _ paper: (Double, Double)) -> Bool {
        abs(size.0 - paper.1) < 2 && abs(size.1 - paper.0) < 2
    }

    private func consolidation() throws -> (Consolidation, String) {
        let plan = try PlanReader().read(path: Self.root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let files = try Consolidator.expand([Self.root.appendingPathComponent("Samples/round-2021-06").path])
        let c = Consolidator(plan: plan, period: Period(year: 2021, month: 6), generatedAt: "2021-07-08T09:00:00Z").run(files: files)
        let path = try makeTemporaryDirectory().appendingPathComponent("汇总.xlsx").path
        try ConsolidatedWorkbook.write(c, to: path)
        return (c, path)
    }

    @Test("the summary prints: 总览 one landscape A4 report page and its file list, 分解汇总 on A3 in bands, the rest landscape A4, every task, district and finding on the pages", .requires(tools))
    func summary() throws {
        let (c, xlsx) = try consolidation()
        let pdf = try render(xlsx)
        let sizes = try pageSizes(pdf)
        let headers = try (1...sizes.count).map { try pageText(pdf, page: $0) }
        func pages(of sheet: String) -> [Int] { headers.indices.filter { headers[$0].contains("民生实事进度汇总" + sheet) } }
        // 总览: the report on page 1 (its chart and the district table whole), the files on the next.
        let overview = pages(of: "总览")
        #expect(overview == [0, 1], "\(overview)")
        #expect(overview.allSatisfy { isLandscape(sizes[$0], Self.a4) })
        #expect(headers[0].contains("各地平均完成率") && headers[0].contains("市本级") && headers[1].contains("收到的文件"))
        for record in c.records { #expect(headers[1].contains(URL(fileURLWithPath: record.file).lastPathComponent.filter { !$0.isWhitespace })) }
        // 分解汇总: A3 landscape, bands × pages down, every task and district on them.
        let matrix = pages(of: "分解汇总")
        #expect(!matrix.isEmpty && matrix.allSatisfy { isLandscape(sizes[$0], Self.a3) })
        let bands = ConsolidatedWorkbook.columnBands([7, 30, 6, 10, 9, 9, 8, 13] + Array(repeating: 8.0, count: 3 * c.plan.districts.count),
                                                     fixed: 4, firstBlock: 4, block: 3, count: c.plan.districts.count).count + 1
        #expect(matrix.count % bands == 0 && matrix.count >= bands * 2, "\(matrix.count) pages for \(bands) bands")
        let matrixText = matrix.map { headers[$0] }.joined()
        for t in c.tasks { #expect(matrixText.contains(t.task.id), "\(t.task.id)") }
        for d in c.plan.districts { #expect(matrixText.contains(d.shortName), "\(d.shortName)") }
        // Every other sheet: landscape A4; every finding's message on 数据问题.
        for sheet in ["按牵头单位", "滞后清单", "报送情况", "数据问题", "项目点位"] {
            let p = pages(of: sheet)
            #expect(!p.isEmpty && p.allSatisfy { isLandscape(sizes[$0], Self.a4) }, "\(sheet)")
        }
        let problems = pages(of: "数据问题").map { headers[$0] }.joined()
        for f in c.findings { #expect(problems.contains(f.message.filter { !$0.isWhitespace && !"“”\"".contains($0) }), "\(f.message)") }
        #expect(pages(of: "").count == sizes.count, "every page has the summary's header")
    }

    @Test("no text of the summary prints below 8 pt, and every wrapped row is tall enough for its lines", .requires(tools))
    func sizesAndHeights() throws {
        let (_, xlsx) = try consolidation()
        let pdf = try render(xlsx)
        // Word boxes from pdftotext: a box is about 1.3 × the font size of its text.
        let bbox = try runProcess("pdftotext", ["-bbox", pdf, "-"]).stdout
        let heights = bbox.split(separator: "\n").compactMap { line -> Double? in
            guard line.contains("<word"), let y0 = attribute(line, "yMin"), let y1 = attribute(line, "yMax") else { return nil }
            return y1 - y0
        }
        #expect(!heights.isEmpty)
        #expect((heights.min() ?? 0) / 1.3 >= 7.9, "smallest text \((heights.min() ?? 0) / 1.3) pt")
        // Rows with text wider than its cell are at least as tall as its lines at 10 pt.
        let book = try Workbook(path: xlsx)
        for info in book.sheets where ["按牵头单位", "滞后清单", "报送情况", "数据问题", "项目点位"].contains(info.name) {
            let reader = try book.rows(of: info)
            var rows: [Row] = []
            while let row = try reader.next() { rows.append(row) }
            let widths = reader.metadata.columnWidths, merged = reader.metadata.mergedRanges
            for row in rows {
                for cell in row.cells {
                    guard case .string(let text) = cell.value, !merged.contains(where: { $0.contains(cell.reference) && $0.start != cell.reference }) else { continue }
                    let span = merged.first { $0.start == cell.reference }.map { $0.start.column...$0.end.column } ?? cell.reference.column...cell.reference.column
                    let width = span.reduce(0.0) { $0 + (widths[$1] ?? 8.43) }
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { n, line in
                        n + max(1, Int((Double(line.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }) / max(width - 1, 1)).rounded(.up)))
                    }
                    guard lines > 1 else { continue }
                    #expect((row.height ?? 15) >= Double(lines) * 10 * 1.2, "\(info.name)!\(cell.reference): \(lines) lines in \(row.height ?? 15) pt")
                }
            }
        }
    }

    @Test("a template and its feedback copy print alike: 填报说明 on one portrait A4 page, 填报 landscape, the marks and 审核结果 added", .requires(tools))
    func templateAndFeedback() throws {
        let dir = try makeTemporaryDirectory()
        let source = Self.root.appendingPathComponent("Samples/round-2021-06/民生实事填报_嘉善县_2021-06.xlsx").path
        let plan = try PlanReader().read(path: Self.root.appendingPathComponent("Samples/allocation-2021.xlsx").path).plan
        let checked = ReturnChecker(plan: plan).check(try DistrictReturn.read(path: source))
        #expect(checked.findings.hasErrors)
        let feedback = dir.appendingPathComponent("反馈.xlsx").path
        try FeedbackWriter.write(source: source, findings: checked.findings, to: feedback, plan: plan, district: checked.district, period: checked.period)
        let template = dir.appendingPathComponent("模板.xlsx").path
        try TemplateWriter.write(plan: plan, district: checked.district!, options: TemplateOptions(period: checked.period!), to: template)
        let t = try pageSizes(render(template)), f = try pageSizes(render(feedback))
        #expect(abs(t[0].0 - Self.a4.0) < 2 && abs(t[0].1 - Self.a4.1) < 2, "填报说明 portrait A4")
        #expect(t.dropFirst().allSatisfy { isLandscape($0, Self.a4) })
        // The copy prints as the template does, with 审核结果 after it.
        #expect(f.count > t.count && zip(t, f).allSatisfy { abs($0.0 - $1.0) < 2 && abs($0.1 - $1.1) < 2 })
        let text = try pageText(dir.appendingPathComponent("反馈.pdf").path)
        for finding in checked.findings { #expect(text.contains(finding.message.filter { !$0.isWhitespace && !"“”\"".contains($0) }), "\(finding.message)") }
        let guide = try pageText(dir.appendingPathComponent("模板.pdf").path, page: 1)
        #expect(guide.contains("浅黄色单元格为填报区，其余单元格已锁定，请勿修改目标、增删或调换行次。"))
    }

    private func attribute(_ line: Substring, _ name: String) -> Double? {
        guard let r = line.range(of: name + "=\"") else { return nil }
        return Double(line[r.upperBound...].prefix { $0 != "\"" })
    }
}
