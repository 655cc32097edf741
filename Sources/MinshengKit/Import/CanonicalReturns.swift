import Foundation
import XLSXCore
import XLSXWriter

/// Writes imported figures as the same returns the templates produce, so `check`, `consolidate` and
/// `diff` treat them alike. They are named `…（牵头单位）.xlsx` and never touch a district's own return:
/// `consolidate` merges the two task by task. An import already in the folder (from another
/// department) is merged: figures for other tasks are kept, figures for the same task are replaced.
public enum CanonicalReturns {
    /// `民生实事填报_南湖区_2021-06（牵头单位）.xlsx`.
    public static func fileName(_ district: District, _ period: Period) -> String {
        TemplateWriter.fileName(district, period).replacingOccurrences(of: ".xlsx", with: "（牵头单位）.xlsx")
    }

    /// - Returns: the paths written, and a finding for each figure that replaced a different one.
    /// - Throws: `DomainError` when a file of that name exists that an import did not write.
    public static func write(_ result: ImportResult, plan: Plan, into folder: String, source: String) throws -> (paths: [String], findings: [Finding]) {
        try AtomicFile.createFolder(folder)
        var paths: [String] = []
        var findings: [Finding] = []
        for district in plan.districts {
            guard let figures = result.figures[district.id], !figures.isEmpty else { continue }
            let path = URL(fileURLWithPath: folder).appendingPathComponent(fileName(district, result.period)).path
            var fill = TemplateFill()
            fill.origin = "import"
            if FileManager.default.fileExists(atPath: path) {
                let existing = try DistrictReturn.read(path: path)
                // Import never overwrites a file it did not write.
                guard existing.meta["origin"] == "import" else {
                    throw DomainError(
                        file: path, message: "this file was not written by minsheng import; it is left as it is",
                        hint: "import into another folder", zh: "该文件不是 minsheng import 写出的，不予覆盖", zhHint: "请用 --out 指定另一个文件夹")
                }
                let checked = ReturnChecker(plan: plan).check(existing)
                for (id, v) in checked.values { fill.done[id] = .number(v.double) }
                fill.status = checked.statuses
                for row in existing.rows { if let r = row.cell(.remark)?.text, !r.isEmpty { fill.remark[row.id] = r } }
                fill.filler = existing.header["填报人"]?.text
                fill.points = existing.points.map { p in
                    func num(_ c: TemplateLayout.PointColumn) -> Double? { if case .number(let n)? = p.cells[c]?.value { return n } else { return nil } }
                    return (p.text(.id), p.text(.name), p.text(.address), num(.longitude), num(.latitude), p.text(.status), p.text(.remark))
                }
            }
            for (id, f) in figures.sorted(by: { $0.key < $1.key }) {
                guard let row = TemplateRow.row(for: plan.task(id)!, district: district) else { continue }
                if case .number(let old)? = fill.done[id], Decimal(old) != f.value {
                    findings.append(Finding(
                        code: .importReplaced, severity: .warning, task: id, district: district.name, file: path,
                        message: "\(district.name)任务\(id)的累计完成由\(CellValue.format(old))改为\(Quantity.format(f.value))（来自\(source)）"))
                }
                fill.done[id] = .number(f.value.double)
                if let target = row.target {
                    fill.status[id] = f.value <= 0 ? "未开工" : f.value >= target ? "已完成" : "推进中"
                } else {
                    fill.status[id] = f.value <= 0 ? "未开工" : "推进中"
                }
                fill.remark[id] = "来源：\(source) \(f.source)" + (f.original.map { "，原文“\($0)”" } ?? "")
            }
            if fill.filler == nil || fill.filler!.isEmpty { fill.filler = "牵头单位报表转换" }
            fill.phone = "—"
            fill.date = ExcelDateTime(year: result.period.year, month: result.period.month, day: 1)
            try TemplateWriter.write(plan: plan, district: district, options: TemplateOptions(period: result.period), fill: fill, to: path)
            paths.append(path)
        }
        return (paths, findings)
    }
}
