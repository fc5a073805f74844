/// Every word the tables know, numbered: folded forms (`dak`) and exact lower-case spellings (`đắk`).
/// Tokens carry these numbers, so matching a phrase compares integers instead of hashing strings.
struct Vocabulary: Sendable {
    static let unknown: Int32 = -1

    private(set) var folded: [String: Int32] = [:]
    private(set) var spelled: [String: Int32] = [:]

    /// The number of a folded word, adding it when new.
    mutating func intern(folded word: String) -> Int32 {
        if let id = folded[word] { return id }
        let id = Int32(folded.count)
        folded[word] = id
        return id
    }

    /// The number of an exact lower-case spelling, adding it when new.
    mutating func intern(spelled word: String) -> Int32 {
        if let id = spelled[word] { return id }
        let id = Int32(spelled.count)
        spelled[word] = id
        return id
    }

    /// Tokenises a table phrase, numbering its words.
    mutating func tokens(of phrase: String) -> [Token] {
        var tokens = Tokenizer.tokenize(phrase)
        for index in tokens.indices {
            tokens[index].word = intern(folded: tokens[index].folded)
            tokens[index].spelling = intern(spelled: tokens[index].text.lowercased())
        }
        return tokens
    }

    /// Gives each token of a document the numbers of its word and spelling, or `unknown`.
    func annotate(_ tokens: inout [Token]) {
        for index in tokens.indices {
            tokens[index].word = folded[tokens[index].folded] ?? Self.unknown
            if tokens[index].exactSpelling {
                let text = tokens[index].text
                let lower = tokens[index].isCapitalized || tokens[index].isAllCaps ? Folding.lowercase(text) : text
                tokens[index].spelling = spelled[lower] ?? Self.unknown
            }
        }
    }
}
