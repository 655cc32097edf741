import Synchronization
import Testing
@testable import MinshengDesk

/// The gate that lets only so many uploads be read and checked at once.
// The limit is generous: with the whole suite running on two cores, this test waits for the shared task pool.
@Suite(.timeLimit(.minutes(5))) struct UploadGateTests {
    final class Count: Sendable {
        let now = Mutex(0)
        let most = Mutex(0)
    }

    @Test("no more than the slots run at once, every one runs, and a failure frees its slot")
    func limit() async throws {
        let gate = UploadGate(slots: 2)
        let count = Count()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<20 {
                group.addTask {
                    do {
                        return try await gate.run {
                            let n = count.now.withLock { $0 += 1; return $0 }
                            count.most.withLock { $0 = max($0, n) }
                            try await Task.sleep(for: .milliseconds(5))
                            count.now.withLock { $0 -= 1 }
                            if k % 5 == 0 { throw CancellationError() }
                            return k
                        }
                    } catch {
                        return -1
                    }
                }
            }
            var done: [Int] = []
            for try await k in group { done.append(k) }
            #expect(done.count == 20 && done.filter { $0 == -1 }.count == 4)
        }
        #expect(count.most.withLock { $0 } == 2)
    }
}
