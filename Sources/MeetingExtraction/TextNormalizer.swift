import Foundation

/// Brings text to one form before anything reads it: NFC, `Đ` for the look-alike `Ð` (U+00D0),
/// new-style tone placement (`Hoà` -> `Hòa`, `Uỷ` -> `Ủy`), `\n` line ends and plain spaces.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: normalizedScalars(text))
        return String(view)
    }

    /// The normalised text as scalars, what the tokenizer reads. One pass, plus Foundation's NFC only when the
    /// text holds combining marks (NFD input).
    static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        let needsComposition = text.utf8.contains { $0 == 0xCC || $0 == 0xCD }  // lead bytes of U+0300...U+037F
        let source = needsComposition ? text.precomposedStringWithCanonicalMapping : text
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(source.utf8.count)
        var previousWasCR = false
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0x0D:
                scalars.append("\n")
                previousWasCR = true
                continue
            case 0x0A where previousWasCR:
                break
            case 0x00D0: scalars.append("Đ")
            case 0x00A0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000, 0x09: scalars.append(" ")
            case 0x200B, 0xFEFF, 0x00AD: break
            default: scalars.append(scalar)
            }
            previousWasCR = false
        }
        moveTones(&scalars)
        return scalars
    }

    /// Old-style `oà oè uỳ` in an open syllable becomes `òa òe ùy`; closed syllables (`hoàn`) and `qu` (`quý`) keep theirs.
    static func moveTones(_ scalars: inout [Unicode.Scalar]) {
        guard scalars.count >= 2 else { return }
        for index in 0..<(scalars.count - 1) {
            let first = scalars[index]
            guard first == "o" || first == "O" || first == "u" || first == "U" else { continue }
            let second = scalars[index + 1]
            guard !second.isASCII, let glide = glides[first], let (bare, tone) = tonedVowels[second], glide.allowed.contains(bare) else { continue }
            if index + 2 < scalars.count, isLetter(scalars[index + 2]) { continue }
            if glide.base == "u" || glide.base == "U", index > 0, "qQ".unicodeScalars.contains(scalars[index - 1]) { continue }
            guard let moved = toned(glide.base, tone) else { continue }
            scalars[index] = moved
            scalars[index + 1] = bare
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ScalarClass.of(scalar).isLetter }

    private struct Glide { let base: Unicode.Scalar; let allowed: Set<Unicode.Scalar> }
    private static let glides: [Unicode.Scalar: Glide] = [
        "o": Glide(base: "o", allowed: ["a", "e"]), "O": Glide(base: "O", allowed: ["a", "e", "A", "E"]),
        "u": Glide(base: "u", allowed: ["y"]), "U": Glide(base: "U", allowed: ["y", "Y"]),
    ]
    /// Tones in order: grave, acute, hook, tilde, dot.
    private static let toneRows: [Unicode.Scalar: [Unicode.Scalar]] = [
        "a": ["à", "á", "ả", "ã", "ạ"], "A": ["À", "Á", "Ả", "Ã", "Ạ"],
        "e": ["è", "é", "ẻ", "ẽ", "ẹ"], "E": ["È", "É", "Ẻ", "Ẽ", "Ẹ"],
        "y": ["ỳ", "ý", "ỷ", "ỹ", "ỵ"], "Y": ["Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"],
        "o": ["ò", "ó", "ỏ", "õ", "ọ"], "O": ["Ò", "Ó", "Ỏ", "Õ", "Ọ"],
        "u": ["ù", "ú", "ủ", "ũ", "ụ"], "U": ["Ù", "Ú", "Ủ", "Ũ", "Ụ"],
    ]
    private static let tonedVowels: [Unicode.Scalar: (Unicode.Scalar, Int)] = {
        var table: [Unicode.Scalar: (Unicode.Scalar, Int)] = [:]
        for (bare, row) in toneRows where "aeyAEY".unicodeScalars.contains(bare) {
            for (tone, scalar) in row.enumerated() { table[scalar] = (bare, tone) }
        }
        return table
    }()
    private static func toned(_ base: Unicode.Scalar, _ tone: Int) -> Unicode.Scalar? { toneRows[base]?[tone] }
}
