import ArgumentParser
import Foundation
import MinshengKit
import XLSXCore
import XLSXReader

/// Runs a command body and turns minsheng's errors into a message on standard error and exit status 2.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as XLSXError {
        FileHandle.standardError.write(Data("minsheng: error: \(error)\n".utf8))
        throw ExitCode(2)
    } catch let error as DomainError {
        FileHandle.standardError.write(Data("minsheng: error: \(error)\n".utf8))
        throw ExitCode(2)
    } catch let error as CommandError {
        FileHandle.standardError.write(Data("minsheng: error: \(error.message)\n".utf8))
        throw ExitCode(2)
    }
}

/// An error of the command line itself (bad option values found after parsing).
struct CommandError: Error {
    var message: String
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

/// Refuses to write an output over one of the inputs, which would lose the input if the run failed.
func refuseOverwriting(inputs: [String], output: String?) throws {
    guard let output else { return }
    let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
        throw CommandError(message: "the output \(output) is the input file; choose another name (inputs are never modified)")
    }
}
