/// Splits UTF-8 CSV or TSV into rows of fields as it arrives, a chunk at a time, with the rules of
/// `DelimitedText.parse`: RFC 4180 quoting (a quote opens a quoted field only at its start, `""` inside
/// is one quote), and CRLF, LF or a lone CR ending a row outside quotes.
///
/// A row is handed over as one byte buffer and the end offset of each field in it, so no field is
/// allocated on its own.
public struct DelimitedScanner {
    private let separator: UInt8
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var quoted = false
    /// A quote was seen inside a quoted field; the next byte says whether it was `""` or the end.
    private var quoteInQuoted = false
    private var atFieldStart = true
    /// A CR ended the last row; an LF right after it belongs to it.
    private var afterCR = false

    public init(separator: UInt8) {
        self.separator = separator
    }

    /// Scans a chunk; `row` is called with each complete row's bytes and field ends.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, row: (_ bytes: [UInt8], _ ends: [Int]) throws -> Void) rethrows {
        for b in chunk {
            if afterCR {
                afterCR = false
                if b == 0x0A && !quoted { continue }
            }
            if quoted {
                if quoteInQuoted {
                    quoteInQuoted = false
                    if b == 0x22 {
                        bytes.append(b)
                        continue
                    }
                    quoted = false
                    // The byte after a closing quote is read outside quotes, below.
                } else {
                    if b == 0x22 {
                        quoteInQuoted = true
                    } else {
                        bytes.append(b)
                    }
                    continue
                }
            }
            if b == 0x22 && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if b == separator {
                ends.append(bytes.count)
                atFieldStart = true
            } else if b == 0x0A || b == 0x0D {
                ends.append(bytes.count)
                try row(bytes, ends)
                bytes.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                atFieldStart = true
                afterCR = b == 0x0D
            } else {
                bytes.append(b)
                atFieldStart = false
            }
        }
    }

    /// Ends the text: the last row, when it has anything in it.
    public mutating func finish(row: (_ bytes: [UInt8], _ ends: [Int]) throws -> Void) rethrows {
        if quoteInQuoted {
            quoteInQuoted = false
            quoted = false
        }
        // As `DelimitedText.parse`: a last row without a line end counts when it has a field with text
        // or more than one field.
        if bytes.count > (ends.last ?? 0) || !ends.isEmpty {
            ends.append(bytes.count)
            try row(bytes, ends)
        }
        bytes.removeAll()
        ends.removeAll()
    }
}
