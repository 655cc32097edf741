import Foundation

/// Inflates and parses a worksheet part on a thread of its own, a few pushes ahead of the thread that makes
/// its cells (`CellDecoder`), so the two stages of reading a large sheet run on two cores.
///
/// What each push recorded is handed over as it is (`RawCells`, a row still open continuing in the next); a
/// failure is handed over in order, with what was recorded before it, and ends the thread. Dropping the
/// reader stops the thread and waits for it.
final class ParseAhead {
    enum Item {
        case rows(RawCells)
        case failed(RawCells, any Error)
        case end(SheetMetadata)
    }

    /// Whether large parts are parsed ahead (`MINSHENG_PARSE_AHEAD=0` turns it off, for measuring).
    static let enabled = ProcessInfo.processInfo.environment["MINSHENG_PARSE_AHEAD"] != "0"
    /// Pushes parsed and waiting at most.
    static let capacity = 4

    private let handOff: HandOff<Item>
    private let spares = Spares()

    init(entry: ZipEntryReader, parser: WorksheetParser, sax: SAXParser) {
        let work = UncheckedBox(Work(entry: entry, parser: parser, sax: sax))
        let spares = self.spares
        handOff = HandOff(name: "minsheng-parse", capacity: Self.capacity) { handOff in
            work.value.run(into: handOff, spares: spares)
        }
    }

    deinit { handOff.stop() }

    /// The next item; nil only if the thread has stopped without one (it always ends with `end` or `failed`).
    func next() -> Item? { handOff.take() }

    /// Hands a batch's storage back, once its rows are made, for the parsing thread to fill again: big
    /// arrays are not allocated (and their pages faulted in) afresh for every push.
    func giveBack(_ raw: RawCells) { spares.put(raw) }

    /// Emptied batches waiting to be filled again.
    private final class Spares: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [RawCells] = []

        func put(_ raw: RawCells) {
            var raw = raw
            raw.removeAll()
            lock.lock()
            defer { lock.unlock() }
            if batches.count < ParseAhead.capacity + 2 { batches.append(raw) }
        }

        func take() -> RawCells {
            lock.lock()
            defer { lock.unlock() }
            return batches.popLast() ?? RawCells()
        }
    }

    /// What the parsing thread alone uses; released there when it ends, so the entry is closed before the
    /// reader's `stop()` returns.
    private final class Work {
        private var entry: ZipEntryReader?
        private var parser: WorksheetParser?
        private var sax: SAXParser?

        init(entry: ZipEntryReader, parser: WorksheetParser, sax: SAXParser) {
            self.entry = entry
            self.parser = parser
            self.sax = sax
        }

        func run(into handOff: HandOff<Item>, spares: Spares) {
            defer {
                sax = nil
                parser = nil
                entry = nil
            }
            guard let entry, let parser, let sax else { return }
            while true {
                var ended = false
                do {
                    if let chunk = try entry.next() {
                        try sax.push(chunk)
                    } else {
                        try sax.finish()
                        ended = true
                    }
                } catch {
                    var raw = RawCells()
                    parser.takeRows(into: &raw, closingOpenRow: true)
                    _ = handOff.put(.failed(raw, error))
                    return
                }
                var raw = spares.take()
                parser.takeRows(into: &raw, closingOpenRow: ended)
                if !raw.isEmpty, !handOff.put(.rows(raw)) { return }
                if ended {
                    _ = handOff.put(.end(parser.metadata))
                    return
                }
            }
        }
    }
}
