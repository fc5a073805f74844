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
        var gazetteer = try Gazetteer(json: gazetteerJSON, vocabulary: &vocabulary)
        var starts: [UInt32] = []
        let lexicon = try Lexicon(json: lexiconJSON, vocabulary: &vocabulary, firstBit: 2, phraseStarts: &starts)
        gazetteer.markStarts(bit: 1, in: &starts)
        vocabulary.phraseStarts = starts
        vocabulary.addSurfaceForms()
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.vocabulary = vocabulary
    }
}

/// Why the tables could not be loaded.
public struct TableError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Word lists: surnames, honorifics, titles, cues, meeting kinds, organisations, topics, units.
/// A class, so that the passes that hold it copy one reference rather than some eighty arrays.
final class Lexicon: Sendable {
    func isSurname(_ tokens: TokenizedText, _ index: Int) -> Bool {
        let token = tokens[index]
        if surnames.contains(token.word) && (!token.exactSpelling || surnameSpellings.contains(token.spelling)) { return true }
        guard token.hasApostrophe else { return false }
        let folded = tokens.folded(index)
        return surnamePrefixes.contains { folded.hasPrefix($0) && folded.count > $0.count }
    }

    let surnames: WordSet
    /// Surnames as written, lower-cased: `Trưởng` folds like `Trương` but is a title.
    let surnameSpellings: WordSet
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
    /// The topics' phrases: each topic's own name, then the other ways of writing one (`topicAliases`).
    let topics: PhraseSet
    /// Phrases with a topic's words that are not about it (`đơn vị bầu cử`, `môi trường hòa bình`): skipped whole.
    let notTopics: PhraseSet
    /// Each topic once, in the lexicon's order.
    let topicNames: [String]
    /// For each phrase of `topics`, the index of its topic in `topicNames`.
    let topicOfPhrase: [Int]
    let hybridCues: PhraseSet
    let onlineCues: PhraseSet
    let inPersonCues: PhraseSet
    /// The in-person cues that say so outright (`trực tiếp`, `tập trung`), as opposed to those that only name a
    /// venue (`tại hội trường`), which an online conference has too.
    let explicitInPersonCues: PhraseSet
    /// Phrases with a format word that say nothing of the meeting's format (`dịch vụ công trực tuyến`,
    /// `truyền hình trực tiếp`): skipped whole.
    let notFormatCues: PhraseSet
    let figureUnits: PhraseSet
    /// What a photo shows someone doing (`phát biểu`, `tặng hoa`, `dự hội nghị`): a short line of one sentence that only
    /// says so is a caption, whatever ends it.
    let photoActions: PhraseSet
    /// The five sets of format cues together, to find in one pass where any of them may start.
    let formatCues: PhraseBits

    private struct File: Decodable {
        let surnamePrefixes: [String]
        let notNames: [String]
        let speechCues: [String]
        let nameIntroducers: [String]
        let placeClassifiers: [String]
        let surnames, honorifics, titleHeads, titleStops, chairCues, delegationCues: [String]
        let meetingKinds, kindStops, organizationHeads, topics, figureUnits: [String]
        /// Other ways of writing a topic (`chính quyền địa phương 2 cấp`), each with the topic it names.
        let topicAliases: [String: String]?
        let notTopics: [String]?
        let photoActions: [String]?
        let formatCues: [String: [String]]
    }

    /// Decodes the lexicon, numbering its words in `vocabulary`, and gives each phrase set a bit of
    /// `Token.phraseStarts` from `firstBit` up, setting it in `phraseStarts` (one entry per word) for the words
    /// its phrases start with.
    init(json: Data, vocabulary: inout Vocabulary, firstBit: UInt32, phraseStarts: inout [UInt32]) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        let surnameTokens = file.surnames.compactMap { vocabulary.tokens(of: $0).tokens.first }
        surnames = WordSet(surnameTokens.map(\.word), count: vocabulary.folded.count)
        surnameSpellings = WordSet(surnameTokens.map(\.spelling), count: vocabulary.spelled.count)
        surnamePrefixes = file.surnamePrefixes.map { Folding.fold($0) }
        var bit = firstBit
        func phrases(_ list: [String]) -> PhraseSet {
            precondition(bit != 0, "more phrase sets than bits")
            defer { bit <<= 1 }
            return PhraseSet(list, bit: bit, vocabulary: &vocabulary)
        }
        notNames = phrases(file.notNames)
        speechCues = phrases(file.speechCues)
        nameIntroducers = phrases(file.nameIntroducers)
        honorifics = phrases(file.honorifics)
        titleHeads = phrases(file.titleHeads)
        titleStops = phrases(file.titleStops)
        chairCues = phrases(file.chairCues)
        delegationCues = phrases(file.delegationCues)
        meetingKinds = phrases(file.meetingKinds)
        kindStops = phrases(file.kindStops)
        placeClassifiers = phrases(file.placeClassifiers)
        organizationHeads = phrases(file.organizationHeads)
        let aliases = (file.topicAliases ?? [:]).sorted { $0.key < $1.key }
        topics = phrases(file.topics + aliases.map(\.key))
        var names = file.topics
        var topicOfPhrase = Array(names.indices)
        for (_, name) in aliases {
            if let index = names.firstIndex(of: name) {
                topicOfPhrase.append(index)
            } else {
                names.append(name)
                topicOfPhrase.append(names.count - 1)
            }
        }
        topicNames = names
        self.topicOfPhrase = topicOfPhrase
        notTopics = phrases(file.notTopics ?? [])
        hybridCues = phrases(file.formatCues["hybrid"] ?? [])
        onlineCues = phrases(file.formatCues["online"] ?? [])
        inPersonCues = phrases(file.formatCues["inPerson"] ?? [])
        explicitInPersonCues = phrases((file.formatCues["inPerson"] ?? []).filter { cue in
            let folded = Folding.fold(cue)
            return folded.contains("truc tiep") || folded.contains("tap trung")
        })
        notFormatCues = phrases(file.formatCues["notFormat"] ?? [])
        figureUnits = phrases(file.figureUnits)
        photoActions = phrases(file.photoActions ?? [])
        formatCues = PhraseBits([hybridCues, onlineCues, inPersonCues, explicitInPersonCues, notFormatCues])
        phraseStarts = Array(repeating: 0, count: vocabulary.folded.count)
        for set in [notNames, speechCues, nameIntroducers, honorifics, titleHeads, titleStops, chairCues, delegationCues, meetingKinds,
                    kindStops, placeClassifiers, organizationHeads, topics, notTopics, hybridCues, onlineCues, inPersonCues, explicitInPersonCues,
                    notFormatCues, figureUnits, photoActions] {
            set.markStarts(in: &phraseStarts)
        }
    }
}

/// Multi-word phrases matched on folded tokens, longest first. In a document written with diacritics each
/// word must also be spelled as in the phrase (`chức` is not `chúc`). Phrases are indexed by their first two
/// words, so a match tries only the phrases that can match (a set may hold fifty beginning `Phó`).
struct PhraseSet: Sendable {
    private struct Phrase: Sendable {
        /// Where the phrase's words start in `words` and `spellings`.
        let offset: Int32
        let length: Int32
        /// The phrase's position in the list it was built from.
        let id: Int32
    }
    /// The phrases of one second word (or the one-word phrases), a range of `phrases`, longest first.
    private struct Group: Sendable {
        let second: Int32
        let start: Int32
        let end: Int32
    }
    /// Per folded word number: the range of `groups` of the phrases starting with it (one-word phrases first,
    /// then by second word), or an empty range.
    private var groupStart: [Int32] = []
    private var groupEnd: [Int32] = []
    private var groups: [Group] = []
    private var phrases: [Phrase] = []
    private var words: [Int32] = []
    private var spellings: [Int32] = []
    /// What the phrase writes before a word: nothing; a comma (`Bộ Văn hóa, Thể thao và Du lịch`), which a text may
    /// write there too, or not; an ampersand (`Thể thao & Du lịch`), which a text must write.
    private enum Joint: UInt8 { case plain, comma, ampersand }
    /// Per word of `words`, its ``Joint``.
    private var jointBefore: [Joint] = []
    /// This set's bit in `Token.phraseStarts`, or 0.
    private let bit: UInt32
    /// Second word of a one-word phrase's group.
    private static let noSecond: Int32 = .min

    /// A set whose bit in `Token.phraseStarts` is `bit` (0 for none: every token is then looked up).
    init(_ list: [String], bit: UInt32 = 0, vocabulary: inout Vocabulary) {
        self.bit = bit
        var byFirstWord: [Int32: [(words: [Int32], spellings: [Int32], joints: [Joint], id: Int)]] = [:]
        for (id, phrase) in list.enumerated() {
            let tokens = vocabulary.tokens(of: phrase).tokens
            guard let first = tokens.first else { continue }
            let joints = tokens.indices.map { $0 == 0 ? Joint.plain : tokens[$0].gap.is(",") ? .comma : tokens[$0].gap.is("&") ? .ampersand : .plain }
            byFirstWord[first.word, default: []].append((tokens.map(\.word), tokens.map(\.spelling), joints, id))
        }
        groupStart = Array(repeating: 0, count: vocabulary.folded.count)
        groupEnd = Array(repeating: 0, count: vocabulary.folded.count)
        for (first, group) in byFirstWord.sorted(by: { $0.key < $1.key }) {
            groupStart[Int(first)] = Int32(groups.count)
            let longestFirst = group.enumerated().sorted { ($0.element.words.count, -$0.offset) > ($1.element.words.count, -$1.offset) }.map(\.element)
            let seconds = [Self.noSecond] + Array(Set(longestFirst.compactMap { $0.words.count > 1 ? $0.words[1] : nil })).sorted()
            for second in seconds {
                let members = longestFirst.filter { ($0.words.count > 1 ? $0.words[1] : Self.noSecond) == second }
                guard !members.isEmpty else { continue }
                let start = Int32(phrases.count)
                for phrase in members {
                    phrases.append(Phrase(offset: Int32(words.count), length: Int32(phrase.words.count), id: Int32(phrase.id)))
                    words += phrase.words
                    spellings += phrase.spellings
                    jointBefore += phrase.joints
                }
                groups.append(Group(second: second, start: start, end: Int32(phrases.count)))
            }
            groupEnd[Int(first)] = Int32(groups.count)
        }
    }

    /// This set's bit in `Token.phraseStarts`.
    var startBit: UInt32 { bit }

    /// Sets this set's bit for every word a phrase of the set starts with.
    func markStarts(in starts: inout [UInt32]) {
        for word in groupStart.indices where groupEnd[word] > groupStart[word] { starts[word] |= bit }
    }

    /// The length in tokens of the longest phrase starting at `index`, if any. Tokens must not be
    /// separated by a comma or the like.
    @inline(__always)
    func match(_ tokens: TokenizedText, at index: Int, end: Int? = nil) -> Int? {
        matchWithID(tokens, at: index, end: end)?.length
    }

    /// The longest phrase starting at `index`: its length in tokens and its position in the list.
    @inline(__always)
    func matchWithID(_ tokens: TokenizedText, at index: Int, end: Int? = nil) -> (length: Int, id: Int)? {
        guard index >= 0, index < tokens.count, bit == 0 || tokens[index].phraseStarts & bit != 0 else { return nil }
        return longestPhrase(tokens, at: index, end: end)
    }

    private func longestPhrase(_ tokens: TokenizedText, at index: Int, end: Int?) -> (length: Int, id: Int)? {
        let word = Int(tokens[index].word)
        guard word >= 0, word < groupStart.count else { return nil }
        var first = Int(groupStart[word])
        let last = Int(groupEnd[word])
        guard first < last else { return nil }
        let limit = end ?? tokens.count
        let firstToken = tokens[index]
        var singles: Group?
        if groups[first].second == Self.noSecond {
            singles = groups[first]
            first += 1
        }
        // Phrases of two words or more, among those whose second word is the next token's.
        if index + 1 < limit, first < last {
            let next = tokens[index + 1]
            if next.gap.isEmpty || next.gap.is(".") || next.gap.isDash || next.gap.is(",") || next.gap.is("&"), !next.gap.hasNewline,
               let group = groups[first..<last].first(where: { $0.second == next.word }) {
                for candidate in Int(group.start)..<Int(group.end) {
                    let phrase = phrases[candidate]
                    let offset = Int(phrase.offset)
                    let length = Int(phrase.length)
                    guard index + length <= limit, same(firstToken, offset) else { continue }
                    var matches = true
                    for position in 1..<length {
                        let token = tokens[index + position]
                        let joint = jointBefore[offset + position]
                        let joined = joint == .ampersand ? token.gap.is("&")
                            : token.gap.isEmpty || token.gap.is(".") || token.gap.isDash || joint == .comma && token.gap.is(",")
                        if !same(token, offset + position) || !joined || token.gap.hasNewline {
                            matches = false
                            break
                        }
                    }
                    if matches { return (length, Int(phrase.id)) }
                }
            }
        }
        if let singles {
            for candidate in Int(singles.start)..<Int(singles.end) where same(firstToken, Int(phrases[candidate].offset)) {
                return (1, Int(phrases[candidate].id))
            }
        }
        return nil
    }

    @inline(__always)
    private func same(_ token: Token, _ offset: Int) -> Bool {
        token.word == words[offset] && (!token.exactSpelling || token.isNumber || token.spelling == spellings[offset])
    }

    /// Whether the token alone is a phrase of the set.
    func contains(_ token: Token) -> Bool {
        guard bit == 0 || token.phraseStarts & bit != 0 else { return false }
        let word = Int(token.word)
        guard word >= 0, word < groupStart.count, groupStart[word] < groupEnd[word] else { return false }
        let singles = groups[Int(groupStart[word])]
        guard singles.second == Self.noSecond else { return false }
        return (Int(singles.start)..<Int(singles.end)).contains { same(token, Int(phrases[$0].offset)) }
    }
}

/// The bits of several phrase sets: whether a token may start a phrase of any of them.
struct PhraseBits: Sendable {
    let mask: UInt32

    init(_ sets: [PhraseSet]) {
        mask = sets.reduce(0) { $0 | $1.startBit }
    }

    @inline(__always)
    func mayStart(_ token: Token) -> Bool { token.phraseStarts & mask != 0 }
}
