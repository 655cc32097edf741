/// One of the districts (县市区 and functional zones) a task is allocated to.
public struct District: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable ASCII key, such as `nanhu`.
    public let id: String
    /// The official name as the notice writes it: 南湖区, 嘉兴经济技术开发区（国际商务区）, 市本级.
    public let name: String
    /// The name used in narrow headers and file names: 南湖区, 经开区, 港区.
    public let shortName: String
    /// Other ways offices write it.
    public let aliases: [String]

    public init(id: String, name: String, shortName: String, aliases: [String]) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.aliases = aliases
    }

    public var description: String { name }

    /// The ten districts of 嘉政办发〔2021〕11号, in the notice's order.
    public static let jiaxing: [District] = [
        District(id: "nanhu", name: "南湖区", shortName: "南湖区", aliases: ["南湖"]),
        District(id: "xiuzhou", name: "秀洲区", shortName: "秀洲区", aliases: ["秀洲"]),
        District(id: "jiashan", name: "嘉善县", shortName: "嘉善县", aliases: ["嘉善"]),
        District(id: "pinghu", name: "平湖市", shortName: "平湖市", aliases: ["平湖"]),
        District(id: "haiyan", name: "海盐县", shortName: "海盐县", aliases: ["海盐"]),
        District(id: "haining", name: "海宁市", shortName: "海宁市", aliases: ["海宁"]),
        District(id: "tongxiang", name: "桐乡市", shortName: "桐乡市", aliases: ["桐乡"]),
        District(
            id: "jetdz", name: "嘉兴经济技术开发区（国际商务区）", shortName: "经开区",
            aliases: ["嘉兴经济技术开发区", "嘉兴经开区", "经济技术开发区", "经开区", "国际商务区", "嘉兴国际商务区", "经济开发区", "嘉兴经济开发区"]),
        District(id: "port", name: "嘉兴港区", shortName: "港区", aliases: ["港区", "嘉兴港", "乍浦港区", "嘉兴港区（乍浦）"]),
        District(id: "city", name: "市本级", shortName: "市本级", aliases: ["市级", "市直", "市本级部门", "本级"]),
    ]

    /// Finds the district a header or label names, ignoring white space, line breaks and the
    /// difference between full-width and half-width brackets.
    public static func match(_ text: String, in districts: [District] = jiaxing) -> District? {
        DistrictIndex(districts).match(text)
    }
}
