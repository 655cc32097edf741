import Foundation
import MultipartKit
import NIOCore

/// The file of an upload: from a `multipart/form-data` body (its `file` part), or a whole body sent as the file
/// with its name in `X-File-Name` (percent-encoded).
struct UploadedFile {
    var name: String
    var bytes: [UInt8]
    /// The other fields of the form (the form token).
    var fields: [String: String] = [:]

    enum Problem: Error {
        case noFile
        case malformed
    }

    static func parse(body: ByteBuffer, contentType: String?, fileNameHeader: String?) throws -> UploadedFile {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            guard body.readableBytes > 0 else { throw Problem.noFile }
            let name = fileNameHeader.flatMap { $0.removingPercentEncoding } ?? "未命名文件"
            return UploadedFile(name: name, bytes: Array(body.readableBytesView))
        }
        guard let boundary = parameter("boundary", of: contentType) else { throw Problem.malformed }
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [String: String], body: ByteBuffer)] = []
        var headers: [String: String] = [:]
        var current = ByteBuffer()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in current.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = [:]
            current = ByteBuffer()
        }
        do { try parser.execute(body) } catch { throw Problem.malformed }
        var file: UploadedFile?
        var fields: [String: String] = [:]
        for part in parts {
            let disposition = part.headers["content-disposition"] ?? ""
            guard let name = parameter("name", of: disposition) else { continue }
            if name == "file", let filename = parameter("filename", of: disposition) {
                guard file == nil else { throw Problem.malformed }
                file = UploadedFile(name: filename, bytes: Array(part.body.readableBytesView))
            } else if part.body.readableBytes <= 4096 {
                fields[name] = String(decoding: part.body.readableBytesView, as: UTF8.self)
            }
        }
        guard var found = file, !found.bytes.isEmpty else { throw Problem.noFile }
        found.fields = fields
        return found
    }

    /// A parameter of a header value (`boundary=…`, `filename="…"`, `filename*=UTF-8''…`).
    static func parameter(_ key: String, of header: String) -> String? {
        var plain: String?
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { continue }
            var value = kv[1]
            if kv[0].lowercased() == key + "*" {
                // RFC 5987: charset''percent-encoded
                if let r = value.range(of: "''") { value = String(value[r.upperBound...]) }
                if let decoded = value.removingPercentEncoding { return decoded }
            } else if kv[0].lowercased() == key {
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                }
                plain = value
            }
        }
        return plain
    }
}
