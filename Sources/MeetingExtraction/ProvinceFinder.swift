/// Finds province mentions, and the spans that look like one but are not (`Thái Bình Dương`).
struct ProvinceFinder {
    let gazetteer: Gazetteer

    func find(_ tokens: TokenizedText, in ranges: [Range<Int>]) -> [ProvinceSpan] {
        findWithBlocked(tokens, in: ranges).provinces
    }

    func findWithBlocked(_ tokens: TokenizedText, in ranges: [Range<Int>]) -> (provinces: [ProvinceSpan], blocked: [Range<Int>]) {
        var spans: [ProvinceSpan] = []
        spans.reserveCapacity(32)
        var blocked: [Range<Int>] = []
        for range in ranges {
            var index = range.lowerBound
            while index < range.upperBound {
                if let match = gazetteer.match(tokens, at: index), index + match.length <= range.upperBound {
                    if let unit = match.unit, !Self.namesSmallerUnit(tokens, before: index, from: range.lowerBound),
                       !Self.isOutletSuffix(tokens, at: index, from: range.lowerBound),
                       !Self.namesReporter(tokens, at: index, from: range.lowerBound),
                       !Self.endsCompanyName(tokens, at: index, from: range.lowerBound) {
                        spans.append(ProvinceSpan(range: index..<(index + match.length), unit: unit))
                    } else {
                        blocked.append(index..<(index + match.length))
                    }
                    index += match.length
                } else {
                    index += 1
                }
            }
        }
        return (spans, blocked)
    }

    /// A province named only in a photo caption ("... tại điểm cầu Cà Mau. Ảnh: ...") is still mentioned, but not one
    /// inside a name there ("Phó Thủ tướng Trương Hòa Bình chủ trì"), which no person finder reads: no capitalised
    /// word (other than an abbreviation such as UBND) just before.
    func findInCaptions(_ tokens: TokenizedText, _ captions: [Range<Int>]) -> [ProvinceSpan] {
        find(tokens, in: captions).filter { span in
            let start = span.range.lowerBound
            return start == 0 || !tokens[start - 1].isCapitalized || tokens[start - 1].isAllCaps || tokens[start].gap.hasNewline
        }
    }

    /// `VOV-TPHCM`, `TTXVN/Hà Nội` in a byline: the place of a news outlet's desk, joined to its capitals.
    static func isOutletSuffix(_ tokens: TokenizedText, at index: Int, from start: Int) -> Bool {
        index > start && tokens[index - 1].isAllCaps && !tokens[index - 1].is(.tp) && !tokens[index - 1].is(.tx) && !tokens[index].gap.hasSpace
            && (tokens[index].gap.is("-") || tokens[index].gap.is("/"))
    }

    /// `PV Thái Bình/VOV Miền Trung thông tin`: a reporter (`PV`, phóng viên) whose name is a province's.
    static func namesReporter(_ tokens: TokenizedText, at index: Int, from start: Int) -> Bool {
        index > start && tokens[index].gap.isEmpty && tokens[index - 1].is(.pv) && tokens[index - 1].isAllCaps
    }

    /// `Cty CP Giống cây trồng Kiên Giang`, `Tập đoàn ... Thái Bình`: the province ends a company's name (a few words
    /// after `Cty`, `Công ty` or `Tập đoàn`, with nothing but spaces between), unless `tỉnh` or `TP` says it is the
    /// province's own company (`Công ty Điện lực tỉnh Kiên Giang`), it stands apart (`công ty X (Nam Định)`), or a word of
    /// the prose comes between (`Công ty Hoa Sen đóng tại Hà Nội`, `Công ty X hỗ trợ Hà Tĩnh`): the place is named, not the
    /// company.
    static func endsCompanyName(_ tokens: TokenizedText, at index: Int, from start: Int) -> Bool {
        guard index > start, tokens[index].gap.isEmpty, !tokens[index - 1].is(.tinh), !tokens[index - 1].is(.tp), !tokens[index - 1].is(.pho)
        else { return false }
        var cursor = index - 1
        while cursor >= start, index - cursor <= 7 {
            let token = tokens[cursor]
            // `và`, `thành`, `tỉnh` join a company's own words too (`Xây dựng và Thương mại`, `Một thành viên`).
            if token.isLowercaseWord, token.isMeetingVerb || Spelled.proseInTrades.contains(where: token.isWord)
                && !token.isWord(.và) && !token.isWord(.thành) && !token.isWord(.tỉnh) {
                return false
            }
            if token.is(.cty) || token.is(.ty) && cursor > start && tokens[cursor - 1].is(.cong)
                || token.is(.doan) && cursor > start && tokens[cursor - 1].is(.tap) {
                return true
            }
            guard tokens[cursor].gap.isEmpty || tokens[cursor].gap.is("."), cursor > start else { return false }
            cursor -= 1
        }
        return false
    }

    /// `huyện Hòa Bình`, `xã Tân Phú`: the name is a district's or a commune's, not the province's.
    static func namesSmallerUnit(_ tokens: TokenizedText, before index: Int, from start: Int) -> Bool {
        guard index > start else { return false }
        let previous = tokens[index - 1]
        // Spelled exactly where the text has diacritics: `quận` is a district, `Hải quan` is customs.
        // "thành phố Hải Phòng" is the city; "phố Hải Phòng", "đường Hà Nội" are streets.
        let isCity = index - 1 > start && previous.isWord(.phố) && tokens[index - 2].isWord(.thành)
        if previous.isLowercaseWord && !isCity && Spelled.smallUnits.contains(where: previous.isWord) { return true }
        if index - 1 > start, Spelled.smallUnitPairs.contains(where: { tokens[index - 2].isWord($0.0) && previous.isWord($0.1) }) { return true }
        // "phường Nguyễn Thái Bình": the last words of a ward's or a commune's name, after a surname.
        if index - 1 > start, previous.isCapitalized, tokens[index].gap.isEmpty, previous.gap.isEmpty,
           Spelled.smallUnits.contains(where: tokens[index - 2].isWord), tokens[index - 2].isLowercaseWord {
            return true
        }
        // "hợp nhất hai xã Đồng Yên và Vĩnh Phúc", "các huyện Hồng Dân, Phước Long, Đông Hải, Hòa Bình": a later name of a
        // plural unit's list.
        if pluralSmallUnitListHolds(tokens, nameAt: index, from: start) { return true }
        // "hệ thống sông Sài Gòn – Đồng Nai": the second name of a river system joined by a dash.
        if tokens[index].gap.isDash, previous.isCapitalized {
            var first = index - 1
            while first > start, tokens[first - 1].isCapitalized, tokens[first].gap.isEmpty { first -= 1 }
            if first > start, tokens[first - 1].isWord(.sông) { return true }
        }
        return false
    }

    /// Whether the name at `index` follows others in a list (joined by commas or `và`) opened by a count or `các` and a
    /// smaller unit's word (`các huyện`, `hai xã`, `3 phường`). Walked back at most `listReach` tokens, so that a long
    /// run of names stays linear.
    private static func pluralSmallUnitListHolds(_ tokens: TokenizedText, nameAt index: Int, from start: Int) -> Bool {
        let listReach = 40
        var item = index
        while item - start >= 2, index - item < listReach {
            // Where the previous item ends: before `và`, or before the comma that opens this one.
            let end: Int
            if tokens[item - 1].is(.va), tokens[item - 1].isLowercaseWord, tokens[item].gap.isEmpty {
                end = item - 1
            } else if tokens[item].gap.is(",") {
                end = item
            } else {
                return false
            }
            guard end - 1 > start, tokens[end - 1].isCapitalized else { return false }
            var first = end - 1
            while first > start, tokens[first - 1].isCapitalized, tokens[first].gap.isEmpty, end - first < 4 { first -= 1 }
            if first - 1 > start, tokens[first].gap.isEmpty, tokens[first - 1].gap.isEmpty, tokens[first - 1].isLowercaseWord,
               Spelled.smallUnits.contains(where: tokens[first - 1].isWord) {
                let count = tokens[first - 2]
                return count.isNumber || count.isLowercaseWord && (count.isWord(.hai) || count.isWord(.ba) || count.isWord(.các))
            }
            item = first
        }
        return false
    }
}
