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
    let line: Int
    /// Offset of the token's first Unicode scalar in the normalised text.
    let offset: Int
    let hasDiacritics: Bool
    /// The document is written with diacritics, so this word must match a known spelling exactly
    /// (`Ban` is not `Bàn`); in a document without any, folded matching is all there is.
    var exactSpelling = false

    var isLowercaseWord: Bool { !isNumber && !isCapitalized }
    func gapContains(_ character: Character) -> Bool { gap.contains(character) }
    /// True when nothing but spaces (or a hyphen or dash inside a name) separates this token from the previous one.
    var joinsPrevious: Bool { gap.isEmpty && !gapHasNewline }
}

enum Tokenizer {
    static func tokenize(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        var index = 0
        var gap = String.UnicodeScalarView()
        var gapHasSpace = false
        var gapHasNewline = false
        var line = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                let start = index
                let numeric = scalar.properties.numericType != nil
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    if isWordScalar(next) && (next.properties.numericType != nil) == numeric {
                        index += 1
                    } else if numeric, next == "." || next == ",", index + 1 < scalars.count,
                              scalars[index + 1].properties.numericType != nil {
                        index += 2
                    } else if !numeric, (0x300...0x36F).contains(next.value) {
                        index += 1
                    } else if !numeric, next == "'" || next == "’", index + 1 < scalars.count, scalars[index + 1].properties.isAlphabetic,
                              index - start <= 2 {
                        // K'Thị, Ma'Nhung: an apostrophe inside a short prefix belongs to the word.
                        index += 1
                    } else {
                        break
                    }
                }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[start..<index])
                let text = String(word)
                let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
                tokens.append(Token(
                    text: text,
                    folded: Folding.fold(text),
                    isNumber: numeric,
                    isCapitalized: !numeric && scalars[start].properties.isUppercase,
                    isAllCaps: !numeric && letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase },
                    gap: String(gap), gapHasSpace: gapHasSpace, gapHasNewline: gapHasNewline,
                    line: line, offset: start,
                    hasDiacritics: text.unicodeScalars.contains { !$0.isASCII }))
                gap = String.UnicodeScalarView()
                gapHasSpace = false
                gapHasNewline = false
            } else {
                if scalar == "\n" {
                    gapHasNewline = true
                    line += 1
                } else if scalar.properties.isWhitespace {
                    gapHasSpace = true
                } else {
                    gap.append(scalar)
                }
                index += 1
            }
        }
        if tokens.contains(where: \.hasDiacritics) {
            for index in tokens.indices { tokens[index].exactSpelling = true }
        }
        return tokens
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }
}
