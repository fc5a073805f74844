/// Punctuation inside a body's name that a title runs through: a spaced dash (`Lao động - Thương binh và Xã hội`), a
/// comma (`Sở Văn hóa, Thể thao và Du lịch`), a term's years (`nhiệm kỳ 2020 - 2025`) and an abbreviation in brackets
/// (`Quân đội nhân dân (QĐND) Việt Nam`).
extension PersonFinder {
    /// A spaced dash inside a name of a body (`Lao động - Thương binh và Xã hội`): capitalised on both sides, and
    /// what follows is not a title (which would make the dash the one between a name and its titles).
    func isInnerDash(_ tokens: TokenizedText, at index: Int) -> Bool {
        // `Bí thư Đảng ủy nhiệm kỳ 2020 - 2025`: a term's years.
        if index >= 3, tokens[index].gap.isDash, tokens[index].hasDigits(4), tokens[index - 1].hasDigits(4), tokens[index - 2].is(.ky),
           tokens[index - 3].is(.nhiem) {
            return true
        }
        guard index > 0, tokens[index].gap.is("-") || tokens[index].gap.is("–"), tokens[index].isCapitalized, !tokens[index - 1].isNumber,
              !tokens[index].isAllCaps || tokens[index].length > 1 else { return false }
        return lexicon.titleHeads.match(tokens, at: index) == nil && !lexicon.isSurname(tokens, index)
    }

    /// A comma inside the name of a body: `Sở Văn hóa, Thể thao và Du lịch` (capitalised words joined by `và` after
    /// it, none a name or a title), `phòng, chống thiên tai`; `Ủy ban Văn hóa, Giáo dục Trần Hữu Nghĩa` (a field after it
    /// and then the name at `end`).
    func isInnerComma(_ tokens: TokenizedText, at index: Int, end: Int) -> Bool {
        guard index > 0, tokens[index].gap.is(","), index < end else { return false }
        if tokens[index - 1].is(.phong) && tokens[index].is(.chong) { return true }
        guard tokens[index - 1].isCapitalized || tokens[index - 1].isLowercaseWord, tokens[index].isCapitalized, !tokens[index].isAllCaps,
              !lexicon.isSurname(tokens, index), lexicon.titleHeads.match(tokens, at: index) == nil,
              lexicon.organizationHeads.match(tokens, at: index) == nil else { return false }
        var cursor = index + 1
        while cursor < end, cursor - index <= 4, tokens[cursor].gap.isEmpty || tokens[cursor].gap.is("&") {
            // `Bộ Văn hóa, Thể thao & Du lịch`: an ampersand for the `và`; not where a name follows the field (`Công ty
            // Xây dựng, Thương mại & Dịch vụ Hoàng Long`, a company's name, which a title does not run into).
            if tokens[cursor].gap.is("&") {
                guard tokens[cursor].isCapitalized else { return false }
                var after = cursor + 1
                if after < end, tokens[after].gap.isEmpty, tokens[after].isLowercaseWord { after += 1 }
                return !(after < end && tokens[after].gap.isEmpty && tokens[after].isCapitalized && lexicon.isSurname(tokens, after))
            }
            if tokens[cursor].is(.va) { return cursor + 1 < end && tokens[cursor + 1].isCapitalized && tokens[cursor + 1].gap.isEmpty }
            cursor += 1
        }
        // `Chủ nhiệm Ủy ban Văn hóa, Giáo dục Trần Hữu Nghĩa`: a field or two after the comma, then the name that `end` starts.
        return cursor == end && end < tokens.count && tokens[end].gap.isEmpty && lexicon.isSurname(tokens, end)
    }
}
