import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MinshengDesk
import MinshengKit
import NIOCore
import Testing
import TestSupport
import XLSXReader

/// The desk on loopback (Hummingbird's live test server): uploads through the API and the pages, the
/// office's views, and what a district may not do.
@Suite(.timeLimit(.minutes(3))) struct DeskTests {
    @Test("a district's upload gives the findings `check` gives, stored with its file byte for byte")
    func uploadFindings() async throws {
        let (desk, _) = try DeskSamples.desk()
        let path = DeskSamples.file("嘉善县_2021-06")
        let expected = ReturnChecker(plan: desk.round.plan, expectedDistrict: desk.round.plan.districts[2], expectedPeriod: DeskSamples.period)
            .check(try DistrictReturn.read(path: path)).findings
        #expect(expected.contains { $0.severity == .error })
        try await DeskSamples.application(desk).test(.live) { client in
            let (body, headers) = Multipart.upload("民生实事填报_嘉善县_2021-06.xlsx", try DeskSamples.bytes(path))
            let id = try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(DeskSamples.token(desk, "嘉善县"))), body: body) { r in
                #expect(r.status == .ok)
                let json = try CheckJSON(r.body)
                #expect(json.errors == expected.filter { $0.severity == .error }.count && json.warnings == expected.count - json.errors)
                #expect(json.findings.map { [$0.code, $0.sheet ?? "", $0.cell ?? "", $0.message] } == expected.map { [$0.code.rawValue, $0.sheet ?? "", $0.cell ?? "", $0.message] })
                // And what they are, as the sample was written: two figures above target, 约300 and -3.
                #expect(json.findings.map { "\($0.cell ?? "") \($0.code)" } == [
                    "E15 RETURN_ABOVE_TARGET", "E19 RETURN_ABOVE_TARGET", "E53 RETURN_VALUE_APPROXIMATE", "E54 RETURN_NEGATIVE",
                ])
                #expect(json.errors == 2 && json.warnings == 2)
                return Int64(r.headers[.init("X-Minsheng-Submission")!] ?? "")
            }
            let stored = try await desk.round.submissions()
            #expect(stored.count == 1 && stored[0].id == id && stored[0].verdict == .accepted && stored[0].originalName == "民生实事填报_嘉善县_2021-06.xlsx")
            #expect(try await desk.round.bytes(of: stored[0]) == DeskSamples.bytes(path))
            #expect(try stored[0].sha256 == Self.sha256(path))
        }
    }

    @Test("another district's return sent through a link counts for nobody; the latest accepted return counts; nothing is overwritten")
    func attribution() async throws {
        let (desk, dir) = try DeskSamples.desk()
        try await DeskSamples.application(desk).test(.live) { client in
            func send(_ file: String, as district: String) async throws -> String? {
                let (body, headers) = Multipart.upload(file + ".xlsx", try DeskSamples.bytes(DeskSamples.file(file)))
                return try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(DeskSamples.token(desk, district))), body: body) { r in
                    #expect(r.status == .ok)
                    let header = r.headers[.init("X-Minsheng-Verdict")!] ?? ""
                    #expect(header.allSatisfy { $0.isASCII }, "\(header)")
                    return header.removingPercentEncoding
                }
            }
            #expect(try await send("秀洲区_2021-06", as: "南湖区") == "不是本地区的报表")
            #expect(try await send("嘉善县_2021-06", as: "嘉善县") == "已接收")
            #expect(try await send("嘉善县_2021-06（更正）", as: "嘉善县") == "已接收")
            #expect(try await send("嘉善县_2021-06（更正）", as: "嘉善县") == "已接收")
            try await client.execute(uri: "/api/summary", method: .get, headers: .bearer("办公室口令-2021")) { r in
                #expect(r.status == .unauthorized, "the password is not an API token")
            }
            let summary = try await client.execute(uri: "/api/summary", method: .get, headers: .bearer(desk.apiToken)) { r in
                #expect(r.status == .ok)
                return try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any] ?? [:]
            }
            let missing = summary["missing"] as? [String] ?? []
            #expect(missing.contains("秀洲区"), "秀洲区 sent nothing itself")
            let files = summary["files"] as? [[String: Any]] ?? []
            #expect(files.map { $0["outcome"] as? String } == ["无法确定报送地区或报送期，未采用", "已被后报的表替代", "已被后报的表替代", "已采用"])
            #expect(files[0]["district"] as? String == "南湖区" && (files[0]["reason"] as? String)?.contains("秀洲区") == true)
            #expect(files.map { $0["file"] as? String ?? "" }.allSatisfy { $0.hasPrefix("#") })
            // The same bytes twice are two submissions of one stored file.
            let subs = try await desk.round.submissions()
            #expect(subs.count == 4 && subs[2].sha256 == subs[3].sha256)
            let stored = try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("data/files").path).filter { $0.count > 60 }
            #expect(stored.count == 4, "plan + 秀洲区 + two 嘉善县 files: \(stored)")
            // 嘉善县's figures are those of the corrected return, each one.
            let plan = desk.round.plan
            let corrected = ReturnChecker(plan: plan, expectedDistrict: plan.districts[2], expectedPeriod: DeskSamples.period)
                .check(try DistrictReturn.read(path: DeskSamples.file("嘉善县_2021-06（更正）")))
            let counted = try await desk.round.summary().consolidation.tasks.compactMap { t in
                t.districts.first { $0.district == plan.districts[2] }?.done.map { (t.task.id, $0) }
            }
            #expect(!counted.isEmpty && counted.count == corrected.values.count)
            for (task, done) in counted { #expect(corrected.values[task] == done, "\(task)") }
        }
    }

    @Test("hostile files are kept and refused with a reason, and the desk goes on serving")
    func hostileFiles() async throws {
        let (desk, _) = try DeskSamples.desk()
        let token = DeskSamples.token(desk, "海宁市")
        try await DeskSamples.application(desk).test(.live) { client in
            let cases: [(String, [UInt8], String)] = [
                ("bomb.xlsx", try DeskSamples.zipBomb(), "压缩"),
                ("laughs.xlsx", try DeskSamples.entityExpansion(), "DOCTYPE"),
                ("random.xlsx", (0..<5000).map { _ in UInt8.random(in: 0 ... 255) }, "无法读取"),
                ("报告.pdf", Array("%PDF-1.4\n%âãÏÓ\n".utf8), "PDF 文档"),
            ]
            for (name, bytes, says) in cases {
                let (body, headers) = Multipart.upload(name, bytes)
                try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(token)), body: body) { r in
                    #expect(r.status == .ok, "\(name)")
                    let json = try CheckJSON(r.body)
                    #expect(json.errors == 1 && json.findings.first?.code == "CONSOLIDATE_UNREADABLE", "\(name)")
                    #expect(json.findings.first?.message.contains(says) == true, "\(name): \(json.findings.first?.message ?? "")")
                }
            }
            let (body, headers) = Multipart.upload("海宁市.xlsx", try DeskSamples.bytes(DeskSamples.file("海宁市_2021-06")))
            try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(token)), body: body) { r in
                #expect(r.status == .ok && r.headers[.init("X-Minsheng-Verdict")!] == "%E5%B7%B2%E6%8E%A5%E6%94%B6")
            }
            let subs = try await desk.round.submissions()
            #expect(subs.map(\.verdict) == [.unreadable, .unreadable, .unreadable, .unreadable, .accepted])
            let summary = try await desk.round.summary().consolidation
            #expect(summary.records.filter { $0.outcome == .unreadable }.count == 4)
            #expect(summary.reportedDistricts.map(\.name) == ["海宁市"])
            // The summary names the files as received and says why each could not be read.
            #expect(summary.records.map(\.file) == subs.map { "#\($0.id) \($0.originalName)" })
            #expect(summary.records[3].reason?.contains("PDF 文档") == true)
            // A file that could not be read has no feedback copy on its page.
            try await client.execute(uri: "/d/\(token)/s/\(subs[0].id)", method: .get) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("下载原文件") && !page.contains("下载审核反馈表"))
            }
        }
    }

    @Test("a wrong token, another district's token and a file over the limit are refused; nothing is stored")
    func refusals() async throws {
        let (desk, _) = try DeskSamples.desk(maxUpload: 1 << 20)
        let own = DeskSamples.token(desk, "平湖市"), other = DeskSamples.token(desk, "桐乡市")
        try await DeskSamples.application(desk).test(.live) { client in
            let (body, headers) = Multipart.upload("平湖市.xlsx", try DeskSamples.bytes(DeskSamples.file("平湖市_2021-06")))
            // A token one character off (a random token may itself start with "0").
            let wrong = (own.first == "0" ? "1" : "0") + own.dropFirst()
            try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(wrong)), body: body) { r in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/api/returns", method: .post, headers: headers, body: body) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/d/\(own.prefix(63))", method: .get) { r in #expect(r.status == .notFound) }
            let id = try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(own)), body: body) { r in
                Int64(r.headers[.init("X-Minsheng-Submission")!] ?? "") ?? 0
            }
            for path in ["/d/\(other)/s/\(id)", "/d/\(other)/s/\(id)/file", "/d/\(other)/s/\(id)/feedback"] {
                try await client.execute(uri: path, method: .get) { r in #expect(r.status == .notFound, "\(path)") }
            }
            try await client.execute(uri: "/d/\(own)/s/\(id)/file", method: .get) { r in
                let expected = try DeskSamples.bytes(DeskSamples.file("平湖市_2021-06"))
                #expect(r.status == .ok && Array(r.body.readableBytesView) == expected)
            }
            try await client.execute(uri: "/api/returns", method: .get, headers: .bearer(other)) { r in
                #expect(r.status == .ok && !String(buffer: r.body).contains("平湖市"))
            }
            try await client.execute(uri: "/api/returns", method: .get, headers: .bearer(own)) { r in
                #expect(String(buffer: r.body).contains("\"id\" : \(id)"))
            }
            let (big, bigHeaders) = Multipart.upload("big.xlsx", [UInt8](repeating: 0x41, count: 2 << 20))
            try await client.execute(uri: "/api/returns", method: .post, headers: bigHeaders.merging(.bearer(own)), body: big) { r in
                #expect(r.status == .contentTooLarge)
                #expect(String(buffer: r.body).contains("超过上传上限"))
            }
            #expect(try await desk.round.submissions().count == 1)
            try await client.execute(uri: "/api/summary", method: .get) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/api/summary", method: .get, headers: .bearer(own)) { r in #expect(r.status == .unauthorized) }
        }
    }

    @Test("the district page: the form token, a cross-site post refused, findings with Sheet!Cell, the feedback copy and the diff")
    func districtPage() async throws {
        let (desk, dir) = try DeskSamples.desk()
        let token = DeskSamples.token(desk, "嘉善县")
        try await DeskSamples.application(desk).test(.live) { client in
            let page = try await client.execute(uri: "/d/\(token)", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(r.headers[.init("Referrer-Policy")!] == "no-referrer")
                return String(buffer: r.body)
            }
            #expect(page.contains("嘉善县") && page.contains("本轮尚未上传报表"))
            let csrf = try #require(Self.formToken(page))
            let bytes = try DeskSamples.bytes(DeskSamples.file("嘉善县_2021-06"))
            let (noToken, h1) = Multipart.upload("a.xlsx", bytes)
            try await client.execute(uri: "/d/\(token)/upload", method: .post, headers: h1, body: noToken) { r in #expect(r.status == .forbidden) }
            let (withToken, h2) = Multipart.upload("民生实事填报_嘉善县_2021-06.xlsx", bytes, fields: ["csrf": csrf])
            var crossSite = h2
            crossSite[.origin] = "http://evil.example"
            try await client.execute(uri: "/d/\(token)/upload", method: .post, headers: crossSite, body: withToken) { r in #expect(r.status == .forbidden) }
            #expect(try await desk.round.submissions().isEmpty)
            let location = try await client.execute(uri: "/d/\(token)/upload", method: .post, headers: h2, body: withToken) { r in
                #expect(r.status == .seeOther)
                return r.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/d/\(token)/s/"))
            let result = try await client.execute(uri: location, method: .get) { r in String(buffer: r.body) }
            let errors = ReturnChecker(plan: desk.round.plan, expectedDistrict: desk.round.plan.districts[2], expectedPeriod: DeskSamples.period)
                .check(try DistrictReturn.read(path: DeskSamples.file("嘉善县_2021-06"))).findings.filter { $0.severity == .error }
            for f in errors { #expect(result.contains(f.location!) && result.contains(f.message.replacingOccurrences(of: "“", with: "“"))) }
            #expect(errors.map(\.code) == [.returnValueApproximate, .returnNegative])
            #expect(result.contains("E53") && result.contains("约300") && result.contains("E54") && result.contains("（-3）"))
            #expect(result.contains("强制性"))
            // The feedback copy is a workbook with the 审核结果 sheet.
            let feedback = try await client.execute(uri: location + "/feedback", method: .get) { r in
                let disposition = r.headers[.contentDisposition] ?? ""
                #expect(disposition.allSatisfy { $0.isASCII } && disposition.contains("filename=\"download.xlsx\""))
                let encoded = disposition.components(separatedBy: "filename*=UTF-8''").last?.removingPercentEncoding
                #expect(encoded == "民生实事填报_嘉善县_2021-06-审核反馈.xlsx")
                return Array(r.body.readableBytesView)
            }
            let saved = dir.appendingPathComponent("feedback.xlsx")
            try Data(feedback).write(to: saved)
            #expect(try Workbook(path: saved.path).sheets.map(\.name).contains("审核结果"))
            // A second submission, and the diff between them.
            let corrected = try DeskSamples.bytes(DeskSamples.file("嘉善县_2021-06（更正）"))
            let (second, h3) = Multipart.upload("更正.xlsx", corrected, fields: ["csrf": csrf])
            _ = try await client.execute(uri: "/d/\(token)/upload", method: .post, headers: h3, body: second) { r in #expect(r.status == .seeOther) }
            let subs = try await desk.round.submissions()
            let diff = try await client.execute(uri: "/d/\(token)/diff?a=\(subs[0].id)&b=\(subs[1].id)", method: .get) { r in String(buffer: r.body) }
            #expect(diff.contains("#\(subs[0].id)") && diff.contains("#\(subs[1].id)") && !diff.contains("两份报表内容相同"))
            let home = try await client.execute(uri: "/d/\(token)", method: .get) { r in String(buffer: r.body) }
            #expect(home.contains("已接收，本轮采用") && home.contains("已接收，已被后报的表替代"))
        }
    }

    @Test("the office: a password, a session, logout with the form token, the matrix, the summary workbook and the sites", .requires(.program("python3")))
    func office() async throws {
        let (desk, dir) = try DeskSamples.desk()
        try await DeskSamples.application(desk).test(.live) { client in
            for name in ["南湖区_2021-06", "嘉善县_2021-06", "海盐县_2021-06"] {
                let district = String(name.prefix(3))
                let (body, headers) = Multipart.upload(name + ".xlsx", try DeskSamples.bytes(DeskSamples.file(name)))
                _ = try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(DeskSamples.token(desk, district))), body: body)
            }
            try await client.execute(uri: "/office", method: .get) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/office/login")
            }
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/office/login", method: .post, headers: form, body: ByteBuffer(string: "password=wrong")) { r in
                #expect(r.status == .unauthorized)
            }
            let password = "办公室口令-2021".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let cookie = try await client.execute(uri: "/office/login", method: .post, headers: form, body: ByteBuffer(string: "password=\(password)")) { r in
                #expect(r.status == .seeOther)
                let set = r.headers[.setCookie] ?? ""
                #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict"))
                return String(set.split(separator: ";")[0])
            }
            let page = try await client.execute(uri: "/office", method: .get, headers: [.cookie: cookie]) { r in
                #expect(r.status == .ok)
                return String(buffer: r.body)
            }
            let summary = try await desk.round.summary().consolidation
            #expect(page.contains("各地区报送情况") && page.contains("分解汇总") && page.contains("滞后清单") && page.contains("<svg"))
            for d in summary.missingDistricts { #expect(page.contains("<td>\(d.name)</td><td><span class=\"bad\">未报送</span>")) }
            #expect(summary.missingDistricts.count == 7)
            #expect(page.contains("<td>海盐县</td><td><span class=\"ok\">已采用</span>"))
            #expect(page.contains(desk.apiToken))
            for f in desk.round.planFindings { #expect(page.contains(HTMLEscape.escape(f.message))) }
            // Every left-out figure is in its own cell with the reason.
            for t in summary.tasks { for f in t.districts { if let why = f.leftOutBecause { #expect(page.contains("有误未计入：" + HTMLEscape.escape(why.message))) } } }
            let xlsx = try await client.execute(uri: "/office/summary.xlsx", method: .get, headers: [.cookie: cookie]) { r in Array(r.body.readableBytesView) }
            let saved = dir.appendingPathComponent("汇总.xlsx")
            try Data(xlsx).write(to: saved)
            #expect(try Workbook(path: saved.path).sheets.first?.name == "总览")
            try await client.execute(uri: "/office/sites.geojson", method: .get, headers: [.cookie: cookie]) { r in
                #expect(String(buffer: r.body).contains("FeatureCollection"))
            }
            // Every district's template in one zip, each the template the district's own link gives.
            let zip = try await client.execute(uri: "/office/templates.zip", method: .get, headers: [.cookie: cookie]) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/zip")
                return Array(r.body.readableBytesView)
            }
            let zipPath = dir.appendingPathComponent("templates.zip")
            try Data(zip).write(to: zipPath)
            let list = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(*z.namelist(), sep='\\n')"
            let names = try runProcess("python3", ["-c", list, zipPath.path]).stdout.split(separator: "\n").map(String.init)
            #expect(names.first == "None")
            #expect(names.dropFirst() == desk.round.links.map { TemplateWriter.fileName($0.district, DeskSamples.period) }[...])
            let csrf = try #require(Self.formToken(page))
            try await client.execute(uri: "/office/logout", method: .post, headers: form.merging([.cookie: cookie]), body: ByteBuffer(string: "csrf=x")) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/office/logout", method: .post, headers: form.merging([.cookie: cookie]), body: ByteBuffer(string: "csrf=\(csrf)")) { r in
                #expect(r.status == .seeOther)
            }
            try await client.execute(uri: "/office", method: .get, headers: [.cookie: cookie]) { r in #expect(r.status == .seeOther) }
            // The summary made is kept in the database.
            let db = dir.appendingPathComponent("data/desk.sqlite").path
            let query = "import sqlite3, sys; print(*sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*), MAX(through_submission) FROM summary').fetchone())"
            #expect(try runProcess("python3", ["-c", query, db]).stdout == "1 3\n")
        }
    }

    @Test("a return saved by LibreOffice as .ods and .xls is accepted with the findings of the .xlsx", .requires(.program("soffice")))
    func otherFormats() async throws {
        let (desk, dir) = try DeskSamples.desk()
        let source = DeskSamples.file("嘉善县_2021-06")
        let profile = dir.appendingPathComponent("lo-profile")
        var converted: [String] = []
        for (ext, filter) in [("ods", "ods"), ("xls", "xls:MS Excel 97")] {
            let out = dir.appendingPathComponent(ext)
            let lo = try runProcess("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", filter, "--outdir", out.path, source])
            let file = out.appendingPathComponent("民生实事填报_嘉善县_2021-06.\(ext)").path
            #expect(lo.status == 0 && FileManager.default.fileExists(atPath: file), "\(lo.stderr)")
            converted.append(file)
        }
        let files = converted
        try await DeskSamples.application(desk).test(.live) { client in
            func errors(_ path: String) async throws -> Set<[String]> {
                let (body, headers) = Multipart.upload(URL(fileURLWithPath: path).lastPathComponent, try DeskSamples.bytes(path))
                return try await client.execute(uri: "/api/returns", method: .post, headers: headers.merging(.bearer(DeskSamples.token(desk, "嘉善县"))), body: body) { r in
                    #expect(r.status == .ok)
                    return Set(try CheckJSON(r.body).findings.filter { $0.severity == "error" }.map { [$0.code, $0.cell ?? "", $0.message] })
                }
            }
            let original = try await errors(source)
            #expect(!original.isEmpty)
            for file in files { #expect(try await errors(file) == original, "\(file)") }
            // Each is accepted; the last one received counts.
            let summary = try await desk.round.summary()
            #expect(summary.submissions.map(\.verdict) == [.accepted, .accepted, .accepted])
            #expect(summary.consolidation.records.map(\.outcome) == [.superseded, .superseded, .used])
        }
    }

    @Test("wrong passwords are limited; an unknown page and a failing handler answer in Chinese")
    func throttleAndErrors() async throws {
        let (desk, _) = try DeskSamples.desk()
        try await DeskSamples.application(desk).test(.live) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for _ in 0..<10 {
                try await client.execute(uri: "/office/login", method: .post, headers: form, body: ByteBuffer(string: "password=guess")) { r in
                    #expect(r.status == .unauthorized)
                }
            }
            let password = "办公室口令-2021".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/office/login", method: .post, headers: form, body: ByteBuffer(string: "password=\(password)")) { r in
                #expect(r.status == .tooManyRequests && String(buffer: r.body).contains("密码错误次数过多"))
            }
            try await client.execute(uri: "/no/such/page", method: .get) { r in
                #expect(r.status == .notFound && String(buffer: r.body).contains("没有这个页面"))
            }
            try await client.execute(uri: "/api/no-such", method: .get) { r in
                #expect(r.status == .notFound && String(buffer: r.body).contains("\"error\""))
            }
        }
    }

    static func formToken(_ page: String) -> String? {
        guard let r = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    static func sha256(_ path: String) throws -> String {
        let out = try runProcess("sha256sum", [path])
        return String(out.stdout.prefix(64))
    }
}

/// The escaping the pages use, restated: a message on a page appears escaped.
enum HTMLEscape {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
