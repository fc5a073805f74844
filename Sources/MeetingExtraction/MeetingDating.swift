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
        if year == nil {
            // "Từ ngày 12 đến 13/8/2025 ..., Sáng 12/8 khai mạc": the same day written with its year elsewhere.
            year = candidates.first { $0.date.day == chosen.day && $0.date.month == chosen.month && $0.date.year != nil }?.date.year
        }
        if year == nil, let publication, let publicationYear = publication.year {
            year = Self.year(month: chosen.month, near: publicationYear, publishedMonth: publication.month)
        }
        if year == nil, let publishedParts {
            year = Self.year(month: chosen.month, near: publishedParts.year, publishedMonth: publishedParts.month)
        }
        if year == nil {
            year = Self.settlingYear(layout: layout, meetingMonth: chosen.month)
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

    /// The year the body settles: the one year it speaks of (ranges and targets aside), or, for a meeting
    /// early in the year that reviews the last one and plans this one (`năm 2023 ... năm 2024`), the later.
    private static func settlingYear(layout: DocumentLayout, meetingMonth: Int) -> Int? {
        var years: Set<Int> = []
        let tokens = layout.tokens
        for sentence in layout.sentences {
            for index in sentence where tokens[index].hasDigits(4) {
                let value = Int(tokens[index].value)
                guard (1990...2100).contains(value) else { continue }
                let before = index > sentence.lowerBound ? tokens[index - 1] : nil
                let before2 = index - 1 > sentence.lowerBound ? tokens[index - 2] : nil
                if let before2, before2.is(.den) || before2.is(.toi) || before2.is(.giai) { continue }
                if let before, before.is(.den) || before.is(.nhiem) { continue }
                // "sơ kết 6 tháng đầu năm 2022": the first months of a year are reviewed in that year.
                if index >= sentence.lowerBound + 3, before?.is(.nam) == true, before2?.is(.dau) == true, tokens[index - 3].is(.thang) {
                    return value
                }
                // "2021-2025" is a period; "tháng 12-2016" is a month, and one later in the year than the
                // meeting's was last year's ("cuối tháng 12-2016" in a report of a meeting on 6/2 means 2017).
                let gap = tokens[index].gap
                if gap.is("-") || gap.is("–") || gap.is("/") {
                    if index > sentence.lowerBound + 1, tokens[index - 2].is(.thang), tokens[index - 1].isNumber, tokens[index - 1].value >= 0 {
                        let month = Int(tokens[index - 1].value)
                        years.insert(month > meetingMonth ? value + 1 : value)
                        continue
                    }
                    if !gap.is("/") { continue }
                }
                if index + 1 < sentence.upperBound, tokens[index + 1].gap.is("-") || tokens[index + 1].gap.is("–"), tokens[index + 1].length == 4 { continue }
                years.insert(value)
            }
        }
        if years.count == 1 { return years.first }
        if years.count == 2, meetingMonth <= 3, let high = years.max(), years.contains(high - 1) { return high }
        return nil
    }
}
