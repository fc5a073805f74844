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
    /// Places and other capitalised phrases that begin like a name (`Hàn Quốc`, `Phan Thiết`).
    let notNames: PhraseSet
    let honorifics: PhraseSet
    let titleHeads: PhraseSet
    let titleStops: PhraseSet
    let chairCues: PhraseSet
    let delegationCues: PhraseSet
    let participationCues: PhraseSet
    /// Verbs of speaking: a participant followed by one spoke for their province.
    let speechCues: PhraseSet
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
        let placeClassifiers: [String]
        let surnames, honorifics, titleHeads, titleStops, chairCues, delegationCues, participationCues: [String]
        let meetingKinds, kindStops, organizationHeads, topics, figureUnits: [String]
        let formatCues: [String: [String]]
    }

    init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        surnames = Set(file.surnames.map { Folding.fold($0) })
        surnameSpellings = Set(file.surnames.map { $0.lowercased() })
        surnamePrefixes = file.surnamePrefixes.map { Folding.fold($0) }
        notNames = PhraseSet(file.notNames)
        speechCues = PhraseSet(file.speechCues)
        honorifics = PhraseSet(file.honorifics)
        titleHeads = PhraseSet(file.titleHeads)
        titleStops = PhraseSet(file.titleStops)
        chairCues = PhraseSet(file.chairCues)
        delegationCues = PhraseSet(file.delegationCues)
        participationCues = PhraseSet(file.participationCues)
        meetingKinds = PhraseSet(file.meetingKinds)
        kindStops = PhraseSet(file.kindStops)
        placeClassifiers = PhraseSet(file.placeClassifiers)
        organizationHeads = PhraseSet(file.organizationHeads)
        topics = PhraseSet(file.topics)
        topicNames = file.topics
        hybridCues = PhraseSet(file.formatCues["hybrid"] ?? [])
        onlineCues = PhraseSet(file.formatCues["online"] ?? [])
        inPersonCues = PhraseSet(file.formatCues["inPerson"] ?? [])
        figureUnits = PhraseSet(file.figureUnits)
    }
}

/// Multi-word phrases matched on folded tokens, longest first. In a document written with diacritics each
/// word must also be spelled as in the phrase (`chức` is not `chúc`).
struct PhraseSet: Sendable {
    private struct Phrase: Sendable {
        let folded: [String]
        let spelled: [String]
        /// The phrase's position in the list it was built from.
        let id: Int
    }
    private var byFirstWord: [String: [Phrase]] = [:]

    init(_ phrases: [String]) {
        for (id, phrase) in phrases.enumerated() {
            let tokens = Tokenizer.tokenize(phrase)
            guard let first = tokens.first else { continue }
            byFirstWord[first.folded, default: []].append(Phrase(folded: tokens.map(\.folded), spelled: tokens.map { $0.text.lowercased() }, id: id))
        }
        for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.folded.count > $1.folded.count } }
    }

    static func words(_ phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).map(\.folded)
    }

    private static func same(_ token: Token, _ phrase: Phrase, _ offset: Int) -> Bool {
        token.folded == phrase.folded[offset] && (!token.exactSpelling || token.text.lowercased() == phrase.spelled[offset])
    }

    /// The length in tokens of the longest phrase starting at `index`, if any. Tokens must not be
    /// separated by a comma or the like.
    func match(_ tokens: [Token], at index: Int, end: Int? = nil) -> Int? {
        matchWithID(tokens, at: index, end: end)?.length
    }

    /// The longest phrase starting at `index`: its length in tokens and its position in the list.
    func matchWithID(_ tokens: [Token], at index: Int, end: Int? = nil) -> (length: Int, id: Int)? {
        guard index < tokens.count, let candidates = byFirstWord[tokens[index].folded] else { return nil }
        let limit = end ?? tokens.count
        outer: for phrase in candidates {
            guard index + phrase.folded.count <= limit, Self.same(tokens[index], phrase, 0) else { continue }
            for offset in 1..<max(phrase.folded.count, 1) where offset < phrase.folded.count {
                let token = tokens[index + offset]
                if !Self.same(token, phrase, offset) || !(token.gap.isEmpty || token.gap == "." || token.gap == "-") || token.gapHasNewline {
                    continue outer
                }
            }
            return (phrase.folded.count, phrase.id)
        }
        return nil
    }

    func contains(_ token: Token) -> Bool {
        byFirstWord[token.folded]?.contains { $0.folded.count == 1 && Self.same(token, $0, 0) } ?? false
    }
}
