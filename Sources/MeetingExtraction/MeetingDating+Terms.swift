/// The years a term gives: a congress that opens one (`Đại hội ... nhiệm kỳ 2025-2030`) and an election's candidates
/// meeting before it, for a meeting whose text names no year of its own.
extension MeetingDating {
    /// `nhiệm kỳ 2025-2030` at `term` (the `nhiệm`): the term's first year, when the two years are a term's.
    private static func termStart(at term: Int, before end: Int, _ tokens: TokenizedText) -> Int? {
        guard term + 3 < end, tokens[term].is(.nhiem), tokens[term + 1].is(.ky) else { return nil }
        let first = tokens[term + 2], second = tokens[term + 3]
        guard first.hasDigits(4), second.hasDigits(4), second.gap.isDash, (2...5).contains(second.value - first.value),
              (1990...2100).contains(first.value) else { return nil }
        return Int(first.value)
    }

    /// Candidates for deputies of a new term (`người ứng cử đại biểu HĐND tỉnh khóa XX, nhiệm kỳ 2026-2031`, `các ứng
    /// cử viên đại biểu ...`) and the election's preparation (`triển khai công tác bầu cử đại biểu ...`) meet before it, held in the term's first spring (March to May) and prepared
    /// from the autumn before: the first year for a meeting in January to May, the year before for one in October to
    /// December. Not sitting deputies where they were elected (`nơi ông ứng cử`), not a Party's or the Front's own
    /// candidates (their congresses keep another calendar), not a by-election (`bổ sung`, anywhere in the lead).
    static func electionTermYear(_ layout: DocumentLayout, meetingMonth: Int) -> Int? {
        let tokens = layout.tokens
        let lead = layout.lead
        if lead.contains(where: { sentence in sentence.contains { $0 > sentence.lowerBound && tokens[$0].is(.sung) && tokens[$0 - 1].is(.bo) } }) {
            return nil
        }
        for sentence in lead {
            // `ứng cử (viên) đại biểu HĐND/Quốc hội`, `bầu cử đại biểu ...`; not `nơi ông ứng cử ...` nor `đại biểu dự Đại
            // hội` (a congress's delegates), nor the election's review (`tổng kết công tác bầu cử`), held after it.
            let review = sentence.contains { $0 > sentence.lowerBound && tokens[$0 - 1].is(.tong) && tokens[$0].is(.ket) }
            func isDeputiesCandidacy(_ at: Int) -> Bool {
                guard !review, at + 1 < sentence.upperBound, tokens[at].is(.ung) || tokens[at].is(.bau), tokens[at + 1].is(.cu) else { return false }
                let next = at + 2 < sentence.upperBound && tokens[at + 2].is(.vien) ? at + 3 : at + 2
                guard next + 1 < sentence.upperBound, tokens[next].is(.dai), tokens[next + 1].is(.bieu) else { return false }
                if next + 2 < sentence.upperBound, tokens[next + 2].is(.du) { return false }
                return !(max(sentence.lowerBound, at - 3)..<at).contains { tokens[$0].isWord(.nơi) }
            }
            // The election's own term, a few words on (`... đại biểu HĐND các cấp nhiệm kỳ 2026-2031`), not a congress's named
            // after it (`... và Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030`); not an election looked back on
            // (`kể từ cuộc bầu cử ...`, `sau bầu cử ...`).
            guard let candidates = sentence.first(where: isDeputiesCandidacy),
                  !(max(sentence.lowerBound, candidates - 3)..<candidates).contains(where: { tokens[$0].is(.tu) || tokens[$0].is(.sau) }),
                  let term = (candidates..<min(sentence.upperBound, candidates + 20)).first(where: { tokens[$0].is(.nhiem) }),
                  !tokens[candidates..<term].contains(where: { $0.is(.dai) && $0.isCapitalized || $0.is(.nghi) && $0.isCapitalized }),
                  let year = termStart(at: term, before: sentence.upperBound, tokens)
            else { continue }
            if meetingMonth <= 5 { return year }
            if meetingMonth >= 10 { return year - 1 }
            return nil
        }
        return nil
    }

    /// `Đại hội đại biểu Đảng bộ tỉnh ... nhiệm kỳ 2025-2030` in the headline or the lead: the term's first year, whether
    /// the lead holds the congress itself (``isHeld(congressAt:in:_:)``) and whether its term is of five years, which
    /// ``settlingYear(layout:meetingMonth:meetingDay:documentDates:)`` weighs against the month. Not `Nghị quyết Đại hội ...
    /// nhiệm kỳ 2020-2025`, a congress's resolution carried out in the years after it.
    static func congressTerm(_ layout: DocumentLayout) -> (firstYear: Int, held: Bool, fiveYears: Bool)? {
        let tokens = layout.tokens
        // The first mention, unless a later one says the congress is held (the headline names it, the lead holds it).
        var first: (firstYear: Int, held: Bool, fiveYears: Bool)?
        for sentence in layout.lead {
            for index in sentence where index + 1 < sentence.upperBound && tokens[index].is(.dai) && tokens[index].isCapitalized
                && tokens[index + 1].is(.hoi) && tokens[index + 1].gap.isEmpty {
                let resolution = (max(sentence.lowerBound, index - 3)..<index).contains { $0 + 1 < index && tokens[$0].is(.nghi) && tokens[$0 + 1].is(.quyet) }
                if resolution { continue }
                // `Đại hội` may end the sentence: an empty range then, never one that ends before it starts.
                for term in index..<max(index, min(sentence.upperBound - 3, index + 18)) where tokens[term].is(.nhiem) && tokens[term + 1].is(.ky) {
                    guard let year = termStart(at: term, before: sentence.upperBound, tokens) else { break }
                    let fiveYears = tokens[term + 3].value - tokens[term + 2].value == 5
                    if isHeld(congressAt: index, in: sentence, tokens) { return (year, true, fiveYears) }
                    if first == nil { first = (year, false, fiveYears) }
                    break
                }
            }
        }
        return first
    }

    /// `Đại hội` at `index` is the meeting itself: its holder's name just before the verb (`Đảng bộ xã Hòa Bình tổ chức Đại
    /// hội`, `... long trọng khai mạc Đại hội`), or the congress then opening or closing (`Đại hội ... nhiệm kỳ 2025-2030
    /// khai mạc`, `... đã diễn ra`). Not a plan, a directive or a script about it (`Chỉ thị về tổ chức Đại hội`, `thống nhất
    /// tổ chức Đại hội`, `kịch bản khai mạc Đại hội`).
    private static func isHeld(congressAt index: Int, in sentence: Range<Int>, _ tokens: TokenizedText) -> Bool {
        func isVerb(_ at: Int) -> Bool {
            at >= sentence.lowerBound && at + 1 < sentence.upperBound && tokens[at].isLowercaseWord
                && (tokens[at].is(.to) && tokens[at + 1].is(.chuc) || (tokens[at].is(.khai) || tokens[at].is(.be)) && tokens[at + 1].is(.mac)
                    || tokens[at].is(.dien) && tokens[at + 1].is(.ra))
        }
        // The holder's name ends capitalised (`Hòa Bình`, `Khánh Hòa`, `MTTQ`) before the verb and any words of ceremony
        // (`long trọng`, `trọng thể`, `chính thức`, `đã`).
        func followsHolder(_ at: Int) -> Bool {
            var before = at - 1
            while before >= sentence.lowerBound, tokens[before].isLowercaseWord, Self.ceremonyWords.contains(where: tokens[before].is) { before -= 1 }
            return before >= sentence.lowerBound && tokens[before].isCapitalized
        }
        // A plan or a request (`sẽ`, `dự kiến`, `kế hoạch`, `chuẩn bị`, `yêu cầu`, `Khi`, `vào quý I tới`) is no holding.
        if sentence.contains(where: { at in
            let token = tokens[at]
            guard token.isLowercaseWord || at == sentence.lowerBound else { return false }
            if token.is(.se) || token.is(.khi) { return true }
            if token.is(.toi), at + 1 == sentence.upperBound || !tokens[at + 1].gap.isEmpty { return true }
            guard at + 1 < sentence.upperBound else { return false }
            let next = tokens[at + 1]
            return token.is(.du) && next.is(.kien) || token.is(.ke) && next.is(.hoach) || token.is(.chuan) && next.is(.bi)
                || token.is(.yeu) && next.is(.cau)
        }) { return false }
        if isVerb(index - 2), followsHolder(index - 2) { return true }
        // `Đại hội đại biểu ... nhiệm kỳ 2025-2030 (đã, chính thức) khai mạc`: the verb right after the term's years.
        guard let term = (index..<sentence.upperBound).first(where: { tokens[$0].is(.nhiem) && $0 + 1 < sentence.upperBound && tokens[$0 + 1].is(.ky) }),
              term + 3 < sentence.upperBound else { return false }
        var after = term + 4
        while after < sentence.upperBound, tokens[after].isLowercaseWord, Self.ceremonyWords.contains(where: tokens[after].is), tokens[after].gap.isEmpty { after += 1 }
        return isVerb(after) && tokens[after].gap.isEmpty
    }

    /// Words of ceremony between a congress's holder or name and its verb.
    private static let ceremonyWords: [Word] = [.long, .trong, .the, .chinh, .thuc, .da]
}
