import ArgumentParser
import Foundation
import MinshengKit
import XLSXCore

/// How a run ended: what to print, where, and the exit status.
///
/// The one place where errors become exit statuses: 0 clean, 1 findings or differences (a command
/// throws `ExitCode(1)` after printing them), 2 bad usage or input that cannot be read or written.
struct Outcome {
    var status: Int32
    var stdout: String = ""
    var stderr: String = ""

    static let success = Outcome(status: 0)

    init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    init(_ error: Error, command: ParsableCommand.Type) {
        switch error {
        case let exit as ExitCode:
            self.init(status: exit.rawValue)
        case let error as ChineseDescribable:
            self.init(status: 2, stderr: "minsheng：错误：" + error.chineseDescription + "\n")
        case let error as CocoaError:
            self.init(status: 2, stderr: "minsheng：错误：" + Outcome.describe(error) + "\n")
        default:
            let code = command.exitCode(for: error)
            let message = UsageText.chinese(command.fullMessage(for: error))
            if code == .success {
                self.init(status: 0, stdout: message.hasSuffix("\n") ? message : message + "\n")
            } else {
                // ArgumentParser's usage errors (64) and anything else it reports are bad usage here.
                self.init(status: 2, stderr: message.hasSuffix("\n") ? message : message + "\n")
            }
        }
    }

    func report() {
        if !stdout.isEmpty { FileHandle.standardOutput.write(Data(stdout.utf8)) }
        if !stderr.isEmpty { FileHandle.standardError.write(Data(stderr.utf8)) }
    }

    /// Foundation's file errors in one Chinese line that names the file.
    static func describe(_ error: CocoaError) -> String {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let place = path.map { "文件 \($0)：" } ?? ""
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return place + "文件不存在。请检查文件名和路径"
        case .fileReadNoPermission, .fileWriteNoPermission: return place + "没有访问权限。请检查文件和文件夹的权限"
        case .fileWriteOutOfSpace: return place + "磁盘空间不足"
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return place + "文件内容无法识别。请另存为 UTF-8 编码后重试"
        default: return place + "读写文件失败（代码 \(error.code.rawValue)）"
        }
    }
}
