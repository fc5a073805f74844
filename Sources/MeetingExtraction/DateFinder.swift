import MeetingModel

/// A calendar date as written: day and month, the year when given.
struct WrittenDate: Equatable {
    var day: Int
    var month: Int
    var year: Int?
    /// Token range of the whole expression (part of day and multi-day range included).
    var range: Range<Int>
    var partOfDay: MeetingRecord.PartOfDay?
    /// Context says this is a deadline, a document's date or the like, not an event.
    var isOtherThing: Bool
    /// The date of a cited document (`Kết luận số 15-KL/TW ngày 12/03/2018`), which says nothing of the meeting's year.
    var isDocumentDate = false
    /// Written as a span of days (`14-15/5`, `Từ ngày 12 đến 13/4`): `day` is the first day, this the last.
    var lastDay: Int?
    var isSpan: Bool { lastDay != nil }

    /// The day before, across months and years.
    func dayBefore() -> WrittenDate {
        var date = self
        if day > 1 {
            date.day -= 1
        } else if month > 1 {
            date.month -= 1
            date.day = Self.length(month: date.month, year: year)
        } else {
            date.month = 12
            date.day = 31
            date.year = year.map { $0 - 1 }
        }
        return date
    }

    static func length(month: Int, year: Int?) -> Int {
        let leap = year.map { $0 % 4 == 0 && ($0 % 100 != 0 || $0 % 400 == 0) } ?? false
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][max(0, min(11, month - 1))]
    }

    func iso(year: Int?) -> String {
        let monthDay = String(format2(month)) + "-" + format2(day)
        guard let year else { return "--" + monthDay }
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-" + monthDay
    }

    private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Finds dates (`17/1`, `17/1/2024`, `ngày 17 tháng 1 năm 2024`, `14-15/5`, `Từ ngày 12 đến 13/4/2023`) in a token range.
enum DateFinder {
    static func dates(in tokens: TokenizedText, _ range: Range<Int>) -> [WrittenDate] {
        var found: [WrittenDate] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if tokens[index].isNumber, let date = date(tokens, at: index, limit: range.upperBound) {
                found.append(date)
                index = date.range.upperBound
            } else {
                index += 1
            }
        }
        var dated = found.map { withContext(tokens, $0, lowerLimit: range.lowerBound) }
        // "(22/12/1992-22/12/2022)", "01/7/2020 - 30/6/2025": two full dates joined by a dash, months apart, bound an
        // anniversary or a term; neither is the meeting's day.
        for index in found.indices.dropLast() {
            let (first, second) = (found[index], found[index + 1])
            guard let from = first.year, let to = second.year, second.range.lowerBound == first.range.upperBound,
                  tokens[second.range.lowerBound].gap.isDash, (to - from) * 12 + second.month - first.month > 2 else { continue }
            dated[index].isOtherThing = true
            dated[index + 1].isOtherThing = true
        }
        return dated
    }

    private static func number(_ token: Token, in bounds: ClosedRange<Int>) -> Int? {
        guard token.isNumber, token.length <= 4, token.value >= 0, bounds.contains(Int(token.value)) else { return nil }
        return Int(token.value)
    }

    private static func date(_ tokens: TokenizedText, at index: Int, limit: Int) -> WrittenDate? {
        if tokens[index].value < 0, let dotted = dottedDate(tokens, at: index) { return dotted }
        guard let day = number(tokens[index], in: 1...31) else { return nil }
        // "gần bằng 1/3 dân số": a fraction after a word of quantity.
        if index > 0, quantityWords.contains(where: tokens[index - 1].is), index + 1 < limit, tokens[index + 1].gap.is("/") { return nil }
        // D/M or D/M/YYYY
        // "Ngày 17 – 9": an en dash, spaced, after `ngày` or a part of day, as a hyphen.
        let spacedDash = index > 0 && tokens[index + 1 < limit ? index + 1 : index].gap.isDash
            && ([Word.sang, .chieu, .toi, .trua, .ngay, .dem].contains(where: tokens[index - 1].is))
        if index + 1 < limit, tokens[index + 1].gap.is("/") || (tokens[index + 1].gap.is("-") || spacedDash) && tokens[index + 1].length <= 2,
           let month = number(tokens[index + 1], in: 1...12) {
            let separator = tokens[index + 1].gap
            var end = index + 2
            var year: Int?
            if end < limit, tokens[end].gap.first == separator.first, tokens[end].gap.count == 1, let value = number(tokens[end], in: 1900...2100) {
                year = value
                end += 1
            }
            if (separator.is("-") || spacedDash) && year == nil {
                // "Sáng 6-2", "ngày 7-2", "chiều qua 23-9", "8 và 9-3": day-month with a hyphen only where a date is
                // expected, not "2-5%"; "ngày 6-7/7" is a span of days, read from its second day.
                // "từ 11-9 đến 12-9": after `từ` when `đến` and another such date follow (not `từ 2-3 ngày`).
                let opensSpan = index > 0 && tokens[index - 1].is(.tu) && end + 2 < limit && tokens[end].is(.den)
                    && number(tokens[end + 1], in: 1...31) != nil && tokens[end + 2].gap.is("-") && number(tokens[end + 2], in: 1...12) != nil
                guard index > 0, [Word.sang, .chieu, .toi, .trua, .ngay, .dem, .nay, .qua].contains(where: tokens[index - 1].is)
                        || index > 1 && (tokens[index - 1].is(.va) || tokens[index - 1].is(.den)) && number(tokens[index - 2], in: 1...31) != nil
                        || opensSpan,
                      !(end < limit && tokens[end].gap.is("/") && tokens[end].isNumber) else { return nil }
            }
            return WrittenDate(day: day, month: month, year: year, range: index..<end, partOfDay: nil, isOtherThing: false)
        }
        // D tháng M (năm YYYY)
        if index + 2 < limit, tokens[index + 1].is(.thang), tokens[index + 1].gap.isEmpty,
           let month = number(tokens[index + 2], in: 1...12) {
            var end = index + 3
            var year: Int?
            if end + 1 < limit, tokens[end].is(.nam), let value = number(tokens[end + 1], in: 1900...2100) {
                year = value
                end += 2
            }
            return WrittenDate(day: day, month: month, year: year, range: index..<end, partOfDay: nil, isOtherThing: false)
        }
        return nil
    }

    /// Words before a count (`khoảng 2000 em`, `gần bằng 1/3`): what follows is a quantity, not a date or a year.
    static let quantityWords: [Word] = [.bang, .gan, .khoang, .hon, .chiem, .tren, .duoi, .dat, .con]

    /// "Chiều 5.7", "Sáng qua 28.3", "ngày 08.04.2022": day and month (and year) written with dots, read as a date
    /// only after a part of day, `ngày`, or `nay`/`qua` (today, yesterday).
    private static func dottedDate(_ tokens: TokenizedText, at index: Int) -> WrittenDate? {
        let token = tokens[index]
        let previous = index > 0 ? tokens[index - 1] : token
        guard token.isNumber, token.length <= 10 else { return nil }
        // With a year (`23.02.2022`, eight to ten characters) it is a date wherever it stands; day and month alone only
        // after those words.
        let afterCue = index > 0 && (partOfDay(previous) != nil || previous.is(.ngay) || previous.is(.qua) || previous.is(.nay))
        guard afterCue || token.length >= 8 else { return nil }
        let parts = tokens.text(index).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 || afterCue else { return nil }
        guard parts.count == 2 || parts.count == 3, parts.prefix(2).allSatisfy({ (1...2).contains($0.count) }),
              let day = Int(parts[0]), let month = Int(parts[1]), (1...31).contains(day), (1...12).contains(month) else { return nil }
        var year: Int?
        if parts.count == 3 {
            guard parts[2].count == 4, let value = Int(parts[2]), (1900...2100).contains(value) else { return nil }
            year = value
        }
        return WrittenDate(day: day, month: month, year: year, range: index..<(index + 1), partOfDay: nil, isOtherThing: false)
    }

    private static let otherThingWords: [Word] = [
        .den, .truoc, .han, .hanh, .ky, .so, .sau, .tu, .nghi, .quyet, .dinh, .thi, .ke, .hoach, .cong, .van, .luc,
    ]
    private static let otherThingWordsJustBefore: [Word] = [.den, .truoc, .han, .tu, .sau, .ky, .hanh, .so, .toi]

    /// Adds the multi-day start, the part of day, and whether the date is of something else: a deadline, or a
    /// document's date (`Nghị quyết số 19/2016/NQ-CP ngày 28/4/2016`, its number ending in `/NQ-CP`).
    private static func withContext(_ tokens: TokenizedText, _ date: WrittenDate, lowerLimit: Int) -> WrittenDate {
        var date = date
        var start = date.range.lowerBound
        // "14-15/5", "14 - 15/5", "14 và 15/5", "Từ ngày 12 đến 13/4"
        if start - 1 >= lowerLimit, let first = number(tokens[start - 1], in: 1...31), first < date.day,
           tokens[start].gap.is("-") || tokens[start].gap.is("–") {
            date.lastDay = date.day
            date.day = first
            start -= 1
        } else if start - 2 >= lowerLimit, tokens[start - 1].is(.va) || tokens[start - 1].is(.den) || tokens[start - 1].is(.toi),
                  let first = number(tokens[start - 2], in: 1...31), first < date.day,
                  // Not the month of a date before (`từ 11-9 đến 12-9`): that date starts the span.
                  !(tokens[start - 2].gap.is("-") || tokens[start - 2].gap.is("/") || tokens[start - 2].gap.is(".")) {
            date.lastDay = date.day
            date.day = first
            start -= 2
        } else if start - 4 >= lowerLimit, tokens[start - 1].is(.ngay), tokens[start - 2].is(.den) || tokens[start - 2].is(.toi),
                  let first = number(tokens[start - 3], in: 1...31), first < date.day, tokens[start - 4].is(.ngay) {
            // "từ ngày 8 đến ngày 11.9.2010": `ngày` before both days.
            date.lastDay = date.day
            date.day = first
            start -= 3
        }
        var cursor = start
        // "ngày", "Trong 2 ngày", "Từ ngày"
        if cursor - 1 >= lowerLimit, tokens[cursor - 1].is(.ngay) { cursor -= 1 }
        if cursor - 2 >= lowerLimit, tokens[cursor - 1].isNumber, tokens[cursor - 2].is(.trong) { cursor -= 2 }
        if cursor - 1 >= lowerLimit, tokens[cursor - 1].is(.tu), tokens[cursor - 1].isCapitalized || start != date.range.lowerBound {
            cursor -= 1
        } else if cursor - 4 >= lowerLimit, tokens[cursor - 1].is(.tu), tokens[cursor - 2].is(.ngay),
                  tokens[cursor - 3].isNumber || tokens[cursor - 3].isWord(.hai) || tokens[cursor - 3].isWord(.ba), tokens[cursor - 4].is(.trong),
                  tokens[cursor - 4].isCapitalized {
            // "Trong 2 ngày từ 8/9 đến 10/9": the days the meeting lasts, then the span, opening the sentence or a clause (not
            // `theo báo cáo, trong 2 ngày từ 1/10 đến 2/10, mưa lớn ...`).
            cursor -= 4
        }
        if cursor - 1 >= lowerLimit, let part = partOfDay(tokens[cursor - 1]) {
            date.partOfDay = part
            cursor -= 1
        } else if cursor - 2 >= lowerLimit, tokens[cursor - 1].is(.nay) || tokens[cursor - 1].is(.qua), let part = partOfDay(tokens[cursor - 2]) {
            date.partOfDay = part
            cursor -= 2
        }
        date.range = cursor..<date.range.upperBound
        if date.partOfDay == nil {
            // "..., nhiệm kỳ 2021 - 2026, ngày 24/11/2025, Tổ 2 ...", "Đoàn kiểm tra của Ban Bí thư năm 2018, ngày 7/6, ...",
            // "(21-6-1925 - 21-6-2022), ngày 20-6": a date after a comma that closes a year opens a clause of its own; what
            // the year ends is not what it dates. (After a document's number, `Công văn 345, ngày ...`, or a clause of its
            // own, `Trước kỳ họp, ngày ...`, the words before the comma still count.)
            // The year reads as one: after `năm`, or a date's or a span's last part (`21-6-2022`, `2021 - 2026`).
            let year = cursor - 2 >= lowerLimit && tokens[cursor - 1].hasDigits(4) && (1900...2100).contains(tokens[cursor - 1].value)
                && (tokens[cursor - 2].isWord(.năm) || tokens[cursor - 1].gap.isDash || tokens[cursor - 1].gap.is("/"))
            let opensClause = year && tokens.commaBefore(cursor)
            let before = tokens[(opensClause ? cursor : max(lowerLimit, cursor - 3))..<cursor]
            let immediately = !opensClause && cursor - 1 >= lowerLimit ? tokens[cursor - 1] : nil
            func beforeHas(_ word: Word) -> Bool { before.contains { $0.is(word) } }
            date.isDocumentDate = followsDocumentNumber(tokens, cursor, lowerLimit: lowerLimit)
                || before.indices.contains { $0 > lowerLimit && tokens[$0].isCapitalized && tokens[$0].gap.is("/") && tokens[$0 - 1].isNumber }
            // "được tiến hành từ ngày 8 đến ngày 11.9.2010": held, not `ban hành` (issued) or `thi hành` (carried out).
            let conducted = cursor - 2 >= lowerLimit && tokens[cursor - 1].is(.hanh) && tokens[cursor - 2].is(.tien)
            date.isOtherThing = !conducted && (date.isDocumentDate || immediately.map { token in otherThingWordsJustBefore.contains(where: token.is) } ?? false
                || beforeHas(.ban) && beforeHas(.hanh)
                || (!opensClause && cursor - 1 >= lowerLimit && tokens[cursor - 1].isNumber)
                || before.contains { token in otherThingWords.contains(where: token.is) } && !beforeHas(.ngay) && !beforeHas(.vao))
        }
        return date
    }

    /// `Kết luận số 15-KL/TW ngày ...`, `Nghị quyết 19/2016/NQ-CP ngày ...`: a document's code (letters and numbers
    /// joined by `/`) within the six tokens before the date.
    private static func followsDocumentNumber(_ tokens: TokenizedText, _ cursor: Int, lowerLimit: Int) -> Bool {
        let start = max(lowerLimit + 1, cursor - 6)
        guard start < cursor else { return false }
        return (start..<cursor).contains { index in
            let token = tokens[index], previous = tokens[index - 1]
            return token.gap.is("/") && (previous.gap.is("/") || previous.gap.is("-") || previous.isNumber)
                && (token.isCapitalized && !token.isNumber || previous.isCapitalized && !previous.isNumber)
        }
    }

    static func partOfDay(_ token: Token) -> MeetingRecord.PartOfDay? {
        if token.isWord(.sáng) { return .morning }
        if token.isWord(.chiều) { return .afternoon }
        if token.isWord(.tối) || token.isWord(.đêm) { return .evening }
        return nil
    }
}
