import Foundation

/// Where a text is cut into pieces: before a character that composes with nothing before it, so that the NFC of the
/// pieces, one after another, is the NFC of the whole.
extension NFCComposition {
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
        if [0xF73, 0xF75, 0xF81].contains(value) || Hangul.isJamo(value) { return false }
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
}
