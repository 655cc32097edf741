import Foundation
import XLSXCore
import XLSXWriter

/// The report's styles.
struct ReportStyles {
    let title, note, noteWrap, sectionTitle, label, header, left, centre, wrap, wrapCentre, greyed, figure, percentFigure, integer, rate, percent, oneDecimal, coordinate: StyleID
    private let lights: [TrafficLight: StyleID]
    private let wrappedLights: [TrafficLight: StyleID]

    init(_ book: WorkbookBuilder) {
        let border = Border.all(.thin, color: "808080")
        let font = Font(size: 10)
        let centreAlign = Alignment(horizontal: .center, vertical: .center, wrap: false)
        let labelAlign = Alignment(horizontal: .center, vertical: .center, wrap: true)
        title = book.style(Style(font: Font(name: "黑体", size: 16), alignment: Alignment(horizontal: .center, vertical: .center)))
        note = book.style(Style(font: Font(size: 10, color: "595959"), alignment: Alignment(horizontal: .left, vertical: .center)))
        noteWrap = book.style(Style(font: Font(size: 10, color: "595959"), alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        sectionTitle = book.style(Style(font: Font(name: "黑体", size: 12), alignment: Alignment(horizontal: .left, vertical: .center)))
        label = book.style(Style(font: Font(size: 10, bold: true), fill: "F2F2F2", border: border, alignment: labelAlign))
        header = book.style(Style(font: Font(name: "黑体", size: 10, bold: true), fill: "D9E1F2", border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        left = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .left, vertical: .center)))
        centre = book.style(Style(font: font, border: border, alignment: centreAlign))
        wrap = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .left, vertical: .center, wrap: true)))
        wrapCentre = book.style(Style(font: font, border: border, alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        greyed = book.style(Style(font: Font(size: 10, color: "A6A6A6"), border: border, alignment: centreAlign))
        figure = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "General"))
        percentFigure = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0\"%\""))
        integer = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0"))
        rate = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0%"))
        percent = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0%"))
        oneDecimal = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.0"))
        coordinate = book.style(Style(font: font, border: border, alignment: centreAlign, numberFormat: "0.000000"))
        var l: [TrafficLight: StyleID] = [:]
        l[.green] = book.style(Style(font: Font(size: 10, color: "006100"), fill: "C6EFCE", border: border, alignment: centreAlign))
        l[.yellow] = book.style(Style(font: Font(size: 10, color: "9C5700"), fill: "FFEB9C", border: border, alignment: centreAlign))
        l[.red] = book.style(Style(font: Font(size: 10, color: "9C0006"), fill: "FFC7CE", border: border, alignment: centreAlign))
        l[TrafficLight.none] = centre
        lights = l
        var w: [TrafficLight: StyleID] = [:]
        for (light, id) in l {
            var style = book.style(of: id)
            style.alignment.wrap = true
            w[light] = book.style(style)
        }
        wrappedLights = w
    }

    func light(_ l: TrafficLight) -> StyleID { lights[l]! }

    /// The light's style with wrapping, for longer status texts.
    func lightWrap(_ l: TrafficLight) -> StyleID { wrappedLights[l]! }
}

