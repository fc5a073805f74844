import Foundation

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

    /// Written forms (folded words) to the unit they name; `nil` marks a blocker such as `Thái Bình Dương`.
    private let forms: [String: [(words: [String], unit: Int?)]]
    /// For each unit, the lower-cased written forms with diacritics, to reject a folded match whose diacritics differ.
    private let spellings: [Int: Set<String>]

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

    public init(json: Data) throws {
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
        let newNames = Set(from20250701.map(\.name))
        for old in before2025 where !newNames.contains(old.mergedInto) {
            throw TableError(description: "gazetteer maps \(old.name) to \(old.mergedInto), which is not one of the 34 units")
        }

        let blockers = Set(file.blockers.map { PhraseSet.words($0) })
        var forms: [String: [(words: [String], unit: Int?)]] = [:]
        var spellings: [Int: Set<String>] = [:]
        for (index, entry) in file.before2025.enumerated() {
            for form in entry.forms {
                let words = PhraseSet.words(form)
                guard let first = words.first, !blockers.contains(words) else { continue }
                if !(forms[first]?.contains { $0.words == words } ?? false) {
                    forms[first, default: []].append((words, index))
                }
                spellings[index, default: []].insert(Self.spelling(Tokenizer.tokenize(form)[...]))
            }
        }
        for blocker in blockers {
            forms[blocker[0], default: []].append((blocker, nil))
        }
        for key in forms.keys { forms[key]!.sort { $0.words.count > $1.words.count } }
        self.forms = forms
        self.spellings = spellings
    }

    static func spelling(_ tokens: ArraySlice<Token>) -> String {
        tokens.map { $0.text.lowercased() }.joined(separator: " ")
    }

    /// A province (pre-merger index) or blocker found at a token.
    struct Match {
        let length: Int
        let unit: Int?
    }

    /// The longest written form starting at `index`, checked for capitalisation and diacritics.
    func match(_ tokens: [Token], at index: Int) -> Match? {
        let first = tokens[index]
        guard !first.isNumber, let candidates = forms[first.folded] else { return nil }
        outer: for candidate in candidates {
            let end = index + candidate.words.count
            guard end <= tokens.count else { continue }
            for offset in 1..<candidate.words.count {
                let token = tokens[index + offset]
                guard token.folded == candidate.words[offset], !token.gapHasNewline,
                      token.gap.isEmpty || ["-", "–", ".", "—"].contains(token.gap) else { continue outer }
            }
            let span = tokens[index..<end]
            guard let unitIndex = candidate.unit else { return Match(length: candidate.words.count, unit: nil) }
            guard first.isCapitalized else { continue }
            let unit = before2025[unitIndex]
            if unit.commonWord && !span.allSatisfy(\.isCapitalized) { continue }
            if first.exactSpelling, let known = spellings[unitIndex], !known.contains(Self.spelling(span)) {
                continue
            }
            return Match(length: candidate.words.count, unit: unitIndex)
        }
        return nil
    }

    /// The unit to report for a pre-merger unit in an article of `date` (ISO; nil when unknown).
    func canonical(_ index: Int, on date: String?) -> (name: String, code: Int, mergedInto: String) {
        let old = before2025[index]
        if let date, date.count == 10, date >= mergerDate, let new = from20250701.first(where: { $0.name == old.mergedInto }) {
            return (new.name, new.code, new.name)
        }
        if let formerName = old.formerName, let until = old.formerUntil, date.map({ $0.count == 10 && $0 <= until }) ?? true {
            return (formerName, old.code, old.mergedInto)
        }
        return (old.name, old.code, old.mergedInto)
    }
}
