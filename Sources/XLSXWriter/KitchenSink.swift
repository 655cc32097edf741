import XLSXCore

/// A workbook that uses every feature of the writer, for checking output against other programs.
package enum KitchenSink {
    /// Builds the kitchen-sink workbook and writes it to `path`.
    package static func write(to path: String) throws {
        let book = try WorkbookBuilder()
        book.properties.title = "minsheng 写出功能样例"
        book.properties.creator = "minsheng"
        book.properties.company = "嘉兴市人民政府办公室"

        let title = book.style(Style(font: Font(name: "黑体", size: 16, bold: true), alignment: Alignment(horizontal: .center, vertical: .center)))
        let header = book.style(
            Style(font: Font(bold: true, color: .white), fill: Color("1F4E79"), border: .all(.thin), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let body = book.style(Style(border: .all(.thin), alignment: Alignment(vertical: .center, wrap: true)))
        let decimal = book.style(Style(border: .all(.thin), numberFormat: "0.0"))
        let percent = book.style(Style(border: .all(.thin), numberFormat: "0%"))
        let thousands = book.style(Style(border: .all(.thin), numberFormat: "#,##0"))
        let chineseDate = book.style(Style(border: .all(.thin), numberFormat: "yyyy\"年\"m\"月\"d\"日\""))
        let input = book.style(Style(font: Font(color: Color("0000FF")), fill: Color("FFF2CC"), border: .all(.thin), locked: false))
        let hiddenFormula = book.style(Style(border: .all(.thin), numberFormat: "0.0%", locked: true, hidden: true))
        let italic = book.style(Style(font: Font(italic: true, underline: true, color: Color("7F7F7F")), alignment: Alignment(horizontal: .left, indent: 1)))

        let sheet = try book.addSheet("填报")
        sheet.tabColor = Color("00B050")
        sheet.freeze(rows: 3, columns: 2)
        sheet.setColumnWidth(0, 8)
        sheet.setColumnWidth(1, 40)
        sheet.autoFitColumns = true
        sheet.pageSetup.orientation = .landscape
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = 2...2
        sheet.pageSetup.header = "&C&\"黑体,常规\"2021年民生实事进度"
        sheet.pageSetup.footer = PageSetup.chinesePageFooter
        sheet.pageSetup.centerHorizontally = true
        sheet.pageSetup.margins = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)

        try sheet.addRow([.text("2021年民生实事进度填报（样例）", title)], height: 30)
        try sheet.merge(CellRange("A1:H1")!)
        try sheet.addRow([.text("填报单位：南湖区", italic)])
        try sheet.merge(CellRange("A2:C2")!)
        try sheet.addRow(
            ["编号", "项目名称 / 目标任务", "单位", "目标", "累计完成", "完成率", "进度状态", "填报日期"].map { CellData.text($0, header) },
            at: 2, height: 32)
        let rows: [(String, String, String, Double, Double?, String)] = [
            ("P3", "建设城际铁路及轨道交通500公里", "公里", 98, 8.1, "推进中"),
            ("P4", "建设改造公交站点500个", "个", 6, 6, "已完成"),
            ("P9", "实现学校食堂“阳光厨房”全覆盖", "%", 1, 0.85, "推进中"),
            ("C6", "新增城镇就业约64万人", "人", 32000, nil, "未开工"),
        ]
        for (i, r) in rows.enumerated() {
            let row = i + 3
            try sheet.addRow([
                .text(r.0, body), .text(r.1, body), .text(r.2, body),
                CellData(.number(r.3), style: r.2 == "%" ? percent : thousands),
                CellData(r.4.map { .number($0) } ?? .empty, style: input),
                .formula("IF(D\(row + 1)=0,\"\",E\(row + 1)/D\(row + 1))", cached: r.4.map { .number($0 / r.3) } ?? .string(""), hiddenFormula),
                CellData(.text(r.5), style: input),
                CellData(.date(ExcelDateTime(year: 2021, month: 6, day: 30)), style: chineseDate),
            ])
        }
        try sheet.addRow([
            .text("合计", body), .empty(body), .empty(body), .formula("SUM(D4:D7)", cached: .number(32105), thousands),
            .formula("SUM(E4:E7)", cached: .number(14.95), decimal), .empty(body), .empty(body), .empty(body),
        ])
        try sheet.addRow([.text("备注：蓝色字体的黄色单元格为填报区，其余单元格已锁定。", italic)], at: 9)
        try sheet.addRow([CellData(.bool(true)), CellData(.bool(false)), CellData(.error("#N/A")), CellData(.date(ExcelDateTime(serial: 0.5, kind: .time))), CellData(.date(ExcelDateTime(year: 2021, month: 3, day: 16, hour: 9, minute: 30))), CellData(.text("控制字符\u{1}与_x0041_"))], at: 10, hidden: false)
        try sheet.addRow([.text("官方网站"), .text("跳到汇总")], at: 11)
        sheet.addHyperlink(at: CellReference("A12")!, url: "https://www.jiaxing.gov.cn/", tooltip: "嘉兴市人民政府")
        sheet.addHyperlink(at: CellReference("B12")!, location: "'汇总'!A1")
        try sheet.addValidation(
            DataValidation(.decimal(.greaterThanOrEqual, "0"), ranges: [CellRange("E4:E7")!], promptTitle: "累计完成", prompt: "填写自年初以来的累计完成数，不小于0。", errorTitle: "数值有误", error: "请输入不小于0的数字。"))
        try sheet.addValidation(DataValidation(.list(["未开工", "推进中", "已完成"]), ranges: [CellRange("G4:G7")!], promptTitle: "进度状态", prompt: "请从下拉列表中选择。"))
        try sheet.addValidation(DataValidation(.whole(.between, "0", "1000"), ranges: [CellRange("I4:I7")!], errorStyle: .warning))
        try sheet.addValidation(DataValidation(.date(.between, "44197", "44561"), ranges: [CellRange("H4:H7")!], error: "日期须在2021年内。", errorStyle: .information))
        try sheet.addValidation(DataValidation(.textLength(.lessThanOrEqual, "200"), ranges: [CellRange("J4:J7")!]))
        try sheet.addValidation(DataValidation(.listFormula("'代码'!$A$1:$A$3"), ranges: [CellRange("K4:K7")!]))
        sheet.addConditionalFormat(
            ConditionalFormat(ranges: [CellRange("F4:F7")!], rules: [
                .cellValue(.lessThan, "0.6", nil, DifferentialStyle(fontColor: Color("9C0006"), fill: Color("FFC7CE"))),
                .cellValue(.between, "0.6", "0.9", DifferentialStyle(fontColor: Color("9C5700"), fill: Color("FFEB9C"))),
                .expression("$F4>=0.9", DifferentialStyle(fontColor: Color("006100"), bold: true, fill: Color("C6EFCE"))),
            ]))
        sheet.addConditionalFormat(ConditionalFormat(ranges: [CellRange("D4:D7")!], rules: [.dataBar(Color("638EC6"))]))
        sheet.addConditionalFormat(ConditionalFormat(ranges: [CellRange("E4:E7")!], rules: [.colorScale([Color("F8696B"), Color("FFEB84"), Color("63BE7B")])]))
        sheet.setAutoFilter(CellRange("A3:H7")!)
        sheet.addNote(Note(cell: CellReference("D4")!, text: "目标来自嘉政办发〔2021〕11号。", author: "市府办"))
        sheet.addNote(Note(cell: CellReference("E6")!, text: "百分比目标请填写百分数。"))
        var allow = ProtectionOptions()
        allow.formatColumns = true
        allow.autoFilter = true
        sheet.protect(password: "minsheng", options: allow)
        sheet.hideColumn(11)

        let summary = try book.addSheet("汇总")
        summary.showGridLines = false
        summary.pageSetup.printArea = CellRange("A1:B3")
        try summary.addRow([.text("目标合计", header), .formula("'填报'!D8", cached: .number(32105), thousands)])
        try summary.addRow([.text("完成合计", header), .formula("'填报'!E8", cached: .number(14.95), decimal)])
        try summary.addRow([.text("隐藏行", body)], hidden: true)
        summary.addChart(ColumnChart(
            title: "目标与完成", categories: "'填报'!$A$4:$A$7",
            series: [.init(name: "'填报'!$D$3", values: "'填报'!$D$4:$D$7"), .init(name: "累计完成", values: "'填报'!$E$4:$E$7")],
            anchor: CellRange("D2:K16")!))

        let codes = try book.addSheet("代码")
        codes.visibility = .hidden
        for code in ["A", "B", "C"] { try codes.addRow([.text(code)]) }
        let meta = try book.addSheet("_meta")
        meta.visibility = .veryHidden
        try meta.addRow([.text("format"), .text("kitchen-sink/1")])
        book.defineName("目标合计", formula: "'填报'!$D$8")
        try book.write(to: path)
    }
}
