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
            throw DomainError(file: path, message: "不是有效的分解任务转录文件：\(error)", hint: "check it against Samples/source/allocation-2021.json")
        } catch {
            throw DomainError(file: path, message: "无法读取文件：\(error.localizedDescription)")
        }
    }
}
