import Foundation
import GRDB
import Testing
import TestSupport
@testable import MinshengDesk

/// A data folder made by an earlier desk opens with the present one: its submissions keep their order.
@Suite struct DeskStoreMigrationTests {
    @Test("a database of the first schema (no received_order) is upgraded, each submission received in its id's order")
    func upgradeFromFirstSchema() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("desk.sqlite").path
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            // The first schema, as the desk made it before received_order, and GRDB's record of having made it.
            try db.execute(sql: DeskStore.firstSchema)
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                INSERT INTO district VALUES ('pinghu', '平湖市', 'abc');
                INSERT INTO round VALUES (1, '2021-06', 'x', 'plan.xlsx', '2021-07-01T00:00:00Z');
                INSERT INTO submission VALUES (1, 1, 'pinghu', 'aa', 10, '第一次.xlsx', '2021-07-05T09:00:00Z', 'page', 'accepted', NULL, 0, 0, '[]');
                INSERT INTO submission VALUES (2, 1, 'pinghu', 'bb', 10, '更正.xlsx', '2021-07-06T09:00:00Z', 'page', 'accepted', NULL, 0, 0, '[]');
                """)
        }
        try old.close()
        let store = try DeskStore(path: path)
        let kept = try store.submissions(round: 1, district: "pinghu")
        #expect(kept.map(\.originalName) == ["第一次.xlsx", "更正.xlsx"])
        #expect(kept.map(\.receivedOrder) == [1, 2])
        #expect(try store.lastReceivedOrder() == 2)
    }
}
