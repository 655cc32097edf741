import XLSXCore

/// `xl/commentsN.xml` and its VML drawing `xl/drawings/vmlDrawingN.vml`, which Excel needs to show notes.
enum CommentsPart {
    static func write(_ notes: [Note]) -> [UInt8] {
        var authors: [String] = []
        for n in notes where !authors.contains(n.author) { authors.append(n.author) }
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><authors>")
        for a in authors {
            x.raw("<author>")
            x.text(a)
            x.raw("</author>")
        }
        x.raw("</authors><commentList>")
        for n in notes {
            x.raw("<comment")
            x.attribute("ref", n.cell.description)
            x.attribute("authorId", authors.firstIndex(of: n.author)!)
            x.raw("><text><t xml:space=\"preserve\">")
            x.text(n.text)
            x.raw("</t></text></comment>")
        }
        x.raw("</commentList></comments>")
        return x.bytes
    }

    static func writeVML(_ notes: [Note]) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">")
        x.raw("<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>")
        x.raw("<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">")
        x.raw("<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>")
        for (i, n) in notes.enumerated() {
            x.raw("<v:shape id=\"_x0000_s")
            x.int(1025 + i)
            x.raw("\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:144pt;height:60pt;z-index:")
            x.int(i + 1)
            x.raw(";visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>")
            x.raw("<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>")
            x.raw("<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>")
            x.raw("<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>")
            let c = n.cell.column, r = n.cell.row
            x.raw("\(c + 1), 15, \(max(r - 1, 0)), 10, \(c + 3), 15, \(r + 3), 4")
            x.raw("</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>")
            x.int(r)
            x.raw("</x:Row><x:Column>")
            x.int(c)
            x.raw("</x:Column></x:ClientData></v:shape>")
        }
        x.raw("</xml>")
        return x.bytes
    }
}
