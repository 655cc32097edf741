import Foundation
import MinshengKit
import XLSXCore
import XLSXReader

/// An error of the command line itself, found after parsing (a sheet that does not exist, an unknown
/// district); its message is Chinese and says what to do.
struct CommandError: Error, ChineseDescribable {
    var message: String
    var chineseDescription: String { message }
    var chineseReason: String { message }
}

/// Opens a workbook from a path, or from standard input when the path is `-`.
func openWorkbook(_ path: String) throws -> Workbook {
    if path == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return try Workbook(bytes: [UInt8](data), name: "<stdin>")
    }
    return try Workbook(path: path)
}

/// Writes text to standard output without Foundation's buffering surprises.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Checks a command's files before any work: every input exists, no output is one of the inputs (a
/// failed run would lose it), and every output's folder exists (it is created when missing).
/// - Throws: `CommandError` naming the file and what to do.
func prepareFiles(inputs: [String], outputs: [String?]) throws {
    for input in inputs where input != "-" {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw CommandError(message: "文件 \(input)：文件不存在。请检查文件名和路径")
        }
    }
    func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
    let inputPaths = Set(inputs.map(resolved))
    for case let output? in outputs {
        if inputPaths.contains(resolved(output)) {
            throw CommandError(message: "文件 \(output)：输出文件与输入文件相同。请换一个文件名（minsheng 从不修改输入文件）")
        }
        try createFolder(URL(fileURLWithPath: output).deletingLastPathComponent().path)
    }
}

/// Creates an output folder and the folders above it when missing.
/// - Throws: `CommandError` naming the folder.
func createFolder(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw CommandError(message: "文件夹 \(path)：无法创建输出文件夹。请检查路径和写入权限")
    }
}
