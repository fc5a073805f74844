import Foundation

/// NFC in time linear in the text, for document ids and the extractor's normaliser. The text is composed a piece of
/// about 4 KiB at a time, by ``KnownScriptComposition`` where the piece is Latin, Korean or Chinese and by Foundation
/// otherwise, whose normaliser takes time growing with the square of a piece's length (a 1 MiB report in NFD held
/// the broker 1.6 s for its id, and a worker as long again to extract it). A piece ends before a character that
/// composes with nothing before it (``pieceEnd(_:from:pieceBytes:)``), so the NFC of the pieces, one after another,
/// is the NFC of the whole. Before that, characters that decompose into marks are decomposed and long runs of marks
/// ordered (Foundation orders a run in time growing with its square); after it, pairs Foundation leaves apart are
/// composed.
public enum NFCComposition {
    /// The NFC form of `bytes`, which must be valid UTF-8.
    public static func composed(_ bytes: UnsafeBufferPointer<UInt8>, pieceBytes: Int = 4096) -> [UInt8] {
        if let decomposed = decomposingIntoMarks(bytes) {
            return decomposed.withUnsafeBufferPointer { decomposed in
                guard let ordered = orderingLongRuns(decomposed) else { return composedInPieces(decomposed, pieceBytes: pieceBytes) }
                return ordered.withUnsafeBufferPointer { composedInPieces($0, pieceBytes: pieceBytes) }
            }
        }
        guard let ordered = orderingLongRuns(bytes) else { return composedInPieces(bytes, pieceBytes: pieceBytes) }
        return ordered.withUnsafeBufferPointer { composedInPieces($0, pieceBytes: pieceBytes) }
    }

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

    /// The longest run of non-starters (characters of a combining class other than 0) left for Foundation to order:
    /// the most Unicode's Stream-Safe Text Format allows.
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

    static func composedInPieces(_ bytes: UnsafeBufferPointer<UInt8>, pieceBytes: Int) -> [UInt8] {
        var composed: [UInt8] = []
        composed.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            let end = pieceEnd(bytes, from: start, pieceBytes: pieceBytes)
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !KnownScriptComposition.compose(piece, into: &composed) {
                composeSettingHangulApart(piece, into: &composed)
            }
            start = end
        }
        composePairsLeftApart(&composed)
        return composed
    }

    /// A piece with characters ``KnownScriptComposition`` does not cover, composed by Foundation but for its Hangul:
    /// Foundation composes jamo one past each of Hangul's ranges too (an old initial or vowel, the filler U+11A7, an old
    /// final), making other text or dropping a character, so the Hangul (with the marks after it) is cut out and
    /// composed by rule. A cut before a Hangul character, or before a starter after one, is safe: Hangul composes
    /// with nothing but Hangul.
    static func composeSettingHangulApart(_ piece: UnsafeBufferPointer<UInt8>, into composed: inout [UInt8]) {
        func foundation(_ part: UnsafeBufferPointer<UInt8>) {
            var text = String(decoding: part, as: UTF8.self).precomposedStringWithCanonicalMapping
            text.withUTF8 { composed.append(contentsOf: $0) }
        }
        // Hangul's leads: U+1100–U+11FF are E1 84–87, U+A960–U+A97F EA A5, U+AC00–U+D7FF EA B0 through ED 9F.
        guard piece.contains(where: { (0xEA...0xED).contains($0) }) || (0..<piece.count).contains(where: {
            piece[$0] == 0xE1 && $0 + 1 < piece.count && (0x84...0x87).contains(piece[$0 + 1])
        }) else { return foundation(piece) }
        var partStart = 0
        var partIsHangul: Bool?
        func endPart(at end: Int) {
            let part = UnsafeBufferPointer(rebasing: piece[partStart..<end])
            if partIsHangul != true || !KnownScriptComposition.compose(part, into: &composed) { foundation(part) }
            partStart = end
        }
        var position = 0
        while position < piece.count {
            let lead = piece[position]
            let length = min(sequenceLength(lead), piece.count - position)
            if lead < 0xCC || !isNonStarter(piece, at: position), lead < 0x80 || lead >= 0xC0 {
                let value = lead < 0x80 ? UInt32(lead) : scalarValue(piece, at: position) ?? 0
                let hangul = (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value) || (0xAC00...0xD7FF).contains(value)
                if let current = partIsHangul, current != hangul { endPart(at: position) }
                partIsHangul = hangul
            }
            position += length
        }
        endPart(at: piece.count)
    }

    /// Foundation leaves two pairs of characters apart that NFC composes, where it composes the same text decomposed:
    /// a Hangul syllable of an initial and a vowel (LV) followed by a final jamo (T), which make one syllable (LVT),
    /// and Kannada's U+0CCA followed by U+0CD5, which make U+0CCB. Composed here, so that both forms of a text are one
    /// text (as Python's and ICU's NFC have it); never split, as neither second character starts a piece.
    static func composePairsLeftApart(_ bytes: inout [UInt8]) {
        // Nearly always none: found first without writing, so that other text costs one pass of reads.
        guard let first = bytes.withUnsafeBufferPointer({ buffer in
            (0..<buffer.count).first { (0xE0...0xED).contains(buffer[$0]) && pairLeftApart(buffer, at: $0) != nil }
        }) else { return }
        let kept = bytes.withUnsafeMutableBufferPointer { buffer in
            var read = first
            var write = first
            while read < buffer.count {
                if (0xE0...0xED).contains(buffer[read]), let composed = pairLeftApart(UnsafeBufferPointer(buffer), at: read) {
                    buffer[write] = UInt8(0xE0 | composed >> 12)
                    buffer[write + 1] = UInt8(0x80 | (composed >> 6) & 0x3F)
                    buffer[write + 2] = UInt8(0x80 | composed & 0x3F)
                    write += 3
                    read += 6
                    continue
                }
                buffer[write] = buffer[read]
                write += 1
                read += 1
            }
            return write
        }
        bytes.removeLast(bytes.count - kept)
    }

    /// What the two characters at `position` (three bytes each) compose into, if they are such a pair.
    private static func pairLeftApart(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32? {
        guard bytes.count - position >= 6, let first = scalarValue(bytes, at: position), first >= 0x800,
              let second = scalarValue(bytes, at: position + 3), second >= 0x800 else { return nil }
        if first == 0xCCA && second == 0xCD5 { return 0xCCB }
        guard (0xAC00...0xD7A3).contains(first), (first - 0xAC00) % 28 == 0, (0x11A8...0x11C2).contains(second) else { return nil }
        return first + second - 0x11A7
    }

    /// A piece runs on past `pieceBytes` by at most this many bytes looking for a character of
    /// ``startsAfresh(_:)``; from there on it ends before any character of ``startsAfreshByUnicode14(_:)``.
    static let pieceReach = 4096

    /// Where the piece that begins at `start` ends: before the first character at least `pieceBytes` on that starts
    /// afresh, or at the text's end.
    static func pieceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, pieceBytes: Int) -> Int {
        var end = min(start + max(1, pieceBytes), bytes.count)
        let reach = end + pieceReach
        while end < bytes.count {
            let lead = bytes[end]
            if lead < 0x80 { return end }
            // Continuation bytes (0x80–0xBF) are inside a character; the leads of U+0080–U+00BF are no letters.
            if lead >= 0xC0, let value = scalarValue(bytes, at: end),
               (lead >= 0xC3 && startsAfresh(value)) || (end >= reach && startsAfreshByUnicode14(value)) {
                return end
            }
            end += 1
        }
        return end
    }

    /// Whether the character composes with nothing before it by Unicode 14's data: a character of combining class 0,
    /// assigned by Unicode 14, that is not the second of any composition and does not decompose into marks (U+0F73,
    /// U+0F75, U+0F81, decomposed before anyway), outside the Hangul jamo (which Foundation composes wrongly at the edges of their ranges).
    /// Wider than ``startsAfresh(_:)`` (symbols, punctuation, every script), and only asked where a piece found none of
    /// those: a megabyte of `¨` and an accent, arrows with U+0338 or Arabic letters with hamza above was one piece, and
    /// took Foundation 2–4 s.
    static func startsAfreshByUnicode14(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age, age.major < 14 || (age.major == 14 && age.minor == 0),
              scalar.properties.canonicalCombiningClass == .notReordered else { return false }
        if [0xF73, 0xF75, 0xF81].contains(value) || (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value)
            || (0xD7B0...0xD7FF).contains(value) { return false }
        return !secondsOfClassZero.contains { $0.contains(value) }
    }

    /// The characters of combining class 0 that are the second of a composition, by Unicode 14 (Indic and Myanmar
    /// vowel signs and length marks, Hangul vowels and finals).
    static let secondsOfClassZero: [ClosedRange<UInt32>] = [
        0x9BE...0x9BE, 0x9D7...0x9D7, 0xB3E...0xB3E, 0xB56...0xB57, 0xBBE...0xBBE, 0xBD7...0xBD7, 0xCC2...0xCC2,
        0xCD5...0xCD6, 0xD3E...0xD3E, 0xD57...0xD57, 0xDCF...0xDCF, 0xDDF...0xDDF, 0x102E...0x102E, 0x1161...0x1175,
        0x11A8...0x11C2, 0x1B35...0x1B35, 0x11127...0x11127, 0x1133E...0x1133E, 0x11357...0x11357, 0x114B0...0x114B0,
        0x114BA...0x114BA, 0x114BD...0x114BD, 0x115AF...0x115AF, 0x11930...0x11930,
    ]

    /// Whether the character composes with nothing before it: ASCII, the grapheme joiner, or a letter (never a
    /// combining mark) of a script whose letters are never the second of a canonical composition, so that no
    /// composition and no reordering reaches across a cut before it. Hangul jamo vowels and finals (U+1161–U+11C2) compose with what precedes them, as do
    /// the Indic vowel signs and length marks (marks, not letters): their blocks are left out or their category
    /// keeps them out. A list of scripts rather than of exceptions: Unicode never makes a character already encoded
    /// the second of a new composition, so letters of these ranges start afresh in every version of it.
    static func startsAfresh(_ value: UInt32) -> Bool {
        // ASCII, and the grapheme joiner (a starter, though a mark, that composes with nothing).
        if value < 0x80 || value == 0x34F { return true }
        guard scriptsStartingAfresh.contains(where: { $0.contains(value) }), let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        guard properties.canonicalCombiningClass == .notReordered else { return false }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic letters, the Indic scripts' consonants and vowels, Thai,
    /// Lao, Myanmar, Georgian, Hangul initial consonants, Latin Extended Additional and Greek Extended, kana, CJK
    /// ideographs and Hangul syllables.
    static let scriptsStartingAfresh: [ClosedRange<UInt32>] = [
        0x00C0...0x024F, 0x0370...0x052F, 0x0531...0x0587, 0x05D0...0x05EA, 0x0620...0x064A, 0x0900...0x0DFF,
        0x0E01...0x0EDF, 0x1000...0x109F, 0x10A0...0x10FF, 0x1100...0x115F, 0x1E00...0x1FFF, 0x3041...0x30FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
    ]

    /// How many bytes the UTF-8 sequence that `lead` begins takes (1 for a byte that begins none).
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// The scalar whose UTF-8 begins at `position`, or nil where the bytes do not hold a whole one.
    static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32? {
        let lead = UInt32(bytes[position])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, bytes.count - position >= length else { return nil }
        var value = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[position + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return value
    }
}
