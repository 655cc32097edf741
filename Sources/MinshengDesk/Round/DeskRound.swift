import Foundation
import MinshengKit
import NIOPosix

/// The round the desk runs: one plan and one period, its districts' links, and what was handed in.
///
/// Reading and checking a file, and every database write, run on NIO's blocking thread pool, never on the
/// event loop or the concurrency pool.
public final class DeskRound: Sendable {
    public let plan: Plan
    public let period: Period
    /// What `plan check` finds in the plan.
    public let planFindings: [Finding]
    public let links: [DistrictLink]
    let roundID: Int64
    let store: DeskStore
    let vault: FileVault
    let scratch: String
    let previous: [String: [String: Decimal]]
    private let summaries = SummaryCache()

    init(plan: Plan, period: Period, planFindings: [Finding], links: [DistrictLink], roundID: Int64, store: DeskStore, vault: FileVault, scratch: String, previous: [String: [String: Decimal]]) {
        self.plan = plan
        self.period = period
        self.planFindings = planFindings
        self.links = links
        self.roundID = roundID
        self.store = store
        self.vault = vault
        self.scratch = scratch
        self.previous = previous
    }

    /// Runs blocking work (file and database I/O, reading workbooks) on the thread pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// The district whose token this is; every token is compared, in constant time, whatever matches.
    public func district(token: String) -> District? {
        var found: District?
        for link in links where Secrets.equal(link.token, token) { found = link.district }
        return found
    }

    public func district(id: String) -> District? { plan.districts.first { $0.id == id } }

    // MARK: Receiving

    /// Keeps a file a district handed in and checks it: the file is stored and synced, then the row that names
    /// it is committed; only then does the caller acknowledge it.
    public func receive(_ bytes: [UInt8], name: String, from district: District, via: String) async throws -> Submission {
        let name = DeskRound.cleanName(name)
        let (plan, period, roundID, store, vault) = (plan, period, roundID, store, vault)
        return try await DeskRound.blocking {
            let sha = try vault.store(bytes)
            let path = vault.path(of: sha)
            var submission = Submission(
                id: 0, roundID: roundID, districtID: district.id, sha256: sha, size: bytes.count, originalName: name,
                receivedAt: DeskClock.now(), via: via, verdict: .accepted, reason: nil, errors: 0, warnings: 0, findingsJSON: "")
            var findings: [Finding]
            do {
                let file = Consolidator.SubmittedFile(path: path, handedInBy: district)
                let r = try Consolidator.check(file, with: ReturnChecker(plan: plan, expectedPeriod: period))
                findings = r.findings
                if let found = r.district, found != district {
                    submission.verdict = .otherDistrict
                    submission.reason = "本表是\(found.name)的报表，而这是\(district.name)的报送链接"
                } else if !r.isAttributable {
                    submission.verdict = .unattributable
                    submission.reason = r.findings.first { $0.severity == .error }?.message
                } else if let p = r.period, p != period {
                    submission.verdict = .otherPeriod
                    submission.reason = "本表报送期为\(p.chinese)，本轮为\(period.chinese)"
                }
            } catch {
                let reason = Consolidator.unreadableReason(name, error)
                submission.verdict = .unreadable
                submission.reason = reason
                findings = [Finding(code: .consolidateUnreadable, severity: .error, district: district.name, message: "收到但无法读取：\(reason)")]
            }
            findings = findings.map { f in
                var f = f
                if f.file == path { f.file = name }
                return f
            }
            submission.errors = findings.filter { $0.severity == .error }.count
            submission.warnings = findings.count - submission.errors
            submission.findingsJSON = FindingReport.json(findings)
            return try store.add(submission)
        }
    }

    /// A file name as a page may show it: the last path component, without control characters, at most 200 characters.
    static func cleanName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "未命名文件" : String(clean.prefix(200))
    }

    // MARK: Reading back

    public func submissions(of district: District? = nil) async throws -> [Submission] {
        let (store, roundID) = (store, roundID)
        return try await DeskRound.blocking { try store.submissions(round: roundID, district: district?.id) }
    }

    /// A submission of this round, when it is the district's own (any district's for the office: nil).
    public func submission(_ id: Int64, of district: District?) async throws -> Submission? {
        let (store, roundID) = (store, roundID)
        guard let s = try await DeskRound.blocking({ try store.submission(id: id) }), s.roundID == roundID else { return nil }
        if let district, s.districtID != district.id { return nil }
        return s
    }

    /// The stored bytes of a submission.
    public func bytes(of s: Submission) async throws -> [UInt8] {
        let path = vault.path(of: s.sha256)
        return try await DeskRound.blocking { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    }

    /// The district's fill-in template for this round.
    public func template(for district: District) async throws -> [UInt8] {
        let (plan, period) = (plan, period)
        return try await written { path in
            try TemplateWriter.write(plan: plan, district: district, options: TemplateOptions(period: period), to: path)
        }
    }

    /// The copy of a submission with its findings marked, to send back to the district.
    public func feedback(for s: Submission) async throws -> [UInt8] {
        let (plan, period, source) = (plan, period, vault.path(of: s.sha256))
        let district = self.district(id: s.districtID)
        let findings = s.findings
        return try await written { path in
            try FeedbackWriter.write(source: source, findings: findings, to: path, plan: plan, district: district, period: period)
        }
    }

    /// What changed from one submission to another, as `minsheng diff` prints it.
    public func diff(_ a: Submission, _ b: Submission) async throws -> (text: String, equal: Bool) {
        let (pa, pb) = (vault.path(of: a.sha256), vault.path(of: b.sha256))
        return try await DeskRound.blocking {
            let report = try VersionDiff.compare(old: pa, new: pb)
            let text = DiffOutput.text(report, color: false)
                .replacingOccurrences(of: pa, with: a.displayName).replacingOccurrences(of: pb, with: b.displayName)
            return (text, report.isEqual)
        }
    }

    /// Bytes a library writer put in a file: written in the desk's scratch folder, read and removed.
    func written(_ write: @escaping @Sendable (String) throws -> Void) async throws -> [UInt8] {
        let path = "\(scratch)/\(UUID().uuidString).xlsx"
        return try await DeskRound.blocking {
            defer { try? FileManager.default.removeItem(atPath: path) }
            try write(path)
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    // MARK: The summary

    /// The round consolidated as `consolidate` does, from every submission, the latest accepted one of each
    /// district counting; made again only when something new was handed in, and kept in the database.
    public func summary() async throws -> Consolidation {
        let (store, roundID) = (store, roundID)
        let through = try await DeskRound.blocking { try store.latestSubmission(round: roundID) }
        return try await summaries.value(through: through) { [self] in try await self.consolidate() }
    }

    private func consolidate() async throws -> Consolidation {
        let subs = try await submissions()
        let (plan, period, vault, previous, store, roundID) = (plan, period, vault, previous, store, roundID)
        let districts = Dictionary(uniqueKeysWithValues: plan.districts.map { ($0.id, $0) })
        return try await DeskRound.blocking {
            let files = subs.map { s in
                Consolidator.SubmittedFile(path: vault.path(of: s.sha256), handedInBy: districts[s.districtID], received: Int(s.id))
            }
            var c = Consolidator(plan: plan, period: period, generatedAt: DeskClock.now()).run(files: files, previous: previous)
            c.renameFiles(records: subs.map(\.displayName), paths: Dictionary(subs.map { (vault.path(of: $0.sha256), $0.displayName) }, uniquingKeysWith: { _, later in later }))
            try store.keepSummary(round: roundID, through: subs.last?.id ?? 0, json: ConsolidationExport.json(c))
            return c
        }
    }

    /// The summary workbook leaders read, as `consolidate --out` writes it.
    public func summaryWorkbook() async throws -> [UInt8] {
        let c = try await summary()
        return try await written { path in try ConsolidatedWorkbook.write(c, to: path) }
    }
}

/// The latest summary, made once per new submission however many ask at once.
private actor SummaryCache {
    private var made: (through: Int64, task: Task<Consolidation, Error>)?

    func value(through: Int64, make: @escaping @Sendable () async throws -> Consolidation) async throws -> Consolidation {
        if let made, made.through == through { return try await made.task.value }
        let task = Task { try await make() }
        made = (through, task)
        do {
            return try await task.value
        } catch {
            if made?.through == through { made = nil }
            throw error
        }
    }
}

extension Consolidation {
    /// Names files as the desk shows them: each record by its submission, and every other mention of a stored file.
    mutating func renameFiles(records names: [String], paths: [String: String]) {
        for i in records.indices where i < names.count { records[i].file = names[i] }
        for i in findings.indices { if let f = findings[i].file, let n = paths[f] { findings[i].file = n } }
        for i in sites.indices { if let n = paths[sites[i].file] { sites[i].file = n } }
        for t in tasks.indices {
            for d in tasks[t].districts.indices {
                if let f = tasks[t].districts[d].leftOutBecause?.file, let n = paths[f] { tasks[t].districts[d].leftOutBecause?.file = n }
            }
        }
    }
}
