import Foundation
import Synchronization

/// `transform(i)` for every `i` in `0..<count`, on `lanes` threads at once (lane k takes k, k + lanes, …),
/// the results in index order. A round checks its returns and sums up its tasks this way.
public func concurrentMap<T: Sendable>(_ count: Int, lanes: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let lanes = max(1, min(lanes, count))
    let results = Mutex<[Int: T]>([:])
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
        var mine: [(Int, T)] = []
        for i in stride(from: lane, to: count, by: lanes) { mine.append((i, transform(i))) }
        results.withLock { all in for (i, value) in mine { all[i] = value } }
    }
    return results.withLock { all in (0..<count).map { all[$0]! } }
}
