import MeetingModel

/// Chooses the meeting's date among the dates in the text, and its year.
struct MeetingDating {
    var date: String?
    var dateText: String?
    var partOfDay: MeetingRecord.PartOfDay?
    /// First and last day of a meeting written as a span (`Trong hai ngày 8 và 9-3`), else nil.
    var startDate: String?
    var endDate: String?
    var warnings: [String] = []
    /// The full ISO date used to choose pre- or post-merger province names, or nil when unknown.
    var isoDateForNames: String?

    /// A publication line's date written year first, as machines stamp it (`2024-05-05 15:02:59`).
    private static func yearFirst(_ tokens: TokenizedText, _ line: Range<Int>) -> WrittenDate? {
        for start in line where start + 2 < line.upperBound && tokens[start].hasDigits(4) {
            let (month, day) = (tokens[start + 1], tokens[start + 2])
            guard month.gap.is("-") || month.gap.is("/"), day.gap.first == month.gap.first, day.gap.count == 1,
                  month.hasDigits(1) || month.hasDigits(2), day.hasDigits(1) || day.hasDigits(2),
                  (1...12).contains(month.value), (1...31).contains(day.value),
                  (1900...2100).contains(tokens[start].value) else { continue }
            return WrittenDate(day: Int(day.value), month: Int(month.value), year: Int(tokens[start].value), range: start..<(start + 3),
                               partOfDay: nil, isOtherThing: false)
        }
        return nil
    }

    /// A publication line's date written with two digits of its year (`17/10/21`): in this century.
    private static func withTwoDigitYear(_ tokens: TokenizedText, _ line: Range<Int>) -> WrittenDate? {
        for var date in DateFinder.dates(in: tokens, line) where date.year == nil && date.range.count == 2 {
            let next = date.range.upperBound
            // The day and month's own separator (`17/10/21`, not the time in `17/10 - 21:30`), and a year of this century
            // so far (not `99`).
            let separator = tokens[date.range.lowerBound + 1].gap
            guard next < line.upperBound, tokens[next].gap.count == 1, tokens[next].gap.first == separator.first, !tokens[next].gap.hasSpace,
                  tokens[next].hasDigits(2), tokens[next].value <= 50,
                  next + 1 >= line.upperBound || !tokens[next + 1].gap.starts(with: ":") else { continue }
            date.year = 2000 + Int(tokens[next].value)
            date.range = date.range.lowerBound..<(next + 1)
            return date
        }
        return nil
    }

    init(layout: DocumentLayout, published: String?) {
        let tokens = layout.tokens
        let publication = layout.publicationLine.flatMap { line in
            DateFinder.dates(in: tokens, line).first { $0.year != nil } ?? Self.yearFirst(tokens, line) ?? Self.withTwoDigitYear(tokens, line)
        }
        let publishedParts = published.flatMap(PublishedDate.init)
        let publicationDay = publication.flatMap { date in date.year.map { (year: $0, month: date.month, day: date.day) } }
            ?? publishedParts.map { (year: $0.year, month: $0.month, day: $0.day) }
        var candidates: [(date: WrittenDate, sentence: Int)] = []
        // Every date's range in the order found, the other things' too, read once for the span's end and the year.
        var documentDates: [Range<Int>] = []
        var datesBySentence: [[WrittenDate]] = []
        for (number, sentence) in layout.sentences.enumerated() {
            let dates = DateFinder.dates(in: tokens, sentence)
            if number < 6 { datesBySentence.append(dates) }
            for date in dates {
                if date.isDocumentDate { documentDates.append(date.range) }
                if !date.isOtherThing { candidates.append((date, number)) }
            }
            // "Chiều nay, ...", "Hôm qua, ...": the publication day, or the day before, in the report's lead.
            if number < 2, let publicationDay, let relative = Self.relativeDay(tokens, sentence, publishedOn: publicationDay) {
                candidates.append((relative, number))
            }
        }
        candidates.sort { $0.date.range.lowerBound < $1.date.range.lowerBound }
        // "Trước đó, vào chiều 11/11, ...", "Sau đó, ...": a sentence that opens on another moment reports another event;
        // its dates count only when no other sentence has one.
        let elsewhere = Set(layout.sentences.indices.filter { number in
            let start = layout.sentences[number].lowerBound
            return start + 1 < layout.sentences[number].upperBound && tokens[start].isCapitalized
                && (tokens[start].is(.truoc) || tokens[start].is(.sau)) && tokens[start + 1].is(.do) && tokens[start + 1].gap.isEmpty
        })
        if candidates.contains(where: { !elsewhere.contains($0.sentence) }) { candidates.removeAll { elsewhere.contains($0.sentence) } }
        // "Trong 2 ngày 14-15/5, ...; chiều 15/5, ...": a span of days opening the report dates the meeting.
        // A span counts first only where it opens the report: "Chiều 3/10, Đại hội ... bế mạc. Đại hội diễn ra từ ngày 1
        // đến 3/10" reports the closing day.
        let opening = candidates.first { $0.sentence < 2 }
        let choice = (opening?.date.isSpan == true ? opening : nil)
            ?? candidates.first { $0.date.partOfDay != nil && $0.sentence < 4 }
            ?? candidates.first { $0.sentence < 2 }
            ?? candidates.first { $0.date.partOfDay != nil }
            ?? candidates.first
        guard let choice else {
            warnings.append("no meeting date found")
            isoDateForNames = publication.map { $0.iso(year: $0.year) } ?? publishedParts?.iso
            return
        }
        // "Chiều 3/10, Đại hội ... bế mạc sau 3 ngày làm việc": the day reported, not a first day the text does not state.
        let chosen = choice.date
        // "sáng nay (28/10)": the bracket the date opened is closed after its last token.
        let opensBracket = (chosen.range.lowerBound + 1..<chosen.range.upperBound).contains { tokens[$0].gap.has(.openingParenthesis) }
            && !(chosen.range.lowerBound + 1..<chosen.range.upperBound).contains { tokens[$0].gap.starts(with: ")") }
        let after = Int(tokens[chosen.range.upperBound - 1].end)
        let closed = opensBracket && after < tokens.scalars.count && tokens.scalars[after] == ")"
        dateText = layout.string(chosen.range) + (closed ? ")" : "")
        partOfDay = chosen.partOfDay
        // "Từ ngày 29/9 đến ngày 1/10/2025": a span across months, its year written with its last day.
        let spanEnd = chosen.isSpan ? nil
            : Self.spanEnd(after: chosen, among: choice.sentence < datesBySentence.count ? datesBySentence[choice.sentence]
                : DateFinder.dates(in: tokens, layout.sentences[choice.sentence]), tokens)
        var year = chosen.year
        if year == nil, let spanEnd, let endYear = spanEnd.year { year = chosen.month > spanEnd.month ? endYear - 1 : endYear }
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
            year = Self.settlingYear(layout: layout, meetingMonth: chosen.month, meetingDay: chosen.day, documentDates: documentDates)
            if year == nil { warnings.append("the meeting's year cannot be known") }
        }
        date = chosen.iso(year: year)
        if let lastDay = chosen.lastDay {
            startDate = date
            var last = chosen
            last.day = lastDay
            endDate = last.iso(year: year)
        } else if let spanEnd {
            startDate = date
            endDate = spanEnd.iso(year: spanEnd.year ?? year.map { chosen.month > spanEnd.month ? $0 + 1 : $0 })
        } else if let spanEnd = Self.spanWrittenElsewhere(from: chosen, datesBySentence: datesBySentence, except: choice.sentence, tokens) {
            startDate = date
            endDate = spanEnd.iso(year: spanEnd.year ?? year.map { chosen.month > spanEnd.month ? $0 + 1 : $0 })
        } else if let span = candidates.first(where: { candidate in
            candidate.sentence < 4 && candidate.date.month == chosen.month
                && candidate.date.lastDay.map { (candidate.date.day...$0).contains(chosen.day) } == true
                && !Self.datesATrip(candidate.date, in: layout.sentences[candidate.sentence], tokens)
        })?.date, let lastDay = span.lastDay {
            // The day reported falls within a span written elsewhere in the lead: both ends are written.
            var first = span, last = span
            first.lastDay = nil
            last.day = lastDay
            last.lastDay = nil
            startDate = first.iso(year: span.year ?? year)
            endDate = last.iso(year: span.year ?? year)
        }
        isoDateForNames = year != nil ? date : (publication.map { $0.iso(year: $0.year) } ?? publishedParts?.iso)
    }

    /// "trong khuôn khổ chuyến thăm Lào từ ngày 25 đến 29/5", "... chuyến thăm của đoàn đại biểu Lào, ngày 1-2/12": the span
    /// of a trip (`chuyến thăm`, `chuyến công tác`) that the meeting is one day of, within the ten words before it.
    private static func datesATrip(_ span: WrittenDate, in sentence: Range<Int>, _ tokens: TokenizedText) -> Bool {
        (max(sentence.lowerBound, span.range.lowerBound - 10)..<span.range.lowerBound).contains { tokens[$0].isWord(.chuyến) && tokens[$0].isLowercaseWord }
    }

    /// "Sáng 11-9, Đại hội ... khai mạc. Đại hội kéo dài trong hai ngày từ 11-9 đến 12-9": the last day of a span that
    /// another of the opening sentences writes from the day reported.
    private static func spanWrittenElsewhere(from chosen: WrittenDate, datesBySentence: [[WrittenDate]], except sentence: Int,
                                             _ tokens: TokenizedText) -> WrittenDate? {
        for (number, dates) in datesBySentence.prefix(4).enumerated() where number != sentence {
            for date in dates where !date.isSpan && !date.isDocumentDate && (date.day, date.month) == (chosen.day, chosen.month) {
                // A meeting's few days, not a campaign's month or a registration window (`Tháng hành động diễn ra từ ngày
                // 11/9 đến ngày 11/10`).
                guard let end = spanEnd(after: date, among: dates, tokens), days(from: date, to: end) <= 5 else { continue }
                return end
            }
        }
        return nil
    }

    /// Days from one date to a later one, within a month or across the end of one.
    private static func days(from start: WrittenDate, to end: WrittenDate) -> Int {
        if end.month == start.month { return end.day - start.day }
        return WrittenDate.length(month: start.month, year: start.year ?? end.year) - start.day + end.day
    }

    /// The last day of a span that starts at `start`: a later date right after it, joined by `đến`, `tới` (and
    /// `ngày`) or a dash (`29/9 - 1/10`), or the next day joined by `và`.
    private static func spanEnd(after start: WrittenDate, among dates: [WrittenDate], _ tokens: TokenizedText) -> WrittenDate? {
        guard let end = dates.first(where: { $0.range.lowerBound >= start.range.upperBound }) else { return nil }
        let between = tokens[start.range.upperBound..<end.range.lowerBound]
        // "Trong hai ngày 30/6 và 1/7": two days joined by `và` are a span when the second is the day after the first.
        if between.count == 1, between.first?.is(.va) == true {
            let before = end.dayBefore()
            return (before.month, before.day) == (start.month, start.day) ? end : nil
        }
        guard between.count <= 2, between.allSatisfy({ $0.is(.den) || $0.is(.toi) || $0.is(.ngay) }),
              !between.isEmpty || tokens[end.range.lowerBound].gap.isDash,
              (end.month, end.day) > (start.month, start.day) || end.month < start.month && start.month == 12 else { return nil }
        return end
    }

    /// `Sáng nay`, `Chiều nay`, `Hôm nay` (the publication day) or `Chiều qua`, `Hôm qua` (the day before) with no
    /// date written after them, as a date of the publication's year.
    private static func relativeDay(_ tokens: TokenizedText, _ sentence: Range<Int>, publishedOn day: (year: Int, month: Int, day: Int))
        -> WrittenDate? {
        for index in sentence where index + 1 < sentence.upperBound {
            let first = tokens[index], second = tokens[index + 1]
            guard DateFinder.partOfDay(first) != nil || first.is(.hom), second.is(.nay) || second.is(.qua), second.gap.isEmpty else { continue }
            // "Sáng nay (11/3)", "hôm qua, 19-1": the written day is a date of its own.
            if index + 2 < sentence.upperBound, tokens[index + 2].isNumber { return nil }
            var date = WrittenDate(day: day.day, month: day.month, year: day.year, range: index..<(index + 2),
                                   partOfDay: DateFinder.partOfDay(first), isOtherThing: false)
            if second.is(.qua) { date = date.dayBefore() }
            return date
        }
        return nil
    }

    /// A meeting in December reported in January happened the year before; nil before the year 1.
    private static func year(month: Int, near year: Int, publishedMonth: Int) -> Int? {
        let meetingYear = month > publishedMonth + 6 ? year - 1 : year
        return meetingYear >= 1 ? meetingYear : nil
    }

    /// The year the body settles, when it does:
    /// - a review of a year's first or last months (`6 tháng đầu năm 2022`) is held in that year;
    /// - a month or a full date within two months of the meeting's (`cuối tháng 12-2016` before a meeting on 6/2,
    ///   `tính đến ngày 31/5/2017` before one on 7/6) is the nearest such, which gives the meeting's year;
    /// - otherwise the one year the body speaks of, leaving out targets and periods (`đến năm 2030`, `2021-2025`),
    ///   the start or end of a span (`từ tháng 4-2017`; a year only ever after `từ năm`), baselines (`so với năm 2019`, `cùng kỳ năm 2016`) and
    ///   months or dates further off; with two years in a row, a meeting early in the year (reviewing one, planning
    ///   the next) is in the later one and one late in the year in the earlier one. A meeting in January or
    ///   February that only reviews a year (`kết quả năm 2016`) could be in that year or the next: no year;
    /// - decades (`những năm 1990`), `vào năm 2020` (a target, or a past event) and counts (`khoảng 2000 em`) say nothing;
    /// - with nothing else, `cùng kỳ năm 2019` (the same period the year before) gives the next year.
    /// Dates in a sentence about a plan (`dự kiến`) are left out.
    private static func settlingYear(layout: DocumentLayout, meetingMonth: Int, meetingDay: Int, documentDates: [Range<Int>]) -> Int? {
        var years: Set<Int> = []
        // The years also written otherwise than after `từ năm`, where a span starts (`từ năm 2016 đến nay`): one written only
        // so says the meeting is later, and settles nothing.
        var notOnlyStarts: Set<Int> = []
        // "so với cùng kỳ năm 2019": the same period a year before, should nothing else settle the year.
        var lastYearsPeriod: Int?
        var onlyReviewed = true
        // "báo cáo kế hoạch tổ chức Hội nghị ... Xuân Canh Tý 2020" in December: a year named only in a plan
        // (``firstPlanWord(in:_:)``) may be the next; it settles nothing.
        var onlyPlanned = true
        let tokens = layout.tokens
        for sentence in layout.sentences {
            // Where the sentence speaks of a plan (`dự kiến`), found once per sentence and only when asked.
            var planCue: Int?? = nil
            // Where the sentence first speaks of something to come (``firstPlanWord(in:_:)``), found once per sentence when asked.
            var firstPlanWord: Int?? = nil
            for index in sentence where tokens[index].hasDigits(4) {
                let value = Int(tokens[index].value)
                guard (1990...2100).contains(value) else { continue }
                func token(_ back: Int) -> Token? { index - back >= sentence.lowerBound ? tokens[index - back] : nil }
                func word(_ back: Int, is expected: Word) -> Bool { token(back)?.is(expected) ?? false }
                if word(2, is: .den) || word(2, is: .toi) || word(2, is: .giai) || word(1, is: .den) || word(1, is: .nhiem) { continue }
                // "khoảng 2000 em học sinh": a count.
                if let previous = token(1), DateFinder.quantityWords.contains(where: previous.is) { continue }
                if word(1, is: .nam), word(2, is: .dau) || word(2, is: .cuoi), word(3, is: .thang) { return value }
                if word(1, is: .nam), word(2, is: .ky), word(3, is: .cung) { lastYearsPeriod = value + 1 }
                if word(1, is: .nam), word(2, is: .voi) || word(2, is: .ky) || word(2, is: .nhung) || word(2, is: .vao) { continue }
                let gap = tokens[index].gap
                if gap.is("-") || gap.is("–") || gap.is("/") {
                    // "tháng 12-2016", "31/5/2017": a month or a date, which settles only when near the meeting's.
                    guard let month = token(1).flatMap({ $0.isNumber && $0.value >= 1 && $0.value <= 12 ? Int($0.value) : nil }) else {
                        continue
                    }
                    // A plan ("dự kiến ... vào ngày 15/3/2026") is dated in its own year, not the meeting's.
                    if planCue == nil {
                        planCue = .some(sentence.first { tokens[$0].is(.kien) && $0 > sentence.lowerBound && tokens[$0 - 1].is(.du) })
                    }
                    if let plan = planCue ?? nil, plan < index {
                        continue
                    }
                    // The date of a cited document (`Kết luận số 15-KL/TW ngày 12/03/2018`) says nothing of the meeting.
                    if documentDates.contains(where: { $0.contains(index) }) { continue }
                    if word(2, is: .thang) {
                        if word(3, is: .tu) || word(3, is: .den) { continue }
                        if let year = nearestYear(month: month, day: 15, written: value, meetingMonth: meetingMonth, meetingDay: meetingDay) {
                            years.insert(year)
                            notOnlyStarts.insert(year)
                            onlyReviewed = false
                            onlyPlanned = false
                        }
                        continue
                    }
                    if let day = token(2), day.isNumber, day.value >= 1, day.value <= 31, tokens[index - 1].gap.first == gap.first, tokens[index - 1].gap.count == 1 {
                        if let year = nearestYear(month: month, day: Int(day.value), written: value, meetingMonth: meetingMonth, meetingDay: meetingDay) {
                            years.insert(year)
                            notOnlyStarts.insert(year)
                            onlyReviewed = false
                            onlyPlanned = false
                        }
                    }
                    continue
                }
                if index + 1 < sentence.upperBound, tokens[index + 1].gap.is("-") || tokens[index + 1].gap.is("–"), tokens[index + 1].length == 4 { continue }
                years.insert(value)
                if !(word(1, is: .nam) && word(2, is: .tu)) { notOnlyStarts.insert(value) }
                if firstPlanWord == nil { firstPlanWord = .some(Self.firstPlanWord(in: sentence, tokens)) }
                let planned = (firstPlanWord ?? nil).map { $0 < index } ?? false
                if !planned { onlyPlanned = false }
                if !(1...6).contains(where: { word($0, is: .qua) || word($0, is: .ket) || word($0, is: .hinh) }) {
                    onlyReviewed = false
                }
            }
        }
        if years.isEmpty, let lastYearsPeriod { return lastYearsPeriod }
        let congress = congressTerm(layout)
        // A congress held from January to October (`tổ chức Đại hội ... nhiệm kỳ 2025-2030`) is in its term's first year,
        // where the years its review of the last term speaks of would settle nothing (`từ 30 triệu đồng (năm 2021) lên 52
        // triệu đồng (năm 2024)`; one year alone is taken, as below); late in the year, one may open the term of the year after.
        if let congress, congress.held, meetingMonth <= 10, years.count >= 2, years.allSatisfy({ $0 < congress.firstYear }) {
            return congress.firstYear
        }
        if years.count == 1 {
            return meetingMonth <= 2 && onlyReviewed || meetingMonth >= 11 && onlyPlanned || notOnlyStarts.isEmpty ? nil : years.first
        }
        if years.count == 2, let high = years.max(), years.contains(high - 1) {
            if meetingMonth <= 3 { return high }
            if meetingMonth >= 10 { return high - 1 }
        }
        if years.isEmpty {
            // Held late in the year, a five-year term's congress (the Front's, an association's) opens the term then; a Party
            // cell's shorter term (`2025-2027`) is often held the autumn before.
            if let congress { return meetingMonth >= 11 && !(congress.held && congress.fiveYears) ? congress.firstYear - 1 : congress.firstYear }
            return electionTermYear(layout, meetingMonth: meetingMonth)
        }
        return nil
    }

    /// The first word of `sentence` that speaks of something to come: `sẽ`, `kế hoạch tổ chức`, an event expected (`Dự
    /// kiến Hội nghị ...`), `hướng tới` (spelled so: `sẻ`, `tới` alone, a plan carried out, `thực hiện kế hoạch`, and what
    /// is expected by the year's end, `Dự kiến đến hết năm`, say nothing of a year to come).
    private static func firstPlanWord(in sentence: Range<Int>, _ tokens: TokenizedText) -> Int? {
        sentence.first { at in
            let token = tokens[at]
            guard token.isLowercaseWord || at == sentence.lowerBound else { return false }
            if token.isWord(.sẽ) { return true }
            guard at + 1 < sentence.upperBound, tokens[at + 1].gap.isEmpty else { return false }
            let next = tokens[at + 1]
            let then = at + 2 < sentence.upperBound ? tokens[at + 2] : nil
            return token.is(.ke) && next.is(.hoach) && then?.is(.to) == true
                || token.isWord(.dự) && next.is(.kien) && then?.isCapitalized == true || token.is(.huong) && next.isWord(.tới)
        }
    }

    /// The year that puts a day written with year `written` within about two months of the meeting's day, or nil
    /// when it is further off in either direction.
    private static func nearestYear(month: Int, day: Int, written: Int, meetingMonth: Int, meetingDay: Int) -> Int? {
        let meeting = meetingMonth * 31 + meetingDay, mentioned = month * 31 + day
        let window = 2 * 31
        if abs(meeting - mentioned) <= window { return written }
        if meeting - (mentioned - 12 * 31) <= window { return written + 1 }  // December mentioned before a February meeting
        if mentioned + 12 * 31 - meeting <= window { return written - 1 }  // January mentioned after a December meeting
        return nil
    }
}
