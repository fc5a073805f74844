import Foundation
import Testing
@testable import MeetingModel

/// NFC of Latin text without Foundation gives Foundation's NFC: every covered starter with every pair of marks that
/// take part in a composition, Vietnamese's marks three at a time in every order, and long random texts.
@Suite("Latin, Korean and Chinese text composed without Foundation")
struct KnownScriptCompositionTests {
    static func composed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        let composed = bytes.withUnsafeBufferPointer { KnownScriptComposition.compose($0, into: &output) }
        return composed ? String(decoding: output, as: UTF8.self) : "not covered"
    }

    static func hex(_ text: String) -> String { text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }

    /// The marks some composition with a Latin starter takes, a few that take none, and the grapheme joiner.
    static let marks: [Unicode.Scalar] = [
        "\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{304}", "\u{306}", "\u{307}", "\u{308}", "\u{309}", "\u{30A}", "\u{30B}",
        "\u{30C}", "\u{30F}", "\u{311}", "\u{31B}", "\u{323}", "\u{324}", "\u{325}", "\u{326}", "\u{327}", "\u{328}", "\u{32D}",
        "\u{32E}", "\u{330}", "\u{331}", "\u{338}", "\u{342}", "\u{316}", "\u{334}", "\u{345}", "\u{34F}", "\u{360}",
    ]

    /// Every covered character that decomposes, the ASCII letters and `= < >`, and a few that compose with nothing.
    static let starters: [Unicode.Scalar] = {
        var starters = (UInt32(0x41)...0x7A).compactMap(Unicode.Scalar.init) + ["=", "<", ">", "\u{A8}", "\u{2014}", "\u{20AB}", " "]
        for range in [UInt32(0xC0)...0x2FF, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value),
                      String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.count > 1 else { continue }
                starters.append(scalar)
            }
        }
        return starters
    }()

    @Test("each starter with no mark, one mark or two, in either order, composes as Foundation composes it")
    func startersWithTwoMarks() {
        #expect(Self.starters.count > 500)
        var mismatches = 0
        for starter in Self.starters {
            var texts = [String(Character(starter))]
            for first in Self.marks {
                texts.append(String(String.UnicodeScalarView([starter, first])))
                for second in Self.marks { texts.append(String(String.UnicodeScalarView([starter, first, second]))) }
            }
            for text in texts where Self.composed(text) != text.precomposedStringWithCanonicalMapping {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(Self.hex(text)): \(Self.hex(Self.composed(text))), Foundation \(Self.hex(text.precomposedStringWithCanonicalMapping))")
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("the vowels with Vietnamese's marks three at a time, in every order, compose as Foundation composes them")
    func vietnameseMarks() {
        let vietnamese: [Unicode.Scalar] = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}"]
        for base in "aeiouyAEIOUYăâêôơưđ".unicodeScalars {
            for first in vietnamese {
                for second in vietnamese {
                    for third in vietnamese {
                        let text = String(String.UnicodeScalarView([base, first, second, third, "x"]))
                        #expect(Self.composed(text) == text.precomposedStringWithCanonicalMapping, "\(Self.hex(text))")
                    }
                }
            }
        }
    }

    @Test("long random Latin texts in NFD, NFC and mixed forms compose as Foundation composes them whole")
    func randomTexts() {
        var state: UInt64 = 23
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let alphabet: [ClosedRange<UInt32>] = [0x20...0x7E, 0x0A...0x0A, 0xA0...0x2FF, 0x1EA0...0x1EF9, 0x1E00...0x1EFF, 0x2010...0x2027,
                                               0x20AB...0x20AB, 0x300...0x33F, 0x345...0x36F]
        for round in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(1 + next(400)) {
                let range = alphabet[next(alphabet.count)]
                if let scalar = Unicode.Scalar(range.lowerBound + UInt32(next(Int(range.upperBound - range.lowerBound) + 1))) { scalars.append(scalar) }
            }
            let text = String(scalars)
            let forms = [text, text.decomposedStringWithCanonicalMapping, text.precomposedStringWithCanonicalMapping]
            let form = forms[round % forms.count]
            // Every character of the alphabet is covered, and so is what it composes into but `≠ ≮ ≯`.
            if form.unicodeScalars.contains(where: { (0x2260...0x226F).contains($0.value) }) {
                #expect(Self.composed(form) == "not covered")
                continue
            }
            #expect(Self.composed(form) == form.precomposedStringWithCanonicalMapping, "\(Self.hex(form))")
        }
    }

    @Test("what is covered: Latin, punctuation, currency, Korean, Chinese and the marks that stay marks; not Greek, kana, emoji or U+0340")
    func coverage() {
        for (text, covered) in [("Hội nghị — 5 ₫, “trích”", true), ("e\u{301}\u{323}", true), ("α", false), ("會議 한국", true), ("が", false), ("\u{1100}\u{1161}\u{302E}", true), ("😀", false),
                                ("ʒ\u{30C}", true), ("a\u{340}", false), ("a\u{344}", false), ("\u{2000}", false), ("\u{FEFF}", false),
                                ("a" + String(repeating: "\u{301}", count: 40), true), ("a" + String(repeating: "\u{301}", count: 41), true)] {
            var output = Array("kept".utf8)
            let composed = Array(text.utf8).withUnsafeBufferPointer { KnownScriptComposition.compose($0, into: &output) }
            #expect(composed == covered, "\(text)")
            // Nothing is written for text not covered.
            #expect(covered || output == Array("kept".utf8))
        }
    }
}
