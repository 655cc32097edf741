import Foundation
import XLSXCore

extension Workbook {
    /// Streams the rows of a sheet as `rows(of:)` does, but reads them on a thread of its own, a few batches
    /// ahead of the caller, so that reading and what the caller does with the rows (encoding them, writing
    /// them out) share the machine's cores. A sheet large enough to be parsed on a thread of its own already
    /// (`SheetRowReader`) is not given a second one: its cells are made on the caller's thread, beside the
    /// parsing. The workbook must not be used otherwise until the reader is stopped or released.
    public func prefetchedRows(of sheet: SheetInfo) -> PrefetchedRowReader {
        PrefetchedRowReader(Result { try rows(of: sheet) })
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

    /// The rows read on a thread of this reader's own, or nil when they are read on the caller's.
    private let handOff: HandOff<Item>?
    /// The sheet's reader, when its rows are read on the caller's thread (its part is parsed ahead).
    private var direct: SheetRowReader?
    /// Opening the sheet failed: the error, thrown by the first `next()`.
    private var openFailure: (any Error)?
    private var batch: [Row] = []
    private var position = 0
    private var ended = false
    private var endMetadata = SheetMetadata()

    init(_ opened: Result<SheetRowReader, any Error>) {
        switch opened {
        case .failure(let error):
            openFailure = error
            handOff = nil
        case .success(let reader) where reader.parsesAhead:
            direct = reader
            handOff = nil
        case .success(let reader):
            let slot = ReaderSlot(reader)
            handOff = HandOff(name: "minsheng-rows", capacity: Self.capacity) { handOff in
                // The sheet's reader is released inside `read`, before `stop()` is told the thread is done.
                Self.read(slot.take(), into: handOff)
            }
        }
    }

    deinit { handOff?.stop() }

    /// Whether the rows are read on this reader's own thread (false: the sheet's part is parsed ahead, and
    /// the cells are made on the caller's thread).
    var readsOnOwnThread: Bool { handOff != nil }

    /// The next row, or nil after the last one.
    public func next() throws -> Row? {
        if let openFailure {
            self.openFailure = nil
            ended = true
            throw openFailure
        }
        if let direct {
            do {
                if let row = try direct.next() { return row }
                endMetadata = direct.metadata
            } catch {
                self.direct = nil
                ended = true
                throw error
            }
            self.direct = nil
            ended = true
            return nil
        }
        guard let handOff else { return nil }
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
        direct = nil
        handOff?.stop()
    }

    /// The reading thread: reads every row, in batches, until the end, an error, or `stop()`.
    private static func read(_ reader: SheetRowReader?, into handOff: HandOff<Item>) {
        guard let reader else { return }
        var batch: [Row] = []
        var cells = 0
        do {
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

/// The sheet's reader, handed to the reading thread, which alone holds it from then on.
private final class ReaderSlot: @unchecked Sendable {
    private var reader: SheetRowReader?
    init(_ reader: SheetRowReader) { self.reader = reader }

    func take() -> SheetRowReader? {
        defer { reader = nil }
        return reader
    }
}

/// Hands a value that is not `Sendable` to one other thread, which alone uses it until it is done.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
