import Foundation

/// `transform(i)` for every `i` in `0..<count`, on `lanes` threads at once, the results in index order. Each
/// lane takes the next index nobody has taken yet, so a slow item does not hold up the items behind it. A
/// round checks its returns and sums up its tasks this way.
///
/// The lanes are threads of their own, not Dispatch's pool: called from a busy pool (the web desk's requests,
/// the test runner), `concurrentPerform` can get no second thread and run every lane on the caller's.
public func concurrentMap<T: Sendable>(_ count: Int, lanes: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let lanes = max(1, min(lanes, count))
    return withoutActuallyEscaping(transform) { transform in
        let work = MapWork(count: count, transform: transform)
        let done = DispatchSemaphore(value: 0)
        for _ in 1..<lanes {
            // The thread's block holds only this pointer; the work (and the closure) is released when the lane
            // ends, before it says so, so nothing of it outlives this call.
            nonisolated(unsafe) let lane = Unmanaged.passRetained(work).toOpaque()
            let thread = Thread {
                do { Unmanaged<MapWork<T>>.fromOpaque(lane).takeRetainedValue().runLane() }
                done.signal()
            }
            thread.name = "minsheng-lane"
            thread.stackSize = 4 << 20
            thread.start()
        }
        work.runLane()
        for _ in 1..<lanes { done.wait() }
        return work.results()
    }
}

/// The items of one `concurrentMap` and what the lanes made of them.
private final class MapWork<T: Sendable>: Sendable {
    private let count: Int
    private let transform: @Sendable (Int) -> T
    private let next = Locked(0)
    private let made = Locked<[Int: T]>([:])

    init(count: Int, transform: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.transform = transform
    }

    /// Takes the next item until none is left.
    func runLane() {
        var mine: [(Int, T)] = []
        while true {
            let i = next.withLock { n -> Int in
                defer { n += 1 }
                return n
            }
            guard i < count else { break }
            mine.append((i, transform(i)))
        }
        made.withLock { all in for (i, value) in mine { all[i] = value } }
    }

    func results() -> [T] { made.withLock { all in (0..<count).map { all[$0]! } } }
}
