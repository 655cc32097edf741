import Foundation

/// Items handed from a thread of their own (the producer) to the thread that uses them, a few at most
/// waiting: memory stays bounded whatever the producer makes.
///
/// The producer runs `produce` on a thread started here and ends it with a last item of its own (an end
/// or an error); `stop()` tells it to give up and waits until it has returned.
final class HandOff<Item>: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    private var items: [Item] = []
    private var stopped = false
    private var finished = false

    /// Starts `produce` on a thread named `name`; it queues its items with `put`, which returns false once
    /// the consumer has stopped, after which it should return.
    init(name: String, capacity: Int, stackSize: Int = 4 << 20, produce: @escaping @Sendable (HandOff<Item>) -> Void) {
        self.capacity = capacity
        let thread = Thread { [self] in
            produce(self)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.stackSize = stackSize
        thread.start()
    }

    /// Queues an item, waiting while `capacity` are waiting already; false once stopped.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !stopped { condition.wait() }
        if stopped { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for it; nil once the producer has returned and every item has been taken.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Asks the producer to stop and waits until it has returned; the items still waiting are dropped.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        items.removeAll()
        condition.unlock()
    }
}
