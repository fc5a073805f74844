import Foundation
import Testing
@testable import MeetingModel

/// NFC a piece at a time: a cut falls only before a character that composes with nothing before it, and texts of
/// every script the cut rule knows are cut into short pieces, not composed whole (Foundation's normaliser takes time
/// growing with the square of a piece's length).
@Suite("NFC composed in pieces")
struct NFCCompositionTests {
    /// Every character that is the second of a canonical composition, by Foundation's own tables: each character of
    /// planes 0 and 1 whose canonical decomposition is two characters that compose back into it.
    static let secondsOfCompositions: Set<UInt32> = {
        var seconds = Set<UInt32>()
        for value in UInt32(0xC0)..<0x2_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let decomposed = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard decomposed.count == 2 else { continue }
            let recomposed = String(String.UnicodeScalarView(decomposed)).precomposedStringWithCanonicalMapping.unicodeScalars
            if Array(recomposed) == [scalar] { seconds.insert(decomposed[1].value) }
        }
        // Hangul syllables compose by rule, not by table: vowels after an initial, finals after a vowel.
        seconds.formUnion(0x1161...0x1175)
        seconds.formUnion(0x11A8...0x11C2)
        return seconds
    }()

    @Test("no character that is the second of a composition, nor one that decomposes into one, starts a piece")
    func secondsNeverStartAPiece() {
        #expect(Self.secondsOfCompositions.count > 100)
        #expect(Self.secondsOfCompositions.contains(0x301) && Self.secondsOfCompositions.contains(0x9BE))
        for value in Self.secondsOfCompositions {
            #expect(!NFCComposition.startsAfresh(value), "U+\(String(value, radix: 16, uppercase: true))")
        }
        var starters = 0
        for range in NFCComposition.scriptsStartingAfresh {
            for value in range where NFCComposition.startsAfresh(value) {
                starters += 1
                guard let scalar = Unicode.Scalar(value),
                      let first = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.first else { continue }
                #expect(first.properties.canonicalCombiningClass == .notReordered && !Self.secondsOfCompositions.contains(first.value),
                        "U+\(String(value, radix: 16, uppercase: true)) decomposes to U+\(String(first.value, radix: 16, uppercase: true))")
            }
        }
        #expect(starters > 40_000)
        // The wider rule asked where a piece finds none of those, over planes 0 and 1.
        var wider = 0
        for value in UInt32(0x80)..<0x2_0000 where NFCComposition.startsAfreshByUnicode14(value) {
            wider += 1
            guard let scalar = Unicode.Scalar(value),
                  let first = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.first else { continue }
            #expect(!Self.secondsOfCompositions.contains(value), "U+\(String(value, radix: 16, uppercase: true))")
            #expect(first.properties.canonicalCombiningClass == .notReordered && !Self.secondsOfCompositions.contains(first.value),
                    "U+\(String(value, radix: 16, uppercase: true)) decomposes to U+\(String(first.value, radix: 16, uppercase: true))")
        }
        #expect(wider > 80_000)
    }

    /// About 200 KB of one script's letters with combining marks, decomposed, with no ASCII character at all.
    static func decomposedText(_ letters: String, count: Int) -> [UInt8] {
        let characters = Array(letters)
        var text = ""
        for index in 0..<count { text.append(characters[(index * 7 + index / characters.count) % characters.count]) }
        return Array(text.decomposedStringWithCanonicalMapping.utf8)
    }

    /// The longest of the pieces of 4 KiB or so that `bytes` is cut into.
    static func longestPiece(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        var longest = 0
        while start < bytes.count {
            let end = NFCComposition.pieceEnd(bytes, from: start, pieceBytes: 4096)
            longest = max(longest, end - start)
            start = end
        }
        return longest
    }

    @Test("a text of Greek, Cyrillic, Hangul, kana or CJK with no ASCII is cut into short pieces, and composes as a whole",
          arguments: ["άέήίόύώϊϋΐαβγδ", "йёЙЁўїабвгд", "한국어조선말가나다", "がぎぐげごパピプペポかきくけこ", "會議報告省市縣"])
    func scriptsAreCutShort(letters: String) {
        let bytes = Self.decomposedText(letters, count: 60_000)
        let whole = Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let longest = Self.longestPiece(buffer)
            #expect(longest < 4096 + 64, "\(letters): a piece of \(longest) bytes")
            #expect(NFCComposition.composed(buffer) == whole)
        }
    }

    @Test("a text with no letter, ASCII or joiner is cut by the wider rule past the reach, and composes as Foundation composes it whole",
          arguments: ["\u{A8}\u{340}", "\u{2190}\u{338}", "\u{1FBF}\u{300}", "\u{6C1}\u{654}", "\u{1D1BB}", "\u{FB2C}", "😀\u{301}"])
    func symbolsAreCutPastTheReach(unit: String) {
        let text = String(repeating: unit, count: 40_000 / unit.utf8.count)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let longest = Self.longestPiece(buffer)
            #expect(longest <= 4096 + NFCComposition.pieceReach + 8, "a piece of \(longest) bytes")
            #expect(NFCComposition.composed(buffer) == Array(text.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    @Test("only jamo vowels and finals after the initials: the pieces run on to the text's end, and still compose right")
    func jamoAloneAreNotCut() {
        let bytes = Array(String(repeating: "\u{1161}\u{11A8}\u{1175}", count: 2_000).utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(NFCComposition.pieceEnd(buffer, from: 0, pieceBytes: 16) == buffer.count)
        }
    }

    @Test("a scalar is read whole from its bytes, and a cut-off one is not read")
    func scalarValues() {
        let bytes = Array("aé한😀".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(NFCComposition.scalarValue(buffer, at: 1) == 0xE9)
            #expect(NFCComposition.scalarValue(buffer, at: 3) == 0xD55C)
            #expect(NFCComposition.scalarValue(buffer, at: 6) == 0x1F600)
            #expect(NFCComposition.scalarValue(buffer, at: 2) == nil)
            #expect(NFCComposition.scalarValue(UnsafeBufferPointer(rebasing: buffer[0..<8]), at: 6) == nil)
        }
    }
}

extension NFCCompositionTests {
    @Test("a syllable of initial and vowel followed by a final jamo, and Kannada's U+0CCA and U+0CD5, compose into one, as their decomposed forms do",
          arguments: ["\u{AC00}\u{11C1}", "x\u{D7A4}\u{11A8}", "\u{B098}\u{11A8}\u{11A8}한\u{C0AC}\u{11AB}", "\u{AC01}\u{11A8}", "\u{AC00}\u{0301}\u{11A8}",
                      "α\u{AC00}\u{11C1}", "\u{C95}\u{CCA}\u{CD5}", "α\u{C95}\u{CCA}\u{CD5}"])
    func hangulFinalsCompose(text: String) {
        let expected = Array(text.decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping.utf8)
        for form in [text, text.decomposedStringWithCanonicalMapping] {
            let bytes = Array(form.utf8)
            #expect(bytes.withUnsafeBufferPointer { NFCComposition.composed($0) } == expected)
        }
        // Whatever Foundation does, the bytes are one text to Swift's own comparison: canonically equivalent.
        #expect(String(decoding: expected, as: UTF8.self) == text)
    }
}

extension NFCCompositionTests {
    /// One letter and `count` combining marks of four classes (230 and 220), in no canonical order.
    static func marks(_ count: Int) -> String {
        let marks: [Unicode.Scalar] = ["\u{301}", "\u{323}", "\u{302}", "\u{308}", "\u{316}"]
        var scalars = String.UnicodeScalarView(["a"])
        for index in 0..<count { scalars.append(marks[(index * index + index / 3) % marks.count]) }
        return String(scalars)
    }

    @Test("text with no run of more than 30 non-starters out of order is left as it is: Vietnamese in NFD, runs of 30, a long run in order")
    func realTextIsLeftAlone() {
        for text in ["Hội nghị tổng kết năm 2024 tại Ủy ban nhân dân tỉnh".decomposedStringWithCanonicalMapping, Self.marks(30),
                     Self.marks(30) + "b" + Self.marks(30), "ệ" + Self.marks(28), "a" + String(repeating: "\u{316}", count: 500) + String(repeating: "\u{301}", count: 500)] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { NFCComposition.orderingLongRuns($0) } == nil)
        }
    }

    @Test("a longer run is put in canonical order, each class in its order, and composed as Foundation composes the text whole")
    func longRunsOfMarksAreOrdered() {
        let text = Self.marks(20_000) + "x" + Self.marks(45) + "y" + Self.marks(31)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            guard let ordered = NFCComposition.orderingLongRuns(buffer) else {
                Issue.record("20,000 marks out of order taken as in order")
                return
            }
            let orderedText = String(decoding: ordered, as: UTF8.self)
            #expect(orderedText == text, "not canonically equivalent")
            #expect(Array(orderedText.unicodeScalars) == Array(text.decomposedStringWithCanonicalMapping.unicodeScalars))
            #expect(NFCComposition.composed(buffer) == Array(text.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    @Test("two forms of one text with a long run of marks compose alike (the joiner of a first version told them apart)",
          arguments: [("\u{E9}" + String(repeating: "\u{316}", count: 30), "e" + String(repeating: "\u{316}", count: 30) + "\u{301}"),
                      ("a" + String(repeating: "\u{316}", count: 16) + String(repeating: "\u{301}", count: 16),
                       "a" + String(repeating: "\u{301}\u{316}", count: 16)),
                      ("\u{1EC7}" + String(repeating: "\u{308}\u{316}", count: 40), "e\u{323}\u{302}" + String(repeating: "\u{316}\u{308}", count: 40))])
    func equivalentFormsComposeAlike(first: String, second: String) {
        let (one, other) = (Array(first.utf8), Array(second.utf8))
        let composed = one.withUnsafeBufferPointer { NFCComposition.composed($0) }
        #expect(composed == other.withUnsafeBufferPointer { NFCComposition.composed($0) })
        #expect(composed == Array(first.decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping.utf8))
    }
}

extension NFCCompositionTests {
    @Test("the non-starters told from their bytes are those the stdlib's combining classes name, for every character from U+0300")
    func nonStartersAsTheStdlibHasThem() {
        var mismatches: [UInt32] = []
        for value in UInt32(0x300)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            let told = bytes.withUnsafeBufferPointer { NFCComposition.isNonStarter($0, at: 0) }
            if told != (scalar.properties.canonicalCombiningClass != .notReordered) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }
}

extension NFCCompositionTests {
    @Test("a stretch of bytes past ASCII is found a word at a time exactly as byte by byte, at every length and alignment")
    func nonASCIIStretches() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        for _ in 0..<3_000 {
            // Stretches of high bytes broken now and then by ASCII, so that their lengths fall around the threshold.
            let bytes = (0..<Int(next() % 200)).map { _ in next() % 23 == 0 ? UInt8(next() % 0x80) : UInt8(0x80 + next() % 0x80) }
            let length = Int(1 + next() % 40)
            var longest = 0, stretch = 0
            for byte in bytes {
                stretch = byte >= 0x80 ? stretch + 1 : 0
                longest = max(longest, stretch)
            }
            #expect(bytes.withUnsafeBufferPointer { NFCComposition.hasNonASCIIStretch($0, atLeast: length) } == (longest >= length),
                    "\(bytes) at least \(length)")
        }
    }
}

extension NFCCompositionTests {
    @Test("Tibetan vowel signs that decompose into marks are decomposed first: a mark before one is ordered as NFC orders it",
          arguments: ["\u{F40}\u{F7A}\u{F73}", "\u{F40}\u{F83}\u{F75}", "x\u{301}\u{F73}", "\u{F40}\u{F74}\u{F73}", "\u{F40}\u{F39}\u{F73}",
                      "\u{F40}\u{F37}\u{F75}", "\u{F40}\u{F80}\u{F81}", String(repeating: "\u{F73}", count: 3_000), String(repeating: "\u{F73}\u{300}", count: 2_000)])
    func tibetanVowelsDecomposed(text: String) {
        let bytes = Array(text.utf8)
        // Foundation's NFC of the decomposed text is right (Python's, by Unicode's data) where its NFC of the text as
        // written is not; the stdlib's `==` shares the fault, so it cannot be the judge here.
        let expected = Array(text.decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping.utf8)
        #expect(bytes.withUnsafeBufferPointer { NFCComposition.composed($0) } == expected)
    }
}

extension NFCCompositionTests {
    @Test("Hangul composes by rule and only within its ranges: old initials, vowels (U+11A7 among them) and finals stay as they are",
          arguments: [("\u{1105}\u{1161}\u{11A7}", "\u{B77C}\u{11A7}"), ("\u{1105}\u{1161}\u{11C3}", "\u{B77C}\u{11C3}"),
                      ("\u{1105}\u{1176}", "\u{1105}\u{1176}"), ("\u{1113}\u{1161}", "\u{1113}\u{1161}"),
                      ("\u{1100}\u{1161}\u{11A7}\u{11A8}", "\u{AC00}\u{11A7}\u{11A8}"), ("\u{B77C}\u{11A7}", "\u{B77C}\u{11A7}"),
                      ("\u{1100}\u{1161}\u{11A8}", "\u{AC01}"), ("\u{1112}\u{1175}\u{11C2}", "\u{D7A3}"),
                      ("\u{1100}\u{301}\u{1161}", "\u{1100}\u{301}\u{1161}"), ("회의 會議 \u{1100}\u{1161}", "회의 會議 가")])
    func hangulByRule(text: String, expected: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { NFCComposition.composed($0) } == Array(expected.utf8))
    }
}

extension NFCCompositionTests {
    @Test("Hangul beside characters the own composition does not cover is still composed by rule, in NFC and NFD forms alike",
          arguments: [("α" + String(repeating: "x", count: 3_000) + "\u{1105}\u{1161}\u{11A7}", "α" + String(repeating: "x", count: 3_000) + "\u{B77C}\u{11A7}"),
                      ("α" + String(repeating: "x", count: 3_000) + "\u{B77C}\u{11A7}", "α" + String(repeating: "x", count: 3_000) + "\u{B77C}\u{11A7}"),
                      ("\u{1100}\u{1161}\u{11A7}\u{302E}", "\u{AC00}\u{11A7}\u{302E}"), ("\u{2260} \u{1106}\u{1176}", "\u{2260} \u{1106}\u{1176}"),
                      ("=\u{338} \u{1106}\u{1176}", "\u{2260} \u{1106}\u{1176}"), ("α\u{1105}\u{1176}", "α\u{1105}\u{1176}"),
                      ("α\u{1113}\u{1161}", "α\u{1113}\u{1161}"), ("α\u{1105}\u{1161}\u{11C3}", "α\u{B77C}\u{11C3}"),
                      ("a" + String(repeating: "\u{301}", count: 41) + " \u{1105}\u{1161}\u{11A7}",
                       "á" + String(repeating: "\u{301}", count: 40) + " \u{B77C}\u{11A7}"),
                      ("αβ 한국 \u{1100}\u{1161}\u{11A8}\u{0591} γ", "αβ 한국 \u{AC01}\u{0591} γ"),
                      // Old jamo with the extended ones, or with a mark the own composition does not know, after them.
                      ("\u{1100}\u{1176}\u{D7CD}", "\u{1100}\u{1176}\u{D7CD}"), ("\u{1100}\u{1176}\u{A960}", "\u{1100}\u{1176}\u{A960}"),
                      ("\u{1100}\u{1161}\u{11A7}\u{20D7}", "\u{AC00}\u{11A7}\u{20D7}"), ("\u{1113}\u{1161}\u{0591}", "\u{1113}\u{1161}\u{0591}"),
                      ("\u{1113}\u{1161}\u{3099}", "\u{1113}\u{1161}\u{3099}"), ("\u{AC00}\u{11A7}\u{0591}\u{0301}", "\u{AC00}\u{11A7}\u{0591}\u{0301}")])
    func hangulBesideOtherScripts(text: String, expected: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { NFCComposition.composed($0) } == Array(expected.utf8))
    }

    @Test("a letter with marks of its own before a long run of marks of a lower class is decomposed, and its marks ordered with the run")
    func letterBeforeALongRun() {
        let run = String(repeating: "\u{323}", count: 40)
        for (letter, ordered) in [("à", "a" + run + "\u{300}"), ("ǖ", "u" + run + "\u{308}\u{304}"), ("ệ", "e\u{323}" + run + "\u{302}")] {
            let bytes = Array((letter + run).utf8)
            #expect(bytes.withUnsafeBufferPointer { NFCComposition.orderingLongRuns($0) } == Array(ordered.utf8), "\(letter)")
            let text = letter + String(repeating: "\u{323}", count: 3_000)
            #expect(Array(text.utf8).withUnsafeBufferPointer { NFCComposition.composed($0) } == Array(text.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    @Test("the characters that decompose into marks are decomposed first, and U+0344 between starters composes as Foundation has it",
          arguments: [("\u{340}", "\u{300}"), ("\u{341}", "\u{301}"), ("\u{343}", "\u{313}"), ("\u{344}", "\u{308}\u{301}"),
                      ("\u{F73}", "\u{F71}\u{F72}"), ("\u{F75}", "\u{F71}\u{F74}"), ("\u{F81}", "\u{F71}\u{F80}")])
    func decomposedIntoMarks(character: String, decomposition: String) {
        let bytes = Array(("x" + character + "y").utf8)
        #expect(bytes.withUnsafeBufferPointer { NFCComposition.decomposingIntoMarks($0) } == Array(("x" + decomposition + "y").utf8))
        let text = String(repeating: "\u{378}" + character, count: 3_000)
        #expect(Array(text.utf8).withUnsafeBufferPointer { NFCComposition.composed($0) } == Array(text.precomposedStringWithCanonicalMapping.utf8))
    }
}
