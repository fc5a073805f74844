import MeetingModel

/// Cuts a record's lists and texts to their limits, and words what it cut: one warning per list, one per kind of
/// text or of nested list (every person's titles) however many were cut.
struct RecordCuts {
    private var listWarnings: [String] = []
    /// Per kind, how many texts or nested lists were cut, and to what.
    private var tallies: [(kind: String, count: Int, limit: Int, isText: Bool)] = []

    var warnings: [String] {
        listWarnings + tallies.map { tally in
            tally.isText ? "\(tally.kind): \(tally.count) text\(tally.count == 1 ? "" : "s") cut to \(tally.limit) bytes"
                : "\(tally.kind): \(tally.count) list\(tally.count == 1 ? "" : "s") capped at \(tally.limit)"
        }
    }

    /// The first `limit` elements of a list of the record.
    mutating func list<Element>(_ list: [Element], _ limit: Int, _ field: String) -> [Element] {
        guard list.count > limit else { return list }
        listWarnings.append("\(field) capped at \(limit) of \(list.count)")
        return Array(list.prefix(limit))
    }

    mutating func text(_ text: String, _ limit: Int, _ kind: String) -> String {
        guard text.utf8.count > limit else { return text }
        count(kind, limit, isText: true)
        return Self.cut(text, toBytes: limit)
    }

    mutating func text(_ text: String?, _ limit: Int, _ kind: String) -> String? {
        text.map { self.text($0, limit, kind) }
    }

    mutating func person(_ person: MeetingRecord.Person) -> MeetingRecord.Person {
        var titles = person.titles
        if titles.count > RecordLimits.titles {
            count("titles", RecordLimits.titles, isText: false)
            titles = Array(titles.prefix(RecordLimits.titles))
        }
        return MeetingRecord.Person(name: text(person.name, RecordLimits.nameBytes, "names"),
                                    titles: titles.map { text($0, RecordLimits.titleBytes, "titles") })
    }

    private mutating func count(_ kind: String, _ limit: Int, isText: Bool) {
        if let index = tallies.firstIndex(where: { $0.kind == kind && $0.isText == isText }) {
            tallies[index].count += 1
        } else {
            tallies.append((kind, 1, limit, isText))
        }
    }

    /// The longest prefix of whole scalars that, with `…` after it, fits in `bytes` UTF-8 bytes.
    static func cut(_ text: String, toBytes bytes: Int) -> String {
        let ellipsis = "…"
        let budget = max(0, bytes - ellipsis.utf8.count)
        var used = 0
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            guard used + width <= budget else { break }
            kept.append(scalar)
            used += width
        }
        return String(kept) + ellipsis
    }
}
