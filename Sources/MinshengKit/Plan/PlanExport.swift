import Foundation

/// The typed plan as JSON or as long-form CSV.
public enum PlanExport {
    /// One JSON object: the plan's header fields and every task with its quantities typed.
    public static func json(_ plan: Plan) -> String {
        var out = "{\n"
        out += "  \"title\": \(JSON.quote(plan.title)),\n"
        if let n = plan.documentNumber { out += "  \"documentNumber\": \(JSON.quote(n)),\n" }
        if let y = plan.year { out += "  \"year\": \(y),\n" }
        out += "  \"districts\": [" + plan.districts.map { "{\"id\": \(JSON.quote($0.id)), \"name\": \(JSON.quote($0.name)), \"shortName\": \(JSON.quote($0.shortName))}" }.joined(separator: ", ") + "],\n"
        out += "  \"sections\": [\n"
        out += plan.sections.map { section in
            var s = "    {\"id\": \(JSON.quote(section.id)), \"title\": \(JSON.quote(section.title)), \"tasks\": [\n"
            s += section.tasks.map { task in
                var fields = ["\"id\": \(JSON.quote(task.id))"]
                if let seq = task.seq { fields.append("\"seq\": \(JSON.quote(seq))") }
                if let name = task.projectName { fields.append("\"projectName\": \(JSON.quote(name))") }
                fields.append("\"target\": \(JSON.quote(task.target))")
                if let unit = task.unit { fields.append("\"unit\": \(JSON.quote(unit))") }
                fields.append("\"leads\": [" + task.leads.map(JSON.quote).joined(separator: ", ") + "]")
                fields.append("\"total\": \(quantity(task.total))")
                fields.append("\"shares\": {" + plan.districts.map { "\(JSON.quote($0.id)): \(quantity(task.share($0)))" }.joined(separator: ", ") + "}")
                if let note = task.note { fields.append("\"note\": \(JSON.quote(note))") }
                return "      {" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ",\n")
            return s + "\n    ]}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    /// `{"kind": "number", "value": 8.1, "text": "8.1"}`; exact decimals are written as JSON numbers.
    static func quantity(_ q: Quantity) -> String {
        var fields = ["\"kind\": \(JSON.quote(q.kind))"]
        if let v = q.value { fields.append("\"value\": \(Quantity.format(v))") }
        if case .tagged(let entity, _) = q { fields.append("\"entity\": \(JSON.quote(entity))") }
        if q.isApproximate, q.kind != "approximate" { fields.append("\"approximate\": true") }
        fields.append("\"text\": \(JSON.quote(q.text))")
        return "{" + fields.joined(separator: ", ") + "}"
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
