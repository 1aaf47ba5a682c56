/// The report as one self-contained HTML file: inline CSS and SVG, no scripts, no network.
public enum HTMLReport {
    public static func render(_ report: UsageReport, counts: Bool, top: Int = 10) -> String {
        let title = "hvlog report: " + report.logs.map(\.path).joined(separator: ", ")
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(TableRenderer.htmlEscape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #111827; max-width: 1400px; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.85rem; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border-bottom: 1px solid #e5e7eb; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
        th { background: #f9fafb; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; } td.mid { text-align: center; }
        td.mono { font-family: ui-monospace, monospace; }
        figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
        .summary { color: #374151; }
        </style>
        </head>
        <body>
        <h1>\(TableRenderer.htmlEscape(title))</h1>

        """
        html += "<p class=\"summary\">\(report.totalCalls.grouped) calls in \(report.logs.count) log(s), "
            + "\(report.codes.count) distinct call codes, \(report.phases.count) phase(s), columns by \(report.grouping.rawValue).</p>\n"
        let tables = Dictionary(uniqueKeysWithValues: ReportTables.all(report, counts: counts, top: top).map { ($0.id, $0) })
        func section(_ heading: String, figures: [String], tables ids: [String]) {
            html += "<h2>\(heading)</h2>\n"
            for figure in figures { html += "<figure>\(figure)</figure>\n" }
            for id in ids { if let table = tables[id] { html += TableRenderer.html(table) } }
        }
        section("Usage", figures: [SVGCharts.usageHeatMap(report)], tables: ["usage"])
        section("Activity over time", figures: report.timelines.filter { !$0.counts.isEmpty }.map {
            SVGCharts.timeline($0, title: "Calls per second: \(report.logs[$0.log].path)")
        }, tables: ["phases"])
        section("Per-code statistics", figures: [SVGCharts.topCodes(report)], tables: ["codes", "reps", "durations"])
        section("Sequences", figures: report.transitions.isEmpty ? [] : [SVGCharts.transitionGraph(report)],
                tables: ["transitions", "ngrams", "exclusive"])
        section("Parameters", figures: [], tables: ["parameters"])
        section("Logs", figures: [], tables: ["logs"])
        return html + "</body>\n</html>\n"
    }
}
