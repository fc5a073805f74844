/// Every word the tables know, numbered: folded forms (`dak`) and exact lower-case spellings (`đắk`).
/// Tokens carry these numbers, so matching a phrase compares integers instead of hashing strings.
/// The words the code itself names (``Word``, ``Spelled``) come first, so their numbers are their raw values.
struct Vocabulary: Sendable {
    static let unknown: Int32 = -1

    private(set) var folded = WordTable()
    private(set) var spelled = WordTable()
    /// Per folded word, the bits of the phrase sets that have a phrase starting with it (see `Token.phraseStarts`).
    var phraseStarts: [UInt32] = []
    /// The known spellings as documents write them, filled once the vocabulary is complete (`addSurfaceForms`).
    private(set) var surfaceForms = SurfaceForms()

    init() {
        for word in Word.allCases {
            let id = intern(folded: Array(String(describing: word).utf8))
            precondition(id == word.rawValue, "Word.\(word) is numbered \(id)")
        }
        for word in Spelled.allCases {
            let text = String(describing: word)
            let id = intern(spelled: Array(text.utf8))
            precondition(id == word.rawValue && Folding.fold(text) == String(describing: word.folded), "Spelled.\(word) is numbered \(id)")
        }
    }

    /// The number of a folded word, adding it when new.
    mutating func intern(folded word: [UInt8]) -> Int32 {
        word.withUnsafeBufferPointer { folded.intern($0) }
    }

    /// The number of an exact lower-case spelling, adding it when new.
    mutating func intern(spelled word: [UInt8]) -> Int32 {
        word.withUnsafeBufferPointer { spelled.intern($0) }
    }

    /// Tokenises a table phrase, numbering its words.
    mutating func tokens(of phrase: String) -> TokenizedText {
        Tokenizer.tokenize(TextNormalizer.normalizedScalars(phrase), numbering: &self, lowercaseAll: true)
    }

    /// Records every known spelling in lower case, capitalised and in capitals, with the numbers a document's
    /// word written so gets, so the tokenizer can number such a word from its scalars alone.
    mutating func addSurfaceForms() {
        var forms = SurfaceForms()
        for spelling in spelled.allEntries() {
            let lower = String(decoding: spelling, as: UTF8.self)
            for written in [lower, lower.prefix(1).uppercased() + lower.dropFirst(), lower.uppercased()] {
                let scalars = TextNormalizer.normalizedScalars(written)
                let tokens = Tokenizer.tokenize(scalars, vocabulary: self).tokens
                guard tokens.count == 1, tokens[0].start == 0, Int(tokens[0].end) == scalars.count, tokens[0].word != Self.unknown else { continue }
                forms.insert(scalars, numbers: (tokens[0].word, tokens[0].spelling))
            }
        }
        surfaceForms = forms
    }

    /// Numbers a document's words without adding any.
    struct Lookup: WordNumbering {
        static let looksUpOnly = true
        let vocabulary: Vocabulary

        @inline(__always)
        func word(_ folded: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 { vocabulary.folded.find(folded, hash: hash) }

        @inline(__always)
        func spelling(_ spelled: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 { vocabulary.spelled.find(spelled, hash: hash) }

        @inline(__always)
        func knownForm(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: UInt32) -> (word: Int32, spelling: Int32)? {
            vocabulary.surfaceForms.find(scalars, start, end, hash: hash)
        }

        @inline(__always)
        func phraseStarts(_ word: Int32) -> UInt32 {
            word >= 0 && Int(word) < vocabulary.phraseStarts.count ? vocabulary.phraseStarts[Int(word)] : 0
        }
    }
}

extension Vocabulary: WordNumbering {
    static let looksUpOnly = false

    mutating func word(_ folded: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 { self.folded.intern(folded) }

    mutating func spelling(_ spelled: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 { self.spelled.intern(spelled) }

    /// A table's own phrases are not matched against phrase sets.
    func phraseStarts(_ word: Int32) -> UInt32 { 0 }

    /// A table's words are always numbered the long way, which adds them.
    func knownForm(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: UInt32) -> (word: Int32, spelling: Int32)? { nil }
}

/// Gives a token's folded and spelled bytes their numbers: by looking them up, or by adding them.
protocol WordNumbering {
    /// Only looks words up, so a spelling is not asked for when its word is unknown.
    static var looksUpOnly: Bool { get }
    mutating func word(_ folded: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32
    mutating func spelling(_ spelled: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32
    func phraseStarts(_ word: Int32) -> UInt32
    /// The numbers of a word from its scalars alone, when they are a known written form.
    func knownForm(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: UInt32) -> (word: Int32, spelling: Int32)?
}

/// Byte strings numbered 0, 1, 2... in an open-addressing hash table, so a word is found from the bytes the
/// tokenizer has just written, without making a String or hashing with a seeded hasher.
struct WordTable: Sendable {
    /// Per slot, the entry's hash (high half) and number plus one (low half); 0 for an empty slot. At most a
    /// quarter of the slots are used, so a word the table lacks is found missing in a probe or two.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    /// Entry `n`'s bytes are `pool[ends[n - 1]..<ends[n]]`.
    private var ends: [Int32] = []
    private var pool: [UInt8] = []

    var count: Int { ends.count }

    /// FNV-1a, one byte at a time, so the tokenizer can hash while it writes.
    static let initialHash: UInt32 = 2_166_136_261

    @inline(__always)
    static func hash(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* 16_777_619 }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        bytes.reduce(initialHash, hash)
    }

    /// The first slot to probe in a table of `mask + 1` slots: the hash's bits mixed, so that similar words spread
    /// out. Shared by the tables that number words (`SurfaceForms`, the tokenizer's recent words).
    @inline(__always)
    static func home(_ hash: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The number of `bytes`, whose hash is known, or `Vocabulary.unknown`.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.home(hash, mask: mask)
            let tag = UInt64(hash) << 32
            while true {
                let entry = slots[slot]
                if entry == 0 { return Vocabulary.unknown }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if equal(id, bytes) { return Int32(id) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let existing = find(bytes, hash: hash)
        if existing != Vocabulary.unknown { return existing }
        let id = Int32(ends.count)
        pool.append(contentsOf: bytes)
        ends.append(Int32(pool.count))
        if ends.count * 4 > slots.count {
            rebuild(capacity: slots.count * 2)
        } else {
            place(Int(id), hash: hash)
        }
        return id
    }

    private func bytes(of entry: Int) -> Range<Int> {
        (entry == 0 ? 0 : Int(ends[entry - 1]))..<Int(ends[entry])
    }

    @inline(__always)
    private func equal(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = self.bytes(of: entry)
        guard range.count == bytes.count else { return false }
        return pool.withUnsafeBufferPointer { pool in
            for offset in 0..<bytes.count where pool[range.lowerBound + offset] != bytes[offset] { return false }
            return true
        }
    }

    private mutating func place(_ id: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Self.home(hash, mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
    }

    /// Every entry's bytes, in number order.
    func allEntries() -> [[UInt8]] {
        (0..<ends.count).map { Array(pool[bytes(of: $0)]) }
    }

    private mutating func rebuild(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for id in 0..<ends.count {
            let hash = pool.withUnsafeBufferPointer { pool in Self.hash(UnsafeBufferPointer(rebasing: pool[bytes(of: id)])) }
            place(id, hash: hash)
        }
    }
}

/// A set of word (or spelling) numbers, as one flag per number: a membership test is one array read.
struct WordSet: Sendable {
    private var members: [Bool]

    init(_ numbers: some Sequence<Int32>, count: Int) {
        members = Array(repeating: false, count: count)
        for number in numbers where number >= 0 && Int(number) < count { members[Int(number)] = true }
    }

    @inline(__always)
    func contains(_ number: Int32) -> Bool {
        number >= 0 && Int(number) < members.count && members[Int(number)]
    }
}
