/// The titles around a name: written before it (`Phó Chủ tịch UBND tỉnh Nguyễn Văn A`, a plural or counted title shared by
/// the names after it), where a title stops, and what each says of the person (local or central, which province). Those
/// written after the name are read in PersonFinder+TitlesAfter.swift.
extension PersonFinder {
    func add(_ range: Range<Int>, to person: inout PersonSpan, _ tokens: TokenizedText, _ provinceAt: ProvinceIndex) {
        // "các Phó Chủ tịch": the plural belongs to the sentence, not to each person's title.
        let plural = range.count > 1 && tokens[range.lowerBound].spelling == Spelled.các.rawValue && tokens[range.lowerBound + 1].gap.isEmpty
        var titleRange = plural ? range.dropFirst() : range
        // "Phó Chủ tịch HĐND phường đồng chủ tọa": `đồng` (jointly) goes with the verb after the title, not in it (`hội đồng`,
        // `cộng đồng` are; `lao động` is another word).
        if titleRange.count > 1, let last = titleRange.last, tokens[last].isWord(.đồng), tokens[last].isLowercaseWord, !tokens[last - 1].is(.hoi), !tokens[last - 1].is(.cong) {
            titleRange = titleRange.dropLast()
        }
        var title = tokens.joined(titleRange) { index in joinGap(tokens, index) }
        // "các phó Chủ tịch": each person's title starts with a capital, as titles are written.
        let afterPlural = range.lowerBound > 0 && [Spelled.các, .hai, .ba].contains { tokens[range.lowerBound - 1].spelling == $0.rawValue }
        if plural || afterPlural, let first = title.first, first.isLowercase { title = first.uppercased() + title.dropFirst() }
        person.titles.append(title)
        // The title's words among those below, one bit each, gathered in one pass.
        var present: UInt32 = 0
        var foreignPost = false
        // Where a diplomat's post would open the title (`Phó Tổng Lãnh sự`, `Đại sứ`): not `nguyên Đại sứ`, `Trưởng phòng
        // Lãnh sự`, nor a post without a place (`Đại sứ Du lịch tỉnh`).
        var diplomatAt = titleRange.lowerBound
        while diplomatAt < titleRange.upperBound, tokens[diplomatAt].is(.pho) || tokens[diplomatAt].is(.tong) { diplomatAt += 1 }
        for index in range {
            let word = Int(tokens[index].word)
            // `số 11` (a number) folds as `Sở` (a department) does: not a local post.
            if tokens[index].is(.so), tokens[index].isLowercaseWord, index + 1 < range.upperBound, tokens[index + 1].isNumber { continue }
            if let span = provinceAt[index] { person.titleProvinces.append(span.unit) }
            // `Tổng cục Hải quan`, `cơ quan`, `đô thị` fold as `quận` and `thị xã` do: central or no post.
            if tokens[index].is(.quan), !tokens[index].isWord(.quận) { continue }
            if tokens[index].is(.thi), !isTownUnit(tokens, after: index, in: range) { continue }
            // `Tỉnh trưởng tỉnh Sê Kông`: a Lao or Cambodian province's governor, no post in a Vietnamese province.
            if tokens[index].is(.tinh), tokens[index].isCapitalized, index + 1 < range.upperBound, tokens[index + 1].is(.truong) { foreignPost = true }
            // `Tổng Lãnh sự Thái Lan tại TP Hồ Chí Minh`, `Đại sứ Nhật Bản tại Việt Nam`: a diplomat, whatever city the post is in.
            if index == diplomatAt, index + 1 < range.upperBound, tokens[index + 1].is(.su), tokens[index + 1].gap.isEmpty,
               tokens[index].is(.lanh) || tokens[index].is(.dai),
               range.contains(where: { tokens[$0].isWord(.tại) || tokens[$0].is(.dac) && tokens[$0].isLowercaseWord }) { foreignPost = true }
            // `... Hội đồng nhân dân thủ đô Vientiane`, `Bí thư Tỉnh ủy tỉnh Chăm-pa-sắc`, `Bí thư Tỉnh ủy Vân Nam`: the title ends
            // on a capital or a province that is no Vietnamese one (not `Trưởng Ban Chỉ đạo cấp tỉnh Kỳ thi ...`).
            let capital = tokens[index].is(.thu) && index + 2 < range.upperBound && tokens[index + 1].is(.do) && tokens[index + 1].gap.isEmpty
            // `Bí thư Tỉnh ủy Vân Nam`: a province's Party committee named by a place that is no Vietnamese province.
            let committee = tokens[index].is(.tinh) && tokens[index].isCapitalized && index + 2 < range.upperBound
                && tokens[index + 1].is(.uy) && tokens[index + 1].gap.isEmpty
            let unit = capital || committee ? index + 2 : index + 1
            if committee || (capital || tokens[index].isWord(.tỉnh)) && tokens[index].isLowercaseWord,
               unit < range.upperBound, tokens[unit].gap.isEmpty,
               provinceAt[unit] == nil, !provinceAt.isInside(unit),
               (unit..<range.upperBound).allSatisfy({ tokens[$0].isCapitalized && !tokens[$0].isNumber && !tokens[$0].isAllCaps }) {
                foreignPost = true
            }
            if word >= 0 && word < Self.titleWordBits.count { present |= Self.titleWordBits[word] }
        }
        func has(_ word: Word) -> Bool { present & Self.titleWordBits[Int(word.rawValue)] != 0 }
        if foreignPost {
            person.holdsForeignPost = true
            person.titlesAreLocal = false
        } else if !person.holdsForeignPost, Self.localMarkers.contains(where: has) || (has(.thanh) && (has(.pho) || has(.uy))) {
            person.titlesAreLocal = true
        }
        if has(.trung) && has(.uong) || has(.uvtw) || has(.bo) && has(.truong) || has(.chinh) && has(.phu) || has(.quoc) && has(.hoi)
            || has(.tuong) || has(.tong) && has(.cuc) {
            person.titlesAreCentral = true
        }
    }

    /// `thị xã`, `thị trấn`, `Thị ủy`, `Thị đoàn`, `Thị đội`: the `thị` at `index` names a town, not `đô thị` (urban) or a
    /// name's `Thị`.
    private func isTownUnit(_ tokens: TokenizedText, after index: Int, in range: Range<Int>) -> Bool {
        guard index + 1 < range.upperBound else { return false }
        let next = tokens[index + 1]
        return next.isWord(.xã) || next.isWord(.trấn) || next.is(.uy) || next.is(.doan) || next.is(.doi)
    }

    /// A title written in the plural: `các` starts it or stands just before it, or a count does (`Hai Phó Thủ tướng A và B`).
    func isPlural(_ tokens: TokenizedText, _ range: Range<Int>, sentenceStart: Int) -> Bool {
        guard tokens[range.lowerBound].spelling != Spelled.các.rawValue else { return true }
        let marker = range.lowerBound - 1
        return marker >= sentenceStart && tokens[range.lowerBound].gap.isEmpty && tokens[marker].spelling == Spelled.các.rawValue
    }

    /// How many people a title is written for (`Hai Phó Thủ tướng A và B`, `ba Phó Chủ tịch A, B, C`): a count just
    /// before it, lower-case or opening the sentence (not a name's end, `Lê Văn Hai Phó Chủ tịch`), not an ordinal (`lần thứ hai`).
    /// A lower-case honorific may stand between the count and the title (`hai đồng chí Phó Bí thư Tỉnh ủy A và B`).
    func countBefore(_ tokens: TokenizedText, _ range: Range<Int>, sentenceStart: Int) -> Int? {
        var start = range.lowerBound
        if start - 1 > sentenceStart, isHonorificWord(tokens, before: start) { start -= tokens[start - 1].is(.chi) ? 2 : 1 }
        let marker = start - 1
        guard marker >= sentenceStart, tokens[start].gap.isEmpty, tokens[marker].isLowercaseWord || marker == sentenceStart,
              !(marker > sentenceStart && tokens[marker - 1].is(.thu)) else { return nil }
        if tokens[marker].spelling == Spelled.hai.rawValue { return 2 }
        if tokens[marker].spelling == Spelled.ba.rawValue { return 3 }
        return nil
    }

    func joinGap(_ tokens: TokenizedText, _ index: Int) -> String {
        let gap = tokens[index].gap
        if gap.isEmpty { return " " }
        // "TP. Ansan", "TP.HCM": an abbreviation's dot keeps its place.
        if gap.is(".") { return gap.hasSpace ? ". " : "." }
        if gap.is(",") { return ", " }
        // "Quân đội nhân dân (QĐND) Việt Nam": a bracket keeps the space outside it only.
        if gap.is("(") { return gap.hasSpace ? " (" : "(" }
        if gap.is(")") { return gap.hasSpace ? ") " : ")" }
        return (gap.hasSpace ? " " : "") + tokens.gapText(index) + (gap.hasSpace ? " " : "")
    }

    static let localMarkers: [Word] = [.tinh, .ubnd, .hdnd, .so, .huyen, .thi, .quan, .tp]

    /// Per word number, a bit for each word that tells a local or central post apart (`tỉnh`, `Trung ương`...).
    static let titleWordBits: [UInt32] = {
        let words = localMarkers + [.thanh, .pho, .uy, .trung, .uong, .uvtw, .bo, .truong, .chinh, .phu, .quoc, .hoi, .tuong, .tong, .cuc]
        var bits = [UInt32](repeating: 0, count: Word.allCases.count)
        for (number, word) in words.enumerated() { bits[Int(word.rawValue)] = 1 << UInt32(number) }
        return bits
    }()

    /// `Phó chủ tịch UBND tỉnh - Phạm Văn Lợi`: the words before the spaced dash at `nameStart` are one title that opens
    /// its sentence or clause, and the name after it has no title of its own after it (`A - Chủ tịch`, which would make
    /// the dash the one between a name and its titles).
    private func titleBeforeDash(_ tokens: TokenizedText, nameStart: Int, sentenceStart: Int, previous: PersonSpan?) -> Bool {
        var start = nameStart - 1
        while start > sentenceStart, nameStart - start < 12, tokens[start].gap.isEmpty, !stopAt(tokens, start - 1) { start -= 1 }
        let opensClause = start == sentenceStart || tokens[start].gap.starts(with: ",") || tokens[start].gap.starts(with: ";")
        guard opensClause, start < nameStart, tokens[start].isCapitalized, lexicon.titleHeads.match(tokens, at: start, end: nameStart) != nil,
              previous.map({ $0.titlesEnd <= start }) ?? true else { return false }
        return !hasOwnTitle(tokens, nameAt: nameStart, end: tokens.count)
    }

    /// The title written just before a name, bounded by punctuation, an honorific or a verb.
    func titlesBefore(_ tokens: TokenizedText, nameStart: Int, sentenceStart: Int, previous: PersonSpan?)
        -> (range: Range<Int>, isShared: Bool)? {
        // "Bộ trưởng Bộ Nông nghiệp và Phát triển Nông thôn (NN&PTNT) Nguyễn Xuân Cường": the body's abbreviation in
        // brackets between the title and the name is passed over, and left out of the title.
        let titleEnd = bracketedAbbreviation(tokens, before: nameStart, sentenceStart: sentenceStart) ?? nameStart
        var boundary = titleEnd
        var passingBracket = titleEnd < nameStart
        var shared = false
        while boundary > sentenceStart {
            let token = tokens[boundary]
            // "Bí thư Tỉnh ủy Tây Ninh nhiệm kỳ 2020 - 2025 Nguyễn Văn Quyết": the term's years belong to the title.
            if boundary - 3 > sentenceStart, token.hasDigits(4), token.gap.isDash, tokens[boundary - 1].hasDigits(4),
               tokens[boundary - 1].gap.isEmpty, tokens[boundary - 2].is(.ky), tokens[boundary - 3].is(.nhiem), tokens[boundary - 3].isLowercaseWord {
                boundary -= 1
                continue
            }
            // "Phó chủ tịch UBND tỉnh - Phạm Văn Lợi đón tiếp ...": a title, a spaced dash, then the name.
            if boundary == nameStart, token.gap.isDash, token.gap.hasSpace,
               titleBeforeDash(tokens, nameStart: nameStart, sentenceStart: sentenceStart, previous: previous) {
                boundary -= 1
                continue
            }
            // "TS. Đỗ Hùng Cường", "PGS.TS. Lê Văn A": a degree's abbreviation dot, then a space; "Chủ tịch UBND TP. Cần Thơ
            // Trần Việt": the city's (not "Chủ tịch HĐND TP. Chủ tịch UBND TP.HCM A", where the next title begins).
            let afterDegree = token.gap.is(".") && (Self.degrees.contains(where: tokens[boundary - 1].is)
                || tokens[boundary - 1].is(.tp) && token.isCapitalized && boundary < nameStart && lexicon.titleHeads.match(tokens, at: boundary) == nil)
            if !passingBracket && !token.gap.isEmpty && !((token.gap.is(".") || token.gap.is("-") || token.gap.is("&")) && !token.gap.hasSpace) && !afterDegree
                && !isInnerDash(tokens, at: boundary) && !isInnerComma(tokens, at: boundary, end: nameStart) {
                // "các Phó Chủ tịch: A, B" shares a title over names; "có: PGS.TS Lê Văn A" lists a person whose own title
                // follows the colon (titles before a plural colon go to them too: ``titlesBeforePluralColon``).
                if token.gap.starts(with: ":") && boundary == nameStart {
                    shared = true
                }
                break
            }
            passingBracket = false
            if let previous, boundary - 1 < previous.titlesEnd { break }
            let candidate = boundary - 1
            if lexicon.honorifics.match(tokens, at: candidate) != nil && tokens[candidate].isLowercaseWord { break }
            if tokens[candidate].is(.dong) && candidate + 1 < nameStart && tokens[candidate + 1].is(.chi) { break }
            if stopAt(tokens, candidate) && !(tokens[candidate].isWord(.tại) && tokens[boundary].isCapitalized) { break }
            boundary -= 1
        }
        if shared {
            // "các Phó Chủ tịch UBND tỉnh: Lê Văn A, ..." — the title ends at the colon.
            var start = boundary - 1
            while start > sentenceStart && (tokens[start].gap.isEmpty || (tokens[start].gap.is(".") || tokens[start].gap.is("-")) && !tokens[start].gap.hasSpace)
                && !stopAt(tokens, start - 1) && !(previous.map { start - 1 < $0.titlesEnd } ?? false) { start -= 1 }
            guard start < boundary else { return nil }
            var titleStart = start
            while titleStart < boundary && lexicon.titleHeads.match(tokens, at: titleStart) == nil { titleStart += 1 }
            // "nguyên Phó Thủ tướng: A, B": former, all of them.
            if titleStart > start, titleStart < boundary, isFormer(tokens, titleStart - 1, before: boundary) { titleStart -= 1 }
            return titleStart < boundary ? (titleStart..<boundary, true) : nil
        }
        var titleStart = boundary
        while titleStart < titleEnd && lexicon.titleHeads.match(tokens, at: titleStart) == nil { titleStart += 1 }
        // A title is capitalised, or begins a list's item (`...; chủ nhiệm Ủy ban Kinh tế Quốc hội Vũ Hồng Thanh`), or
        // follows the plural `các` (`các phó Chủ tịch Võ Văn A, ...`).
        guard titleStart < titleEnd, tokens[titleStart].isCapitalized || tokens[titleStart].isAllCaps
                || titleStart == boundary && (tokens[boundary].gap.starts(with: ";") || tokens[boundary].gap.starts(with: ":"))
                || titleStart > sentenceStart && tokens[titleStart - 1].spelling == Spelled.các.rawValue && tokens[titleStart].gap.isEmpty
                || degreesBeforeName(tokens, at: titleStart, end: nameStart + 1)
        else { return nil }
        // "các đồng chí: Nguyên Chủ tịch nước A; nguyên Chủ tịch Quốc hội B": a former post, capitalised at an item's start.
        if titleStart > boundary, isFormer(tokens, titleStart - 1, before: nameStart)
            || titleStart - 1 == boundary && tokens[boundary].isWord(.nguyên) && tokens[titleStart].gap.isEmpty {
            titleStart -= 1
        }
        return (titleStart..<titleEnd, false)
    }

    /// The first token of `(NN&PTNT)`, `(VCCI)`: an abbreviation in capitals (up to four parts joined by `&`, `-` or `.`)
    /// in brackets just before `nameStart`, with a space before and after them; nil when there is none.
    private func bracketedAbbreviation(_ tokens: TokenizedText, before nameStart: Int, sentenceStart: Int) -> Int? {
        guard tokens[nameStart].gap.is(")"), tokens[nameStart].gap.hasSpace else { return nil }
        var index = nameStart - 1
        while index > sentenceStart, nameStart - index <= 4, tokens[index].isAllCaps {
            let gap = tokens[index].gap
            if gap.is("("), gap.hasSpace { return index }
            guard gap.is("&") || gap.is("-") || gap.is("."), !gap.hasSpace else { return nil }
            index -= 1
        }
        return nil
    }

    /// `các Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng: Trưởng ban A Lê Văn B, ...`, `các đồng chí Đại tướng - Ủy viên
    /// Bộ Chính trị: ...`: the titles between a plural (`các`, `các đồng chí`) and the colon just before `colon`, one range
    /// each, shared by the names listed after the colon before their own titles. Nil unless the plural opens them.
    func titlesBeforePluralColon(_ tokens: TokenizedText, colon: Int, sentenceStart: Int, previous: PersonSpan?) -> [Range<Int>]? {
        guard tokens[colon].gap.starts(with: ":") else { return nil }
        func isPlural(_ index: Int) -> Bool {
            index >= sentenceStart && tokens[index].spelling == Spelled.các.rawValue && tokens[index].isLowercaseWord
        }
        var chunks: [Range<Int>] = []
        var end = colon
        var start = colon - 1
        while start > sentenceStart, colon - start <= 40 {
            if let previous, start < previous.titlesEnd { return nil }
            let gap = tokens[start].gap
            let opensList = gap.isEmpty && (isPlural(start - 1)
                || start >= 3 && tokens[start - 1].is(.chi) && tokens[start - 2].is(.dong) && tokens[start - 1].isLowercaseWord && isPlural(start - 3))
            let separates = !isInnerComma(tokens, at: start, end: end) && (gap.is(",") || gap.isDash && gap.hasSpace && !isInnerDash(tokens, at: start))
            if opensList || separates {
                guard tokens[start].isCapitalized, lexicon.titleHeads.match(tokens, at: start, end: end) != nil else { return nil }
                chunks.append(start..<end)
                if opensList { return chunks.reversed() }
                end = start
            } else if !(gap.isEmpty || (gap.is(".") || gap.is("-")) && !gap.hasSpace || isInnerComma(tokens, at: start, end: end)
                        || tokens.isInnerBracket(at: start)) || stopAt(tokens, start - 1) {
                return nil
            }
            start -= 1
        }
        return nil
    }

    /// Titles listed before the one just before a name (`Phó Bí thư Thành ủy, Chủ tịch HĐND TP HCM Tăng Ngọc Hân`).
    func earlierTitles(_ tokens: TokenizedText, before start: Int, sentenceStart: Int, previous: PersonSpan?) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var end = start
        // "Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy A": a spaced dash joins titles too.
        while end > sentenceStart, tokens[end].gap.starts(with: ",") || tokens[end].gap.starts(with: ";")
                || tokens[end].gap.isDash && tokens[end].gap.hasSpace {
            var chunkStart = end - 1
            while chunkStart > sentenceStart,
                  tokens[chunkStart].gap.isEmpty || (tokens[chunkStart].gap.is(".") || tokens[chunkStart].gap.is("-")) && !tokens[chunkStart].gap.hasSpace {
                if let previous, chunkStart - 1 < previous.titlesEnd { break }
                if stopAt(tokens, chunkStart - 1) || tokens[chunkStart - 1].isLowercaseWord && lexicon.honorifics.contains(tokens[chunkStart - 1]) { break }
                chunkStart -= 1
            }
            if let previous, chunkStart < previous.titlesEnd { break }
            // "Tổ Công tác số 1 do Ủy viên Bộ Chính trị, Chủ tịch nước A": the first title starts after the prose.
            var head = chunkStart
            while head < end, end - head > 1, lexicon.titleHeads.match(tokens, at: head, end: end) == nil { head += 1 }
            guard lexicon.titleHeads.match(tokens, at: head, end: end) != nil, head == chunkStart || tokens[head].isCapitalized else { break }
            // "nguyên Phó Bí thư Thành ủy, nguyên Chủ tịch HĐND TP HCM A": a former post keeps its `nguyên`.
            if head > chunkStart, isFormer(tokens, head - 1, before: end) {
                head -= 1
            } else if head > chunkStart, tokens[head - 1].is(.phu), tokens[head - 1].isCapitalized, tokens[head].gap.isEmpty {
                // `tại Phủ Chủ tịch, Thủ tướng A`: the palace's name, no title.
                break
            }
            chunks.append(head..<end)
            if head > chunkStart { break }
            end = chunkStart
        }
        return chunks.reversed()
    }

    /// `nguyên` (former) written just before a title.
    func isFormer(_ tokens: TokenizedText, _ index: Int, before end: Int) -> Bool {
        index + 1 < end && tokens[index].isWord(.nguyên) && tokens[index].isLowercaseWord && tokens[index + 1].gap.isEmpty
    }

    func stopAt(_ tokens: TokenizedText, _ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isLowercaseWord else { return false }
        // "Trưởng Ban tổ chức Trung ương", "Trưởng Ban chỉ đạo quốc gia ...": the board's name, not the verb; so is
        // "Trưởng ban chỉ đạo Quốc gia ..." when a name or `phòng, chống` follows the verb.
        if index + 1 < tokens.count, token.is(.to) && tokens[index + 1].is(.chuc) || token.is(.chi) && tokens[index + 1].is(.dao),
           index > 0, tokens[index - 1].is(.ban) {
            if tokens[index - 1].isCapitalized { return false }
            // Not when a body or a title follows: `Trưởng ban chỉ đạo Sở Y tế khẩn trương ...` is the verb.
            if index >= 2, tokens[index - 2].is(.truong), index + 2 < tokens.count,
               tokens[index + 2].isCapitalized && lexicon.organizationHeads.match(tokens, at: index + 2) == nil
                && lexicon.titleHeads.match(tokens, at: index + 2) == nil || tokens[index + 2].is(.phong) {
                return false
            }
        }
        // "Trưởng đoàn kiểm tra số 11 của Bộ Chính trị": the delegation's name, not the verb, when its number, `của`, a
        // body or the title's end follows.
        if index >= 2, tokens[index - 1].is(.doan), tokens[index - 2].is(.truong), token.is(.kiem), index + 1 < tokens.count, tokens[index + 1].is(.tra) {
            let next = index + 2
            if next >= tokens.count || !tokens[next].gap.isEmpty || tokens[next].is(.so) || tokens[next].is(.cua) || tokens[next].isCapitalized {
                return false
            }
        }
        // "Trưởng Ban Chỉ đạo tổng kết Nghị quyết 18", "Tiểu ban tổng kết": the board's name, not the verb.
        if token.is(.tong), index + 1 < tokens.count, tokens[index + 1].is(.ket), index >= 1,
           tokens[index - 1].is(.ban) || index >= 2 && tokens[index - 1].is(.dao) && tokens[index - 2].is(.chi) {
            return false
        }
        // "Chủ tịch Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh": the council's name, not the verb.
        if token.is(.phoi), index >= 1, index + 1 < tokens.count, tokens[index + 1].is(.hop),
           tokens[index - 1].is(.dong) || tokens[index - 1].is(.ban) || tokens[index - 1].is(.to) {
            return false
        }
        // "Chủ nhiệm Ủy ban kiểm tra Thành ủy": the committee's name, not the verb.
        if token.is(.kiem), index >= 1, tokens[index - 1].is(.ban), tokens[index - 1].gap.isEmpty, index + 1 < tokens.count, tokens[index + 1].is(.tra),
           index >= 2, tokens[index - 2].is(.uy) {
            return false
        }
        // "Ủy viên dự khuyết Trung ương Đảng": an alternate member, not one who attends.
        if token.is(.du), index > 0, tokens[index - 1].is(.vien), index + 1 < tokens.count, tokens[index + 1].is(.khuyet) { return false }
        // `Trưởng ban Tổ chức Tỉnh ủy đọc quyết định`, `... Quân ủy Trung ương Trung Quốc sang thăm`.
        if token.isMarkedVerbEndingTitle { return true }
        return lexicon.titleStops.match(tokens, at: index) != nil || lexicon.titleStops.contains(token)
    }
}
