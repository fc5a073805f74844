/// The post someone takes at the meeting, written after their name (`X được bầu làm Chủ tịch`) rather than as a title
/// before or after it.
extension PersonFinder {
    /// The post someone is appointed or elected to, written after the name and `được` (`X được chỉ định giữ chức Bí thư
    /// Đảng ủy phường`, `X được bầu làm Chủ tịch`, `X tiếp tục được bổ nhiệm Phó Giám đốc Sở`) or held (`bầu ông X giữ chức
    /// vụ Phó Chủ tịch`): the title after `giữ chức`,
    /// `làm`, `bổ nhiệm`, `chỉ định` or `bầu`, up to the clause's end, a stop word, `và` or the term (`nhiệm kỳ`).
    func appointedTitle(_ tokens: TokenizedText, nameEnd: Int, sentenceEnd: Int) -> Range<Int>? {
        var index = nameEnd
        func isLowercase(_ at: Int, _ word: Word) -> Bool { at < sentenceEnd && tokens[at].is(word) && tokens[at].isLowercaseWord && tokens[at].gap.isEmpty }
        if isLowercase(index, .tiep), isLowercase(index + 1, .tuc) { index += 2 }
        // `bầu ông X giữ chức vụ Phó Chủ tịch HĐND xã`: the post follows the name at once.
        let holds = isLowercase(index, .giu) && isLowercase(index + 1, .chuc)
        guard holds || isLowercase(index, .duoc) else { return nil }
        if !holds { index += 1 }
        func introduces(_ at: Int) -> Bool {
            func word(_ back: Int, _ expected: Word) -> Bool { at - back >= nameEnd && tokens[at - back].is(expected) && tokens[at - back].isLowercaseWord }
            return word(1, .lam) || word(1, .bau) || word(2, .giu) && word(1, .chuc) || word(3, .giu) && word(2, .chuc) && word(1, .vu)
                || word(2, .bo) && word(1, .nhiem) || word(2, .chi) && word(1, .dinh)
        }
        var head: Int?
        for at in index..<min(sentenceEnd, index + 6) {
            guard tokens[at].gap.isEmpty else { break }
            if tokens[at].isCapitalized {
                if introduces(at), lexicon.titleHeads.match(tokens, at: at, end: sentenceEnd) != nil { head = at }
                break
            }
            // Only the words of appointing: not `được cho thôi giữ chức`, `được đề nghị bầu làm`, `được quy hoạch làm`.
            guard tokens[at].isLowercaseWord, Self.appointingWords.contains(where: tokens[at].is) else { break }
        }
        guard let head else { return nil }
        var end = head + 1
        while end < sentenceEnd {
            let token = tokens[end]
            if !token.gap.isEmpty && !((token.gap.is(".") || token.gap.is("-")) && !token.gap.hasSpace) { break }
            // `và` before a capitalised word goes on inside a body's name (`Sở Kế hoạch và Đầu tư`), not before a person's.
            let joinsBody = token.is(.va) && end + 1 < sentenceEnd && tokens[end + 1].isCapitalized
                && !(lexicon.isSurname(tokens, end + 1) && lexicon.notNames.match(tokens, at: end + 1, end: sentenceEnd) == nil)
            if token.isLowercaseWord, token.is(.va) && !joinsBody || Self.appointedTitleEnds.contains(where: token.is)
                || token.isWord(.từ) || token.isWord(.kể) || stopAt(tokens, end) { break }
            if token.is(.nhiem), end + 1 < sentenceEnd, tokens[end + 1].is(.ky) { break }
            end += 1
        }
        return head..<end
    }

    /// The words between `được` and the post: `chỉ định`, `bầu`, `bổ nhiệm`, `giữ chức (vụ)`, `làm`, `tái`, `hiệp thương`.
    private static let appointingWords: [Word] = [.chi, .dinh, .bau, .bo, .nhiem, .giu, .chuc, .vu, .lam, .tai, .hiep, .thuong]
    /// Lower-case words that end an appointed post: `thay ông ...`, `sau ...`, an honorific, `năm`, `giai đoạn` (and `từ`,
    /// `kể`, spelled so: `kể từ ngày`, not `Đầu tư`).
    private static let appointedTitleEnds: [Word] = [.thay, .sau, .ong, .ba, .nam, .giai]
}
