import Foundation
import XLSXCore

extension Workbook {
    /// Streams the rows of a sheet as `rows(of:)` does, but reads them on a thread of its own, a few batches
    /// ahead of the caller, so that reading and what the caller does with the rows (encoding them, writing
    /// them out) share the machine's cores. The workbook must not be used otherwise until the reader is
    /// stopped or released.
    public func prefetchedRows(of sheet: SheetInfo) -> PrefetchedRowReader {
        let workbook = UncheckedBox(self)
        return PrefetchedRowReader { try workbook.value.rows(of: sheet) }
    }
}

/// The rows of one sheet, read ahead on a thread of its own and handed over in batches. Memory is a few
/// batches, whatever the sheet's size; an error is handed over in order, after every row before it.
public final class PrefetchedRowReader {
    private let channel: RowChannel
    private var batch: [Row] = []
    private var position = 0
    private var ended = false

    init(open: @escaping @Sendable () throws -> SheetRowReader) {
        channel = RowChannel()
        let channel = self.channel
        let thread = Thread { channel.produce(open) }
        thread.name = "minsheng-rows"
        thread.stackSize = 4 << 20
        thread.start()
    }

    deinit { channel.stop() }

    /// The next row, or nil after the last one.
    public func next() throws -> Row? {
        while position >= batch.count {
            if ended { return nil }
            batch.removeAll(keepingCapacity: true)
            position = 0
            switch channel.take() {
            case .rows(let rows): batch = rows
            case .end: ended = true
            case .failed(let error):
                ended = true
                throw error
            }
        }
        defer { position += 1 }
        return batch[position]
    }

    /// Everything outside the cells; complete once `next()` has returned nil.
    public var metadata: SheetMetadata { channel.metadata }

    /// Stops the reading thread and waits for it; the workbook may be used again afterwards.
    public func stop() {
        ended = true
        batch = []
        position = 0
        channel.stop()
    }
}

/// The batches between the reading thread and the caller's.
private final class RowChannel: @unchecked Sendable {
    enum Item {
        case rows([Row])
        case end
        case failed(any Error)
    }

    /// Batches waiting at most; a batch closes at this many cells.
    static let capacity = 4
    static let cellsPerBatch = 16_384

    private let condition = NSCondition()
    private var items: [Item] = []
    private var stopped = false
    private var finished = false
    private var ended = SheetMetadata()

    var metadata: SheetMetadata {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// The reading thread: reads every row, in batches, until the end, an error, or `stop()`.
    func produce(_ open: () throws -> SheetRowReader) {
        // The sheet's reader is released inside `read`, before `stop()` is told the thread is done.
        read(open)
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func read(_ open: () throws -> SheetRowReader) {
        var batch: [Row] = []
        var cells = 0
        do {
            let reader = try open()
            while let row = try reader.next() {
                cells += row.cells.count + 1
                batch.append(row)
                if cells >= Self.cellsPerBatch {
                    guard put(.rows(batch)) else { return }
                    batch = []
                    cells = 0
                }
            }
            if !batch.isEmpty, !put(.rows(batch)) { return }
            let metadata = reader.metadata
            condition.lock()
            ended = metadata
            condition.unlock()
            _ = put(.end)
        } catch {
            // The rows read before the error are handed over before it, as a reader in turn would give them.
            if !batch.isEmpty, !put(.rows(batch)) { return }
            _ = put(.failed(error))
        }
    }

    /// Queues an item, waiting while the queue is full; false once stopped.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= Self.capacity && !stopped { condition.wait() }
        if stopped { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for it.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Asks the reading thread to stop and waits until it has.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        items.removeAll()
        condition.unlock()
    }
}

/// Hands a value that is not `Sendable` to one other thread, which alone uses it until it is done.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
