import Foundation
import XLSXCore

/// A zip of finished files (every district's template, to send in one go), written atomically.
public enum FileBundle {
    /// Writes `entries` (the name in the zip, the file on disk) to `path`, deflated, with the same time and mode
    /// on every entry.
    /// - Throws: `XLSXError` when a file cannot be read or the zip cannot be written.
    public static func write(_ entries: [(name: String, path: String)], to path: String) throws {
        try AtomicReplace.write(to: path) { temporary in
            let zip = try ZipWriter(path: temporary, compressionLevel: 6, modificationTime: WorkbookBuilder.packageTime)
            // The members are the caller's files: nothing is written beside them (the background deflate would).
            zip.parallel = false
            for entry in entries { try zip.add(entry.name, file: entry.path) }
            try zip.close()
        }
    }
}
