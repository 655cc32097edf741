import Foundation
import HTTPTypes
import Hummingbird
import MinshengKit
import XLSXCore

/// Every error a handler throws becomes a Chinese page (or `{"error": …}` under `/api/`) with its status, and is
/// logged; nothing reaches a clerk as an empty or English answer.
struct ChineseErrors<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is CancellationError {
            // The client went away; there is no one to answer.
            throw CancellationError()
        } catch let error as HTTPResponseError {
            let status = error.status
            let message: String
            switch status {
            case .notFound: message = "没有这个页面。请检查网址，或使用市里发给本地区的报送链接。"
            case .methodNotAllowed: message = "不支持这种访问方式。"
            case .contentTooLarge: message = "上传的内容过大，未保存。"
            default: message = "请求无法处理（\(status.code)）。"
            }
            if status.code >= 500 { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            var reply = answer(request, message, status: status)
            // The error's own headers (Allow, WWW-Authenticate, Retry-After …) are kept; its body is replaced.
            if let own = try? error.response(from: request, context: context) {
                for field in own.headers where field.name != .contentType && field.name != .contentLength && reply.headers[field.name] == nil {
                    reply.headers.append(field)
                }
            }
            return reply
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            // The error itself is logged above; a clerk is told in Chinese only, never the library's English.
            let reason = (error as? ChineseDescribable)?.chineseReason ?? DomainError.knownChineseReason(error) ?? "服务器内部错误，详情已记入服务器日志"
            return answer(request, "服务器处理出错：\(reason)。请稍后重试；如仍出错，请联系市民生实事办公室。", status: .internalServerError)
        }
    }

    private func answer(_ request: Request, _ message: String, status: HTTPResponse.Status) -> Response {
        if request.uri.path.hasPrefix("/api/") { return Reply.jsonError(message, status: status) }
        return Reply.html(DistrictPages.message("出错了", message, back: nil), status: status)
    }
}
