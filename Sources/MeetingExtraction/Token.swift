/// A word or number of the normalised text, with what separates it from the previous one.
struct Token {
    let text: String
    /// Lower-case ASCII form, for matching with or without diacritics.
    let folded: String
    let isNumber: Bool
    /// First letter upper-case (`Bình`, `UBND`).
    let isCapitalized: Bool
    /// Two or more letters, all upper-case (`UBND`, `HĐND`).
    let isAllCaps: Bool
    /// The characters between the previous token and this one, spaces removed (`,` `/` `.` `–`).
    let gap: String
    let gapHasSpace: Bool
    let gapHasNewline: Bool
    /// Offset of the token's first Unicode scalar in the normalised text.
    let offset: Int
    let hasDiacritics: Bool
    /// The document is written with diacritics, so this word must match a known spelling exactly
    /// (`Ban` is not `Bàn`); in a document without any, folded matching is all there is.
    var exactSpelling = false
    /// The folded word's number in the tables' ``Vocabulary``, or `Vocabulary.unknown`.
    var word: Int32 = -1
    /// The exact lower-case spelling's number, set only where spelling must match exactly.
    var spelling: Int32 = -1

    var isLowercaseWord: Bool { !isNumber && !isCapitalized }
    /// Whether the token is `word` (lower-case, with its diacritics): spelled exactly in a document written with
    /// diacritics (`tới` is not `tối`), compared by its folded form `folded` in one written without.
    func isWord(_ word: String, folded: String) -> Bool {
        exactSpelling ? folded == self.folded && (text == word || text.lowercased() == word) : self.folded == folded
    }

    /// Whether the separator before this token holds `scalar` (a stdlib scan, not Foundation's substring search).
    func gapHas(_ scalar: Unicode.Scalar) -> Bool { gap.unicodeScalars.contains(scalar) }
}

enum Tokenizer {
    static func tokenize(_ text: String) -> [Token] {
        tokenize(scalars: Array(text.unicodeScalars))
    }

    static func tokenize(scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        var index = 0
        var gap = String.UnicodeScalarView()
        var gapHasSpace = false
        var gapHasNewline = false
        var documentHasDiacritics = false
        var folded: [UInt8] = []
        folded.reserveCapacity(32)
        while index < scalars.count {
            let scalar = scalars[index]
            let kind = ScalarClass.of(scalar)
            if kind.isWordStart {
                let start = index
                let numeric = kind == .digit
                var hasDiacritics = false
                var word = String.UnicodeScalarView()
                word.append(scalar)
                folded.removeAll(keepingCapacity: true)
                Folding.appendFolded(scalar, to: &folded)
                if !scalar.isASCII { hasDiacritics = true }
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    let nextKind = ScalarClass.of(next)
                    if nextKind.isWordStart && (nextKind == .digit) == numeric {
                        word.append(next)
                        Folding.appendFolded(next, to: &folded)
                        if !next.isASCII { hasDiacritics = true }
                        index += 1
                    } else if numeric, next == "." || next == ",", index + 1 < scalars.count, ScalarClass.of(scalars[index + 1]) == .digit {
                        word.append(next)
                        word.append(scalars[index + 1])
                        folded.append(UInt8(next.value))
                        Folding.appendFolded(scalars[index + 1], to: &folded)
                        index += 2
                    } else if !numeric, nextKind == .mark {
                        word.append(next)
                        Folding.appendFolded(next, to: &folded)
                        hasDiacritics = true
                        index += 1
                    } else if !numeric, next == "'" || next == "’", index + 1 < scalars.count, ScalarClass.of(scalars[index + 1]).isLetter,
                              index - start <= 2 {
                        // K'Thị, Ma'Nhung: an apostrophe inside a short prefix belongs to the word.
                        word.append(next)
                        Folding.appendFolded(next, to: &folded)
                        index += 1
                    } else {
                        break
                    }
                }
                let text = String(word)
                let first = ScalarClass.of(scalars[start])
                var allCaps = !numeric
                var letters = 0
                for character in word where ScalarClass.of(character).isLetter {
                    letters += 1
                    if ScalarClass.of(character) != .upper { allCaps = false }
                }
                documentHasDiacritics = documentHasDiacritics || hasDiacritics
                tokens.append(Token(
                    text: text,
                    folded: String(decoding: folded, as: UTF8.self),
                    isNumber: numeric,
                    isCapitalized: !numeric && first == .upper,
                    isAllCaps: allCaps && letters >= 2,
                    gap: String(gap), gapHasSpace: gapHasSpace, gapHasNewline: gapHasNewline,
                    offset: start,
                    hasDiacritics: hasDiacritics))
                gap = String.UnicodeScalarView()
                gapHasSpace = false
                gapHasNewline = false
            } else {
                if scalar == "\n" {
                    gapHasNewline = true
                } else if kind == .space {
                    gapHasSpace = true
                } else {
                    gap.append(scalar)
                }
                index += 1
            }
        }
        if documentHasDiacritics {
            for index in tokens.indices { tokens[index].exactSpelling = true }
        }
        return tokens
    }
}

/// What a Unicode scalar is, for tokenising: looked up in a table for the scripts Vietnamese text uses.
enum ScalarClass: UInt8 {
    case other, space, digit, upper, lower, mark

    var isLetter: Bool { self == .upper || self == .lower }
    var isWordStart: Bool { self == .upper || self == .lower || self == .digit }

    static func of(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = Int(scalar.value)
        if value < table.count { return table[value] }
        return compute(scalar)
    }

    private static func compute(_ scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        if properties.numericType == .decimal { return .digit }
        if (0x300...0x36F).contains(scalar.value) { return .mark }
        if properties.isAlphabetic { return properties.isUppercase ? .upper : .lower }
        return .other
    }

    private static let table: [ScalarClass] = (0..<0x2000).map { value in
        Unicode.Scalar(UInt32(value)).map(compute) ?? .other
    }
}
