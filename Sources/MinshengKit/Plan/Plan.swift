import Foundation
import XLSXCore

/// The allocation plan of a year's livelihood projects: the master every return is checked against.
public struct Plan: Hashable, Sendable {
    public var title: String
    /// 嘉政办发〔2021〕11号.
    public var documentNumber: String?
    public var issuer: String?
    /// ISO date of the notice, `2021-03-16`.
    public var date: String?
    public var year: Int?
    public var districts: [District]
    public var sections: [PlanSection]
    /// 时间节点 the city gives every district, by task id (from the plan's 时间节点 sheet).
    public var milestones: [String: PlanMilestones] = [:]

    public init(title: String, documentNumber: String? = nil, issuer: String? = nil, date: String? = nil, year: Int? = nil, districts: [District] = District.jiaxing, sections: [PlanSection]) {
        self.title = title
        self.documentNumber = documentNumber
        self.issuer = issuer
        self.date = date
        self.year = year
        self.districts = districts
        self.sections = sections
    }

    /// Every task of every section, in order.
    public var tasks: [PlanTask] { sections.flatMap(\.tasks) }

    /// The task with this id.
    public func task(_ id: String) -> PlanTask? { tasks.first { $0.id == id } }

    /// The tasks that assign something to a district (a figure, percentage or tagged share).
    public func tasks(for district: District) -> [PlanTask] {
        tasks.filter { $0.share(district).isAssigned }
    }
}

/// One allocation table: 省政府十方面民生实事嘉兴市分解任务 (`P`) or 市政府民生实事分解任务 (`C`).
public struct PlanSection: Hashable, Sendable {
    /// The letter task ids start with.
    public var id: String
    public var title: String
    public var tasks: [PlanTask]
    /// Where the table was read from.
    public var sheet: String?

    public init(id: String, title: String, tasks: [PlanTask], sheet: String? = nil) {
        self.id = id
        self.title = title
        self.tasks = tasks
        self.sheet = sheet
    }
}

/// Where a task's cells are in the workbook it was read from.
public struct TaskLocation: Hashable, Sendable {
    public var sheet: String
    /// Zero-based row.
    public var row: Int
    /// Zero-based columns of 全市 and of each district (by district id).
    public var totalColumn: Int?
    public var districtColumns: [String: Int]
    public var seqColumn: Int?
    public var leadColumn: Int?
    public var targetColumn: Int?

    /// `Sheet` cell reference of a column in the task's row.
    public func cell(_ column: Int?) -> String? {
        guard let column else { return nil }
        return CellReference(row: row, column: column).description
    }
}

/// One task of the plan: a row of the allocation table.
public struct PlanTask: Hashable, Sendable, Identifiable {
    /// `P3` for 序号 3 of the provincial table, `P3.1` for its first unnumbered sub-row, `C6` for the city table.
    public var id: String
    /// The 序号 as written, nil for a sub-row.
    public var seq: String?
    /// 项目名称 (city table).
    public var projectName: String?
    /// 目标任务.
    public var target: String
    /// The unit the target is counted in (家, 个, 公里, …), when the text says.
    public var unit: String?
    /// 牵头单位, one or more.
    public var leads: [String]
    /// 全市.
    public var total: Quantity
    /// Each district's share, by district id; a district missing here is blank.
    public var shares: [String: Quantity]
    /// Text that spans the district columns instead of figures.
    public var note: String?
    /// Where the task was read from, when it came from a workbook.
    public var location: TaskLocation?

    public init(id: String, seq: String?, projectName: String?, target: String, unit: String?, leads: [String], total: Quantity, shares: [String: Quantity], note: String? = nil, location: TaskLocation? = nil) {
        self.id = id
        self.seq = seq
        self.projectName = projectName
        self.target = target
        self.unit = unit
        self.leads = leads
        self.total = total
        self.shares = shares
        self.note = note
        self.location = location
    }

    /// A district's share.
    public func share(_ district: District) -> Quantity { shares[district.id] ?? .blank }

    /// Whether the task is a heading with figures only on its sub-rows.
    public var isHeading: Bool { total == .blank && shares.values.allSatisfy { $0 == .blank } && note == nil }
}

/// Reading units and stated figures from the 目标任务 text.
public enum TargetText {
    /// Units the notice counts in, longest first so 公里 wins over 里.
    public static let units = ["万平方米", "平方米", "公里", "家", "个", "所", "户", "人", "支", "条", "次", "场", "辆", "座", "间", "张", "名", "处", "套", "项", "台", "件", "块", "只", "米", "亩", "吨", "%"]

    /// The unit a task is counted in: `%` when its city-wide target is a percentage, else the unit of
    /// the last figure the text states (`组建11个…车队，车队规模1500辆` → 辆), rates (`每学期1次`) excluded.
    public static func unit(of text: String, total: Quantity = .blank) -> String? {
        if total.isPercentage { return "%" }
        return figures(in: text).last { !$0.isRate && !$0.unit.isEmpty }?.unit
    }

    /// The figure the text states for the whole city, when it states one (`全市…29家` → 29 家).
    ///
    /// Only text that says 全市 states a city-wide figure; a rate (`每学期开展1次`) is not one.
    public static func statedCityFigure(in text: String) -> (quantity: Quantity, unit: String)? {
        guard let city = text.range(of: "全市") else { return nil }
        return figures(in: String(text[city.upperBound...])).first { !$0.isRate }.map { ($0.quantity, $0.unit) }
    }

    struct Figure {
        var quantity: Quantity
        var unit: String
        var isRate: Bool
    }

    /// Every `number[万] unit` in the text, in order.
    static func figures(in raw: String) -> [Figure] {
        let text = Array(TextNormalizer.halfWidth(raw))
        var result: [Figure] = []
        var i = 0
        while i < text.count {
            guard text[i].isASCII, text[i].isNumber, i == 0 || !(text[i - 1].isASCII && (text[i - 1].isNumber || text[i - 1] == ".")) else {
                i += 1
                continue
            }
            var j = i
            while j < text.count, text[j].isASCII, text[j].isNumber || text[j] == "." { j += 1 }
            let number = String(text[i..<j])
            var k = j
            var multiplier = 1
            if k < text.count, let m = Quantity.multipliers[String(text[k])], text[k] != "百" && text[k] != "千" {
                multiplier = m
                k += 1
            }
            let rest = String(text[k...])
            // A figure with a multiplier needs no unit word: 约3万孕妇 states 3万 (people).
            let unit = units.first(where: { rest.hasPrefix($0) }) ?? (multiplier > 1 ? "" : nil)
            if let unit, let d = Decimal(fileText: number) {
                let approximate = i > 0 && text[i - 1] == "约"
                var q: Quantity = unit == "%" ? .percentage(d) : multiplier == 1 ? .number(d) : .scaled(d, multiplier: multiplier)
                if approximate { q = .approximate(q) }
                let before = String(text[max(0, i - 6)..<i])
                result.append(Figure(quantity: q, unit: unit, isRate: before.contains("每")))
                i = k + unit.count
            } else {
                i = k
            }
        }
        return result
    }
}
