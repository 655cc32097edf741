/// A colour as `RRGGBB` (or `AARRGGBB`) hexadecimal.
public struct Color: Hashable, Sendable, ExpressibleByStringLiteral {
    public var argb: String

    /// Accepts `RRGGBB`, `#RRGGBB` or `AARRGGBB`.
    public init(_ hex: String) {
        var h = hex.uppercased()
        if h.hasPrefix("#") { h.removeFirst() }
        argb = h.count == 6 ? "FF" + h : h
    }

    public init(stringLiteral value: String) { self.init(value) }

    public static let black = Color("000000")
    public static let white = Color("FFFFFF")
    public static let red = Color("C00000")
}

/// Font settings of a cell style.
public struct Font: Hashable, Sendable {
    public var name: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    public var color: Color?

    public init(name: String = "宋体", size: Double = 11, bold: Bool = false, italic: Bool = false, underline: Bool = false, color: Color? = nil) {
        self.name = name
        self.size = size
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.color = color
    }
}

/// A border line style.
public enum BorderLine: String, Hashable, Sendable {
    case thin, medium, thick, dashed, dotted, double, hair
}

/// Borders of a cell style.
public struct Border: Hashable, Sendable {
    public var left: BorderLine?
    public var right: BorderLine?
    public var top: BorderLine?
    public var bottom: BorderLine?
    public var color: Color?

    public init(left: BorderLine? = nil, right: BorderLine? = nil, top: BorderLine? = nil, bottom: BorderLine? = nil, color: Color? = nil) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.color = color
    }

    /// The same line on all four sides.
    public static func all(_ line: BorderLine, color: Color? = nil) -> Border {
        Border(left: line, right: line, top: line, bottom: line, color: color)
    }
}

/// Alignment of a cell style.
public struct Alignment: Hashable, Sendable {
    public enum Horizontal: String, Sendable { case general, left, center, right, fill, justify, centerContinuous, distributed }
    public enum Vertical: String, Sendable { case top, center, bottom, justify, distributed }

    public var horizontal: Horizontal?
    public var vertical: Vertical?
    public var wrap: Bool
    public var indent: Int

    public init(horizontal: Horizontal? = nil, vertical: Vertical? = nil, wrap: Bool = false, indent: Int = 0) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.indent = indent
    }
}

/// A complete cell style; equal styles share one entry of the style table.
public struct Style: Hashable, Sendable {
    public var font: Font
    /// Solid background colour.
    public var fill: Color?
    public var border: Border
    public var alignment: Alignment
    /// A number format code such as `0.0`, `0%`, `#,##0` or `yyyy"年"m"月"d"日"`; nil for General.
    public var numberFormat: String?
    /// Whether the cell is locked when the sheet is protected (Excel's default is locked).
    public var locked: Bool
    /// Whether the formula is hidden when the sheet is protected.
    public var hidden: Bool

    public init(
        font: Font = Font(), fill: Color? = nil, border: Border = Border(), alignment: Alignment = Alignment(),
        numberFormat: String? = nil, locked: Bool = true, hidden: Bool = false
    ) {
        self.font = font
        self.fill = fill
        self.border = border
        self.alignment = alignment
        self.numberFormat = numberFormat
        self.locked = locked
        self.hidden = hidden
    }

    /// The workbook's default style.
    public static let normal = Style()
}

/// A handle to a registered style; cheap to copy and to pass with every cell.
public struct StyleID: Hashable, Sendable {
    let index: Int
    /// The default style (`cellXfs` entry 0).
    public static let normal = StyleID(index: 0)
}

/// The formatting a conditional format applies (a differential format, `<dxf>`).
public struct DifferentialStyle: Hashable, Sendable {
    public var fontColor: Color?
    public var bold: Bool?
    public var fill: Color?

    public init(fontColor: Color? = nil, bold: Bool? = nil, fill: Color? = nil) {
        self.fontColor = fontColor
        self.bold = bold
        self.fill = fill
    }
}
