import Foundation
import XLSXCore

/// A zip of finished files (every district's template, to send in one go), written atomically.
public enum FileBundle {
    /// Writes `entries` (the name in the zip, the file on disk) to `path`, deflated, with the same time and mode
    /// on every entry.
    /// - Throws: `XLSXError` when a file cannot be read or the zip cannot be written.
    public static func write(_ entries: [(name: String, path: String)], to path: String) throws {
        let temporary = path + ".\(UUID().uuidString).part"
        do {
            let zip = try ZipWriter(path: temporary, compressionLevel: 6, modificationTime: 946_684_800)
            zip.parallel = false
            for entry in entries { try zip.add(entry.name, file: entry.path) }
            try zip.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
