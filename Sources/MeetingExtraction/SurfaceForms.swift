/// The words of the tables as documents write them (`tỉnh`, `Tỉnh`, `TỈNH`), keyed by their exact scalars, with the
/// numbers the tokenizer would give them. A document's word found here needs no folding, lower-casing or look-up
/// in the vocabulary: the tokenizer has hashed its scalars already.
struct SurfaceForms: Sendable {
    private struct Entry: Sendable {
        var hash: UInt32 = 0
        var start: Int32 = 0
        var length: Int32 = -1
        var word: Int32 = 0
        var spelling: Int32 = 0
    }
    private var entries: [Entry] = Array(repeating: Entry(), count: 64)
    private var pool: [Unicode.Scalar] = []
    private var count = 0

    /// The hash the tokenizer computes over a word's scalars.
    @inline(__always)
    static func hash(_ hash: UInt32, _ scalar: Unicode.Scalar) -> UInt32 { (hash ^ scalar.value) &* 16_777_619 }

    /// The numbers of the word `scalars[start..<end]`, whose hash is `hash`, if it is a known form.
    @inline(__always)
    func find(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: UInt32) -> (word: Int32, spelling: Int32)? {
        entries.withUnsafeBufferPointer { entries in
            let mask = entries.count - 1
            var slot = WordTable.home(hash, mask: mask)
            while true {
                let entry = entries[slot]
                if entry.length < 0 { return nil }
                if entry.hash == hash && Int(entry.length) == end - start && matches(entry, scalars, start) {
                    return (entry.word, entry.spelling)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func matches(_ entry: Entry, _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Bool {
        pool.withUnsafeBufferPointer { pool in
            let from = Int(entry.start)
            for offset in 0..<Int(entry.length) where pool[from + offset] != scalars[start + offset] { return false }
            return true
        }
    }

    /// Adds a written form and its numbers (a form already present keeps its numbers).
    mutating func insert(_ scalars: [Unicode.Scalar], numbers: (word: Int32, spelling: Int32)) {
        let hash = scalars.reduce(WordTable.initialHash, Self.hash)
        let known = scalars.withUnsafeBufferPointer { find($0, 0, $0.count, hash: hash) }
        guard known == nil else { return }
        if (count + 1) * 4 > entries.count { grow() }
        place(Entry(hash: hash, start: Int32(pool.count), length: Int32(scalars.count), word: numbers.word, spelling: numbers.spelling))
        pool += scalars
        count += 1
    }

    private mutating func place(_ entry: Entry) {
        let mask = entries.count - 1
        var slot = WordTable.home(entry.hash, mask: mask)
        while entries[slot].length >= 0 { slot = (slot + 1) & mask }
        entries[slot] = entry
    }

    private mutating func grow() {
        let old = entries.filter { $0.length >= 0 }
        entries = Array(repeating: Entry(), count: entries.count * 2)
        for entry in old { place(entry) }
    }
}
