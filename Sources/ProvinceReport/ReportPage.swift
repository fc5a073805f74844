import ProvinceAggregation

/// One self-contained HTML page from a snapshot: inline CSS and SVG, no scripts, no fonts, images or links
/// outside the page, so that it opens the same with no network. Pure: the same snapshot gives the same bytes.
public enum ReportPage {
    /// How many officials, topics and document ids each province's section lists before saying "and N more".
    public static let officialsShown = 8
    public static let topicsShown = 8
    public static let documentsShown = 10

    /// The page. `source` says where the snapshot came from (a file path, or the live aggregator).
    public static func html(_ snapshot: Snapshot, source: String? = nil) -> String {
        let provinces = ordered(snapshot.provinces.filter { $0.documents > 0 })
        let anchors = anchors(provinces)
        var page = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Province report — snapshot \(snapshot.sequence)</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
        <h1>Province report</h1>
        <p class="meta">\(summary(snapshot, provinces: provinces, source: source))</p>
        </header>

        """
        guard !provinces.isEmpty else {
            return page + "<main><p class=\"empty\">No province has a document in this snapshot yet.</p></main>\n</body>\n</html>\n"
        }
        page += "<main>\n"
        page += provinceChart(provinces, anchors: anchors)
        page += monthChart(provinces)
        page += "<h2>Provinces</h2>\n<div class=\"provinces\">\n"
        for province in provinces { page += section(province, anchor: anchors[province.displayName] ?? "") }
        page += "</div>\n</main>\n</body>\n</html>\n"
        return page
    }

    /// Most meetings first, then most documents, then by name, so that the order never depends on the input's.
    static func ordered(_ provinces: [ProvinceState]) -> [ProvinceState] {
        provinces.sorted { ($1.meetings, $1.documents, $0.displayName) < ($0.meetings, $0.documents, $1.displayName) }
    }

    /// Each province's section id, from its name without diacritics (`province-ba-ria-vung-tau`), made
    /// unique by a suffix should two names fold alike. Not the GSO code: after the 2025 merger a code can
    /// name two provinces in one snapshot (15 is Yên Bái before, Lào Cai after).
    static func anchors(_ provinces: [ProvinceState]) -> [String: String] {
        var anchors: [String: String] = [:]
        var used: Set<String> = []
        for province in provinces {
            let folded = ProvinceName.fold(province.displayName).unicodeScalars
                .map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? String($0) : "-" }.joined()
            var anchor = "province-" + folded
            var suffix = 2
            while used.contains(anchor) { anchor = "province-\(folded)-\(suffix)"; suffix += 1 }
            used.insert(anchor)
            anchors[province.displayName] = anchor
        }
        return anchors
    }

    private static func summary(_ snapshot: Snapshot, provinces: [ProvinceState], source: String?) -> String {
        var parts = [
            "\(counted(snapshot.documentsApplied, "document")) applied",
            counted(provinces.count, "province"),
            "snapshot \(snapshot.sequence), written \(HTML.escape(snapshot.createdAt))",
        ]
        if let source { parts.append("from \(HTML.escape(source))") }
        return parts.joined(separator: " · ")
    }

    private static func provinceChart(_ provinces: [ProvinceState], anchors: [String: String]) -> String {
        """
        <section class="chart-block">
        <h2>Meetings per province</h2>
        <p class="legend"><span class="key"><span class="swatch swatch-meetings"></span> meetings it took part in (host, bridge point or discussant)</span> \
        <span class="key"><span class="swatch swatch-documents"></span> documents that mention it</span> \
        <span class="key">figures: meetings / documents</span></p>
        <div class="chart-scroll">\(Charts.meetingsPerProvince(provinces) { anchors[$0.displayName] ?? "" })</div>
        </section>

        """
    }

    private static func monthChart(_ provinces: [ProvinceState]) -> String {
        var perMonth: [String: (total: Int, provinces: [(String, Int)])] = [:]
        for province in provinces {
            for (month, count) in province.meetingsByMonth where count > 0 {
                perMonth[month, default: (0, [])].total += count
                perMonth[month, default: (0, [])].provinces.append((province.displayName, count))
            }
        }
        for month in perMonth.keys {
            perMonth[month]?.provinces.sort { ($1.1, $0.0) < ($0.1, $1.0) }
        }
        let dated = perMonth.values.reduce(0) { $0 + $1.total }
        let undated = provinces.reduce(0) { $0 + $1.meetings } - dated
        var block = "<section class=\"chart-block\">\n<h2>Meetings per month</h2>\n"
        block += "<p class=\"legend\">Summed over provinces, by the meeting's date: a meeting in which three provinces took part counts three times."
        if undated > 0 { block += " Meetings without a full date (not shown): \(undated)." }
        block += "</p>\n"
        if perMonth.isEmpty {
            block += "<p class=\"empty\">No meeting with a full date in this snapshot"
            block += provinces.contains { $0.meetings > 0 } ? " (or it was written before months were counted).</p>\n" : ".</p>\n"
        } else {
            block += "<div class=\"chart-scroll\">" + Charts.meetingsPerMonth(perMonth) + "</div>\n"
        }
        return block + "</section>\n"
    }

    private static func section(_ province: ProvinceState, anchor: String) -> String {
        var html = "<section class=\"province\" id=\"\(anchor)\">\n"
        html += "<h3>\(HTML.escape(province.displayName))"
        if let code = province.code { html += " <span class=\"code\">\(code)</span>" }
        html += "</h3>\n"
        html += "<p class=\"facts\">\(counted(province.meetings, "meeting", bold: true)) · \(counted(province.documents, "document", bold: true))</p>\n"
        // The dates are those of every document that mentions the province, not only of its meetings.
        if let first = province.firstMeetingDate, let last = province.lastMeetingDate {
            let span = first == last ? HTML.escape(first) : "\(HTML.escape(first)) to \(HTML.escape(last))"
            html += "<p class=\"dates\">documents dated \(span)</p>\n"
        }
        let roles = [("host", "host"), ("bridgePoint", "bridge point"), ("discussant", "discussant"), ("mentioned", "mentioned")]
            .map { key, label in "\(label) \(province.roles[key] ?? 0)" }
        html += "<p class=\"roles\">\(roles.joined(separator: " · "))</p>\n"

        html += "<h4>Officials</h4>\n"
        let officials = topOfficials(province)
        if officials.isEmpty {
            html += "<p class=\"none\">none named</p>\n"
        } else {
            html += "<ul class=\"officials\">\n"
            for (name, official) in officials.prefix(officialsShown) {
                html += "<li><span class=\"name\">\(HTML.escape(name))</span>"
                if !official.titles.isEmpty {
                    html += "<span class=\"titles\">\(official.titles.map(HTML.escape).joined(separator: "; "))</span>"
                }
                if let seen = official.lastSeen { html += "<span class=\"seen\">last seen \(HTML.escape(seen))</span>" }
                html += "</li>\n"
            }
            html += "</ul>\n" + more(officials.count - officialsShown, "official")
        }

        html += "<h4>Topics</h4>\n"
        let topics = province.topics.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        if topics.isEmpty {
            html += "<p class=\"none\">none found</p>\n"
        } else {
            html += "<ul class=\"topics\">"
            for (topic, count) in topics.prefix(topicsShown) {
                html += "<li>\(HTML.escape(topic)) <b>\(count)</b></li>"
            }
            html += "</ul>\n" + more(topics.count - topicsShown, "topic")
        }

        html += "<h4>Latest documents <span class=\"hint\">ids, last applied first</span></h4>\n"
        let documents = Array(province.latestDocuments.reversed())
        html += "<ol class=\"documents\">"
        for id in documents.prefix(documentsShown) {
            html += "<li><code title=\"\(HTML.escape(id))\">\(HTML.escape(String(id.prefix(12))))</code></li>"
        }
        html += "</ol>\n" + more(documents.count - documentsShown, "document")
        return html + "</section>\n"
    }

    /// The officials seen most recently first (undated last), then those with more titles, then by name.
    static func topOfficials(_ province: ProvinceState) -> [(String, ProvinceState.Official)] {
        province.officials.sorted { left, right in
            let leftSeen = left.value.lastSeen ?? "", rightSeen = right.value.lastSeen ?? ""
            if leftSeen != rightSeen { return leftSeen > rightSeen }
            if left.value.titles.count != right.value.titles.count { return left.value.titles.count > right.value.titles.count }
            return left.key < right.key
        }
    }

    private static func more(_ count: Int, _ noun: String) -> String {
        count > 0 ? "<p class=\"more\">and \(count) more \(count == 1 ? noun : noun + "s")</p>\n" : ""
    }

    /// "1 meeting", "3 meetings" (the nouns used here all take an s).
    static func counted(_ count: Int, _ noun: String, bold: Bool = false) -> String {
        (bold ? "<b>\(count)</b>" : String(count)) + " " + (count == 1 ? noun : noun + "s")
    }

    static let style = """
    :root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --rule: #d9e2ec; --meetings: #2f6fb3; --documents: #bcd4ef; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
           font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 32px 0 6px; }
    h3 { font-size: 17px; margin: 0 0 4px; }
    h4 { font-size: 12px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
    .meta, .legend, .more, .none, .roles, .seen, .dates { color: var(--muted); }
    .meta, .legend { margin: 0 0 8px; font-size: 14px; }
    .legend .key { white-space: nowrap; margin-right: 14px; }
    h4 .hint { text-transform: none; letter-spacing: 0; font-weight: normal; }
    .swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; }
    .swatch-meetings { background: var(--meetings); }
    .swatch-documents { background: var(--documents); }
    .chart-scroll { overflow-x: auto; }
    /* Drawn for 1136 px; on narrow screens it scrolls sideways rather than shrinking its labels below ~10 px. */
    .chart { display: block; width: 100%; min-width: 880px; max-width: 1136px; height: auto; overflow: visible; }
    .chart text { font-family: inherit; fill: var(--ink); }
    .chart .label { font-size: 13px; }
    .chart .value { font-size: 12px; fill: var(--muted); }
    .chart .value-meetings { fill: var(--meetings); font-weight: 600; }
    .chart .tick { font-size: 11px; fill: var(--muted); }
    .chart .tick.year { font-size: 12px; font-weight: 600; fill: var(--ink); }
    .chart .bar-meetings { fill: var(--meetings); }
    .chart .bar-documents { fill: var(--documents); }
    .chart .row-hit { fill: transparent; }
    .chart a:hover .row-hit { fill: #f0f4f8; }
    .chart .grid { stroke: var(--rule); stroke-width: 1; }
    .chart .axis { stroke: var(--muted); stroke-width: 1; }
    .chart .year-rule { stroke: var(--rule); stroke-dasharray: 3 3; }
    .provinces { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; align-items: start; }
    .province { border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; break-inside: avoid; }
    .province:target { outline: 2px solid var(--meetings); }
    .code { font-size: 12px; font-weight: normal; color: var(--muted); border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; vertical-align: 2px; }
    .facts, .dates, .roles { margin: 0; font-size: 14px; }
    ul, ol { margin: 0; padding: 0; list-style: none; }
    .officials li { padding: 3px 0; border-bottom: 1px solid #f0f4f8; }
    .officials .name { font-weight: 600; }
    .officials .titles { display: block; font-size: 13px; }
    .officials .seen { display: block; font-size: 12px; }
    .topics { display: flex; flex-wrap: wrap; gap: 4px; }
    .topics li { background: #eef4fb; border-radius: 3px; padding: 1px 6px; font-size: 13px; }
    .topics b { color: var(--meetings); }
    .documents { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; }
    .documents code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
    .more { font-size: 12px; margin: 2px 0 0; }
    .none { margin: 0; font-size: 13px; }
    .empty { color: var(--muted); font-style: italic; }
    """
}
