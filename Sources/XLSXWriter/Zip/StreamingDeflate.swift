import CLibZip
import Foundation

/// A part deflated while it is still being written: the writer hands over its bytes as it flushes them and
/// a thread of its own deflates them through libzip into an archive of its own, a few chunks behind. So a
/// sheet is compressed on the second core while its rows are made, not after.
///
/// What a part begins with (`<dimension>`, the fitted `<cols>`) is known only after its rows, so the rows
/// and what follows them are deflated here, and the head is put in front later as stored deflate blocks
/// (`PrecompressedPart`). Any failure here only means the part is made from its spool file as before.
final class StreamingDeflate: @unchecked Sendable {
    /// What was deflated: the archive holding it as entry 0 (open for reading), and its CRC and sizes.
    struct Result {
        let archive: OpaquePointer
        let crc: UInt32
        let size: UInt64
        let compressedSize: UInt64
        let level: Int
    }

    /// Chunks handed over and not yet deflated, at most; the writer waits for room beyond that.
    static let depth = 8

    private let condition = NSCondition()
    private var pending: [[UInt8]] = []
    private var ended = false
    private var abandoned = false
    private var failed = false
    /// The chunk being read by the deflating thread, and how far.
    private var current: [UInt8] = []
    private var offset = 0
    private let done = DispatchSemaphore(value: 0)
    /// Written by the deflating thread before `done` is signalled.
    private var result: Result?
    private var waited = false

    /// How a workbook's parts are deflated while written: the level and time of every entry, and how many
    /// parts may be at once. Each holds a thread, zlib's state and a temporary file until its part ends,
    /// so a workbook of many large sheets does not hold one per sheet.
    final class Slots: @unchecked Sendable {
        let level: Int
        let mtime: time_t
        private let lock = NSLock()
        private var free: Int

        init(_ count: Int, level: Int, mtime: time_t) {
            free = count
            self.level = level
            self.mtime = mtime
        }

        /// A part's deflating begun, writing to `archivePath`; nil when every slot is held.
        func start(archivePath: String) -> StreamingDeflate? {
            lock.lock()
            guard free > 0 else {
                lock.unlock()
                return nil
            }
            free -= 1
            lock.unlock()
            return StreamingDeflate(archivePath: archivePath, slot: self)
        }

        fileprivate func give() {
            lock.lock()
            free += 1
            lock.unlock()
        }
    }

    private let slots: Slots
    /// Whether the slot was given back (when the part ended or was abandoned); the owner's thread only.
    private var slotGiven = false

    /// Starts the deflating thread, writing to `archivePath`, in a slot already taken from `slots`.
    private init(archivePath: String, slot slots: Slots) {
        self.slots = slots
        let thread = Thread { [self] in
            result = deflate(to: archivePath, level: slots.level, mtime: slots.mtime)
            condition.lock()
            failed = result == nil
            condition.broadcast()
            condition.unlock()
            done.signal()
        }
        thread.name = "minsheng-deflate"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The thread holds the object until it ends, so this runs after it: whoever owns the stream must end or
    /// abandon it (`SheetWriter` and `SharedStringTable` abandon theirs when they go).
    deinit {
        if let result { zip_discard(result.archive) }
    }

    /// Hands over the next bytes of the part, waiting while `depth` chunks are still to be deflated.
    /// Does nothing once the deflating failed: the part is then made from its spool file.
    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        condition.lock()
        while pending.count >= Self.depth && !failed && !abandoned { condition.wait() }
        if !failed && !abandoned && !ended { pending.append(bytes) }
        condition.signal()
        condition.unlock()
    }

    /// Ends the part: no more bytes. The deflating finishes on its thread.
    func end() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
        giveSlot()
    }

    private func giveSlot() {
        if !slotGiven { slots.give() }
        slotGiven = true
    }

    /// Waits for the deflating of an ended part; nil when it failed or was abandoned.
    func finish() -> Result? {
        end()
        if !waited {
            done.wait()
            waited = true
        }
        return abandoned ? nil : result
    }

    /// Stops the deflating thread without a result (the sheet is not written, or is made again).
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
        giveSlot()
        if !waited {
            done.wait()
            waited = true
        }
    }

    /// Whether the deflating thread ends within `seconds` (for tests).
    func threadEnded(within seconds: Double) -> Bool {
        if waited { return true }
        waited = done.wait(timeout: .now() + seconds) == .success
        return waited
    }

    /// The deflating thread's reads: the next bytes handed over, 0 at the end, nil when abandoned.
    private func take(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        if offset == current.count {
            condition.lock()
            while pending.isEmpty && !ended && !abandoned { condition.wait() }
            if abandoned {
                condition.unlock()
                return nil
            }
            if pending.isEmpty {
                condition.unlock()
                return 0
            }
            current = pending.removeFirst()
            offset = 0
            condition.signal()
            condition.unlock()
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }

    private func deflate(to archivePath: String, level: Int, mtime: time_t) -> Result? {
        let read = ZipSource(read: { [self] in take(into: $0) })
        guard let archive = DeflateJob.deflate(to: archivePath, level: level, mtime: mtime, source: { read.make(in: $0) }) else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        let needed = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC)
        guard zip_stat_index(archive, 0, 0, &stat) == 0, stat.valid & needed == needed, stat.comp_method == Int32(ZIP_CM_DEFLATE) else {
            zip_discard(archive)
            return nil
        }
        return Result(archive: archive, crc: stat.crc, size: stat.size, compressedSize: stat.comp_size, level: level)
    }
}
