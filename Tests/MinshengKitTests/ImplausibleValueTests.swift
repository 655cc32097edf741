import Foundation
import Testing
import XLSXCore
@testable import MinshengKit

/// Values that would be counted wrongly if read at face value are errors, decided by the cell's number
/// format as well as its type, so the same input gives the same finding whichever program saved it.
@Suite struct ImplausibleValueTests {
    private func cell(_ value: CellValue, percentFormat: Bool = false) -> ReturnCell {
        ReturnCell(reference: CellReference("E12")!, value: value, numberText: nil, isPercentFormat: percentFormat)
    }

    private func code(_ input: ParsedInput) -> FindingCode? {
        if case .rejected(let code, _) = input { return code }
        return nil
    }

    @Test("95 typed into a cell formatted as a percentage (9500%) is an error asking 是否为95%？")
    func percentTypedAsWholeNumber() {
        let parsed = InputParser.parse(cell(.number(95), percentFormat: true), percentage: true, unit: "%")
        guard case .rejected(let code, let message) = parsed else {
            Issue.record("accepted: \(parsed)")
            return
        }
        #expect(code == .returnValueImplausible && message.contains("是否为95%？"))
        #expect(InputParser.parse(cell(.number(0.95), percentFormat: true), percentage: true, unit: "%") == .value(95, normalisedFrom: nil))
    }

    @Test("50% in a count task is the same error as a number formatted as a percentage and as text")
    func percentInCountTask() {
        let libreOffice = InputParser.parse(cell(.number(0.5), percentFormat: true), percentage: false, unit: "个")
        let openpyxl = InputParser.parse(cell(.string("50%")), percentage: false, unit: "个")
        #expect(code(libreOffice) == .returnValueWrongKind && code(openpyxl) == .returnValueWrongKind)
    }

    @Test("a range or several numbers is an error, not its first number", arguments: ["2-3", "2~3", "2至3", "2、3", "2 3", "1,2.5.6"])
    func ranges(_ text: String) {
        #expect(code(InputParser.parse(text: text, percentage: false, unit: "个")) == .returnValueRange || code(InputParser.parse(text: text, percentage: false, unit: "个")) == .returnValueUnreadable)
        #expect(InputParser.parse(text: text, percentage: false, unit: "个") != .value(2, normalisedFrom: text))
    }

    @Test("plain figures still read: 12个, 1,200, -3 (then refused as negative by the checker)")
    func plainFigures() {
        #expect(InputParser.parse(text: "12个", percentage: false, unit: "个") == .value(12, normalisedFrom: "12个"))
        #expect(InputParser.parse(text: "1,200", percentage: false, unit: "个") == .value(1200, normalisedFrom: "1,200"))
        #expect(InputParser.parse(text: "-3", percentage: false, unit: "个") == .value(-3, normalisedFrom: "-3"))
        #expect(code(InputParser.parse(text: "2-3", percentage: false, unit: "个")) == .returnValueRange)
    }
}
