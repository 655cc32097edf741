import Synchronization

/// A value shared by threads running at once, behind a lock. The `Mutex` is held by reference: closures on
/// several threads each borrow the one object, where a `Mutex` captured as a local variable is a variable
/// they all access at once (ThreadSanitizer reports those accesses as a race).
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` on the value, holding the lock.
    public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
