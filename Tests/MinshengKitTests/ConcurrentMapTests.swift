import Foundation
import Synchronization
import Testing
@testable import MinshengKit

/// The one loop a round uses to check returns and sum up tasks on every core.
@Suite struct ConcurrentMapTests {
    @Test("every index once, the results in index order, whatever the lanes", arguments: [(0, 2), (1, 4), (7, 1), (100, 2), (100, 3), (5, 64)])
    func order(_ count: Int, _ lanes: Int) {
        let calls = Mutex<[Int]>([])
        let squares = concurrentMap(count, lanes: lanes) { i in
            calls.withLock { $0.append(i) }
            return i * i
        }
        #expect(squares == (0..<count).map { $0 * $0 })
        #expect(calls.withLock { $0.sorted() } == Array(0..<count))
    }

    @Test("two lanes run side by side")
    func sideBySide() {
        let running = Mutex(0), most = Mutex(0)
        _ = concurrentMap(8, lanes: 2) { _ in
            let now = running.withLock { n -> Int in
                n += 1
                return n
            }
            most.withLock { $0 = max($0, now) }
            usleep(20_000)
            running.withLock { $0 -= 1 }
            return 0
        }
        #expect(most.withLock { $0 } == 2)
    }
}
