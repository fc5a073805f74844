import Foundation

/// What is done to a text before it is cut into pieces: characters that decompose into marks decomposed, and long
/// runs of marks put in canonical order, both as NFC would do them, so that no piece holds work that takes Foundation
/// time growing with its square.
extension NFCComposition {
    /// The text with the seven characters whose decomposition begins with a mark decomposed (U+0340, U+0341, U+0343,
    /// U+0344, and the Tibetan vowel signs U+0F73, U+0F75, U+0F81), or nil when it has none. NFC never composes them
    /// back (they are excluded from composition), so the NFC is the same; but Foundation leaves a mark before a Tibetan
    /// one out of canonical order, a piece of nothing else offers no place to cut (a megabyte of U+0F73 took 1.6 s),
    /// and U+0344's two marks, made a piece at a time, took 3.6 s over a megabyte.
    static func decomposingIntoMarks(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        func decomposition(at position: Int) -> [UInt8]? {
            let lead = bytes[position]
            guard lead == 0xCD || lead == 0xE0, bytes.count - position >= (lead == 0xCD ? 2 : 3) else { return nil }
            if lead == 0xCD {
                switch bytes[position + 1] {
                case 0x80: return [0xCC, 0x80]
                case 0x81: return [0xCC, 0x81]
                case 0x83: return [0xCC, 0x93]
                case 0x84: return [0xCC, 0x88, 0xCC, 0x81]
                default: return nil
                }
            }
            switch (bytes[position + 1], bytes[position + 2]) {
            case (0xBD, 0xB3): return [0xE0, 0xBD, 0xB1, 0xE0, 0xBD, 0xB2]
            case (0xBD, 0xB5): return [0xE0, 0xBD, 0xB1, 0xE0, 0xBD, 0xB4]
            case (0xBE, 0x81): return [0xE0, 0xBD, 0xB1, 0xE0, 0xBE, 0x80]
            default: return nil
            }
        }
        guard let first = (0..<bytes.count).first(where: { decomposition(at: $0) != nil }) else { return nil }
        var decomposed = Array(UnsafeBufferPointer(rebasing: bytes[0..<first]))
        decomposed.reserveCapacity(bytes.count + bytes.count / 2)
        var position = first
        while position < bytes.count {
            if let replacement = decomposition(at: position) {
                decomposed.append(contentsOf: replacement)
                position += bytes[position] == 0xCD ? 2 : 3
            } else {
                decomposed.append(bytes[position])
                position += 1
            }
        }
        return decomposed
    }

    /// The longest run of non-starters (characters of a combining class other than 0) left as it is, for the
    /// composition to order: the most Unicode's Stream-Safe Text Format allows.
    static let longestRunOfNonStarters = 30

    /// The text with each run of more than 30 non-starters in a row put in canonical order (by combining class, marks
    /// of one class kept in their order), or nil when it has none out of order (all real text). Foundation orders a
    /// run in time growing with the square of its length: one letter and 500,000 marks of mixed classes took
    /// minutes. The order is the one NFC gives them, so the text is canonically equivalent and its NFC, and id, the
    /// same (a first version put in U+034F COMBINING GRAPHEME JOINER after every 30 marks instead, as the Stream-Safe
    /// Text Format does, and two forms of one text then got different ids).
    static func orderingLongRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // A run of 31 non-starters takes at least 62 bytes, none of them ASCII.
        guard hasNonASCIIStretch(bytes, atLeast: 2 * (longestRunOfNonStarters + 1)) else { return nil }
        var ordered: [UInt8] = []
        var changed = false
        var copied = 0
        // Where each mark of the current run begins.
        var run: [Int] = []
        func endRun(at end: Int) {
            defer { run.removeAll(keepingCapacity: true) }
            guard run.count > longestRunOfNonStarters, let first = run.first else { return }
            // The starter before the run, decomposed when it carries marks of its own (`à` is `a` and a grave):
            // those are ordered with the run's, ahead of the run's marks of their class.
            var starterStart = first
            var starter: [UInt8] = []
            var starterMarks: [[UInt8]] = []
            var marks: [(combiningClass: UInt8, index: Int, start: Int, end: Int)] = []
            if first > 0 {
                var back = first - 1
                while back > 0 && bytes[back] & 0xC0 == 0x80 { back -= 1 }
                if bytes[back] >= 0xC0, let value = scalarValue(bytes, at: back), let scalar = Unicode.Scalar(value) {
                    let decomposed = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
                    let starters = decomposed.prefix { $0.properties.canonicalCombiningClass == .notReordered }
                    if !starters.isEmpty && starters.count < decomposed.count {
                        starterStart = back
                        starter = Array(String(String.UnicodeScalarView(starters)).utf8)
                        for mark in decomposed.dropFirst(starters.count) {
                            marks.append((mark.properties.canonicalCombiningClass.rawValue, marks.count, -1, starterMarks.count))
                            starterMarks.append(Array(String(Character(mark)).utf8))
                        }
                    }
                }
            }
            for (offset, start) in run.enumerated() {
                marks.append((combiningClass(bytes, at: start), marks.count, start, offset + 1 < run.count ? run[offset + 1] : end))
            }
            let inOrder = marks.sorted { ($0.combiningClass, $0.index) < ($1.combiningClass, $1.index) }
            guard starterStart != first || !inOrder.elementsEqual(marks, by: { $0.index == $1.index }) else { return }
            if !changed { ordered.reserveCapacity(bytes.count) }
            changed = true
            ordered.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<starterStart]))
            ordered.append(contentsOf: starter)
            for mark in inOrder {
                if mark.start < 0 {
                    ordered.append(contentsOf: starterMarks[mark.end])
                } else {
                    ordered.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark.start..<mark.end]))
                }
            }
            copied = end
        }
        var position = 0
        while position < bytes.count {
            let lead = bytes[position]
            // Every non-starter is U+0300 or above, whose leads are 0xCC and up.
            if lead >= 0xCC, isNonStarter(bytes, at: position) {
                run.append(position)
            } else if lead < 0x80 || lead >= 0xC0 {
                endRun(at: position)
            }
            position += 1
        }
        endRun(at: bytes.count)
        guard changed else { return nil }
        ordered.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return ordered
    }

    static func combiningClass(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt8 {
        guard let value = scalarValue(bytes, at: position), let scalar = Unicode.Scalar(value) else { return 0 }
        return scalar.properties.canonicalCombiningClass.rawValue
    }

    /// Whether `length` bytes or more in a row are all past ASCII, read a word of eight at a time.
    static func hasNonASCIIStretch(_ bytes: UnsafeBufferPointer<UInt8>, atLeast length: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let highs: UInt64 = 0x8080_8080_8080_8080
        var stretch = 0
        var offset = 0
        // A stretch inside a word, touching neither end, is at most six bytes: those are looked for byte by byte.
        while length >= 8 && bytes.count - offset >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let ascii = ~word & highs
            if ascii == 0 {
                stretch += 8
            } else {
                // The word's first bytes in memory are its least significant: those past ASCII there end the stretch,
                // and those at its other end start the next.
                if stretch + ascii.trailingZeroBitCount / 8 >= length { return true }
                stretch = ascii.leadingZeroBitCount / 8
            }
            if stretch >= length { return true }
            offset += 8
        }
        while offset < bytes.count {
            stretch = bytes[offset] >= 0x80 ? stretch + 1 : 0
            if stretch >= length { return true }
            offset += 1
        }
        return false
    }

    /// Whether the character that begins at `position` (a lead of 0xCC or more) has a combining class other than 0.
    /// The combining diacritical marks (U+0300–U+036F, all but the grapheme joiner), Greek's U+0370–U+037F and the
    /// Vietnamese letters of U+1E00–U+1EFF are told from their bytes; the stdlib's look-up of the rest, done for
    /// every mark of a report in NFD, made composing it a seventh slower.
    static func isNonStarter(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let lead = bytes[position]
        if lead == 0xCC { return true }
        if bytes.count - position >= 2 {
            let second = bytes[position + 1]
            if lead == 0xCD { return second < 0xB0 && second != 0x8F }
            if lead == 0xE1 && (0xB8...0xBB).contains(second) { return false }
        }
        guard let value = scalarValue(bytes, at: position), let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.canonicalCombiningClass != .notReordered
    }
}
