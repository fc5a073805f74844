import MeetingModel

/// Meeting kind, format, organisations, topics, figures and years, read from the body's sentences.
struct BodyFacts {
    let tokens: TokenizedText
    let sentences: [Range<Int>]
    let lexicon: Lexicon
    let layout: DocumentLayout

    /// The last word of a verb of holding or working just before `tại` (`làm việc tại`, `họp tại`, `diễn ra tại`, `tổ
    /// chức tại`).
    static let heldAtVerbs: [Word] = [.viec, .hop, .chuc, .ra]

    func format() -> MeetingRecord.MeetingFormat? {
        var hybrid = false, online = false, inPerson = false, explicitlyInPerson = false
        for sentence in sentences {
            var index = sentence.lowerBound
            while index < sentence.upperBound {
                defer { index += 1 }
                guard lexicon.formatCues.mayStart(tokens[index]) else { continue }
                if let length = lexicon.notFormatCues.match(tokens, at: index, end: sentence.upperBound) {
                    index += length - 1
                    continue
                }
                hybrid = hybrid || lexicon.hybridCues.match(tokens, at: index, end: sentence.upperBound) != nil
                online = online || lexicon.onlineCues.match(tokens, at: index, end: sentence.upperBound) != nil
                inPerson = inPerson || lexicon.inPersonCues.match(tokens, at: index, end: sentence.upperBound) != nil
                explicitlyInPerson = explicitlyInPerson || lexicon.explicitInPersonCues.match(tokens, at: index, end: sentence.upperBound) != nil
            }
        }
        if hybrid { return .hybrid }
        // "tổ chức trực tiếp tại Hội trường..., kết nối trực tuyến đến 12 điểm cầu": both at once. A venue alone
        // ("tổ chức tại trụ sở Chính phủ, kết nối trực tuyến với ...") is the online conference's central point.
        if online && explicitlyInPerson { return .hybrid }
        if online { return .online }
        if inPerson { return .inPerson }
        // "Làm việc tại Đồng Tháp", "họp tại tỉnh Bắc Kạn", "tiếp xúc cử tri tại xã Hy Cương": held at a named place, with
        // no link to other points; so is a place that leads the clause after the opening day ("Sáng 7/8, tại Hà Nội, ...").
        // Not a call (`điện đàm`), nor where a report's wording speaks of bridges (`26 đầu cầu`) without saying online.
        let lead = layout.lead
        if lead.contains(where: { sentence in sentence.contains { index in
            index + 1 < sentence.upperBound && (tokens[index].is(.dien) && tokens[index + 1].is(.dam) || tokens[index].is(.dau) && tokens[index + 1].is(.cau))
        } }) {
            return nil
        }
        for (number, sentence) in lead.enumerated() {
            let isHeadline = number == 0 && layout.headline != nil
            for index in sentence where index + 1 < sentence.upperBound && index > sentence.lowerBound && tokens[index].isWord(.tại)
                && tokens[index + 1].gap.isEmpty && namesPlace(at: index + 1, before: sentence.upperBound) {
                if tokens[index].gap.isEmpty && (heldAt(before: index, in: sentence) || visits(before: index, in: sentence)) {
                    return .inPerson
                }
                if !isHeadline, opensClause(at: index), opensWithDay(sentence, before: index) { return .inPerson }
            }
            if !isHeadline, sentence.contains(where: { comesToVisit(at: $0, in: sentence) }) { return .inPerson }
        }
        return nil
    }

    /// A comma just before `index`, after a bracket at most (`Sáng nay (20/9), tại ...`).
    private func opensClause(at index: Int) -> Bool {
        let gap = tokens[index].gap
        if gap.is(",") { return true }
        guard gap.count == 2, gap.starts(with: ")") else { return false }
        var at = tokens[index].offset - 1
        while at > 0, tokens.scalars[at] == " " { at -= 1 }
        return tokens.scalars[at] == ","
    }

    /// `đã sang thăm`, `đã tới chào xã giao`, `dẫn đầu đến chúc Tết`, `làm Trưởng đoàn, đã sang thăm, làm việc`: a delegation
    /// that came over in person, said by the verb of coming (`sang`, `đến`, `tới`) after `đã` or after the words that lead
    /// the delegation, and what it came for (`thăm`, `chúc Tết`, `chào xã giao`).
    private func comesToVisit(at index: Int, in sentence: Range<Int>) -> Bool {
        let token = tokens[index]
        guard token.isLowercaseWord, token.isWord(.sang) || token.isWord(.đến) || token.isWord(.tới),
              index - 2 >= sentence.lowerBound, index + 2 < sentence.upperBound, tokens[index + 1].gap.isEmpty else { return false }
        let previous = tokens[index - 1]
        let afterCue = previous.isLowercaseWord && previous.isWord(.đã) && token.gap.isEmpty
            || previous.is(.dau) && tokens[index - 2].is(.dan) || previous.is(.doan) && tokens[index - 2].is(.truong)
        guard afterCue else { return false }
        let next = tokens[index + 1], after = tokens[index + 2]
        return next.isLowercaseWord && (next.isWord(.thăm)
            || next.is(.chuc) && after.gap.isEmpty && after.is(.tet)
            || next.is(.chao) && after.gap.isEmpty && after.is(.xa) && index + 3 < sentence.upperBound && tokens[index + 3].is(.giao))
    }

    /// A place's name begins at `index`: a capitalised word that is not a document's (`tại Thông báo số 412/TB-VPCP`), or a
    /// unit's word and its name (`tỉnh Nghệ An`, `thành phố Vinh`, `xã Sơn Thủy`, `huyện Thường Xuân`).
    private func namesPlace(at index: Int, before end: Int) -> Bool {
        // "tại thực địa Km số 0 cửa khẩu quốc tế Hữu Nghị": on the ground at the place named next.
        if index + 2 < end, tokens[index].is(.thuc), tokens[index + 1].is(.dia), tokens[index].isLowercaseWord, tokens[index + 2].gap.isEmpty {
            return tokens[index + 2].isCapitalized
        }
        let token = tokens[index]
        if token.isUnitWord {
            let name = token.isWord(.thị) || token.isWord(.thành) ? index + 2 : index + 1
            return name < end && tokens[name].isCapitalized && !tokens[name].isNumber
        }
        guard token.isCapitalized, !token.isNumber else { return false }
        return !(index + 1 < end && Self.documentWords.contains { token.is($0.0) && tokens[index + 1].is($0.1) })
    }

    /// `Thông báo`, `Quyết định`, `Kết luận`, `Nghị quyết`, `Công văn`, `Kế hoạch`, `Báo cáo`, `Văn bản`, `Tờ trình`.
    private static let documentWords: [(Word, Word)] = [(.thong, .bao), (.quyet, .dinh), (.ket, .luan), (.nghi, .quyet), (.cong, .van),
                                                         (.ke, .hoach), (.bao, .cao), (.van, .ban), (.to, .trinh)]

    /// `làm việc tại`, `họp tại`, `tổ chức tại`, `diễn ra tại` (not `xảy ra tại`, where something happened).
    private func heldAt(before index: Int, in sentence: Range<Int>) -> Bool {
        let verb = tokens[index - 1]
        guard Self.heldAtVerbs.contains(where: verb.is) else { return false }
        return !verb.is(.ra) || index - 2 >= sentence.lowerBound && tokens[index - 2].is(.dien)
    }

    /// `tiếp xúc cử tri tại`, `giám sát tại`: a visit held where the `tại` at `index` says; `Tiễn đoàn (về nước) tại Cửa khẩu
    /// ...`: a send-off there.
    private func visits(before index: Int, in sentence: Range<Int>) -> Bool {
        func word(_ back: Int, is expected: Word) -> Bool { index - back >= sentence.lowerBound && tokens[index - back].is(expected) }
        let sendOff = index - sentence.lowerBound <= 4 && tokens[sentence.lowerBound].is(.tien) && tokens[sentence.lowerBound].isCapitalized
            && sentence.lowerBound + 1 < index && tokens[sentence.lowerBound + 1].is(.doan)
        return word(1, is: .tri) && word(2, is: .cu) && word(3, is: .xuc) || word(1, is: .sat) && word(2, is: .giam) || sendOff
    }

    /// The sentence opens with its day (`Sáng 7/8`, `Chiều ngày 9/3/2018`, `Ngày 31-8`, `Sáng nay (20/9)`), the `tại` at `index` just after.
    private func opensWithDay(_ sentence: Range<Int>, before index: Int) -> Bool {
        guard index - sentence.lowerBound <= 8 else { return false }
        return (sentence.lowerBound..<index).contains { at in
            guard at + 1 < index else { return false }
            // `Sáng nay (20/9)`, `Chiều qua`, `Hôm nay`: the day counted from the publication's.
            if tokens[at + 1].isLowercaseWord && (tokens[at + 1].is(.nay) || tokens[at + 1].is(.qua)) {
                return tokens[at].is(.sang) || tokens[at].is(.chieu) || tokens[at].is(.toi) || tokens[at].is(.trua) || tokens[at].is(.hom)
            }
            return tokens[at + 1].isNumber
                && (tokens[at].is(.sang) || tokens[at].is(.chieu) || tokens[at].is(.toi) || tokens[at].is(.trua) || tokens[at].is(.ngay))
        }
    }

    /// `các Bộ: Nội vụ, Quốc phòng, Văn hóa Thể thao và Du lịch`, `các ban Kinh tế-Ngân sách, Văn hoá-Xã hội HĐND tỉnh`: the
    /// capitalised names listed after a plural body's head (`các bộ`, `các sở`, `các ban`, `các ủy ban`) are bodies, whose
    /// words name no topic. The list ends at a lower-case word that is neither `và` nor the second syllable of a name, or
    /// at punctuation other than a comma or a dash.
    private func markBodiesListed(in sentence: Range<Int>, _ listed: inout [Bool]) {
        for head in sentence where tokens[head].is(.cac) && head + 2 < sentence.upperBound {
            var index = head + 1
            if tokens[index].is(.uy), tokens[index + 1].is(.ban) { index += 1 }
            guard tokens[index].is(.ban) || tokens[index].is(.bo) || tokens[index].is(.so) else { continue }
            index += 1
            guard tokens[index].isCapitalized, tokens[index].gap.isEmpty || tokens[index].gap.is(":") else { continue }
            let first = index
            while index < sentence.upperBound {
                let token = tokens[index]
                if index > first, !(token.gap.isEmpty || token.gap.is(",") || token.gap.isDash || token.gap.is("&")) { break }
                if token.isCapitalized {
                    listed[index] = true
                } else if token.is(.va), index + 1 < sentence.upperBound, tokens[index + 1].isCapitalized, tokens[index + 1].gap.isEmpty {
                    listed[index] = true
                } else if token.isLowercaseWord, token.gap.isEmpty, tokens[index - 1].isCapitalized {
                    listed[index] = true
                } else {
                    break
                }
                index += 1
            }
        }
    }

    /// `Phòng Văn hóa`, `Trung tâm Văn hóa`: the capitalised word at `index` goes on a body's name before it (not `Hội thảo
    /// Chuyển đổi số`, `Luật Giáo dục`, `Ngành Y tế`).
    private func continuesName(at index: Int, from start: Int) -> Bool {
        // Back over the capitalised words before it (and their lower-case syllables: `Kinh tế Hạ tầng`, `Bộ trưởng Giao
        // thông`) to where the name starts: a body's head (`Phòng`, `Trung tâm`, `Sở`, `Bộ`), not `Luật`, `Ngày`, `Ngành`.
        var first = index
        while index - first < 6, tokens[first].gap.isEmpty, followsCapitalisedWord(first, from: start) { first -= 1 }
        guard first < index else { return false }
        return (first..<index).contains { at in
            lexicon.organizationHeads.match(tokens, at: at, end: index) != nil || tokens[at].is(.phong) && tokens[at].isCapitalized
                || tokens[at].is(.trung) && at + 1 < index && tokens[at + 1].is(.tam)
        }
    }

    /// `Trung tâm văn hóa tỉnh`, `Sở y tế`: a topic's words right after a capitalised body's head that names no body
    /// alone (`Sở`, `Viện`, `Trung tâm`, `Học viện`; not `UBND TP sáp nhập`) name the body (a venue, say), as do the
    /// capitalised words after a lower-case `trường` (`trường Đại học Công nghiệp`).
    private func followsBodyHead(_ index: Int, from start: Int) -> Bool {
        // Not a head capitalised only because it opens the sentence (`Trung tâm du lịch của vùng là mục tiêu`).
        if index - 1 > start, tokens[index - 1].isCapitalized, tokens[index].gap.isEmpty,
           lexicon.organizationHeads.match(tokens, at: index - 1, end: index) == 1 {
            return true
        }
        if index - 2 > start, tokens[index - 2].isCapitalized, tokens[index].gap.isEmpty, tokens[index - 1].gap.isEmpty,
           tokens[index - 2].is(.trung) && tokens[index - 1].is(.tam) || tokens[index - 2].is(.hoc) && tokens[index - 1].is(.vien) {
            return true
        }
        guard tokens[index].isCapitalized else { return false }
        var first = index
        while first > start, index - first < 6, tokens[first].gap.isEmpty, followsCapitalisedWord(first, from: start) { first -= 1 }
        guard first > start, tokens[first - 1].spelling == Spelled.trường.rawValue, tokens[first].gap.isEmpty else { return false }
        // A school, not `thị trường`, `môi trường`, `hiện trường`, `quảng trường`, `công trường`, `chiến trường`...
        let compound = first - 2 >= start && tokens[first - 1].gap.isEmpty
            && [Word.thi, .moi, .hien, .quang, .cong, .chien, .nong, .lam].contains(where: tokens[first - 2].is)
        return !compound
    }

    /// `Kinh tế Hạ tầng`, `Bộ trưởng Giao thông`, `Ủy ban Thường vụ`: the word before `index` (from `start` on) is a
    /// capitalised one, or the lower-case syllable of one.
    func followsCapitalisedWord(_ index: Int, from start: Int) -> Bool {
        guard index > start else { return false }
        let previous = tokens[index - 1]
        return previous.isCapitalized || previous.isLowercaseWord && index - 1 > start && previous.gap.isEmpty && tokens[index - 2].isCapitalized
    }

    /// `XV`, `I`: a term's or an ordinal's Roman numeral.
    func isRomanNumeral(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isCapitalized, !token.isNumber else { return false }
        return (token.offset..<(token.offset + token.length)).allSatisfy { "IVXL".unicodeScalars.contains(tokens.scalars[$0]) }
    }

    /// The topics named in the body, in the lexicon's order. Not from a body's name or a person's title (`Sở Văn hóa,
    /// Thể thao và Du lịch`, `Trưởng ban Tuyên giáo và Dân vận`, `Phòng Kinh tế Hạ tầng`, `Trung tâm Văn hóa`), where a
    /// topic written in lower case is capitalised: in a body or title found, or in a capitalised name a body's head opens
    /// (``continuesName(at:from:)``). Nor from a person's titles in either case, the words right after a body's head
    /// (`Trung tâm văn hóa tỉnh`, ``followsBodyHead(_:from:)``) or a phrase that only uses its words (`đơn vị bầu cử`,
    /// `môi trường hòa bình`: the lexicon's `notTopics`). A sector capitalised elsewhere counts (`ngành Giáo dục`, `Luật
    /// Giáo dục`, `Hội thảo Chuyển đổi số`, `các lĩnh vực: Nông nghiệp, Du lịch`).
    func topics(outside organizations: [Range<Int>], people: [PersonSpan]) -> [String] {
        var named = [Bool](repeating: false, count: tokens.count)
        // In a person's titles, written in either case (`Trưởng ban Tuyên giáo và dân vận Tỉnh ủy`).
        var titled = named
        for span in organizations { for index in span { named[index] = true } }
        for sentence in sentences { markBodiesListed(in: sentence, &named) }
        for person in people { person.markTitles(&titled) }
        var found = [Bool](repeating: false, count: lexicon.topicNames.count)
        // The headline says what the meeting was about as well as the body does (`Họp trực tuyến về phòng, chống dịch Covid-19`).
        let headline = layout.headline.map { [$0] } ?? []
        for sentence in headline { markBodiesListed(in: sentence, &named) }
        for sentence in headline + sentences {
            var skippedUntil = sentence.lowerBound
            for index in sentence {
                if let length = lexicon.notTopics.match(tokens, at: index, end: sentence.upperBound) {
                    skippedUntil = max(skippedUntil, index + length)
                }
                guard index >= skippedUntil, let match = lexicon.topics.matchWithID(tokens, at: index, end: sentence.upperBound) else { continue }
                let topic = lexicon.topicOfPhrase[match.id]
                if lexicon.topicNames[topic].first?.isLowercase == true {
                    if titled[index] { continue }
                    if tokens[index].isCapitalized, named[index] || continuesName(at: index, from: sentence.lowerBound) { continue }
                    if followsBodyHead(index, from: sentence.lowerBound) { continue }
                }
                found[topic] = true
            }
        }
        return found.indices.filter { found[$0] }.map { lexicon.topicNames[$0] }
    }
}
