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
    private enum Item {
        case rows([Row])
        case end(SheetMetadata)
        case failed(any Error)
    }

    /// Batches waiting at most; a batch closes at this many cells.
    private static let capacity = 4
    private static let cellsPerBatch = 16_384

    private let handOff: HandOff<Item>
    private var batch: [Row] = []
    private var position = 0
    private var ended = false
    private var endMetadata = SheetMetadata()

    init(open: @escaping @Sendable () throws -> SheetRowReader) {
        handOff = HandOff(name: "minsheng-rows", capacity: Self.capacity) { handOff in
            // The sheet's reader is released inside `read`, before `stop()` is told the thread is done.
            Self.read(open, into: handOff)
        }
    }

    deinit { handOff.stop() }

    /// The next row, or nil after the last one.
    public func next() throws -> Row? {
        while position >= batch.count {
            if ended { return nil }
            batch.removeAll(keepingCapacity: true)
            position = 0
            switch handOff.take() {
            case .rows(let rows): batch = rows
            case .end(let metadata):
                ended = true
                endMetadata = metadata
            case .failed(let error):
                ended = true
                throw error
            case nil: ended = true
            }
        }
        defer { position += 1 }
        return batch[position]
    }

    /// Everything outside the cells; complete once `next()` has returned nil.
    public var metadata: SheetMetadata { endMetadata }

    /// Stops the reading thread and waits for it; the workbook may be used again afterwards.
    public func stop() {
        ended = true
        batch = []
        position = 0
        handOff.stop()
    }

    /// The reading thread: reads every row, in batches, until the end, an error, or `stop()`.
    private static func read(_ open: () throws -> SheetRowReader, into handOff: HandOff<Item>) {
        var batch: [Row] = []
        var cells = 0
        do {
            let reader = try open()
            while let row = try reader.next() {
                cells += row.cells.count + 1
                batch.append(row)
                if cells >= cellsPerBatch {
                    guard handOff.put(.rows(batch)) else { return }
                    batch = []
                    cells = 0
                }
            }
            if !batch.isEmpty, !handOff.put(.rows(batch)) { return }
            _ = handOff.put(.end(reader.metadata))
        } catch {
            // The rows read before the error are handed over before it, as a reader in turn would give them.
            if !batch.isEmpty, !handOff.put(.rows(batch)) { return }
            _ = handOff.put(.failed(error))
        }
    }
}

/// Hands a value that is not `Sendable` to one other thread, which alone uses it until it is done.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
