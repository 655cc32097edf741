#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Takes the rows out of `content.xml` as its bytes stream past, for the pass that reads only a document's
/// structure (styles, tables, columns): every `table:table-row` element, nested ones included, is dropped
/// before the XML parser sees it, so that pass costs a byte scan instead of a parse of every cell.
///
/// What is dropped is a balanced element, so what remains is well-formed when the input is. Comments,
/// CDATA sections and processing instructions are passed over whole (a `<table:table-row` inside one is text),
/// and quoted attribute values may hold `>`. A sheet's rows are parsed in full when that sheet is read,
/// which reports any error in them; an error in the rows of a sheet never read is not reported. Used only when the document's root binds the prefix `table` to the ODF table
/// namespace (`ODSRowElision.applies`).
struct ODSRowElision {
    private enum Resume: Equatable {
        case emit
        case skip(Int)
    }

    private enum State: Equatable {
        /// Outside any row: bytes pass through.
        case emit
        /// Inside a row's start tag; `depth` rows were open before it, `quote` is the open quote if any.
        case rowTag(depth: Int, quote: UInt8?, lastSlash: Bool)
        /// Inside `depth` open rows.
        case skip(Int)
        /// Inside a row's end tag, up to its `>`.
        case rowEnd(depth: Int)
        /// Inside a comment, CDATA section or processing instruction, up to `terminator`.
        case opaque(terminator: [UInt8], resume: Resume)
    }

    private var state = State.emit
    /// Bytes of a token cut by the end of a chunk, handled with the next one.
    private var pending: [UInt8] = []

    static let rowStart = Array("<table:table-row".utf8)
    static let rowEnd = Array("</table:table-row".utf8)
    private static let comment = (open: Array("<!--".utf8), close: Array("-->".utf8))
    private static let cdata = (open: Array("<![CDATA[".utf8), close: Array("]]>".utf8))
    private static let pi = (open: Array("<?".utf8), close: Array("?>".utf8))
    /// The longest opening looked for, and one byte after it.
    private static let lookahead = 18

    /// Whether a document's opening bytes bind `table` to the ODF table namespace in the root element.
    static func applies(_ head: UnsafeRawBufferPointer) -> Bool {
        let bytes = Array(head.prefix(64 << 10))
        guard let root = find(Array("<office:document-content".utf8), in: bytes, from: 0) else { return false }
        guard let end = bytes[root...].firstIndex(of: UInt8(ascii: ">")) else { return false }
        return find(Array("xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"".utf8), in: Array(bytes[root..<end]), from: 0) != nil
    }

    /// Appends to `out` what remains of `chunk` once its rows are taken out.
    mutating func filter(_ chunk: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var buffer = pending
        buffer.append(contentsOf: chunk)
        pending = []
        run(buffer, final: false, into: &out)
    }

    /// Appends what is left at the end of the document (a row left open there is dropped, and the XML parser
    /// then reports the document cut short).
    mutating func finish(into out: inout [UInt8]) {
        let rest = pending
        pending = []
        run(rest, final: true, into: &out)
    }

    private mutating func run(_ b: [UInt8], final: Bool, into out: inout [UInt8]) {
        var i = 0
        let n = b.count
        while i < n {
            switch state {
            case .emit:
                guard let lt = ODSRowElision.index(of: UInt8(ascii: "<"), in: b, from: i) else {
                    out.append(contentsOf: b[i...])
                    return
                }
                out.append(contentsOf: b[i..<lt])
                i = lt
                if n - i < ODSRowElision.lookahead && !final {
                    pending = Array(b[i...])
                    return
                }
                if let (close, length) = ODSRowElision.opaqueOpening(b, at: i) {
                    out.append(contentsOf: b[i..<(i + length)])
                    i += length
                    state = .opaque(terminator: close, resume: .emit)
                } else if ODSRowElision.isTag(ODSRowElision.rowStart, b, at: i) {
                    i += ODSRowElision.rowStart.count
                    state = .rowTag(depth: 0, quote: nil, lastSlash: false)
                } else {
                    out.append(b[i])
                    i += 1
                }
            case .rowTag(let depth, var quote, var lastSlash):
                while i < n {
                    let c = b[i]
                    i += 1
                    if let q = quote {
                        if c == q { quote = nil }
                        continue
                    }
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                        quote = c
                        lastSlash = false
                    } else if c == UInt8(ascii: ">") {
                        let open = lastSlash ? depth : depth + 1
                        state = open == 0 ? .emit : .skip(open)
                        break
                    } else {
                        lastSlash = c == UInt8(ascii: "/")
                    }
                }
                if case .rowTag = state { state = .rowTag(depth: depth, quote: quote, lastSlash: lastSlash) }
            case .skip(let depth):
                guard let lt = ODSRowElision.index(of: UInt8(ascii: "<"), in: b, from: i) else { return }
                i = lt
                if n - i < ODSRowElision.lookahead && !final {
                    pending = Array(b[i...])
                    return
                }
                if let (close, length) = ODSRowElision.opaqueOpening(b, at: i) {
                    i += length
                    state = .opaque(terminator: close, resume: .skip(depth))
                } else if ODSRowElision.isTag(ODSRowElision.rowEnd, b, at: i) {
                    i += ODSRowElision.rowEnd.count
                    state = .rowEnd(depth: depth)
                } else if ODSRowElision.isTag(ODSRowElision.rowStart, b, at: i) {
                    i += ODSRowElision.rowStart.count
                    state = .rowTag(depth: depth, quote: nil, lastSlash: false)
                } else {
                    i += 1
                }
            case .rowEnd(let depth):
                guard let gt = ODSRowElision.index(of: UInt8(ascii: ">"), in: b, from: i) else { return }
                i = gt + 1
                state = depth - 1 == 0 ? .emit : .skip(depth - 1)
            case .opaque(let terminator, let resume):
                let emitting = resume == .emit
                if let end = ODSRowElision.find(terminator, in: b, from: i) {
                    if emitting { out.append(contentsOf: b[i..<(end + terminator.count)]) }
                    i = end + terminator.count
                    if case .skip(let depth) = resume { state = .skip(depth) } else { state = .emit }
                } else {
                    // Keep the last bytes: the terminator may begin in this chunk and end in the next.
                    let keep = final ? n : max(i, n - (terminator.count - 1))
                    if emitting { out.append(contentsOf: b[i..<keep]) }
                    if !final { pending = Array(b[keep...]) }
                    return
                }
            }
        }
    }

    /// The first `byte` at or after `start` (memchr).
    private static func index(of byte: UInt8, in b: [UInt8], from start: Int) -> Int? {
        guard start < b.count else { return nil }
        return b.withUnsafeBufferPointer { p in
            memchr(p.baseAddress! + start, Int32(byte), b.count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p.baseAddress! }
        }
    }

    /// A comment, CDATA section or processing instruction opening at `i`: its terminator and opening length.
    private static func opaqueOpening(_ b: [UInt8], at i: Int) -> ([UInt8], Int)? {
        guard i + 1 < b.count, b[i + 1] == UInt8(ascii: "!") || b[i + 1] == UInt8(ascii: "?") else { return nil }
        for (open, close) in [comment, cdata, pi] where starts(open, b, at: i) { return (close, open.count) }
        return nil
    }

    /// Whether the tag name `name` (with its `<` or `</`) starts at `i` and ends there: the next byte is white
    /// space, `/` or `>` (so `table:table-rows` is not `table:table-row`).
    private static func isTag(_ name: [UInt8], _ b: [UInt8], at i: Int) -> Bool {
        guard starts(name, b, at: i) else { return false }
        let k = i + name.count
        guard k < b.count else { return true }
        switch b[k] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"): return true
        default: return false
        }
    }

    private static func starts(_ prefix: [UInt8], _ b: [UInt8], at i: Int) -> Bool {
        guard i + prefix.count <= b.count else { return false }
        for k in 0..<prefix.count where b[i + k] != prefix[k] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, b.count >= needle.count, start <= b.count - needle.count else { return nil }
        var i = start
        while let first = index(of: needle[0], in: b, from: i), first <= b.count - needle.count {
            if starts(needle, b, at: first) { return first }
            i = first + 1
        }
        return nil
    }
}
