import Foundation
import MinshengKit

/// Server-rendered pages: escaped text, one layout, and the desk's own style sheet and script (no external
/// scripts, fonts or CDNs: offices' intranets have no internet).
enum HTML {
    /// Text safe inside an element or a quoted attribute.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A whole page: the title, the heading and the body, in Chinese.
    static func page(title: String, heading: String? = nil, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/static/desk.css">
        <script src="/static/desk.js" defer></script>
        </head>
        <body>
        <header><h1>\(escape(heading ?? title))</h1></header>
        <main>
        \(body)
        </main>
        <footer>minsheng 民生实事报送</footer>
        </body>
        </html>

        """
    }

    /// A table from a header row and rows of already-escaped cells.
    static func table(_ header: [String], _ rows: [[String]], id: String? = nil) -> String {
        var out = "<table\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows { out += "<tr>" + r.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return out + "</tbody></table>"
    }

    /// The findings of a check, one row each, with Sheet!Cell.
    static func findings(_ list: [Finding]) -> String {
        guard !list.isEmpty else { return "<p class=\"ok\">未发现问题。</p>" }
        let errors = list.filter { $0.severity == .error }.count
        let rows = list.map { f in
            [
                "<span class=\"\(f.severity == .error ? "bad" : "warn")\">\(f.severity.label)</span>",
                escape(f.location ?? ""), escape(f.task ?? ""), escape(f.code.title), escape(f.message),
                "<code>\(escape(f.code.rawValue))</code>",
            ]
        }
        return "<p>共 \(list.count) 条：强制性 \(errors) 条（须修改），核实性 \(list.count - errors) 条（须核实说明）。</p>"
            + table(["类别", "位置", "任务", "问题", "说明", "代码"], rows, id: "findings")
    }

    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
        header{background:#8b1a1a;color:#fff;padding:.6em 1.2em}header h1{font-size:1.3em;margin:0}
        main{padding:1em 1.2em;max-width:1400px}footer{color:#888;font-size:.8em;padding:1em 1.2em}
        table{border-collapse:collapse;margin:.5em 0 1.2em;background:#fff;font-size:.9em}
        th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}th{background:#eee}
        td.num{text-align:right}.bad{color:#b00;font-weight:bold}.warn{color:#a60}.ok{color:#070}
        .light-绿{background:#c6efce}.light-黄{background:#ffeb9c}.light-红{background:#ffc7ce}.excluded{background:#eee;color:#b00}
        .drop{border:2px dashed #888;padding:1.5em;text-align:center;background:#fff;margin:.5em 0}.drop.over{border-color:#8b1a1a;background:#fff4f4}
        .box{background:#fff;border:1px solid #ddd;padding:.8em 1em;margin:.8em 0}button,input[type=submit]{padding:.3em 1em}
        nav a{margin-right:1em}pre{background:#fff;border:1px solid #ddd;padding:.8em;overflow:auto}
        svg{background:#fff;border:1px solid #ccc}.logout{float:right}
        #matrix td span{white-space:nowrap}#matrix td:nth-child(2){min-width:16em}#matrix{font-size:.85em}#matrix td span.excluded{white-space:normal;display:block;min-width:10em}
        """

    /// Drag and drop onto the upload box: the dropped file is put in the form's file field and the form is sent.
    /// The page works without it (the file field and the button).
    static let script = """
        document.addEventListener('DOMContentLoaded', function () {
          document.querySelectorAll('.drop').forEach(function (zone) {
            var form = zone.closest('form'); var input = form.querySelector('input[type=file]');
            ['dragenter', 'dragover'].forEach(function (e) { zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add('over'); }); });
            ['dragleave', 'drop'].forEach(function (e) { zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.remove('over'); }); });
            zone.addEventListener('drop', function (ev) {
              if (ev.dataTransfer && ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; form.submit(); }
            });
          });
        });
        """
}
