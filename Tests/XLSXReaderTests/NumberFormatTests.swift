import Testing
import XLSXCore

@Suite struct NumberFormatTests {
    @Test("custom codes are sorted into date, duration, number and text", arguments: [
        ("yyyy-mm-dd", NumberFormat.Category.date), ("d/m/yy h:mm", .date), ("[$-409]d-mmm-yy;@", .date),
        ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", .date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("上午/下午h\"时\"mm\"分\"", .date),
        ("[h]:mm", .duration), ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("[ss].0", .duration),
        ("0.00", .number), ("#,##0.00;[Red]-#,##0.00", .number), ("[Red]0.00", .number), ("0.00E+00", .number),
        ("\"Days: \"0", .number), ("\"yes\"0;\"no\"", .number), ("0\\d", .number), ("0_)", .number), ("0* ", .number),
        ("[$€-2] #,##0.00", .number), ("[>=100]0;0.0", .number), ("@", .text), ("General", .general), ("", .general),
    ])
    func customCodes(code: String, expected: NumberFormat.Category) {
        #expect(NumberFormat.category(code: code) == expected)
    }

    @Test("only the first section decides")
    func firstSection() {
        #expect(NumberFormat.category(code: "0;yyyy") == .number)
        #expect(NumberFormat.category(code: "yyyy;0") == .date)
    }

    @Test("built-in ids", arguments: [
        (14, NumberFormat.Category.date), (22, .date), (27, .date), (36, .date), (45, .date), (47, .date), (50, .date),
        (58, .date), (46, .duration), (0, .general), (1, .number), (37, .number), (49, .text), (23, .general),
        (164, .general),
    ])
    func builtIn(id: Int, expected: NumberFormat.Category) {
        #expect(NumberFormat.category(builtIn: id) == expected)
    }
}
