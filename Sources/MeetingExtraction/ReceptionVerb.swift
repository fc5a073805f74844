/// `X tiếp đoàn ...`, `X đã tiếp và hội đàm với ...`, `X tiếp Đại sứ ...`: a reception, whose host is who receives.
/// Not `tiếp xúc`, `tiếp tục`, `tiếp nhận`, `trực tiếp`, `phát biểu tiếp Tờ trình`: only a `tiếp` with a guest after it.
/// `X có buổi tiếp xã giao đoàn ...` is one too.
enum ReceptionVerb {
    /// Each receiving `tiếp` in `sentences` (numbered from the first), in order, up to the first sentence that leads a
    /// delegation (`Đoàn kiểm tra do Thứ trưởng A làm trưởng đoàn ...`) before any reception: a reception said after that
    /// is a side note, which names neither the kind nor the chair; only a sentence that opens on `Tiếp` (`Tiếp đoàn tại trụ
    /// sở UBND tỉnh có ...`, `Đón và tiếp đoàn có ...`), naming who receives the delegation just led, still counts after it.
    static func cues(in sentences: ArraySlice<Range<Int>>, _ tokens: TokenizedText, lexicon: Lexicon) -> [(sentence: Int, cue: Int)] {
        var found: [(sentence: Int, cue: Int)] = []
        var delegationLed = false
        for (number, sentence) in sentences.enumerated() {
            let opening = openingCue(in: sentence, tokens, lexicon: lexicon)
            if let opening { found.append((number, opening)) }
            if delegationLed { continue }
            for cue in sentence where cue != opening && receives(tokens, at: cue, in: sentence, lexicon: lexicon) { found.append((number, cue)) }
            if found.isEmpty, sentence.contains(where: { lexicon.delegationCues.match(tokens, at: $0, end: sentence.upperBound) != nil }) { delegationLed = true }
        }
        return found
    }

    /// The `tiếp` of a sentence that opens on the reception: `Tiếp đoàn có ...`, `Tiếp và làm việc với Đoàn có ...`, or
    /// `Đón và tiếp đoàn có ...` (welcomed and received), the `tiếp` after `Đón và`.
    static func openingCue(in sentence: Range<Int>, _ tokens: TokenizedText, lexicon: Lexicon) -> Int? {
        let first = sentence.lowerBound
        guard first + 1 < sentence.upperBound, tokens[first].isCapitalized else { return nil }
        if receives(tokens, at: first, in: sentence, lexicon: lexicon, opening: true) { return first }
        guard first + 3 < sentence.upperBound, tokens[first].is(.don), tokens[first + 1].is(.va), tokens[first + 1].isLowercaseWord,
              tokens[first + 1].gap.isEmpty, receives(tokens, at: first + 2, in: sentence, lexicon: lexicon) else { return nil }
        return first + 2
    }

    /// Whether the lower-case `tiếp` at `index` receives someone: a delegation (`đoàn`, `nhóm`), an honorific, a title or a
    /// name, or `và hội đàm`, `và làm việc`, `xã giao` before them; `tiếp đón` the same.
    /// With `opening`, a capitalised `Tiếp` that opens the sentence (`Tiếp và làm việc với Đoàn có ...`) counts too.
    static func receives(_ tokens: TokenizedText, at index: Int, in sentence: Range<Int>, lexicon: Lexicon, opening: Bool = false) -> Bool {
        let token = tokens[index]
        guard token.is(.tiep), token.isLowercaseWord || opening && index == sentence.lowerBound && token.isCapitalized,
              index + 1 < sentence.upperBound else { return false }
        if index > sentence.lowerBound {
            let previous = tokens[index - 1]
            // `tại buổi tiếp` names the reception; `X có buổi tiếp đoàn` holds it.
            let held = index - 2 >= sentence.lowerBound && tokens[index - 2].is(.co) && tokens[index - 2].isLowercaseWord && previous.gap.isEmpty
            if previous.isLowercaseWord, previous.is(.truc) || previous.is(.lien) || previous.is(.ke) || previous.is(.buoi) && !held { return false }
        }
        var next = index + 1
        guard tokens[next].gap.isEmpty else { return false }
        func word(_ at: Int, _ word: Word) -> Bool { at < sentence.upperBound && tokens[at].is(word) && tokens[at].gap.isEmpty }
        if tokens[next].isLowercaseWord, word(next, .don), next + 1 < sentence.upperBound { next += 1 }
        if tokens[next].isLowercaseWord, word(next, .va) {
            return word(next + 1, .hoi) && word(next + 2, .dam) || word(next + 1, .lam) && word(next + 2, .viec)
        }
        if tokens[next].isLowercaseWord, word(next, .xa), word(next + 1, .giao) { return true }
        return namesGuest(tokens, at: next, in: sentence, lexicon: lexicon)
    }

    /// Whether a guest is named at `index`: a delegation (`đoàn`, `nhóm`), an honorific, a title or a name, one or several
    /// (`các ngài Đại sứ`, `các Đại sứ`, `các đoàn`).
    static func namesGuest(_ tokens: TokenizedText, at index: Int, in sentence: Range<Int>, lexicon: Lexicon) -> Bool {
        var at = index
        if tokens[at].isLowercaseWord, tokens[at].isWord(.các) || tokens[at].isWord(.những), at + 1 < sentence.upperBound, tokens[at + 1].gap.isEmpty {
            at += 1
        }
        if tokens[at].is(.doan) || tokens[at].is(.nhom) && tokens[at].isLowercaseWord { return true }
        if lexicon.honorifics.match(tokens, at: at, end: sentence.upperBound) != nil { return true }
        return tokens[at].isCapitalized && (lexicon.titleHeads.match(tokens, at: at, end: sentence.upperBound) != nil || lexicon.isSurname(tokens, at))
    }
}
