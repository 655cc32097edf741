import Foundation
import HTTPTypes
import Hummingbird
import MinshengDesk
import MinshengKit
import NIOCore
import TestSupport
@testable import XLSXWriter

/// The sample plan and round, and files to upload.
enum DeskSamples {
    static let plan = TestPaths.packageRoot.appendingPathComponent("Samples/allocation-2021.xlsx").path
    static let period = Period(year: 2021, month: 6)
    static let round = TestPaths.packageRoot.appendingPathComponent("Samples/round-2021-06")

    /// A return of the sample round by the district named in its file name (`南湖区`, `嘉善县_2021-06（更正）`).
    static func file(_ name: String) -> String { round.appendingPathComponent("民生实事填报_\(name).xlsx").path }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// A desk on a new data folder, with a known office password.
    static func desk(maxUpload: Int = 20 << 20, folder: URL? = nil) throws -> (Desk, URL) {
        let dir = try folder ?? makeTemporaryDirectory()
        var config = DeskConfiguration(planPath: plan, period: period, dataFolder: dir.appendingPathComponent("data").path)
        config.officePassword = "办公室口令-2021"
        config.maxUpload = maxUpload
        config.port = 0
        return (try Desk(config), dir)
    }

    static func application(_ desk: Desk) -> some ApplicationProtocol {
        Application(router: desk.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func token(_ desk: Desk, _ district: String) -> String {
        desk.round.links.first { $0.district.name == district || $0.district.shortName == district }!.token
    }

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook whose sheet inflates to 100 MiB of spaces from about a hundred kilobytes.
    static func zipBomb() throws -> [UInt8] {
        try workbook(sheet: "<sheetData>" + String(repeating: " ", count: 100 << 20) + "</sheetData>")
    }

    /// A workbook whose shared strings declare the billion laughs.
    static func entityExpansion() throws -> [UInt8] {
        let entities = "<!ENTITY a \"lollollollol\">" + "bcdefghi".map { c in
            let before = Character(UnicodeScalar(c.unicodeScalars.first!.value - 1)!)
            return "<!ENTITY \(c) \"" + String(repeating: "&\(before);", count: 10) + "\">"
        }.joined()
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [\(entities)]><sst xmlns=\"\(main)\"><si><t>&i;</t></si></sst>"
        return try workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>", sharedStrings: laughs)
    }

    /// A minimal workbook of one sheet 填报, with shared strings when given.
    private static func workbook(sheet: String, sharedStrings: String? = nil) throws -> [UInt8] {
        let sst = sharedStrings == nil ? "" : "<Relationship Id=\"rId2\" Type=\"\(rels)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        var parts: [(String, String)] = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
            ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rels)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\"><sheets><sheet name=\"填报\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/>\(sst)</Relationships>"),
            ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\">\(sheet)</worksheet>"),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        return try zip(parts)
    }

    private static func zip(_ parts: [(String, String)]) throws -> [UInt8] {
        let path = try makeTemporaryDirectory().appendingPathComponent("p.xlsx").path
        let zip = try ZipWriter(path: path, compressionLevel: 9, modificationTime: 946_684_800)
        for (name, text) in parts { try zip.add(name, bytes: Array(text.utf8)) }
        try zip.close()
        return try bytes(path)
    }
}

/// A `multipart/form-data` body as a browser sends it.
struct Multipart {
    let boundary = "----minshengTest\(UInt32.random(in: 0 ... .max))"
    var body = ByteBuffer()

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    mutating func file(_ name: String, _ bytes: [UInt8]) {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n")
    }

    func finished() -> ByteBuffer {
        var out = body
        out.writeString("--\(boundary)--\r\n")
        return out
    }

    /// A body with one file and the given fields.
    static func upload(_ name: String, _ bytes: [UInt8], fields: [String: String] = [:]) -> (ByteBuffer, HTTPFields) {
        var m = Multipart()
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) { m.field(k, v) }
        m.file(name, bytes)
        return (m.finished(), [.contentType: m.contentType])
    }
}

extension HTTPFields {
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    func merging(_ other: HTTPFields) -> HTTPFields {
        var out = self
        for f in other { out.append(f) }
        return out
    }
}

/// The findings of a `check --format json` body.
struct CheckJSON: Decodable {
    struct Item: Decodable, Hashable {
        var code: String
        var severity: String
        var sheet: String?
        var cell: String?
        var task: String?
        var message: String
    }

    var errors: Int
    var warnings: Int
    var findings: [Item]

    init(_ body: ByteBuffer) throws {
        self = try JSONDecoder().decode(CheckJSON.self, from: Data(body.readableBytesView))
    }
}
