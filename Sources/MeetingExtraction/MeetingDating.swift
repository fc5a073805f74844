/// Chooses the meeting's date among the dates in the text, and its year.
struct MeetingDating {
    var date: String?
    var dateText: String?
    var partOfDay: MeetingRecord.PartOfDay?
    var warnings: [String] = []
    /// The full ISO date used to choose pre- or post-merger province names, or nil when unknown.
    var isoDateForNames: String?

    init(layout: DocumentLayout, published: String?) {
        let tokens = layout.tokens
        let publication = layout.publicationLine.flatMap { DateFinder.dates(in: tokens, $0).first { $0.year != nil } }
        let publishedParts = published.flatMap(Self.parseISO)
        var candidates: [(date: WrittenDate, sentence: Int)] = []
        for (number, sentence) in layout.sentences.enumerated() {
            for date in DateFinder.dates(in: tokens, sentence) where !date.isOtherThing {
                candidates.append((date, number))
            }
        }
        let chosen = candidates.first { $0.date.partOfDay != nil && $0.sentence < 4 }
            ?? candidates.first { $0.sentence < 2 }
            ?? candidates.first { $0.date.partOfDay != nil }
            ?? candidates.first
        guard let chosen = chosen?.date else {
            warnings.append("no meeting date found")
            isoDateForNames = publication.map { $0.iso(year: $0.year) } ?? published
            return
        }
        dateText = layout.string(chosen.range)
        partOfDay = chosen.partOfDay
        var year = chosen.year
        if year == nil, let publication, let publicationYear = publication.year {
            year = Self.year(month: chosen.month, near: publicationYear, publishedMonth: publication.month)
        }
        if year == nil, let publishedParts {
            year = Self.year(month: chosen.month, near: publishedParts.year, publishedMonth: publishedParts.month)
        }
        if year == nil {
            year = Self.settlingYear(layout: layout)
            if year == nil { warnings.append("the meeting's year cannot be known") }
        }
        date = chosen.iso(year: year)
        isoDateForNames = year != nil ? date : (publication.map { $0.iso(year: $0.year) } ?? published)
    }

    /// A meeting in December reported in January happened the year before.
    private static func year(month: Int, near year: Int, publishedMonth: Int) -> Int {
        month > publishedMonth + 6 ? year - 1 : year
    }

    private static func parseISO(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return (year, month)
    }

    /// The one year the body speaks of, when it speaks of exactly one (ranges and targets aside).
    private static func settlingYear(layout: DocumentLayout) -> Int? {
        var years: Set<Int> = []
        let tokens = layout.tokens
        for sentence in layout.sentences {
            for index in sentence where tokens[index].isNumber && tokens[index].text.count == 4 {
                guard let value = Int(tokens[index].text), (1990...2100).contains(value) else { continue }
                let before = index > sentence.lowerBound ? tokens[index - 1].folded : ""
                let before2 = index - 1 > sentence.lowerBound ? tokens[index - 2].folded : ""
                if before2 == "den" || before2 == "toi" || before2 == "giai" || before == "den" || tokens[index].gap == "-" { continue }
                years.insert(value)
            }
        }
        return years.count == 1 ? years.first : nil
    }
}
