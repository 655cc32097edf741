import XLSXCore
import XLSXWriter

extension ConsolidatedWorkbook {
    /// A printed sheet of the summary: A4 (or A3) fitted to the page width, the title and period in the
    /// header, 第 n 页，共 m 页 and the basis in the footer, header rows repeated on every page.
    static func setUpPrint(
        _ sheet: SheetWriter, _ c: Consolidation, title: String, titleRows: ClosedRange<Int>?, landscape: Bool = true, paper: PageSetup.Paper = .a4
    ) {
        setUpReportPage(sheet, report: "\(c.period.chinese)民生实事进度汇总", title: title, basis: c.plan.documentNumber ?? c.plan.title,
                        made: String(c.generatedAt.prefix(10)), titleRows: titleRows, landscape: landscape, paper: paper)
    }

    /// A report's printed page: fitted to the width, the report on the left of the header and the sheet on
    /// the right, the basis, 第 n 页，共 m 页 and the date it was made in the footer.
    static func setUpReportPage(
        _ sheet: SheetWriter, report: String, title: String, basis: String, made: String?, titleRows: ClosedRange<Int>?,
        landscape: Bool = true, paper: PageSetup.Paper = .a4
    ) {
        sheet.pageSetup.orientation = landscape ? .landscape : .portrait
        sheet.pageSetup.paper = paper
        sheet.pageSetup.fitToWidth = true
        sheet.pageSetup.titleRows = titleRows
        sheet.pageSetup.header = "&L\(report)&R\(title)"
        sheet.pageSetup.footer = "&L\(basis)&C第 &P 页，共 &N 页" + (made.map { "&R生成于 \($0)" } ?? "")
        sheet.pageSetup.margins = (0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        sheet.pageSetup.centerHorizontally = true
    }

    /// The height of a row whose cells wrap: the tallest of its texts at their column widths (10 pt), at least `minimum`.
    static func rowHeight(_ texts: [(String, Double)], minimum: Double = 18) -> Double {
        texts.map { SheetWriter.wrappedHeight($0.0, columnWidth: $0.1, fontSize: 10) }.reduce(minimum, max)
    }
}
