/// Renders findings for people (text) and for machines (JSON).
public enum FindingReport {
    private struct Report: Encodable {
        var findings: [Finding]
        var errors: Int
        var warnings: Int
    }

    /// `{"errors": N, "findings": [...], "warnings": N}`.
    public static func json(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        return JSON.encode(Report(findings: findings, errors: errors, warnings: findings.count - errors))
    }

    /// One line per finding (`错误[强制性] 填报!D5 P3 南湖区 未填累计完成：… [RETURN_MISSING_VALUE]`), then a summary line.
    public static func text(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let place = [f.location, f.task, f.district].compactMap { $0 }.joined(separator: " ")
            out += "\(f.severity == .error ? "错误" : "提示")[\(f.severity.label)] \(place.isEmpty ? "" : place + " ")\(f.code.title)：\(f.message) [\(f.code.rawValue)]\n"
        }
        let errors = findings.filter { $0.severity == .error }.count
        out += "共 \(findings.count) 条：强制性 \(errors) 条，核实性 \(findings.count - errors) 条\n"
        return out
    }
}
