import XLSXCore

/// A compound file ([MS-CFB], the OLE2 container of `.xls`) held in memory: its allocation tables and
/// directory, enough to take one stream out of it.
///
/// Every chain is followed with a bitmap of the sectors already seen, so a loop is an error, not a hang;
/// no buffer is sized from a field of the file before that field is checked against the file's length
/// or `ReadLimits.maxPartSize`.
struct CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    // Special sector numbers ([MS-CFB] 2.1).
    static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let freeSector: UInt32 = 0xFFFF_FFFF
    static let noStream: UInt32 = 0xFFFF_FFFF
    static let miniSectorSize = 64
    static let miniStreamCutoff = 4096

    private let bytes: [UInt8]
    let sectorSize: Int
    /// Sectors that begin inside the file (the last one may be short).
    private let sectorCount: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStream: [UInt8]
    let entries: [DirectoryEntry]
    let majorVersion: Int

    /// Reads the header, the FAT (through the DIFAT), the directory, the mini FAT and the mini stream.
    /// - Throws: `XLSXError` (`truncatedZip`, `corruptZip`, `partTooLarge`) when the container is damaged.
    init(bytes: [UInt8], limits: ReadLimits) throws {
        guard bytes.count >= 512 else {
            throw XLSFailure.containerTruncated("the 512-byte header is incomplete", zh: "复合文档头不足 512 字节")
        }
        self.bytes = bytes
        majorVersion = Int(xlsU16(bytes, 0x1A))
        switch xlsU16(bytes, 0x1E) {
        case 9: sectorSize = 512
        case 12: sectorSize = 4096
        default: throw XLSFailure.container("the sector size is invalid", zh: "扇区大小无效")
        }
        guard xlsU16(bytes, 0x20) == 6 else {
            throw XLSFailure.container("the mini sector size is invalid", zh: "小扇区大小无效")
        }
        sectorCount = bytes.count > sectorSize ? (bytes.count - sectorSize + sectorSize - 1) / sectorSize : 0
        let declaredFATSectors = Int(xlsU32(bytes, 0x2C))

        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors, each ending with the next one's number.
        var fatSectors: [UInt32] = []
        for i in 0..<109 { fatSectors.append(xlsU32(bytes, 0x4C + 4 * i)) }
        var difat = xlsU32(bytes, 0x44)
        var seenDIFAT = SectorSet(count: sectorCount)
        let perSector = sectorSize / 4
        while difat < Self.maxRegularSector {
            guard Int(difat) < sectorCount else {
                throw XLSFailure.containerTruncated("DIFAT sector \(difat) lies past the end of the file", zh: "扇区分配表的索引扇区超出文件末尾")
            }
            guard seenDIFAT.insert(Int(difat)) else {
                throw XLSFailure.container("the DIFAT chain loops", zh: "扇区分配表索引的扇区链循环")
            }
            let base = (Int(difat) + 1) * sectorSize
            for i in 0..<(perSector - 1) where base + 4 * i + 4 <= bytes.count { fatSectors.append(xlsU32(bytes, base + 4 * i)) }
            difat = base + 4 * perSector <= bytes.count ? xlsU32(bytes, base + 4 * (perSector - 1)) : Self.endOfChain
            if difat < Self.maxRegularSector, seenDIFAT.contains(Int(difat)) {
                throw XLSFailure.container("the DIFAT chain loops", zh: "扇区分配表索引的扇区链循环")
            }
            // Once the DIFAT lists more FAT sectors than the file has sectors, the rest can only be garbage.
            if fatSectors.count > sectorCount + 109 { break }
        }

        // FAT: only its first `sectorCount` entries can describe a sector of this file, so reading stops there.
        var fat: [UInt32] = []
        fat.reserveCapacity(min(sectorCount + perSector, fatSectors.count * perSector))
        var listed = 0
        for id in fatSectors where id < Self.maxRegularSector {
            if fat.count >= sectorCount { break }
            listed += 1
            guard Int(id) < sectorCount else {
                // Some writers leave stale entries after the real ones; past the declared count they are ignored.
                if listed > declaredFATSectors { break }
                throw XLSFailure.containerTruncated("FAT sector \(id) lies past the end of the file", zh: "扇区分配表超出文件末尾")
            }
            let base = (Int(id) + 1) * sectorSize
            for i in 0..<perSector {
                let at = base + 4 * i
                fat.append(at + 4 <= bytes.count ? xlsU32(bytes, at) : Self.freeSector)
            }
        }
        self.fat = fat

        // Directory.
        let directoryStart = xlsU32(bytes, 0x30)
        let directorySectors = try Self.chain(
            from: directoryStart, table: fat, sectors: sectorCount, needed: nil, what: "directory", zh: "目录")
        var directory: [UInt8] = []
        directory.reserveCapacity(directorySectors.count * sectorSize)
        for s in directorySectors { directory += Self.sector(bytes, s, size: sectorSize) }
        var entries: [DirectoryEntry] = []
        var at = 0
        while at + 128 <= directory.count {
            entries.append(DirectoryEntry(directory, at: at, version: majorVersion))
            at += 128
        }
        guard let root = entries.first, root.type == .root || root.type == .storage else {
            throw XLSFailure.container("the directory has no root entry", zh: "目录中没有根节点")
        }
        self.entries = entries

        // Mini stream (held by the root entry) and mini FAT.
        var miniStream: [UInt8] = []
        var miniFAT: [UInt32] = []
        let miniFATStart = xlsU32(bytes, 0x3C)
        if root.size > 0, root.start < Self.maxRegularSector, miniFATStart < Self.maxRegularSector {
            guard root.size <= limits.maxPartSize else {
                throw XLSFailure.tooLarge("the mini stream", zh: "复合文档的小数据流", size: root.size, limit: limits.maxPartSize)
            }
            let needed = Int((root.size + Int64(sectorSize) - 1) / Int64(sectorSize))
            let ministreamSectors = try Self.chain(
                from: root.start, table: fat, sectors: sectorCount, needed: needed, what: "mini stream", zh: "小数据流")
            miniStream.reserveCapacity(min(Int(root.size), ministreamSectors.count * sectorSize))
            for s in ministreamSectors { miniStream += Self.sector(bytes, s, size: sectorSize) }
            if miniStream.count > Int(root.size) { miniStream.removeLast(miniStream.count - Int(root.size)) }
            let miniFATSectors = try Self.chain(
                from: miniFATStart, table: fat, sectors: sectorCount, needed: nil, what: "mini FAT", zh: "小扇区分配表")
            let miniSectors = (miniStream.count + Self.miniSectorSize - 1) / Self.miniSectorSize
            outer: for s in miniFATSectors {
                let base = (s + 1) * sectorSize
                for i in 0..<perSector {
                    if miniFAT.count >= miniSectors { break outer }
                    let p = base + 4 * i
                    miniFAT.append(p + 4 <= bytes.count ? xlsU32(bytes, p) : Self.freeSector)
                }
            }
        }
        self.miniStream = miniStream
        self.miniFAT = miniFAT
    }

    /// The top-level entries: the root's children, found by walking its red-black tree.
    /// - Throws: `corruptZip` when the tree loops or points outside the directory.
    func topLevelEntries() throws -> [DirectoryEntry] {
        var found: [DirectoryEntry] = []
        var seen = SectorSet(count: entries.count)
        var pending: [UInt32] = [entries[0].child]
        while let id = pending.popLast() {
            if id == Self.noStream { continue }
            guard Int(id) < entries.count else {
                throw XLSFailure.container("a directory entry points at entry \(id), past the directory's end", zh: "目录项指向不存在的目录项")
            }
            guard seen.insert(Int(id)) else {
                throw XLSFailure.container("the directory tree loops", zh: "目录树循环")
            }
            let entry = entries[Int(id)]
            found.append(entry)
            pending.append(entry.right)
            pending.append(entry.left)
        }
        return found
    }

    /// The content of a stream entry, cut to its declared size.
    /// - Throws: `partTooLarge` over `limits.maxPartSize`; `corruptZip`/`truncatedZip` for a broken chain.
    func content(of entry: DirectoryEntry, limits: ReadLimits) throws -> [UInt8] {
        guard entry.size <= limits.maxPartSize else {
            throw XLSFailure.tooLarge("the stream \(entry.name)", zh: "数据流 \(entry.name) ", size: entry.size, limit: limits.maxPartSize)
        }
        let size = Int(entry.size)
        if size == 0 { return [] }
        var out: [UInt8] = []
        if size < Self.miniStreamCutoff {
            let needed = (size + Self.miniSectorSize - 1) / Self.miniSectorSize
            let miniSectors = (miniStream.count + Self.miniSectorSize - 1) / Self.miniSectorSize
            let chain = try Self.chain(
                from: entry.start, table: miniFAT, sectors: miniSectors, needed: needed, what: "stream \(entry.name)", zh: "数据流 \(entry.name)")
            out.reserveCapacity(size)
            for s in chain {
                let start = s * Self.miniSectorSize
                out += miniStream[start..<min(start + Self.miniSectorSize, miniStream.count)]
            }
        } else {
            let needed = (size + sectorSize - 1) / sectorSize
            let chain = try Self.chain(
                from: entry.start, table: fat, sectors: sectorCount, needed: needed, what: "stream \(entry.name)", zh: "数据流 \(entry.name)")
            out.reserveCapacity(min(size, chain.count * sectorSize))
            for s in chain { out += Self.sector(bytes, s, size: sectorSize) }
        }
        if out.count > size { out.removeLast(out.count - size) }
        return out
    }

    /// Follows a chain of sector numbers through `table`.
    ///
    /// Stops at `ENDOFCHAIN`, at any other special value, or once `needed` sectors are collected (a chain
    /// longer than its stream needs is tolerated, as Excel does). A sector past `sectors`, or one seen
    /// twice, is an error.
    static func chain(
        from start: UInt32, table: [UInt32], sectors: Int, needed: Int?, what: String, zh: String
    ) throws -> [Int] {
        var result: [Int] = []
        var seen = SectorSet(count: sectors)
        var id = start
        while id < maxRegularSector {
            if let needed, result.count >= needed { break }
            let i = Int(id)
            guard i < sectors, i < table.count else {
                throw XLSFailure.containerTruncated(
                    "the \(what) continues at sector \(id), past the end of the file", zh: "\(zh)的扇区 \(id) 超出文件末尾")
            }
            guard seen.insert(i) else {
                throw XLSFailure.container("the sector chain of the \(what) loops", zh: "\(zh)的扇区链循环")
            }
            result.append(i)
            id = table[i]
        }
        return result
    }

    /// The bytes of one sector; the last sector of a file may be short.
    private static func sector(_ bytes: [UInt8], _ id: Int, size: Int) -> ArraySlice<UInt8> {
        let start = (id + 1) * size
        guard start < bytes.count else { return [] }
        return bytes[start..<min(start + size, bytes.count)]
    }
}

/// One 128-byte entry of the compound file's directory.
struct DirectoryEntry {
    enum Kind: UInt8 {
        case unknown = 0, storage = 1, stream = 2, root = 5
    }

    var name: String
    var type: Kind
    var left: UInt32
    var right: UInt32
    var child: UInt32
    var start: UInt32
    var size: Int64

    init(_ d: [UInt8], at o: Int, version: Int) {
        let nameBytes = min(64, Int(xlsU16(d, o + 64)))
        var units: [UInt16] = []
        var i = 0
        while i + 1 < nameBytes {
            let u = xlsU16(d, o + i)
            if u == 0 { break }
            units.append(u)
            i += 2
        }
        name = String(decoding: units, as: UTF16.self)
        type = Kind(rawValue: d[o + 66]) ?? .unknown
        left = xlsU32(d, o + 68)
        right = xlsU32(d, o + 72)
        child = xlsU32(d, o + 76)
        start = xlsU32(d, o + 116)
        // Version 3 files may leave garbage in the high half of the size ([MS-CFB] 2.6.3).
        let low = Int64(xlsU32(d, o + 120))
        let high = Int64(xlsU32(d, o + 124))
        size = version >= 4 && high < 0x8000_0000 ? (high << 32) | low : low
    }
}

/// A fixed-size bitmap of the sectors (or entries) a walk has visited.
struct SectorSet {
    private var words: [UInt64]

    init(count: Int) { words = Array(repeating: 0, count: (max(0, count) + 63) / 64) }

    /// Whether `i` is marked.
    func contains(_ i: Int) -> Bool {
        let w = i >> 6
        return w < words.count && words[w] & (UInt64(1) << UInt64(i & 63)) != 0
    }

    /// Marks `i`; false when it was marked already.
    mutating func insert(_ i: Int) -> Bool {
        let (w, b) = (i >> 6, UInt64(1) << UInt64(i & 63))
        guard w < words.count else { return true }
        if words[w] & b != 0 { return false }
        words[w] |= b
        return true
    }
}
