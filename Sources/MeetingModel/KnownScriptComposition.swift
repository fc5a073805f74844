import Foundation

/// NFC without Foundation for the scripts nearly every report is written in: ASCII, Latin letters (Vietnamese's
/// among them) and IPA, Latin-1 and general punctuation, currency signs, the combining diacritical marks, and Korean
/// and Chinese characters. A report in NFD went through Foundation's normaliser (bridged to UTF-16 and back) at about
/// four times the cost of extracting it, twice: for its id and in the extractor. Composition follows Unicode's
/// algorithm over each starter and the marks after it: the starter decomposed, the marks put in canonical order, then
/// composed from the start as far as they compose and are not blocked; Hangul by its rule (``Hangul``). The tables
/// come from Foundation itself, once, so the result is Foundation's NFC where Foundation's is right.
enum KnownScriptComposition {
    /// Appends the NFC form of `bytes` (valid UTF-8) to `output`, or returns false and leaves `output` as it was when
    /// a character is not covered (``isCovered(_:)``). Marks are put in order by insertion: a run of more than 30 comes
    /// here already in order (``NFCComposition/orderingLongRuns(_:)``), so that the time stays linear.
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        let tables = KnownScriptCompositionTables.shared
        // NFC of covered text is never longer than twice the text (a composed starter takes at most three bytes for
        // the one or more it came from, a mark stays as it was); the writes check it all the same.
        let capacity = bytes.count * 2 + 8
        var composedAll = true
        let composed = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            // Every mark takes two bytes or more; a starter decomposes into two marks at most.
            withUnsafeTemporaryAllocation(of: Mark.self, capacity: bytes.count / 2 + 4) { marks in
                var cluster = Cluster(output: buffer, marks: marks)
                var position = 0
                while position < bytes.count {
                    let lead = bytes[position]
                    if lead < 0x80 {
                        // ASCII composes with nothing before it and decomposes into nothing: a run of it is written as
                        // it is, all but its last character, which a mark after it may compose with.
                        guard cluster.flush(tables) else { break }
                        var end = position + 1
                        while end < bytes.count && bytes[end] < 0x80 { end += 1 }
                        guard cluster.copy(UnsafeBufferPointer(rebasing: bytes[position..<(end - 1)])) else { break }
                        cluster.base = UInt32(bytes[end - 1])
                        position = end
                        continue
                    }
                    guard let value = NFCComposition.scalarValue(bytes, at: position), isCovered(value) else {
                        cluster.failed = true
                        break
                    }
                    position += NFCComposition.sequenceLength(lead)
                    let combiningClass = tables.combiningClass(value)
                    if combiningClass == 0 {
                        // Hangul composes starter with starter, by rule: an initial and a vowel, a syllable of the two
                        // and a final, when nothing stands between them.
                        if cluster.markCount == 0, let syllable = Hangul.composed(cluster.base, value) {
                            cluster.base = syllable
                            continue
                        }
                        guard cluster.flush(tables) else { break }
                        cluster.start(value, tables)
                    } else {
                        cluster.add(Mark(value: value, combiningClass: combiningClass))
                    }
                }
                composedAll = !cluster.failed && cluster.flush(tables)
                written = cluster.written
            }
        }
        guard composedAll else { return false }
        output.append(contentsOf: composed)
        return true
    }

    /// ASCII, U+0080–U+02FF (Latin, IPA, spacing modifiers), U+1E00–U+1EFF, U+2002–U+206F, U+20A0–U+20CF, U+0300–U+036F but the four marks that
    /// decompose into others (U+0340, U+0341, U+0343, U+0344), Hangul (``Hangul/isHangul(_:)``), compatibility jamo,
    /// CJK punctuation and ideographs.
    static func isCovered(_ value: UInt32) -> Bool {
        if Hangul.isHangul(value) { return true }
        return switch value {
        case 0...0x2FF, 0x1E00...0x1EFF, 0x2002...0x206F, 0x20A0...0x20CF: true
        // Compatibility jamo, CJK punctuation and its marks (U+302A–U+302F), ideographs (Hangul is taken above).
        case 0x3130...0x318F, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF: true
        case 0x300...0x36F: !(0x340...0x341).contains(value) && value != 0x343 && value != 0x344
        default: false
        }
    }

    struct Mark {
        var value: UInt32
        var combiningClass: UInt8
    }

    /// A starter, decomposed, and the marks that follow it; written out, composed, when the next starter comes.
    private struct Cluster {
        static let none = UInt32.max
        let output: UnsafeMutableBufferPointer<UInt8>
        let marks: UnsafeMutableBufferPointer<Mark>
        var written = 0
        var base = none
        var markCount = 0
        var failed = false

        init(output: UnsafeMutableBufferPointer<UInt8>, marks: UnsafeMutableBufferPointer<Mark>) {
            self.output = output
            self.marks = marks
        }

        mutating func start(_ starter: UInt32, _ tables: KnownScriptCompositionTables) {
            guard let decomposed = tables.decomposition(of: starter) else {
                base = starter
                return
            }
            base = decomposed.base
            for mark in decomposed.marks { add(Mark(value: mark, combiningClass: tables.combiningClass(mark))) }
        }

        mutating func add(_ mark: Mark) {
            guard markCount < marks.count else {
                failed = true
                return
            }
            marks[markCount] = mark
            markCount += 1
        }

        /// Writes the starter and its marks out, composed; false when they do not fit or the cluster failed.
        mutating func flush(_ tables: KnownScriptCompositionTables) -> Bool {
            guard !failed else { return false }
            defer {
                base = Self.none
                markCount = 0
            }
            guard markCount > 0 else { return base == Self.none || write(base) }
            // Canonical order: by combining class, stable.
            for index in 1..<markCount {
                let mark = marks[index]
                var place = index
                while place > 0 && marks[place - 1].combiningClass > mark.combiningClass {
                    marks[place] = marks[place - 1]
                    place -= 1
                }
                marks[place] = mark
            }
            // Marks left uncomposed are moved to the front, in order; a later mark of the class of the last of them is
            // blocked from the starter.
            var kept = 0
            var lastKeptClass: UInt8 = 0
            for index in 0..<markCount {
                let mark = marks[index]
                if base != Self.none, lastKeptClass < mark.combiningClass, let both = tables.composition(base, mark.value) {
                    base = both
                } else {
                    marks[kept] = mark
                    kept += 1
                    lastKeptClass = mark.combiningClass
                }
            }
            if base != Self.none && !write(base) { return false }
            for index in 0..<kept where !write(marks[index].value) { return false }
            return true
        }

        /// Writes `run` as it is (after the cluster is flushed).
        mutating func copy(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
            guard output.count - written >= run.count else {
                failed = true
                return false
            }
            if let source = run.baseAddress, let target = output.baseAddress, !run.isEmpty {
                (target + written).initialize(from: source, count: run.count)
            }
            written += run.count
            return true
        }

        private mutating func write(_ value: UInt32) -> Bool {
            let length = value < 0x80 ? 1 : value < 0x800 ? 2 : 3
            guard value < 0x1_0000, output.count - written >= length else {
                failed = true
                return false
            }
            switch length {
            case 1:
                output[written] = UInt8(value)
            case 2:
                output[written] = UInt8(0xC0 | value >> 6)
                output[written + 1] = UInt8(0x80 | value & 0x3F)
            default:
                output[written] = UInt8(0xE0 | value >> 12)
                output[written + 1] = UInt8(0x80 | (value >> 6) & 0x3F)
                output[written + 2] = UInt8(0x80 | value & 0x3F)
            }
            written += length
            return true
        }
    }
}
