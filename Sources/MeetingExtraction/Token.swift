/// A word or number of the normalised text: where it is, what separates it from the previous one, and the numbers
/// of its word and spelling in the tables' ``Vocabulary``. Plain integers only, so the passes over a document's
/// tokens copy and compare no strings; the text itself is read from ``TokenizedText`` when a result needs it.
struct Token {
    /// Offsets of the token's first scalar and just past its last, in the normalised text.
    let start: Int32
    let end: Int32
    /// What separates the token from the previous one.
    let gap: Gap
    private(set) var flags: Flags
    /// The folded word's number (`Word` for the words the code names), or `Vocabulary.unknown`.
    let word: Int32
    /// A number's value, else the spelling's number: numbers have no spelling, so they share the field and a
    /// token fits in 32 bytes, which the passes over a document's tokens read from cache more often.
    private let spellingOrValue: Int32
    /// One bit per phrase set (and the gazetteer) that has a phrase starting with this word, so a set that has
    /// none is passed over without looking anything up.
    let phraseStarts: UInt32

    struct Flags: OptionSet {
        let rawValue: UInt8
        static let number = Flags(rawValue: 1)
        /// First letter upper-case (`Bình`, `UBND`).
        static let capitalized = Flags(rawValue: 2)
        /// Two or more letters, all upper-case (`UBND`, `HĐND`).
        static let allCaps = Flags(rawValue: 4)
        /// The document is written with diacritics, so this word must match a known spelling exactly
        /// (`Ban` is not `Bàn`); in a document without any, folded matching is all there is.
        static let exactSpelling = Flags(rawValue: 8)
        /// An apostrophe inside a short prefix (`K'Thị`).
        static let apostrophe = Flags(rawValue: 16)
    }

    init(start: Int, end: Int, gap: Gap, flags: Flags, value: Int32, word: Int32, spelling: Int32, phraseStarts: UInt32) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.gap = gap
        self.flags = flags
        self.word = word
        self.spellingOrValue = flags.contains(.number) ? value : spelling
        self.phraseStarts = phraseStarts
    }

    /// The value of a token of one to nine digits, else -1.
    var value: Int32 { isNumber ? spellingOrValue : -1 }
    /// The exact lower-case spelling's number (`Spelled` for those the code names), or `Vocabulary.unknown`.
    var spelling: Int32 { isNumber ? Vocabulary.unknown : spellingOrValue }

    var isNumber: Bool { flags.contains(.number) }
    var isCapitalized: Bool { flags.contains(.capitalized) }
    var isAllCaps: Bool { flags.contains(.allCaps) }
    var exactSpelling: Bool { flags.contains(.exactSpelling) }
    var hasApostrophe: Bool { flags.contains(.apostrophe) }
    var isLowercaseWord: Bool { !isNumber && !isCapitalized }
    /// Length in Unicode scalars.
    var length: Int { Int(end &- start) }
    var offset: Int { Int(start) }

    mutating func requireExactSpelling() { flags.insert(.exactSpelling) }

    /// Whether the folded word is `word`, however it is spelled (`tinh` for `tỉnh`, `tình`, `TỈNH`).
    @inline(__always)
    func `is`(_ word: Word) -> Bool { self.word == word.rawValue }

    /// Whether the token is the word `spelled`: spelled exactly in a document written with diacritics (`tới` is not
    /// `tối`), compared by its folded form in one written without.
    @inline(__always)
    func isWord(_ spelled: Spelled) -> Bool {
        word == spelled.folded.rawValue && (!exactSpelling || spelling == spelled.rawValue)
    }

    /// `tỉnh`, `huyện`, `xã`, `phường`, `quận`, `thị` (xã), `thành` (phố): the word of an administrative unit.
    var isUnitWord: Bool { isWord(.tỉnh) || Spelled.administrativeUnits.contains(where: isWord) }

    /// `họp` in lower case: the verb a body meets by (`UBND tỉnh A họp`, `Ban Chỉ đạo họp phiên`), not a kind's capital.
    var isMeetingVerb: Bool { isWord(.họp) && isLowercaseWord }

    /// `sang` (went over) and `đọc` (reads), which end a title or a body's name, spelled with their marks: in a document
    /// written without them, `sang` is also `sáng tạo`'s and `doc` is `Giám đốc`'s.
    var isMarkedVerbEndingTitle: Bool {
        exactSpelling && spelling == Spelled.sang.rawValue || spelling == Spelled.đọc.rawValue
    }

    /// A number of exactly `digits` digits.
    func hasDigits(_ digits: Int) -> Bool { isNumber && value >= 0 && length == digits }
}

/// What separates a token from the previous one: its punctuation (spaces aside) and whether it holds a space or
/// a line break. Stores the first punctuation scalar, how many there are, and which of the marks the code asks
/// about occur, so every question about a separator is a comparison of integers.
struct Gap {
    /// The first scalar that is not a space, or 0 when there is none.
    let first: UInt32
    /// How many scalars are not spaces, at most 255.
    let count: UInt8
    let marks: Marks
    let hasSpace: Bool
    let hasNewline: Bool

    struct Marks: OptionSet {
        let rawValue: UInt8
        static let dot = Marks(rawValue: 1 << 0)
        static let exclamation = Marks(rawValue: 1 << 1)
        static let question = Marks(rawValue: 1 << 2)
        static let ellipsis = Marks(rawValue: 1 << 3)
        static let straightQuote = Marks(rawValue: 1 << 4)
        static let openingQuote = Marks(rawValue: 1 << 5)
        static let openingParenthesis = Marks(rawValue: 1 << 6)
        static let closingQuote = Marks(rawValue: 1 << 7)

        static func of(_ scalar: Unicode.Scalar) -> Marks {
            switch scalar {
            case ".": .dot
            case "!": .exclamation
            case "?": .question
            case "…": .ellipsis
            case "\"": .straightQuote
            case "“": .openingQuote
            case "(": .openingParenthesis
            case "”": .closingQuote
            default: []
            }
        }
    }

    /// No punctuation between the tokens (spaces and line breaks aside).
    var isEmpty: Bool { count == 0 }

    /// The punctuation is exactly `scalar`.
    @inline(__always)
    func `is`(_ scalar: Unicode.Scalar) -> Bool { count == 1 && first == scalar.value }

    /// The punctuation is one of the dashes `-` `–` `—`.
    var isDash: Bool { count == 1 && (first == 0x2D || first == 0x2013 || first == 0x2014) }

    /// The punctuation starts with `scalar`.
    @inline(__always)
    func starts(with scalar: Unicode.Scalar) -> Bool { first == scalar.value }

    func has(_ mark: Marks) -> Bool { !marks.isDisjoint(with: mark) }
}
