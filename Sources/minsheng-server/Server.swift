import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import MinshengDesk
import MinshengKit
import XLSXCore

/// `minsheng-server`: the web desk of a round (Docs/server.md).
struct Server: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minsheng-server", abstract: "民生实事报送服务：各地区在网页上传报表并当场看到审核结果，市办公室查看全市汇总。",
        discussion: """
            启动时打印各地区的报送链接和市民生实事办公室的网址。所有上传的文件原样保存在数据文件夹中，\
            本轮采用各地区最后一份已接收的报表。说明见 Docs/server.md。
            """)

    @Option(help: ArgumentHelp("分解任务表。", valueName: "分解任务表"))
    var plan: String

    @Option(help: ArgumentHelp("报送期，如 2021-07。", valueName: "年-月"))
    var period: String

    @Option(help: ArgumentHelp("数据文件夹：数据库和收到的文件（不存在则新建）。", valueName: "文件夹"))
    var data: String

    @Option(help: ArgumentHelp("监听的地址（默认只接受本机访问；办公网内使用请设为 0.0.0.0）。", valueName: "地址"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("端口（0 为任选一个空闲端口）。", valueName: "端口"))
    var port = 8080

    @Option(help: ArgumentHelp("单个上传文件的上限，单位 MB。", valueName: "MB"))
    var maxUploadMb = 20

    @Option(help: ArgumentHelp("存有办公室密码的文件（第一行）；也可用环境变量 MINSHENG_OFFICE_PASSWORD。都未给出时沿用已设的密码，首次启动则生成一个并打印。", valueName: "文件"))
    var officePasswordFile: String?

    @Option(help: ArgumentHelp("上一期的汇总数据或报送表所在的文件夹，用于表间审核。", valueName: "上期"))
    var previous: String?

    @Option(help: ArgumentHelp("各地区访问本服务的网址，用于打印的链接，如 http://10.1.2.3:8080。", valueName: "网址"))
    var publicUrl: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: plan) else { throw ValidationError("分解任务表“\(plan)”不存在，请检查文件名和路径。") }
        guard Period(period) != nil else { throw ValidationError("报送期“\(period)”无法识别，请写成 2021-07 的形式。") }
        guard (1...1024).contains(maxUploadMb) else { throw ValidationError("--max-upload-mb 须在 1 到 1024 之间。") }
        guard (0...65535).contains(port) else { throw ValidationError("端口须在 0 到 65535 之间。") }
    }

    func run() async throws {
        var config = DeskConfiguration(planPath: plan, period: Period(period)!, dataFolder: data)
        config.host = host
        config.port = port
        config.maxUpload = maxUploadMb << 20
        config.previous = previous
        config.publicURL = publicUrl
        if let officePasswordFile {
            let text: String
            do {
                text = try String(contentsOfFile: officePasswordFile, encoding: .utf8)
            } catch {
                throw ServerError(message: "无法读取密码文件“\(officePasswordFile)”：\(DomainError.chineseReason(error))")
            }
            guard let first = text.split(whereSeparator: \.isNewline).first, !first.isEmpty else {
                throw ServerError(message: "密码文件“\(officePasswordFile)”的第一行是空的，请写入办公室密码。")
            }
            config.officePassword = String(first)
        } else if let env = ProcessInfo.processInfo.environment["MINSHENG_OFFICE_PASSWORD"], !env.isEmpty {
            config.officePassword = env
        }
        let desk: Desk
        do {
            desk = try Desk(config)
        } catch let error as ChineseDescribable {
            throw error
        } catch {
            throw ServerError(message: "无法打开数据文件夹“\(data)”或分解任务表“\(plan)”：\(DomainError.chineseReason(error))")
        }
        let app = Application(
            router: desk.router(),
            // A connection silent for a minute is closed: a laptop asleep mid-upload does not keep its place.
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: port), serverName: "minsheng"),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                // Written straight to the descriptor, so a program reading the pipe sees it at once.
                FileHandle.standardOutput.write(Data((desk.startMessage(port: actual) + "正在监听 \(host):\(actual)\n").utf8))
            },
            logger: {
                var logger = Logger(label: "minsheng-server")
                logger.logLevel = .warning
                return logger
            }())
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServerError(message: "端口 \(port) 已被占用，请用 --port 换一个端口，或先停止占用它的程序。")
        } catch let error as IOError {
            throw ServerError(message: "无法在 \(host):\(port) 上监听：\(String(cString: strerror(error.errnoCode)))。请检查 --host 和 --port。")
        } catch {
            let reason = (error as? ChineseDescribable)?.chineseReason ?? DomainError.knownChineseReason(error) ?? "系统内部错误"
            throw ServerError(message: "服务停止：\(reason)。请检查 --host 是否为本机的地址、数据文件夹是否可写。")
        }
    }
}

/// A start-up problem, said in Chinese.
struct ServerError: Error, ChineseDescribable {
    var message: String
    var chineseDescription: String { message }
    var chineseReason: String { message }
}

/// Errors end the process with status 2 and one line in Chinese; usage and help as ArgumentParser gives them.
@main
enum Main {
    static func main() async {
        do {
            var command = try Server.parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let error as ChineseDescribable {
            FileHandle.standardError.write(Data("minsheng-server：错误：\(error.chineseDescription)\n".utf8))
            exit(2)
        } catch {
            let code = Server.exitCode(for: error)
            let message = UsageText.chinese(Server.fullMessage(for: error))
            if code == .success {
                print(message)
                exit(0)
            }
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            exit(2)
        }
    }
}
