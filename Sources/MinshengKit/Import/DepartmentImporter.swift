import Foundation
import XLSXCore
import XLSXReader

/// A figure taken from a departmental return.
public struct ImportedFigure: Sendable, Hashable {
    /// 累计完成 (a percent figure for percentage targets).
    public var value: Decimal
    /// The text as the department wrote it, when it was not a plain number.
    public var original: String?
    /// `Sheet!Cell` it came from.
    public var source: String
}

/// What an import found: figures by district and task, the mappings used, and what could not be placed.
public struct ImportResult: Sendable {
    public var file: String
    public var period: Period
    public var mappings: [ImportMapping]
    /// district id → task id → figure.
    public var figures: [String: [String: ImportedFigure]]
    public var findings: [Finding]
}

/// Converts returns that lead departments send in their own layouts into minsheng's figures.
public struct DepartmentImporter {
    public var plan: Plan
    public var matcher: TaskMatcher

    public init(plan: Plan) {
        self.plan = plan
        matcher = TaskMatcher(plan: plan)
    }

    /// Reads a departmental workbook.
    /// - Parameters:
    ///   - period: the reporting period; when nil it is read from a title such as 2021年6月, else from the mapping.
    ///   - mappings: mappings from an earlier run (`--mapping`): their labels decide, positions follow them.
    public func read(path: String, period: Period?, mappings given: [ImportMapping] = []) throws -> ImportResult {
        let book = try Workbook(path: path)
        let formats = try book.cellFormats()
        let percent = QuantityReader(formats: formats)
        var findings: [Finding] = []
        var mappings: [ImportMapping] = []
        var tables: [(SheetGrid, ImportMapping)] = []
        var foundPeriod = period
        for info in book.sheets where info.kind == .worksheet && info.state == .visible {
            let grid = try book.grid(of: info)
            var sink = FindingSink(file: path, sheet: info.name)
            let old = given.first { $0.sheet == info.name }
            let known = Dictionary((old?.districts.values ?? [:].values).filter { !$0.label.isEmpty }.map { (TextNormalizer.compact($0.label), $0.id) }, uniquingKeysWith: { a, _ in a })
            guard let table = detect(grid, known: known) else {
                if let old { sink.add(.importLabelMissing, .error, cell: nil, "映射文件中的工作表“\(old.sheet)”里找不到含各县（市、区）名称的表格，未导入") }
                findings += sink.findings
                continue
            }
            let mapping = old.map { reconcile(table, with: $0, grid, &sink) } ?? map(table, grid, &sink)
            if foundPeriod == nil { foundPeriod = (table.period ?? mapping.period).flatMap(Period.init) }
            tables.append((grid, mapping))
            mappings.append(mapping)
            findings += sink.findings
        }
        guard !mappings.isEmpty else {
            throw DomainError(
                file: path, message: "no table naming the districts was found, so nothing can be converted",
                hint: "the district names (南湖区, 秀洲区, …) must head the columns or the rows",
                zh: "没有找到含各县（市、区）名称的表格，无法转换", zhHint: "各县（市、区）名称（南湖区、秀洲区……）须作为列标题或行标题")
        }
        guard let p = foundPeriod else {
            throw DomainError(
                file: path, message: "cannot tell the reporting period: the title has no month such as 2021年6月",
                hint: "give it with --period 2021-06",
                zh: "无法确定报送期：标题中没有“2021年6月”这样的月份", zhHint: "请用 --period 2021-06 指定报送期")
        }
        var figures: [String: [String: ImportedFigure]] = [:]
        for i in mappings.indices {
            mappings[i].period = p.description
            var sink = FindingSink(file: path, sheet: mappings[i].sheet)
            apply(mappings[i], tables[i].0, percent, period: p, &sink, &figures)
            reportMissingDistricts(mappings[i], figures: figures, &sink)
            findings += sink.findings
        }
        return ImportResult(file: path, period: p, mappings: mappings, figures: figures, findings: findings)
    }

    static func isTotal(_ label: String) -> Bool { DistrictLabel.isTotal(label) }
    static let totals = DistrictLabel.totals

    /// Splits a leading task id from a label: `C23 组建体育社群` → (`C23`, `组建体育社群`).
    static func leadingID(_ text: String) -> (id: String, rest: String)? {
        let t = TextNormalizer.halfWidth(text).trimmingCharacters(in: .whitespaces)
        guard let m = t.range(of: #"^[PCpc]?\d+(\.\d+)?(?=[\s.、．:：]|$)"#, options: .regularExpression) else { return nil }
        let rest = t[m.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " .、．:：\t"))
        return (String(t[m]), rest)
    }
}
