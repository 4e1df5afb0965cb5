import Foundation

/// Charts drawn on the server as SVG: no script, no CDN, and they print on A4 as they show on screen
/// (black lines, grey fills, labels in the page's font).
enum SVGChart {
    /// A radar of shares (0…1), one axis per label, with the outline at 100 % and rings at 25 % steps.
    static func radar(_ axes: [(label: String, share: Double)], title: String) -> String {
        let (width, height, radius) = (560.0, 340.0, 110.0)
        let (centreX, centreY) = (width / 2, height / 2)
        func point(_ index: Int, _ share: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(axes.count, 1))
            return (centreX + radius * share * cos(angle), centreY + radius * share * sin(angle))
        }
        func polygon(_ share: (Int) -> Double) -> String {
            axes.indices.map { index in
                let (x, y) = point(index, share(index))
                return "\(f(x)),\(f(y))"
            }.joined(separator: " ")
        }
        var svg = header(width: width, height: height, title: title)
        for ring in [0.25, 0.5, 0.75, 1.0] {
            svg += ##"<polygon points="\##(polygon { _ in ring })" fill="none" stroke="#bbb" stroke-width="1"/>"##
        }
        for (index, axis) in axes.enumerated() {
            let (x, y) = point(index, 1)
            let (lx, ly) = point(index, 1.15)
            // Labels on the left end at their point, those on the right start there, so none leaves the picture.
            let anchor = abs(lx - centreX) < 1 ? "middle" : lx < centreX ? "end" : "start"
            svg += ##"<line x1="\##(f(centreX))" y1="\##(f(centreY))" x2="\##(f(x))" y2="\##(f(y))" stroke="#bbb"/>"##
            svg += ##"<text x="\##(f(lx))" y="\##(f(ly + 4))" text-anchor="\##(anchor)" font-size="12">\##(escape(axis.label))</text>"##
        }
        svg += ##"<polygon points="\##(polygon { min(1, max(0, axes[$0].share)) })" fill="rgba(0,0,0,0.18)" stroke="#000" stroke-width="2"/>"##
        return svg + "</svg>"
    }

    /// A line of values over labelled points (months), on a scale from 0 to `maximum`; a missing value
    /// breaks the line.
    static func trend(_ points: [(label: String, value: Double?)], maximum: Double, title: String, valueText: (Double) -> String) -> String {
        let (width, height, left, bottom, top) = (560.0, 220.0, 40.0, 30.0, 16.0)
        let plotWidth = width - left - 16
        let plotHeight = height - bottom - top
        let step = plotWidth / Double(max(points.count - 1, 1))
        func x(_ index: Int) -> Double { left + step * Double(index) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(max(value / maximum, 0), 1)) }
        var svg = header(width: width, height: height, title: title)
        for tick in stride(from: 0.0, through: maximum, by: maximum / 4) {
            svg += ##"<line x1="\##(f(left))" y1="\##(f(y(tick)))" x2="\##(f(width - 16))" y2="\##(f(y(tick)))" stroke="#ddd"/>"##
            svg += ##"<text x="\##(f(left - 6))" y="\##(f(y(tick) + 4))" text-anchor="end" font-size="11">\##(escape(valueText(tick)))</text>"##
        }
        var segment: [String] = []
        var lines: [[String]] = []
        for (index, point) in points.enumerated() {
            svg += ##"<text x="\##(f(x(index)))" y="\##(f(height - 10))" text-anchor="middle" font-size="11">\##(escape(point.label))</text>"##
            if let value = point.value {
                segment.append("\(f(x(index))),\(f(y(value)))")
                svg +=
                    ##"<circle cx="\##(f(x(index)))" cy="\##(f(y(value)))" r="3" fill="#000"><title>\##(escape(point.label)): \##(escape(valueText(value)))</title></circle>"##
            } else if !segment.isEmpty {
                lines.append(segment)
                segment = []
            }
        }
        if !segment.isEmpty { lines.append(segment) }
        for line in lines where line.count > 1 {
            svg += ##"<polyline points="\##(line.joined(separator: " "))" fill="none" stroke="#000" stroke-width="2"/>"##
        }
        return svg + "</svg>"
    }

    static func header(width: Double, height: Double, title: String) -> String {
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(f(width)) \##(f(height))" width="\##(f(width))" height="\##(f(height))" role="img" aria-label="\##(escape(title))"><title>\##(escape(title))</title>"##
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
