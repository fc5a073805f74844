/// Whether someone named takes part: spoken of (`theo báo cáo của`, `thăm gia đình ông X`, relieved of a post), absent
/// (`vắng mặt`), or speaking (`X cho biết`).
extension Casting {
    /// What someone says or does at a meeting (`báo cáo`, `ý kiến`, `tham luận`, `kết luận`, `sự chứng kiến` ...), or their
    /// being there (`sự tham dự`), named before `của`.
    private enum ReportedWords {
        static let pairs: [(Word, Word)] = [(.bao, .cao), (.y, .kien), (.phat, .bieu), (.tham, .luan), (.de, .nghi), (.de, .xuat), (.kien, .nghi),
                                            (.trinh, .bay), (.ket, .luan), (.chia, .se), (.chung, .kien)]
        /// `với sự tham dự của`, `sự có mặt của`, `sự tham gia của`: there in person, after `sự`; not when missed, wished
        /// for or thanked for the past (`không có sự tham dự của`, `thiếu sự tham gia của`, `mong muốn có sự tham dự của`,
        /// `nhờ sự tham gia của`).
        static let presencePairs: [(Word, Word)] = [(.tham, .du), (.co, .mat), (.tham, .gia), (.hien, .dien)]
        static let notPresentCues: [Word] = [.khong, .chua, .thieu, .vang, .mong, .nho]
        /// Said at the meeting only when the sentence says it is (`Đó là khẳng định của ...`, `Đó là yêu cầu của ...`): after
        /// `như` or `theo` they cite what was said elsewhere (`Như khẳng định của Tổng Bí thư ...`).
        static let statedPairs: [(Word, Word)] = [(.khang, .dinh), (.nhan, .dinh), (.yeu, .cau)]
        /// Verbs that pass on what was said elsewhere (`quán triệt, triển khai bài phát biểu của ...`).
        static let relayPairs: [(Word, Word)] = [(.trien, .khai), (.quan, .triet), (.pho, .bien), (.hoc, .tap), (.truyen, .dat)]
    }

    /// A relaying verb before a speech at `index` (`triển khai bài phát biểu`): not conclusions given at this meeting
    /// (`triển khai kết luận của đồng chí X tại hội nghị này`).
    private func relaysWords(before index: Int, from sentenceStart: Int) -> Bool {
        var at = index - 1
        guard at >= sentenceStart, tokens[at].is(.bai), tokens[at].isLowercaseWord else { return false }
        at -= 1
        return at - 1 >= sentenceStart && tokens[at - 1].isLowercaseWord
            && ReportedWords.relayPairs.contains { tokens[at - 1].is($0.0) && tokens[at].is($0.1) }
    }

    /// "Ông Đinh Văn A vắng mặt tại buổi tiếp xúc", "bà B, Phó Chủ tịch UBND tỉnh, cũng vắng mặt", "ông C xin vắng mặt":
    /// named as absent.
    func isAbsent(_ person: PersonSpan) -> Bool {
        var index = person.titlesEnd
        let end = sentences[person.sentence].upperBound
        // In the same clause: `ông A, ông B; vắng mặt có bà C` says nothing of B.
        guard index < end, tokens[index].gap.isEmpty || tokens[index].gap.is(",") || tokens[index].gap.is("(") else { return false }
        var skipped = 0
        while index < end, skipped < 2, tokens[index].isLowercaseWord, tokens[index].isWord(.đã) || tokens[index].is(.cung) || tokens[index].is(.lai) || tokens[index].is(.xin) {
            index += 1
            skipped += 1
        }
        return index + 1 < end && (skipped == 0 || tokens[index].gap.isEmpty) && tokens[index].is(.vang) && tokens[index].isLowercaseWord
            && tokens[index + 1].is(.mat) && tokens[index + 1].gap.isEmpty
    }

    /// The mention follows `của` (of), an honorific aside, and not after what someone says there; or it names
    /// someone visited (`gia đình ông X`, `hộ bà X`, `thăm, tặng quà bà X`) rather than taking part.
    func isReferredTo(_ person: PersonSpan) -> Bool {
        isReferredTo(person, from: sentences[person.sentence].lowerBound)
    }

    /// ``isReferredTo(_:)`` for a mention in a sentence starting at `sentenceStart` (a caption's, say).
    func isReferredTo(_ person: PersonSpan, from sentenceStart: Int) -> Bool {
        var index = person.mentionStart - 1
        if index > sentenceStart, tokens[index].is(.chi), tokens[index - 1].is(.dong) { index -= 2 }
        if index >= sentenceStart, tokens[index].is(.ong) || tokens[index].is(.ba), tokens[index].isLowercaseWord { index -= 1 }
        let afterHonorific = index < person.mentionStart - 1
        // "Quyết định ... do Phó Thủ tướng X ký": who signed a document.
        let after = person.range.upperBound
        if index >= sentenceStart, tokens[index].is(.do), tokens[index].isLowercaseWord, after < tokens.count, tokens[after].is(.ky),
           tokens[after].isLowercaseWord, tokens[after].gap.isEmpty { return true }
        // "thăm gia đình ông Phan Hùng Mạnh", "hộ bà X", "thăm, tặng quà bà X", "động viên bà X": someone visited.
        if index > sentenceStart, tokens[index].is(.dinh), tokens[index - 1].is(.gia), tokens[index - 1].isLowercaseWord { return true }
        if index >= sentenceStart, tokens[index].isLowercaseWord, tokens[index].isWord(.hộ) || tokens[index].isWord(.thăm) { return true }
        // "bà X, phu nhân Bộ trưởng Bộ Ngoại giao Y": the spouse is named for the one there.
        let spouseFrom = max(sentenceStart, person.mentionStart - 2)
        if (spouseFrom..<max(spouseFrom, person.range.lowerBound - 1)).contains(where: {
            tokens[$0].is(.phu) && tokens[$0].isLowercaseWord && tokens[$0 + 1].is(.nhan) && tokens[$0 + 1].gap.isEmpty
        }) { return true }
        // "thay ông Nguyễn Văn A đã nhận công tác mới", "miễn nhiệm chức danh Phó Chủ tịch UBND tỉnh đối với ông X",
        // "cho thôi làm nhiệm vụ ... đối với bà Y": someone replaced or relieved of a post, named for that.
        if afterHonorific, index >= sentenceStart, tokens[index].isLowercaseWord {
            if tokens[index].isWord(.thay) { return true }
            if index > sentenceStart, tokens[index].is(.voi), tokens[index - 1].is(.doi), isRelieving(before: index - 1, from: sentenceStart) { return true }
        }
        // "miễn nhiệm chức danh ủy viên UBND tỉnh đối với các ông: A - ...; B - ...": each of the list after the colon.
        // Looked for within a list's reach before the name, so that a long sentence of names costs each a bounded walk.
        let reach = max(sentenceStart + 1, person.mentionStart - 256)
        if person.mentionStart > sentenceStart + 1,
           let colon = (reach...person.mentionStart).last(where: { tokens[$0].gap.starts(with: ":") }) {
            var at = colon - 1
            // `các ông, bà:`, `các đồng chí:`.
            if tokens[at].is(.ba), at - 1 > sentenceStart, tokens[at - 1].is(.ong), tokens[at].gap.starts(with: ",") { at -= 1 }
            if tokens[at].is(.chi), at - 1 > sentenceStart, tokens[at - 1].is(.dong), tokens[at].gap.isEmpty { at -= 1 }
            if tokens[at].is(.ong) || tokens[at].is(.ba) || tokens[at].is(.dong), tokens[at].isLowercaseWord, at - 1 > sentenceStart {
                if tokens[at - 1].is(.cac) { at -= 1 }
                if at - 2 >= sentenceStart, tokens[at - 1].is(.voi), tokens[at - 2].is(.doi), isRelieving(before: at - 2, from: sentenceStart) {
                    return true
                }
            }
        }
        if index > sentenceStart, tokens[index].isLowercaseWord,
           tokens[index - 1].is(.tang) && tokens[index].is(.qua) || tokens[index - 1].is(.dong) && tokens[index].is(.vien) { return true }
        // "dưới sự lãnh đạo của Đảng, đứng đầu là Tổng Bí thư X": the Party's head, named in a formula.
        if index - 2 >= sentenceStart, tokens[index].is(.la), tokens[index - 1].is(.dau), tokens[index - 2].is(.dung), tokens[index].isLowercaseWord {
            return true
        }
        guard index >= sentenceStart, tokens[index].is(.cua), tokens[index].isLowercaseWord, tokens[index + 1].gap.isEmpty else { return false }
        // "Theo báo cáo của PGS.TS Vũ Minh Châu": someone whose report or words at the meeting are given.
        // "đó là phát biểu chỉ đạo của đồng chí X": a speech that directs, said to be X's there (not `Như phát biểu chỉ đạo của
        // ...`, nor `Trọng tâm là phát biểu chỉ đạo của X tại Hội nghị Trung ương 11`, a speech elsewhere).
        let directing = index - 6 >= sentenceStart && tokens[index - 6].is(.do) && tokens[index - 5].is(.la)
            && tokens[index - 4].is(.phat) && tokens[index - 3].is(.bieu)
            && tokens[index - 2].is(.chi) && tokens[index - 1].is(.dao)
        // Not words passed on (`triển khai bài phát biểu của đồng chí Tổng Bí thư X`): said elsewhere.
        // "phát biểu chúc mừng của đồng chí X": a speech of congratulation given there.
        let congratulating = index - 4 >= sentenceStart && tokens[index - 4].is(.phat) && tokens[index - 3].is(.bieu)
            && tokens[index - 2].is(.chuc) && tokens[index - 1].is(.mung)
        // `sự tham gia chỉ đạo của`: there to direct.
        let directs = index - 5 >= sentenceStart && tokens[index - 2].is(.chi) && tokens[index - 1].is(.dao) && tokens[index - 1].gap.isEmpty
        let presence = directs ? index - 2 : index
        let present = presence - 3 >= sentenceStart && tokens[presence - 3].is(.su) && tokens[presence - 3].isLowercaseWord
            && ReportedWords.presencePairs.contains { tokens[presence - 2].is($0.0) && tokens[presence - 1].is($0.1) }
            && !(max(sentenceStart, presence - 6)..<(presence - 3)).contains { at in
                (tokens[at].isLowercaseWord || at == sentenceStart) && ReportedWords.notPresentCues.contains(where: tokens[at].is)
            }
        let spoken = directing || congratulating || present
            || index - 2 >= sentenceStart && ReportedWords.pairs.contains { tokens[index - 2].is($0.0) && tokens[index - 1].is($0.1) }
            && !relaysWords(before: index - 2, from: sentenceStart)
        let stated = index - 3 >= sentenceStart && tokens[index - 3].is(.la)
            && ReportedWords.statedPairs.contains { tokens[index - 2].is($0.0) && tokens[index - 1].is($0.1) }
        return !spoken && !stated
    }

    /// "nhận lẵng hoa chúc mừng của các đồng chí: A; B", "thư chúc mừng của X", "tưởng nhớ Tổng Bí thư Y": someone
    /// honoured from afar, named for their flowers, letter, memory or birthday: named right after the remembrance, or in the list
    /// that follows `của` after the gift (`lẵng hoa`, `thư khen`, `thư`/`điện`/`hoa chúc mừng`), nothing but honorifics,
    /// `các` and the list's earlier people between. Not `phát biểu chúc mừng của X` (a speech there), nor someone after
    /// a minute's silence (`Sau phút mặc niệm, đồng chí Z phát biểu`), nor who hands the flowers over or speaks after
    /// the gift is received (`Sau khi nhận lẵng hoa của Bộ Chính trị, Đại hội bầu ...`).
    func isHonouredFromAfar(_ position: Int) -> Bool {
        let person = people[position]
        let sentenceStart = sentences[person.sentence].lowerBound
        var before = person.mentionStart - 1
        if before > sentenceStart, tokens[before].is(.chi), tokens[before - 1].is(.dong), tokens[before].isLowercaseWord { before -= 2 }
        // Not a memorial's name (`Nhà tưởng niệm Bí thư Tỉnh ủy X`).
        if before > sentenceStart, tokens[before + 1].gap.isEmpty, tokens[before - 1].isLowercaseWord,
           before - 2 < sentenceStart || !tokens[before - 2].isCapitalized,
           tokens[before - 1].is(.tuong) && (tokens[before].is(.nho) || tokens[before].is(.niem))
            || tokens[before - 1].is(.tiec) && tokens[before].is(.thuong) {
            return true
        }
        // "kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ": the one whose birth is celebrated.
        if before > sentenceStart, tokens[before + 1].gap.isEmpty, tokens[before].is(.sinh), tokens[before].isLowercaseWord,
           tokens[before].gap.isEmpty, tokens[before - 1].is(.ngay) {
            return true
        }
        let end = sentences[person.sentence].upperBound
        if sendsGift(people, from: position, end: end) { return true }
        // A sender ends the sentence or the list goes on after it, not a verb (`..., đồng chí B, Bí thư Tỉnh ủy phát biểu`).
        if person.mentionEnd < end, tokens[person.mentionEnd].gap.isEmpty, !tokens[person.mentionEnd].is(.va) { return false }
        var start = person.mentionStart
        var earlier = position > people.startIndex && people[position - 1].sentence == person.sentence ? position - 1 : nil
        // A list of a hundred at most, as a record's participants are.
        for _ in 0..<RecordLimits.participants {
            var index = start - 1
            // The list's honorifics and plural: `các đồng chí:`, `ông`, `bà`.
            while index > sentenceStart, tokens[index].isLowercaseWord, isHonorific(before: index + 1) || tokens[index].is(.cac) {
                index -= tokens[index].is(.chi) && tokens[index - 1].is(.dong) ? 2 : 1
            }
            if index - 1 > sentenceStart, tokens[index].is(.cua), tokens[index].isLowercaseWord {
                let first = tokens[index - 2], second = tokens[index - 1]
                guard first.isLowercaseWord else { return false }
                return first.isWord(.lẵng) && second.is(.hoa) || first.is(.thu) && second.is(.khen)
                    || first.is(.chuc) && second.is(.mung) && index - 3 >= sentenceStart && tokens[index - 3].isLowercaseWord
                        && [Word.thu, .dien, .hoa].contains(where: tokens[index - 3].is)
            }
            // An earlier person of the same list: between the two only a separator or `và`.
            guard let found = earlier, people[found].mentionEnd == index + 1 || people[found].mentionEnd == index && tokens[index].is(.va)
            else { return false }
            start = people[found].mentionStart
            earlier = found > people.startIndex && people[found - 1].sentence == person.sentence ? found - 1 : nil
        }
        return false
    }

    /// "Tổng Bí thư A, Chủ tịch nước B gửi lẵng hoa chúc mừng Đại hội": the person, or the list they are in, sends
    /// flowers or a telegram of congratulation (``isCongratulatoryGift(at:end:)`` after `gửi`): sent, not brought (`tặng
    /// hoa` is handed over there). Only separators and `và` between the list's people, of `found` (the body's or a
    /// caption's).
    func sendsGift(_ found: [PersonSpan], from position: Int, end: Int) -> Bool {
        var current = position
        for _ in 0..<RecordLimits.participants {
            let after = found[current].mentionEnd
            guard after + 1 < end else { return false }
            if tokens[after].gap.isEmpty, tokens[after].is(.gui), tokens[after].isLowercaseWord {
                return isCongratulatoryGift(at: after + 1, end: end)
            }
            let next = current + 1
            guard next < found.endIndex, found[next].sentence == found[position].sentence,
                  found[next].mentionStart == after || found[next].mentionStart == after + 1 && tokens[after].is(.va)
            else { return false }
            current = next
        }
        return false
    }

    /// `lẵng hoa`, or `hoa`, `điện` then `chúc mừng`, at `index`: a congratulation sent from afar (a letter, `gửi thư chúc
    /// mừng`, may be read out by its sender there).
    private func isCongratulatoryGift(at index: Int, end: Int) -> Bool {
        guard index < end, tokens[index].isLowercaseWord, tokens[index].gap.isEmpty else { return false }
        if tokens[index].isWord(.lẵng) { return true }
        return index + 2 < end && (tokens[index].is(.hoa) || tokens[index].is(.dien)) && tokens[index + 1].is(.chuc) && tokens[index + 2].is(.mung)
    }

    /// `miễn nhiệm` or `thôi` (`cho thôi làm nhiệm vụ`, `thôi giữ chức`) in the clause that ends at the `đối với` at `end`:
    /// back to a semicolon, an earlier `đối với` or a `bầu` (`... đối với ông A và bầu bổ sung ... đối với ông B`: B is elected).
    private func isRelieving(before end: Int, from start: Int) -> Bool {
        var index = end - 1
        while index >= start {
            let token = tokens[index]
            if token.isWord(.thôi) || token.is(.mien) && index + 1 < end && tokens[index + 1].is(.nhiem) { return true }
            // Elected or appointed (`bổ nhiệm`) nearer the list: those are new posts, not posts left.
            if token.is(.bau) || token.is(.voi) && index > start && tokens[index - 1].is(.doi) || token.gap.starts(with: ";")
                || token.is(.bo) && index + 1 < end && tokens[index + 1].is(.nhiem) { return false }
            index -= 1
        }
        return false
    }

    /// The person is followed by a verb of speaking (`X cho biết`, `X cũng đề nghị`).
    func speaks(_ person: PersonSpan) -> Bool {
        let sentence = sentences[person.sentence]
        var index = max(person.titlesEnd, person.range.upperBound)
        var closedAside = false
        if index < sentence.upperBound, tokens[index].gap.starts(with: "(") {
            // "cử tri Đỗ Thị Cưỡng (xã Trung An) cho rằng": past a short aside in brackets.
            guard let close = (index + 1..<min(sentence.upperBound, index + 10)).first(where: { tokens[$0].gap.starts(with: ")") }) else { return false }
            index = close
            closedAside = tokens[close].gap.is(")")
        }
        var skipped = 0
        while index < sentence.upperBound, skipped < 3, Self.adverbs.contains(where: tokens[index].is) {
            index += 1
            skipped += 1
            closedAside = false
        }
        return index < sentence.upperBound && (tokens[index].gap.isEmpty || closedAside)
            && lexicon.speechCues.match(tokens, at: index, end: sentence.upperBound) != nil
    }

    private static let adverbs: [Word] = [.cung, .da, .thi, .lai, .con, .van, .tiep, .tuc]
}
