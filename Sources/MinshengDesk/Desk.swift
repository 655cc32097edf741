import Foundation
import MinshengKit

/// How the desk is started (`minsheng-server`'s options).
public struct DeskConfiguration: Sendable {
    public var planPath: String
    public var period: Period
    /// The folder of the database and the stored files.
    public var dataFolder: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// The largest upload accepted, in bytes.
    public var maxUpload = 20 << 20
    /// The office's password; nil keeps the stored one, or makes one the first time.
    public var officePassword: String?
    /// Last round's summary (JSON or workbook) or folder of returns, for 表间审核.
    public var previous: String?
    /// The address districts reach the desk at, for the links printed (`http://10.1.2.3:8080`).
    public var publicURL: String?

    public init(planPath: String, period: Period, dataFolder: String) {
        self.planPath = planPath
        self.period = period
        self.dataFolder = dataFolder
    }
}

/// The web desk: the round, the office's access and the secret its form tokens are made with.
public final class Desk: Sendable {
    public let round: DeskRound
    public let configuration: DeskConfiguration
    let office: OfficeAccess
    let secret: String
    /// Uploads read and checked at once: four per core.
    let uploads = UploadGate(slots: 4 * ProcessInfo.processInfo.activeProcessorCount)
    /// The token programs give to read the office's API (`Authorization: Bearer …`), printed at start and shown
    /// on the office page.
    public let apiToken: String

    /// The office password made at this start, when none was given or stored: printed once, kept only hashed.
    public let madePassword: String?

    /// Opens the data folder (made if new) and the round of the plan and period.
    /// - Throws: `DomainError` or the reader's error when the plan cannot be read; the database's error.
    public init(_ config: DeskConfiguration) throws {
        configuration = config
        let fm = FileManager.default
        try fm.createDirectory(atPath: config.dataFolder, withIntermediateDirectories: true)
        let store = try DeskStore(path: config.dataFolder + "/desk.sqlite")
        let vault = try FileVault(root: config.dataFolder + "/files")
        let scratch = config.dataFolder + "/scratch"
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        let planBytes = Array(try Data(contentsOf: URL(fileURLWithPath: config.planPath)))
        let read = try PlanReader().read(path: config.planPath)
        let planSHA = try vault.store(planBytes)
        let planName = URL(fileURLWithPath: config.planPath).lastPathComponent
        let planFindings = (read.findings + PlanChecker().check(read.plan)).map { f in
            var f = f
            f.file = planName
            return f
        }
        secret = try store.setting("form-secret") { Secrets.token() }
        apiToken = try store.setting("office-api-token") { Secrets.token() }
        var made: String?
        if let given = config.officePassword {
            try store.setSetting("office-password", OfficeAccess.hash(given))
        } else if try store.setting("office-password") == nil {
            let fresh = String(Secrets.token().prefix(16))
            try store.setSetting("office-password", OfficeAccess.hash(fresh))
            made = fresh
        }
        madePassword = made
        office = OfficeAccess(passwordHash: try store.setting("office-password")!)
        let links = try store.links(for: read.plan.districts)
        let roundID = try store.round(period: config.period, planSHA256: planSHA, planName: planName)
        let previous = try config.previous.map {
            try Consolidator(plan: read.plan, period: config.period, generatedAt: "").previousFigures(from: $0)
        } ?? [:]
        round = try DeskRound(
            plan: read.plan, period: config.period, planFindings: planFindings, links: links, roundID: roundID, store: store,
            vault: vault, scratch: scratch, previous: previous)
    }

    /// The address printed in the links: the public URL given, else the host and port the desk listens on.
    public func origin(port: Int) -> String {
        if let url = configuration.publicURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let host = configuration.host == "0.0.0.0" || configuration.host == "::" ? "本机地址" : configuration.host
        return "http://\(host):\(port)"
    }

    /// What the desk prints when it starts: every district's link, and the office's page.
    public func startMessage(port: Int) -> String {
        let origin = origin(port: port)
        var out = "minsheng 报送服务已启动：\(round.plan.title)，\(round.period.chinese)\n"
        out += "市民生实事办公室：\(origin)/office\n"
        if let madePassword { out += "办公室密码（仅显示这一次，请妥善保管）：\(madePassword)\n" }
        out += "办公室数据接口令牌（供程序读取汇总数据，勿外传）：\(apiToken)\n"
        out += "各地区报送链接（请分别发给各地区，勿外传）：\n"
        for link in round.links { out += "  \(link.district.name)：\(origin)/d/\(link.token)\n" }
        return out
    }
}
