import Foundation

/// Writes files so that a failed run never leaves a half-written output: a temporary file in the
/// same folder, then a rename over the target.
public enum AtomicFile {
    /// - Throws: `DomainError` naming the file when it cannot be written.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw DomainError(file: path, message: "无法写入文件：\(String(cString: strerror(errno)))")
            }
        } catch let error as DomainError {
            try? FileManager.default.removeItem(at: temp)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DomainError(file: path, message: "无法写入文件：\(error.localizedDescription)", hint: "check the folder exists and is writable")
        }
    }
}
