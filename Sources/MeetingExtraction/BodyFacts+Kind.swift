import MeetingModel

/// The meeting's kind (`Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 18`, `buổi làm việc`), read from the opening sentences.
extension BodyFacts {
    /// Words before a kind word that make it another meeting than the one reported (`trước kỳ họp`, `về Đại hội`).
    private static let anotherMeetingCues: [Word] = [.truoc, .ve, .cho, .sau]

    /// The meeting's own name: the first kind word in the opening sentences that names neither a venue (`Trung tâm
    /// Hội nghị tỉnh`) nor another meeting the text is about (`chuẩn bị Đại hội`, `trước kỳ họp`, `sau buổi tiếp xúc cử
    /// tri`, `Nghị quyết Đại hội`); on a working visit about such a meeting, or one that names no kind (`làm việc với`),
    /// `buổi làm việc`; a reception that names none (`X tiếp đoàn ...`), `buổi tiếp`.
    func meetingKind() -> String? {
        var workingVisit = false
        /// Where a working session is first named (`làm việc với`).
        var workedWithAt: Int?
        /// A trip (`chuyến công tác`) that frames the meeting or is its aim (`Tiếp tục chuyến công tác tại Nhật Bản, ... làm việc
        /// với Đại sứ quán`; `Để chuyến công tác ... thành công` after a reception): the kind only when the opening sentences
        /// name no reception or working session; the kinds named after it are the trip's other events or its plans.
        var trip: String?
        for sentence in sentences.prefix(6) {
            for index in sentence {
                // `Làm việc tại Đồng Tháp sáng 20/2, Bộ trưởng A ...`: a sentence that opens on the visit.
                if index + 1 < sentence.upperBound, tokens[index].is(.lam), tokens[index + 1].is(.viec),
                   tokens[index].isLowercaseWord || index == sentence.lowerBound && tokens[index].isCapitalized {
                    workingVisit = true
                    if workedWithAt == nil, namesWorkingSession(at: index, in: sentence) { workedWithAt = index }
                }
                guard trip == nil, let length = lexicon.meetingKinds.match(tokens, at: index, end: sentence.upperBound) else { continue }
                // `buổi tiếp` (a reception) alone: not `buổi tiếp theo`, `buổi tiếp tục`, `buổi tiếp sức` (a lower-case word after it
                // that is no honorific, nor the `các` of guests: `các ngài Đại sứ`, `các Đại sứ`).
                if length == 2, tokens[index].is(.buoi), tokens[index + 1].is(.tiep), index + 2 < sentence.upperBound, tokens[index + 2].gap.isEmpty,
                   tokens[index + 2].isLowercaseWord, lexicon.honorifics.match(tokens, at: index + 2, end: sentence.upperBound) == nil,
                   !(tokens[index + 2].isWord(.các) && ReceptionVerb.namesGuest(tokens, at: index + 2, in: sentence, lexicon: lexicon)) { continue }
                // "Trung tâm Hội nghị", "Cung Văn hóa": a venue's name.
                if index > sentence.lowerBound, tokens[index - 1].is(.tam) || tokens[index - 1].is(.cung) && tokens[index - 1].isCapitalized { continue }
                // "lễ khai mạc Hội thảo khoa học quốc tế": the meeting it opens or closes is named next.
                if length == 1, tokens[index].is(.le), index + 3 < sentence.upperBound, tokens[index + 1].is(.khai) || tokens[index + 1].is(.be),
                   tokens[index + 2].is(.mac), lexicon.meetingKinds.match(tokens, at: index + 3, end: sentence.upperBound) != nil { continue }
                // `sau buổi tiếp xúc cử tri`: the cue may stand before the meeting's classifier.
                var cue = index - 1
                if cue > sentence.lowerBound, tokens[cue].is(.buoi) || tokens[cue].is(.cuoc), tokens[cue].isLowercaseWord { cue -= 1 }
                // `Sau một buổi làm việc khẩn trương, ... Kỳ họp thứ Nhất đã hoàn thành`: how the meeting went, its kind named
                // after; `Sau` may open the sentence.
                let afterASession = cue > sentence.lowerBound && tokens[cue].is(.mot) && tokens[cue].isLowercaseWord && tokens[cue - 1].is(.sau)
                    && (tokens[cue - 1].isLowercaseWord || cue - 1 == sentence.lowerBound)
                if afterASession { continue }
                // `Nghị quyết (của) Đại hội XI Đảng bộ tỉnh`: a resolution of another meeting.
                let of = index > sentence.lowerBound && tokens[index - 1].is(.cua) && tokens[index - 1].isLowercaseWord ? index - 1 : index
                let resolution = of - 1 > sentence.lowerBound && tokens[of - 2].is(.nghi) && tokens[of - 1].is(.quyet)
                // "tiến tới Đại hội đại biểu toàn quốc": toward a meeting to come.
                let toward = index - 1 > sentence.lowerBound && tokens[index - 2].is(.tien) && tokens[index - 1].is(.toi)
                // "Trong khuôn khổ Diễn đàn ...": the event that frames the meeting reported.
                let frame = index - 2 >= sentence.lowerBound && tokens[index - 2].is(.khuon) && tokens[index - 1].is(.kho)
                // "trình Đại hội" (put to it), "chuẩn bị và tổ chức Đại hội", "Ban Chỉ đạo Đại hội", "Ban Tổ chức hội thảo" (its
                // steering or organising committee; but `Ban Chỉ đạo họp phiên thứ 8` is the committee meeting).
                let preparing = cue >= sentence.lowerBound && tokens[cue].is(.trinh) && tokens[cue].isLowercaseWord
                    || index - 4 >= sentence.lowerBound && tokens[index - 2].is(.to) && tokens[index - 1].is(.chuc) && tokens[index - 3].is(.va)
                        && tokens[index - 4].is(.bi)
                    || index - 3 >= sentence.lowerBound && tokens[index - 3].is(.ban) && !tokens[index].isMeetingVerb
                        && (tokens[index - 2].is(.chi) && tokens[index - 1].is(.dao) || tokens[index - 2].is(.to) && tokens[index - 1].is(.chuc))
                    // "các tiểu ban phục vụ hội thảo": serving a meeting to come.
                    || index - 2 >= sentence.lowerBound && tokens[index - 2].is(.phuc) && tokens[index - 1].is(.vu) && tokens[index - 1].isLowercaseWord
                    // "làm việc với Ban Thường vụ ... gắn với tổ chức đại hội đảng bộ các cấp": what the talks are about.
                    || index - 3 >= sentence.lowerBound && tokens[index - 3].is(.voi) && tokens[index - 3].isLowercaseWord
                        && tokens[index - 2].is(.to) && tokens[index - 1].is(.chuc) && tokens[index - 1].isLowercaseWord
                // `phối hợp tổ chức các hội nghị, hội thảo`: meetings in general, and the next of their list; but not those held
                // (`đã có các buổi tiếp xúc cử tri`).
                let plural = cue >= sentence.lowerBound && tokens[cue].is(.cac) && tokens[cue].isLowercaseWord
                    && !(cue > sentence.lowerBound && tokens[cue - 1].is(.co) && tokens[cue - 1].isLowercaseWord)
                let listedAfterPlural = tokens[index].gap.starts(with: ",")
                    && (max(sentence.lowerBound, index - 4)..<index).contains { tokens[$0].is(.cac) && tokens[$0].isLowercaseWord }
                    && (max(sentence.lowerBound, index - 4)..<index).allSatisfy { tokens[$0].isLowercaseWord }
                if cue >= sentence.lowerBound, Self.anotherMeetingCues.contains(where: tokens[cue].is) && tokens[cue].isLowercaseWord
                    || plural || listedAfterPlural
                    || index - 1 > sentence.lowerBound && tokens[index - 2].is(.chuan) && tokens[index - 1].is(.bi) || resolution || toward || frame || preparing {
                    if workingVisit { return "buổi làm việc" }
                    continue
                }
                if length == 3, tokens[index].is(.chuyen), tokens[index + 1].is(.cong), framesTrip(before: index, in: sentence) {
                    trip = layout.string(index..<(index + length))
                    continue
                }
                let end = kindEnd(from: index, length: length, in: sentence)
                // "Dự đại hội có ... Đại hội đại biểu Hội Nông dân tỉnh lần thứ X": a bare lower-case mention, then the
                // meeting's full name in the opening sentences.
                if end == index + length, tokens[index].isLowercaseWord, let fuller = fullerMention(of: index, length: length) { return fuller }
                return layout.string(index..<end)
            }
        }
        // `X tiếp đoàn ...` names no kind: a reception, unless a working session was named.
        let receivedAt = ReceptionVerb.cues(in: sentences.prefix(6), tokens, lexicon: lexicon).first?.cue
        // Around a trip, the reception or the working session named first: the other may be one of its plans.
        if trip != nil, let receivedAt, receivedAt < workedWithAt ?? .max { return "buổi tiếp" }
        if workedWithAt != nil { return "buổi làm việc" }
        return receivedAt != nil ? "buổi tiếp" : trip
    }

    /// `Tiếp tục`, `Trong`, `Nhân`, `Để` before a trip: the meeting is one of its events, or the trip its aim; so is a trip
    /// wished well (`chúc chuyến công tác ...`, `chúc Đoàn có chuyến công tác ... thành công`).
    private func framesTrip(before index: Int, in sentence: Range<Int>) -> Bool {
        guard index > sentence.lowerBound else { return false }
        let before = tokens[index - 1]
        if before.isWord(.trong) || before.isWord(.để) || before.isWord(.nhân) { return true }
        let wished = { (at: Int) in at >= sentence.lowerBound && self.tokens[at].isWord(.chúc) && self.tokens[at].isLowercaseWord }
        if wished(index - 1) || before.isWord(.có) && (wished(index - 3) || wished(index - 4)) { return true }
        return before.isWord(.tục) && index - 1 > sentence.lowerBound && tokens[index - 2].is(.tiep)
    }

    /// The same kind as the bare one at `index`, named capitalised and at more length later in the opening sentences.
    private func fullerMention(of index: Int, length: Int) -> String? {
        for sentence in sentences.prefix(6) where sentence.upperBound > index + length {
            for at in max(sentence.lowerBound, index + length)..<sentence.upperBound where tokens[at].isCapitalized {
                guard lexicon.meetingKinds.match(tokens, at: at, end: sentence.upperBound) == length,
                      (0..<length).allSatisfy({ tokens[at + $0].word == tokens[index + $0].word }) else { continue }
                // Longer by a name or a number, not by the prose's words (`Cuộc họp cũng ...`).
                let end = kindEnd(from: at, length: length, in: sentence)
                if (at + length..<end).contains(where: { tokens[$0].isCapitalized || tokens[$0].isNumber }) { return layout.string(at..<end) }
            }
        }
        return nil
    }

    /// Where the kind named at `index` ends: at punctuation, a stop word, a year, or ten words on; a lower-case kind also
    /// before a capitalised name; never on what joined it to the words cut off (`lễ ký kết chương trình hợp tác giữa tỉnh
    /// Cà Mau - Ninh Bình` is `lễ ký kết chương trình hợp tác`). A kind cut at its length goes on through its ordinal or period (`Đại hội đại biểu
    /// Đảng bộ tỉnh Phú Thọ lần thứ I`, `... 6 tháng đầu năm`).
    private func kindEnd(from index: Int, length: Int, in sentence: Range<Int>) -> Int {
        var end = index + length
        let headIsCapitalized = tokens[index].isCapitalized
        var inBody = false
        let wordLimit = 10
        while end < sentence.upperBound, end - index < wordLimit {
            let token = tokens[end]
            if !token.gap.isEmpty && !token.gap.is("-") && !token.gap.is(".") { break }
            // `lắng nghe` (listening to) names the meeting; `nghe` alone after it is the prose (`cuộc họp nghe ... báo cáo`).
            let listening = token.is(.nghe) && tokens[end - 1].is(.lang) && tokens[end - 1].isLowercaseWord
            // "kinh tế-xã hội": society, not a commune.
            let society = token.isWord(.xã) && end + 1 < sentence.upperBound && tokens[end + 1].is(.hoi) && tokens[end + 1].gap.isEmpty
            // "Đại hội đại biểu Hội Nông dân huyện Bắc Trà My": a capitalised kind that runs through a body's name goes on
            // through the body's district, commune or ward (a unit of one word) and its name.
            let bodysUnit = headIsCapitalized && Self.oneWordUnits.contains(where: token.isWord) && end + 1 < sentence.upperBound
                && tokens[end + 1].gap.isEmpty && tokens[end + 1].isCapitalized && tokens[(index + length)..<end].contains(where: \.isCapitalized)
            if token.isLowercaseWord, !listening, !society, !bodysUnit, !continuesBodyName(at: end),
               lexicon.kindStops.contains(token) || lexicon.kindStops.match(tokens, at: end, end: sentence.upperBound) != nil { break }
            // "buổi làm việc giữa Hiệp hội Doanh nghiệp tỉnh Hòa Bình và ...": the parties `giữa` names are not a lower-case
            // kind's name, a body's no more than a province's (`giữa hai tỉnh`, no one named, is).
            if !headIsCapitalized, token.isWord(.giữa), token.isLowercaseWord, end + 1 < sentence.upperBound, tokens[end + 1].isCapitalized { break }
            // "buổi tiếp xã giao bà Deirdre Ní Fhallúin": an honorific before a name ends a lower-case kind; a capitalised
            // one only before a Vietnamese name (not `Hội nghị biểu dương anh Bộ đội Cụ Hồ`, `Lễ hội đền bà Chúa Kho`).
            if token.isLowercaseWord, let honorific = lexicon.honorifics.match(tokens, at: end, end: sentence.upperBound),
               end + honorific < sentence.upperBound,
               headIsCapitalized ? lexicon.isSurname(tokens, end + honorific) : tokens[end + honorific].isCapitalized { break }
            // "quý II", "khóa XV": a Roman numeral is part of a lower-case kind's name; so is a body's, whole (`phiên họp
            // Chính phủ thường kỳ`, `phiên họp thứ 55 Ủy ban Thường vụ Quốc hội`).
            if token.isCapitalized && !headIsCapitalized && !isRomanNumeral(end) && !isSpelledOrdinal(end) {
                if lexicon.organizationHeads.match(tokens, at: end, end: sentence.upperBound) != nil {
                    inBody = true
                } else if !(inBody && followsCapitalisedWord(end, from: index + 1)) {
                    break
                }
            }
            if token.isNumber && token.length == 4 && end > index + length {
                // "Hội nghị tổng kết công tác năm 2025", "... tháng 6 năm 2025": the year its `năm` introduces is the kind's
                // period; "... lần thứ I nhiệm kỳ 2025 - 2030": not on the term's words without its years.
                if tokens[end - 1].isWord(.năm), tokens[end - 1].isLowercaseWord {
                    end += 1
                } else if end - 2 > index + length, tokens[end - 1].is(.ky), tokens[end - 2].is(.nhiem) {
                    end -= 2
                }
                break
            }
            // "tiếp xúc cử tri 11 phường": a count of what follows, not the kind's number (`6 tháng` is its period).
            // Only a count of places smaller than a province (`hội nghị giao ban 3 tỉnh` names the meeting).
            if token.isNumber, end + 1 < sentence.upperBound, tokens[end + 1].gap.isEmpty, !tokens[end - 1].is(.pho),
               Spelled.smallUnits.contains(where: tokens[end + 1].isWord) { break }
            end += 1
        }
        // Stopped at a comma that joins its fields (``fieldsBeforePeriod(from:in:)``), whether or not at its length.
        if end < sentence.upperBound, tokens[end].gap.is(","), let period = fieldsBeforePeriod(from: end, in: sentence) { return period }
        if end - index >= wordLimit {
            end = throughOrdinalOrPeriod(from: end, in: sentence)
            // Nor a year cut from its `năm` (`... Cảnh sát biển năm 2025`).
            if end < sentence.upperBound, tokens[end].gap.isEmpty, tokens[end].hasDigits(4), tokens[end - 1].isWord(.năm),
               tokens[end - 1].isLowercaseWord { end += 1 }
            // Nor a place's name cut in two (`... Đảng bộ thành phố Đà Nẵng`, `... Thành phố Hồ Chí Minh`).
            if end < sentence.upperBound, tokens[end].gap.isEmpty, tokens[end - 1].isWord(.thành), tokens[end].isWord(.phố) { end += 1 }
            // Nor cut just before the place it names (`Hội thảo khoa học xác định thời điểm thành lập tỉnh Tuyên Quang`).
            if end + 1 < sentence.upperBound, tokens[end].gap.isEmpty, tokens[end].isLowercaseWord, Self.placeUnitWords.contains(where: tokens[end].isWord),
               tokens[end + 1].gap.isEmpty, tokens[end + 1].isCapitalized { end += 1 }
            // Not a partner's after `giữa` (`giữa tỉnh A và tỉnh B`): that is cut off whole below.
            let atUnit = (Self.placeUnitWords.contains(where: tokens[end - 1].isWord) || tokens[end - 1].is(.tp))
                && !tokens[max(index, end - 3)..<end].contains { $0.isWord(.giữa) }
            if atUnit || tokens[end - 1].isCapitalized && end - 1 > index + length {
                // Its capitalised words and their lower-case syllables (`... Ngày Báo chí Cách mạng Việt Nam`).
                var more = 0
                while end < sentence.upperBound, more < 6, tokens[end].gap.isEmpty, !isRomanNumeral(end),
                      tokens[end].isCapitalized || tokens[end].isLowercaseWord && tokens[end - 1].isCapitalized && !tokens[end - 1].isAllCaps
                        && !isRomanNumeral(end - 1) && end + 1 < sentence.upperBound && tokens[end + 1].gap.isEmpty
                        && tokens[end + 1].isCapitalized && !isRomanNumeral(end + 1) {
                    end += 1
                    more += 1
                }
                // And then its ordinal (`Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII`).
                if more > 0 { end = throughOrdinalOrPeriod(from: end, in: sentence) }
            }
        }
        // No kind ends on an ordinal's words without the number (`... lần thứ`), on a plural (`tiếp xúc cử tri các xã`), nor,
        // where it was cut short of a name, on what joins it to the name (`... giữa tỉnh Cà Mau`; `hội nghị giao ban giữa
        // hai tỉnh.` is whole).
        while end > index + length, tokens[end - 1].isLowercaseWord,
              tokens[end - 1].isWord(.lần) || tokens[end - 1].isWord(.thứ) || tokens[end - 1].isWord(.các) { end -= 1 }
        guard end < sentence.upperBound, tokens[end].gap.isEmpty else { return end }
        var cut = end
        while cut > index + length, tokens[cut - 1].isLowercaseWord || tokens[cut - 1].isNumber,
              Self.kindUnitWords.contains(where: tokens[cut - 1].isWord) || tokens[cut - 1].isNumber && tokens[cut - 1].length == 1 {
            cut -= 1
        }
        if cut > index + length, tokens[cut - 1].isLowercaseWord,
           tokens[cut - 1].isWord(.giữa) || tokens[cut - 1].isWord(.tại) || [Word.cua, .voi, .va, .cho, .ve].contains(where: tokens[cut - 1].is) {
            end = cut - 1
        }
        return end
    }

    /// `công tác quân sự, quốc phòng địa phương năm 2025`: the comma before `index` joins the fields of the kind's name,
    /// which goes on in words alone (commas between) to its year within five words (not `hội nghị giao ban, lãnh đạo
    /// tỉnh nhấn mạnh mục tiêu năm 2025`); where the name ends, after the year.
    private func fieldsBeforePeriod(from index: Int, in sentence: Range<Int>) -> Int? {
        // A field's word on both sides (not `Kỳ họp thứ 7, kỳ họp thường lệ`, `buổi làm việc, Chủ tịch Quốc hội ...`).
        guard index > sentence.lowerBound, tokens[index - 1].isLowercaseWord, tokens[index].isLowercaseWord else { return nil }
        var at = index
        while at + 1 < sentence.upperBound, at - index < 6 {
            let token = tokens[at]
            guard at == index || token.gap.isEmpty || token.gap.is(","), !token.isNumber else { return nil }
            if token.isLowercaseWord, lexicon.kindStops.contains(token) { return nil }
            if lexicon.meetingKinds.match(tokens, at: at, end: sentence.upperBound) != nil { return nil }
            if token.isWord(.năm), token.isLowercaseWord, tokens[at + 1].hasDigits(4), tokens[at + 1].gap.isEmpty { return at > index ? at + 2 : nil }
            at += 1
        }
        return nil
    }

    /// `Đảng bộ xã`, `HĐND huyện`, `Ban Thường trực`: the stop word at `index` (a place's unit, `trực`) is part of the
    /// body's name the kind holds, not where the kind ends (`tiếp xúc cử tri xã`, `hội nghị trực tuyến`).
    private func continuesBodyName(at index: Int) -> Bool {
        guard index >= 2 else { return false }
        let token = tokens[index], previous = tokens[index - 1]
        // "Hội nghị trực tuyến triển khai ...": the online conference's name (not `trực tiếp`, how it is held).
        if token.is(.truc), index + 1 < tokens.count, tokens[index + 1].is(.tuyen), tokens[index + 1].gap.isEmpty { return true }
        if token.is(.truc) { return previous.is(.thuong) && previous.isCapitalized }
        guard Spelled.administrativeUnits.contains(where: token.isWord) else { return false }
        return previous.is(.bo) && tokens[index - 2].is(.dang) || previous.is(.hdnd) || previous.is(.ubnd)
            || previous.is(.dan) && tokens[index - 2].is(.nhan) && previous.isCapitalized
    }

    /// Words that name the units a kind joins to a name after them (`giữa hai tỉnh`, `của các huyện`).
    private static let kindUnitWords: [Spelled] = placeUnitWords + [.hai, .ba, .các]
    /// The units named in one word (`huyện`, `xã`, `phường`, `quận`).
    private static let oneWordUnits: [Spelled] = [.huyện, .xã, .phường, .quận]
    /// Words that name a place by its unit (`tỉnh`, `thành phố`, `huyện`, `xã`).
    private static let placeUnitWords: [Spelled] = [.tỉnh, .thành, .phố, .huyện, .xã]

    /// The words of an ordinal spelled out (`nhất`, `Ba`, `Mười`).
    private static let spelledOrdinals: [Word] = [.nhat, .mot, .hai, .ba, .tu, .nam, .sau, .bay, .tam, .chin, .muoi]

    /// `kỳ họp thứ Ba`, `lần thứ nhất`, `thứ Mười Một`: an ordinal spelled out after `thứ`.
    private func isSpelledOrdinal(_ index: Int) -> Bool {
        guard index > 0, tokens[index].gap.isEmpty, !tokens[index].isNumber,
              Self.spelledOrdinals.contains(where: tokens[index].is) else { return false }
        // `thứ Mười Một`: the units after the tens.
        return tokens[index - 1].isWord(.thứ) || index > 1 && tokens[index - 1].is(.muoi) && tokens[index - 2].isWord(.thứ)
    }

    /// Where a kind cut at `end` ends once it goes on through the ordinal or period right after it, if a whole one is
    /// there: a number (`lần thứ 13`) or `đầu năm`, never a bare `lần` or `năm` before a year.
    private func throughOrdinalOrPeriod(from end: Int, in sentence: Range<Int>) -> Int {
        var further = end
        while further < sentence.upperBound, further - end < 4, tokens[further].gap.isEmpty, isOrdinalOrPeriod(further) { further += 1 }
        while further > end, !endsOrdinalOrPeriod(further - 1) { further -= 1 }
        return further
    }

    /// `lần thứ I`, `lần thứ 18`, `6 tháng đầu năm`: the words of a kind's ordinal or period.
    private func isOrdinalOrPeriod(_ index: Int) -> Bool {
        let token = tokens[index]
        return isRomanNumeral(index) || token.isNumber && token.length <= 2
            || token.isLowercaseWord && [Spelled.lần, .thứ, .đầu, .cuối, .năm, .tháng].contains(where: token.isWord)
    }

    /// An ordinal's number (`lần thứ 13`, `khóa XV`), a month (`tháng 6`) or `đầu năm`: not a bare count (`... trật tự 3 tỉnh`).
    private func endsOrdinalOrPeriod(_ index: Int) -> Bool {
        let token = tokens[index]
        let afterOrdinalWord = index > 0 && (tokens[index - 1].isWord(.thứ) || tokens[index - 1].isWord(.lần) || tokens[index - 1].isWord(.khóa))
        let month = index > 0 && tokens[index - 1].isWord(.tháng) && token.isNumber && (1...12).contains(token.value)
        return (isRomanNumeral(index) || token.isNumber || isSpelledOrdinal(index)) && afterOrdinalWord || month
            || token.isWord(.năm) && index > 0 && (tokens[index - 1].isWord(.đầu) || tokens[index - 1].isWord(.cuối))
    }

    /// `buổi làm việc`, `làm việc với UBND tỉnh`, `làm việc tại tỉnh Đồng Tháp`: the `làm việc` at `index` is a working
    /// session with a body or a place named after it; not employment (`đang làm việc tại Hàn Quốc`), a request (`yêu cầu
    /// các sở làm việc với ...`, `đề nghị ...`) or a sitting (`làm việc tại hội trường`).
    private func namesWorkingSession(at index: Int, in sentence: Range<Int>) -> Bool {
        if index > sentence.lowerBound, tokens[index - 1].is(.buoi) || tokens[index - 1].is(.cuoc), tokens[index - 1].isLowercaseWord { return true }
        guard index + 3 < sentence.upperBound, tokens[index + 2].is(.voi) || tokens[index + 2].isWord(.tại) else { return false }
        // "làm việc với lãnh đạo tỉnh Quảng Nam": with a body's or a place's leaders.
        var at = index + 3
        if at + 2 < sentence.upperBound, tokens[at].is(.lanh), tokens[at + 1].is(.dao), tokens[at].isLowercaseWord { at += 2 }
        let named = tokens[at]
        let namesBodyOrPlace = named.isCapitalized
            || named.isUnitWord && at + 1 < sentence.upperBound
            && tokens[at + 1].isCapitalized
        let before = max(sentence.lowerBound, index - 5)..<index
        // "nhân chuyến thăm và làm việc tại Việt Nam": the occasion of what is reported (a reception), the guests' trip; its
        // words run to `làm việc` in lower case (not `nhân chuyến thăm, Đoàn làm việc với ...`).
        let occasion = before.contains { at in
            at + 1 < index && tokens[at].is(.nhan) && tokens[at].isLowercaseWord && tokens[at + 1].isWord(.chuyến)
                && (at + 2..<index).allSatisfy { tokens[$0].isLowercaseWord && tokens[$0].gap.isEmpty }
        }
        if occasion { return false }
        let employedOrAsked = index > sentence.lowerBound && tokens[index - 1].is(.dang) && tokens[index - 1].isLowercaseWord
            || before.contains { at in
                at + 1 < index && (tokens[at].is(.yeu) && tokens[at + 1].is(.cau) || tokens[at].is(.de) && tokens[at + 1].is(.nghi))
            }
        return namesBodyOrPlace && !employedOrAsked
    }
}
