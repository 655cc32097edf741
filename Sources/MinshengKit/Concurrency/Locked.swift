import Foundation

/// A value shared by threads running at once, behind a lock.
///
/// A pthread mutex (`NSLock`), held by reference. Swift's `Mutex` waits on a futex on Linux, which
/// ThreadSanitizer does not see as a lock, so every access under it was reported as a race; and a `Mutex`
/// captured as a local variable is a variable the closures on several threads all access at once.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value, holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
