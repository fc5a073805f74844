/// Degrees written before a name, abbreviated (`PGS.TS.`, `ThS.`) or spelled out (`giáo sư, tiến sĩ`): the holder's
/// titles, never the end of the previous person's.
extension PersonFinder {
    /// Degrees from `index` on (`PGS, TS.`, `GS.TS`), then a name.
    func degreesBeforeName(_ tokens: TokenizedText, at index: Int, end: Int) -> Bool {
        var next = index
        while next < end, next - index < 8 {
            if Self.degrees.contains(where: tokens[next].is) {
                next += 1
            } else if let length = spelledDegree(tokens, at: next, end: end) {
                next += length
            } else {
                break
            }
            // "giáo sư, tiến sĩ A": degrees joined by a comma.
            if next < end, next > index, tokens[next].gap.is(","), Self.degrees.contains(where: tokens[next].is) || spelledDegree(tokens, at: next, end: end) != nil {
                continue
            }
            if next < end, !tokens[next].gap.isEmpty, !tokens[next].gap.is(".") { break }
        }
        return next > index && next < end && tokens[next].isCapitalized && lexicon.isSurname(tokens, next)
    }

    /// `giáo sư`, `phó giáo sư`, `tiến sĩ`, `thạc sĩ` spelled out at `index`: the words it takes.
    func spelledDegree(_ tokens: TokenizedText, at index: Int, end: Int) -> Int? {
        func word(_ at: Int, _ word: Word) -> Bool { at < end && tokens[at].is(word) && (at == index || tokens[at].gap.isEmpty) }
        if word(index, .pho), word(index + 1, .giao), word(index + 2, .su) { return 3 }
        if word(index, .giao) && word(index + 1, .su) || (word(index, .tien) || word(index, .thac)) && word(index + 1, .si) { return 2 }
        return nil
    }

    /// Academic and professional degrees written before a name (`TS.`, `ThS.`, `PGS.TS.`, `GS.`, `BS.`).
    static let degrees: [Word] = [.ts, .ths, .pgs, .gs, .bs]
}
