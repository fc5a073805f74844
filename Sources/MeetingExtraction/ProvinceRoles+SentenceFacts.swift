extension ProvinceRoles {
    /// What a sentence says once, whichever of its provinces is asked about.
    struct SentenceFacts {
        /// Where every bridge cue (`điểm cầu`, `đầu cầu` where it says the same, `kết nối trực tuyến đến các tỉnh`) appears.
        var bridgeCues: [Int] = []
        var firstBridgeCue: Int? { bridgeCues.first }
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
        /// Where the sentence first says someone attends: `dự` (`Tham dự buổi lễ có ...`), `có mặt`, `tham gia`.
        var firstAttendance: Int?
        /// The venue is a central body's seat (`tại Văn phòng Chính phủ`, `tại Trụ sở Trung ương Đảng`, `tại Nhà Quốc hội`).
        var atCentralVenue = false

        init() {}

        init(tokens: TokenizedText, sentence: Range<Int>, provinceTokens: [Bool], bridgeheads: Bool) {
            if let at = sentence.first(where: { ProvinceRoles.namesPlace(at: $0, sentence, tokens: tokens, provinceTokens: provinceTokens) }) {
                var end = at + 2
                // A building's name goes on over a dash (`tại Trung tâm Văn hóa - Nghệ thuật tỉnh An Giang`).
                let building = ProvinceRoles.namesBuilding(at: at, sentence, tokens: tokens)
                while end < sentence.upperBound && (tokens[end].gap.isEmpty || building && tokens[end].gap.isDash && tokens[end].isCapitalized) {
                    end += 1
                }
                venue = at..<end
                atCentralVenue = building && ProvinceRoles.isCentralVenue(at: at, sentence, tokens: tokens)
            }
            for index in sentence {
                if firstAttendance == nil, tokens[index].isWord(.dự)
                    || tokens[index].is(.mat) && index > sentence.lowerBound && tokens[index - 1].isWord(.có) && tokens[index].gap.isEmpty
                    || tokens[index].is(.gia) && index > sentence.lowerBound && tokens[index - 1].is(.tham) && tokens[index].gap.isEmpty {
                    firstAttendance = index
                }
                let word = Word(rawValue: tokens[index].word)
                if word == .hop { hasMeetingWord = true }
                guard let word, index + 1 < sentence.upperBound else { continue }
                let next = Word(rawValue: tokens[index + 1].word)
                if word == .dai && next == .hoi && tokens[index].isCapitalized { hasCongress = true }
                if ProvinceRoles.isBridgeCue(tokens, at: index, bridgeheads: bridgeheads) { bridgeCues.append(index) }
                // "kết nối trực tuyến đến các tỉnh: Khánh Hòa, Gia Lai", "Hội nghị được trực tuyến tới các tỉnh Khánh Hòa, Gia Lai":
                // bridge points named without `điểm cầu`.
                if firstBridgeCue == nil, word == .truc, next == .tuyen, index + 4 < sentence.upperBound,
                   tokens[index + 2].is(.den) || tokens[index + 2].is(.toi) || tokens[index + 2].is(.voi),
                   tokens[index + 3].is(.cac), tokens[index + 4].is(.tinh) || tokens[index + 4].is(.thanh) {
                    bridgeCues.append(index + 2)
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
}
