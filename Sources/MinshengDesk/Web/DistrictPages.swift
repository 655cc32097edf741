import Foundation
import MinshengKit

/// The pages a district's clerk sees through the district's own link.
enum DistrictPages {
    static let accepted = ".xlsx,.xlsm,.xls,.et,.ods,.fods,.csv,.tsv,.txt"

    /// The upload form, the template, and the district's own submissions.
    static func home(round: DeskRound, district: District, token: String, formToken: String, submissions: [Submission], outcomes: [Int64: ReturnRecord]) -> String {
        let base = "/d/\(token)"
        var body = """
            <p>报送期：\(round.period.chinese)。请下载本地区的填报模板，填好后在此上传；上传后立即逐格审核，结果当场显示。</p>
            <nav><a href="\(base)/template">下载\(HTML.escape(district.name))填报模板</a></nav>
            <section class="box"><h2>上传报表</h2>
            <form method="post" action="\(base)/upload" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(formToken)">
            <div class="drop">把报表拖到这里，或选择文件：<input type="file" name="file" accept="\(accepted)" required></div>
            <input type="submit" value="上传并审核">
            </form>
            <p>可上传 Excel（.xlsx、.xls）、WPS 表格（.et）、OpenDocument（.ods）或 CSV 文件。每次上传的文件都原样保存；本轮采用本地区最后一份已接收的报表。</p>
            </section>
            <h2>本地区的报送记录</h2>
            """
        if submissions.isEmpty {
            body += "<p>本轮尚未上传报表。</p>"
        } else {
            let rows = submissions.reversed().map { s in
                [
                    "\(s.id)", "<a href=\"\(base)/s/\(s.id)\">\(HTML.escape(s.originalName))</a>", HTML.escape(DeskClock.short(s.receivedAt)),
                    verdictCell(s, outcomes[s.id]), "\(s.errors)", "\(s.warnings)",
                ]
            }
            body += HTML.table(["序号", "文件", "上传时间", "结果", "强制性", "核实性"], rows, id: "history")
            if submissions.count > 1 {
                let options = submissions.reversed().map { "<option value=\"\($0.id)\">\(HTML.escape($0.displayName))</option>" }.joined()
                body += """
                    <form method="get" action="\(base)/diff" class="box">比较两次报送：
                    <label>旧版 <select name="a">\(options)</select></label>
                    <label>新版 <select name="b">\(options)</select></label>
                    <input type="submit" value="比较"></form>
                    """
            }
        }
        return HTML.page(title: "\(district.name) \(round.period.chinese)报送", heading: "\(district.name) · \(round.plan.title)", body: body)
    }

    /// What became of a submission in the round, as the summary decided it: 已接收，本轮采用; 已接收，已被后报的表替代;
    /// or why it was not accepted.
    static func verdictCell(_ s: Submission, _ record: ReturnRecord?) -> String {
        switch (s.verdict, record?.outcome) {
        case (.accepted, .used?):
            return "<span class=\"ok\">已接收，本轮采用</span>"
        case (.accepted, .superseded?):
            return "已接收，已被后报的表替代"
        case (.accepted, let other?):
            return "<span class=\"bad\">\(HTML.escape(other.rawValue))</span>"
        case (.accepted, nil):
            return "已接收"
        default:
            return "<span class=\"bad\">\(HTML.escape(s.verdict.rawValue))，未采用</span>"
        }
    }

    /// One submission: what was found, with the feedback copy and the file as received.
    static func submission(_ s: Submission, base: String, back: String, record: ReturnRecord?) -> String {
        var body = """
            <p><a href="\(back)">返回</a></p>
            <div class="box"><p>文件：\(HTML.escape(s.originalName))（\(s.size) 字节，SHA-256 \(s.sha256.prefix(16))…）<br>
            上传时间：\(HTML.escape(DeskClock.short(s.receivedAt)))<br>结果：\(verdictCell(s, record))</p>
            """
        if let reason = s.reason { body += "<p class=\"bad\">原因：\(HTML.escape(reason))</p>" }
        // A file that could not be read has no copy to mark.
        let feedback = s.verdict == .unreadable ? "" : "<a href=\"\(base)/feedback\">下载审核反馈表（标出问题的报表）</a>"
        body += """
            <nav>\(feedback)<a href="\(base)/file">下载原文件</a></nav></div>
            <h2>审核结果</h2>
            """
        body += HTML.findings(s.findings)
        return HTML.page(title: "报送 #\(s.id) 审核结果", body: body)
    }

    static func diff(_ a: Submission, _ b: Submission, text: String, equal: Bool, back: String) -> String {
        let body = """
            <p><a href="\(back)">返回</a></p>
            <p>旧版：\(HTML.escape(a.displayName))；新版：\(HTML.escape(b.displayName))。\(equal ? "两份报表内容相同。" : "")</p>
            <pre id="diff">\(HTML.escape(text))</pre>
            """
        return HTML.page(title: "比较两次报送", body: body)
    }

    /// A page for a link that is not (or no longer) valid: it says nothing about which links exist.
    static func notFound() -> String {
        HTML.page(title: "链接无效", body: "<p>此链接无效。请使用市里发给本地区的报送链接；如链接遗失，请联系市民生实事办公室。</p>")
    }

    static func message(_ title: String, _ text: String, back: String?) -> String {
        HTML.page(title: title, body: "<p class=\"bad\">\(HTML.escape(text))</p>" + (back.map { "<p><a href=\"\($0)\">返回</a></p>" } ?? ""))
    }
}
