/// Who takes part: provinces that convene, meet voters, visit, speak, or are only spoken of.
extension ProvinceRoles {
    /// "Tỉnh Hà Tĩnh phối hợp với Bộ Kế hoạch và Đầu tư tổ chức Hội nghị", "UBND tỉnh A cùng UBND tỉnh B họp báo": the
    /// province convenes (or meets) with a partner named between (capitalised words, the syllables completing them and
    /// `và` before a capital; no punctuation). Not a task given to it (`phối hợp với Bộ Nội vụ sắp xếp tổ chức bộ máy`).
    static func convenesWithPartner(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        let start = span.range.upperBound
        // `phối hợp với`, `cùng với`, `cùng` (spelled so: `cũng` is "also", and both are `cung` without marks).
        let opener: Int
        if start + 4 < sentence.upperBound, opensPartnership(at: start, in: sentence, tokens: tokens) {
            opener = 3
        } else if start + 2 < sentence.upperBound, tokens[start].isWord(.cùng), tokens[start].exactSpelling, tokens[start].isLowercaseWord {
            opener = tokens[start + 1].is(.voi) && tokens[start + 1].isLowercaseWord ? 2 : 1
        } else {
            return false
        }
        guard start + opener + 1 < sentence.upperBound, tokens[start + opener].isCapitalized,
              opener == 3 || tokens[start..<(start + opener + 1)].allSatisfy(\.gap.isEmpty) else { return false }
        return partners(from: start + opener, in: sentence, tokens: tokens) != nil
    }

    /// `phối hợp với` at `index`, in lower case.
    static func opensPartnership(at index: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        index + 2 < sentence.upperBound && tokens[index].is(.phoi) && tokens[index].isLowercaseWord && tokens[index + 1].is(.hop)
            && tokens[index + 2].is(.voi)
    }

    /// Where the partners named from `first` (capitalised words, the syllables completing them, `và` before a capital, and
    /// a list of units: `UBND các tỉnh: Bình Định, Phú Yên và Đắk Lắk`) end at `tổ chức` or `họp` (that verb's position), and
    /// whether they are such a list.
    static func partners(from first: Int, in sentence: Range<Int>, tokens: TokenizedText) -> (end: Int, listed: Bool)? {
        var index = first + 1
        var listed = false
        while index + 1 < min(sentence.upperBound, first + (listed ? 24 : 16)) {
            let token = tokens[index]
            let gap = token.gap
            // A list of units after `các tỉnh:`, parted by commas.
            guard gap.isEmpty || gap.is("&") || listed && (gap.is(",") || gap.is(":")) else { return nil }
            if token.is(.to) && tokens[index + 1].is(.chuc) && token.isLowercaseWord || token.isMeetingVerb { return (index, listed) }
            if token.isLowercaseWord, token.is(.cac) || token.isUnitWord, tokens[index - 1].isCapitalized || tokens[index - 1].is(.cac) {
                listed = listed || token.isUnitWord && tokens[index - 1].is(.cac)
                index += 1
                continue
            }
            let partOfName = token.isCapitalized || tokens[index - 1].isCapitalized
                || token.is(.va) && token.isLowercaseWord && tokens[index + 1].isCapitalized
            guard partOfName else { return nil }
            index += 1
        }
        return nil
    }

    /// "UBND tỉnh Gia Lai phối hợp với UBND các tỉnh: Bình Định, Phú Yên và Đắk Lắk tổ chức": the province is one of a list
    /// of partners (`các tỉnh`) that a body convenes with, and takes part; the body, if a province, hosts. One partner
    /// province (`UBND tỉnh A phối hợp với UBND tỉnh B họp báo`, `Bộ Tài chính phối hợp với UBND tỉnh Đồng Tháp tổ chức`)
    /// is no list: it convenes, and hosts.
    static func isConveningPartner(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        let lowest = max(sentence.lowerBound + 1, span.range.lowerBound - 24)
        for opener in stride(from: span.range.lowerBound - 1, through: lowest, by: -1)
        where opener + 3 < span.range.lowerBound && opensPartnership(at: opener, in: sentence, tokens: tokens) {
            guard let partners = partners(from: opener + 3, in: sentence, tokens: tokens) else { return false }
            return partners.listed && partners.end >= span.range.upperBound
        }
        return false
    }

    /// "Đoàn ĐBQH tỉnh Bình Dương tiếp tục gặp gỡ, tiếp xúc cử tri", "... tỉnh Tuyên Quang đã có buổi tiếp xúc cử tri": the
    /// province's delegates meet its voters, a few lower-case words on. Not what someone says of voters (`cho biết, qua
    /// tiếp xúc cử tri`), nor other contacts (`tiếp xúc với nhà đầu tư`).
    static func meetsVoters(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = span.range.upperBound
        while index + 3 < min(sentence.upperBound, span.range.upperBound + 9), tokens[index].isLowercaseWord,
              tokens[index].gap.isEmpty || index > span.range.upperBound && tokens[index].gap.is(",") && tokens[index].is(.tiep) {
            let token = tokens[index]
            if token.is(.qua) || token.is(.cho) || token.is(.bao) || token.is(.neu) || token.is(.phat) { return false }
            if token.is(.tiep) && tokens[index + 1].is(.xuc) {
                let voters = tokens[index + 2].is(.voi) ? index + 3 : index + 2
                return voters + 1 < sentence.upperBound && tokens[voters].is(.cu) && tokens[voters + 1].is(.tri)
            }
            index += 1
        }
        return false
    }

    /// `Ban Thường vụ Tỉnh ủy A và Ban Thường vụ Tỉnh ủy B tổ chức hội nghị`: A organises with B, which convenes (and
    /// hosts, unless the sentence names the venue): A takes part.
    static func convenesWithTheNext(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        var index = span.range.upperBound
        guard index + 1 < sentence.upperBound, tokens[index].is(.va), tokens[index].gap.isEmpty else { return false }
        index += 1
        // The other body's words (a body, not only `tỉnh`: `chỉ đạo tỉnh A và tỉnh B tổ chức diễn tập` names who else
        // does something), then its province, then `tổ chức`: no punctuation on the way.
        var namesBody = false
        while index < sentence.upperBound, index - span.range.upperBound <= 10, tokens[index].gap.isEmpty {
            if !provinceTokens[index], tokens[index].isCapitalized || tokens[index].isAllCaps, !tokens[index].is(.tp) { namesBody = true }
            if provinceTokens[index] {
                guard namesBody else { return false }
                while index < sentence.upperBound && provinceTokens[index] { index += 1 }
                return index + 1 < sentence.upperBound && tokens[index].is(.to) && tokens[index + 1].is(.chuc)
                    && tokens[index].isLowercaseWord && tokens[index].gap.isEmpty
            }
            index += 1
        }
        return false
    }

    /// `lãnh đạo tỉnh X`, `lãnh đạo các tỉnh X, Y`, `lãnh đạo chủ chốt hai tỉnh X và Y`, `Lãnh đạo UBND các tỉnh: X, Y`
    /// introduced at `introducer`, after `dự`, `có mặt` or `tham gia` in the sentence (`Tham dự buổi lễ có ...`, `dự hội nghị
    /// có ...`): the province's leaders attend.
    static func leadersAttend(before introducer: Int, in sentence: Range<Int>, tokens: TokenizedText, facts: SentenceFacts) -> Bool {
        var index = introducer
        // A count of provinces: `hai`, `ba`, `5`.
        if tokens[index].isNumber || tokens[index].isWord(.hai) || tokens[index].isWord(.ba) { index -= 1 }
        // The provinces' council or committee: `Lãnh đạo UBND các tỉnh`.
        if index > sentence.lowerBound, tokens[index].is(.ubnd) || tokens[index].is(.hdnd), tokens[index].isAllCaps { index -= 1 }
        if index - 1 >= sentence.lowerBound, tokens[index].is(.chot), tokens[index - 1].is(.chu) { index -= 2 }
        guard index - 1 >= sentence.lowerBound, tokens[index].is(.dao), tokens[index - 1].is(.lanh), tokens[index].gap.isEmpty else { return false }
        return facts.firstAttendance.map { $0 < index - 1 } ?? false
    }

    /// How far a list of provinces is walked each way, so that a sentence of a million provinces stays linear.
    private static let listReach = 40

    /// Whether the token at `index` may stand in a list of provinces: a province's own, `và`, a unit word, `các`.
    private static func isListWord(_ index: Int, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        provinceTokens[index] || tokens[index].is(.va) || tokens[index].is(.tinh) || tokens[index].is(.thanh) || tokens[index].is(.pho)
            || tokens[index].is(.tp) || tokens[index].is(.cac)
    }

    /// Where the list holding `span` begins: list words joined by nothing, a comma or, with `fullStops`, a full stop
    /// (`TP. Cần Thơ`), with `dashes` a dash (`tỉnh Cà Mau – Ninh Bình`), walked back at most ``listReach`` tokens.
    private static func listStart(of span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool],
                                  fullStops: Bool, dashes: Bool = false) -> Int {
        var start = span.range.lowerBound
        while start > sentence.lowerBound, span.range.lowerBound - start < listReach,
              isListWord(start - 1, tokens: tokens, provinceTokens: provinceTokens),
              tokens[start].gap.isEmpty || tokens[start].gap.is(",") || fullStops && tokens[start].gap.is(".") || dashes && tokens[start].gap.isDash {
            start -= 1
        }
        return start
    }

    /// The last token of the province a list holding `span` is joined to by `cùng` or `cùng với` (`tỉnh Lào Cai cùng với các tỉnh
    /// Điện Biên, Lai Châu`), if any: the list does what that province does.
    static func joinedProvince(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Int? {
        let start = listStart(of: span, in: sentence, tokens: tokens, provinceTokens: provinceTokens, fullStops: false)
        guard tokens[start].gap.isEmpty else { return nil }
        var index = start - 1
        if index > sentence.lowerBound, tokens[index].is(.voi), tokens[index].isLowercaseWord, tokens[index].gap.isEmpty { index -= 1 }
        guard index > sentence.lowerBound, tokens[index].isWord(.cùng), tokens[index].exactSpelling, tokens[index].isLowercaseWord,
              tokens[index].gap.isEmpty, provinceTokens[index - 1] else { return nil }
        return index - 1
    }

    /// `đoàn công tác của Ban Thường vụ Tỉnh ủy X`, `Đoàn công tác tỉnh X`: the province whose delegation visits takes part.
    static func isVisitingDelegation(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = span.range.lowerBound - 1
        while index >= sentence.lowerBound + 2, span.range.lowerBound - index <= 8, tokens[index + 1].gap.isEmpty {
            if tokens[index].is(.tac) && tokens[index - 1].is(.cong) && tokens[index - 2].is(.doan) { return true }
            index -= 1
        }
        return false
    }

    /// The last word of `kết nối`, `liên vùng`, `giáp`, `thông`, `liên kết` before `với`.
    private static let linkWords: [Word] = [.noi, .vung, .giap, .thong, .lien, .ket]

    /// `kết nối với tỉnh X`, `liên vùng với X và Y`, `giáp với X`, `các tỉnh X và Y đến học tập`: the province (or
    /// the list it is in) is what a link, a border or a study visit reaches, not a party to the meeting.
    static func isOnlySpokenOf(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        func isListWord(_ index: Int) -> Bool { Self.isListWord(index, tokens: tokens, provinceTokens: provinceTokens) }
        let start = listStart(of: span, in: sentence, tokens: tokens, provinceTokens: provinceTokens, fullStops: true)
        if start - 1 > sentence.lowerBound, tokens[start - 1].is(.voi), tokens[start].gap.isEmpty {
            if Self.linkWords.contains(where: tokens[start - 2].is) { return true }
        }
        var end = span.range.upperBound
        while end < sentence.upperBound, end - span.range.upperBound < Self.listReach, isListWord(end),
              tokens[end].gap.isEmpty || tokens[end].gap.is(",") || tokens[end].gap.is(".") { end += 1 }
        if end + 1 < sentence.upperBound, tokens[end].is(.den) || tokens[end].is(.sang), tokens[end].gap.isEmpty,
           tokens[end + 1].is(.hoc) || tokens[end + 1].is(.tham) {
            return true
        }
        return false
    }

    /// `Tỉnh Cà Mau và tỉnh Ninh Bình ký kết chương trình hợp tác`, `Đại diện tỉnh A và B ký kết`: the province, alone or in a
    /// list of partners (a foreign one's capitalised name among them), is the subject of `ký` that follows it: a party.
    static func signsAsSubject(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        func isListWord(_ index: Int) -> Bool {
            let token = tokens[index]
            return provinceTokens[index] || token.is(.va) || token.is(.tinh) || token.is(.thanh) || token.is(.pho) || token.is(.tp)
                || token.is(.cac) || token.isCapitalized || token.gap.isDash && !token.gap.hasSpace
        }
        func joins(_ index: Int) -> Bool {
            let gap = tokens[index].gap
            return gap.isEmpty || gap.is(",") || gap.isDash
        }
        let reach = 12
        var end = span.range.upperBound
        // Not what was signed before (`đã ký`), but in a sentence that opens with its day, the signing it reports (`Ngày 30-3,
        // UBND tỉnh A và UBND tỉnh B đã ký kết ...`).
        let reportsTheDay = DocumentLayout.opensWithDay(sentence, tokens: tokens)
        while end < sentence.upperBound, end - span.range.upperBound < reach, joins(end), !tokens[end].isWord(.ký) {
            let past = reportsTheDay && tokens[end].isWord(.đã) && tokens[end].isLowercaseWord && end + 1 < sentence.upperBound
                && tokens[end + 1].isWord(.ký)
            guard isListWord(end) || tokens[end].is(.cung) || past else { return false }
            end += 1
        }
        guard end + 1 < sentence.upperBound, tokens[end].isWord(.ký), tokens[end].isLowercaseWord, tokens[end].gap.isEmpty,
              tokens[end + 1].gap.isEmpty, Self.signedThings.contains(where: tokens[end + 1].is) else { return false }
        var start = span.range.lowerBound
        // Back to the clause's start: a comma ends the walk (`tại TP A, tỉnh A và tỉnh B ký kết`) and is a clause's start.
        while start > sentence.lowerBound, span.range.lowerBound - start < reach, tokens[start].gap.isEmpty || tokens[start].gap.isDash,
              isListWord(start - 1) { start -= 1 }
        // Not in a clause led by another time (`Trong những năm qua, ...`, `Năm 2019, ...`, `Trước đó, ...`, `Đến nay, ...`).
        if tokens[start].gap.is(","), start > sentence.lowerBound,
           tokens[start - 1].is(.qua) || Self.otherTimeLeads.contains(where: tokens[sentence.lowerBound].is) && tokens[sentence.lowerBound].isCapitalized {
            return false
        }
        if start == sentence.lowerBound || tokens[start].gap.is(",") || tokens[start].gap.is(";") { return true }
        // `Đại diện tỉnh A và B ký kết`: the provinces' representatives sign.
        return start >= sentence.lowerBound + 2 && tokens[start].gap.isEmpty && tokens[start - 1].is(.dien) && tokens[start - 2].is(.dai)
            && (start - 2 == sentence.lowerBound || !tokens[start - 2].gap.isEmpty)
    }

    /// `lễ ký kết chương trình hợp tác giữa tỉnh Cà Mau – Ninh Bình`: the province is in the list of parties after the
    /// `giữa` of a signing named a few words before it.
    static func signedBetween(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        var start = listStart(of: span, in: sentence, tokens: tokens, provinceTokens: provinceTokens, fullStops: false, dashes: true)
        // `giữa hai tỉnh A và B`, `giữa 2 tỉnh A và B`: the count of the parties.
        if start - 1 > sentence.lowerBound, tokens[start].gap.isEmpty, tokens[start - 1].isWord(.hai) || tokens[start - 1].hasDigits(1) { start -= 1 }
        guard start - 1 > sentence.lowerBound, tokens[start - 1].isWord(.giữa), tokens[start - 1].isLowercaseWord, tokens[start].gap.isEmpty
        else { return false }
        let from = max(sentence.lowerBound, start - 1 - 8)
        return (from..<(start - 2)).contains { index in
            tokens[index].isWord(.ký) && tokens[index].isLowercaseWord && tokens[index + 1].gap.isEmpty
                && Self.signedThings.contains(where: tokens[index + 1].is)
        }
    }

    /// `Hội nghị ký chương trình phối hợp giai đoạn 2022-2025 với Hội Nông dân tỉnh Gia Lai`: the party a signing names after
    /// `với`, a body's name at most between; not what was signed before (`đã ký ... với`), unless the sentence opens with its day.
    static func signedWith(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = span.range.lowerBound - 1
        while index > sentence.lowerBound, span.range.lowerBound - index <= 6, tokens[index + 1].gap.isEmpty,
              !(tokens[index].is(.voi) && tokens[index].isLowercaseWord) {
            index -= 1
        }
        // `với Hội Nông dân tỉnh X`, `với tỉnh X`, `với các tỉnh X, Y`.
        let party = index + 1
        guard index > sentence.lowerBound, tokens[index].is(.voi), tokens[index].isLowercaseWord, tokens[party].gap.isEmpty,
              tokens[party].isCapitalized || tokens[party].isUnitWord || tokens[party].is(.cac) || party == span.range.lowerBound else { return false }
        let reportsTheDay = DocumentLayout.opensWithDay(sentence, tokens: tokens)
        var at = index - 1
        while at >= max(sentence.lowerBound, index - 16) {
            if tokens[at].isWord(.ký), tokens[at].isLowercaseWord, tokens[at + 1].gap.isEmpty, Self.signedThings.contains(where: tokens[at + 1].is) {
                return reportsTheDay || !(at > sentence.lowerBound && tokens[at - 1].isWord(.đã))
            }
            guard tokens[at + 1].gap.isEmpty || tokens[at + 1].gap.isDash && !tokens[at + 1].gap.hasSpace else { return false }
            at -= 1
        }
        return false
    }

    /// What `ký` signs at a meeting: `ký kết`, `ký thỏa thuận`, `ký biên bản`, `ký chương trình`, `ký bản ghi nhớ`.
    private static let signedThings: [Word] = [.ket, .thoa, .bien, .chuong, .ban]
    /// Words that open a clause of another time than the meeting's.
    private static let otherTimeLeads: [Word] = [.nam, .truoc, .den, .thang]

    /// `An Giang đề nghị ...`, `Các tỉnh Bạc Liêu, Sóc Trăng nêu khó khăn`: the province, alone or in a list of
    /// provinces, is the subject of a verb of speaking that follows it.
    static func speaksAsSubject(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, facts: SentenceFacts,
                                        provinceTokens: [Bool]) -> Bool {
        guard let cue = facts.speechCues.first(where: { $0 >= span.range.upperBound }), cue - span.range.upperBound <= 16 else { return false }
        // Nothing but other provinces and the words that list them between the name and the verb.
        for index in span.range.upperBound..<cue {
            let token = tokens[index]
            guard provinceTokens[index] || token.is(.va) || token.is(.tinh) || token.is(.thanh) || token.is(.pho) || token.is(.tp) else { return false }
            guard token.gap.isEmpty || token.gap.is(",") || token.gap.is(".") || token.gap.isDash else { return false }
        }
        guard tokens[cue].gap.isEmpty else { return false }
        // The subject starts the clause: the sentence's start, a comma, or `các tỉnh`/`tỉnh` before it.
        var start = span.range.lowerBound
        while start > sentence.lowerBound, span.range.lowerBound - start < 4, tokens[start - 1].is(.tinh) || tokens[start - 1].is(.cac) || tokens[start - 1].is(.pho)
                || tokens[start - 1].is(.thanh) || tokens[start - 1].is(.tp), tokens[start].gap.isEmpty {
            start -= 1
        }
        return start == sentence.lowerBound || tokens[start].gap.is(",") || tokens[start].gap.is(";") || provinceTokens[start - 1]
    }
}
