import Foundation
import MeetingModel

/// Vietnam's provincial-level units before and after the merger of 1 July 2025, with every
/// written form a report may use for them, matched on folded words.
public struct Gazetteer: Sendable {
    /// One provincial-level unit.
    public struct Unit: Sendable, Equatable {
        public let name: String
        public let code: Int
        public let isCity: Bool
        /// For a pre-merger unit, its successor; for a post-merger unit, itself.
        public let mergedInto: String
        /// The unit's name before a rename (`Thừa Thiên Huế` until 2024-12-31), and the last day it held.
        public let formerName: String?
        public let formerUntil: String?
        let commonWord: Bool
    }

    public let before2025: [Unit]
    public let from20250701: [Unit]
    /// The first day the 34 units are in force.
    public let mergerDate: String

    /// Written forms (numbered words and spellings), grouped by first word, longest first; `firstForm` gives, per folded
    /// word number, the index of the first form starting with it, or -1.
    private let forms: [Form]
    private let firstForm: [Int32]
    /// Per folded word number, whether a blocker starts with it: only a blocker can match a lower-case word.
    private let blockerStarts: [Bool]
    /// For each pre-merger unit, the index of its successor in `from20250701`.
    private let successor: [Int]
    /// For each 2025 unit, whether it is one old unit left whole (same name, same code, nothing merged in).
    private let continuesUnchanged: [Bool]
    /// The gazetteer's bit in `Token.phraseStarts`, or 0 before the tables number it.
    private var bit: UInt32 = 0

    private struct Form: Sendable {
        let words: [Int32]
        let spelled: [Int32]
        /// The pre-merger unit's index, or nil for a blocker such as `Thái Bình Dương`.
        let unit: Int?
    }

    private struct File: Decodable {
        struct Entry: Decodable {
            let name: String
            let code: Int
            let kind: String
            let forms: [String]
            let commonWord: Bool
            let mergedInto: String?
            let formerName: String?
            let formerUntil: String?
        }
        let mergerDate: String
        let before2025: [Entry]
        let from20250701: [Entry]
        let blockers: [String]
    }

    /// Decodes the gazetteer alone (its words numbered in a vocabulary of its own).
    public init(json: Data) throws {
        var vocabulary = Vocabulary()
        try self.init(json: json, vocabulary: &vocabulary)
    }

    init(json: Data, vocabulary: inout Vocabulary) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        func unit(_ entry: File.Entry) -> Unit {
            Unit(name: entry.name, code: entry.code, isCity: entry.kind == "city", mergedInto: entry.mergedInto ?? entry.name,
                 formerName: entry.formerName, formerUntil: entry.formerUntil, commonWord: entry.commonWord)
        }
        before2025 = file.before2025.map(unit)
        from20250701 = file.from20250701.map(unit)
        mergerDate = file.mergerDate
        guard before2025.count == 63, from20250701.count == 34 else {
            throw TableError(description: "gazetteer has \(before2025.count) units before 2025 and \(from20250701.count) after; expected 63 and 34")
        }
        let newUnits = from20250701
        successor = try before2025.map { old in
            guard let index = newUnits.firstIndex(where: { $0.name == old.mergedInto }) else {
                throw TableError(description: "gazetteer maps \(old.name) to \(old.mergedInto), which is not one of the 34 units")
            }
            return index
        }
        let successor = successor
        let before2025 = before2025
        continuesUnchanged = newUnits.indices.map { newIndex in
            let predecessors = before2025.indices.filter { successor[$0] == newIndex }
            return predecessors.count == 1 && before2025[predecessors[0]].name == newUnits[newIndex].name
                && before2025[predecessors[0]].code == newUnits[newIndex].code
        }

        var forms: [Int32: [Form]] = [:]
        for (index, entry) in file.before2025.enumerated() {
            for form in entry.forms {
                let tokens = vocabulary.tokens(of: form).tokens
                guard let first = tokens.first else { continue }
                forms[first.word, default: []].append(Form(words: tokens.map(\.word), spelled: tokens.map(\.spelling), unit: index))
            }
        }
        for blocker in file.blockers {
            let tokens = vocabulary.tokens(of: blocker).tokens
            guard let first = tokens.first else { continue }
            let words = tokens.map(\.word)
            // A blocker replaces a form written the same way (bare `Hồ Chí Minh` is the man, not the city).
            forms[first.word] = forms[first.word]?.filter { $0.words != words }
            forms[first.word, default: []].append(Form(words: words, spelled: tokens.map(\.spelling), unit: nil))
        }
        var flat: [Form] = []
        var firstForm = [Int32](repeating: -1, count: vocabulary.folded.count)
        for (first, group) in forms.sorted(by: { $0.key < $1.key }) {
            firstForm[Int(first)] = Int32(flat.count)
            flat += group.sorted { $0.words.count > $1.words.count }
        }
        self.forms = flat
        self.firstForm = firstForm
        var blockerStarts = [Bool](repeating: false, count: vocabulary.folded.count)
        for form in flat where form.unit == nil { blockerStarts[Int(form.words[0])] = true }
        self.blockerStarts = blockerStarts
    }

    /// A province (pre-merger index) or blocker found at a token.
    struct Match {
        let length: Int
        let unit: Int?
    }

    /// Takes `bit` as the gazetteer's, and sets it for every word a written form starts with.
    mutating func markStarts(bit: UInt32, in starts: inout [UInt32]) {
        self.bit = bit
        for (word, first) in firstForm.enumerated() where first >= 0 { starts[word] |= bit }
    }

    @inline(__always)
    func match(_ tokens: TokenizedText, at index: Int) -> Match? {
        guard bit == 0 || tokens[index].phraseStarts & bit != 0 else { return nil }
        return longestForm(tokens, at: index)
    }

    private func isBlockerStart(_ word: Int32) -> Bool {
        word >= 0 && Int(word) < blockerStarts.count && blockerStarts[Int(word)]
    }

    /// The longest written form starting at `index`, checked for capitalisation and, in a document written with
    /// diacritics, for spelling (`Đắc Lắc` and `Đăk Lăk` are forms; `Đặc Lạc` is not).
    private func longestForm(_ tokens: TokenizedText, at index: Int) -> Match? {
        let first = tokens[index]
        let word = Int(first.word)
        guard !first.isNumber, word >= 0, word < firstForm.count, firstForm[word] >= 0 else { return nil }
        // "thành phố Hồ Chí Minh": the city's full name, written with a lower-case "thành phố", where the name alone
        // is blocked (the man's name). Other cities' mentions start at their names, as the role rules expect.
        let lowercaseCity = !first.isCapitalized && first.is(.thanh) && index + 2 < tokens.count && tokens[index + 1].is(.pho)
            && tokens[index + 2].isCapitalized && isBlockerStart(tokens[index + 2].word)
            && longestForm(tokens, at: index + 2).map { $0.unit == nil } == true
        guard first.isCapitalized || lowercaseCity || blockerStarts[word] else { return nil }
        var candidateIndex = Int(firstForm[word])
        outer: while candidateIndex < forms.count, forms[candidateIndex].words[0] == first.word {
            let candidate = forms[candidateIndex]
            candidateIndex += 1
            let end = index + candidate.words.count
            guard end <= tokens.count else { continue }
            for offset in 1..<candidate.words.count {
                let token = tokens[index + offset]
                guard token.word == candidate.words[offset], !token.gap.hasNewline,
                      token.gap.isEmpty || token.gap.isDash || token.gap.is(".") else { continue outer }
            }
            guard let unitIndex = candidate.unit else {
                // A blocker counts however it is spelled.
                return Match(length: candidate.words.count, unit: nil)
            }
            guard first.isCapitalized || lowercaseCity else { continue }
            let span = tokens[index..<end]
            if before2025[unitIndex].commonWord && !span.allSatisfy(\.isCapitalized) { continue }
            if first.exactSpelling && !zip(span, candidate.spelled).allSatisfy({ $0.spelling == $1 }) { continue }
            return Match(length: candidate.words.count, unit: unitIndex)
        }
        return nil
    }

    /// A unit as a report of its time names it.
    public struct Canonical: Sendable, Equatable {
        public let name: String
        public let code: Int
        public let mergedInto: String
        public let mergedIntoCode: Int
        /// A 2025 unit that is not the old unit of the same name (see ``MeetingRecord/ProvinceMention/formedIn2025``).
        public let formedIn2025: Bool
    }

    /// The unit to report for a pre-merger unit in an article of `date` (ISO; nil when unknown).
    func canonical(_ index: Int, on date: String?) -> Canonical {
        let old = before2025[index]
        let new = from20250701[successor[index]]
        if let date, date.utf8.count == 10, date >= mergerDate {
            return Canonical(name: new.name, code: new.code, mergedInto: new.name, mergedIntoCode: new.code,
                             formedIn2025: !continuesUnchanged[successor[index]])
        }
        if let formerName = old.formerName, let until = old.formerUntil, date.map({ $0.utf8.count == 10 && $0 <= until }) ?? true {
            return Canonical(name: formerName, code: old.code, mergedInto: old.mergedInto, mergedIntoCode: new.code, formedIn2025: false)
        }
        return Canonical(name: old.name, code: old.code, mergedInto: old.mergedInto, mergedIntoCode: new.code, formedIn2025: false)
    }
}
