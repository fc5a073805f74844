/// Splits normalised text into tokens in one pass over its scalars, numbering each word as it goes.
enum Tokenizer {
    /// Tokenises a document, looking its words up in the tables' vocabulary.
    static func tokenize(_ scalars: [Unicode.Scalar], vocabulary: Vocabulary) -> TokenizedText {
        var lookup = Vocabulary.Lookup(vocabulary: vocabulary)
        return tokenize(scalars, numbering: &lookup, lowercaseAll: false)
    }

    /// Words longer than this many scalars are in no table, so they are not looked up.
    static let longestWord = 40

    /// Splits `scalars` into words and numbers. A document's words are spelled lower-case only when capitalised
    /// (`Bàn` -> `bàn`); a table's always are.
    static func tokenize<Numbering: WordNumbering>(
        _ scalars: [Unicode.Scalar], numbering: inout Numbering, lowercaseAll: Bool
    ) -> TokenizedText {
        let tokens = scalars.withUnsafeBufferPointer { buffer in tokenize(buffer, numbering: &numbering, lowercaseAll: lowercaseAll) }
        return TokenizedText(scalars: scalars, tokens: tokens)
    }

    /// The tokenizer's loop, with all its state in locals.
    private static func tokenize<Numbering: WordNumbering>(
        _ scalars: UnsafeBufferPointer<Unicode.Scalar>, numbering: inout Numbering, lowercaseAll: Bool
    ) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4 + 1)
        var folded = TokenBytes(capacity: longestWord * 16)
        var spelled = TokenBytes(capacity: longestWord * 16)
        defer {
            folded.deallocate()
            spelled.deallocate()
        }
        var documentHasDiacritics = false
        let table = ScalarTable.shared
        // Words repeat: a document's tokens are numbered once per distinct spelling, remembered here by their scalars.
        let recent = RecentWords(scalarCount: scalars.count)
        defer { recent.deallocate() }
        var gap = GapBuilder()
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            var bits = table.bits(scalar)
            guard bits & ScalarBits.wordStart != 0 else {
                gap.add(scalar, isSpace: bits & ScalarBits.space != 0)
                index &+= 1
                continue
            }
            let start = index
            let numeric = bits & ScalarBits.digit != 0
            let startsUpper = bits & ScalarBits.upper != 0
            let continuing = numeric ? ScalarBits.digit : ScalarBits.wordContinuation
            // Scans the word, hashing its scalars and OR-ing their bits as it goes.
            var seen: UInt8 = 0
            var uppers = 0
            var apostrophe = false
            var scalarHash = WordTable.initialHash
            var next = scalar
            while true {
                scalarHash = SurfaceForms.hash(scalarHash, next)
                seen |= bits
                uppers &+= Int(bits & ScalarBits.upper)
                index &+= 1
                guard index < count else { break }
                next = scalars[index]
                bits = table.bits(next)
                if bits & continuing != 0 { continue }
                if numeric, next == "." || next == ",", index + 1 < count, table.bits(scalars[index + 1]) & ScalarBits.digit != 0 {
                    scalarHash = SurfaceForms.hash(scalarHash, next)
                    index &+= 1
                    next = scalars[index]
                    bits = table.bits(next)
                    continue
                }
                if !numeric, next == "'" || next == "’", index + 1 < count, table.bits(scalars[index + 1]) & ScalarBits.letter != 0,
                   index - start <= 2 {
                    // K'Thị, Ma'Nhung: an apostrophe inside a short prefix belongs to the word.
                    apostrophe = true
                    continue
                }
                break
            }
            let hasDiacritics = seen & ScalarBits.diacritic != 0
            let allASCII = seen & ScalarBits.nonASCII == 0
            let hasUpper = seen & ScalarBits.upper != 0
            var flags: Token.Flags = []
            var value: Int32 = -1
            if numeric {
                flags.insert(.number)
                value = digitsValue(scalars, start, index)
            } else {
                if startsUpper { flags.insert(.capitalized) }
                if seen & ScalarBits.lower == 0 && uppers >= 2 { flags.insert(.allCaps) }
                if apostrophe { flags.insert(.apostrophe) }
            }
            if hasDiacritics && !documentHasDiacritics {
                // The document is written with diacritics: every word must match a known spelling exactly. The
                // tokens before this one are marked now, the ones after as they are made.
                documentHasDiacritics = true
                for position in tokens.indices { tokens[position].requireExactSpelling() }
            }
            if documentHasDiacritics { flags.insert(.exactSpelling) }
            var numbers = (word: Vocabulary.unknown, spelling: Vocabulary.unknown)
            let cached = Numbering.looksUpOnly ? recent.find(scalars, start, index, hash: scalarHash) : nil
            if let cached {
                numbers = cached
            } else if let known = numbering.knownForm(scalars, start, index, hash: scalarHash) {
                numbers = known
                recent.remember(start, index, hash: scalarHash, numbers)
            } else if index - start <= longestWord {
                folded.reset()
                for position in start..<index { table.appendFolded(scalars[position], to: &folded) }
                numbers.word = numbering.word(folded.bytes, hash: folded.hash)
                // Every spelling the tables know belongs to a word they know.
                if numbers.word != Vocabulary.unknown || !Numbering.looksUpOnly {
                    let lowercase = lowercaseAll || flags.contains(.capitalized) || flags.contains(.allCaps)
                    if allASCII && (lowercase || !hasUpper) {
                        // ASCII lower-cased is ASCII folded.
                        numbers.spelling = numbering.spelling(folded.bytes, hash: folded.hash)
                    } else {
                        spelled.reset()
                        for position in start..<index {
                            if lowercase {
                                table.appendLowercased(scalars[position], to: &spelled)
                            } else {
                                Folding.appendUTF8(scalars[position], to: &spelled)
                            }
                        }
                        numbers.spelling = numbering.spelling(spelled.bytes, hash: spelled.hash)
                    }
                }
                if Numbering.looksUpOnly { recent.remember(start, index, hash: scalarHash, numbers) }
            }
            tokens.append(Token(start: start, end: index, gap: gap.gap, flags: flags, value: value, word: numbers.word, spelling: numbers.spelling,
                                phraseStarts: numbering.phraseStarts(numbers.word)))
            gap = GapBuilder()
        }
        return tokens
    }

    /// The numbers of words seen earlier in the document, by the hash of their scalars: a small direct-mapped
    /// table whose entries point at the word's first occurrence, so a hit is confirmed by comparing scalars.
    private struct RecentWords {
        private struct Entry {
            var start: Int32 = 0
            var length: Int32 = -1
            var word: Int32 = 0
            var spelling: Int32 = 0
        }
        private let entries: UnsafeMutablePointer<Entry>
        private let mask: Int

        /// About one slot per two scalars, from 256 to 2048: a short document does not clear a large table.
        init(scalarCount: Int) {
            var size = 256
            while size < 2048 && size * 2 < scalarCount { size *= 2 }
            mask = size - 1
            entries = .allocate(capacity: size)
            entries.initialize(repeating: Entry(), count: size)
        }

        func deallocate() { entries.deallocate() }

        @inline(__always)
        private func slot(_ hash: UInt32) -> Int { WordTable.home(hash, mask: mask) }

        @inline(__always)
        func find(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: UInt32) -> (word: Int32, spelling: Int32)? {
            let entry = entries[slot(hash)]
            guard Int(entry.length) == end - start else { return nil }
            let earlier = Int(entry.start)
            for offset in 0..<(end - start) where scalars[earlier + offset] != scalars[start + offset] { return nil }
            return (entry.word, entry.spelling)
        }

        @inline(__always)
        func remember(_ start: Int, _ end: Int, hash: UInt32, _ numbers: (word: Int32, spelling: Int32)) {
            entries[slot(hash)] = Entry(start: Int32(truncatingIfNeeded: start), length: Int32(truncatingIfNeeded: end - start),
                                        word: numbers.word, spelling: numbers.spelling)
        }
    }

    /// The value of one to nine ASCII digits, else -1.
    private static func digitsValue(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Int32 {
        guard end - start <= 9 else { return -1 }
        var value: Int32 = 0
        for position in start..<end {
            let digit = scalars[position].value &- 0x30
            guard digit < 10 else { return -1 }
            value = value * 10 + Int32(digit)
        }
        return value
    }

    private struct GapBuilder {
        var first: UInt32 = 0
        var count: UInt8 = 0
        var marks: Gap.Marks = []
        var hasSpace = false
        var hasNewline = false

        mutating func add(_ scalar: Unicode.Scalar, isSpace: Bool) {
            if scalar == "\n" {
                hasNewline = true
            } else if isSpace {
                hasSpace = true
            } else {
                if count == 0 { first = scalar.value }
                if count < 255 { count += 1 }
                if !scalar.isASCII || scalar.value < 0x40 { marks.formUnion(Gap.Marks.of(scalar)) }
            }
        }

        var gap: Gap {
            Gap(first: first, count: count, marks: marks, hasSpace: hasSpace, hasNewline: hasNewline)
        }
    }
}

/// A word's folded or spelled bytes, written into a buffer allocated once per document, hashed as they are written.
struct TokenBytes: ByteSink {
    private let start: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private(set) var hash = WordTable.initialHash

    init(capacity: Int) {
        start = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    func deallocate() { start.deallocate() }

    mutating func reset() {
        count = 0
        hash = WordTable.initialHash
    }

    /// Bytes past the capacity are hashed but not kept, so an overlong word is simply not found.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        hash = WordTable.hash(hash, byte)
        if count < capacity { start[count] = byte }
        count += 1
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: min(count, capacity)) }
}

/// A document's normalised text and its tokens, with the text of any token or span on demand.
struct TokenizedText {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]

    var count: Int { tokens.count }
    var indices: Range<Int> { tokens.indices }

    @inline(__always)
    subscript(index: Int) -> Token { tokens[index] }

    subscript(range: Range<Int>) -> ArraySlice<Token> { tokens[range] }

    /// The token as written.
    func text(_ index: Int) -> String {
        string(scalars: Int(tokens[index].start)..<Int(tokens[index].end))
    }

    /// The text from the first token of `range` to the end of its last, punctuation between included.
    func string(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return string(scalars: Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end))
    }

    func string(scalars range: Range<Int>) -> String {
        scalars.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            var length = 0
            for scalar in slice { length += UTF8.width(scalar) }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var sink = BufferSink(buffer: buffer)
                for scalar in slice { Folding.appendUTF8(scalar, to: &sink) }
                return sink.count
            }
        }
    }

    /// Writes bytes into a buffer sized beforehand; bytes past its end are dropped, never written out of bounds.
    private struct BufferSink: ByteSink {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            guard count < buffer.count else { return }
            buffer[count] = byte
            count += 1
        }
    }

    /// The tokens of `range` as written, each after the first preceded by what `separator` gives for it.
    /// Written into a buffer on the stack, so the only allocation is the String's own.
    func joined(_ range: Range<Int>, separator: (Int) -> String) -> String {
        guard !range.isEmpty else { return "" }
        // A separator is the gap's text between two spaces at most, so the span's scalars bound it.
        let span = Int(tokens[range.upperBound - 1].end) - Int(tokens[range.lowerBound].start)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: span * 4 + range.count * 2) { buffer in
            var sink = BufferSink(buffer: buffer)
            scalars.withUnsafeBufferPointer { scalars in
                for index in range {
                    if index != range.lowerBound { for byte in separator(index).utf8 { sink.append(byte) } }
                    for scalar in scalars[Int(tokens[index].start)..<Int(tokens[index].end)] { Folding.appendUTF8(scalar, to: &sink) }
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<sink.count]), as: UTF8.self)
        }
    }

    /// `Quân đội nhân dân (QĐND) Việt Nam`, `Trường Đại học (ĐH) Y Dược`, `Ủy ban Nhân dân (UBND) tỉnh`: the abbreviation in
    /// brackets at `index`, or the word after its closing bracket (capitalised, or the body's unit word), inside a body's
    /// name that goes on.
    func isInnerBracket(at index: Int) -> Bool {
        func abbreviation(_ at: Int) -> Bool {
            at > 0 && at + 1 < tokens.count && tokens[at].gap.is("(") && tokens[at].isAllCaps && !tokens[at].isNumber
                && tokens[at + 1].gap.is(")") && !tokens[at + 1].isNumber
                && (tokens[at + 1].isCapitalized || tokens[at + 1].isUnitWord)
                && (tokens[at - 1].isCapitalized || tokens[at - 1].isLowercaseWord)
        }
        return abbreviation(index) || tokens[index].gap.is(")") && abbreviation(index - 1)
    }

    /// Whether the punctuation before the token at `index` holds a comma (`,`, `),`).
    func commaBefore(_ index: Int) -> Bool {
        guard index > 0, !tokens[index].gap.isEmpty else { return false }
        let previous = tokens[index - 1]
        return (Int(previous.offset + previous.length)..<Int(tokens[index].offset)).contains { scalars[$0] == "," }
    }

    /// Whether a capitalised word comes right after the token at `index`, with nothing between, before `end`: a name
    /// goes on at once (`UBND xã Tân Lập`, `THPT chuyên Lê Quý Đôn`).
    func nameFollows(_ index: Int, before end: Int) -> Bool {
        index + 1 < end && tokens[index + 1].isCapitalized && !tokens[index + 1].isNumber && tokens[index + 1].gap.isEmpty
    }

    /// Where the separator before a token begins: just past the previous token.
    @inline(__always)
    func gapStart(_ index: Int) -> Int { index > 0 ? Int(tokens[index - 1].end) : 0 }

    /// The punctuation before a token, spaces and line breaks removed (`,` `/` `.` `–`).
    func gapText(_ index: Int) -> String {
        let token = tokens[index]
        var view = String.UnicodeScalarView()
        for scalar in scalars[gapStart(index)..<Int(token.start)] where scalar != "\n" && ScalarClass.of(scalar) != .space {
            view.append(scalar)
        }
        return String(view)
    }

    /// The folded form of a token (`dak` for `Đắk`).
    func folded(_ index: Int) -> String {
        Folding.fold(text(index))
    }
}

