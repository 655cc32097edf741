import Foundation
import GRDB
import MinshengKit

/// The desk's database (SQLite in WAL mode, synced at every commit): districts and their link tokens, the
/// rounds, every submission, the settings and the summaries made.
final class DeskStore: Sendable {
    let pool: DatabasePool

    init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        try DeskStore.migrator.migrate(pool)
    }

    /// The tables as the first desk made them (migration "v1"); later migrations change them.
    static let firstSchema = """
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE district (id TEXT PRIMARY KEY, name TEXT NOT NULL, token TEXT NOT NULL UNIQUE);
        CREATE TABLE round (
            id INTEGER PRIMARY KEY, period TEXT NOT NULL, plan_sha256 TEXT NOT NULL, plan_name TEXT NOT NULL,
            opened_at TEXT NOT NULL, UNIQUE (period, plan_sha256));
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL REFERENCES round(id),
            district_id TEXT NOT NULL REFERENCES district(id), sha256 TEXT NOT NULL, size INTEGER NOT NULL,
            original_name TEXT NOT NULL, received_at TEXT NOT NULL, via TEXT NOT NULL, verdict TEXT NOT NULL,
            reason TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, findings TEXT NOT NULL);
        CREATE INDEX submission_by_district ON submission (round_id, district_id, id);
        CREATE TABLE summary (
            id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL REFERENCES round(id),
            through_submission INTEGER NOT NULL, made_at TEXT NOT NULL, json TEXT NOT NULL,
            UNIQUE (round_id, through_submission));
        """

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in try db.execute(sql: DeskStore.firstSchema) }
        // The order received, taken before a file is checked, so a later correction wins even when the first
        // upload took longer to check. A data folder made before it keeps its submissions in id order.
        m.registerMigration("v2: received_order") { db in
            try db.execute(sql: """
                ALTER TABLE submission ADD COLUMN received_order INTEGER NOT NULL DEFAULT 0;
                UPDATE submission SET received_order = id;
                DROP INDEX submission_by_district;
                CREATE INDEX submission_by_district ON submission (round_id, district_id, received_order);
                """)
        }
        return m
    }

    // MARK: Settings

    func setting(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    func setSetting(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }

    /// The stored value, or a new one made and stored now.
    func setting(_ key: String, orMake make: () -> String) throws -> String {
        let fresh = make()
        return try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)", arguments: [key, fresh])
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])!
        }
    }

    // MARK: Districts and rounds

    /// Every district of the plan with its token; a district seen for the first time gets a new one.
    func links(for districts: [District]) throws -> [DistrictLink] {
        try pool.write { db in
            try districts.map { d in
                try db.execute(sql: "INSERT OR IGNORE INTO district (id, name, token) VALUES (?, ?, ?)", arguments: [d.id, d.name, Secrets.token()])
                let token = try String.fetchOne(db, sql: "SELECT token FROM district WHERE id = ?", arguments: [d.id])!
                return DistrictLink(district: d, token: token)
            }
        }
    }

    /// The round of a period and plan, opened now if it is new.
    func round(period: Period, planSHA256: String, planName: String) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO round (period, plan_sha256, plan_name, opened_at) VALUES (?, ?, ?, ?)",
                arguments: [period.description, planSHA256, planName, DeskClock.now()])
            return try Int64.fetchOne(db, sql: "SELECT id FROM round WHERE period = ? AND plan_sha256 = ?", arguments: [period.description, planSHA256])!
        }
    }

    // MARK: Submissions

    /// Stores a submission whose file is already in the vault; returns it with its id.
    func add(_ s: Submission) throws -> Submission {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO submission (round_id, district_id, received_order, sha256, size, original_name, received_at, via, verdict, reason, errors, warnings, findings)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [s.roundID, s.districtID, s.receivedOrder, s.sha256, s.size, s.originalName, s.receivedAt, s.via, s.verdict.rawValue, s.reason, s.errors, s.warnings, s.findingsJSON])
            var stored = s
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// The round's submissions in the order received (through a submission id, when given), of one district or of all.
    func submissions(round: Int64, district: String? = nil, through: Int64 = .max) throws -> [Submission] {
        try pool.read { db in
            let rows = try district.map {
                try Row.fetchAll(db, sql: "SELECT * FROM submission WHERE round_id = ? AND district_id = ? AND id <= ? ORDER BY received_order", arguments: [round, $0, through])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM submission WHERE round_id = ? AND id <= ? ORDER BY received_order", arguments: [round, through])
            return rows.map(DeskStore.submission)
        }
    }

    /// The highest order any submission was received in (0 for none): where the desk's count goes on from.
    func lastReceivedOrder() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(received_order), 0) FROM submission") ?? 0 }
    }

    func submission(id: Int64) throws -> Submission? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM submission WHERE id = ?", arguments: [id]).map(DeskStore.submission) }
    }

    /// The id of the round's latest submission (0 for none): what a summary was made through.
    func latestSubmission(round: Int64) throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM submission WHERE round_id = ?", arguments: [round]) ?? 0 }
    }

    private static func submission(_ row: Row) -> Submission {
        Submission(
            id: row["id"], roundID: row["round_id"], districtID: row["district_id"], receivedOrder: row["received_order"], sha256: row["sha256"], size: row["size"],
            originalName: row["original_name"], receivedAt: row["received_at"], via: row["via"],
            verdict: Submission.Verdict(rawValue: row["verdict"]) ?? .unreadable, reason: row["reason"], errors: row["errors"],
            warnings: row["warnings"], findingsJSON: row["findings"])
    }

    // MARK: Summaries

    /// Keeps the consolidated figures of a round through a submission (once per submission).
    func keepSummary(round: Int64, through: Int64, json: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO summary (round_id, through_submission, made_at, json) VALUES (?, ?, ?, ?)",
                arguments: [round, through, DeskClock.now(), json])
        }
    }
}

/// The server's clock as text.
enum DeskClock {
    /// Now, ISO 8601 with the local offset (`2021-07-05T10:12:05+08:00`).
    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = .current
        return f.string(from: Date())
    }

    /// `2021-07-05 10:12` from the ISO text, for pages.
    static func short(_ iso: String) -> String {
        String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
