import Testing
import XLSXCore

/// The streaming scanner splits text as `DelimitedText.parse` does, wherever the chunks happen to end.
@Suite struct DelimitedScannerTests {
    private func scan(_ text: String, separator: Character, chunk: Int) -> [[String]] {
        var scanner = DelimitedScanner(separator: separator.asciiValue!)
        var rows: [[String]] = []
        let emit: ([UInt8], [Int]) -> Void = { bytes, ends in
            var start = 0
            rows.append(ends.map { end in
                defer { start = end }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            })
        }
        let bytes = Array(text.utf8)
        var at = 0
        while at < bytes.count {
            let end = min(at + chunk, bytes.count)
            bytes[at..<end].withUnsafeBufferPointer { scanner.feed($0, row: emit) }
            at = end
        }
        scanner.finish(row: emit)
        return rows
    }

    @Test("quotes, doubled quotes, line breaks in quotes and CR, LF and CRLF line ends, split anywhere")
    func agreesWithParse() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "南湖区", ",", ",", "\"", "\"\"", "\r\n", "\n", "\r", "12.5", " ", "\t", "\"x,y\"", "\"多\r\n行\""]
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for separator: Character in [",", "\t"] {
                let expected = DelimitedText.parse(text, separator: separator)
                for chunk in [1, 2, 3, 7, 64] {
                    #expect(scan(text, separator: separator, chunk: chunk) == expected, "\(text.debugDescription) in chunks of \(chunk)")
                }
            }
        }
    }
}
