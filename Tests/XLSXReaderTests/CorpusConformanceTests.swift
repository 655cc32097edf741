import Foundation
import TestSupport
import Testing
import XLSXCore
import XLSXReader

/// Reads the workbooks of a corpus and compares their cells with the reference dumps, as
/// `../shared/tools/corpus-compare` does with the command-line tool, but in-process: always the sample in
/// `Fixtures/corpus-sample`, and the whole of `../shared/corpus` when it is beside the package.
@Suite struct CorpusConformanceTests {
    static let corpus = TestPaths.shared.appendingPathComponent("corpus")
    static let sample = TestPaths.corpusSample

    struct Entry: Sendable {
        var source: String
        var file: String
        var bothFail: Bool
    }

    enum Outcome: Sendable {
        case agree
        case disagree(String)
        case error(String)
        /// A file both references reject, refused with an `XLSXError`.
        case rejected
        /// A file both references reject, opened without error but with no sheets.
        case noSheets
        /// A file both references reject, read without any error.
        case acceptedBroken
        /// A file both references reject because its name says .xlsx, read for what its content is (an .ods named .xlsm).
        case readAsOtherFormat(String)
        /// A file both references reject, refused with an error that is not an `XLSXError`.
        case otherError(String)
    }

    static func manifest(of corpus: URL) throws -> [Entry] {
        let text = try String(contentsOf: corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        let column = { (name: String) in header.firstIndex(of: name)! }
        let (src, file, cal, opx, notes) = (column("source"), column("file"), column("calamine_ok"), column("openpyxl_ok"), column("notes"))
        return lines.map { f in
            let bothFail = (f.count > notes && f[notes].contains("BOTH_FAIL")) || (f[cal] == "no" && f[opx] == "no")
            return Entry(source: f[src], file: f[file], bothFail: bothFail)
        }
    }

    /// The non-empty cells of a sheet as `minsheng cat --format cells` prints them.
    static func cells(_ workbook: Workbook, sheet: Int) throws -> [String: String] {
        var out: [String: String] = [:]
        try workbook.forEachRow(in: workbook.sheets[sheet]) { row in
            for cell in row.cells {
                let text = cell.value.text
                if !text.isEmpty { out[cell.reference.description] = CorpusComparison.escape(text) }
            }
        }
        return out
    }

    static func check(_ entry: Entry, in corpus: URL) -> Outcome {
        let path = corpus.appendingPathComponent(entry.source).appendingPathComponent(entry.file).path
        if entry.bothFail {
            do {
                let workbook = try Workbook(path: path)
                guard !workbook.sheets.isEmpty else { return .noSheets }
                _ = try cells(workbook, sheet: 0)
                return workbook.format == .xlsx ? .acceptedBroken : .readAsOtherFormat(workbook.format.rawValue)
            } catch is XLSXError {
                return .rejected
            } catch {
                return .otherError("\(error)")
            }
        }
        let refdir = corpus.appendingPathComponent("ref").appendingPathComponent(entry.source).appendingPathComponent(entry.file)
        guard let listing = try? String(contentsOf: refdir.appendingPathComponent("sheets.tsv"), encoding: .utf8) else {
            return .error("no sheets.tsv in the reference dump")
        }
        let indexes = listing.split(separator: "\n").compactMap { line -> Int? in
            let first = line.split(separator: "\t", omittingEmptySubsequences: false).first ?? ""
            return first.allSatisfy(\.isNumber) ? Int(first) : nil
        }
        var detail: [String] = []
        do {
            let workbook = try Workbook(path: path)
            for i in indexes {
                let calamine = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).tsv"))
                let openpyxl = CorpusComparison.loadReference(refdir.appendingPathComponent("\(i).openpyxl.tsv"))
                if calamine == nil && openpyxl == nil { continue }
                guard i < workbook.sheets.count else { return .error("sheet \(i + 1): the workbook has \(workbook.sheets.count) sheets") }
                let bad = CorpusComparison.disagreements(ours: try cells(workbook, sheet: i), calamine: calamine, openpyxl: openpyxl)
                if let first = bad.first { detail.append("sheet \(i + 1): \(bad.count) cells, e.g. \(first)") }
            }
        } catch {
            return .error("\(error)")
        }
        return detail.isEmpty ? .agree : .disagree(detail.joined(separator: "; "))
    }

    /// Every entry of a corpus checked, a few at a time, sorted by source and file.
    static func checkAll(_ entries: [Entry], in corpus: URL) async -> [(Entry, Outcome)] {
        let workers = max(2, ProcessInfo.processInfo.activeProcessorCount)
        var outcomes: [(Entry, Outcome)] = []
        await withTaskGroup(of: (Entry, Outcome).self) { group in
            var next = 0
            for _ in 0..<min(workers, entries.count) {
                let e = entries[next]
                next += 1
                group.addTask { (e, Self.check(e, in: corpus)) }
            }
            while let done = await group.next() {
                outcomes.append(done)
                if next < entries.count {
                    let e = entries[next]
                    next += 1
                    group.addTask { (e, Self.check(e, in: corpus)) }
                }
            }
        }
        outcomes.sort { ($0.0.source, $0.0.file) < ($1.0.source, $1.0.file) }
        return outcomes
    }

    /// The files that agree and those compared, the disagreements as report lines, and the broken files
    /// that opened with no sheets; an issue is recorded for a broken file read or refused wrongly.
    static func tally(_ outcomes: [(Entry, Outcome)]) -> (agree: Int, compared: Int, report: [String], noSheets: [String]) {
        var agree = 0, compared = 0
        var report: [String] = []
        var noSheets: [String] = []
        for (entry, outcome) in outcomes {
            let name = "\(entry.source)/\(entry.file)"
            switch outcome {
            case .agree:
                agree += 1
                compared += 1
            case .disagree(let d):
                compared += 1
                report.append("disagree\t\(name)\t\(d)")
            case .error(let e):
                compared += 1
                report.append("error\t\(name)\t\(e)")
            case .rejected: break
            case .readAsOtherFormat(let format): print("read as \(format)\t\(name)\tboth references reject it by its name")
            case .noSheets: noSheets.append(name)
            case .acceptedBroken:
                Issue.record("\(name): both references reject it, but it was read without error")
            case .otherError(let e):
                Issue.record("\(name): refused with an error that is not an XLSXError: \(e)")
            }
        }
        return (agree, compared, report, noSheets)
    }

    @Test("every file of the corpus sample agrees with a reference reader; its broken files are refused with an XLSXError")
    func sampleAgreement() async throws {
        let entries = try Self.manifest(of: Self.sample)
        #expect(entries.count == 32)
        #expect(entries.filter(\.bothFail).count == 2)
        let outcomes = await Self.checkAll(entries, in: Self.sample)
        let rejected = outcomes.filter { if case .rejected = $0.1 { return true } else { return false } }
        let other = outcomes.filter { if case .readAsOtherFormat = $0.1 { return true } else { return false } }
        // The broken zip is refused; the OpenDocument file named .xlsm is read for what it is.
        #expect(rejected.count == 1 && other.map { $0.0.file } == ["type_openoffice.xlsm"], "the broken file is refused")
        let (agree, compared, report, noSheets) = Self.tally(outcomes)
        print("corpus sample: agree \(agree)/\(compared) files")
        #expect(compared == 30)
        #expect(report.isEmpty, "these sample files disagree with both references:\n\(report.joined(separator: "\n"))")
        #expect(noSheets.isEmpty, "both references reject these, but they opened (with no sheets) instead of throwing: \(noSheets)")
    }

    @Test(
        "at least 99% of the corpus files agree with a reference reader; broken files are refused with an XLSXError",
        .requires(.shared(path: "corpus/manifest.tsv")))
    func corpusAgreement() async throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent("manifest.tsv").path),
            "the corpus is missing: expected \(Self.corpus.path)/manifest.tsv (../shared/corpus beside the package)")
        let entries = try Self.manifest(of: Self.corpus)
        #expect(entries.count > 1000)
        let (agree, compared, report, noSheets) = Self.tally(await Self.checkAll(entries, in: Self.corpus))
        let share = compared == 0 ? 0 : Double(agree) / Double(compared)
        print("corpus: agree \(agree)/\(compared) files (\(String(format: "%.1f", share * 100))%)")
        for line in report { print(line.count > 400 ? String(line.prefix(400)) + "…" : line) }
        #expect(compared > 1000)
        #expect(share >= 0.99, "only \(agree) of \(compared) corpus files agree:\n\(report.joined(separator: "\n"))")
        #expect(noSheets.isEmpty, "both references reject these, but they opened (with no sheets) instead of throwing: \(noSheets)")
    }
}

@Suite struct CorpusComparisonTests {
    @Test("values that the comparison counts as the same", arguments: [
        ("8.1", "8.100000000001"), ("42", "42.0"), ("1e-05", "0.00001"), ("2021-01-01", "2021-01-01T00:00:00"),
        ("2021-01-01T12:00:00", "2021-01-01 12:00:00.0001"), ("10:59:59.999", "10:59:59.999000"),
        ("PT5400S", "PT5400.0001S"), (" 12 ", "12"), ("1_000", "1000"),
    ])
    func same(a: String, b: String) {
        #expect(CorpusComparison.same(a, b))
    }

    @Test("values that differ", arguments: [
        ("8.1", "8.1001"), ("2021-01-01", "2021-01-02"), ("11:00:00", "10:59:59.999999"), ("1900-02-29", "1900-02-28"),
        ("PT0S", "PT0H0M0.000S"), ("0x10", "16"), ("a", "A"),
    ])
    func differ(a: String, b: String) {
        #expect(!CorpusComparison.same(a, b))
    }

    @Test("error cells missing in calamine's dump and cells missing on both sides agree")
    func errorCells() {
        #expect(CorpusComparison.disagreements(ours: ["A1": "#N/A"], calamine: [:], openpyxl: nil).isEmpty)
        #expect(CorpusComparison.disagreements(ours: ["A1": "#N/A"], calamine: [:], openpyxl: ["A1": "#N/A"]).isEmpty)
        #expect(CorpusComparison.disagreements(ours: [:], calamine: [:], openpyxl: ["A1": "#REF!"]).isEmpty)
        #expect(CorpusComparison.disagreements(ours: ["A1": "x"], calamine: ["A1": "y"], openpyxl: ["A1": "x"]).isEmpty)
        #expect(CorpusComparison.disagreements(ours: ["A1": "x"], calamine: ["A1": "y"], openpyxl: nil).count == 1)
        #expect(CorpusComparison.disagreements(ours: ["A1": "#N/A"], calamine: [:], openpyxl: ["A1": "#REF!"]).count == 1)
    }
}
