import Foundation

/// The tables the extractor reads: gazetteer and lexicons. Decoded once from the JSON files under
/// `Config/` (the caller reads the bytes; this target does no I/O) and shared by every extraction.
public struct ExtractionTables: Sendable {
    public let gazetteer: Gazetteer
    let lexicon: Lexicon

    /// Decodes `Config/gazetteer.json` and `Config/lexicon.json`.
    public init(gazetteerJSON: Data, lexiconJSON: Data) throws {
        gazetteer = try Gazetteer(json: gazetteerJSON)
        lexicon = try Lexicon(json: lexiconJSON)
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
        surnames.contains(token.folded) && (!token.exactSpelling || surnameSpellings.contains(token.text.lowercased()))
            || surnamePrefixes.contains { token.folded.hasPrefix($0) && token.folded.count > $0.count }
    }

    let surnames: Set<String>
    /// Surnames as written, lower-cased: `Trưởng` folds like `Trương` but is a title.
    let surnameSpellings: Set<String>
    /// Name beginnings that mark a surname in languages of the Central Highlands (`K'Thị`).
    let surnamePrefixes: [String]
    let honorifics: PhraseSet
    let titleHeads: PhraseSet
    let titleStops: PhraseSet
    let chairCues: PhraseSet
    let delegationCues: PhraseSet
    let participationCues: PhraseSet
    let meetingKinds: PhraseSet
    let kindStops: Set<String>
    let organizationHeads: PhraseSet
    let topics: [(folded: [String], text: String)]
    let figureUnits: PhraseSet

    private struct File: Decodable {
        let surnamePrefixes: [String]
        let surnames, honorifics, titleHeads, titleStops, chairCues, delegationCues, participationCues: [String]
        let meetingKinds, kindStops, organizationHeads, topics, figureUnits: [String]
    }

    init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        surnames = Set(file.surnames.map { Folding.fold($0) })
        surnameSpellings = Set(file.surnames.map { $0.lowercased() })
        surnamePrefixes = file.surnamePrefixes.map { Folding.fold($0) }
        honorifics = PhraseSet(file.honorifics)
        titleHeads = PhraseSet(file.titleHeads)
        titleStops = PhraseSet(file.titleStops)
        chairCues = PhraseSet(file.chairCues)
        delegationCues = PhraseSet(file.delegationCues)
        participationCues = PhraseSet(file.participationCues)
        meetingKinds = PhraseSet(file.meetingKinds)
        kindStops = Set(file.kindStops.map { Folding.fold($0) })
        organizationHeads = PhraseSet(file.organizationHeads)
        topics = file.topics.map { (PhraseSet.words($0), $0) }
        figureUnits = PhraseSet(file.figureUnits)
    }
}

/// Multi-word phrases matched on folded tokens, longest first.
struct PhraseSet: Sendable {
    private var byFirstWord: [String: [[String]]] = [:]
    /// The phrases' words lower-cased with their diacritics: a token written with diacritics must match these
    /// (`chức` is not `chúc`); one written without may match any.
    private var spelled: Set<String> = []

    init(_ phrases: [String]) {
        for phrase in phrases {
            let tokens = Tokenizer.tokenize(phrase)
            let words = tokens.map(\.folded)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(words)
            for token in tokens { spelled.insert(token.text.lowercased()) }
        }
        for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.count > $1.count } }
    }

    private func spellingMatches(_ token: Token) -> Bool {
        !token.exactSpelling || spelled.contains(token.text.lowercased())
    }

    static func words(_ phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).map(\.folded)
    }

    /// The length in tokens of the longest phrase starting at `index`, if any. Tokens must not be
    /// separated by a comma or the like.
    func match(_ tokens: [Token], at index: Int, end: Int? = nil) -> Int? {
        guard index < tokens.count, let candidates = byFirstWord[tokens[index].folded], spellingMatches(tokens[index]) else { return nil }
        let limit = end ?? tokens.count
        outer: for words in candidates {
            guard index + words.count <= limit else { continue }
            for offset in 1..<max(words.count, 1) where offset < words.count {
                let token = tokens[index + offset]
                if token.folded != words[offset] || !spellingMatches(token) || !(token.gap.isEmpty || token.gap == "." || token.gap == "-") || token.gapHasNewline {
                    continue outer
                }
            }
            return words.count
        }
        return nil
    }

    func contains(_ token: Token) -> Bool {
        spellingMatches(token) && (byFirstWord[token.folded]?.contains { $0.count == 1 } ?? false)
    }
}
