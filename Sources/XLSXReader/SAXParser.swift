import Foundation
import CLibXML2
import XLSXCore

/// The namespaces whose elements and attributes minsheng looks at. Transitional and Strict URIs map
/// to the same case, so parsers match by meaning rather than by prefix.
enum XMLNamespace: UInt8 {
    /// No namespace at all (attributes, and documents written without `xmlns`).
    case none
    case main
    case officeRelationships
    case packageRelationships
    case contentTypes
    /// `xml:` attributes such as `xml:space`.
    case xml
    case other

    init(uri: UnsafePointer<UInt8>?) {
        guard let uri else {
            self = .none
            return
        }
        switch String(cString: uri) {
        case "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            "http://purl.oclc.org/ooxml/spreadsheetml/main":
            self = .main
        case "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            "http://purl.oclc.org/ooxml/officeDocument/relationships":
            self = .officeRelationships
        case "http://schemas.openxmlformats.org/package/2006/relationships":
            self = .packageRelationships
        case "http://schemas.openxmlformats.org/package/2006/content-types":
            self = .contentTypes
        case "http://www.w3.org/XML/1998/namespace":
            self = .xml
        default:
            self = .other
        }
    }
}

/// An element name as the parser reports it: borrowed bytes, valid only during the callback.
struct XMLName {
    let local: UnsafePointer<UInt8>
    let namespace: XMLNamespace

    /// Whether the local name equals `name` (ASCII).
    @inline(__always)
    func `is`(_ name: StaticString) -> Bool {
        let p = name.utf8Start
        var i = 0
        while true {
            let a = local[i], b = i < name.utf8CodeUnitCount ? p[i] : 0
            if a != b { return false }
            if a == 0 { return true }
            i += 1
        }
    }

    /// Whether this is `name` in the SpreadsheetML namespace (or in none, as some generators write).
    @inline(__always)
    func isMain(_ name: StaticString) -> Bool {
        (namespace == .main || namespace == .none) && self.is(name)
    }

    var string: String { String(cString: local) }
}

/// The attributes of a start tag: borrowed bytes, valid only during the callback.
struct XMLAttributes {
    let count: Int
    /// libxml2's layout: five pointers per attribute (local name, prefix, URI, value start, value end).
    let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute with this local name and no namespace.
    @inline(__always)
    func bytes(_ name: StaticString, namespace: XMLNamespace = .none) -> UnsafeBufferPointer<UInt8>? {
        guard let raw else { return nil }
        for i in 0..<count {
            let base = raw + i * 5
            guard let localName = base[0] else { continue }
            guard XMLName(local: localName, namespace: .none).is(name) else { continue }
            if namespace == .none ? base[2] != nil : XMLNamespace(uri: base[2]) != namespace { continue }
            guard let start = base[3], let end = base[4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Calls `body` with the first byte of the name and the value of each attribute whose name is one letter
    /// and has no namespace, in document order.
    @inline(__always)
    func forEachOneLetter(_ body: (UInt8, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let raw else { return }
        for i in 0..<count {
            let base = raw + i * 5
            guard let localName = base[0], localName[0] != 0, localName[1] == 0, base[2] == nil else { continue }
            guard let start = base[3], let end = base[4] else {
                body(localName[0], UnsafeBufferPointer(start: nil, count: 0))
                continue
            }
            body(localName[0], UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// The value as a string. libxml2 resolves the character references and the predefined entities
    /// except one: without entity substitution (never asked for, for safety) it hands `&amp;` over as the
    /// five characters `&#38;`, which are turned back into `&` here.
    func string(_ name: StaticString, namespace: XMLNamespace = .none) -> String? {
        guard let b = bytes(name, namespace: namespace) else { return nil }
        let s = String(decoding: b, as: UTF8.self)
        return b.contains(0x26) ? s.replacingOccurrences(of: "&#38;", with: "&") : s
    }

    /// The value as an integer, when it is one.
    func int(_ name: StaticString) -> Int? {
        guard let b = bytes(name, namespace: .none) else { return nil }
        return parseInt(b)
    }

    /// `1`/`true` as true, `0`/`false` as false (xsd:boolean), nil when missing or unreadable.
    func bool(_ name: StaticString) -> Bool? {
        guard let s = string(name) else { return nil }
        switch s.lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default: return nil
        }
    }
}

/// Parses an optionally signed decimal integer; nil on anything else.
@inline(__always)
func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < b.count, isXMLSpace(b[i]) { i += 1 }
    var negative = false
    if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
        negative = b[i] == UInt8(ascii: "-")
        i += 1
    }
    var n = 0
    var digits = 0
    while i < b.count, b[i] >= 48, b[i] <= 57 {
        n = n &* 10 &+ Int(b[i] - 48)
        digits += 1
        i += 1
    }
    guard digits > 0, digits < 19 else { return nil }
    while i < b.count, isXMLSpace(b[i]) { i += 1 }
    guard i == b.count else { return nil }
    return negative ? -n : n
}

@inline(__always)
func isXMLSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

/// Whether a `<t>` element keeps its leading and trailing white space (`xml:space="preserve"`).
func preservesSpace(_ attributes: XMLAttributes) -> Bool {
    attributes.string("space", namespace: .xml) == "preserve"
}

/// Drops the white space at both ends of `buffer[from...]`, as Excel does with `<t>` text that
/// does not carry `xml:space="preserve"`.
func trimXMLSpace(_ buffer: inout [UInt8], from start: Int) {
    var end = buffer.count
    while end > start, isXMLSpace(buffer[end - 1]) { end -= 1 }
    var first = start
    while first < end, isXMLSpace(buffer[first]) { first += 1 }
    if end < buffer.count { buffer.removeSubrange(end...) }
    if first > start { buffer.removeSubrange(start..<first) }
}

/// Receives the events of one document.
protocol SAXHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws
    func endElement(_ name: XMLName) throws
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// libxml2's SAX2 push parser, with DTDs, entity declarations and network access refused.
///
/// Feed it chunks with `push`, then call `finish`. It is the only place minsheng calls libxml2.
final class SAXParser {
    private final class Context {
        // Held strongly: a call through a `let` of a context the callbacks borrow (`_withUnsafeGuaranteedRef`)
        // needs no retain and release of the handler per SAX event, which an unowned reference would.
        let handler: SAXHandler
        var parser: xmlParserCtxtPtr?
        @exclusivity(unchecked) var failure: Error?
        var forbidden: (english: String, chinese: String)?
        /// The namespaces of the last URIs seen, by pointer: libxml2 keeps each URI once in its dictionary,
        /// and OpenDocument alternates between several (`table:`, `office:`, `text:`) element by element.
        @exclusivity(unchecked) var recentURIs: (UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?) = (nil, nil, nil, nil)
        @exclusivity(unchecked) var recentNamespaces: (XMLNamespace, XMLNamespace, XMLNamespace, XMLNamespace) = (.none, .none, .none, .none)
        @exclusivity(unchecked) var nextRecent = 0
        var firstError: (message: String, line: Int, column: Int)?
        @exclusivity(unchecked) var depth = 0

        init(handler: SAXHandler) { self.handler = handler }

        @inline(__always)
        func namespace(_ uri: UnsafePointer<UInt8>?) -> XMLNamespace {
            guard let uri else { return .none }
            if uri == recentURIs.0 { return recentNamespaces.0 }
            if uri == recentURIs.1 { return recentNamespaces.1 }
            if uri == recentURIs.2 { return recentNamespaces.2 }
            if uri == recentURIs.3 { return recentNamespaces.3 }
            let found = XMLNamespace(uri: uri)
            switch nextRecent {
            case 0: (recentURIs.0, recentNamespaces.0) = (uri, found)
            case 1: (recentURIs.1, recentNamespaces.1) = (uri, found)
            case 2: (recentURIs.2, recentNamespaces.2) = (uri, found)
            default: (recentURIs.3, recentNamespaces.3) = (uri, found)
            }
            nextRecent = (nextRecent + 1) & 3
            return found
        }

        func stop(_ error: Error) {
            if failure == nil { failure = error }
            if let parser { xmlStopParser(parser) }
        }
    }

    private let context: Context
    private let parser: xmlParserCtxtPtr
    private let location: ErrorLocation

    /// Creates a parser reporting to `handler`; `location` names the part in error messages.
    init(handler: SAXHandler, location: ErrorLocation) throws {
        SAXParser.initialiseOnce
        CLibXML2_silenceGenericErrors()
        context = Context(handler: handler)
        self.location = location
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
            // _withUnsafeGuaranteedRef: the parser keeps the context alive, so no retain per event.
            Unmanaged<Context>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { c in
            guard c.failure == nil, let localname else { return }
            c.depth += 1
            // libxml2's push parser does not apply its own depth limit; spreadsheet parts nest a dozen levels.
            if c.depth > SAXParser.maxDepth {
                c.stop(XLSXError(
                    .limitExceeded, "the XML nests elements more than \(SAXParser.maxDepth) levels deep",
                    hint: "no spreadsheet program writes such a file; it is damaged or crafted",
                    zh: "XML 元素嵌套超过\(SAXParser.maxDepth)层",
                    zhHint: "电子表格软件不会生成这样的文件，该文件已损坏或被人为构造，为安全起见未读取"))
                return
            }
            let name = XMLName(local: localname, namespace: c.namespace(uri))
            do {
                try c.handler.startElement(name, XMLAttributes(count: Int(nbAttributes), raw: attributes))
            } catch { c.stop(error) }
            }
        }
        sax.endElementNs = { ctx, localname, _, uri in
            Unmanaged<Context>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { c in
                guard c.failure == nil, let localname else { return }
                c.depth -= 1
                do { try c.handler.endElement(XMLName(local: localname, namespace: c.namespace(uri))) } catch { c.stop(error) }
            }
        }
        let text: charactersSAXFunc = { ctx, chars, len in
            Unmanaged<Context>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { c in
                guard c.failure == nil, let chars else { return }
                do { try c.handler.characters(UnsafeBufferPointer(start: chars, count: Int(len))) } catch { c.stop(error) }
            }
        }
        sax.characters = text
        sax.ignorableWhitespace = text
        sax.cdataBlock = text
        sax.internalSubset = { ctx, name, _, _ in
            let c = Unmanaged<Context>.fromOpaque(ctx!).takeUnretainedValue()
            let declared = name.map { String(cString: $0) }
            c.forbidden = (
                english: "a DOCTYPE declaration" + (declared.map { " (\($0))" } ?? ""),
                chinese: "文档类型声明（DOCTYPE" + (declared.map { " \($0)" } ?? "") + "）")
            if let p = c.parser { xmlStopParser(p) }
        }
        sax.entityDecl = { ctx, name, _, _, _, _ in
            let c = Unmanaged<Context>.fromOpaque(ctx!).takeUnretainedValue()
            let declared = name.map { String(cString: $0) }
            c.forbidden = (
                english: "an entity declaration" + (declared.map { " (\($0))" } ?? ""),
                chinese: "实体声明" + (declared.map { "（\($0)）" } ?? ""))
            if let p = c.parser { xmlStopParser(p) }
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            let c = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            if c.firstError == nil {
                var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                while message.last == "\n" || message.last == " " { message.removeLast() }
                c.firstError = (message, Int(error.pointee.line), Int(error.pointee.int2))
            }
        }
        let user = Unmanaged.passUnretained(context).toOpaque()
        guard let p = xmlCreatePushParserCtxt(&sax, user, nil, 0, nil) else {
            throw XLSXError(
                .ioError, "libxml2 could not create a parser (xmlCreatePushParserCtxt)",
                zh: "无法创建 XML 解析器（xmlCreatePushParserCtxt 失败）", zhHint: "可能是内存不足，请关闭其他程序后重试", location: location)
        }
        // Never XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded and depth stays capped.
        xmlCtxtUseOptions(p, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        parser = p
        context.parser = p
    }

    deinit {
        xmlFreeParserCtxt(parser)
    }

    private static let initialiseOnce: Void = { xmlInitParser() }()

    /// The deepest element nesting accepted.
    static let maxDepth = 256

    /// Parses the next chunk of the document.
    func push(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        // xmlParseChunk takes an Int32 length; feed large buffers in pieces.
        repeat {
            let n = min(bytes.count - offset, 1 << 30)
            let base = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            let rc = xmlParseChunk(parser, base, Int32(n), 0)
            try check(rc)
            offset += n
        } while offset < bytes.count
    }

    /// Tells the parser the document is complete and reports any error left.
    func finish() throws {
        let rc = xmlParseChunk(parser, nil, 0, 1)
        try check(rc)
    }

    private func check(_ rc: Int32) throws {
        if let forbidden = context.forbidden {
            throw XLSXError(
                .forbiddenDTD, "the XML contains \(forbidden.english), which spreadsheet parts never have; it was refused, not expanded",
                hint: "the file may be crafted; do not open it, and ask the sender for a workbook saved by Excel or WPS",
                zh: "XML 中含有\(forbidden.chinese)，正常的工作簿不会有这种内容；已拒绝读取，未作展开",
                zhHint: "该文件可能被人为构造，请不要打开，并请报送单位提供用 Excel 或 WPS 保存的工作簿",
                location: location)
        }
        if let failure = context.failure {
            if let x = failure as? XLSXError { throw x.locatedIn(location) }
            throw failure
        }
        if rc != 0 || parser.pointee.wellFormed == 0 {
            var loc = location
            let first = context.firstError
            loc.line = first?.line ?? Int(xmlSAX2GetLineNumber(parser))
            loc.column = first?.column ?? Int(xmlSAX2GetColumnNumber(parser))
            throw XLSXError(
                .malformedXML, "malformed XML: \(first?.message ?? "parse error \(rc)")",
                hint: "the file is damaged; ask the sender to open and save it again",
                zh: "XML 格式错误（解析器提示：\(first?.message ?? "解析错误 \(rc)")）",
                zhHint: "文件已损坏，请让报送单位打开后重新保存再发送", location: loc)
        }
    }

    /// Parses a whole part of the archive with `handler`.
    static func parse(_ part: String, in archive: ZipArchive, handler: SAXHandler, location: ErrorLocation) throws {
        let parser = try SAXParser(handler: handler, location: location)
        try archive.read(part) { try parser.push($0) }
        try parser.finish()
    }

    /// Parses an in-memory document (tests and small parts).
    static func parse(_ bytes: [UInt8], handler: SAXHandler, location: ErrorLocation = ErrorLocation()) throws {
        let parser = try SAXParser(handler: handler, location: location)
        try bytes.withUnsafeBytes { try parser.push($0) }
        try parser.finish()
    }

    /// The libxml2 version compiled against.
    static var libraryVersion: String { String(cString: CLibXML2_dottedVersion()) }
}
