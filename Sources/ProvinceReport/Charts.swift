import ProvinceAggregation

/// Inline SVG charts: no scripts, no external fonts; text takes the page's font through CSS classes.
enum Charts {
    /// The page's content width at its widest (1200 px less padding): drawn one to one there, scaled down below.
    static let width = 1136.0

    /// Horizontal bars, one row per province in the order given: the documents that mention it (light)
    /// behind the meetings it took part in (dark), each row a link to the province's section.
    static func meetingsPerProvince(_ provinces: [ProvinceState], anchor: (ProvinceState) -> String) -> String {
        let rowHeight = 22.0, barHeight = 15.0, top = 8.0, bottom = 8.0, labelSize = 13.0
        let labelWidth = max(90, (provinces.map { HTML.estimatedWidth($0.displayName, size: labelSize) }.max() ?? 0) + 16)
        let valueRoom = 64.0
        let barRoom = width - labelWidth - valueRoom
        let largest = Double(max(1, provinces.map(\.documents).max() ?? 1))
        let height = top + Double(provinces.count) * rowHeight + bottom
        var svg = #"<svg class="chart" viewBox="0 0 \#(HTML.number(width)) \#(HTML.number(height))" role="img" aria-label="Meetings per province">"#
        for (index, province) in provinces.enumerated() {
            let y = top + Double(index) * rowHeight
            let barY = y + (rowHeight - barHeight) / 2
            let documentsWidth = Double(province.documents) / largest * barRoom
            let meetingsWidth = Double(province.meetings) / largest * barRoom
            let name = HTML.escape(province.displayName)
            svg += "<a href=\"#\(anchor(province))\"><g class=\"row\">"
            svg += "<title>\(name): \(province.meetings) meetings, \(province.documents) documents</title>"
            svg += #"<rect class="row-hit" x="0" y="\#(HTML.number(y))" width="\#(HTML.number(width))" height="\#(HTML.number(rowHeight))"/>"#
            svg += #"<text class="label" x="\#(HTML.number(labelWidth - 8))" y="\#(HTML.number(y + rowHeight / 2))" text-anchor="end" dominant-baseline="central">\#(name)</text>"#
            svg += #"<rect class="bar-documents" x="\#(HTML.number(labelWidth))" y="\#(HTML.number(barY))" width="\#(HTML.number(max(documentsWidth, 1)))" height="\#(HTML.number(barHeight))"/>"#
            if province.meetings > 0 {
                svg += #"<rect class="bar-meetings" x="\#(HTML.number(labelWidth))" y="\#(HTML.number(barY))" width="\#(HTML.number(meetingsWidth))" height="\#(HTML.number(barHeight))"/>"#
            }
            svg += #"<text class="value" x="\#(HTML.number(labelWidth + documentsWidth + 6))" y="\#(HTML.number(y + rowHeight / 2))" dominant-baseline="central"><tspan class="value-meetings">\#(province.meetings)</tspan> / \#(province.documents)</text>"#
            svg += "</g></a>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars over every month from the first to the last with a meeting, gaps shown as empty months.
    /// `perMonth` maps "YYYY-MM" to a total and to the provinces behind it (for the tooltip).
    static func meetingsPerMonth(_ perMonth: [String: (total: Int, provinces: [(String, Int)])]) -> String {
        let months = monthRange(perMonth.keys)
        guard !months.isEmpty else { return "" }
        let left = 40.0, right = 8.0, top = 20.0, axisRoom = 40.0, plotHeight = 200.0
        let height = top + plotHeight + axisRoom
        let slot = (width - left - right) / Double(months.count)
        let barWidth = max(1, slot * 0.72)
        let largest = perMonth.values.map(\.total).max() ?? 1
        let step = tickStep(largest)
        let scaleTop = Double(max(step, Int((Double(largest) / Double(step)).rounded(.up)) * step))
        var svg = #"<svg class="chart" viewBox="0 0 \#(HTML.number(width)) \#(HTML.number(height))" role="img" aria-label="Meetings per month">"#
        for tick in stride(from: 0, through: Int(scaleTop), by: step) {
            let y = top + plotHeight - Double(tick) / scaleTop * plotHeight
            svg += #"<line class="grid" x1="\#(HTML.number(left))" x2="\#(HTML.number(width - right))" y1="\#(HTML.number(y))" y2="\#(HTML.number(y))"/>"#
            svg += #"<text class="tick" x="\#(HTML.number(left - 6))" y="\#(HTML.number(y))" text-anchor="end" dominant-baseline="central">\#(tick)</text>"#
        }
        let labelEveryMonth = slot >= 24
        for (index, month) in months.enumerated() {
            let x = left + Double(index) * slot
            let center = x + slot / 2
            let entry = perMonth[month]
            let total = entry?.total ?? 0
            let barHeight = Double(total) / scaleTop * plotHeight
            let (year, monthNumber) = (month.prefix(4), month.suffix(2))
            if total > 0 {
                let who = (entry?.provinces ?? []).map { "\(HTML.escape($0.0)) \($0.1)" }.joined(separator: ", ")
                svg += #"<g class="month"><title>\#(month): \#(total) (\#(who))</title>"#
                svg += #"<rect class="bar-meetings" x="\#(HTML.number(center - barWidth / 2))" y="\#(HTML.number(top + plotHeight - barHeight))" width="\#(HTML.number(barWidth))" height="\#(HTML.number(barHeight))"/>"#
                if slot >= 16 {
                    svg += #"<text class="value" x="\#(HTML.number(center))" y="\#(HTML.number(top + plotHeight - barHeight - 4))" text-anchor="middle">\#(total)</text>"#
                }
                svg += "</g>"
            }
            if labelEveryMonth {
                svg += #"<text class="tick" x="\#(HTML.number(center))" y="\#(HTML.number(top + plotHeight + 14))" text-anchor="middle">\#(monthNumber)</text>"#
            }
            // A year's label where the year changes: at January on a continuous axis, and wherever it is when only the
            // months with meetings are shown.
            if index == 0 || months[index - 1].prefix(4) != year {
                let anchor = labelEveryMonth ? "middle" : "start"
                let labelX = labelEveryMonth ? center : x
                svg += #"<text class="tick year" x="\#(HTML.number(labelX))" y="\#(HTML.number(top + plotHeight + 30))" text-anchor="\#(anchor)">\#(year)</text>"#
                if index > 0 {
                    svg += #"<line class="year-rule" x1="\#(HTML.number(x))" x2="\#(HTML.number(x))" y1="\#(HTML.number(top))" y2="\#(HTML.number(top + plotHeight + 34))"/>"#
                }
            }
        }
        svg += #"<line class="axis" x1="\#(HTML.number(left))" x2="\#(HTML.number(width - right))" y1="\#(HTML.number(top + plotHeight))" y2="\#(HTML.number(top + plotHeight))"/>"#
        return svg + "</svg>"
    }

    /// Every "YYYY-MM" from the smallest key to the largest, in order.
    static func monthRange(_ keys: some Collection<String>) -> [String] {
        let parsed = keys.compactMap { key -> (Int, Int)? in
            let parts = key.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), (1...9999).contains(year), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return (year, month)
        }
        guard let first = parsed.min(by: <), let last = parsed.max(by: <) else { return [] }
        // A stray year far from the others would make thousands of empty months: show only months with data then.
        guard (last.0 - first.0) * 12 + last.1 - first.1 < maximumFilledMonths else {
            return parsed.sorted(by: <).map { format($0.0, $0.1) }
        }
        var months: [String] = []
        var (year, month) = first
        while (year, month) <= last {
            months.append(format(year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }

    static let maximumFilledMonths = 360

    private static func format(_ year: Int, _ month: Int) -> String {
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + (month < 10 ? "-0" : "-") + String(month)
    }

    /// 1, 2, 5, 10, 20, 50... so that there are at most about five grid lines.
    static func tickStep(_ largest: Int) -> Int {
        var magnitude = 1
        // Counts come from a snapshot file: past 10^17 the step stops growing rather than overflow.
        while magnitude < 100_000_000_000_000_000 {
            for factor in [1, 2, 5] where largest <= factor * magnitude * 5 { return factor * magnitude }
            magnitude *= 10
        }
        return magnitude
    }
}
