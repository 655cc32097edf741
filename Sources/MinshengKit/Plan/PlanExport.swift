import Foundation
import XLSXCore

/// The typed plan as JSON or as long-form CSV.
public enum PlanExport {
    private struct PlanJSON: Encodable {
        struct DistrictJSON: Encodable { var id, name, shortName: String }
        struct SectionJSON: Encodable {
            var id, title: String
            var tasks: [TaskJSON]
        }
        struct TaskJSON: Encodable {
            var id: String
            var seq, projectName: String?
            var target: String
            var unit: String?
            var leads: [String]
            var total: QuantityJSON
            var shares: [String: QuantityJSON]
            var note: String?
        }
        var title: String
        var documentNumber: String?
        var year: Int?
        var districts: [DistrictJSON]
        var sections: [SectionJSON]
    }

    /// `{"kind": "number", "value": 8.1, "text": "8.1"}`; exact decimals are written as JSON numbers.
    struct QuantityJSON: Encodable {
        var kind: String
        var value: Decimal?
        var entity: String?
        var approximate: Bool?
        var text: String

        init(_ q: Quantity) {
            kind = q.kind
            value = q.value
            if case .tagged(let e, _) = q { entity = e }
            approximate = q.isApproximate && q.kind != "approximate" ? true : nil
            text = q.text
        }
    }

    /// One JSON object: the plan's header fields and every task with its quantities typed.
    public static func json(_ plan: Plan) -> String {
        JSON.encode(PlanJSON(
            title: plan.title, documentNumber: plan.documentNumber, year: plan.year,
            districts: plan.districts.map { .init(id: $0.id, name: $0.name, shortName: $0.shortName) },
            sections: plan.sections.map { section in
                .init(id: section.id, title: section.title, tasks: section.tasks.map { task in
                    .init(
                        id: task.id, seq: task.seq, projectName: task.projectName, target: task.target, unit: task.unit, leads: task.leads,
                        total: QuantityJSON(task.total),
                        shares: Dictionary(uniqueKeysWithValues: plan.districts.map { ($0.id, QuantityJSON(task.share($0))) }), note: task.note)
                })
            }))
    }

    /// Long form: one line per task × (全市 and each district), UTF-8 with a BOM for Excel.
    public static func csv(_ plan: Plan) -> String {
        var out = "\u{FEFF}task,district,kind,value,text,unit,lead_departments\r\n"
        for task in plan.tasks {
            let leads = task.leads.joined(separator: "、")
            var cells: [(String, Quantity)] = [("全市", task.total)]
            cells += plan.districts.map { ($0.name, task.share($0)) }
            for (district, q) in cells {
                let row = [task.id, district, q.kind, q.value.map(Quantity.format) ?? "", q.text, task.unit ?? "", leads]
                out += DelimitedText.line(row)
            }
        }
        return out
    }
}
