import Foundation

/// Inflates one entry on a thread of its own, a few chunks ahead of the thread that parses it.
///
/// A ring of `slotCount` buffers is shared by the two threads: the inflating thread fills a free slot and
/// hands it over, the parsing thread takes the slots in order and gives each back when it asks for the
/// next. Memory is the ring, whatever the entry's size. An error is handed over in its slot, in order,
/// so the parser sees every byte before it and then the same error the inflater would have thrown.
final class ZipReadAhead: @unchecked Sendable {
    static let slotSize = 256 << 10
    static let slotCount = 4

    private enum Slot {
        case bytes(Int)
        case failed(any Error)
    }

    private let inflater: ZipInflater
    private let memory: UnsafeMutableRawBufferPointer
    /// What each slot holds; written by the inflating thread before `filled` is signalled, read by the
    /// parsing thread after it has waited for it.
    private let slots: UnsafeMutablePointer<Slot>
    /// Starts at zero and is signalled once per slot: libdispatch refuses to dispose of a semaphore whose
    /// count is below the value it was made with.
    private let free = DispatchSemaphore(value: 0)
    private let filled = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let stopping = NSLock()
    private var stopped = false
    /// The parsing thread's place in the ring, and whether it holds a slot.
    private var taken = 0
    private var holding = false

    init(_ inflater: ZipInflater) {
        self.inflater = inflater
        memory = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.slotSize * Self.slotCount, alignment: 64)
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: .bytes(0), count: Self.slotCount)
        for _ in 0..<Self.slotCount { free.signal() }
        let thread = Thread { [self] in inflate() }
        thread.name = "minsheng-inflate"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
        memory.deallocate()
    }

    private func buffer(_ slot: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: memory[(slot * Self.slotSize)..<((slot + 1) * Self.slotSize)])
    }

    /// The inflating thread: fills the slots in order until the end of the entry, an error, or `stop()`.
    private func inflate() {
        var slot = 0
        while true {
            free.wait()
            stopping.lock()
            let stop = stopped
            stopping.unlock()
            if stop { break }
            let last: Bool
            do {
                let n = try inflater.read(into: buffer(slot))
                slots[slot] = .bytes(n)
                last = n == 0
            } catch {
                slots[slot] = .failed(error)
                last = true
            }
            filled.signal()
            if last { break }
            slot = (slot + 1) % Self.slotCount
        }
        done.signal()
    }

    /// The next chunk, valid until the following call; empty at the end of the entry.
    func next() throws -> UnsafeRawBufferPointer {
        if holding {
            holding = false
            taken = (taken + 1) % Self.slotCount
            free.signal()
        }
        filled.wait()
        holding = true
        switch slots[taken] {
        case .bytes(let n): return UnsafeRawBufferPointer(rebasing: buffer(taken)[0..<n])
        case .failed(let error): throw error
        }
    }

    /// Stops the inflating thread and waits for it, so that the entry can be closed. Called once.
    func stop() {
        stopping.lock()
        stopped = true
        stopping.unlock()
        free.signal()
        done.wait()
    }
}
