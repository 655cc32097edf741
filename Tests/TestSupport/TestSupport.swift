import Foundation
import Testing

/// Locations shared by the test targets, found from this file's path (never an absolute path).
public enum TestPaths {
    /// The package root.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `../shared` beside the package root: the full corpus, which a clone does not have. Tests that
    /// need it carry `.requires(.shared(path: …))`.
    public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// `Tests/Schemas`: the ECMA-376 schemas and the `validate-xlsx` script, copied from `../shared/xsd`.
    public static var schemas: URL { packageRoot.appendingPathComponent("Tests/Schemas") }

    /// `Tests/XLSXReaderTests/Fixtures/corpus-sample`: 32 corpus files with their reference dumps.
    public static var corpusSample: URL {
        packageRoot.appendingPathComponent("Tests/XLSXReaderTests/Fixtures/corpus-sample")
    }
}

/// Something outside the package that a test needs. A test or suite declares it with
/// `@Test(.requires(.program("soffice")))`; it is skipped, with a one-line reason, when that is
/// missing, unless `MINSHENG_REQUIRE_ALL=1` is set (as `.ci/run` does): then it runs, and fails.
public enum Requirement: Sendable, Hashable, CustomStringConvertible {
    /// An executable on `PATH`.
    case program(String)
    /// `python3` on `PATH` that can import this module.
    case python(module: String)
    /// A file or folder under `../shared`.
    case shared(path: String)
    /// The web desk (`minsheng-server` and its tests), built only where SQLite's headers are (Package.swift).
    case webDesk

    /// Every requirement that some test of the package declares; `RequirementTests` checks them all
    /// under `MINSHENG_REQUIRE_ALL=1`. Add a new one here when a test starts needing it.
    public static let all: [Requirement] = [
        .program("python3"), .program("xmllint"), .python(module: "openpyxl"), .program("soffice"), .program("ssconvert"),
        .program("pdfinfo"), .program("pdftotext"), .shared(path: "corpus/manifest.tsv"), .shared(path: "corpus-legacy/manifest.tsv"),
        .program("chromium"), .program("chromedriver"), .python(module: "selenium"), .webDesk,
    ]

    /// What validating a file with `Tests/Schemas/validate-xlsx` needs.
    public static let schemaValidation: [Requirement] = [.program("python3"), .program("xmllint")]

    /// True when `MINSHENG_REQUIRE_ALL=1`: nothing is skipped, so a missing tool fails its tests.
    public static var requireAll: Bool { ProcessInfo.processInfo.environment["MINSHENG_REQUIRE_ALL"] == "1" }

    public var description: String {
        switch self {
        case .program("soffice"): return "soffice (LibreOffice)"
        case .program("ssconvert"): return "ssconvert (Gnumeric)"
        case .program(let name): return name
        case .python(let module): return "python3 module \(module)"
        case .shared(let path): return "../shared/\(path)"
        case .webDesk: return "the web desk (minsheng-server), left out of this build"
        }
    }

    /// How to get it, for the skip reason.
    public var remedy: String {
        switch self {
        case .program("soffice"): return "apt-get install libreoffice-calc-nogui"
        case .program("ssconvert"): return "apt-get install gnumeric"
        case .program("xmllint"): return "apt-get install libxml2-utils"
        case .program("python3"): return "apt-get install python3"
        case .program("pdfinfo"), .program("pdftotext"): return "apt-get install poppler-utils"
        case .program("chromium"), .program("chromedriver"): return "apt-get install chromium chromium-driver"
        case .program(let name): return "install \(name)"
        case .python(let module): return "python3 -m pip install \(module)"
        case .shared: return "the project's shared folder, beside the package in CI"
        case .webDesk: return "apt-get install libsqlite3-dev, then build again"
        }
    }

    /// Whether it is there; each requirement is looked up once per test process.
    public var isSatisfied: Bool { RequirementCache.shared.isSatisfied(self) }

    /// The requirements of `all` that are missing here.
    public static var missing: [Requirement] { all.filter { !$0.isSatisfied } }

    fileprivate func lookUp() -> Bool {
        switch self {
        case .program(let name):
            return Self.findOnPath(name) != nil
        case .python(let module):
            guard Self.findOnPath("python3") != nil else { return false }
            return (try? runProcess("python3", ["-c", "import \(module)"]).status) == 0
        case .shared(let path):
            return FileManager.default.fileExists(atPath: TestPaths.shared.appendingPathComponent(path).path)
        case .webDesk:
            #if MINSHENG_DESK
            return true
            #else
            return false
            #endif
        }
    }

    /// The executable called `name` in a folder of `PATH`, as `/usr/bin/env` would find it.
    public static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}

private final class RequirementCache: @unchecked Sendable {
    static let shared = RequirementCache()
    private let lock = NSLock()
    private var known: [Requirement: Bool] = [:]

    func isSatisfied(_ requirement: Requirement) -> Bool {
        lock.lock()
        if let value = known[requirement] {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = requirement.lookUp()
        lock.lock()
        known[requirement] = value
        lock.unlock()
        return value
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test or suite only when every requirement is there, or when `MINSHENG_REQUIRE_ALL=1`;
    /// otherwise it is skipped with a one-line reason naming what is missing and how to get it.
    public static func requires(_ requirements: Requirement..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        requires(requirements, sourceLocation: sourceLocation)
    }

    /// The same, for a list such as `Requirement.schemaValidation`.
    public static func requires(_ requirements: [Requirement], sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        let missing = requirements.filter { !$0.isSatisfied }
        let reason = missing.isEmpty
            ? "needs \(requirements.map(\.description).joined(separator: ", "))"
            : "needs \(missing.map(\.description).joined(separator: ", ")), missing here "
                + "(\(missing.map(\.remedy).joined(separator: "; "))); skipped unless MINSHENG_REQUIRE_ALL=1"
        return .enabled(if: Requirement.requireAll || missing.isEmpty, Comment(rawValue: reason), sourceLocation: sourceLocation)
    }
}

/// Validates every part of an .xlsx with `Tests/Schemas/validate-xlsx` (python3 and xmllint;
/// declare `.requires(Requirement.schemaValidation)`). The output has one line per part.
public func validateXLSX(_ path: String) throws -> ProcessResult {
    try runProcess("python3", [TestPaths.schemas.appendingPathComponent("validate-xlsx").path, path])
}

/// The result of running an external program.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program with arguments and waits for it; `executable` is looked up on PATH.
public func runProcess(_ executable: String, _ arguments: [String], input: String? = nil, inputData: Data? = nil, environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inPipe = Pipe()
    process.standardInput = inPipe
    try process.run()
    if let data = inputData ?? input.map({ Data($0.utf8) }) { inPipe.fileHandleForWriting.write(data) }
    try? inPipe.fileHandleForWriting.close()
    // Read both pipes before waiting so a chatty program cannot block on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder for one test.
public func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("minsheng-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields.
public func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    field.unicodeScalars.append("\"")
                    chars = chars.dropFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" || c == "\r" {
            if c == "\r", chars.first == "\n" { chars = chars.dropFirst() }
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}
