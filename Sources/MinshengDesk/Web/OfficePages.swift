import Foundation
import MinshengKit

/// The city office's pages: who has sent, the matrix with its lights, the lagging list, the sites, the plan check.
enum OfficePages {
    static func login(failed: Bool) -> String {
        let body = """
            \(failed ? "<p class=\"bad\">密码不正确。</p>" : "")
            <form method="post" action="/office/login" class="box">
            <label>市民生实事办公室密码：<input type="password" name="password" autofocus required></label>
            <input type="submit" value="登录"></form>
            """
        return HTML.page(title: "市民生实事办公室登录", body: body)
    }

    static func dashboard(round: DeskRound, summary: RoundSummary, formToken: String, apiToken: String, origin: String) -> String {
        let c = summary.consolidation
        var body = """
            <form method="post" action="/office/logout" class="logout"><input type="hidden" name="csrf" value="\(formToken)"><input type="submit" value="退出"></form>
            <p>报送期：\(round.period.chinese)；序时进度 \(percent(c.pace))；汇总时间 \(HTML.escape(DeskClock.short(c.generatedAt)))。</p>
            <nav><a href="/office/summary.xlsx">下载汇总.xlsx</a><a href="/api/summary">汇总数据（JSON）</a><a href="/office/sites.geojson">项目点位（GeoJSON）</a><a href="/office/templates.zip">全部地区的填报模板（zip）</a><a href="#plan">计划审核</a></nav>
            """
        body += districts(round: round, summary: summary, origin: origin)
        body += files(c)
        body += matrix(c)
        body += lagging(c)
        body += "<h2 id=\"map\">项目点位（民生地图）</h2>" + SiteMap.svg(c.sites, districts: c.plan.districts)
        body += "<h2 id=\"findings\">数据问题</h2>" + HTML.findings(c.findings)
        body += "<h2 id=\"plan\">计划审核（分解任务表）</h2>" + HTML.findings(round.planFindings)
        body += "<h2 id=\"api\">数据接口</h2><p>程序读取汇总数据时，在请求头中带上 <code>Authorization: Bearer \(apiToken)</code>（见 Docs/server.md）。</p>"
        return HTML.page(title: "\(round.period.chinese)报送情况", heading: "\(round.plan.title) · \(round.period.chinese)报送情况", body: body)
    }

    /// One row per district: its state in the round, its latest submission, its link and template.
    static func districts(round: DeskRound, summary: RoundSummary, origin: String) -> String {
        let c = summary.consolidation, outcomes = summary.outcomes
        let missing = Set(c.missingDistricts.map(\.id)), excluded = Set(c.excludedDistricts.map(\.id))
        let unreadable = Set(c.unreadableDistricts.map(\.id)), unattributed = Set(c.unattributedDistricts.map(\.id))
        let rows = round.links.map { link -> [String] in
            let d = link.district
            let own = summary.submissions.filter { $0.districtID == d.id }
            let used = own.last { outcomes[$0.id]?.outcome == .used }
            let state: String
            if missing.contains(d.id) {
                state = "<span class=\"bad\">未报送</span>"
            } else if used == nil {
                let why = unreadable.contains(d.id) ? "报送文件无法读取" : unattributed.contains(d.id) ? "报送的表无法确定归属" : "报送的表未采用"
                state = "<span class=\"bad\">\(why)</span>"
            } else if excluded.contains(d.id) {
                state = "<span class=\"warn\">已采用，有数据有误未计入</span>"
            } else {
                state = "<span class=\"ok\">已采用</span>"
            }
            return [
                HTML.escape(d.name), state, "\(own.count)",
                used.map { "<a href=\"/office/s/\($0.id)\">\(HTML.escape($0.displayName))</a> \(HTML.escape(DeskClock.short($0.receivedAt)))" } ?? "",
                used.map { "\($0.errors) / \($0.warnings)" } ?? "",
                "<a href=\"/office/templates/\(Reply.percent(d.id))\">模板</a>",
                "<code>\(HTML.escape(origin))/d/\(link.token)</code>",
            ]
        }
        return "<h2 id=\"districts\">各地区报送情况</h2>"
            + HTML.table(["地区", "状态", "上传次数", "采用的报表", "强制性 / 核实性", "填报模板", "报送链接（发给该地区）"], rows, id: "districts")
    }

    /// Every file handed in and what became of it.
    static func files(_ c: Consolidation) -> String {
        let rows = c.records.reversed().map { r in
            [HTML.escape(r.district?.name ?? r.namedDistrict?.name ?? ""), HTML.escape(r.file), HTML.escape(r.outcome.rawValue), HTML.escape(r.reason ?? "")]
        }
        return "<h2 id=\"files\">收到的文件（\(c.records.count) 份）</h2>" + HTML.table(["地区", "文件", "处理", "原因"], rows, id: "files")
    }

    /// Tasks × districts: each figure, its light, or why it is left out.
    static func matrix(_ c: Consolidation) -> String {
        let header = ["编号", "目标任务", "全市目标", "全市完成", "完成率", "数据覆盖"] + c.plan.districts.map(\.shortName)
        let rows = c.tasks.map { t -> [String] in
            var row = [
                HTML.escape(t.task.id), HTML.escape(t.task.projectName ?? t.task.target), number(t.target, t), number(t.done, t),
                "<span class=\"light-\(t.light.rawValue)\">\(t.rate.map(percent) ?? HTML.escape(t.status.rawValue))</span>", t.coverage,
            ]
            for d in c.plan.districts {
                guard let f = t.districts.first(where: { $0.district == d }) else {
                    row.append("")
                    continue
                }
                if let why = f.leftOutBecause {
                    row.append("<span class=\"excluded\" title=\"\(HTML.escape(why.message))\">有误未计入：\(HTML.escape(why.message))</span>")
                } else if f.done == nil {
                    row.append("<span class=\"warn\">\(HTML.escape(f.status.rawValue))</span>")
                } else {
                    row.append("<span class=\"light-\(f.light.rawValue)\" title=\"\(HTML.escape(f.status.rawValue))\">\(number(f.done, t)) / \(number(f.target, t))</span>")
                }
            }
            return row
        }
        return "<h2 id=\"matrix\">分解汇总（绿：正常；黄：稍慢；红：滞后）</h2>" + HTML.table(header, rows, id: "matrix")
    }

    /// Figures behind pace (推进缓慢), with what was due and by which rule.
    static func lagging(_ c: Consolidation) -> String {
        var rows: [[String]] = []
        for t in c.tasks {
            for f in t.districts where f.status == .slow {
                rows.append([
                    HTML.escape(t.task.id), HTML.escape(t.task.projectName ?? t.task.target), HTML.escape(f.district.name),
                    number(f.done, t), number(f.target, t), f.rate.map(percent) ?? "", percent(f.pace), HTML.escape(f.paceBasis),
                    HTML.escape(t.task.leads.joined(separator: "、")),
                ])
            }
        }
        guard !rows.isEmpty else { return "<h2 id=\"lagging\">滞后清单</h2><p class=\"ok\">没有推进缓慢的任务。</p>" }
        return "<h2 id=\"lagging\">滞后清单</h2>" + HTML.table(["编号", "目标任务", "地区", "累计完成", "目标", "完成率", "应完成", "依据", "牵头单位"], rows, id: "lagging")
    }

    /// A figure as the page shows it: at most two decimals (an average of percentages can have many).
    static func number(_ d: Decimal?, _ t: TaskSummary) -> String {
        guard var d else { return "" }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &d, 2, .plain)
        return "\(rounded)" + (t.isPercentage ? "%" : "")
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
