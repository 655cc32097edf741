import Foundation
import XLSXCore
import XLSXReader

/// The areas an allocation table divides its tasks among, read from its header when they are not
/// Jiaxing's districts: another city's counties, or a district's towns and streets (乡镇、街道). A header
/// row names at least three areas, each in its own cell, ending as areas' names end (区、县、市、镇、乡、
/// 街道、开发区…); the total column (全市、全区、合计…) is not one of them.
enum AreaHeader {
    private static let endings = ["区", "县", "市", "镇", "乡", "街道", "开发区", "新区", "园区", "港区", "本级", "管委会", "度假区", "农场", "社区"]
    private static let notAreas = ["单位", "目标", "任务", "合计", "总计", "项目", "序号", "编号", "备注", "说明"]

    /// The areas of the row naming most of them among the first 40, in column order; nil when no row names three.
    static func discover(in grid: SheetGrid) -> [District]? {
        var best: [String]?
        for r in 0..<min(grid.rowCount, 40) {
            var names: [String] = []
            for c in 0..<grid.columnCount {
                let name = TextNormalizer.compact(grid.text(r, c, throughMerges: true))
                if isArea(name), !names.contains(name) { names.append(name) }
            }
            if names.count >= 3, names.count > best?.count ?? 0 { best = names }
        }
        return best?.map(district)
    }

    static func isArea(_ name: String) -> Bool {
        // 全市, 全区, 全县… are the total, not an area; 全州县 is an area.
        let totals = ["全市", "全区", "全县", "全镇", "全乡"]
        guard (2...24).contains(name.count), !totals.contains(where: { name.hasPrefix($0) }), endings.contains(where: { name.hasSuffix($0) }) else { return false }
        return !notAreas.contains { name.contains($0) } && !name.allSatisfy(\.isASCII)
    }

    /// An area as a `District`: a stable id from its name (the same in every run, so templates and
    /// returns of the plan agree), and a short name without a bracketed part.
    static func district(_ name: String) -> District {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 {
            hash ^= UInt64(b)
            hash &*= 0x100_0000_01b3
        }
        let short = name.replacingOccurrences(of: #"[（(].*[）)]"#, with: "", options: .regularExpression)
        return District(id: "area-" + String(hash, radix: 16).prefix(10), name: name, shortName: short.isEmpty ? name : short,
                        aliases: short.isEmpty || short == name ? [] : [short])
    }
}
