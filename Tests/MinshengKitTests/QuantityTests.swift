import Foundation
import Testing
@testable import MinshengKit

@Suite struct QuantityTests {
    @Test("cells of the notice read as typed quantities", arguments: [
        ("24", Quantity.number(24)),
        ("8.1", .number(Decimal(string: "8.1")!)),
        ("100%", .percentage(100)),
        ("１００％", .percentage(100)),
        ("约72500", .approximate(.number(72500))),
        ("约64万", .approximate(.scaled(64, multiplier: 10_000))),
        ("32万", .scaled(32, multiplier: 10_000)),
        ("/", .notAssigned),
        ("—", .notAssigned),
        ("－", .notAssigned),
        ("", .blank),
        ("嘉服集团 1", .tagged(entity: "嘉服集团", .number(1))),
        ("嘉服集团\n\n1", .tagged(entity: "嘉服集团", .number(1))),
        ("三百", .text("三百")),
        ("约三百", .text("约三百")),
        ("1,200", .number(1200)),
        ("1,2", .text("1,2")),
    ])
    func parse(_ text: String, _ expected: Quantity) {
        #expect(Quantity.parse(text) == expected)
    }

    @Test("values are exact decimals")
    func values() {
        #expect(Quantity.parse("8.1").value == Decimal(string: "8.1"))
        #expect(Quantity.parse("约64万").value == 640_000)
        #expect(Quantity.parse("嘉服集团 1").value == 1)
        #expect(Quantity.parse("/").value == nil)
        // 8.1 + 5.5 + 7.6 + 18 + 21 is exactly 60.2 in decimal arithmetic (binary doubles are not).
        let sum = ["8.1", "5.5", "7.6", "18", "21"].compactMap { Quantity.parse($0).value }.reduce(0, +)
        #expect(sum == Decimal(string: "60.2"))
    }

    @Test("quantities print the way the notice writes them", arguments: ["24", "8.1", "100%", "约72500", "约64万", "32万", "/", "嘉服集团 1"])
    func text(_ text: String) {
        #expect(Quantity.parse(text).text == text)
    }
}

@Suite struct DistrictTests {
    @Test("districts are found by name, short name and alias, across line breaks", arguments: [
        ("南湖区", "nanhu"), ("南\n湖\n区", "nanhu"), ("南湖", "nanhu"), ("嘉兴经济技术开发区（国际商务区）", "jetdz"),
        ("嘉兴经济技术开发区(国际商务区)", "jetdz"), ("经开区", "jetdz"), ("国际商务区", "jetdz"), ("嘉兴经开区", "jetdz"),
        ("嘉兴\n港区", "port"), ("港区", "port"), ("市级", "city"), ("市本级", "city"),
    ])
    func match(_ text: String, _ id: String) {
        #expect(District.match(text)?.id == id)
    }

    @Test("other text is not a district", arguments: ["全市", "牵头单位", "嘉兴市", "南湖区合计", ""])
    func noMatch(_ text: String) {
        #expect(District.match(text) == nil)
    }
}

@Suite struct TargetTextTests {
    @Test("units come from the target text", arguments: [
        ("建设城际铁路及轨道交通500公里", "公里"), ("建设改造公交站点500个", "个"), ("新增学位2万个", "个"),
        ("建设全省统一出租汽车电话召车服务平台，组建11个老年人、残疾人出租车爱心服务车队，车队规模1500辆", "辆"),
        ("全市完成生活困难老年人家庭适老化改造2000户", "户"), ("为全市所有中小学、幼儿园在校学生每学期开展1次免费视力检测", nil),
    ] as [(String, String?)])
    func unit(_ text: String, _ unit: String?) {
        #expect(TargetText.unit(of: text) == unit)
    }

    @Test("a figure counts as stated for the city only after 全市, and a rate is not one")
    func statedFigure() {
        #expect(TargetText.statedCityFigure(in: "全市完成生活困难老年人家庭适老化改造2000户")?.quantity == .number(2000))
        #expect(TargetText.statedCityFigure(in: "对全市约3万孕妇免费开展胎儿系统超声检查")?.quantity == .approximate(.scaled(3, multiplier: 10_000)))
        #expect(TargetText.statedCityFigure(in: "为全市所有中小学、幼儿园在校学生每学期开展1次免费视力检测") == nil)
        #expect(TargetText.statedCityFigure(in: "建设改造公交站点500个") == nil)
        #expect(TargetText.statedCityFigure(in: "全市电信网络诈骗案发数同比下降5%")?.quantity == .percentage(5))
    }

    @Test("序号 as offices write them", arguments: [("3", 3), ("3.", 3), ("（三）", 3), ("十二", 12), ("二十", 20), ("P", nil)] as [(String, Int?)])
    func sequence(_ text: String, _ n: Int?) {
        #expect(SequenceNumber.parse(text) == n)
    }
}

/// A departmental table's figures with commas: grouped thousands are read, anything else is not guessed.
@Suite struct DepartmentCommaTests {
    @Test("1,200 reads as 1200; 1,2 and 1,2345 are unreadable", arguments: [("1,200", "1200"), ("1,2", nil), ("1,2345", nil), ("2,500个", "2500")] as [(String, String?)])
    func commas(_ text: String, _ value: String?) {
        let read = DepartmentValue.read(.string(text), percentFormat: false)
        if let value {
            guard case .value(let d, _, _, _) = read else {
                Issue.record("\(text) was not read: \(read)")
                return
            }
            #expect(d == Decimal(string: value))
        } else {
            #expect(read == .unreadable(text))
        }
    }
}
