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
        guard let decomposed = decomposingIntoMarks(bytes) else { return orderedAndComposed(bytes, pieceBytes: pieceBytes) }
        return decomposed.withUnsafeBufferPointer { orderedAndComposed($0, pieceBytes: pieceBytes) }
    }

    private static func orderedAndComposed(_ bytes: UnsafeBufferPointer<UInt8>, pieceBytes: Int) -> [UInt8] {
        guard let ordered = orderingLongRuns(bytes) else { return composedInPieces(bytes, pieceBytes: pieceBytes) }
        return ordered.withUnsafeBufferPointer { composedInPieces($0, pieceBytes: pieceBytes) }
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
    /// Foundation composes jamo one past each of Hangul's ranges too (an old initial or vowel such as U+11A7, an old
    /// final), making other text or dropping a character, so Foundation never sees a Hangul character: the Hangul is
    /// cut out and composed by rule, and the marks after it go apart too. A cut before a Hangul character, before a
    /// starter after one, or between one and the marks after it is safe: Hangul composes with nothing but Hangul,
    /// and the marks are put in order among themselves, whole.
    static func composeSettingHangulApart(_ piece: UnsafeBufferPointer<UInt8>, into composed: inout [UInt8]) {
        func foundation(_ part: UnsafeBufferPointer<UInt8>) {
            var text = String(decoding: part, as: UTF8.self).precomposedStringWithCanonicalMapping
            text.withUTF8 { composed.append(contentsOf: $0) }
        }
        func composeAnyhow(_ part: UnsafeBufferPointer<UInt8>) {
            if !KnownScriptComposition.compose(part, into: &composed) { foundation(part) }
        }
        // Hangul's leads: U+1100–U+11FF are E1 84–87, U+A960–U+A97F EA A5, U+AC00–U+D7FF EA B0 through ED 9F. With
        // none, the piece is Foundation's whole (the own composition has just refused it).
        guard piece.contains(where: { (0xEA...0xED).contains($0) }) || (0..<piece.count).contains(where: {
            piece[$0] == 0xE1 && $0 + 1 < piece.count && (0x84...0x87).contains(piece[$0 + 1])
        }) else { return foundation(piece) }
        var partStart = 0
        var partIsHangul = false
        func endPart(at end: Int) {
            if end > partStart { composeAnyhow(UnsafeBufferPointer(rebasing: piece[partStart..<end])) }
            partStart = end
        }
        var position = 0
        while position < piece.count {
            let lead = piece[position]
            let length = min(sequenceLength(lead), piece.count - position)
            if lead >= 0xCC && isNonStarter(piece, at: position) {
                if partIsHangul {
                    endPart(at: position)
                    partIsHangul = false
                }
            } else if lead < 0x80 || lead >= 0xC0 {
                let value = lead < 0x80 ? UInt32(lead) : scalarValue(piece, at: position) ?? 0
                let hangul = Hangul.isHangul(value)
                if hangul != partIsHangul {
                    endPart(at: position)
                    partIsHangul = hangul
                }
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
        return Hangul.composed(first, second)
    }
}
