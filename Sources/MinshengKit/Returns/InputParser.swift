import Foundation
import XLSXCore

/// What a clerk typed into a 累计完成 cell, judged.
public enum ParsedInput: Hashable, Sendable {
    case missing
    /// A value; `normalisedFrom` holds the text it was read from when it was not a plain number.
    case value(Decimal, normalisedFrom: String?)
    /// A value that cannot be accepted, with the finding's code and message.
    case rejected(code: FindingCode, message: String)
}

/// Reads 累计完成 and similar inputs: accepts unambiguous text (full-width digits, `12个`, `12.0`),
/// rejects what is not (`约300`, `三百`, `12%` for a count).
public enum InputParser {
    /// - Parameters:
    ///   - cell: the input cell.
    ///   - percentage: whether the task's target is a percentage (the value is then a percent figure: 85 for 85%).
    ///   - unit: the task's unit, accepted after the number (`12个`).
    public static func parse(_ cell: ReturnCell?, percentage: Bool, unit: String?) -> ParsedInput {
        guard let cell, !cell.isEmpty else { return .missing }
        switch cell.value {
        case .number(let n):
            // The cell's number format decides as much as its type: "50%" typed in LibreOffice is 0.5 shown
            // as a percentage, the same input openpyxl writes as the text "50%", and both get one finding.
            var d = cell.numberText.flatMap { Decimal(fileText: $0) } ?? Decimal(n)
            guard percentage else {
                if cell.isPercentFormat {
                    let shown = Quantity.format(d * 100) + "%"
                    return .rejected(code: .returnValueWrongKind, message: "“\(shown)”是百分数，而该项目标是数量\(unit.map { "（\($0)）" } ?? "")，请填写完成的数量")
                }
                return .value(d, normalisedFrom: nil)
            }
            if cell.isPercentFormat {
                // 95 typed into a cell formatted as a percentage is 9500%: a fraction was expected.
                if d > 1 {
                    let shown = Quantity.format(d * 100) + "%"
                    return .rejected(
                        code: .returnValueImplausible,
                        message: "“\(shown)”超过100%，不是合理的百分数" + (d >= 2 ? "。是否为\(Quantity.format(d))%？" : ""))
                }
                d *= 100
            } else if d <= 1 {
                return .value(d * 100, normalisedFrom: cell.numberText ?? CellValue.format(n))
            }
            return .value(d, normalisedFrom: nil)
        case .string(let raw):
            return parse(text: raw, percentage: percentage, unit: unit)
        case .bool, .date, .error, .empty:
            return .rejected(code: .returnValueUnreadable, message: "“\(cell.value.text)”不是数字")
        }
    }

    static func parse(text raw: String, percentage: Bool, unit: String?) -> ParsedInput {
        let original = TextNormalizer.spacesFolded(raw)
        // Digits separated by white space are several numbers, not one ("2 3" is not 23).
        if digitsApart(original) {
            return .rejected(code: .returnValueRange, message: "“\(original)”是范围或多个数字，累计完成须填写一个确切数字")
        }
        var s = TextNormalizer.compact(raw)
        if s.isEmpty { return .missing }
        if s.hasPrefix("约") || s.hasPrefix("大约") || s.hasSuffix("左右") || s.hasPrefix("近") || s.hasPrefix("超") {
            return .rejected(code: .returnValueApproximate, message: "“\(original)”是约数，累计完成须填写确切数字")
        }
        var isPercent = false
        if s.hasSuffix("%") {
            isPercent = true
            s.removeLast()
        } else if let unit, !unit.isEmpty, unit != "%", s.hasSuffix(unit) {
            s.removeLast(unit.count)
        } else if let known = TargetText.units.first(where: { $0 != "%" && s.hasSuffix($0) }) {
            s.removeLast(known.count)
        }
        // "2-3", "2~3", "2至3", "2、3", "1,2": a range or several numbers is not one figure, not its first
        // number; a comma counts only between groups of three digits (1,200).
        let ungrouped = Quantity.ungrouped(s)
        s = ungrouped ?? s
        let numbers = s.split(whereSeparator: { !($0.isASCII && $0.isNumber) && $0 != "." }).filter { !$0.isEmpty }
        if ungrouped == nil || numbers.count > 1 {
            return .rejected(code: .returnValueRange, message: "“\(original)”是范围或多个数字，累计完成须填写一个确切数字")
        }
        guard !s.isEmpty, s.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "-" }),
            s.dropFirst().allSatisfy({ $0 != "-" }), s.filter({ $0 == "." }).count <= 1, let d = Decimal(fileText: s)
        else {
            return .rejected(code: .returnValueUnreadable, message: "“\(original)”不是可识别的数字，请填写阿拉伯数字")
        }
        if isPercent && !percentage {
            return .rejected(code: .returnValueWrongKind, message: "“\(original)”是百分数，而该项目标是数量\(unit.map { "（\($0)）" } ?? "")，请填写完成的数量")
        }
        return .value(d, normalisedFrom: original)
    }

    /// Whether folded text has two digits (any script's decimal digits) with a space between them.
    private static func digitsApart(_ folded: String) -> Bool {
        func digit(_ u: Unicode.Scalar) -> Bool { u.properties.numericType == .decimal }
        var previous: (Unicode.Scalar, Unicode.Scalar)?
        for u in folded.unicodeScalars {
            if let (a, b) = previous, b == " ", digit(a), digit(u) { return true }
            previous = (previous?.1 ?? " ", u)
        }
        return false
    }
}
