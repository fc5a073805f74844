/// Bridge points: the cues that name them (`điểm cầu`, `đầu cầu`) and the names that follow.
extension ProvinceRoles {
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

    /// Whether the document says `trực tuyến` anywhere.
    static func saysOnline(_ tokens: TokenizedText) -> Bool {
        (0..<max(0, tokens.count - 1)).contains { tokens[$0].is(.truc) && tokens[$0 + 1].is(.tuyen) }
    }

    /// Every bridge point's name as written, where it stands, in text order (`điểm cầu Trụ sở Chính phủ`).
    static func bridgePointNames(_ tokens: TokenizedText, sentences: [Range<Int>], lexicon: Lexicon, provinces: [ProvinceSpan],
                                 bridgeheads: Bool) -> [(location: String, range: Range<Int>)] {
        var names: [(location: String, range: Range<Int>)] = []
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
                names.append((words.joined(), index..<end))
            }
        }
        return names
    }
}
