import Foundation
import MinshengKit
import XLSXCore
import XLSXReader
import XLSXWriter

// One operation per run, so the driver (run.py) can time it and read its peak memory from outside.
//   minsheng-bench read FILE                    stream every cell of the first sheet
//   minsheng-bench write FILE ROWS COLS KIND [inline]  KIND: mixed (numbers and repeated Chinese text) or unique;
//                                               inline: text in the cells instead of a shared-strings table
//   minsheng-bench templates PLAN N DIR          templates for N synthetic districts
//   minsheng-bench returns PLAN N DIR            filled returns for N synthetic districts
//   minsheng-bench consolidate PLAN N DIR JOBS   check and add up DIR's returns, JOBS workers, write the workbook
//   minsheng-bench read-returns PLAN N DIR JOBS  only read DIR's returns, JOBS workers

let args = CommandLine.arguments
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// The value every tool writes at (row, column), so all of them produce the same sheet.
func cellText(_ r: Int, _ c: Int, unique: Bool) -> String { unique ? "文本\(r)-\(c)" : "南湖区项目\(r % 1000)" }
func cellNumber(_ r: Int, _ c: Int) -> Double { Double(r * 20 + c) + 0.5 }

/// A plan whose districts are N synthetic ones, each given the 2021 shares of a real district in turn.
func syntheticPlan(_ path: String, _ n: Int) throws -> Plan {
    let base = try PlanReader().read(path: path).plan
    let districts = (0..<n).map { i in District(id: String(format: "d%04d", i), name: String(format: "测试区%04d", i), shortName: String(format: "测%04d", i), aliases: []) }
    var plan = base
    plan.districts = districts
    for s in plan.sections.indices {
        for t in plan.sections[s].tasks.indices {
            let task = base.sections[s].tasks[t]
            var shares: [String: Quantity] = [:]
            for (i, d) in districts.enumerated() { shares[d.id] = task.share(base.districts[i % base.districts.count]) }
            plan.sections[s].tasks[t].shares = shares
        }
    }
    return plan
}

func files(_ dir: String) throws -> [Consolidator.SubmittedFile] { try Consolidator.expand([dir]) }

guard args.count >= 3 else { fail("usage: see the comment at the top of main.swift") }
let period = Period(year: 2021, month: 6)
do {
    switch args[1] {
    case "read":
        let book = try Workbook(path: args[2])
        let reader = try book.rows(of: book.sheets[0])
        var cells = 0, sum = 0.0, chars = 0
        while let row = try reader.next() {
            for cell in row.cells {
                cells += 1
                switch cell.value {
                case .number(let n): sum += n
                case .string(let s): chars += s.utf8.count
                default: break
                }
            }
        }
        print("\(cells) cells, sum \(sum), \(chars) bytes of text")
    case "write":
        let rows = Int(args[3])!, cols = Int(args[4])!, unique = args[5] == "unique"
        let book = try WorkbookBuilder(compressionLevel: 6, inlineStrings: args.count > 6 && args[6] == "inline")
        let sheet = try book.addSheet("Sheet1")
        var row = [CellData](repeating: nil, count: cols)
        for r in 0..<rows {
            for c in 0..<cols { row[c] = unique || c % 2 == 1 ? CellData(.text(cellText(r, c, unique: unique))) : CellData(.number(cellNumber(r, c))) }
            try sheet.addRow(row)
        }
        try book.write(to: args[2])
    case "templates":
        let plan = try syntheticPlan(args[2], Int(args[3])!)
        try FileManager.default.createDirectory(atPath: args[4], withIntermediateDirectories: true)
        // As `minsheng template` does: the plan's fingerprint once for all districts.
        var options = TemplateOptions(period: period)
        options.planFingerprint = Fingerprint.of(plan)
        for d in plan.districts {
            try TemplateWriter.write(plan: plan, district: d, options: options, to: args[4] + "/" + TemplateWriter.fileName(d, period))
        }
    case "returns":
        let plan = try syntheticPlan(args[2], Int(args[3])!)
        try FileManager.default.createDirectory(atPath: args[4], withIntermediateDirectories: true)
        for d in plan.districts {
            var fill = TemplateFill()
            fill.filler = "测试"
            fill.phone = "0573"
            fill.date = ExcelDateTime(year: 2021, month: 7, day: 5)
            for row in TemplateRow.rows(for: d, in: plan) {
                let v = (row.target.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 10) * 0.6
                fill.done[row.taskID] = .number(v.rounded())
                fill.status[row.taskID] = "推进中"
            }
            try TemplateWriter.write(plan: plan, district: d, options: TemplateOptions(period: period), fill: fill, to: args[4] + "/" + TemplateWriter.fileName(d, period))
        }
    case "consolidate":
        let plan = try syntheticPlan(args[2], Int(args[3])!)
        var c = Consolidator(plan: plan, period: period, generatedAt: "2021-07-08T00:00:00Z")
        c.workers = Int(args[5])!
        let t0 = Date()
        let result = c.run(files: try files(args[4]))
        let t1 = Date()
        try ConsolidatedWorkbook.write(result, to: NSTemporaryDirectory() + "/minsheng-bench-consolidated.xlsx")
        if ProcessInfo.processInfo.environment["MINSHENG_BENCH_PHASES"] != nil {
            FileHandle.standardError.write(Data(String(format: "check and add up %.2f s, workbook %.2f s\n", t1.timeIntervalSince(t0), Date().timeIntervalSince(t1)).utf8))
        }
        print("\(result.reportedDistricts.count) districts, \(result.findings.count) findings")
    case "read-returns":
        let list = try files(args[4]).map(\.path)
        let workers = Int(args[5])!
        let chunks = stride(from: 0, to: list.count, by: max(1, (list.count + workers - 1) / workers)).map { Array(list[$0..<min($0 + (list.count + workers - 1) / workers, list.count)]) }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
            for f in chunks[i] { _ = try? DistrictReturn.read(path: f) }
        }
        print("\(list.count) returns read")
    default:
        fail("unknown operation \(args[1])")
    }
} catch {
    fail("minsheng-bench: \(error)")
}
