/// What comes before a province mention in its sentence, once past the list of provinces it may end ("điểm cầu các
/// tỉnh: A, B và C"): the word that introduces the list, and what the walk back to it passed.
///
/// Mentions are walked in text order, and a walk that reaches the previous mention of its list takes over that
/// mention's result instead of walking the list again: a list of n provinces costs n steps, not n².
struct ListIntroduction {
    /// The token just before the list, or nil when the list opens the sentence.
    let introducer: Int?
    /// The walk crossed another province of the list.
    let crossedList: Bool
    /// A colon, `như` or `gồm` introduces the list.
    let listIntroduced: Bool
    /// The walk passed `tại` ("tại tỉnh Đồng Nai"): the place where something is held.
    let passedAt: Bool

    private static let listWords = WordSet([Word.tinh, .thanh, .pho, .tp, .cac, .va, .tai, .o, .cung, .nhu, .gom, .la].map(\.rawValue),
                                           count: Word.allCases.count)

    /// Walks back from `span` to the start of `sentence` over province tokens and list words. `previous` is the
    /// mention just before `span` in the same sentence, if any, with its own walk.
    static func walk(_ span: ProvinceSpan, in sentence: Range<Int>, tokens: TokenizedText, provinceTokens: [Bool],
                     previous: (span: ProvinceSpan, walk: ListIntroduction)?) -> ListIntroduction {
        var cursor = span.range.lowerBound - 1
        var crossedList = false
        var listIntroduced = tokens[span.range.lowerBound].gap.starts(with: ":")
        var passedAt = false
        func introduces(_ token: Token) -> Bool { token.gap.starts(with: ":") || token.is(.nhu) || token.is(.gom) }
        while cursor >= sentence.lowerBound {
            let token = tokens[cursor]
            if introduces(token) { listIntroduced = true }
            if provinceTokens[cursor] {
                crossedList = true
                if let previous, cursor == previous.span.range.upperBound - 1, previous.span.range.lowerBound >= sentence.lowerBound {
                    // From here the walk is the previous mention's: its other tokens, then where its walk went.
                    for index in previous.span.range.lowerBound..<cursor where introduces(tokens[index]) { listIntroduced = true }
                    return ListIntroduction(introducer: previous.walk.introducer, crossedList: true,
                                            listIntroduced: listIntroduced || previous.walk.listIntroduced,
                                            passedAt: passedAt || previous.walk.passedAt)
                }
                cursor -= 1
                continue
            }
            if listWords.contains(token.word) && token.isLowercaseWord || token.is(.tp) {
                passedAt = passedAt || token.isWord(.tại)
                cursor -= 1
                continue
            }
            break
        }
        return ListIntroduction(introducer: cursor >= sentence.lowerBound ? cursor : nil, crossedList: crossedList,
                                listIntroduced: listIntroduced, passedAt: passedAt)
    }
}
