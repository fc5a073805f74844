import Foundation

/// The tables the extractor reads: gazetteer and lexicons. Decoded once from the JSON files under
/// `Config/` (the caller reads the bytes; this target does no I/O) and shared by every extraction.
public struct ExtractionTables: Sendable {
    public let gazetteer: Gazetteer
    let lexicon: Lexicon
    let vocabulary: Vocabulary

    /// Decodes `Config/gazetteer.json` and `Config/lexicon.json`.
    public init(gazetteerJSON: Data, lexiconJSON: Data) throws {
        var vocabulary = Vocabulary()
        gazetteer = try Gazetteer(json: gazetteerJSON, vocabulary: &vocabulary)
        lexicon = try Lexicon(json: lexiconJSON, vocabulary: &vocabulary)
        self.vocabulary = vocabulary
    }
}

/// Why the tables could not be loaded.
public struct TableError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Word lists: surnames, honorifics, titles, cues, meeting kinds, organisations, topics, units.
struct Lexicon: Sendable {
    func isSurname(_ token: Token) -> Bool {
        surnames.contains(token.word) && (!token.exactSpelling || surnameSpellings.contains(token.spelling))
            || surnamePrefixes.contains { token.folded.hasPrefix($0) && token.folded.count > $0.count }
    }

    let surnames: Set<Int32>
    /// Surnames as written, lower-cased: `Trưởng` folds like `Trương` but is a title.
    let surnameSpellings: Set<Int32>
    /// Name beginnings that mark a surname in languages of the Central Highlands (`K'Thị`).
    let surnamePrefixes: [String]
    /// Places and other capitalised phrases that begin like a name (`Hàn Quốc`, `Phan Thiết`).
    let notNames: PhraseSet
    let honorifics: PhraseSet
    let titleHeads: PhraseSet
    let titleStops: PhraseSet
    let chairCues: PhraseSet
    let delegationCues: PhraseSet
    /// Verbs of speaking: a participant followed by one spoke for their province.
    let speechCues: PhraseSet
    /// Ranks and degrees written just before a name (`Thượng tá Kăn Hưởng`), which make it a name whatever its surname.
    let nameIntroducers: PhraseSet
    let meetingKinds: PhraseSet
    let kindStops: PhraseSet
    /// Lower-case words that make the capitalised words after them a place (`huyện Thạch Thất`, `sông Bạch Đằng`).
    let placeClassifiers: PhraseSet
    let organizationHeads: PhraseSet
    let topics: PhraseSet
    let topicNames: [String]
    let hybridCues: PhraseSet
    let onlineCues: PhraseSet
    let inPersonCues: PhraseSet
    let figureUnits: PhraseSet

    private struct File: Decodable {
        let surnamePrefixes: [String]
        let notNames: [String]
        let speechCues: [String]
        let nameIntroducers: [String]
        let placeClassifiers: [String]
        let surnames, honorifics, titleHeads, titleStops, chairCues, delegationCues: [String]
        let meetingKinds, kindStops, organizationHeads, topics, figureUnits: [String]
        let formatCues: [String: [String]]
    }

    init(json: Data, vocabulary: inout Vocabulary) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        surnames = Set(file.surnames.map { vocabulary.intern(folded: Folding.fold($0)) })
        surnameSpellings = Set(file.surnames.map { vocabulary.intern(spelled: $0.lowercased()) })
        surnamePrefixes = file.surnamePrefixes.map { Folding.fold($0) }
        notNames = PhraseSet(file.notNames, vocabulary: &vocabulary)
        speechCues = PhraseSet(file.speechCues, vocabulary: &vocabulary)
        nameIntroducers = PhraseSet(file.nameIntroducers, vocabulary: &vocabulary)
        honorifics = PhraseSet(file.honorifics, vocabulary: &vocabulary)
        titleHeads = PhraseSet(file.titleHeads, vocabulary: &vocabulary)
        titleStops = PhraseSet(file.titleStops, vocabulary: &vocabulary)
        chairCues = PhraseSet(file.chairCues, vocabulary: &vocabulary)
        delegationCues = PhraseSet(file.delegationCues, vocabulary: &vocabulary)
        meetingKinds = PhraseSet(file.meetingKinds, vocabulary: &vocabulary)
        kindStops = PhraseSet(file.kindStops, vocabulary: &vocabulary)
        placeClassifiers = PhraseSet(file.placeClassifiers, vocabulary: &vocabulary)
        organizationHeads = PhraseSet(file.organizationHeads, vocabulary: &vocabulary)
        topics = PhraseSet(file.topics, vocabulary: &vocabulary)
        topicNames = file.topics
        hybridCues = PhraseSet(file.formatCues["hybrid"] ?? [], vocabulary: &vocabulary)
        onlineCues = PhraseSet(file.formatCues["online"] ?? [], vocabulary: &vocabulary)
        inPersonCues = PhraseSet(file.formatCues["inPerson"] ?? [], vocabulary: &vocabulary)
        figureUnits = PhraseSet(file.figureUnits, vocabulary: &vocabulary)
    }
}

/// Multi-word phrases matched on folded tokens, longest first. In a document written with diacritics each
/// word must also be spelled as in the phrase (`chức` is not `chúc`).
struct PhraseSet: Sendable {
    private struct Phrase: Sendable {
        let words: [Int32]
        let spelled: [Int32]
        /// The phrase's position in the list it was built from.
        let id: Int
    }
    private var byFirstWord: [Int32: [Phrase]] = [:]

    init(_ phrases: [String], vocabulary: inout Vocabulary) {
        for (id, phrase) in phrases.enumerated() {
            let tokens = vocabulary.tokens(of: phrase)
            guard let first = tokens.first else { continue }
            byFirstWord[first.word, default: []].append(Phrase(words: tokens.map(\.word), spelled: tokens.map(\.spelling), id: id))
        }
        for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.words.count > $1.words.count } }
    }

    static func words(_ phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).map(\.folded)
    }

    @inline(__always)
    private static func same(_ token: Token, _ phrase: Phrase, _ offset: Int) -> Bool {
        token.word == phrase.words[offset] && (!token.exactSpelling || token.spelling == phrase.spelled[offset])
    }

    /// The length in tokens of the longest phrase starting at `index`, if any. Tokens must not be
    /// separated by a comma or the like.
    func match(_ tokens: [Token], at index: Int, end: Int? = nil) -> Int? {
        matchWithID(tokens, at: index, end: end)?.length
    }

    /// The longest phrase starting at `index`: its length in tokens and its position in the list.
    func matchWithID(_ tokens: [Token], at index: Int, end: Int? = nil) -> (length: Int, id: Int)? {
        guard index < tokens.count, tokens[index].word != Vocabulary.unknown, let candidates = byFirstWord[tokens[index].word] else { return nil }
        let limit = end ?? tokens.count
        outer: for phrase in candidates {
            guard index + phrase.words.count <= limit, Self.same(tokens[index], phrase, 0) else { continue }
            for offset in 1..<max(phrase.words.count, 1) where offset < phrase.words.count {
                let token = tokens[index + offset]
                if !Self.same(token, phrase, offset) || !(token.gap.isEmpty || token.gap == "." || token.gap == "-") || token.gapHasNewline {
                    continue outer
                }
            }
            return (phrase.words.count, phrase.id)
        }
        return nil
    }

    func contains(_ token: Token) -> Bool {
        guard token.word != Vocabulary.unknown else { return false }
        return byFirstWord[token.word]?.contains { $0.words.count == 1 && Self.same(token, $0, 0) } ?? false
    }
}
