import XLSXCore

/// Parses `xl/sharedStrings.xml`: plain and rich-text items, phonetic (`rPh`) runs left out.
final class SharedStringsParser: SAXHandler {
    private(set) var strings: [String] = []
    private var buffer: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var textStart = 0
    private var preserve = false
    private let maxLength: Int

    init(maxLength: Int) { self.maxLength = maxLength }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == .main || name.namespace == .none else { return }
        if name.is("si") {
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        } else if name.is("t") {
            inText = inItem && phoneticDepth == 0
            textStart = buffer.count
            preserve = preservesSpace(attributes)
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("sst"), let count = attributes.int("uniqueCount"), count > 0 {
            strings.reserveCapacity(min(count, 1 << 20))
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == .main || name.namespace == .none else { return }
        if name.is("t") {
            if inText && !preserve { trimXMLSpace(&buffer, from: textStart) }
            inText = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("si") {
            strings.append(decodeEscapes(buffer))
            inItem = false
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard inText else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count > maxLength * 4 {
            throw XLSXError(
                .limitExceeded, "shared string \(strings.count) is longer than \(maxLength) characters",
                hint: "a cell holds at most 32,767 characters; the file is damaged or crafted",
                zh: "第\(strings.count)号共享字符串超过\(maxLength)个字符",
                zhHint: "Excel 单元格最多容纳32767个字符，该文件已损坏或被人为构造，请让报送单位用 Excel 或 WPS 重新保存后再报送")
        }
    }
}
