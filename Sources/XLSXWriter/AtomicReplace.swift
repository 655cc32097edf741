import Foundation
import XLSXCore

/// Writes a file atomically: to a temporary file in the same folder, then renamed over `path`. A failure
/// leaves any existing file at `path` untouched and no temporary file behind.
enum AtomicReplace {
    /// Calls `make` with the temporary path to write, then puts the result in place.
    /// - Throws: what `make` throws, located at `path`, or `.ioError` when the rename fails.
    static func write(to path: String, _ make: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        do {
            try make(temp)
            guard rename(temp, path) == 0 else {
                let code = errno
                throw XLSXError(
                    .ioError, "cannot move the finished file into place: \(String(cString: strerror(code)))",
                    zh: "无法将写好的文件保存到目标位置：\(ChineseText.systemReason(code))",
                    zhHint: "请检查文件夹是否有写入权限，以及该文件是否正在 Excel 或 WPS 中打开", location: ErrorLocation(file: path))
            }
        } catch {
            unlink(temp)
            throw (error as? XLSXError)?.locatedIn(ErrorLocation(file: path)) ?? error
        }
    }
}
