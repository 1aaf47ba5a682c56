import HypercallABI

/// The report's charts as standalone SVG elements (no scripts, no external resources).
public enum SVGCharts {
    private static let font = "font-family=\"system-ui, sans-serif\" font-size=\"12\""

    /// Codes × columns, each cell shaded by its call count on a log scale.
    public static func usageHeatMap(_ report: UsageReport) -> String {
        let codes = report.codes.filter { $0.perColumn.contains { $0 > 0 } }
        let labelWidth = 300.0, cellWidth = 86.0, cellHeight = 20.0, headerHeight = 44.0
        let width = labelWidth + cellWidth * Double(max(report.columns.count, 1)) + 10
        let height = headerHeight + cellHeight * Double(codes.count) + 10
        let peak = codes.flatMap(\.perColumn).max() ?? 0
        var svg = open(width: width, height: height, title: "Usage heat map: calls per code, partition and phase")
        for (index, column) in report.columns.enumerated() {
            let x = labelWidth + cellWidth * (Double(index) + 0.5)
            svg += text(x, 16, column.partition, anchor: "middle", weight: "bold")
            svg += text(x, 34, column.phase, anchor: "middle")
        }
        for (row, code) in codes.enumerated() {
            let y = headerHeight + cellHeight * Double(row)
            svg += text(labelWidth - 8, y + 14, "\(code.hex) \(ReportTables.label(code.code))", anchor: "end", monospace: true)
            for (index, calls) in code.perColumn.enumerated() {
                let x = labelWidth + cellWidth * Double(index)
                let level = calls == 0 || peak == 0 ? 0 : (log(Double(calls) + 1) / log(Double(peak) + 1))
                let fill = calls == 0 ? "#f3f4f6" : shade(level)
                svg += "<rect x=\"\(n(x + 1))\" y=\"\(n(y + 1))\" width=\"\(n(cellWidth - 2))\" height=\"\(n(cellHeight - 2))\" fill=\"\(fill)\">"
                svg += "<title>\(escape("\(code.hex) \(code.name), \(report.columns[index].partition)/\(report.columns[index].phase): \(calls.grouped) calls"))</title></rect>\n"
                if calls > 0 {
                    svg += text(x + cellWidth / 2, y + 14, calls.grouped, anchor: "middle", fill: level > 0.55 ? "#ffffff" : "#111827")
                }
            }
        }
        return svg + "</svg>\n"
    }

    /// Calls per second over time for one log, with a dashed line at each phase boundary.
    public static func timeline(_ timeline: UsageReport.Timeline, title: String) -> String {
        let width = 900.0, height = 260.0, left = 64.0, right = 16.0, top = 24.0, bottom = 36.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let rates = timeline.counts.map { Double($0) / timeline.bucketSeconds }
        let duration = max(Double(timeline.counts.count) * timeline.bucketSeconds,
                           timeline.boundaries.map(\.seconds).max() ?? 0, timeline.bucketSeconds)
        let peak = max(rates.max() ?? 0, 1)
        let yTop = niceCeiling(peak)
        func x(_ seconds: Double) -> Double { left + plotWidth * seconds / duration }
        func y(_ rate: Double) -> Double { top + plotHeight * (1 - rate / yTop) }
        var svg = open(width: width, height: height, title: title)
        svg += text(left, 14, title, weight: "bold")
        // Axes and ticks.
        svg += line(left, top + plotHeight, left + plotWidth, top + plotHeight, stroke: "#6b7280")
        svg += line(left, top, left, top + plotHeight, stroke: "#6b7280")
        for tick in ticks(upTo: yTop) {
            svg += line(left - 4, y(tick), left + plotWidth, y(tick), stroke: "#e5e7eb")
            svg += text(left - 6, y(tick) + 4, compact(tick), anchor: "end")
        }
        for tick in ticks(upTo: duration) {
            svg += line(x(tick), top + plotHeight, x(tick), top + plotHeight + 4, stroke: "#6b7280")
            svg += text(x(tick), top + plotHeight + 16, compact(tick) + " s", anchor: "middle")
        }
        svg += text(left + plotWidth / 2, height - 4, "time since the first record (s); calls per second in \(ReportTables.fixed(timeline.bucketSeconds * 1000, 1)) ms buckets", anchor: "middle", fill: "#4b5563")
        // The series as a step line.
        var points: [String] = []
        for (index, rate) in rates.enumerated() {
            let start = Double(index) * timeline.bucketSeconds
            points.append("\(n(x(start))),\(n(y(rate)))")
            points.append("\(n(x(start + timeline.bucketSeconds))),\(n(y(rate)))")
        }
        if !points.isEmpty {
            svg += "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        for boundary in timeline.boundaries {
            svg += "<line x1=\"\(n(x(boundary.seconds)))\" y1=\"\(n(top))\" x2=\"\(n(x(boundary.seconds)))\" y2=\"\(n(top + plotHeight))\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>\n"
            let nearRightEdge = x(boundary.seconds) > width - right - 80
            svg += text(x(boundary.seconds) + (nearRightEdge ? -3 : 3), top + 10, boundary.phase, anchor: nearRightEdge ? "end" : "start", fill: "#dc2626")
        }
        return svg + "</svg>\n"
    }

    /// The most called codes as horizontal bars.
    public static func topCodes(_ report: UsageReport, limit: Int = 15) -> String {
        let codes = report.codes.sorted { ($1.calls, $0.code) < ($0.calls, $1.code) }.prefix(limit)
        let labelWidth = 300.0, barWidth = 480.0, rowHeight = 22.0
        let width = labelWidth + barWidth + 110, height = rowHeight * Double(codes.count) + 30
        let peak = Double(codes.first?.calls ?? 1)
        var svg = open(width: width, height: height, title: "Most called hypercalls")
        svg += text(8, 14, "Most called hypercalls", weight: "bold")
        for (row, code) in codes.enumerated() {
            let y = 24 + rowHeight * Double(row)
            let length = barWidth * Double(code.calls) / max(peak, 1)
            svg += text(labelWidth - 8, y + 15, "\(code.hex) \(ReportTables.label(code.code))", anchor: "end", monospace: true)
            svg += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 3))\" width=\"\(n(max(length, 1)))\" height=\"\(n(rowHeight - 6))\" fill=\"#2563eb\"><title>\(escape("\(code.name): \(code.calls.grouped) calls"))</title></rect>\n"
            svg += text(labelWidth + length + 6, y + 15, "\(code.calls.grouped) (\(ReportTables.percent(code.share)))")
        }
        return svg + "</svg>\n"
    }

    /// The most common transitions as a directed graph: codes on a circle, arrows as wide as the
    /// logarithm of their count, self-loops as small rings.
    public static func transitionGraph(_ report: UsageReport, limit: Int = 16) -> String {
        var combined: [UInt32: Int] = [:]
        for transition in report.transitions { combined[UInt32(transition.from) << 16 | UInt32(transition.to), default: 0] += transition.count }
        let edges = combined.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit)
        var nodes: [UInt16] = []
        for edge in edges {
            for code in [UInt16(edge.key >> 16), UInt16(truncatingIfNeeded: edge.key)] where !nodes.contains(code) { nodes.append(code) }
        }
        let width = 760.0, height = 520.0, centerX = width / 2, centerY = height / 2 + 10
        let radius = nodes.count <= 1 ? 0 : min(width, height) / 2 - 90
        func position(_ code: UInt16) -> (Double, Double) {
            let index = Double(nodes.firstIndex(of: code)!)
            let angle = 2 * Double.pi * index / Double(max(nodes.count, 1)) - Double.pi / 2
            return (centerX + radius * cos(angle), centerY + radius * sin(angle))
        }
        /// The unit vector from the centre through a node (straight up when there is one node).
        func outward(_ x: Double, _ y: Double) -> (Double, Double) {
            let dx = x - centerX, dy = y - centerY, length = (dx * dx + dy * dy).squareRoot()
            return length < 1 ? (0, -1) : (dx / length, dy / length)
        }
        let peak = Double(edges.first?.value ?? 1)
        var svg = open(width: width, height: height, title: "Transitions between consecutive calls of one VP")
        svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#475569\"/></marker></defs>\n"
        svg += text(8, 16, "Most common transitions (all phases; arrow width ∝ log count)", weight: "bold")
        for edge in edges {
            let from = UInt16(edge.key >> 16), to = UInt16(truncatingIfNeeded: edge.key)
            let strokeWidth = 1 + 5 * log(Double(edge.value) + 1) / log(peak + 1)
            let tooltip = "<title>\(escape("\(ReportTables.label(from)) → \(ReportTables.label(to)): \(edge.value.grouped)"))</title>"
            let (x1, y1) = position(from), (x2, y2) = position(to)
            if from == to {
                // A ring just outside the node, away from the centre, with its count beyond it.
                let (outX, outY) = outward(x1, y1)
                let loopX = x1 + 40 * outX, loopY = y1 + 40 * outY
                svg += "<circle cx=\"\(n(loopX))\" cy=\"\(n(loopY))\" r=\"16\" fill=\"none\" stroke=\"#475569\" stroke-width=\"\(n(strokeWidth))\">\(tooltip)</circle>\n"
                svg += text(x1 + 72 * outX, y1 + 72 * outY + 4, edge.value.grouped, anchor: "middle", fill: "#334155")
                continue
            }
            // A curve bent to one side, so that A→B and B→A do not overlap; ends short of the node.
            let dx = x2 - x1, dy = y2 - y1, length = max((dx * dx + dy * dy).squareRoot(), 1)
            let startX = x1 + 30 * dx / length, startY = y1 + 30 * dy / length
            let endX = x2 - 30 * dx / length, endY = y2 - 30 * dy / length
            let controlX = (startX + endX) / 2 - 40 * dy / length, controlY = (startY + endY) / 2 + 40 * dx / length
            svg += "<path d=\"M \(n(startX)) \(n(startY)) Q \(n(controlX)) \(n(controlY)) \(n(endX)) \(n(endY))\" fill=\"none\" stroke=\"#475569\" stroke-opacity=\"0.8\" stroke-width=\"\(n(strokeWidth))\" marker-end=\"url(#arrow)\">\(tooltip)</path>\n"
            svg += text((startX + endX) / 2 - 20 * dy / length, (startY + endY) / 2 + 20 * dx / length, edge.value.grouped, anchor: "middle", fill: "#334155")
        }
        for code in nodes {
            let (x, y) = position(code)
            svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"28\" fill=\"#dbeafe\" stroke=\"#2563eb\"><title>\(escape(HypercallCode(code).description))</title></circle>\n"
            svg += text(x, y + 4, HypercallCode(code).hex, anchor: "middle", monospace: true)
            // The name goes toward the centre, leaving the outside for self-loops.
            let (outX, outY) = outward(x, y)
            svg += text(x - 44 * outX, y - 44 * outY + 4, ReportTables.label(code), anchor: "middle")
        }
        return svg + "</svg>\n"
    }

    // MARK: - Pieces

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" \(font)><title>\(escape(title))</title>\n"
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", weight: String? = nil,
                             fill: String = "#111827", monospace: Bool = false) -> String {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if monospace { attributes += " font-family=\"ui-monospace, monospace\"" }
        return "<text \(attributes)>\(escape(content))</text>\n"
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\"/>\n"
    }

    private static func escape(_ text: String) -> String { TableRenderer.htmlEscape(text) }

    /// A coordinate with one decimal.
    private static func n(_ value: Double) -> String { ReportTables.fixed(value, 1) }

    /// Blue shades from light (level 0) to dark (level 1).
    private static func shade(_ level: Double) -> String {
        let lightness = 92 - 62 * min(max(level, 0), 1)
        return "hsl(217, 80%, \(ReportTables.fixed(lightness, 1))%)"
    }

    /// 1, 2 or 5 times a power of ten, at least `value`.
    static func niceCeiling(_ value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// About five round tick values from 0 to `limit`.
    static func ticks(upTo limit: Double) -> [Double] {
        guard limit > 0 else { return [0] }
        let step = niceCeiling(limit / 5)
        return stride(from: 0.0, through: limit + step * 1e-9, by: step).map { $0 }
    }

    private static func compact(_ value: Double) -> String {
        value >= 1_000_000 ? ReportTables.fixed(value / 1_000_000, value.truncatingRemainder(dividingBy: 1_000_000) == 0 ? 0 : 1) + "M"
            : value >= 1000 ? ReportTables.fixed(value / 1000, value.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1) + "k"
            : ReportTables.fixed(value, value == value.rounded() ? 0 : 2)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
