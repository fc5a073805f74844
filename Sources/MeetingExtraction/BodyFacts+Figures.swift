import MeetingModel

/// Figures (an amount with its unit, or a percent) and the years the body speaks of.
extension BodyFacts {
    func figures() -> [MeetingRecord.Figure] {
        var figures: [MeetingRecord.Figure] = []
        for sentence in sentences {
            var index = sentence.lowerBound
            while index < sentence.upperBound {
                let token = tokens[index]
                // "Nghị quyết số 202/2025/QH15": a number glued to letters is part of a code.
                let glued = index > sentence.lowerBound && token.gap.isEmpty && tokens[index - 1].end == token.start && tokens[index - 1].isAllCaps
                // "khu phố 3 phường Linh Trung", "tổ dân phố 5", "số 12": an address's number.
                let address = index > sentence.lowerBound && token.gap.isEmpty && !isTotal(index, sentence)
                    && (Self.addressWords.contains(where: tokens[index - 1].is)
                    || tokens[index - 1].isWord(.quận)
                    || tokens[index - 1].is(.pho) && index - 2 >= sentence.lowerBound && (tokens[index - 2].is(.khu) || tokens[index - 2].is(.dan)))
                guard token.isNumber, !glued, !address, !isDatePart(index, sentence), let value = vietnameseNumber(at: index) else {
                    index += 1
                    continue
                }
                var start = index
                // `từ 5 tỷ` (from), not `đầu tư 5 tỷ` (invested), whose `tư` folds as `từ` does.
                if index > sentence.lowerBound, Self.figureIntroducers.contains(where: tokens[index - 1].is),
                   !tokens[index - 1].is(.tu) || tokens[index - 1].isWord(.từ) {
                    start = index - 1
                }
                var end = index + 1
                if end < sentence.upperBound, tokens[end].isNumber, tokens[end].gap.is("-") || tokens[end].gap.is("–") { end += 1 }
                var unit: Range<Int>?
                var isPercent = false
                // A percent sign sits in the separator before the next token, or right after the sentence's last one.
                if end < sentence.upperBound && tokens[end].gap.starts(with: "%") || followsPercent(end - 1) {
                    isPercent = true
                } else if end < sentence.upperBound, tokens[end].gap.isEmpty, let length = lexicon.figureUnits.match(tokens, at: end, end: sentence.upperBound),
                          // `4 đồng chí`: four comrades, not four dong.
                          !(tokens[end + length - 1].isWord(.đồng) && end + length < sentence.upperBound && tokens[end + length].is(.chi)
                            && tokens[end + length].gap.isEmpty),
                          // `đường 2 Tháng 9`: a name, not a span of months (`15 Đại biểu` is a count).
                          !(tokens[end].isCapitalized && !tokens[end].isAllCaps && end + length < sentence.upperBound && tokens[end + length].isNumber),
                          // `5 phường Bến Nghé`: a ward's name, not a count of wards.
                          !(Spelled.smallUnits.contains(where: tokens[end].isWord) && length == 1 && end + 1 < sentence.upperBound
                            && tokens[end + 1].gap.isEmpty && tokens[end + 1].isCapitalized) {
                    unit = end..<(end + length)
                    end += length
                }
                // "8.066,8 km²", "120 km2": an area.
                var squared = false
                if let found = unit, found.count == 1, tokens[found.lowerBound].is(.km) {
                    let after = Int(tokens[found.upperBound - 1].end)
                    let scalars = tokens.scalars
                    if after < scalars.count, scalars[after] == "²" || scalars[after] == "2"
                        && (after + 1 == scalars.count || !("0"..."9").contains(scalars[after + 1])) {
                        squared = true
                        if end < sentence.upperBound, tokens[end].isNumber, Int(tokens[end].start) == after { end += 1 }
                    }
                }
                if isPercent || unit != nil {
                    // "3 năm", "12 tháng": a span of time counts only as a small number (not "năm 2024").
                    let isTime = unit.map { $0.count == 1 && !tokens[$0.lowerBound].isCapitalized && Self.timeUnits.contains(tokens[$0.lowerBound].spelling) } ?? false
                    let namesPeriod = isTime && (self.namesPeriod(after: end, in: sentence) || spansPeriod(number: index, after: end, in: sentence))
                    if !isTime || value < 100 && !namesPeriod {
                        let text = layout.string(start..<end)
                        var shown = isPercent ? text + "%" : text
                        var unitText = unit.map(layout.string) ?? "%"
                        if squared, let unit {
                            shown = layout.string(start..<unit.upperBound) + "²"
                            unitText += "²"
                        }
                        figures.append(MeetingRecord.Figure(text: shown, value: value, unit: unitText))
                    }
                }
                index = end
            }
        }
        return figures
    }

    /// Words an address's or an article's number follows (`khu 7`, `tổ 5`, `số 12`, `ấp 2`, `thôn 4`, `khối 7`, `Phường 5`,
    /// `hẻm 51`, `ngõ 3`, `kiệt 12`, `Điều 8`); so do `Quận`
    /// spelled so (not `bình quân 93%`), `khu phố` and `tổ dân phố` (not `thành phố 6 tháng`).
    private static let addressWords: [Word] = [.khu, .to, .so, .ap, .thon, .khoi, .phuong, .hem, .ngo, .kiet, .dieu]
    private static let timeUnits: [Int32] = [Spelled.năm, .tháng, .ngày].map(\.rawValue)
    private static let figureIntroducers: [Word] = [.tu, .duoi, .tren, .tang, .giam, .dat, .khoang, .gan, .hon]
    private static let dateIntroducers: [Word] = [.nam, .ngay, .thang, .khoa, .thu, .so, .quy]

    /// A time span that names a period, its words from `index` on: `6 tháng đầu năm`, `3 tháng cuối năm`, and `5 năm qua`,
    /// `3 năm tới` at a clause's end. Not `2 năm đầu tư`, `7 ngày tới ngày 28/11`, `giảm 3 ngày qua việc ...`, nor `6 tháng,
    /// qua đó` (a comma first).
    private func namesPeriod(after index: Int, in sentence: Range<Int>) -> Bool {
        guard index < sentence.upperBound, tokens[index].gap.isEmpty, tokens[index].isLowercaseWord else { return false }
        let next = index + 1
        if tokens[index].isWord(.đầu) || tokens[index].isWord(.cuối) {
            return next < sentence.upperBound && tokens[next].gap.isEmpty && tokens[next].isWord(.năm)
        }
        guard tokens[index].isWord(.qua) || tokens[index].isWord(.tới) else { return false }
        return next == sentence.upperBound || !tokens[next].gap.isEmpty
    }

    /// A span of time the text dates or celebrates rather than counts, by the words around it: `kỷ niệm 45 năm`, `sau 40
    /// năm`, `tổng kết 10 năm`, `qua 9 tháng`, `diễn ra trong 2 ngày`, `9 tháng năm 2025`, `36 năm Ngày hội`, `15 năm xây
    /// dựng`, `2 ngày 19 và 20`. Not `rút ngắn 4 tháng`, nor `giải quyết hồ sơ trong 5 ngày` (a time the meeting sets).
    private func spansPeriod(number index: Int, after end: Int, in sentence: Range<Int>) -> Bool {
        // Lower case, or capitalised as the sentence's first word (`Sau 30 năm`, `Qua 9 tháng`).
        func word(_ at: Int, _ word: Word) -> Bool {
            at >= sentence.lowerBound && at < sentence.upperBound && tokens[at].is(word) && (tokens[at].isLowercaseWord || at == sentence.lowerBound)
        }
        let years = index + 1 < sentence.upperBound && tokens[index + 1].isWord(.năm)
        let before = index - 1
        if before >= sentence.lowerBound, tokens[index].gap.isEmpty {
            // `kỷ niệm 20 năm`, `Lễ Kỷ niệm 20 năm` (its name capitalised).
            let anniversary = before - 1 >= sentence.lowerBound && tokens[before].is(.niem) && tokens[before - 1].is(.ky) && !tokens[before].isNumber
            if anniversary || word(before, .ket) && (word(before - 1, .tong) || word(before - 1, .so)) { return true }
            // `qua 9 tháng`, not `không quá 6 tháng` (a limit the meeting sets); `sau 40 năm`, not `sau 30 ngày` (a deadline).
            if word(before, .sau) && years || word(before, .qua) && tokens[before].isWord(.qua) { return true }
            // `trong 5 năm qua`: the years looked back on; `truyền thống 50 năm`: an anniversary's.
            if word(before, .trong) && end < sentence.upperBound && tokens[end].gap.isEmpty && tokens[end].isWord(.qua) && tokens[end].isLowercaseWord
                || years && word(before, .thong) && word(before - 1, .truyen) { return true }
            // `diễn ra trong 2 ngày`, `được tổ chức trong 3 ngày`: how long the meeting lasts (not `hoàn thành việc tổ chức
            // trong 30 ngày`).
            if word(before, .trong) && (word(before - 1, .ra) && word(before - 2, .dien) || word(before - 1, .chuc) && word(before - 3, .duoc)) {
                return true
            }
        }
        guard end < sentence.upperBound, tokens[end].gap.isEmpty else { return false }
        let next = end + 1
        // `5 năm 2016 - 2020`, `9 tháng năm 2025`; `2 ngày 19 và 20`, `2 ngày 28-29/11` (not `3 tháng 15 ngày`).
        if years && tokens[end].hasDigits(4) || tokens[end].isWord(.năm) && next < sentence.upperBound && tokens[next].hasDigits(4) { return true }
        if tokens[index + 1].isWord(.ngày), tokens[end].isNumber, next < sentence.upperBound,
           tokens[next].is(.va) || !tokens[next].gap.isEmpty && !tokens[next].gap.starts(with: ",") { return true }
        // An anniversary's years: `36 năm Ngày hội`, `15 năm xây dựng`, `30 năm thành lập`, `40 năm đổi mới`.
        guard years else { return false }
        if tokens[end].isCapitalized && tokens[end].is(.ngay) { return true }
        return next < sentence.upperBound && tokens[next].gap.isEmpty
            && (word(end, .xay) && word(next, .dung) || word(end, .thanh) && word(next, .lap) || word(end, .doi) && word(next, .moi))
    }

    private func followsPercent(_ index: Int) -> Bool {
        let next = Int(tokens[index].end)
        return next < tokens.scalars.count && tokens.scalars[next] == "%"
    }

    /// `tổng số 1.165 đảng viên`: a total, not a number (`số 12`) of an address or a document.
    private func isTotal(_ index: Int, _ sentence: Range<Int>) -> Bool {
        index - 2 >= sentence.lowerBound && tokens[index - 1].is(.so) && tokens[index - 2].is(.tong) && tokens[index - 1].isLowercaseWord
    }

    private func isDatePart(_ index: Int, _ sentence: Range<Int>) -> Bool {
        let token = tokens[index]
        if token.gap.is("/") { return true }
        if index + 1 < sentence.upperBound, tokens[index + 1].gap.is("/") { return true }
        // "ngày Khoa học và Công nghệ 18-5 tỉnh ...": a day and its month, not a range, which rises (`2-3 tỉnh`, `500-1.000 hộ`).
        if token.gap.is("-") || token.gap.is("–"), index > sentence.lowerBound, isDayThenMonth(index - 1, index) { return true }
        if index + 1 < sentence.upperBound, tokens[index + 1].gap.is("-") || tokens[index + 1].gap.is("–"), isDayThenMonth(index, index + 1) {
            return true
        }
        // "giảm bình quân hằng năm 2,97%": a rate, not a year.
        if index > sentence.lowerBound, Self.dateIntroducers.contains(where: tokens[index - 1].is), !followsPercent(index), !isTotal(index, sentence) {
            return true
        }
        return false
    }

    /// A day at `day` and a month at `month` that falls before it in the year's count (`18-5`): no range of numbers.
    private func isDayThenMonth(_ day: Int, _ month: Int) -> Bool {
        tokens[day].isNumber && tokens[month].isNumber && (1...31).contains(tokens[day].value) && (1...12).contains(tokens[month].value)
            && tokens[day].value > tokens[month].value
    }

    func years() -> [Int] {
        // One flag per year from 1945 to 2100.
        var years = [Bool](repeating: false, count: 2100 - 1945 + 1)
        for sentence in sentences {
            for index in sentence where tokens[index].hasDigits(4) {
                let value = Int(tokens[index].value)
                guard (1945...2100).contains(value) else { continue }
                let previous = index > sentence.lowerBound ? tokens[index - 1] : nil
                if previous?.is(.nam) == true || tokens[index].gap.is("/") || tokens[index].gap.is("-") || previous?.is(.doan) == true {
                    years[value - 1945] = true
                }
            }
        }
        return years.indices.filter { years[$0] }.map { $0 + 1945 }
    }

    /// A number token's value, written the Vietnamese way: `4.698` is four thousand six hundred and ninety-eight,
    /// `19,9` is nineteen point nine.
    private func vietnameseNumber(at index: Int) -> Double? {
        let token = tokens[index]
        if token.value >= 0 { return Double(token.value) }
        var mantissa = 0
        var digits = 0
        var decimals = -1
        for scalar in tokens.scalars[Int(token.start)..<Int(token.end)] {
            switch scalar {
            case "0"..."9":
                mantissa = mantissa &* 10 &+ Int(scalar.value - 0x30)
                digits += 1
                if decimals >= 0 { decimals += 1 }
            case ".": continue
            case ",":
                guard decimals < 0 else { return nil }
                decimals = 0
            default: return nil
            }
        }
        // Exact integers divided once round as the decimal text would; longer numbers go through the text.
        // A number too long for a Double (`1111...`, a megabyte of ones) is no figure: JSON has no infinity.
        guard digits <= 15 else { return Self.parsedNumber(tokens.text(index)).flatMap { $0.isFinite ? $0 : nil } }
        var divisor = 1.0
        for _ in 0..<max(decimals, 0) { divisor *= 10 }
        return Double(mantissa) / divisor
    }

    private static func parsedNumber(_ text: String) -> Double? {
        var digits = ""
        for character in text {
            switch character {
            case "0"..."9": digits.append(character)
            case ".": continue
            case ",": digits.append(".")
            default: return nil
            }
        }
        return Double(digits)
    }
}
