/// At most so many uploads read and checked at once; the others wait their turn with their bytes still in the
/// network's buffers, so a crowd of large uploads cannot hold every one of them in memory together.
actor UploadGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) {
        free = max(1, slots)
    }

    /// Runs `work` once a slot is free, and frees the slot after it, whatever it throws.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T {
        if free > 0 {
            free -= 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
        return try await work()
    }
}
