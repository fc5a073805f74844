/// Finds people named in full (`Nguyễn Mạnh Cường`) and the titles written before or after the name.
struct PersonFinder {
    let lexicon: Lexicon

    /// `provinces` are dropped where they turn out to be part of a name (`Trương Hòa Bình`).
    func find(_ tokens: TokenizedText, sentences: [Range<Int>], provinces: inout [ProvinceSpan], blocked: [Range<Int>] = []) -> [PersonSpan] {
        let provinceAt = ProvinceIndex(provinces, blocked: blocked, tokenCount: tokens.count)
        var people: [PersonSpan] = []
        people.reserveCapacity(32)
        var swallowed: Set<Int> = []
        for (sentenceIndex, sentence) in sentences.enumerated() {
            var sharedTitle: (titles: [String], provinces: [Int], local: Bool, central: Bool)?
            /// How many more names a counted title (`Hai Phó Thủ tướng A và B`) goes to; nil for `các`, which says no number.
            var sharedLeft: Int?
            /// Titles before a plural colon, shared by the names of the list after it that carry their own; and what separates
            /// the list's items (a semicolon after commas ends the list).
            var colonList: (titles: [Range<Int>], separator: Character?)?
            var index = sentence.lowerBound
            while index < sentence.upperBound {
                guard tokens[index].isCapitalized, !provinceAt.isInside(index),
                      let nameRange = nameCandidate(tokens, at: index, end: sentence.upperBound, provinceAt: provinceAt) else {
                    index += 1
                    continue
                }
                for start in nameRange.dropFirst() where provinceAt[start] != nil { swallowed.insert(start) }
                if let province = provinceAt[nameRange.lowerBound], province.range.upperBound > nameRange.lowerBound + 1 {
                    swallowed.insert(nameRange.lowerBound)
                }
                var person = PersonSpan(
                    range: nameRange, name: tokens.joined(nameRange) { tokens[$0].gap.is("-") && !tokens[$0].gap.hasSpace ? "-" : " " }, titles: [], titleProvinces: [],
                    titlesAreLocal: false, titlesAreCentral: false, sentence: sentenceIndex, titlesEnd: nameRange.upperBound,
                    mentionStart: nameRange.lowerBound)
                let before = titlesBefore(tokens, nameStart: nameRange.lowerBound, sentenceStart: sentence.lowerBound, previous: people.last)
                    ?? titleClauseBeforeHonorific(tokens, nameStart: nameRange.lowerBound, sentenceStart: sentence.lowerBound, previous: people.last,
                                                  provinceAt: provinceAt)
                        .map { (range: $0, isShared: false) }
                if let before {
                    if !before.isShared {
                        let earlier = earlierTitles(tokens, before: before.range.lowerBound, sentenceStart: sentence.lowerBound, previous: people.last)
                        let opening = earlier.first?.lowerBound ?? before.range.lowerBound
                        let listed = listTitles(&colonList, opening: opening, tokens, sentenceStart: sentence.lowerBound, previous: people.last)
                        for chunk in listed { add(chunk, to: &person, tokens, provinceAt) }
                        // `các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Đại tá A - ...; B - ...`: the list's titles go on to
                        // the names after it that have none before them, past the first's rank.
                        // The person holds the list's titles alone so far.
                        if !listed.isEmpty {
                            sharedTitle = (person.titles, person.titleProvinces, person.titlesAreLocal, person.titlesAreCentral)
                            sharedLeft = nil
                        }
                        for chunk in earlier {
                            add(chunk, to: &person, tokens, provinceAt)
                            person.mentionStart = min(person.mentionStart, chunk.lowerBound)
                        }
                    }
                    if before.isShared {
                        // "nguyên Ủy viên Bộ Chính trị, nguyên Phó Thủ tướng: A, B": every title before the colon is shared.
                        for chunk in earlierTitles(tokens, before: before.range.lowerBound, sentenceStart: sentence.lowerBound, previous: people.last) {
                            add(chunk, to: &person, tokens, provinceAt)
                        }
                    }
                    add(before.range, to: &person, tokens, provinceAt)
                    if !before.isShared { person.mentionStart = min(person.mentionStart, before.range.lowerBound) }
                    // "các Phó Chủ tịch HĐND tỉnh A, B": a plural title goes to every name of the list after it.
                    let count = countBefore(tokens, before.range, sentenceStart: sentence.lowerBound)
                    if before.isShared || count != nil || isPlural(tokens, before.range, sentenceStart: sentence.lowerBound) {
                        sharedTitle = (person.titles, person.titleProvinces, person.titlesAreLocal, person.titlesAreCentral)
                        sharedLeft = count.map { $0 - 1 }
                    }
                } else if let shared = sharedTitle, sharedLeft.map({ $0 > 0 }) ?? true, let last = people.last, last.sentence == sentenceIndex,
                          last.titlesEnd == last.range.upperBound
                            || nameRange.lowerBound == last.titlesEnd && tokens[nameRange.lowerBound].gap.starts(with: ";")
                            || nameRange.lowerBound == last.titlesEnd && dashedItems(tokens, last, then: nameRange, end: sentence.upperBound),
                          tokens[nameRange.lowerBound].gap.starts(with: ",") || tokens[nameRange.lowerBound].gap.starts(with: ";")
                            || tokens[nameRange.lowerBound].gap.isDash || tokens[nameRange.lowerBound - 1].is(.va) {
                    sharedLeft = sharedLeft.map { $0 - 1 }
                    person.titles = shared.titles
                    person.titleProvinces = shared.provinces
                    person.titlesAreLocal = shared.local
                    person.titlesAreCentral = shared.central
                } else {
                    sharedTitle = nil
                }
                let after = titlesAfter(tokens, nameEnd: nameRange.upperBound, sentenceEnd: sentence.upperBound, provinceAt: provinceAt)
                for chunk in after { add(chunk, to: &person, tokens, provinceAt) }
                if after.isEmpty, let appointed = appointedTitle(tokens, nameEnd: nameRange.upperBound, sentenceEnd: sentence.upperBound) {
                    add(appointed, to: &person, tokens, provinceAt)
                }
                if let last = after.last {
                    person.titlesEnd = last.upperBound
                    // "Phó Bí thư Tỉnh ủy: A – Chủ tịch UBND tỉnh; B, C": the list, and its shared title, go on after a semicolon;
                    // after a comma, only to a next item written as this one is (`A - Phó Chủ tịch HĐND tỉnh, B - ...`).
                    let next = last.upperBound
                    let listGoesOn = next < sentence.upperBound && (tokens[next].gap.starts(with: ";")
                        || tokens[next].gap.starts(with: ",") && tokens[nameRange.upperBound].gap.isDash && startsDashedItem(tokens, at: next, end: sentence.upperBound))
                    if !listGoesOn { sharedTitle = nil }
                }
                people.append(person)
                index = max(nameRange.upperBound, person.titlesEnd)
            }
        }
        provinces.removeAll { swallowed.contains($0.range.lowerBound) }
        return people
    }

    /// `A - Phó Chủ tịch HĐND tỉnh, B - Trưởng Ban Dân vận`: `previous` and the name at `name` are items of one list
    /// written name, dash, titles, with a comma between.
    private func dashedItems(_ tokens: TokenizedText, _ previous: PersonSpan, then name: Range<Int>, end: Int) -> Bool {
        tokens[name.lowerBound].gap.starts(with: ",") && previous.range.upperBound < end && tokens[previous.range.upperBound].gap.isDash
            && name.upperBound < end && tokens[name.upperBound].gap.isDash
    }

    /// A name at `index` followed by a dash: the next item of a list written name, dash, titles.
    private func startsDashedItem(_ tokens: TokenizedText, at index: Int, end: Int) -> Bool {
        var after = index + 1
        while after < end, after - index < 5, tokens[after].gap.isEmpty, tokens[after].isCapitalized { after += 1 }
        return after < end && after - index >= 2 && tokens[after].gap.isDash && lexicon.isSurname(tokens, index)
    }

    /// The titles of a plural colon's list (``titlesBeforePluralColon``) that go to the person whose own titles start at
    /// `opening`: the list opens at its colon and goes on over the items right after it, separated as its second item is.
    private func listTitles(_ list: inout (titles: [Range<Int>], separator: Character?)?, opening: Int, _ tokens: TokenizedText,
                            sentenceStart: Int, previous: PersonSpan?) -> [Range<Int>] {
        let gap = tokens[opening].gap
        if let titles = titlesBeforePluralColon(tokens, colon: opening, sentenceStart: sentenceStart, previous: previous) {
            list = (titles, nil)
            return titles
        }
        // The next item starts where the last one's mention ends (`..., Thủ tướng B, cùng đại diện các sở, Giám đốc Sở C`: C
        // is not listed).
        let joined = previous.map { $0.mentionEnd == opening || $0.mentionEnd == opening - 1 && tokens[opening - 1].is(.va) } ?? false
        guard var open = list, opening > sentenceStart, joined,
              gap.starts(with: ",") || gap.starts(with: ";") || gap.isEmpty && tokens[opening - 1].is(.va) && tokens[opening - 1].isLowercaseWord else {
            list = nil
            return []
        }
        let separator: Character = gap.starts(with: ";") ? ";" : ","
        if open.separator == nil, !gap.isEmpty { open.separator = separator }
        guard !(separator == ";" && open.separator == ",") else {
            list = nil
            return []
        }
        list = open
        return open.titles
    }

    /// A surname followed by one to four capitalised words, with nothing but spaces between.
    private func nameCandidate(_ tokens: TokenizedText, at index: Int, end: Int, provinceAt: ProvinceIndex) -> Range<Int>? {
        let first = tokens[index]
        guard first.isCapitalized, !first.isAllCaps || first.length <= 1 else { return nil }
        let afterHonorific = index > 0 && (isHonorificWord(tokens, before: index) || isAfterIntroducer(tokens, at: index))
        if afterHonorific, let foreign = transliteratedName(tokens, at: index, end: end, provinceAt: provinceAt) { return foreign }
        guard lexicon.isSurname(tokens, index) || afterHonorific && index + 1 < end && isNameWord(tokens[index + 1]) else { return nil }
        if isPlaceName(tokens, at: index) { return nil }
        if lexicon.titleHeads.match(tokens, at: index, end: end) != nil || lexicon.organizationHeads.match(tokens, at: index, end: end) != nil {
            return nil
        }
        // `Trưởng Đoàn Kiểm tra số 892`: a title's own word that is also a surname.
        if index > 0, let head = lexicon.titleHeads.match(tokens, at: index - 1, end: end), head >= 2 { return nil }
        // `đường Trần Phú`, `Trường THPT Trần Quốc Toản` name a street or a school; `ông Trần Quốc Toản, Chủ tịch HĐND
        // tỉnh` is a person of the same name, and so is `Hà Lan Anh, TUV, Phó Chủ tịch`: a given name after a country's,
        // then a title (but `Đại sứ Thái Lan Trần Hùng` is a country's, then a person).
        if let length = lexicon.notNames.match(tokens, at: index, end: end), !afterHonorific {
            var after = index + length
            while after < end, after - index - length < 2, tokens[after].gap.isEmpty, isNameWord(tokens[after]), !lexicon.isSurname(tokens, after) {
                after += 1
            }
            if !titleFollows(tokens, at: after, end: end) { return nil }
        }
        if let province = provinceAt[index] {
            // "Lâm Đồng", "Hà Nội": the whole capitalised run is the province.
            let after = province.range.upperBound
            if after >= end || !isNameWord(tokens[after]) { return nil }
            if lexicon.isSurname(tokens, after) { return nil }
        }
        var last = index + 1
        while last < end, last - index < 5, isNameWord(tokens[last]) {
            // "... Nguyễn Thành Phong Sáng 15/6": a part of day before a date starts the next sentence.
            if DateFinder.partOfDay(tokens[last]) != nil, last + 1 < end, tokens[last + 1].isNumber { break }
            // "bà Trần Thị Lan Phường Hòa Bình": a place word, capitalised, begins where the person lives. Only spelled out:
            // without diacritics `Phuong` is a given name.
            if last - index >= 2, tokens[last].exactSpelling, Self.placeWords.contains(where: tokens[last].isWord) { break }
            // "Hoàng Minh Cường Phó Chủ tịch UBND thành phố", no comma between: a title whose words run on past the capitals
            // (`tịch`) begins after the name.
            if last - index >= 2, opensRunOnTitle(tokens, at: last, end: end) { break }
            last += 1
        }
        // "UBND TP Sầm Sơn Phạm Văn Tuấn": after a place word, a second surname starts the name; what precedes is the place.
        // So after `Đồng`, a surname that also opens places' names (`Thành ủy Đồng Hới Trần Phong`); but `Đồng Văn Hà Nam`,
        // `Đồng Thị Mai Anh` are whole names: after a middle name, only a whole name of three words makes a place of them
        // (`Huyện ủy Đồng Văn Hoàng Văn Sinh`).
        if index > 0, [Word.tp, .tx, .tinh, .huyen, .quan, .xa].contains(where: tokens[index - 1].is) || first.isWord(.đồng), last - index >= 4,
           tokens[index].gap.isEmpty || tokens[index].gap.is("."),
           let second = (index + 2..<(last - 1)).first(where: { lexicon.isSurname(tokens, $0) }),
           !(first.isWord(.đồng) && Self.middleNames.contains(where: tokens[index + 1].is) && last - second < 3) {
            return nameCandidate(tokens, at: second, end: end, provinceAt: provinceAt)
        }
        // "Phạm S." is an initial, not a full name.
        while last - index > 2, tokens[last - 1].length == 1 { last -= 1 }
        guard last - index >= 2, tokens[last - 1].length > 1 else { return nil }
        if lexicon.titleHeads.match(tokens, at: index + 1) != nil { return nil }
        return index..<last
    }

    /// A title of two words or more begins at `index` and runs on past the capitals (`Phó Chủ tịch`, `Ủy viên Trung ương
    /// Đảng`): written after a name with no comma between (`Hoàng Minh Cường Phó Chủ tịch UBND thành phố`), it is the name's
    /// title, not more of the name.
    func opensRunOnTitle(_ tokens: TokenizedText, at index: Int, end: Int) -> Bool {
        guard let length = lexicon.titleHeads.match(tokens, at: index, end: end), length >= 2 else { return false }
        return (index + 1..<index + length).contains { !isNameWord(tokens[$0]) }
    }

    /// The words of a commune, ward, district or hamlet, which no given name is (`Quận` is one: `Trần Đức Quận`).
    private static let placeWords: [Spelled] = [.xã, .phường, .huyện, .thôn, .ấp]

    /// The middle names most names have (`Văn`, `Thị`).
    private static let middleNames: [Word] = [.van, .thi]

    /// `Bí thư Tỉnh Đoàn Bình Thuận`, `Thành Đoàn Hà Nội`: the `Đoàn` at `index` is a unit's Youth Union, not a person's surname.
    func isUnitsYouthUnion(_ tokens: TokenizedText, at index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        return tokens[index].is(.doan) && tokens[index].gap.isEmpty && previous.isCapitalized && previous.isUnitWord
    }

    /// `huyện Thạch Thất`, `sông Bạch Đằng`: a place word just before; but `UBND huyện Lê Văn A` is a title and a name.
    func isPlaceName(_ tokens: TokenizedText, at index: Int) -> Bool {
        guard index > 0 else { return false }
        var classifierStart: Int?
        let previous = tokens[index - 1]
        if previous.is(.tp) && previous.isCapitalized && previous.length == 2 && (previous.isAllCaps || tokens.scalars[previous.offset + 1] == "p")
            || previous.is(.tx) && previous.isAllCaps, tokens[index].gap.isEmpty || tokens[index].gap.is(".") {
            // "TP.Sầm Sơn" is a town; "UBND TP Đỗ Thành Hưng" names the city's official (three words or more).
            var run = index
            while run < tokens.count, run - index < 3, isNameWord(tokens[run]) || run == index { run += 1 }
            if run - index >= 3 { return false }
            classifierStart = index - 1
        } else if !tokens[index].gap.isEmpty {
            return false
        }
        if index > 1, lexicon.placeClassifiers.match(tokens, at: index - 2, end: index) == 2 {
            classifierStart = index - 2
        } else if index > 1, tokens[index - 1].isWord(.phố), tokens[index - 2].isWord(.thành) {
            // "thành phố" is the city itself, a title word like "tỉnh" ("Chủ tịch UBND thành phố Trương Quang Vĩnh").
            classifierStart = index - 2
        } else if classifierStart == nil, tokens[index - 1].isLowercaseWord, lexicon.placeClassifiers.contains(tokens[index - 1]),
                  // `Ủy ban Tài chính - Ngân sách Phạm Đức Lâm`: a capitalised word's second syllable, not a hamlet's `sách`.
                  !(index > 1 && tokens[index - 2].isCapitalized && !tokens[index - 2].isAllCaps && tokens[index - 1].gap.isEmpty
                    && !Spelled.administrativeUnits.contains(where: tokens[index - 1].isWord)) {
            classifierStart = index - 1
        }
        // `Bí thư Huyện ủy Hà Trung, nhiệm kỳ ...`: a unit's Party committee, then its unit's name, of two words (as a ward's
        // after its body, below).
        if classifierStart == nil, index > 1, tokens[index - 1].is(.uy), tokens[index - 1].isLowercaseWord, tokens[index - 1].gap.isEmpty,
           tokens[index].gap.isEmpty, tokens[index - 2].isCapitalized, tokens[index - 2].isUnitWord {
            var run = index
            while run < tokens.count, run - index < 3, run == index || isNameWord(tokens[run]) { run += 1 }
            return run - index <= 2
        }
        guard let start = classifierStart else { return false }
        if Spelled.administrativeUnits.contains(where: tokens[start].isWord), start > 0,
           // `Trưởng đoàn đại biểu Quốc hội thành phố Bùi Thị A`: the delegation's city, then its head; but a ward's or a
           // commune's own name (`Đảng ủy phường Lê Thanh Nghị tổ chức ...`, `Bí thư Đảng ủy phường Nông Trang`): no title
           // before its body, or two words only.
           [Word.ubnd, .hdnd, .uy, .dan, .mttq, .ban, .tich, .thu, .doan, .hoi].contains(where: tokens[start - 1].is)
            // `Chủ tịch Ủy ban MTTQ Việt Nam thành phố Hồ Thị Thu Hà`: the Front's city or province, then its head (a ward or a
            // district keeps its name: `Ủy ban MTTQ Việt Nam phường Phạm Ngũ Lão`).
            || tokens[start - 1].is(.nam) && tokens[start - 1].isCapitalized && (tokens[start].isWord(.thành) || tokens[start].isWord(.tỉnh)) {
            var run = index
            while run < tokens.count, run - index < 5, run == index || isNameWord(tokens[run]) { run += 1 }
            let titled = (max(0, start - 7)..<start).contains { lexicon.titleHeads.match(tokens, at: $0, end: start) != nil }
            return !titled || run - index <= 2
        }
        // `Trưởng Ban chỉ đạo phòng, chống dịch Covid-19 huyện Đoàn Văn Thông`: a surname, `Văn` or `Thị` and one given name
        // after a title's unit word are a person (a district named so, `huyện Trần Văn Thời`, is among the lexicon's not-names).
        if Spelled.administrativeUnits.contains(where: tokens[start].isWord), index + 3 <= tokens.count, tokens[index + 1].gap.isEmpty,
           !tokens[index + 1].gap.hasNewline, !tokens[index + 2].gap.hasNewline,
           Self.middleNames.contains(where: tokens[index + 1].is), isNameWord(tokens[index + 1]), tokens[index + 2].gap.isEmpty,
           isNameWord(tokens[index + 2]), index + 3 == tokens.count || !tokens[index + 3].gap.isEmpty || !isNameWord(tokens[index + 3]),
           (max(0, start - 12)..<start).contains(where: { lexicon.titleHeads.match(tokens, at: $0, end: start) != nil }) {
            return false
        }
        return true
    }

    /// A rank or degree just before `index` (`Thượng tá`, `PGS.TS`).
    private func isAfterIntroducer(_ tokens: TokenizedText, at index: Int) -> Bool {
        guard tokens[index].gap.isEmpty else { return false }
        for length in 1...3 where index - length >= 0 {
            guard lexicon.nameIntroducers.match(tokens, at: index - length, end: index) == length else { continue }
            // Not inside a body's name: `Hội Nhà báo Việt Nam Nguyễn Đức Lợi` names the association, then the person.
            let start = index - length
            if start > 0, tokens[start - 1].isCapitalized, tokens[start].gap.isEmpty, !tokens[start].gap.hasNewline { continue }
            return true
        }
        return false
    }

    /// `đồng chí`, `ông`, `bà` just before `index`.
    func isHonorificWord(_ tokens: TokenizedText, before index: Int) -> Bool {
        guard tokens[index].gap.isEmpty else { return false }
        let previous = tokens[index - 1]
        // `Ngài` for a foreign dignitary (`Ngài Jigiee Sereejav, Đại sứ ...`).
        if previous.is(.ong) || previous.is(.ba) || previous.is(.ngai), !previous.isAllCaps, lexicon.honorifics.contains(previous) { return true }
        if previous.is(.chi), index >= 2, tokens[index - 2].is(.dong), previous.isLowercaseWord { return true }
        return false
    }

    /// `Bí thư Tỉnh ủy Hải Dương, ông Nguyễn Văn A`: a whole clause that is one title (it opens the sentence or follows
    /// punctuation, `có` or `và`, and starts with a capitalised title's head), then a comma and a lower-case honorific
    /// before the name.
    func titleClauseBeforeHonorific(_ tokens: TokenizedText, nameStart: Int, sentenceStart: Int, previous: PersonSpan?,
                                    provinceAt: ProvinceIndex) -> Range<Int>? {
        guard nameStart - 1 > sentenceStart, isHonorificWord(tokens, before: nameStart) else { return nil }
        let honorific = tokens[nameStart - 1].is(.chi) ? nameStart - 2 : nameStart - 1
        guard honorific > sentenceStart, tokens[honorific].gap.is(",") else { return nil }
        var start = honorific - 1
        /// `Dự có Chủ tịch UBND tỉnh X, ông A`, `... và Chủ tịch UBND tỉnh, ông B`: the clause begins after `có` or `và`.
        func afterListWord(_ index: Int) -> Bool {
            index > sentenceStart && tokens[index].gap.isEmpty && tokens[index - 1].isLowercaseWord && (tokens[index - 1].is(.co) || tokens[index - 1].is(.va))
        }
        while start > sentenceStart, honorific - start < 16, !afterListWord(start) {
            let gap = tokens[start].gap
            // `Bà Rịa - Vũng Tàu`, `TP. Hồ Chí Minh`: a province's name, or a city's abbreviation before it, goes on.
            guard gap.isEmpty || (gap.is(".") || gap.is("-")) && !gap.hasSpace || provinceAt.isInside(start)
                    || provinceAt[start] != nil && tokens[start - 1].is(.tp) else { break }
            start -= 1
        }
        guard start == sentenceStart || !tokens[start].gap.isEmpty || afterListWord(start), honorific - start < 16,
              !(previous.map { start < $0.titlesEnd } ?? false),
              tokens[start].isCapitalized, lexicon.titleHeads.match(tokens, at: start, end: honorific) != nil,
              !(start..<honorific).contains(where: { stopAt(tokens, $0) }) else { return nil }
        // One title, not a clause with a verb in it: no `với` (`làm việc với`), and no second title begun after a lower-case
        // word that ends no title of its own (`Chủ tịch UBND tỉnh gặp gỡ Tổng Giám đốc Tập đoàn X, ông Y`: not read, as
        // before; `Phó Chủ tịch Thường trực`, `Ủy viên Ban Thường vụ` are one title).
        func endsTitleHead(at end: Int) -> Bool {
            (max(start, end - 4)..<end).contains { lexicon.titleHeads.match(tokens, at: $0, end: end) == end - $0 }
        }
        let secondTitle = ((start + 1)..<honorific).contains { index in
            tokens[index].isLowercaseWord && tokens[index].is(.voi)
                || tokens[index].isCapitalized && tokens[index].gap.isEmpty && tokens[index - 1].isLowercaseWord
                && lexicon.titleHeads.match(tokens, at: index, end: honorific) != nil && !endsTitleHead(at: index)
        }
        return secondTitle ? nil : start..<honorific
    }

    /// `đồng chí Lếch-lay Sỉ-vi-lay`, `ông Kim Jung-taek`: a Lao or Korean name, its syllables joined by hyphens (in
    /// any case after one), after an honorific. Nil when no hyphen joins its words.
    ///
    /// A Vietnamese name written close against what follows (`ông Nguyễn Văn Đước-nguyên Giám đốc Sở`, `Hùng-nhà báo`,
    /// `Hoa-PCT UBND huyện`, `Nam-Cà Mau`) is not one: the name must end at punctuation or a verb, a joined word must not be an
    /// abbreviation, a body, a title or a province, and after a Vietnamese surname the hyphen comes by the second word.
    private func transliteratedName(_ tokens: TokenizedText, at index: Int, end: Int, provinceAt: ProvinceIndex) -> Range<Int>? {
        var last = index + 1
        var hyphens = 0
        var firstHyphen: Int?
        while last < end, last - index < 8, !tokens[last].gap.hasNewline, !tokens[last].isNumber {
            let token = tokens[last]
            // "Nguyễn Thành Tâm-Uỷ viên Trung ương Đảng": a dash before a title ends the name.
            if lexicon.titleHeads.match(tokens, at: last, end: end) != nil || lexicon.organizationHeads.match(tokens, at: last, end: end) != nil {
                break
            }
            if token.gap.is("-") && !token.gap.hasSpace {
                if token.isAllCaps && token.length > 1 || provinceAt[last] != nil { return nil }
                hyphens += 1
                if firstHyphen == nil { firstHyphen = last }
            } else if !isNameWord(token) {
                break
            }
            last += 1
        }
        // It ends at punctuation or before a verb (`ông Kim Min-seok kiến nghị`), not before any word (`Hùng-nhà báo`).
        guard hyphens > 0, let firstHyphen,
              last >= end || !tokens[last].gap.isEmpty || lexicon.titleStops.match(tokens, at: last, end: end) != nil
                || lexicon.speechCues.match(tokens, at: last, end: end) != nil else { return nil }
        if lexicon.isSurname(tokens, index), firstHyphen - index > 2 { return nil }
        return index..<last
    }

    func isNameWord(_ token: Token) -> Bool {
        token.isCapitalized && !token.isNumber && token.gap.isEmpty && !token.gap.hasNewline && (!token.isAllCaps || token.length == 1)
    }

}
