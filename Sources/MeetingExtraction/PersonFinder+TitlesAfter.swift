/// The titles written after a name (`Nguyễn Văn A, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy`, `A - Phó Chánh Văn phòng`,
/// `A là Phó Bí thư ...`), and where another person's name begins inside their run.
extension PersonFinder {
    /// A surname at `index` that begins another person's name inside a title's run: not a province, a title, a body,
    /// a name that is no one's (`Trần Phú` street) or a place's name.
    private func startsName(_ tokens: TokenizedText, at index: Int, end: Int, provinceAt: ProvinceIndex) -> Bool {
        tokens[index].isCapitalized && lexicon.isSurname(tokens, index) && provinceAt[index] == nil && !provinceAt.isInside(index)
            && index + 1 < end && isNameWord(tokens[index + 1]) && lexicon.titleHeads.match(tokens, at: index) == nil
            && lexicon.organizationHeads.match(tokens, at: index) == nil && lexicon.notNames.match(tokens, at: index) == nil
            && !isPlaceName(tokens, at: index) && !isUnitsYouthUnion(tokens, at: index)
    }

    /// The name starting at `index` is followed by titles of its own (`Trần Thị Cúc - Phó Chánh Văn phòng`), so that the
    /// person stands without what came before `và`.
    func hasOwnTitle(_ tokens: TokenizedText, nameAt index: Int, end: Int) -> Bool {
        var after = index + 1
        while after < end, after - index < 5, tokens[after].gap.isEmpty, isNameWord(tokens[after]) { after += 1 }
        return titleFollows(tokens, at: after, end: end)
    }

    /// A comma or a dash, then a title, at `index` (`..., Chủ tịch`, `- Phó Chánh Văn phòng`): a name ends before it.
    func titleFollows(_ tokens: TokenizedText, at index: Int, end: Int) -> Bool {
        index < end && (tokens[index].gap.starts(with: ",") || tokens[index].gap.isDash) && lexicon.titleHeads.match(tokens, at: index, end: end) != nil
    }

    /// Comma- or semicolon-separated titles after a name (`Nguyễn Văn A, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy`).
    func titlesAfter(_ tokens: TokenizedText, nameEnd: Int, sentenceEnd: Int, provinceAt: ProvinceIndex) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        // Where the titles joined by a spaced dash to the one being read begin: all of them belong to the name that may
        // follow (`A, Phó Thủ tướng Chính phủ - Bộ trưởng Bộ Ngoại giao B`).
        var dashJoinedFrom = 0
        // Where the titles after the last semicolon begin: a list's next item (`...; Bí thư Trung ương Đảng, Chánh Văn phòng
        // Trung ương Đảng B`), all of them the next name's when one follows (titles before it, `A, Ủy viên Trung ương Đảng;
        // Bí thư Tỉnh ủy; ...`, stay A's).
        var nextItemFrom = Int.max
        var start = nameEnd
        guard start < sentenceEnd else { return [] }
        let firstGap = tokens[start].gap
        // "ông A là Phó Bí thư Thường trực, Chủ tịch HĐND TP. Cần Thơ": the posts someone holds, said with `là`.
        let saidWithIs = firstGap.isEmpty && tokens[start].isWord(.là) && start + 1 < sentenceEnd && tokens[start + 1].gap.isEmpty
            && tokens[start + 1].isCapitalized && lexicon.titleHeads.match(tokens, at: start + 1, end: sentenceEnd) != nil
        if saidWithIs {
            start += 1
        } else {
            guard [",", "-", "–", "—", "(", ":"].contains(where: firstGap.starts) || firstGap.isEmpty && opensRunOnTitle(tokens, at: start, end: sentenceEnd)
            else { return [] }
        }
        while start < sentenceEnd {
            // "nguyên Ủy viên Bộ Chính trị": a former post, `nguyên` kept with it.
            // "TS. A, Nguyên Phó trưởng ban Dân vận Trung ương": written with a capital after the comma too.
            let head = isFormer(tokens, start, before: sentenceEnd)
                || tokens[start].isWord(.nguyên) && start + 1 < sentenceEnd && tokens[start + 1].gap.isEmpty
                    && lexicon.titleHeads.match(tokens, at: start + 1, end: sentenceEnd) != nil ? start + 1 : start
            // "Thượng tướng A, tân Bí thư Tỉnh ủy Gia Lai": a post newly taken, without the word that says so.
            if head == start, tokens[start].isWord(.tân), start + 1 < sentenceEnd, tokens[start + 1].gap.isEmpty,
               lexicon.titleHeads.match(tokens, at: start + 1, end: sentenceEnd) != nil {
                start += 1
                continue
            }
            // "...; PGS, TS. Lâm Quốc Bảo": a degree is written before its holder's name, not after another's (`ông A, TS,
            // Viện trưởng ...` is A's). "Đại sứ quán Hàn Quốc": a body whose name starts like a title.
            guard let titleLength = lexicon.titleHeads.match(tokens, at: head), !degreesBeforeName(tokens, at: head, end: sentenceEnd),
                  lexicon.organizationHeads.match(tokens, at: head, end: sentenceEnd).map({ $0 <= titleLength }) ?? true else { break }
            var end = head + 1
            while end < sentenceEnd {
                let token = tokens[end]
                if !token.gap.isEmpty && !token.gap.is(".") && !token.gap.is("-") && !token.gap.is("–") && !token.gap.is("&")
                    && !isInnerComma(tokens, at: end, end: sentenceEnd) && !tokens.isInnerBracket(at: end) { break }
                if token.gap.is("-") || token.gap.is("–"), token.gap.hasSpace, !isInnerDash(tokens, at: end) { break }
                // "Đại sứ Việt Nam tại Lào": a place after `tại` belongs to the title.
                if token.isWord(.tại), end + 1 < sentenceEnd, tokens[end + 1].isCapitalized, tokens[end + 1].gap.isEmpty,
                   lexicon.meetingKinds.match(tokens, at: end + 1) == nil {
                    end += 2
                    continue
                }
                if token.isLowercaseWord, stopAt(tokens, end) { break }
                // `và` before prose, a degree or a count (`... Đảng ủy xã Xuân Cẩm và 123 đại biểu`) ends the title; not between
                // two numbers of a body's name (`Ban Chỉ đạo 138 và 389 tỉnh`, `Khu phố 1 và 2`).
                // `và` before another title (`Bộ trưởng Bộ Quốc phòng và Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Hoàng Trung Hải`)
                // begins the next person's titles: one person's are joined by commas.
                // `A - Phó Chánh Văn phòng, Phó Bí thư Đảng ủy và Trần Thị Cúc - ...`: `và` before the next person's name ends A's.
                // The 2025 board `Ban Tuyên giáo và dân vận` is written with a lower-case `dân vận` too.
                if token.is(.va), end >= 2, end + 2 < sentenceEnd, tokens[end - 2].is(.tuyen), tokens[end - 1].is(.giao),
                   tokens[end + 1].is(.dan), tokens[end + 2].is(.van), tokens[end + 2].gap.isEmpty {
                    end += 3
                    continue
                }
                if token.is(.va), end + 1 < sentenceEnd, tokens[end + 1].isLowercaseWord || Self.degrees.contains(where: tokens[end + 1].is)
                    || tokens[end + 1].isNumber && !tokens[end - 1].isNumber
                    || tokens[end + 1].isCapitalized && lexicon.titleHeads.match(tokens, at: end + 1, end: sentenceEnd) != nil
                    || startsName(tokens, at: end + 1, end: sentenceEnd, provinceAt: provinceAt) && hasOwnTitle(tokens, nameAt: end + 1, end: sentenceEnd) { break }
                if startsName(tokens, at: end, end: sentenceEnd, provinceAt: provinceAt) {
                    // A title followed by another person's name belongs to that person, with those dashed to it.
                    return Array(chunks.prefix(min(dashJoinedFrom, nextItemFrom)))
                }
                end += 1
            }
            chunks.append(start..<end)
            // "Phó Chủ tịch - Tổng Thư ký UBTƯ MTTQ Việt Nam": a spaced dash joins titles as a comma does.
            let joinedByDash = end < sentenceEnd && tokens[end].gap.isDash && tokens[end].gap.hasSpace
                && lexicon.titleHeads.match(tokens, at: end) != nil
            guard end < sentenceEnd, tokens[end].gap.starts(with: ",") || tokens[end].gap.starts(with: ";") || joinedByDash else { break }
            if !joinedByDash { dashJoinedFrom = chunks.count }
            if tokens[end].gap.starts(with: ";") { nextItemFrom = chunks.count }
            start = end
        }
        return chunks
    }
}
