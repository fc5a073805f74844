/// Who chairs and who takes part, with the province each one's post belongs to.
struct Casting {
    let tokens: TokenizedText
    let sentences: [Range<Int>]
    let lexicon: Lexicon
    let people: [PersonSpan]
    let roles: ProvinceRoles
    /// The province the article is mainly about: the host, else the one its headline names, else the one it names most.
    let primaryProvince: Int?
    /// Per token, whether it lies inside a person's name.
    /// Whether each token is part of a person's name (a cue there is that name's word).
    let personTokens: [Bool]
    /// For each of `roles.provinces`, the last one up to it that no one's titles hold (`tỉnh X` in `Đoàn công tác tỉnh X
    /// có các đồng chí: A, Bí thư Thành ủy Y; B, ...`, not the `Y` of A's post), or -1.
    private let lastOutsideTitles: [Int]

    init(tokens: TokenizedText, sentences: [Range<Int>], lexicon: Lexicon, people: [PersonSpan], roles: ProvinceRoles, primaryProvince: Int?) {
        self.tokens = tokens
        self.sentences = sentences
        self.lexicon = lexicon
        self.people = people
        self.roles = roles
        self.primaryProvince = primaryProvince
        var personTokens = Array(repeating: false, count: tokens.count)
        var titleTokens = Array(repeating: false, count: tokens.count)
        for person in people {
            for index in person.range { personTokens[index] = true }
            person.markTitles(&titleTokens)
        }
        self.personTokens = personTokens
        var last = -1
        lastOutsideTitles = roles.provinces.enumerated().map { number, span in
            if !titleTokens[span.range.lowerBound] { last = number }
            return last
        }
    }

    /// Everyone named in full who takes part, once each, with the province of their post and the place they were at.
    func participants(chairs: [PersonSpan]) -> [(PersonSpan, Int?, String?)] {
        let chairRanges = Set(chairs.map(\.range.lowerBound))
        var result: [(PersonSpan, Int?, String?)] = []
        var names = NameIndex()
        var locations: [Int: String?] = [:]
        var quotes = QuoteTracker(tokens: tokens)
        for (position, person) in people.enumerated() {
            let sentence = sentences[person.sentence]
            // `ông X`, `đồng chí X`, or a delegate of a group listed (`và đại biểu X`).
            let honorific = person.range.lowerBound >= 1 && isHonorific(before: person.range.lowerBound)
                || isNamedAsDelegate(person.range.lowerBound, from: sentence.lowerBound)
            let isChair = chairRanges.contains(person.range.lowerBound)
            guard honorific || !person.titles.isEmpty || speaks(person) || isChair else { continue }
            // "chỉ đạo của đồng chí Tổng Bí thư Nguyễn Phú Trọng": someone whose words or visit are spoken of;
            // "“... Phó Thủ tướng Vũ Đức Đam đã yêu cầu ...”": someone named in a speaker's words.
            if !isChair, quotes.isQuoted(person.range.lowerBound) || isReferredTo(person) && !speaks(person) || isAbsent(person)
                || isHonouredFromAfar(position) { continue }
            let bridge = roles.bridgePoint(inSentence: person.sentence)
            // A diplomat's post (`Tổng Lãnh sự Lào tại TP Hồ Chí Minh`) is in no province of theirs.
            var province = person.provinceInTitles
            if province == nil {
                if person.titlesAreLocal {
                    switch side(of: person) {
                    case .province(let unit): province = unit
                    case .abroad: province = nil
                    case nil: province = bridge ?? primaryProvince
                    }
                } else if !person.titlesAreCentral && person.titles.isEmpty {
                    province = bridge
                }
            }
            var location: String?
            if bridge != nil {
                if let known = locations[person.sentence] {
                    location = known
                } else {
                    location = bridgePointLocation(in: sentence)
                    locations[person.sentence] = .some(location)
                }
            }
            if let existing = names.find(person) {
                Self.merge(person.titles, into: &result[existing].0.titles)
                // `Chủ tịch UBND tỉnh A` at a forum held elsewhere, then `Chủ tịch UBND tỉnh Phú Thọ A`: the province their
                // title names outweighs one a bare `tỉnh` was taken for.
                if result[existing].1 == nil || person.provinceInTitles != nil && result[existing].0.provinceInTitles == nil {
                    result[existing].1 = province
                    result[existing].0.titleProvinces = person.titleProvinces
                }
                continue
            }
            names.append(person.name)
            var kept = person
            if kept.titles.count > Self.titlesKept { kept.titles = Array(person.titles.prefix(Self.titlesKept)) }
            result.append((kept, province, location))
        }
        return result
    }

    /// The side a clause speaks for: a Vietnamese province, or a province abroad (`Đoàn đại biểu cấp cao tỉnh Hủa Phăn do đồng
    /// chí X, Bí thư Tỉnh ủy làm trưởng đoàn`), whose officials hold no post in one.
    enum Side {
        case province(Int)
        case abroad
    }

    /// The side a clause speaks for, named before someone in their sentence: `Về phía tỉnh Đồng Nai, dự có Chủ tịch UBND
    /// tỉnh X`, `Đoàn công tác của tỉnh Hậu Giang do ông X, Chủ tịch UBND tỉnh, làm Trưởng đoàn`, or a delegation of a
    /// province abroad (`tỉnh` and a capitalised name that is none of the gazetteer's) named after the last province
    /// mention. A bare `tỉnh` in X's title is that side's, not the host's.
    func side(of person: PersonSpan) -> Side? {
        let sentence = sentences[person.sentence]
        // The last mention ending before the person's, found by halving: a report of many people and provinces stays linear.
        let after = roles.provinces.partitioningIndex { $0.range.upperBound <= person.mentionStart }
        let last = after > 0 ? roles.provinces[after - 1] : nil
        // Looked for in the words just before the mention (`tỉnh Hủa Phăn (Cộng hòa Dân chủ Nhân dân Lào) do đồng chí`), so a
        // sentence of many names and no province is not read again for each.
        let from = max(sentence.lowerBound + 1, last?.range.upperBound ?? sentence.lowerBound, person.mentionStart - Self.delegationReach)
        if let abroad = (from..<max(from, person.mentionStart - 1)).last(where: { index in
            // `tỉnh Hủa Phăn`; `thành phố Asan (Hàn Quốc)`, its country in brackets (the gazetteer names no city, at home or abroad).
            let city = tokens[index].isWord(.thành) && tokens[index + 1].isWord(.phố)
            let name = tokens[index].isWord(.tỉnh) ? index + 1 : city ? index + 2 : nil
            guard let name, name < person.mentionStart, tokens[name].isCapitalized, tokens[name].gap.isEmpty, !personTokens[name] else { return false }
            return !city || (name + 1..<min(person.mentionStart, name + 4)).contains { tokens[$0].gap.has(.openingParenthesis) }
        }), opensDelegation(before: abroad, in: sentence) {
            return .abroad
        }
        // A list under its side (`Đoàn công tác tỉnh X có các đồng chí: A, Bí thư Thành ủy Y; B, Phó Chủ tịch UBND tỉnh`): the
        // side is named before the people, not by the province of an earlier one's post.
        let outside = after > 0 ? lastOutsideTitles[after - 1] : -1
        guard outside >= 0, case let span = roles.provinces[outside], sentence.contains(span.range.lowerBound) else { return nil }
        let unit = ProvinceRoles.unitWord(of: span, in: sentence, tokens: tokens) ?? span.range.lowerBound
        return opensDelegation(before: unit, in: sentence) ? .province(span.unit) : nil
    }

    /// How far before a mention a province abroad's delegation is looked for.
    private static let delegationReach = 24

    /// Whether the words before a unit's name (its unit word at `unit`) say whose side follows: `phía`, or `đoàn`, `đoàn công
    /// tác`, `đoàn đại biểu (cấp cao)`, each with or without `của`.
    private func opensDelegation(before unit: Int, in sentence: Range<Int>) -> Bool {
        var index = unit - 1
        guard index >= sentence.lowerBound else { return false }
        if tokens[index].is(.phia) { return true }
        if tokens[index].is(.cua) && tokens[index].isLowercaseWord { index -= 1 }
        if index - 1 >= sentence.lowerBound, tokens[index - 1].is(.cap) && tokens[index].is(.cao) { index -= 2 }
        if index - 1 >= sentence.lowerBound, tokens[index - 1].is(.cong) && tokens[index].is(.tac) || tokens[index - 1].is(.dai) && tokens[index].is(.bieu) {
            index -= 2
        }
        return index >= sentence.lowerBound && tokens[index].is(.doan)
    }

    /// Titles of another mention of someone, added to those kept: not one seen before, however capitalised (`Phó chủ
    /// tịch UBND tỉnh`, then `Phó Chủ tịch UBND tỉnh`); a fuller form of one replaces it (`Tổng cục trưởng`, then `Tổng cục
    /// trưởng Tổng cục Hải quan`).
    private static func merge(_ titles: [String], into kept: inout [String]) {
        for title in titles.prefix(titlesKept) where !kept.contains(where: { $0.startsWith(title) || $0.lowercased() == title.lowercased() }) {
            if let shorter = kept.firstIndex(where: { title.startsWith(word: $0) }) {
                kept[shorter] = title
            } else if kept.count < titlesKept {
                kept.append(title)
            }
        }
    }

    /// Titles kept per participant, above what a record shows (``RecordLimits/titles``) so that the record can
    /// say it cut some; bounded, as each title met again is compared with all those kept.
    private static let titlesKept = 4 * RecordLimits.titles

    /// The captions that show something happening at the meeting: someone speaking, chairing or doing what a photo
    /// shows (`tặng hoa`, `dự hội nghị`, `trao`), someone's presence (`với sự có mặt của`), or the meeting itself (`... phát
    /// biểu tại phiên họp`). A portrait's caption (`Chủ tịch UBND TP Y`) does not.
    func meetingCaptions(_ captions: [Range<Int>]) -> [Range<Int>] {
        captions.filter { caption in
            caption.contains { index in
                tokens[index].isLowercaseWord && (lexicon.speechCues.match(tokens, at: index, end: caption.upperBound) != nil
                    || lexicon.chairCues.match(tokens, at: index, end: caption.upperBound) != nil
                    || lexicon.photoActions.match(tokens, at: index, end: caption.upperBound) != nil
                    || lexicon.meetingKinds.match(tokens, at: index, end: caption.upperBound) != nil
                    || index >= caption.lowerBound + 2 && tokens[index - 2].is(.su) && tokens[index].gap.isEmpty
                        && (tokens[index - 1].is(.co) && tokens[index].is(.mat) || tokens[index - 1].is(.tham) && tokens[index].is(.du)))
            }
        }
    }

    /// "Phát biểu chỉ đạo của đồng chí X tại hội nghị": a caption's directing speech is given there, by X.
    private func givesDirectingSpeech(_ person: PersonSpan, from start: Int) -> Bool {
        var index = person.mentionStart - 1
        if index > start, tokens[index].is(.chi), tokens[index - 1].is(.dong) { index -= 2 } else if index >= start, tokens[index].is(.ong) || tokens[index].is(.ba) { index -= 1 }
        return index - 4 >= start && tokens[index].is(.cua) && tokens[index - 1].is(.dao) && tokens[index - 2].is(.chi)
            && tokens[index - 3].is(.bieu) && tokens[index - 4].is(.phat)
    }

    /// Participants the captions show with more titles than the body gives them, or fuller ones (`Thiếu tướng X` in the
    /// body, `Thiếu tướng X, Tư lệnh Cảnh sát biển` in a caption) take the caption's, when those hold all the body's
    /// (merged as another mention's, a caption's spelling of each title would come beside the body's).
    func withCaptionTitles(_ participants: [(PersonSpan, Int?, String?)], shown: [PersonSpan]) -> [(PersonSpan, Int?, String?)] {
        guard !shown.isEmpty else { return participants }
        var index = NameIndex()
        for person in shown { index.append(person.name) }
        return participants.map { participant in
            guard let match = index.find(participant.0) else { return participant }
            let titles = shown[match].titles
            // Each of the body's titles is among the caption's, as it is or more fully (`Chủ tịch UBND phường` and `Chủ tịch
            // UBND phường Tân Lập`), and the caption says more.
            let covers = participant.0.titles.allSatisfy { title in titles.contains { $0.isSameText(as: title) || $0.startsWith(word: title) } }
            let adds = titles.contains { title in !participant.0.titles.contains { $0.isSameText(as: title) } }
            guard covers, adds else { return participant }
            var person = participant.0
            person.titles = titles
            // `Chủ tịch UBND tỉnh A` in the body at a forum held elsewhere, `Chủ tịch UBND tỉnh Phú Thọ A` in a caption: the
            // province the caption's title names outweighs the one a bare `tỉnh` was taken for.
            guard participant.0.titleProvinces.isEmpty, let shownProvince = shown[match].provinceInTitles else {
                return (person, participant.1, participant.2)
            }
            person.titleProvinces = shown[match].titleProvinces
            return (person, shownProvince, participant.2)
        }
    }

    /// Someone named only for what is theirs (`bài phát biểu của đồng chí X` passed on, `gia đình ông Y`) is not shown
    /// there; someone without a title is when an honorific or `Đại biểu` names them (`Ông Lê Văn Sáu phát biểu`, `Đại biểu
    /// Nguyễn Thị Nhung phát biểu`), as a name alone may be a place or a misreading.
    func captionParticipants(_ found: [PersonSpan], in captions: [Range<Int>], after participants: [(PersonSpan, Int?, String?)])
        -> [(PersonSpan, Int?, String?)] {
        var result: [(PersonSpan, Int?, String?)] = []
        var known = NameIndex(), added = NameIndex()
        for participant in participants { known.append(participant.0.name) }
        for (position, person) in found.enumerated() where captions.indices.contains(person.sentence) {
            let start = captions[person.sentence].lowerBound
            // "Tổng Bí thư A, Chủ tịch nước B gửi lẵng hoa chúc mừng Đại hội" under a photo of the flowers.
            if sendsGift(found, from: position, end: captions[person.sentence].upperBound) { continue }
            let named = person.range.lowerBound
            let honoured = person.titles.isEmpty && named > start
                && (isHonorific(before: named) || isNamedAsDelegate(named, from: start))
            guard !person.titles.isEmpty || honoured, !isReferredTo(person, from: start) || givesDirectingSpeech(person, from: start) else { continue }
            guard known.find(person) == nil, added.find(person) == nil else { continue }
            added.append(person.name)
            result.append((person, person.provinceInTitles ?? (person.holdsForeignPost || !person.titlesAreLocal ? nil : primaryProvince), nil))
        }
        return result
    }

    /// Provinces whose participants speak (`ông X, Phó Chủ tịch UBND tỉnh, kiến nghị ...`).
    func speakingProvinces(_ participants: [(PersonSpan, Int?, String?)]) -> [Int] {
        // The last participant entry of a name with a province wins, as each person appears once. Searched in a row
        // among a report's few participants; past that, looked up in a table.
        let table: [[UInt8]: Int]? = participants.count > NameIndex.linearLimit
            ? participants.reduce(into: [:]) { table, entry in if let province = entry.1 { table[Array(entry.0.name.utf8)] = province } }
            : nil
        func provinceOf(_ name: String) -> Int? {
            if let table { return table[Array(name.utf8)] }
            return participants.last { $0.0.name.isSameText(as: name) && $0.1 != nil }?.1
        }
        var result: [Int] = []
        for person in people where speaks(person) {
            if let province = provinceOf(person.name), !result.contains(province) { result.append(province) }
        }
        return result
    }

    /// The first bridge point (of the first ``RecordLimits/locations``) whose name's words the sentence holds. Every
    /// such name starts with `điểm` (or `đầu`), so only those are tried.
    private func bridgePointLocation(in sentence: Range<Int>) -> String? {
        let starts = sentence.filter { tokens[$0].is(.diem) || tokens[$0].is(.dau) }
        guard !starts.isEmpty else { return nil }
        return roles.bridgePointLocations.prefix(RecordLimits.locations).first { location in
            guard let named = roles.bridgePointRanges[location] else { return false }
            return starts.contains { index in
                index + named.count <= sentence.upperBound && named.indices.allSatisfy { sameWord(index + $0 - named.lowerBound, $0) }
            }
        }
    }

    private func sameWord(_ first: Int, _ second: Int) -> Bool {
        tokens[first].word == tokens[second].word && (tokens[first].word != Vocabulary.unknown || tokens.folded(first) == tokens.folded(second))
    }

    /// `Đại biểu Nguyễn Thị Nhung phát biểu`, `và đại biểu Phan Văn A`: the name at `index` is a delegate's.
    func isNamedAsDelegate(_ index: Int, from start: Int) -> Bool {
        index - 2 >= start && tokens[index - 2].is(.dai) && tokens[index - 1].is(.bieu) && tokens[index - 1].gap.isEmpty
    }

    func isHonorific(before index: Int) -> Bool {
        let previous = tokens[index - 1]
        if previous.is(.ong) || previous.is(.ba) || previous.is(.anh) || previous.is(.chi) || previous.is(.ngai), !previous.isAllCaps,
           lexicon.honorifics.contains(previous) { return true }
        if previous.is(.chi), index >= 2, tokens[index - 2].is(.dong) { return true }
        if previous.is(.c), index >= 2, tokens[index - 2].is(.d), previous.gap.is("/") { return true }
        return false
    }
}
