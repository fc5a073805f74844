import MeetingModel

/// Decides, for each province mention, how the province took part: host, bridge point, discussant, or only mentioned.
struct ProvinceRoles {
    let tokens: TokenizedText
    let provinces: [ProvinceSpan]
    private(set) var roles: [MeetingRecord.ProvinceRole] = []
    private(set) var sentenceOf: [Int] = []
    private(set) var bridgePointLocations: [String] = []
    /// Where each bridge point's name was first found.
    private(set) var bridgePointRanges: [String: Range<Int>] = [:]
    /// Per sentence, the first province named in it as a bridge point.
    private var bridgePointBySentence: [Int: Int] = [:]

    init(tokens: TokenizedText, sentences: [Range<Int>], lexicon: Lexicon, provinces: [ProvinceSpan], people: [PersonSpan]) {
        self.tokens = tokens
        self.provinces = provinces
        let bridgeheads = Self.saysOnline(tokens)
        var sentenceIndex = 0
        var provinceTokens = Array(repeating: false, count: tokens.count)
        for span in provinces { for index in span.range { provinceTokens[index] = true } }
        var venues: [Bool] = []
        var linkedSentences: Set<Int> = []
        var centralSentences: Set<Int> = []
        var facts = SentenceFacts()
        var factsSentence = -1
        var previous: (span: ProvinceSpan, walk: ListIntroduction)?
        for span in provinces {
            while sentenceIndex < sentences.count && sentences[sentenceIndex].upperBound <= span.range.lowerBound { sentenceIndex += 1 }
            let sentence = sentenceIndex < sentences.count ? sentences[sentenceIndex] : span.range
            if factsSentence != sentenceIndex {
                facts = SentenceFacts(tokens: tokens, sentence: sentence, provinceTokens: provinceTokens, bridgeheads: bridgeheads)
                factsSentence = sentenceIndex
                previous = nil
            }
            let walk = ListIntroduction.walk(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens, previous: previous)
            let listAfterBridgeName = previous.map {
                walk.crossedList && walk.introducer == $0.walk.introducer
                    && Self.namesBridgePoint(endingAt: $0.walk.introducer, in: sentence, tokens: tokens, bridgeheads: bridgeheads)
                    && !Self.isOnlySpokenOf($0.span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            } ?? false
            previous = (span, walk)
            sentenceOf.append(sentenceIndex)
            let (role, isVenue) = Self.role(of: span, in: sentence, tokens: tokens, list: walk, facts: facts, provinceTokens: provinceTokens,
                                            bridgeheads: bridgeheads)
            // "với điểm cầu Trụ sở Chính phủ và các tỉnh Khánh Hòa, Gia Lai": the list's first province is a bridge point
            // as the rest are, though no cue stands right before it.
            if role == .bridgePoint, listAfterBridgeName, roles.last == .mentioned { roles[roles.count - 1] = .bridgePoint }
            roles.append(role)
            venues.append(isVenue)
            if facts.bridgeCueIsLink { linkedSentences.insert(sentenceIndex) }
            if facts.atCentralVenue { centralSentences.insert(sentenceIndex) }
        }
        // In the sentence that names the venue, a province that receives a visit or convenes elsewhere in it takes part:
        // `tại Hà Nội, Ban Thường vụ Thành ủy Hà Nội đã làm việc với Ban Thường vụ Tỉnh ủy Lào Cai`.
        if let venue = venues.firstIndex(of: true), let firstHost = roles.firstIndex(of: .host), sentenceOf[venue] == sentenceOf[firstHost] {
            for index in roles.indices where roles[index] == .host && !venues[index] && sentenceOf[index] == sentenceOf[venue]
                && provinces[index].unit != provinces[venue].unit {
                roles[index] = .discussant
            }
        }
        // Held at a central body's seat (`tại Trụ sở Trung ương Đảng, Bộ Chính trị làm việc với Ban Thường vụ Thành ủy Hà
        // Nội`): no province of that sentence hosts; those it names as parties take part.
        if let firstHost = roles.firstIndex(of: .host), !venues[firstHost], centralSentences.contains(sentenceOf[firstHost]) {
            for index in roles.indices where roles[index] == .host && sentenceOf[index] == sentenceOf[firstHost] { roles[index] = .discussant }
        }
        // The meeting is held where the first sentence that says so says; a later sentence naming another province's
        // venue, session or visit is of another event ("Khối thống nhất tổ chức giao ban 6 tháng tại tỉnh Tuyên Quang").
        if let first = roles.firstIndex(of: .host) {
            for index in roles.indices where roles[index] == .host && sentenceOf[index] != sentenceOf[first]
                && provinces[index].unit != provinces[first].unit {
                roles[index] = .mentioned
            }
        }
        for (index, role) in roles.enumerated() where role == .bridgePoint && bridgePointBySentence[sentenceOf[index]] == nil
            && !linkedSentences.contains(sentenceOf[index]) {
            bridgePointBySentence[sentenceOf[index]] = provinces[index].unit
        }
        var seenLocations: Set<String> = []
        var provinceLast = Array(repeating: false, count: tokens.count)
        for span in provinces where !span.range.isEmpty { provinceLast[span.range.upperBound - 1] = true }
        for sentence in sentences {
            for index in sentence where index + 2 < sentence.upperBound && Self.isBridgeCue(tokens, at: index, bridgeheads: bridgeheads)
                && tokens[index + 2].isCapitalized && tokens[index + 2].gap.isEmpty {
                var end = index + 3
                // Capitalised words, the lower-case syllable completing one (`Trung tâm`, `Công an`, `Trung ương`, `Văn
                // phòng`), and `tỉnh`/`thành phố`. Not a syllable that begins the prose (`có`, `tham dự`, `và`), nor one after
                // a province's name (`Hà Nội kết nối`), nor after an abbreviation unless a name follows (`UBND xã Tân Lập`).
                func completes(_ end: Int) -> Bool {
                    let previous = tokens[end - 1]
                    return previous.isCapitalized && !provinceLast[end - 1] && (!previous.isAllCaps || tokens.nameFollows(end, before: sentence.upperBound))
                        && tokens[end].isLowercaseWord && !tokens[end].is(.va) && lexicon.titleStops.match(tokens, at: end, end: sentence.upperBound) == nil
                }
                while end < sentence.upperBound && end - index < 10 && (tokens[end].gap.isEmpty || tokens[end].gap.is("."))
                    && (tokens[end].isCapitalized || completes(end)
                        || tokens[end].is(.tinh) || tokens[end].is(.thanh) || tokens[end].is(.pho)) { end += 1 }
                // A trailing `tỉnh` or `thành phố` with no name after it is the prose's.
                while end > index + 3 && tokens[end - 1].isLowercaseWord
                    && (tokens[end - 1].is(.tinh) || tokens[end - 1].is(.thanh) || tokens[end - 1].is(.pho) || !tokens[end - 2].isCapitalized) {
                    end -= 1
                }
                let words = (index..<end).map { $0 == index ? tokens.text($0) : (tokens[$0].gap.isEmpty ? " " : tokens.gapText($0)) + tokens.text($0) }
                let location = words.joined()
                if seenLocations.insert(location).inserted {
                    bridgePointLocations.append(location)
                    bridgePointRanges[location] = index..<end
                }
            }
        }
    }

    /// Every province with its roles, in order of first mention; `extra` units (the headline's) count as mentioned.
    func rolesByUnit(extra: [Int]) -> [(unit: Int, roles: RoleSet)] {
        var result: [(unit: Int, roles: RoleSet)] = []
        func add(_ unit: Int, _ role: MeetingRecord.ProvinceRole) {
            if let index = result.firstIndex(where: { $0.unit == unit }) {
                result[index].roles.insert(role)
            } else {
                result.append((unit, RoleSet(role)))
            }
        }
        for (span, role) in zip(provinces, roles) { add(span.unit, role) }
        for unit in extra where !result.contains(where: { $0.unit == unit }) { add(unit, .mentioned) }
        return result
    }

    /// The bridge-point province named in a sentence, if any.
    func bridgePoint(inSentence sentence: Int) -> Int? { bridgePointBySentence[sentence] }

    /// `điểm cầu` (a bridge point of an online meeting) at `index`; or `đầu cầu` after `tại`, `ở`, `từ`, `với`, `tới`, `đến`
    /// or `các`, which says the same in a document that speaks of `trực tuyến` (`tổ chức trực tuyến từ đầu cầu Trụ sở Chính
    /// phủ với đầu cầu các tỉnh`); elsewhere it is the end of a real bridge (`sạt lở đầu cầu Trà Khúc`, `hai đầu cầu`) or
    /// a gateway (`là đầu cầu kết nối`).
    static func isBridgeCue(_ tokens: TokenizedText, at index: Int, bridgeheads: Bool) -> Bool {
        guard index + 1 < tokens.count, tokens[index + 1].is(.cau) else { return false }
        if tokens[index].is(.diem) { return true }
        guard bridgeheads, index >= 1, tokens[index].isWord(.đầu), tokens[index + 1].isWord(.cầu) else { return false }
        let before = tokens[index - 1]
        return before.isLowercaseWord && (before.isWord(.tại) || before.isWord(.các) || [Word.o, .tu, .voi, .toi, .den].contains(where: before.is))
    }

    /// Whether `end` ends a place named after `tại` (`tại TP Vinh`, `tại Thành phố Việt Trì`): capitalised words and unit
    /// words, no punctuation, back to it; and the `tại` leads a clause (`Sáng 5/10, tại TP Vinh`), as the meeting's place
    /// does, not a verb's (`đặt tại TP Quy Nhơn`).
    private static func followsPlace(endingAt end: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = end
        while index > sentence.lowerBound, end - index < 5, tokens[index].gap.isEmpty || tokens[index].gap.is("."),
              tokens[index].isCapitalized || [Word.tp, .thanh, .pho, .huyen, .quan, .thi, .xa].contains(where: tokens[index].is) {
            index -= 1
        }
        return index < end && tokens[index].isWord(.tại) && tokens[index].isLowercaseWord
            && (index == sentence.lowerBound || tokens[index].gap.starts(with: ","))
    }

    /// "Tỉnh Hà Tĩnh phối hợp với Bộ Kế hoạch và Đầu tư tổ chức Hội nghị": the province convenes with a partner named
    /// between (capitalised words, the syllables completing them and `và` before a capital; no punctuation). Not a task
    /// given to it (`phối hợp với Bộ Nội vụ sắp xếp tổ chức bộ máy`).
    private static func convenesWithPartner(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        let start = span.range.upperBound
        guard start + 4 < sentence.upperBound, tokens[start].is(.phoi), tokens[start].isLowercaseWord, tokens[start + 1].is(.hop),
              tokens[start + 2].is(.voi), tokens[start + 3].isCapitalized else { return false }
        var index = start + 4
        while index + 1 < min(sentence.upperBound, start + 16), tokens[index].gap.isEmpty || tokens[index].gap.is("&") {
            let token = tokens[index]
            if token.is(.to) && tokens[index + 1].is(.chuc) && token.isLowercaseWord { return true }
            let partOfName = token.isCapitalized || tokens[index - 1].isCapitalized
                || token.is(.va) && token.isLowercaseWord && tokens[index + 1].isCapitalized
            guard partOfName else { return false }
            index += 1
        }
        return false
    }

    /// "Đoàn ĐBQH tỉnh Bình Dương tiếp tục gặp gỡ, tiếp xúc cử tri", "... tỉnh Tuyên Quang đã có buổi tiếp xúc cử tri": the
    /// province's delegates meet its voters, a few lower-case words on. Not what someone says of voters (`cho biết, qua
    /// tiếp xúc cử tri`), nor other contacts (`tiếp xúc với nhà đầu tư`).
    private static func meetsVoters(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
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

    /// Whether `end` is the last word of a bridge point's name (`điểm cầu Trụ sở Chính phủ`), or the `với` after it:
    /// capitalised words and the lower-case syllables completing them, no punctuation, back to the cue.
    static func namesBridgePoint(endingAt end: Int?, in sentence: Range<Int>, tokens: TokenizedText, bridgeheads: Bool) -> Bool {
        guard var end else { return false }
        // "từ điểm cầu Trụ sở Chính phủ với các tỉnh A, B".
        if tokens[end].is(.voi), tokens[end].isLowercaseWord, end - 1 > sentence.lowerBound { end -= 1 }
        var first = end
        while first - 1 > sentence.lowerBound, end - first < 8, tokens[first].gap.isEmpty || tokens[first].gap.is("."),
              tokens[first].isCapitalized || tokens[first - 1].isCapitalized { first -= 1 }
        // `first` is the name's first word, or the cue's second when the walk went past the name.
        for start in [first, first + 1] where start <= end && start - 2 >= sentence.lowerBound && tokens[start].isCapitalized {
            if isBridgeCue(tokens, at: start - 2, bridgeheads: bridgeheads) { return true }
        }
        return false
    }

    /// Whether the document says `trực tuyến` anywhere.
    static func saysOnline(_ tokens: TokenizedText) -> Bool {
        (0..<max(0, tokens.count - 1)).contains { tokens[$0].is(.truc) && tokens[$0 + 1].is(.tuyen) }
    }

    /// The first host province, if any.
    var host: Int? { zip(provinces, roles).first { $0.1 == .host }?.0.unit }

    /// What a sentence says once, whichever of its provinces is asked about.
    struct SentenceFacts {
        /// Where `điểm cầu` first appears, if it does.
        var firstBridgeCue: Int?
        /// Where every bridge cue (`điểm cầu`, or `đầu cầu` where it says the same) appears.
        var bridgeCues: [Int] = []
        var hasDiscussion = false
        var hasMeetingWord = false
        /// `Đại hội`: a congress, of the Party committee or the delegates of the body named with it.
        var hasCongress = false
        /// Where a verb of reporting or proposing (`báo cáo`, `kiến nghị`...) appears.
        var speechCues: [Int] = []
        /// Where the sentence's venue, its first `tại` naming a building or a province (`tại Trụ sở ...`, `tại Hà Nội`, `tại
        /// tỉnh Cà Mau`; not an event, `tại Lễ khởi công`), begins and ends (at the next punctuation): a province is the
        /// venue only inside it, so a later `tại X` (`tại Hà Nội, Bộ ... tổ chức hội thảo về sân bay tại tỉnh Cà Mau`)
        /// is not. Nil when no `tại` names a place.
        var venue: Range<Int>?
        /// The bridge cue is `kết nối trực tuyến đến các tỉnh`, which names no one at the bridge points: the sentence's people
        /// stay the host's.
        var bridgeCueIsLink = false
        /// The venue is a central body's seat (`tại Văn phòng Chính phủ`, `tại Trụ sở Trung ương Đảng`, `tại Nhà Quốc hội`).
        var atCentralVenue = false

        init() {}

        init(tokens: TokenizedText, sentence: Range<Int>, provinceTokens: [Bool], bridgeheads: Bool) {
            if let at = sentence.first(where: { ProvinceRoles.namesPlace(at: $0, sentence, tokens: tokens, provinceTokens: provinceTokens) }) {
                var end = at + 2
                while end < sentence.upperBound && tokens[end].gap.isEmpty { end += 1 }
                venue = at..<end
                atCentralVenue = ProvinceRoles.namesBuilding(at: at, sentence, tokens: tokens) && ProvinceRoles.isCentralVenue(at: at, sentence, tokens: tokens)
            }
            for index in sentence {
                let word = Word(rawValue: tokens[index].word)
                if word == .hop { hasMeetingWord = true }
                guard let word, index + 1 < sentence.upperBound else { continue }
                let next = Word(rawValue: tokens[index + 1].word)
                if word == .dai && next == .hoi && tokens[index].isCapitalized { hasCongress = true }
                if ProvinceRoles.isBridgeCue(tokens, at: index, bridgeheads: bridgeheads) {
                    if firstBridgeCue == nil { firstBridgeCue = index }
                    bridgeCues.append(index)
                }
                // "kết nối trực tuyến đến các tỉnh: Khánh Hòa, Gia Lai": bridge points named without `điểm cầu`.
                if firstBridgeCue == nil, word == .ket, next == .noi, index + 6 < sentence.upperBound, tokens[index + 2].is(.truc),
                   tokens[index + 3].is(.tuyen), tokens[index + 4].is(.den) || tokens[index + 4].is(.toi) || tokens[index + 4].is(.voi),
                   tokens[index + 5].is(.cac), tokens[index + 6].is(.tinh) || tokens[index + 6].is(.thanh) {
                    firstBridgeCue = index + 4
                    bridgeCues.append(index + 4)
                    bridgeCueIsLink = true
                }
                switch (word, next) {
                case (.thao, .luan), (.tham, .luan), (.phat, .bieu), (.y, .kien), (.gop, .y), (.chia, .se): hasDiscussion = true
                default: break
                }
                if tokens[index].isLowercaseWord {
                    switch (word, next) {
                    case (.bao, .cao), (.kien, .nghi), (.de, .xuat), (.de, .nghi), (.phat, .bieu), (.chia, .se), (.tham, .luan), (.cho, .biet):
                        speechCues.append(index)
                    default:
                        if word == .neu { speechCues.append(index) }
                    }
                }
            }
        }
    }

    private static func role(of span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, list: ListIntroduction, facts: SentenceFacts,
                             provinceTokens: [Bool], bridgeheads: Bool) -> (role: MeetingRecord.ProvinceRole, isVenue: Bool) {
        let introducer = list.introducer, crossedList = list.crossedList, listIntroduced = list.listIntroduced
        /// Whether the token `offset` places before the introducer is `expected`.
        func word(_ offset: Int, is expected: Word) -> Bool {
            guard let introducer, introducer - offset >= sentence.lowerBound else { return false }
            return tokens[introducer - offset].is(expected)
        }
        let colonAfterIntroducer = introducer.map { tokens[$0 + 1].gap.starts(with: ":") } ?? false
        if let introducer, introducer >= sentence.lowerBound + 1, isBridgeCue(tokens, at: introducer - 1, bridgeheads: bridgeheads) {
            return (.bridgePoint, false)
        }
        // A list after what someone says at the bridge point (`Tại điểm cầu Bộ ..., Thứ trưởng X cho biết mưa lũ gây thiệt hại
        // cho Lào Cai, Yên Bái`) is what is said, not the bridge points.
        let sentenceHasBridge = facts.bridgeCues.last(where: { $0 + 1 < span.range.lowerBound }).map { cue in
            !facts.speechCues.contains { $0 > cue && $0 < span.range.lowerBound }
        } ?? false
        if sentenceHasBridge && (crossedList || listIntroduced || word(0, is: .co)) { return (.bridgePoint, false) }
        // "Tại điểm cầu Công an tỉnh Gia Lai": the bridge point is a body of the province, named just before it.
        if let cue = facts.firstBridgeCue, cue + 2 < span.range.lowerBound, span.range.lowerBound - cue <= 7,
           !tokens[(cue + 1)..<(span.range.lowerBound + 1)].contains(where: { !$0.gap.isEmpty && !$0.gap.is(".") }) {
            return (.bridgePoint, false)
        }
        if isOnlySpokenOf(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens) { return (.mentioned, false) }
        let hasDiscussion = facts.hasDiscussion
        let representatives = word(0, is: .dien) && word(1, is: .dai)
        let speaks = facts.speechCues.last.map { $0 >= span.range.upperBound } ?? false
        if representatives && (speaks || hasDiscussion) { return (.discussant, false) }
        if hasDiscussion && (listIntroduced || colonAfterIntroducer || word(0, is: .nhu) || crossedList || word(0, is: .cac)) {
            return (.discussant, false)
        }
        let before = span.range.lowerBound - 1 >= sentence.lowerBound ? tokens[span.range.lowerBound - 1] : nil
        func immediate(_ expected: Word) -> Bool { before?.is(expected) ?? false }
        let atWord = { (index: Int) in index >= sentence.lowerBound && tokens[index].isWord(.tại) }
        let start = span.range.lowerBound
        let afterUnitWord = immediate(.tinh) || immediate(.pho) || immediate(.tp)
        // "tại Đồng Nai", "tại tỉnh Đồng Nai", "Tại thành phố Đà Nẵng".
        // A `tại` after the sentence has named a building as the venue (`tại Trụ sở Chính phủ, ... chính quyền đô thị tại
        // TP Hồ Chí Minh`) is not the venue again: the province is the subject's.
        func isTheVenue() -> Bool {
            guard let venue = facts.venue else { return true }
            return venue.contains(start)
        }
        if atWord(start - 1) || afterUnitWord && !crossedList && (list.passedAt || introducer.map(atWord) ?? false), isTheVenue() {
            return (.host, true)
        }
        // The province of the venue: named in the building's name (`tại Trung tâm Hội nghị tỉnh Vĩnh Long`), or right after
        // the place (`tại TP Vinh (Nghệ An)`, `tại thành phố Việt Trì, tỉnh Phú Thọ`); not a central body's seat.
        // Only the sentence's venue, or the province right after it (`tại Trung tâm Hội nghị tỉnh, tỉnh Ninh Bình tổ chức`);
        // a later `tại` is not the meeting's place (`tại Trụ sở Bộ ..., họp về sạt lở tại huyện X, tỉnh Y`).
        if !facts.atCentralVenue, !crossedList {
            let venueHere = isTheVenue()
            let inBuilding = venueHere && afterUnitWord
                && (facts.venue.map { $0.contains(start) && namesBuilding(at: $0.lowerBound, sentence, tokens: tokens) } ?? false)
            let inBrackets = venueHere && tokens[start].gap.is("(") && followsPlace(endingAt: start - 1, in: sentence, tokens: tokens)
            let afterComma = afterUnitWord && start - 2 >= sentence.lowerBound && tokens[start - 1].gap.is(",")
                && (facts.venue?.upperBound == start - 1 || venueHere && followsPlace(endingAt: start - 2, in: sentence, tokens: tokens))
            if inBuilding || inBrackets || afterComma { return (.host, true) }
        }
        // "Đại hội đại biểu Đảng bộ tỉnh X", "Đại hội đại biểu tỉnh X": the province's own congress.
        if facts.hasCongress, afterUnitWord, start >= 3,
           [start - 2, start - 3].contains(where: { tokens[$0].is(.bo) || tokens[$0].is(.bieu) }) {
            return (.host, false)
        }
        // Worked with at a central body's seat (`tại Văn phòng Chính phủ, Thủ tướng làm việc với lãnh đạo tỉnh X`):
        // X's leaders came to it, and take part; elsewhere the province worked with receives the visit.
        let workedWith: MeetingRecord.ProvinceRole = facts.atCentralVenue ? .discussant : .host
        if word(0, is: .voi) && word(1, is: .viec) && word(2, is: .lam) { return (workedWith, false) }
        // "làm việc với UBND tỉnh X", "làm việc với Ban Thường vụ Tỉnh ủy X": the body named before the province.
        var back = span.range.lowerBound - 1
        while back >= sentence.lowerBound + 2, span.range.lowerBound - back <= 6, tokens[back + 1].gap.isEmpty {
            if tokens[back].is(.voi) && tokens[back - 1].is(.viec) && tokens[back - 2].is(.lam) { return (workedWith, false) }
            back -= 1
        }
        // "kỳ họp thứ 12 HĐND tỉnh X", "kỳ họp 23 HĐND TPHCM": the council that meets.
        if facts.hasMeetingWord && afterUnitWord && span.range.lowerBound >= 2
            && (tokens[span.range.lowerBound - 2].is(.hdnd) || tokens[span.range.lowerBound - 2].is(.nhan)) || facts.hasMeetingWord && immediate(.hdnd) {
            return (.host, false)
        }
        let convenedAfter = span.range.upperBound + 1 < sentence.upperBound && tokens[span.range.upperBound].is(.to)
            && tokens[span.range.upperBound + 1].is(.chuc)
        // "Bộ CHQS tỉnh Đồng Tháp đăng cai tổ chức hội nghị": the province hosts; not one that will (`sẽ đăng cai`), nor one
        // given the next (`giao tỉnh X đăng cai tổ chức`).
        let after = span.range.upperBound
        let hostsAfter = after + 3 < sentence.upperBound && tokens[after].isWord(.đăng) && tokens[after + 1].isWord(.cai)
            && tokens[after + 2].is(.to) && tokens[after + 3].is(.chuc)
            && !tokens[max(sentence.lowerBound, span.range.lowerBound - 6)..<span.range.lowerBound].contains { $0.isWord(.giao) || $0.is(.se) }
        if convenedAfter || hostsAfter || convenesWithPartner(span, in: sentence, tokens: tokens) || meetsVoters(span, in: sentence, tokens: tokens) {
            return (.host, false)
        }
        // "Ban Chấp hành Tỉnh đoàn Thanh Hóa khóa XIX tổ chức ...": the body that convenes, a few words on.
        let conveneWindow = span.range.upperBound..<max(span.range.upperBound, min(sentence.upperBound - 1, span.range.upperBound + 4))
        if let convenes = conveneWindow.first(where: {
            tokens[$0].is(.to) && tokens[$0 + 1].is(.chuc) && tokens[$0].isLowercaseWord
        }), !tokens[span.range.upperBound..<(convenes + 1)].contains(where: { !$0.gap.isEmpty }),
           // Only the body's own words between (`khóa XIX`): not `Hồ Chí Minh và thí điểm tổ chức mô hình ...`.
           !tokens[span.range.upperBound..<convenes].contains(where: { $0.isLowercaseWord && !$0.is(.khoa) }) {
            return (.host, false)
        }
        if speaksAsSubject(span, in: sentence, tokens: tokens, facts: facts, provinceTokens: provinceTokens) { return (.discussant, false) }
        if convenesWithTheNext(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            || isVisitingDelegation(span, in: sentence, tokens: tokens) { return (.discussant, false) }
        return (.mentioned, false)
    }

    /// Whether the report's venue, the first `tại` naming a building in its opening sentences, is a central body's seat.
    static func isHeldAtCentralVenue(_ sentences: [Range<Int>], tokens: TokenizedText) -> Bool {
        for sentence in sentences.prefix(3) {
            if let at = sentence.first(where: { tokens[$0].isWord(.tại) && namesBuilding(at: $0, sentence, tokens: tokens) }) {
                return isCentralVenue(at: at, sentence, tokens: tokens)
            }
        }
        return false
    }

    /// `tại` naming a place: a building (``namesBuilding(at:_:tokens:)``), or a province (`provinceTokens` marks them),
    /// directly or after `tỉnh`, `thành phố`, `TP`.
    static func namesPlace(at: Int, _ sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        guard tokens[at].isWord(.tại), at + 1 < sentence.upperBound else { return false }
        if namesBuilding(at: at, sentence, tokens: tokens) { return true }
        var next = at + 1
        if tokens[next].is(.tinh) || tokens[next].is(.tp) { next += 1 } else if tokens[next].is(.thanh), next + 1 < sentence.upperBound, tokens[next + 1].is(.pho) { next += 2 }
        return next < sentence.upperBound && provinceTokens[next]
    }

    /// `tại Trụ sở ...`, `tại Văn phòng ...`, `tại Hội trường ...`, `tại Trung tâm Hội nghị ...`, `tại Nhà ...`: a building.
    static func namesBuilding(at: Int, _ sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        guard at + 2 < sentence.upperBound, tokens[at + 2].gap.isEmpty else { return false }
        let (first, second) = (tokens[at + 1], tokens[at + 2])
        return first.is(.tru) && second.is(.so) || first.is(.van) && second.is(.phong) || first.is(.hoi) && second.is(.truong)
            || first.is(.trung) && second.is(.tam) || first.is(.nha) || first.is(.khach) && second.is(.san)
    }

    /// Whether the building the `tại` at `at` names is a central body's seat: `tại Văn phòng Chính phủ`, `tại Trụ sở
    /// Trung ương Đảng`, `tại Nhà Quốc hội`.
    static func isCentralVenue(at: Int, _ sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = at + 1
        while index + 1 < sentence.upperBound, index - at <= 5, tokens[index + 1].gap.isEmpty {
            let (word, next) = (tokens[index], tokens[index + 1])
            if word.is(.chinh) && next.is(.phu) || word.is(.trung) && next.is(.uong) || word.is(.quoc) && next.is(.hoi) { return true }
            index += 1
        }
        return false
    }

    /// `Ban Thường vụ Tỉnh ủy A và Ban Thường vụ Tỉnh ủy B tổ chức hội nghị`: A organises with B, which convenes (and
    /// hosts, unless the sentence names the venue): A takes part.
    private static func convenesWithTheNext(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
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

    /// `đoàn công tác của Ban Thường vụ Tỉnh ủy X`, `Đoàn công tác tỉnh X`: the province whose delegation visits takes part.
    private static func isVisitingDelegation(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
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
    private static func isOnlySpokenOf(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool]) -> Bool {
        func isListWord(_ index: Int) -> Bool {
            provinceTokens[index] || tokens[index].is(.va) || tokens[index].is(.tinh) || tokens[index].is(.thanh) || tokens[index].is(.pho)
                || tokens[index].is(.tp) || tokens[index].is(.cac)
        }
        // Lists are walked at most `listReach` tokens each way, so that a sentence of a million provinces stays linear.
        let listReach = 40
        var start = span.range.lowerBound
        while start > sentence.lowerBound, span.range.lowerBound - start < listReach, isListWord(start - 1),
              tokens[start].gap.isEmpty || tokens[start].gap.is(",") || tokens[start].gap.is(".") {
            start -= 1
        }
        if start - 1 > sentence.lowerBound, tokens[start - 1].is(.voi), tokens[start].gap.isEmpty {
            if Self.linkWords.contains(where: tokens[start - 2].is) { return true }
        }
        var end = span.range.upperBound
        while end < sentence.upperBound, end - span.range.upperBound < listReach, isListWord(end),
              tokens[end].gap.isEmpty || tokens[end].gap.is(",") || tokens[end].gap.is(".") { end += 1 }
        if end + 1 < sentence.upperBound, tokens[end].is(.den) || tokens[end].is(.sang), tokens[end].gap.isEmpty,
           tokens[end + 1].is(.hoc) || tokens[end + 1].is(.tham) {
            return true
        }
        return false
    }

    /// `An Giang đề nghị ...`, `Các tỉnh Bạc Liêu, Sóc Trăng nêu khó khăn`: the province, alone or in a list of
    /// provinces, is the subject of a verb of speaking that follows it.
    private static func speaksAsSubject(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, facts: SentenceFacts,
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
