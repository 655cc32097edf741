import Foundation
import XLSXCore
import XLSXReader

/// Reads the task rows of one table.
struct TableReader {
    let grid: SheetGrid
    let layout: TableLayout
    let districts: [District]
    let quantities: QuantityReader
    let file: String?
    var findings: [Finding] = []

    private func finding(_ code: FindingCode, _ severity: Severity, task: String? = nil, district: String? = nil, row: Int, column: Int?, _ message: String) -> Finding {
        Finding(
            code: code, severity: severity, task: task, district: district, file: file, sheet: grid.info.name,
            cell: column.map { CellReference(row: row, column: $0).description }, message: message)
    }

    mutating func readTasks(sectionID: String) -> [PlanTask] {
        var tasks: [PlanTask] = []
        var currentSeq: String?
        var subCount = 0
        let figureColumns = ([layout.totalColumn].compactMap { $0 } + layout.districtColumns.values).sorted()
        let lastRow = grid.rowCount - 1
        guard lastRow > layout.headerRows.upperBound else { return [] }
        for r in (layout.headerRows.upperBound + 1)...lastRow {
            if grid.isBlankRow(r, columns: 0...max(layout.lastColumn, 0)) { continue }
            let seqText = layout.seqColumn.map { grid.text(r, $0) } ?? ""
            let target = grid.text(r, layout.targetColumn)
            let firstText = (0...layout.lastColumn).map { grid.text(r, $0) }.first { !$0.isEmpty } ?? ""
            let filled = (0...layout.lastColumn).filter { !grid.text(r, $0).isEmpty }
            if filled.count == 1 || grid.mergedRange(containing: CellReference(row: r, column: filled.first ?? 0)).map({ $0.columnCount > layout.lastColumn / 2 }) == true,
                firstText.hasPrefix("注") || firstText.hasPrefix("备注") || firstText.hasPrefix("说明") || firstText.hasPrefix("附")
            {
                continue  // a note under the table
            }
            if ["合计", "总计", "小计"].contains(TextNormalizer.compact(seqText)) || ["合计", "总计", "小计"].contains(TextNormalizer.compact(target)) { continue }

            let seqCovered = layout.seqColumn.flatMap { grid.mergedRange(containing: CellReference(row: r, column: $0)) }.map { $0.start.row < r } ?? false
            var seq: String?
            if !seqText.isEmpty && !seqCovered {
                guard let n = SequenceNumber.parse(seqText) else {
                    findings.append(finding(.planBadSequence, .error, row: r, column: layout.seqColumn, "序号“\(seqText)”不是数字，无法确定任务编号"))
                    continue
                }
                seq = String(n)
                currentSeq = seq
                subCount = 0
            }
            let id: String
            if let seq {
                id = sectionID + seq
            } else if let currentSeq {
                subCount += 1
                id = "\(sectionID)\(currentSeq).\(subCount)"
            } else {
                findings.append(finding(.planRowUnplaced, .error, row: r, column: layout.seqColumn ?? 0, "该行没有序号，也不在任何编号任务之下，无法归入任务"))
                continue
            }
            if target.isEmpty {
                findings.append(finding(.planNoTarget, .error, task: id, row: r, column: layout.targetColumn, "任务\(id)的目标任务为空"))
            }

            var shares: [String: Quantity] = [:]
            var note: String?
            var total = Quantity.blank
            for c in figureColumns {
                let ref = CellReference(row: r, column: c)
                if let merged = grid.mergedRange(containing: ref), merged.start.row == r, figureColumns.filter({ merged.contains(CellReference(row: r, column: $0)) }).count > 1 {
                    note = grid.text(merged.start.row, merged.start.column)
                    continue
                }
                let q = quantities.quantity(grid.cell(row: r, column: c))
                let district = layout.districtColumns.first { $0.value == c }.flatMap { id in districts.first { $0.id == id.key } }
                if case .text(let t) = q {
                    findings.append(finding(
                        .planUnreadableQuantity, .error, task: id, district: district?.name, row: r, column: c,
                        "“\(t)”不是可识别的数量（应为数字、百分数、约数、“万”计数或“/”）"))
                }
                if c == layout.totalColumn { total = q } else if let district { shares[district.id] = q }
            }
            let leadText = layout.leadColumn.map { grid.text(r, $0, throughMerges: true) } ?? ""
            let leads = PlanTask.splitLeads(leadText)
            let name = layout.nameColumn.map { grid.text(r, $0, throughMerges: true) }.flatMap { $0.isEmpty ? nil : $0 }
            let location = TaskLocation(
                sheet: grid.info.name, row: r, totalColumn: layout.totalColumn, districtColumns: layout.districtColumns,
                seqColumn: layout.seqColumn, leadColumn: layout.leadColumn, targetColumn: layout.targetColumn)
            var task = PlanTask(
                id: id, seq: seq, projectName: name, target: target, unit: nil, leads: leads, total: total, shares: shares, note: note,
                location: location)
            if !task.isHeading { task.unit = TargetText.unit(of: target, total: total) }
            tasks.append(task)
        }
        return tasks
    }
}

extension PlanTask {
    /// Splits a 牵头单位 cell into departments: one per line, or separated by 、，,；;.
    public static func splitLeads(_ text: String) -> [String] {
        text.split(whereSeparator: { "\n\r、，,；; ".contains($0) }).map { String($0) }.filter { !$0.isEmpty }
    }
}
