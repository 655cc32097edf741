import Foundation
import XLSXCore
import XLSXReader

/// Where the parts of an allocation table are on a sheet.
struct TableLayout {
    var headerRows: ClosedRange<Int>
    var seqColumn: Int?
    var nameColumn: Int?
    var targetColumn: Int
    var totalColumn: Int?
    var leadColumn: Int?
    /// District id → column.
    var districtColumns: [String: Int]
    var title: String?
    var sectionID: String?
    var lastColumn: Int

    static func find(in grid: SheetGrid, districts: [District]) -> TableLayout? {
        let rows = min(grid.rowCount, 40)
        let columns = grid.columnCount
        guard rows > 0, columns > 0 else { return nil }
        var best: (row: Int, matches: [String: Int])?
        let index = DistrictIndex(districts)
        for r in 0..<rows {
            var matches: [String: Int] = [:]
            for c in 0..<columns {
                if let d = index.match(grid.text(r, c, throughMerges: true)), matches[d.id] == nil { matches[d.id] = c }
            }
            if matches.count >= 3, matches.count > best?.matches.count ?? 0 { best = (r, matches) }
        }
        guard let header = best else { return nil }
        // The header may be two or three rows (a group heading over the districts); look around it.
        let top = max(0, header.row - 2), bottom = min(rows - 1, header.row + 1)
        func column(_ test: (String) -> Bool) -> Int? {
            for c in 0..<columns where !header.matches.values.contains(c) {
                for r in top...bottom where test(TextNormalizer.compact(grid.text(r, c, throughMerges: true))) { return c }
            }
            return nil
        }
        let seq = column { $0 == "序号" || $0 == "编号" || $0 == "序" }
        let name = column { $0 == "项目名称" || $0 == "项目" || $0 == "实事项目" }
        let target = column { $0.contains("目标任务") || $0 == "任务" || $0.contains("建设内容") || $0.contains("任务内容") || $0.contains("目标") && !$0.contains("全市") }
        let total = column { ["全市", "全区", "全县", "合计", "总计", "全市目标", "全区目标", "全县目标"].contains($0) || $0.hasPrefix("全市合计") || $0.hasPrefix("全区合计") || $0.hasPrefix("全县合计") }
        let lead = column { $0.contains("牵头") || $0.contains("责任单位") || $0.contains("主管部门") }
        guard let targetColumn = target ?? name else { return nil }
        var headerEnd = header.row
        for r in header.row...bottom {
            let labels = (0..<columns).map { TextNormalizer.compact(grid.text(r, $0)) }
            if labels.contains(where: { $0 == "序号" || $0 == "全市" || $0 == "全区" || $0 == "全县" || $0.contains("牵头") || index.match($0) != nil }) { headerEnd = r }
        }
        var titleText: String?
        for r in stride(from: top - 1, through: 0, by: -1) {
            let t = (0..<columns).map { grid.text(r, $0) }.first { !$0.isEmpty }
            if let t, t.contains("民生") || t.contains("任务") || titleText == nil { titleText = t }
            if titleText != nil && (titleText!.contains("民生") || titleText!.contains("任务")) { break }
        }
        if titleText == nil, header.row > 0 {
            titleText = (0..<columns).map { grid.text(0, $0) }.first { !$0.isEmpty }
        }
        let hint = (titleText ?? "") + " " + grid.info.name
        let sectionID: String? = hint.contains("省政府") || hint.contains("省民生") ? "P" : hint.contains("市政府") || hint.contains("市民生") ? "C" : nil
        let used = [seq, name, targetColumn, total, lead].compactMap { $0 } + Array(header.matches.values)
        return TableLayout(
            headerRows: min(top, header.row)...headerEnd, seqColumn: seq, nameColumn: name == targetColumn ? nil : name, targetColumn: targetColumn,
            totalColumn: total, leadColumn: lead, districtColumns: header.matches, title: titleText, sectionID: sectionID, lastColumn: used.max() ?? targetColumn)
    }
}
