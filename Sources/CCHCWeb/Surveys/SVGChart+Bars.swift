import Foundation

extension SVGChart {
    /// Horizontal bars of values from 0 to `maximum`, one per label, each with its margin of error drawn as
    /// a whisker where there is one; a missing value leaves its row empty.
    static func bars(_ rows: [(label: String, value: Double?, margin: Double?)], maximum: Double, title: String, valueText: (Double) -> String) -> String {
        let (width, left, right, rowHeight, top) = (560.0, 180.0, 70.0, 22.0, 8.0)
        let height = top * 2 + rowHeight * Double(max(rows.count, 1))
        let plotWidth = width - left - right
        func x(_ value: Double) -> Double { left + plotWidth * min(max(value / maximum, 0), 1) }
        var svg = header(width: width, height: height, title: title)
        for tick in stride(from: 0.0, through: maximum, by: maximum / 4) {
            svg += ##"<line x1="\##(f(x(tick)))" y1="\##(f(top))" x2="\##(f(x(tick)))" y2="\##(f(height - top))" stroke="#ddd"/>"##
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            let label = row.label.count > 28 ? String(row.label.prefix(27)) + "…" : row.label
            svg += ##"<text x="\##(f(left - 6))" y="\##(f(y + 15))" text-anchor="end" font-size="11">\##(escape(label))</text>"##
            guard let value = row.value else { continue }
            svg +=
                ##"<rect x="\##(f(left))" y="\##(f(y + 4))" width="\##(f(x(value) - left))" height="\##(f(rowHeight - 8))" fill="#999"><title>\##(escape(row.label)): \##(escape(valueText(value)))</title></rect>"##
            if let margin = row.margin {
                let middle = y + rowHeight / 2
                svg += ##"<line x1="\##(f(x(value - margin)))" y1="\##(f(middle))" x2="\##(f(x(value + margin)))" y2="\##(f(middle))" stroke="#000"/>"##
            }
            svg += ##"<text x="\##(f(x(value) + 4))" y="\##(f(y + 15))" font-size="11">\##(escape(valueText(value)))</text>"##
        }
        return svg + "</svg>"
    }
}
