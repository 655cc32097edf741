import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Returns as they were handed in, byte for byte, named by their SHA-256 (`files/ab/abcdef…`).
///
/// A file is written to a temporary name, synced, renamed into place and its folder synced before anything
/// names it: a crash leaves either no file or the whole file, never a part of one under its final name.
struct FileVault: Sendable {
    let root: String

    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        // Files a crash left half-written are never named by the database: clear them.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/tmp")) ?? [] {
            try? FileManager.default.removeItem(atPath: root + "/tmp/" + name)
        }
    }

    /// Where the file of a hash is.
    func path(of sha256: String) -> String { "\(root)/\(sha256.prefix(2))/\(sha256)" }

    /// Stores bytes durably and returns their hash; bytes stored before are not written again.
    func store(_ bytes: [UInt8]) throws -> String {
        let sha = Secrets.sha256(bytes)
        let final = path(of: sha)
        let folder = "\(root)/\(sha.prefix(2))"
        if FileManager.default.fileExists(atPath: final) {
            // Stored before, perhaps a moment ago by another upload: make sure its name is on disk too.
            try FileVault.syncFolder(folder)
            return sha
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(root)/tmp/\(sha).\(UUID().uuidString)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw VaultError(path: temporary, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(temporary)
                throw VaultError(path: temporary, errno: e)
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            unlink(temporary)
            throw VaultError(path: temporary, errno: e)
        }
        close(fd)
        guard rename(temporary, final) == 0 else {
            let e = errno
            unlink(temporary)
            throw VaultError(path: final, errno: e)
        }
        try FileVault.syncFolder(folder)
        try FileVault.syncFolder(root)
        return sha
    }

    static func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw VaultError(path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw VaultError(path: path, errno: errno) }
    }
}

struct VaultError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "无法保存文件 \(path)：\(String(cString: strerror(errno)))" }
}
