import Foundation

/// The committed transcription of a notice (`Samples/source/allocation-2021.json`): every cell as the
/// notice writes it, from which the sample workbook is generated.
public struct PlanSource: Codable, Hashable, Sendable {
    public struct Row: Codable, Hashable, Sendable {
        public var seq: String?
        public var name: String?
        public var target: String
        public var total: String?
        public var shares: [String?]
        public var span: Span?
        public var lead: String?
    }

    /// Free text covering district columns `from`…`to` (indexes into `districts`, -1 for 全市).
    public struct Span: Codable, Hashable, Sendable {
        public var text: String
        public var from: Int
        public var to: Int
    }

    public struct Section: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var hasProjectName: Bool
        public var rows: [Row]
    }

    public var title: String
    public var documentNumber: String?
    public var issuer: String?
    public var date: String?
    public var year: Int?
    /// The district headers as the notice writes them.
    public var districts: [String]
    public var sections: [Section]

    /// Reads a transcription.
    /// - Throws: `DomainError` naming the file when it is not valid JSON of this shape.
    public static func load(path: String) throws -> PlanSource {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(PlanSource.self, from: data)
        } catch let error as DecodingError {
            throw DomainError(
                file: path, message: "not a valid transcription of the allocation notice: \(error)",
                hint: "check it against Samples/source/allocation-2021.json",
                zh: "不是有效的分解任务转录文件：\(chinese(error))", zhHint: "请对照 Samples/source/allocation-2021.json 检查")
        } catch {
            throw DomainError(
                file: path, message: "cannot read the file: \(error.localizedDescription)", hint: "check the path",
                zh: "无法读取文件：\(DomainError.chineseReason(error))", zhHint: "请检查文件名和路径")
        }
    }

    /// What is wrong with the JSON and where, in Chinese (`sections[0].tasks[2] 缺少字段“name”`).
    private static func chinese(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            var s = ""
            for key in path {
                if let i = key.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + key.stringValue }
            }
            return s.isEmpty ? "最外层" : s
        }
        func kind(_ type: Any.Type) -> String {
            if type == String.self { return "文字" }
            if type == Int.self || type == Double.self { return "数字" }
            if type == Bool.self { return "true 或 false" }
            return "\(type)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath)) 缺少字段“\(key.stringValue)”"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)) 的值类型不对，应为\(kind(type))"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)) 没有值，应为\(kind(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "不是合法的 JSON" + (context.underlyingError.map { "（系统提示：\($0)）" } ?? "")
            }
            return "\(place(context.codingPath)) 的值无效（系统提示：\(context.debugDescription)）"
        @unknown default:
            return "格式不符（系统提示：\(error)）"
        }
    }
}
