import Foundation
/// Puts ArgumentParser's own English (section headings, usage errors) into Chinese, so that every line
/// a clerk reads is Chinese. The command, option and argument help is written in Chinese where it is
/// declared; only the parser's fixed phrases pass through here.
public enum UsageText {
    /// Whole-line and phrase replacements, applied in order.
    private static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "说明："),
        ("USAGE: ", "用法："),
        ("Usage: ", "用法："),
        ("ARGUMENTS:", "参数："),
        ("OPTIONS:", "选项："),
        ("SUBCOMMANDS:", "子命令："),
        ("Show help information.", "显示帮助。"),
        ("Show the version.", "显示版本号。"),
        ("See 'minsheng help <subcommand>' for detailed help.", "用 minsheng help <子命令> 查看各子命令的说明。"),
        ("' for detailed help.", "' 查看各子命令的说明。"),
        ("  See '", "  用 '"),
        ("' for more information.", "' 查看说明。"),
        ("Error: ", "错误："),
        ("Help:  ", "说明："),
        ("<subcommand>", "<子命令>"),
        ("Missing expected argument ", "缺少参数 "),
        ("Unknown option ", "未知选项 "),
        ("Unexpected argument ", "多余的参数 "),
        ("Missing value for ", "缺少选项的值 "),
        ("Unknown subcommand ", "未知子命令 "),
        ("Please provide one of the following subcommands", "请给出下列子命令之一"),
        ("Missing required subcommand.", "缺少子命令。"),
        ("is not a valid value for", "不是有效的值，选项"),
        ("The value ", "值 "),
        (" is invalid for ", " 不适用于 "),
        ("Please provide one of ", "可选："),
        ("Duplicate", "重复的"),
    ]

    /// The text with the parser's fixed English phrases in Chinese; text already Chinese passes unchanged.
    public static func chinese(_ text: String) -> String {
        var out = text
        for (english, chinese) in phrases where out.contains(english) {
            out = out.replacingOccurrences(of: english, with: chinese)
        }
        // "(default: x)" and "(values: …)", also where the help's wrapping broke the line inside them.
        out = out.replacingOccurrences(of: #";\s*default:\s*"#, with: "；默认：", options: .regularExpression)
        for (english, chinese) in [("default", "默认"), ("values", "可选")] {
            out = out.replacingOccurrences(of: #"\(\#(english):\s*([^)]*)\)"#, with: "（\(chinese)：$1）", options: .regularExpression)
        }
        return out
    }
}
