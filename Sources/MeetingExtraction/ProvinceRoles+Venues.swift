/// Venues: where a sentence says the meeting is held (`tại Trụ sở ...`, `tại TP Vinh`), and whether that is a central body's seat.
extension ProvinceRoles {
    /// Whether `end` ends a place named after `tại` (`tại TP Vinh`, `tại Thành phố Việt Trì`): capitalised words and unit
    /// words, no punctuation, back to it; and the `tại` leads a clause (`Sáng 5/10, tại TP Vinh`), as the meeting's place
    /// does, not a verb's (`đặt tại TP Quy Nhơn`).
    static func followsPlace(endingAt end: Int, in sentence: Range<Int>, tokens: TokenizedText) -> Bool {
        var index = end
        while index > sentence.lowerBound, end - index < 5, tokens[index].gap.isEmpty || tokens[index].gap.is("."),
              tokens[index].isCapitalized || [Word.tp, .thanh, .pho, .huyen, .quan, .thi, .xa].contains(where: tokens[index].is) {
            index -= 1
        }
        return index < end && tokens[index].isWord(.tại) && tokens[index].isLowercaseWord
            && (index == sentence.lowerBound || tokens[index].gap.starts(with: ","))
    }

    /// Whether the unit word at `unit` (`tỉnh`, `TP`, `thành phố`), after a comma, ends a chain of places that begins at
    /// the sentence's `tại`: `tại Hội trường 2/9, TP. Pleiku, tỉnh Gia Lai`, `tại xã Ia Grai, huyện Ia Grai, tỉnh Gia Lai`,
    /// `tổ chức tại Khách sạn Hoàng Anh, thành phố Pleiku, tỉnh Gia Lai`. Each part is capitalised words, unit words and
    /// numbers; the `tại` is the sentence's venue when it names a building, else leads a clause (`Tại huyện X, tỉnh Y,
    /// sáng 3/4, ...` too) after no report (`Theo báo cáo, tại xã X, huyện Y, tỉnh Z, mưa lớn ...` names a place spoken
    /// of). Not after a venue that is a province itself (`tại Hà Nội, tỉnh X ...`); an event's name (`tại Hội nghị ...,
    /// tỉnh X ký kết`) holds a lower-case word, which breaks the chain.
    static func endsPlaceChain(unit: Int, in sentence: Range<Int>, tokens: TokenizedText, venue: Range<Int>?, speechCues: [Int]) -> Bool {
        guard unit > sentence.lowerBound, tokens[unit].gap.is(",") else { return false }
        if let venue, !namesBuilding(at: venue.lowerBound, sentence, tokens: tokens) { return false }
        let placeWords: [Word] = [.tp, .thanh, .pho, .tinh, .huyen, .quan, .thi, .xa, .phuong, .tx, .so, .tran, .thon, .ap, .xom, .khu, .duong]
        var index = unit - 1
        var parts = 1
        while index >= sentence.lowerBound, unit - index <= 16 {
            // The building's own name (`Hội trường`, `Khách sạn`) may hold lower-case words.
            if let venue, venue.contains(index) { return true }
            let token = tokens[index]
            if token.isWord(.tại) && (token.isLowercaseWord || index == sentence.lowerBound) {
                guard venue == nil, index + 1 < unit, !speechCues.contains(where: { $0 < index }) else { return false }
                return index == sentence.lowerBound || token.gap.starts(with: ",")
            }
            guard token.isCapitalized || token.isNumber || placeWords.contains(where: token.is) else { return false }
            let gap = token.gap
            if gap.is(",") {
                parts += 1
                if parts > 4 { return false }
            } else if !(gap.isEmpty || gap.is(".") || gap.is("/") || gap.isDash) {
                return false
            }
            index -= 1
        }
        return false
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
}
