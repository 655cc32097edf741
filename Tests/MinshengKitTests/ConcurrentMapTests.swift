import Foundation
import Testing
@testable import MinshengKit

/// The one loop a round uses to check returns and sum up tasks on every core.
@Suite struct ConcurrentMapTests {
    @Test("every index once, the results in index order, whatever the lanes", arguments: [(0, 2), (1, 4), (7, 1), (100, 2), (100, 3), (5, 64)])
    func order(_ count: Int, _ lanes: Int) {
        let calls = Locked<[Int]>([])
        let squares = concurrentMap(count, lanes: lanes) { i in
            calls.withLock { $0.append(i) }
            return i * i
        }
        #expect(squares == (0..<count).map { $0 * $0 })
        #expect(calls.withLock { $0.sorted() } == Array(0..<count))
    }

    @Test("two lanes run side by side")
    func sideBySide() {
        // Each task waits (10 s at most) for the other to have started: only two lanes at once get both there.
        // No fixed sleep, so a loaded machine that starts the second lane late does not fail the test.
        let started = Locked(0), together = Locked(0)
        _ = concurrentMap(2, lanes: 2) { _ in
            started.withLock { $0 += 1 }
            let deadline = Date().addingTimeInterval(10)
            while started.withLock({ $0 }) < 2 && Date() < deadline { usleep(1_000) }
            if started.withLock({ $0 }) == 2 { together.withLock { $0 += 1 } }
            return 0
        }
        #expect(together.withLock { $0 } == 2)
    }
}
