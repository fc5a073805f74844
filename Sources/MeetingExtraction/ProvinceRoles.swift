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
    /// Per province mention, whether it says nothing of where the meeting is: the city of a diplomat's post (`Tổng Lãnh
    /// sự Lào tại TP Hồ Chí Minh`), a province given aid (`vận động 3 tỷ đồng hỗ trợ tỉnh Lai Châu`).
    private(set) var asides: [Bool] = []
    /// Per province mention, whether its leaders are said to attend (`Tham dự có ... lãnh đạo chủ chốt hai tỉnh Đồng Nai và
    /// Bình Phước`): the province takes part, as one whose named officials do.
    private(set) var attendsThroughLeaders: [Bool] = []
    /// Per sentence, the first province named in it as a bridge point.
    private var bridgePointBySentence: [Int: Int] = [:]

    init(tokens: TokenizedText, sentences: [Range<Int>], lexicon: Lexicon, provinces: [ProvinceSpan], people: [PersonSpan]) {
        self.tokens = tokens
        self.provinces = provinces
        let bridgeheads = Self.saysOnline(tokens)
        let bridgeNames = Self.bridgePointNames(tokens, sentences: sentences, lexicon: lexicon, provinces: provinces, bridgeheads: bridgeheads)
        for (location, range) in bridgeNames where bridgePointRanges[location] == nil {
            bridgePointLocations.append(location)
            bridgePointRanges[location] = range
        }
        let bridgeNameEnds = Set(bridgeNames.map { $0.range.upperBound - 1 })
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
            let basedThere = Self.namesWhereBased(span, in: sentence, tokens: tokens)
            asides.append(walk.introducer.map { Self.aids(at: $0, in: sentence, tokens: tokens) } ?? false || basedThere)
            attendsThroughLeaders.append(walk.introducer.map { Self.leadersAttend(before: $0, in: sentence, tokens: tokens, facts: facts) } ?? false)
            // The list hangs off a bridge point's name, or the `với` after it.
            let afterBridgeName = { (introducer: Int) in
                bridgeNameEnds.contains(introducer) || tokens[introducer].is(.voi) && tokens[introducer].isLowercaseWord && bridgeNameEnds.contains(introducer - 1)
            }
            let listAfterBridgeName = previous.map {
                walk.crossedList && walk.introducer == $0.walk.introducer && ($0.walk.introducer.map(afterBridgeName) ?? false)
                    && !Self.isOnlySpokenOf($0.span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            } ?? false
            previous = (span, walk)
            sentenceOf.append(sentenceIndex)
            var (role, isVenue) = Self.role(of: span, in: sentence, tokens: tokens, list: walk, facts: facts, provinceTokens: provinceTokens,
                                            bridgeheads: bridgeheads, basedThere: basedThere)
            // `Đoàn công tác tỉnh Lào Cai cùng với các tỉnh Điện Biên, Lai Châu và Hà Giang đã tham dự`: a list joined to a
            // province that takes part takes part with it.
            if role == .mentioned, let partner = Self.joinedProvince(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens),
               case let joined = provinces.partitioningIndex(where: { $0.range.upperBound <= partner }), joined < roles.count,
               roles[joined] == .host || roles[joined] == .discussant {
                role = .discussant
            }
            // "với điểm cầu Trụ sở Chính phủ và các tỉnh Khánh Hòa, Gia Lai": the list's first province is a bridge point
            // as the rest are, though no cue stands right before it.
            if role == .bridgePoint, listAfterBridgeName, roles.last == .mentioned { roles[roles.count - 1] = .bridgePoint }
            roles.append(role)
            venues.append(isVenue)
            if facts.bridgeCueIsLink { linkedSentences.insert(sentenceIndex) }
            if facts.atCentralVenue { centralSentences.insert(sentenceIndex) }
        }
        // `ông A, Tổng Lãnh sự Lào tại TP Hồ Chí Minh`: the city of a diplomat's post is only named.
        var foreignPosts = Array(repeating: false, count: tokens.count)
        for person in people where person.holdsForeignPost { person.markTitles(&foreignPosts) }
        for (index, span) in provinces.enumerated() where foreignPosts[span.range.lowerBound] {
            roles[index] = .mentioned
            asides[index] = true
        }
        // In the sentence that names the venue, a province that receives a visit or convenes elsewhere in it takes part:
        // `tại Hà Nội, Ban Thường vụ Thành ủy Hà Nội đã làm việc với Ban Thường vụ Tỉnh ủy Lào Cai`.
        if let venue = venues.firstIndex(of: true), let firstHost = roles.firstIndex(of: .host), sentenceOf[venue] == sentenceOf[firstHost] {
            for index in roles.indices where roles[index] == .host && !venues[index] && sentenceOf[index] == sentenceOf[venue]
                && provinces[index].unit != provinces[venue].unit {
                roles[index] = .discussant
            }
            // ... and the venue's own province, convening with another there (`tại trụ sở Tỉnh ủy Bình Định, Ban Thường vụ
            // Tỉnh ủy Bình Định và Ban Thường vụ Tỉnh ủy Gia Lai tổ chức`), hosts.
            for index in roles.indices where roles[index] == .discussant && sentenceOf[index] == sentenceOf[venue]
                && provinces[index].unit == provinces[venue].unit {
                roles[index] = .host
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
    }

    /// In the 40 words before `end`, the sentence speaks of an event to come: `sẽ`, or attending one (`tham dự` and an
    /// event: `Lễ ...`, `Hội nghị ...`) after a purpose (`để`) or a plan (`kế hoạch`). Spelled so: `du lịch`, `dự án`, `vấn
    /// đề`, `chia sẻ` and `sự tham dự của` say nothing of it. (A window, so that a sentence of a thousand places costs no
    /// more per place than a short one.)
    static func speaksOfEventToCome(before end: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var purpose = false
        for index in max(sentence.lowerBound, end - 40)..<max(sentence.lowerBound, end) where tokens[index].isLowercaseWord {
            let token = tokens[index]
            if token.isWord(.sẽ) { return true }
            if token.isWord(.để) || token.is(.ke) && index + 1 < end && tokens[index + 1].is(.hoach) { purpose = true }
            guard purpose, token.isWord(.dự), index - 2 >= sentence.lowerBound, index + 1 < end, tokens[index - 1].is(.tham),
                  !tokens[index - 2].is(.su) else { continue }
            let event = tokens[index + 1]
            if event.isCapitalized || event.is(.le) || event.is(.hoi) { return true }
        }
        return false
    }

    /// `hỗ trợ`, `ủng hộ`, `giúp` (`giúp đỡ`) just before a province's mention (and its `tỉnh`): what the meeting gives it.
    static func aids(at index: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        let token = tokens[index]
        guard token.isLowercaseWord else { return false }
        if token.is(.giup) { return true }
        if token.is(.do), index > sentence.lowerBound, tokens[index - 1].is(.giup) { return true }
        guard index > sentence.lowerBound, tokens[index - 1].isLowercaseWord else { return false }
        return token.is(.tro) && tokens[index - 1].is(.ho) || token.is(.ho) && tokens[index - 1].is(.ung)
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

    /// Where a province mention's unit word is: the name's own (`TP Đà Nẵng`, `Thành phố Hồ Chí Minh`), or the `tỉnh`,
    /// `TP`, `thành phố` (its `thành`) right before the name; nil when it has none.
    static func unitWord(of span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Int? {
        let start = span.range.lowerBound
        if tokens[start].is(.tp) || tokens[start].is(.thanh) && start + 1 < span.range.upperBound && tokens[start + 1].is(.pho) { return start }
        guard start - 1 >= sentence.lowerBound else { return nil }
        let before = tokens[start - 1]
        if before.is(.pho) { return start - 2 >= sentence.lowerBound && tokens[start - 2].is(.thanh) ? start - 2 : start - 1 }
        return before.is(.tinh) || before.is(.tp) ? start - 1 : nil
    }

    /// "Tổng Lãnh sự quán Hàn Quốc tại TP Hồ Chí Minh", "nhóm phụ nữ ASEAN tại Hà Nội", "Văn phòng đại diện tại ...": the
    /// place (`tại` a few words before the province) says where a mission or a group is based, not where the meeting is:
    /// neither the venue nor, for a bare `tỉnh` in a title, the province the article is about.
    static func namesWhereBased(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        let start = span.range.lowerBound
        let from = max(sentence.lowerBound + 1, start - 3)
        guard let at = (from..<max(from, start)).last(where: { tokens[$0].isWord(.tại) }) else { return false }
        var index = at - 1
        while index > sentence.lowerBound, at - index <= 5, tokens[index + 1].gap.isEmpty {
            let token = tokens[index], previous = tokens[index - 1]
            // `Nhóm công tác họp tại X`, `Đại sứ quán Nhật Bản tổ chức tại Hà Nội`: a meeting held there.
            if token.isLowercaseWord, BodyFacts.heldAtVerbs.contains(where: token.is) { return false }
            // `Tổng Lãnh sự Lào tại Đà Nẵng`, `Đại sứ Nhật Bản tại Việt Nam`: a mission's post, named with no one holding it.
            if token.isWord(.quán) && previous.is(.su) || token.isWord(.nhóm) || token.is(.su) && previous.isCapitalized && (previous.is(.lanh) || previous.is(.dai))
                || token.is(.dien) && token.isLowercaseWord && previous.is(.dai) && index >= sentence.lowerBound + 2
                    && (tokens[index - 2].is(.phong) || tokens[index - 2].is(.quan)) {
                return true
            }
            index -= 1
        }
        return false
    }

    /// The first host province, if any.
    var host: Int? { zip(provinces, roles).first { $0.1 == .host }?.0.unit }

    /// `Hội nghị`, `Hội thảo`, `Đại hội`, `kỳ họp`, `phiên họp`, `họp` at `index`.
    private static func namesMeeting(at index: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        guard index < sentence.upperBound else { return false }
        if tokens[index].is(.hop) { return true }
        guard index + 1 < sentence.upperBound else { return false }
        let (first, second) = (tokens[index], tokens[index + 1])
        return first.is(.hoi) && (second.is(.nghi) || second.is(.thao)) || first.is(.dai) && second.is(.hoi)
            || (first.is(.ky) || first.is(.phien)) && second.is(.hop)
    }

    /// The role one mention plays, and whether it is the sentence's venue. `basedThere` is ``namesWhereBased(_:in:tokens:)`` of the
    /// mention, found once for its aside too.
    private static func role(of span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, list: ListIntroduction, facts: SentenceFacts,
                             provinceTokens: [Bool], bridgeheads: Bool, basedThere: Bool) -> (role: MeetingRecord.ProvinceRole, isVenue: Bool) {
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
        // "vị này đề xuất ... như trường hợp bệnh nhân 1440 tại Vĩnh Long": a `tại` after a proposal or report in the sentence
        // (not speaking itself: `phát biểu chỉ đạo tại tỉnh X` hosts), neither leading a clause nor after a verb of holding
        // (`tổ chức tại`, `họp tại`), is a place spoken of.
        // The `tại` a few words before the province (`tại tỉnh X`, `tại thành phố X`).
        let atFrom = max(sentence.lowerBound + 1, start - 3)
        let nearAt = (atFrom..<max(atFrom, start)).last(where: atWord)
        func isSpokenOf() -> Bool {
            guard let at = nearAt else { return false }
            return !tokens[at].gap.starts(with: ",") && !BodyFacts.heldAtVerbs.contains(where: tokens[at - 1].is)
                && facts.speechCues.contains { $0 + 2 < at && !tokens[$0].is(.phat) && !tokens[$0].is(.tham) && !tokens[$0].is(.chia) }
        }
        // "tổ chức buổi làm việc để ... đưa đoàn tham dự Lễ kỷ niệm ... tại Thủ đô Hà Nội", "kế hoạch đưa 163 đại biểu tham dự
        // lễ kỷ niệm ... tại Hà Nội", "Hội nghị sẽ diễn ra ... tại X": the place of an event to come, which the meeting prepares.
        func isPlaceToCome() -> Bool {
            guard let at = nearAt else { return false }
            return Self.speaksOfEventToCome(before: at, in: sentence, tokens: tokens)
        }
        // "Tiếp (và làm việc với) Đoàn công tác tỉnh X, về phía tỉnh Y có ...": in a sentence that opens on the reception, the
        // side it names receives.
        let side = afterUnitWord ? start - 3 : start - 2
        if side > sentence.lowerBound, tokens[side].is(.ve), tokens[side + 1].is(.phia), tokens[side].isLowercaseWord,
           tokens[sentence.lowerBound].is(.tiep), tokens[sentence.lowerBound].isCapitalized {
            return (.host, false)
        }
        if atWord(start - 1) || afterUnitWord && !crossedList && (list.passedAt || introducer.map(atWord) ?? false), isTheVenue(), !isSpokenOf(),
           !isPlaceToCome(), !basedThere {
            return (.host, true)
        }
        // The province of the venue: named in the building's name (`tại Trung tâm Hội nghị tỉnh Vĩnh Long`), or right after
        // the place (`tại TP Vinh (Nghệ An)`, `tại thành phố Việt Trì, tỉnh Phú Thọ`); not a central body's seat.
        // Only the sentence's venue, or the province right after it (`tại Trung tâm Hội nghị tỉnh, tỉnh Ninh Bình tổ chức`);
        // a later `tại` is not the meeting's place (`tại Trụ sở Bộ ..., họp về sạt lở tại huyện X, tỉnh Y`).
        if !facts.atCentralVenue, !crossedList {
            let venueHere = isTheVenue()
            // `tại trụ sở Tỉnh ủy Bình Định`: the party committee's seat names its province too.
            let afterCommittee = start - 2 >= sentence.lowerBound && immediate(.uy) && (tokens[start - 2].is(.tinh) || tokens[start - 2].is(.thanh))
            let inBuilding = venueHere && (afterUnitWord || afterCommittee)
                && (facts.venue.map { $0.contains(start) && namesBuilding(at: $0.lowerBound, sentence, tokens: tokens) } ?? false)
            let inBrackets = venueHere && tokens[start].gap.is("(") && followsPlace(endingAt: start - 1, in: sentence, tokens: tokens)
            let afterComma = afterUnitWord && start - 2 >= sentence.lowerBound && tokens[start - 1].gap.is(",")
                && (facts.venue?.upperBound == start - 1 || venueHere && followsPlace(endingAt: start - 2, in: sentence, tokens: tokens))
            if inBuilding || inBrackets || afterComma || Self.unitWord(of: span, in: sentence, tokens: tokens).map({
                endsPlaceChain(unit: $0, in: sentence, tokens: tokens, venue: facts.venue, speechCues: facts.speechCues)
            }) ?? false {
                return (.host, true)
            }
        }
        // "Đại hội đại biểu Đảng bộ tỉnh X", "Đại hội đại biểu tỉnh X": the province's own congress.
        // `Đảng bộ TP HCM`: the unit word inside the province's name.
        // Not the goals of its resolution, cited (`các chỉ tiêu Nghị quyết Đại hội Đảng bộ tỉnh X, Nghị quyết Đại hội Đảng bộ tỉnh
        // Y`); a resolution studied (`quán triệt Nghị quyết Đại hội ...`) is the province's own.
        func citesResolution() -> Bool {
            start - 1 > sentence.lowerBound + 2 && (max(sentence.lowerBound + 2, start - 7)..<(start - 1)).contains { at in
                tokens[at].is(.dai) && tokens[at + 1].is(.hoi) && tokens[at - 2].is(.nghi) && tokens[at - 1].is(.quyet)
                    && (max(sentence.lowerBound, at - 20)..<(at - 2)).contains { goal in
                        goal + 1 < at - 2 && tokens[goal + 1].is(.tieu) && (tokens[goal].is(.chi) || tokens[goal].is(.muc))
                    }
            }
        }
        if facts.hasCongress,
           afterUnitWord && start >= 3 && [start - 2, start - 3].contains(where: { tokens[$0].is(.bo) || tokens[$0].is(.bieu) })
            || start - 2 >= sentence.lowerBound && immediate(.bo) && tokens[start - 2].is(.dang) && tokens[start].is(.tp),
           !citesResolution() {
            return (.host, false)
        }
        // Worked with at a central body's seat (`tại Văn phòng Chính phủ, Thủ tướng làm việc với lãnh đạo tỉnh X`):
        // X's leaders came to it, and take part; elsewhere the province worked with receives the visit.
        let workedWith: MeetingRecord.ProvinceRole = facts.atCentralVenue ? .discussant : .host
        if word(0, is: .voi) && word(1, is: .viec) && word(2, is: .lam) { return (workedWith, false) }
        // "làm việc với UBND tỉnh X", "làm việc với Ban Thường vụ Tỉnh ủy X": the body named before the province. Not a
        // delegation of X's (`làm việc với đoàn công tác tỉnh X`): X is the visitor there.
        var back = span.range.lowerBound - 1
        var throughDelegation = false
        while back >= sentence.lowerBound + 2, span.range.lowerBound - back <= 6, tokens[back + 1].gap.isEmpty {
            if tokens[back].is(.voi) && tokens[back - 1].is(.viec) && tokens[back - 2].is(.lam) {
                if throughDelegation { break }
                return (workedWith, false)
            }
            if tokens[back].is(.doan), back + 2 < span.range.lowerBound,
               tokens[back + 1].is(.cong), tokens[back + 2].is(.tac) {
                throughDelegation = true
            }
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
        // "UBND tỉnh Đồng Tháp họp phiên thường kỳ", "Tỉnh Cà Mau họp bàn ...": the province that meets hosts.
        let meetsAfter = after < sentence.upperBound && tokens[after].isMeetingVerb && tokens[after].gap.isEmpty
        if Self.isConveningPartner(span, in: sentence, tokens: tokens) { return (.discussant, false) }
        if convenedAfter || hostsAfter || meetsAfter || convenesWithPartner(span, in: sentence, tokens: tokens) || meetsVoters(span, in: sentence, tokens: tokens) {
            return (.host, false)
        }
        // "Ban Chấp hành Tỉnh đoàn Thanh Hóa khóa XIX tổ chức ...": the body that convenes, a few words on.
        let conveneWindow = span.range.upperBound..<max(span.range.upperBound, min(sentence.upperBound - 1, span.range.upperBound + 4))
        if let convenes = conveneWindow.first(where: {
            tokens[$0].is(.to) && tokens[$0 + 1].is(.chuc) && tokens[$0].isLowercaseWord
        }), !tokens[span.range.upperBound..<(convenes + 1)].contains(where: { !$0.gap.isEmpty }),
           // Only the body's own words between (`khóa XIX`): not `Hồ Chí Minh và thí điểm tổ chức mô hình ...`. After `đã` only
           // a meeting (`Ngành Giáo dục tỉnh Bắc Giang đã tổ chức Hội nghị`), not what a province is praised for (`đã tổ chức tiêm phòng`).
           !tokens[span.range.upperBound..<convenes].contains(where: { $0.isLowercaseWord && !$0.is(.khoa) && !$0.isWord(.đã) }),
           !tokens[span.range.upperBound..<convenes].contains(where: { $0.isWord(.đã) })
            || namesMeeting(at: convenes + 2, in: sentence, tokens: tokens) {
            return (.host, false)
        }
        if speaksAsSubject(span, in: sentence, tokens: tokens, facts: facts, provinceTokens: provinceTokens)
            || signsAsSubject(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            || signedBetween(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            || signedWith(span, in: sentence, tokens: tokens) { return (.discussant, false) }
        if convenesWithTheNext(span, in: sentence, tokens: tokens, provinceTokens: provinceTokens)
            || isVisitingDelegation(span, in: sentence, tokens: tokens) { return (.discussant, false) }
        return (.mentioned, false)
    }
}
