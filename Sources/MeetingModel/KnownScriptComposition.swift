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
            // Every mark takes two bytes or more; a starter decomposes into three marks at most.
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

    /// ASCII, U+0080–U+02FF (Latin, IPA, spacing modifiers), U+1E00–U+1EFF, U+2002–U+206F, U+20A0–U+20CF, and U+0300–U+036F but the four marks that
    /// decompose into others (U+0340, U+0341, U+0343, U+0344).
    static func isCovered(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF, 0x1E00...0x1EFF, 0x2002...0x206F, 0x20A0...0x20CF: true
        // Hangul jamo and syllables, compatibility jamo, CJK punctuation and its marks (U+302A–U+302F), ideographs.
        case 0x1100...0x11FF, 0xAC00...0xD7A3, 0x3130...0x318F, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF: true
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

/// What ``KnownScriptComposition`` needs of Unicode, asked of Foundation and the stdlib once, on first use (about 1,500
/// look-ups): each covered starter's canonical decomposition, each pair of a starter and a mark that compose into
/// one character, and the marks' combining classes. Indexed by the starter's place in the covered ranges, so that a
/// look-up is an array's, not a hash's.
final class KnownScriptCompositionTables: Sendable {
    static let shared = KnownScriptCompositionTables()

    struct Decomposition {
        let base: UInt32
        let marks: [UInt32]
    }

    /// By ``slot(_:)``.
    private let decompositions: [Decomposition?]
    /// By ``slot(_:)``: the marks the starter composes with, and what each makes.
    private let compositions: [[(mark: UInt32, composed: UInt32)]]
    /// The combining classes of U+0300–U+036F and of U+302A–U+302F (ideographic and Hangul tone marks), by offset.
    private let markClasses: [UInt8]
    private let ideographicMarkClasses: [UInt8]

    /// Starters that compose or decompose: U+0000–U+02FF and U+1E00–U+1EFF.
    private static func slot(_ value: UInt32) -> Int? {
        switch value {
        case 0...0x2FF: Int(value)
        case 0x1E00...0x1EFF: Int(value - 0x1E00) + 0x300
        default: nil
        }
    }

    private static let slotCount = 0x300 + 0x100

    func decomposition(of starter: UInt32) -> Decomposition? {
        Self.slot(starter).flatMap { decompositions[$0] }
    }

    func composition(_ starter: UInt32, _ mark: UInt32) -> UInt32? {
        guard let slot = Self.slot(starter) else { return nil }
        return compositions[slot].first { $0.mark == mark }?.composed
    }

    func combiningClass(_ value: UInt32) -> UInt8 {
        switch value {
        case 0x300...0x36F: markClasses[Int(value - 0x300)]
        case 0x302A...0x302F: ideographicMarkClasses[Int(value - 0x302A)]
        default: 0
        }
    }

    /// Characters made of a covered starter and a mark: the Latin ranges, and the few elsewhere that ASCII or Latin-1
    /// characters compose into (`≠ ≮ ≯` from `= < >` and U+0338; Greek's `΅ ῁ ῭` from U+00A8).
    static let compositeRanges: [ClosedRange<UInt32>] = [
        0xC0...0x24F, 0x1E00...0x1EFF, 0x385...0x385, 0x1FC1...0x1FC1, 0x1FED...0x1FED, 0x2260...0x2260, 0x226E...0x226F,
    ]

    private init() {
        func classes(_ range: ClosedRange<UInt32>) -> [UInt8] {
            range.map { Unicode.Scalar($0).map { $0.properties.canonicalCombiningClass.rawValue } ?? 0 }
        }
        markClasses = classes(0x300...0x36F)
        ideographicMarkClasses = classes(0x302A...0x302F)
        var decompositions = [Decomposition?](repeating: nil, count: Self.slotCount)
        var compositions = [[(mark: UInt32, composed: UInt32)]](repeating: [], count: Self.slotCount)
        func nfc(_ values: [UInt32]) -> [UInt32] {
            String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init))).precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        }
        for range in Self.compositeRanges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
                guard decomposed != [value], let base = decomposed.first else { continue }
                if let slot = Self.slot(value) { decompositions[slot] = Decomposition(base: base, marks: Array(decomposed.dropFirst())) }
                // The pair it is composed from: all but its last mark, composed, and that mark; kept when Foundation
                // composes the two back into it (characters NFC never makes are left out so).
                guard decomposed.count >= 2, let last = decomposed.last, nfc([value]) == [value] else { continue }
                let first = nfc(Array(decomposed.dropLast()))
                guard first.count == 1, nfc([first[0], last]) == [value], let slot = Self.slot(first[0]) else { continue }
                compositions[slot].append((last, value))
            }
        }
        self.decompositions = decompositions
        self.compositions = compositions
    }
}

/// Hangul's canonical composition, which is by rule, not by table: an initial (U+1100–U+1112) and a vowel
/// (U+1161–U+1175) make a syllable, and a syllable of those two and a final (U+11A8–U+11C2) a syllable with it.
/// Done here because Foundation composes one past each range too (an old initial or vowel, the filler U+11A7, an old
/// final), making other text or dropping a character.
enum Hangul {
    static func composed(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if (0x1100...0x1112).contains(first) && (0x1161...0x1175).contains(second) {
            return 0xAC00 + ((first - 0x1100) * 21 + (second - 0x1161)) * 28
        }
        if (0xAC00...0xD7A3).contains(first) && (first - 0xAC00) % 28 == 0 && (0x11A8...0x11C2).contains(second) {
            return first + (second - 0x11A7)
        }
        return nil
    }
}
