import Foundation

/// How a departmental return's sheet maps onto the plan, saved as an editable YAML file that
/// `minsheng import --mapping` takes back next month.
///
/// Every entry keeps, beside its row number or column letter, the label it was made from (the district's
/// name, the task's text, the header). On reuse the labels decide: a row or column that moved is found
/// again by its label, and nothing is read from a position whose label no longer matches.
public struct ImportMapping: Sendable, Hashable {
    public enum Orientation: String, Sendable {
        case districtsAsColumns = "districts-as-columns"
        case districtsAsRows = "districts-as-rows"
        /// One row per district × task (地区 | 任务 | 完成数 …).
        case long
    }

    /// What a row or column stands for, and the label it was found by.
    public struct Entry: Sendable, Hashable {
        /// A district id or a task id.
        public var id: String
        /// The text at that position when the mapping was made; empty when a person added the entry by hand
        /// (then the position's label is taken as it is).
        public var label: String

        public init(id: String, label: String = "") {
            self.id = id
            self.label = label
        }
    }

    public static let formatVersion = "minsheng-import/2"

    public var sheet: String
    public var orientation: Orientation
    public var period: String?
    /// Header rows, one-based.
    public var headerRows: ClosedRange<Int>
    /// District axis: column letters (districts as columns) or one-based row numbers → district.
    /// Long layouts key it by the label itself.
    public var districts: [String: Entry]
    /// Task axis (the completion figures): one-based row numbers or column letters → task. Long layouts key
    /// it by the label itself.
    public var tasks: [String: Entry]
    /// Columns a department's 目标 stands in (districts as rows), by task: compared with the plan, never imported.
    public var targets: [String: Entry] = [:]
    /// Columns of 完成率, by task: cross-checked against 完成 ÷ 目标.
    public var rates: [String: Entry] = [:]
    /// Long layouts: the column of each role (`district`, `task`, `id`, `done`, `target`, `period`) by letter.
    public var columns: [String: String] = [:]
    /// Rows or columns deliberately left out, with the reason (合计, 备注, 目标列…).
    public var skip: [String: String]
    /// Comments to write beside entries (the district's name, the matched text and score).
    public var comments: [String: String] = [:]

    public init(
        sheet: String, orientation: Orientation, period: String?, headerRows: ClosedRange<Int>, districts: [String: Entry], tasks: [String: Entry],
        skip: [String: String]
    ) {
        self.sheet = sheet
        self.orientation = orientation
        self.period = period
        self.headerRows = headerRows
        self.districts = districts
        self.tasks = tasks
        self.skip = skip
    }

    /// Sort keys: columns by letter length then letters, rows numerically.
    static func ordered(_ keys: some Collection<String>) -> [String] {
        keys.sorted { a, b in
            if let x = Int(a), let y = Int(b) { return x < y }
            return (a.count, a) < (b.count, b)
        }
    }

    /// The mappings of one file as YAML.
    public static func yaml(_ mappings: [ImportMapping], source: String) -> String {
        var out = "# minsheng import mapping: edit it and pass it back with --mapping.\n"
        out += "# districts / tasks / targets / rates: row number or column letter → \"id | the label found there\";\n"
        out += "# on reuse each entry is found again by its label. skip: left out, with the reason.\n"
        out += "format: \(formatVersion)\nsource: \(quote(source))\n"
        for m in mappings {
            out += "---\nsheet: \(quote(m.sheet))\norientation: \(m.orientation.rawValue)\n"
            if let p = m.period { out += "period: \(quote(p))\n" }
            out += "header_rows: \(m.headerRows.lowerBound)-\(m.headerRows.upperBound)\n"
            if !m.columns.isEmpty {
                out += "columns:\n"
                for k in m.columns.keys.sorted() { out += "  \(quote(k)): \(quote(m.columns[k]!))\n" }
            }
            for (title, map) in [("districts", m.districts), ("tasks", m.tasks), ("targets", m.targets), ("rates", m.rates)] where !map.isEmpty || title == "districts" || title == "tasks" {
                out += "\(title):\n"
                for k in ordered(map.keys) {
                    let e = map[k]!
                    out += "  \(quote(k)): \(quote(e.label.isEmpty ? e.id : "\(e.id) | \(e.label)"))" + (m.comments["\(title).\(k)"].map { "  # \($0)" } ?? "") + "\n"
                }
            }
            out += "skip:\n"
            for k in ordered(m.skip.keys) { out += "  \(quote(k)): \(quote(m.skip[k]!))\n" }
        }
        return out
    }

    /// `P3 | 新建…` → (P3, 新建…); a bare `P3` has no label.
    static func entry(_ value: String) -> Entry {
        guard let bar = value.range(of: " | ") else { return Entry(id: value.trimmingCharacters(in: .whitespaces)) }
        return Entry(id: String(value[..<bar.lowerBound]).trimmingCharacters(in: .whitespaces), label: String(value[bar.upperBound...]))
    }

    private static func quote(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" } && !s.isEmpty && Int(s) == nil
        return plain ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Reads a mapping file (the YAML subset `yaml(_:source:)` writes: scalars, two-level maps, `---` documents).
    /// - Throws: `DomainError` naming the line that cannot be read.
    public static func parse(_ text: String, file: String) throws -> [ImportMapping] {
        var documents: [[String: Any]] = [[:]]
        var section: String?
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine))
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line == "---" {
                documents.append([:])
                section = nil
                continue
            }
            let indented = line.hasPrefix(" ")
            guard let colon = colonIndex(line) else {
                throw DomainError(
                    file: file, message: "line \(n + 1) of the mapping file cannot be read: \(rawLine)",
                    hint: "each line is `key: value`; nested entries are indented two spaces",
                    zh: "映射文件第\(n + 1)行无法识别：\(rawLine)", zhHint: "每行应写作“键: 值”，下级条目缩进两个空格")
            }
            let key = unquote(String(line[..<colon]).trimmingCharacters(in: .whitespaces))
            let value = unquote(String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            if indented {
                guard let section else {
                    throw DomainError(
                        file: file, message: "line \(n + 1) of the mapping file is indented but follows no section",
                        hint: "indent only the entries under a line `key:` that has no value",
                        zh: "映射文件第\(n + 1)行缩进有误", zhHint: "只有位于“键:”（冒号后无值）一行之下的条目才缩进")
                }
                var map = documents[documents.count - 1][section] as? [String: String] ?? [:]
                map[key] = value
                documents[documents.count - 1][section] = map
            } else if value.isEmpty {
                section = key
                documents[documents.count - 1][key] = [String: String]()
            } else {
                section = nil
                documents[documents.count - 1][key] = value
            }
        }
        if (documents.first?["format"] as? String) == "minsheng-import/1" {
            throw DomainError(
                file: file, message: "a mapping of the first format records no labels, so its positions cannot be checked",
                hint: "import once without --mapping to write a new mapping, and carry your edits over",
                zh: "映射文件是旧格式（minsheng-import/1），没有记录各行各列的标签，无法核对位置",
                zhHint: "请不带 --mapping 重新导入一次生成新的映射文件，再把原来的修改抄过去")
        }
        guard (documents.first?["format"] as? String) == formatVersion else {
            throw DomainError(
                file: file, message: "not a minsheng import mapping file (no format: \(formatVersion))",
                hint: "use a .mapping.yaml file written by minsheng import",
                zh: "不是minsheng的导入映射文件（缺少 format: \(formatVersion)）", zhHint: "请使用 minsheng import 生成的 .mapping.yaml 映射文件")
        }
        return try documents.dropFirst().map { d in
            guard let sheet = d["sheet"] as? String, let o = (d["orientation"] as? String).flatMap(Orientation.init(rawValue:)) else {
                throw DomainError(
                    file: file, message: "a table of the mapping file has no sheet or no valid orientation",
                    hint: "give each table a sheet and an orientation of districts-as-columns or districts-as-rows",
                    zh: "映射文件缺少 sheet 或 orientation，或 orientation 的值无效",
                    zhHint: "每个表格都须写明 sheet（工作表名称）和 orientation（districts-as-columns、districts-as-rows 或 long）")
            }
            func entries(_ key: String) -> [String: Entry] { (d[key] as? [String: String] ?? [:]).mapValues(entry) }
            let rows = (d["header_rows"] as? String ?? "1-1").split(separator: "-").compactMap { Int($0) }
            guard rows.count == 2, rows[0] >= 1, rows[1] >= rows[0] else {
                throw DomainError(
                    file: file, message: "header_rows must be written first-last, such as 2-3", zh: "header_rows 应写作 起始行-结束行，如 2-3")
            }
            var m = ImportMapping(
                sheet: sheet, orientation: o, period: d["period"] as? String, headerRows: rows[0]...rows[1],
                districts: entries("districts"), tasks: entries("tasks"), skip: d["skip"] as? [String: String] ?? [:])
            m.targets = entries("targets")
            m.rates = entries("rates")
            m.columns = d["columns"] as? [String: String] ?? [:]
            return m
        }
    }

    private static func stripComment(_ line: String) -> String {
        var inQuote = false
        var out = ""
        for c in line {
            if c == "\"" { inQuote.toggle() }
            if c == "#" && !inQuote { break }
            out.append(c)
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    private static func colonIndex(_ line: String) -> String.Index? {
        var inQuote = false
        for i in line.indices {
            if line[i] == "\"" { inQuote.toggle() }
            if line[i] == ":" && !inQuote { return i }
        }
        return nil
    }

    private static func unquote(_ s: String) -> String {
        guard s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") else { return s }
        return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
