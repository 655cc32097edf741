/// An error that can explain itself to the clerks who run minsheng, in Chinese.
///
/// Every error type of the library conforms: its `description` stays English for Swift developers, and
/// the command-line tool prints `chineseDescription`.
public protocol ChineseDescribable: Error {
    /// One line in Chinese: where, what went wrong, and what to do.
    var chineseDescription: String { get }
    /// What went wrong and what to do, in Chinese, without the place (for a list that already names the file).
    var chineseReason: String { get }
}

/// How one Chinese error line is put together, the same for every error type.
public enum ChineseText {
    /// `文件 a.xlsx，工作表 填报!C7：不是有效的数字。请……`, leaving out what is empty.
    public static func line(place: String, message: String, hint: String?) -> String {
        var s = place.isEmpty ? message : place + "：" + message
        if let hint, !hint.isEmpty {
            if let last = s.last, !"。！？".contains(last) { s += "。" }
            s += hint
        }
        return s
    }
}
