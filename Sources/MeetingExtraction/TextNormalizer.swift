import Foundation
import MeetingModel

/// Brings text to one form before anything reads it: NFC, `Đ` for the look-alike `Ð` (U+00D0),
/// new-style tone placement (`Hoà` -> `Hòa`, `Uỷ` -> `Ủy`), `\n` line ends and plain spaces.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: normalizedScalars(text))
        return String(view)
    }

    /// The normalised text as scalars, what the tokenizer reads.
    static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in normalizedScalars(utf8: bytes) } ?? []
    }

    /// Decodes and normalises UTF-8 in one pass; nil when the bytes are not UTF-8. Text holding combining marks
    /// (NFD input) is composed by Foundation first, which is the only time a String is made.
    static func normalizedScalars(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var needsComposition = false
        var valid = true
        // Where an `o` or `u` is followed by a toned vowel: the only places `moveTones` has to look.
        var toneCandidates: [Int] = []
        let tonedVowels = tonedVowelTable
        var scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { output, written in
            var previousWasCR = false
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead >= 0x20 && lead < 0x7F {
                    // Printable ASCII, nearly all of a document.
                    output[written] = Unicode.Scalar(lead)
                    written &+= 1
                    index &+= 1
                    previousWasCR = false
                    continue
                }
                var value: UInt32
                if lead < 0x80 {
                    value = UInt32(lead)
                    index &+= 1
                } else {
                    guard let (decoded, length) = decode(bytes, at: index) else {
                        valid = false
                        return
                    }
                    if decoded >= 0x300 && decoded <= 0x36F {
                        needsComposition = true
                        return
                    }
                    value = decoded
                    index &+= length
                    if value >= 0x100 && value < 0x2000 {
                        // Vietnamese letters past Latin-1: nothing to replace.
                        if written > 0, tonedVowels[Int(value)] != 0 {
                            let previous = output[written - 1]
                            if previous == "o" || previous == "O" || previous == "u" || previous == "U" { toneCandidates.append(written - 1) }
                        }
                        output[written] = Unicode.Scalar(value).unsafelyUnwrapped
                        written &+= 1
                        previousWasCR = false
                        continue
                    }
                    if value >= 0xC0 && value < 0x100, written > 0, tonedVowels[Int(value)] != 0 {
                        let previous = output[written - 1]
                        if previous == "o" || previous == "O" || previous == "u" || previous == "U" { toneCandidates.append(written - 1) }
                    }
                }
                if let scalar = replacement(value, previousWasCR: &previousWasCR) {
                    output[written] = scalar
                    written &+= 1
                }
            }
        }
        guard valid else { return nil }
        if needsComposition {
            // Combining marks: compose the whole text (a piece at a time: see NFCComposition), then normalise that.
            let composed = NFCComposition.composed(bytes)
            return composed.withUnsafeBufferPointer { composedBytes in normalizedComposed(composedBytes) }
        }
        if !toneCandidates.isEmpty {
            scalars.withUnsafeMutableBufferPointer { scalars in
                for index in toneCandidates { moveTone(&scalars, at: index) }
            }
        }
        return scalars
    }

    /// Normalises text already composed (no combining marks left that could compose).
    private static func normalizedComposed(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var previousWasCR = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if let replaced = replacement(scalar.value, previousWasCR: &previousWasCR) { scalars.append(replaced) }
        }
        moveTones(&scalars)
        return scalars
    }

    /// What a scalar becomes, or nil when it is dropped: CR and CRLF a line feed, and so every other line break
    /// (VT, FF, NEL, U+2028, U+2029); `Ð` (U+00D0) `Đ`; no-break and other spaces, and the remaining control
    /// characters (an escape sequence's ESC, DEL, C1), a plain space; zero-width characters, soft hyphens and the
    /// bidirectional controls nothing. So no text of a record holds a character that would act on a terminal.
    @inline(__always)
    private static func replacement(_ value: UInt32, previousWasCR: inout Bool) -> Unicode.Scalar? {
        let afterCR = previousWasCR
        previousWasCR = value == 0x0D
        switch value {
        case 0x0A: return afterCR ? nil : "\n"
        case 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return "\n"
        case 0x00D0: return "Đ"
        case 0x00A0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000, 0x09: return " "
        case 0..<0x20, 0x7F...0x9F: return " "
        case 0x200B, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return nil
        default: return Unicode.Scalar(value).unsafelyUnwrapped
        }
    }

    /// One multi-byte UTF-8 sequence: its scalar and length, or nil when it is not valid UTF-8 (overlong forms,
    /// surrogates, values past U+10FFFF and cut-off sequences included).
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < bytes.count else { return nil }
            let byte = bytes[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard let second = continuation(1) else { return nil }
            return (UInt32(lead & 0x1F) << 6 | second, 2)
        case 0xE0...0xEF:
            guard let second = continuation(1), let third = continuation(2) else { return nil }
            let value = UInt32(lead & 0x0F) << 12 | second << 6 | third
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, 3)
        case 0xF0...0xF4:
            guard let second = continuation(1), let third = continuation(2), let fourth = continuation(3) else { return nil }
            let value = UInt32(lead & 0x07) << 18 | second << 12 | third << 6 | fourth
            guard value >= 0x10000, value <= 0x10FFFF else { return nil }
            return (value, 4)
        default:
            return nil
        }
    }

    /// Old-style `oà oè uỳ` in an open syllable becomes `òa òe ùy`; closed syllables (`hoàn`) and `qu` (`quý`) keep theirs.
    static func moveTones(_ scalars: inout [Unicode.Scalar]) {
        guard scalars.count >= 2 else { return }
        scalars.withUnsafeMutableBufferPointer { scalars in
            for index in 0..<(scalars.count - 1) { moveTone(&scalars, at: index) }
        }
    }

    /// Moves the tone of the pair starting at `index` if it is an old-style one.
    @inline(__always)
    private static func moveTone(_ scalars: inout UnsafeMutableBufferPointer<Unicode.Scalar>, at index: Int) {
        let first = scalars[index]
        let isO = first == "o" || first == "O"
        guard isO || first == "u" || first == "U", index + 1 < scalars.count else { return }
        let second = scalars[index + 1]
        guard !second.isASCII, let (bare, tone) = tonedVowel(second) else { return }
        let allowed = isO ? (bare == "a" || bare == "e" || first == "O" && (bare == "A" || bare == "E"))
            : (bare == "y" || first == "U" && bare == "Y")
        guard allowed else { return }
        if index + 2 < scalars.count, isLetter(scalars[index + 2]) { return }
        if !isO, index > 0, scalars[index - 1] == "q" || scalars[index - 1] == "Q" { return }
        guard let moved = toneRows[first]?[tone] else { return }
        scalars[index] = moved
        scalars[index + 1] = bare
    }

    /// A toned `a e y` (either case): the bare vowel and the tone's number.
    private static func tonedVowel(_ scalar: Unicode.Scalar) -> (Unicode.Scalar, Int)? {
        let value = Int(scalar.value)
        guard value < tonedVowelTable.count else { return nil }
        let entry = tonedVowelTable[value]
        guard entry != 0 else { return nil }
        return (Unicode.Scalar(UInt8(entry >> 8)), Int(entry & 0xFF))
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ScalarClass.of(scalar).isLetter }

    /// Tones in order: grave, acute, hook, tilde, dot.
    private static let toneRows: [Unicode.Scalar: [Unicode.Scalar]] = [
        "a": ["à", "á", "ả", "ã", "ạ"], "A": ["À", "Á", "Ả", "Ã", "Ạ"],
        "e": ["è", "é", "ẻ", "ẽ", "ẹ"], "E": ["È", "É", "Ẻ", "Ẽ", "Ẹ"],
        "y": ["ỳ", "ý", "ỷ", "ỹ", "ỵ"], "Y": ["Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"],
        "o": ["ò", "ó", "ỏ", "õ", "ọ"], "O": ["Ò", "Ó", "Ỏ", "Õ", "Ọ"],
        "u": ["ù", "ú", "ủ", "ũ", "ụ"], "U": ["Ù", "Ú", "Ủ", "Ũ", "Ụ"],
    ]
    /// For each scalar below U+2000 that is a toned `a e y`: its bare vowel (high byte) and tone (low byte); else 0.
    private static let tonedVowelTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x2000)
        for (bare, row) in toneRows where "aeyAEY".unicodeScalars.contains(bare) {
            for (tone, scalar) in row.enumerated() { table[Int(scalar.value)] = UInt16(bare.value) << 8 | UInt16(tone) }
        }
        return table
    }()
}
