import Foundation
import XLSXCore

/// `xl/sharedStrings.xml`: every distinct text once, referenced by index from the cells.
///
/// The strings live end to end in blocks of 1 MiB, found again through an open-addressing table of
/// indices: about 1.9 × the strings' own bytes for a million short strings, against several times that
/// for a dictionary of `String`s. Blocks are never moved, so growing copies nothing and overshoots by at
/// most one block (one array doubling its capacity held three times the bytes for a moment). Strings are
/// compared by their exact UTF-8 bytes (String's own equality normalises, which would merge strings a
/// reader must get back byte for byte).
final class SharedStringTable {
    private static let blockShift = 20
    private static let blockSize = 1 << blockShift
    /// The strings' bytes; a string never straddles two blocks (a cell holds at most 32,767 characters).
    @exclusivity(unchecked) private var blocks: [UnsafeMutablePointer<UInt8>] = []
    /// Where the next string may start: block × `blockSize` + offset in the block.
    @exclusivity(unchecked) private var used = 0
    /// The end of each string in that numbering. String `i` starts where string `i - 1` ends, or at the
    /// start of its own block when it did not fit in the rest of the one before (`bytes(_:)`).
    @exclusivity(unchecked) private var ends: [UInt32] = []
    /// Indices into `ends`, -1 for an empty slot; at most three quarters full. Any size will do: a hash is
    /// mapped onto the slots by multiplying (`slot(of:)`), so the table grows by half, not double, and a
    /// million strings take 6 MiB of slots, not 8.
    @exclusivity(unchecked) private var slots = [Int32](repeating: -1, count: 1 << 10)
    @exclusivity(unchecked) private(set) var references = 0
    /// How the part is deflated while strings are added; nil to write and deflate it whole at the end.
    private let streaming: (path: String, slots: StreamingDeflate.Slots)?
    private var flushedBefore = false
    /// The `<si>` items of the strings added since the last hand-over to `stream`.
    @exclusivity(unchecked) private var items = XMLBuffer(capacity: 1 << 17)
    /// The items deflated as they come, from the first full buffer on.
    private(set) var stream: StreamingDeflate?

    /// - Parameter streaming: where and how to deflate the items as strings are added.
    init(streaming: (path: String, slots: StreamingDeflate.Slots)? = nil) {
        self.streaming = streaming
    }

    /// A table dropped before its workbook was written stops its deflating thread.
    deinit {
        stream?.abandon()
        for block in blocks { block.deallocate() }
    }

    /// The number of distinct strings.
    var count: Int { ends.count }

    /// The index of `s`, adding it on first use; nil when the table is full (4 GiB of text or 2³¹
    /// strings), and the caller then writes the text inline.
    @inline(__always)
    func index(of s: String) -> Int? {
        var s = s
        let found = s.withUTF8 { find($0) }
        if found != nil { references += 1 }
        return found
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let size = slots.count
        var i = Self.slot(of: Self.hash(key), in: size)
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            if equal(Int(slot), key) { return Int(slot) }
            i += 1
            if i == size { i = 0 }
        }
        var start = used
        if blocks.isEmpty || start >> Self.blockShift >= blocks.count || (start & (Self.blockSize - 1)) + key.count > Self.blockSize {
            start = blocks.count << Self.blockShift
            guard key.count <= Self.blockSize, start + Self.blockSize <= Int(UInt32.max) else { return nil }
            blocks.append(.allocate(capacity: Self.blockSize))
        }
        guard ends.count < Int(Int32.max) else { return nil }
        if let base = key.baseAddress, key.count > 0 {
            (blocks[start >> Self.blockShift] + (start & (Self.blockSize - 1))).update(from: base, count: key.count)
        }
        let id = ends.count
        used = start + key.count
        ends.append(UInt32(used))
        slots[i] = Int32(id)
        if ends.count * 4 > slots.count * 3 { grow() }
        // Items are made only while they can still be streamed (not once the first flush found no slot).
        if let streaming, stream != nil || !flushedBefore {
            SharedStringTable.item(key, into: &items)
            if items.bytes.count >= 1 << 16 {
                if !flushedBefore { stream = streaming.slots.start(archivePath: streaming.path) }
                flushedBefore = true
                stream?.write(items.bytes)
                // Without a stream the items are not needed: the part is written from the blocks at the end.
                items.bytes.removeAll(keepingCapacity: stream != nil)
            }
        }
        return id
    }

    /// String `id`'s bytes: from the end of the one before, or from the start of the block its last byte
    /// is in when it was put in a new block.
    private func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        let end = Int(ends[id]), previous = id == 0 ? 0 : Int(ends[id - 1])
        guard end > previous else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = max(previous, ((end - 1) >> Self.blockShift) << Self.blockShift)
        return UnsafeBufferPointer(start: blocks[start >> Self.blockShift] + (start & (Self.blockSize - 1)), count: end - start)
    }

    private func equal(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let stored = bytes(id)
        guard stored.count == key.count else { return false }
        return stored.isEmpty || memcmp(stored.baseAddress!, key.baseAddress!, stored.count) == 0
    }

    /// Makes half as many slots again and places every string again.
    private func grow() {
        let size = slots.count + slots.count / 2
        slots = [Int32](repeating: -1, count: size)
        for id in 0..<ends.count {
            var i = Self.slot(of: Self.hash(bytes(id)), in: size)
            while slots[i] >= 0 {
                i += 1
                if i == size { i = 0 }
            }
            slots[i] = Int32(id)
        }
    }

    /// The slot a hash starts at: its high bits scaled to the table's size (Lemire's multiply-shift).
    @inline(__always)
    private static func slot(of hash: UInt64, in size: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(size)).high)
    }

    /// FNV-1a, 64 bits, with a final mix so that the high bits the table uses depend on every byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 29
        h &*= 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// Whether text begins or ends with white space, which readers drop unless `xml:space="preserve"` says not to.
    static func needsPreserve(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { needsPreserve($0) }
    }

    static func needsPreserve(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        return space(first) || space(last)
    }

    /// One string's `<si>` element.
    private static func item(_ text: UnsafeBufferPointer<UInt8>, into x: inout XMLBuffer) {
        x.raw(needsPreserve(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
        x.text(utf8: text)
        x.raw("</t></si>")
    }

    /// The part's start: the declaration and `<sst>` with its counts.
    private var head: [UInt8] {
        var x = XMLBuffer(capacity: 256)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        x.attribute("count", references)
        x.attribute("uniqueCount", ends.count)
        x.raw(">")
        return x.bytes
    }

    /// The part as its items were deflated while strings were added, with its head to put in front and the
    /// stream to keep until the package is written; nil when the table never filled a buffer or the
    /// deflating failed, and the part is then written whole (`write(to:)`).
    func streamed() -> (part: PrecompressedPart, stream: StreamingDeflate)? {
        guard let stream else { return nil }
        items.raw("</sst>")
        stream.write(items.bytes)
        items.bytes.removeAll()
        guard let rest = stream.finish() else { return nil }
        return (PrecompressedPart(head: head, rest: rest), stream)
    }

    /// Stops deflating the items (the part is written whole instead).
    func abandonStream() { stream?.abandon() }

    /// Writes the part to a file, 1 MiB at a time.
    /// - Throws: `XLSXError` when the file cannot be written.
    func write(to path: String) throws {
        guard let file = fopen(path, "wb") else {
            let code = errno
            throw XLSXError(.ioError, "cannot write a temporary file", zh: "无法写入临时文件：\(ChineseText.systemReason(code))",
                            zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
        }
        var failed = false
        defer { fclose(file) }
        var x = XMLBuffer(capacity: 1 << 20 + 4096)
        func flush() {
            if !x.bytes.isEmpty, fwrite(x.bytes, 1, x.bytes.count, file) != x.bytes.count { failed = true }
            x.bytes.removeAll(keepingCapacity: true)
        }
        x.bytes += head
        for id in 0..<ends.count {
            SharedStringTable.item(bytes(id), into: &x)
            if x.bytes.count >= 1 << 20 { flush() }
        }
        x.raw("</sst>")
        flush()
        if failed || fflush(file) != 0 {
            throw XLSXError(.ioError, "cannot write a temporary file", zh: "无法写入临时文件", zhHint: "请检查磁盘空间是否已满", location: ErrorLocation(file: path))
        }
    }
}
