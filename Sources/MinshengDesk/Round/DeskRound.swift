import Foundation
import MinshengKit
import NIOPosix
import XLSXCore
import XLSXWriter
import Synchronization

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
    /// One checker for the round (it works out the plan's fingerprint and district index once).
    private let checker: ReturnChecker
    private var consolidator: Consolidator { Consolidator(plan: plan, period: period, generatedAt: DeskClock.now()) }
    /// The order of the next upload to arrive.
    private let arrivals: Atomic<Int>
    /// Each stored file checked for a district, by `sha256|district`: a file is read once, not at every summary.
    private let checks = Locked<[String: Result<CheckedReturn, Error>]>([:])

    init(plan: Plan, period: Period, planFindings: [Finding], links: [DistrictLink], roundID: Int64, store: DeskStore, vault: FileVault, scratch: String, previous: [String: [String: Decimal]]) throws {
        arrivals = Atomic(try store.lastReceivedOrder())
        checker = ReturnChecker(plan: plan, expectedPeriod: period)
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
        let order = arrivals.add(1, ordering: .sequentiallyConsistent).newValue
        let receivedAt = DeskClock.now()
        let (roundID, store, vault, checker, consolidator) = (roundID, store, vault, checker, consolidator)
        return try await DeskRound.blocking { [self] in
            let sha = try vault.store(bytes)
            let path = vault.path(of: sha)
            var submission = Submission(
                id: 0, roundID: roundID, districtID: district.id, receivedOrder: order, sha256: sha, size: bytes.count, originalName: name,
                receivedAt: receivedAt, via: via, verdict: .accepted, reason: nil, errors: 0, warnings: 0, findingsJSON: "")
            let result = Result { try Consolidator.check(Consolidator.SubmittedFile(path: path, handedInBy: district), with: checker) }
            // A file the reader refuses is the file's fault, kept as 无法读取; anything else (the disk, memory)
            // is the server's: nothing is stored, and the district is told to send it again.
            if case .failure(let error) = result, !DeskRound.isFileFault(error) { throw error }
            checks.withLock { $0[sha + "|" + district.id] = result }
            // Judged as the summary judges it (`Consolidator.judge`), with the link's own words for another district's return.
            let findings: [Finding]
            switch result {
            case .success(let checked):
                let r = checked.renamed(name)
                findings = r.findings
                let (outcome, reason) = consolidator.judge(r)
                submission.reason = reason
                switch outcome {
                case .used: break
                case .otherPeriod: submission.verdict = .otherPeriod
                default:
                    if let found = r.district, found != district {
                        submission.verdict = .otherDistrict
                        submission.reason = "本表是\(found.name)的报表，而这是\(district.name)的报送链接"
                    } else {
                        submission.verdict = .unattributable
                    }
                }
            case .failure(let error):
                let unreadable = Consolidator.unreadable(name, error, district: district)
                submission.verdict = .unreadable
                submission.reason = unreadable.reason
                findings = [unreadable.finding]
            }
            submission.errors = findings.filter { $0.severity == .error }.count
            submission.warnings = findings.count - submission.errors
            submission.findingsJSON = FindingReport.json(findings)
            return try store.add(submission)
        }
    }

    /// Whether a reading error is the file's (a damaged or hostile workbook, one the reader refuses, said in
    /// Chinese) rather than the server's (a disk or system error), which must not be kept as the file's verdict.
    static func isFileFault(_ error: Error) -> Bool {
        // The reader's own disk errors (the stored file gone or unreadable) are said in Chinese too, but are the server's.
        if let e = error as? XLSXError, e.code == .ioError || e.code == .fileNotFound { return false }
        return error is ChineseDescribable
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

    /// Every district's template for this round in one zip, named as `minsheng template` names them.
    public func allTemplates() async throws -> [UInt8] {
        let (plan, period, scratch, links) = (plan, period, scratch, links)
        return try await DeskRound.blocking {
            let folder = "\(scratch)/\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var options = TemplateOptions(period: period)
            options.planFingerprint = Fingerprint.of(plan)
            var entries: [(name: String, path: String)] = []
            for link in links {
                let name = TemplateWriter.fileName(link.district, period)
                try TemplateWriter.write(plan: plan, district: link.district, options: options, to: "\(folder)/\(name)")
                entries.append((name, "\(folder)/\(name)"))
            }
            try FileBundle.write(entries, to: "\(folder)/all.zip")
            return Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/all.zip")))
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
    public func summary() async throws -> RoundSummary {
        let (store, roundID) = (store, roundID)
        let through = try await DeskRound.blocking { try store.latestSubmission(round: roundID) }
        return try await summaries.value(through: through) { [self] in try await self.consolidate(through: through) }
    }

    private func consolidate(through: Int64) async throws -> RoundSummary {
        let (plan, vault, previous, store, roundID) = (plan, vault, previous, store, roundID)
        return try await DeskRound.blocking { [self] in
            let subs = try store.submissions(round: roundID, through: through)
            let districts = Dictionary(uniqueKeysWithValues: plan.districts.map { ($0.id, $0) })
            let files = subs.map { s in
                Consolidator.SubmittedFile(
                    path: vault.path(of: s.sha256), handedInBy: districts[s.districtID], received: s.receivedOrder, name: s.displayName)
            }
            // Files not checked since the desk started, on every core; the others as they were checked.
            let keys = subs.map { $0.sha256 + "|" + $0.districtID }
            let unknown = Array(Set(keys.indices.filter { i in checks.withLock { $0[keys[i]] == nil } }.map { keys[$0] }))
            let first = Dictionary(keys.indices.map { (keys[$0], $0) }, uniquingKeysWith: { a, _ in a })
            // A server failure (the disk, memory) is never kept as a file's verdict: no summary is made, and the
            // next request tries again.
            let results = concurrentMap(unknown.count, lanes: ProcessInfo.processInfo.activeProcessorCount) { k in
                Result<CheckedReturn, Error> { try Consolidator.check(files[first[unknown[k]]!], with: checker) }
            }
            var serverFailure: (any Error)?
            checks.withLock { kept in
                for (k, result) in results.enumerated() {
                    if case .failure(let error) = result, !DeskRound.isFileFault(error) { serverFailure = error } else { kept[unknown[k]] = result }
                }
            }
            if let serverFailure { throw serverFailure }
            let checked = keys.map { key in checks.withLock { $0[key] } }
            let c = consolidator.consolidate(files: files, checked: checked, previous: previous)
            try store.keepSummary(round: roundID, through: through, json: ConsolidationExport.json(c))
            return RoundSummary(consolidation: c, submissions: subs)
        }
    }

    /// The summary workbook leaders read, as `consolidate --out` writes it.
    public func summaryWorkbook() async throws -> [UInt8] {
        let c = try await summary().consolidation
        return try await written { path in try ConsolidatedWorkbook.write(c, to: path) }
    }
}

/// A summary and the submissions it was made from, in the order received: `consolidation.records[i]` is what
/// became of `submissions[i]`.
public struct RoundSummary: Sendable {
    public let consolidation: Consolidation
    public let submissions: [Submission]

    /// What became of each submission in the round (已采用, 已被后报的表替代, …), by submission id; made once.
    public let outcomes: [Int64: ReturnRecord]

    public init(consolidation: Consolidation, submissions: [Submission]) {
        self.consolidation = consolidation
        self.submissions = submissions
        outcomes = Dictionary(uniqueKeysWithValues: zip(submissions.map(\.id), consolidation.records))
    }
}

/// The latest summary, made once per new submission however many ask at once; an older one never replaces a newer.
private actor SummaryCache {
    private var made: (through: Int64, task: Task<RoundSummary, Error>)?

    func value(through: Int64, make: @escaping @Sendable () async throws -> RoundSummary) async throws -> RoundSummary {
        if let made, made.through >= through { return try await made.task.value }
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
