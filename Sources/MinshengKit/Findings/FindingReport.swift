/// Renders findings for people (text) and for machines (JSON).
public enum FindingReport {
    /// `{"findings": [...], "errors": N, "warnings": N}`.
    public static func json(_ findings: [Finding]) -> String {
        var out = "{\n  \"findings\": [\n"
        out += findings.map { f in
            var fields = ["\"code\": \(JSON.quote(f.code))", "\"severity\": \(JSON.quote(f.severity.rawValue))"]
            fields.append("\"task\": " + (f.task.map(JSON.quote) ?? "null"))
            fields.append("\"district\": " + (f.district.map(JSON.quote) ?? "null"))
            if let file = f.file { fields.append("\"file\": \(JSON.quote(file))") }
            fields.append("\"sheet\": " + (f.sheet.map(JSON.quote) ?? "null"))
            fields.append("\"cell\": " + (f.cell.map(JSON.quote) ?? "null"))
            fields.append("\"message\": \(JSON.quote(f.message))")
            return "    {" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        let errors = findings.filter { $0.severity == .error }.count
        out += (findings.isEmpty ? "" : "\n") + "  ],\n  \"errors\": \(errors),\n  \"warnings\": \(findings.count - errors)\n}\n"
        return out
    }

    /// One line per finding, then a summary line.
    public static func text(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let place = [f.location, f.task, f.district].compactMap { $0 }.joined(separator: " ")
            out += "\(f.severity == .error ? "错误" : "提示")[\(f.severity.label)] \(f.code) \(place): \(f.message)\n"
        }
        let errors = findings.filter { $0.severity == .error }.count
        out += "共 \(findings.count) 条：强制性 \(errors) 条，核实性 \(findings.count - errors) 条\n"
        return out
    }
}
