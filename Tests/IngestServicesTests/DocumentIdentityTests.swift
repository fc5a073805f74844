import Crypto
import Foundation
import MeetingModel
import Testing
import TestSupport
@testable import IngestServices

/// Document ids: the fast path gives exactly the id of the canonical form as written here the slow, obvious way
/// (Foundation's normaliser over Strings), and the same article arriving in another form keeps its id.
@Suite("Document identity")
struct DocumentIdentityTests {
    /// No leading BOM, LF line ends, no spaces or tabs ending a line, NFC.
    static func canonical(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        // Literal: Foundation's default search would take a CR followed by a combining mark as one character.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n", options: .literal).replacingOccurrences(of: "\r", with: "\n", options: .literal)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.unicodeScalars.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed().map(Character.init)) }
        // Decomposed first: Foundation's NFC leaves a Hangul syllable of initial and vowel before a final jamo as two
        // characters, and composes them from the three jamo.
        return lines.joined(separator: "\n").decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping
    }

    static func reference(_ text: String) -> String {
        SHA256.hash(data: Data(canonical(text).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 1 to `length` scalars, each from a range of `alphabet` picked at random.
    static func randomText(_ alphabet: [ClosedRange<UInt32>], upTo length: Int, _ generator: inout SeededGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...length, using: &generator) {
            let range = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// What the first version gave: SHA-256 of the NFC text as it came.
    static func firstVersion(_ text: String) -> String {
        SHA256.hash(data: Data(text.precomposedStringWithCanonicalMapping.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test("an article saved with a BOM, CRLF or CR line ends, trailing blanks or in NFD is the same document")
    func sameArticleAnyForm() {
        let article = "Sáng 5/3, UBND tỉnh Cà Mau họp phiên thường kỳ.\nĐồng chí Nguyễn Văn An chủ trì.\n"
        let id = DocumentIdentity.id(for: article)
        #expect(id.rawValue == Self.firstVersion(article), "text already canonical keeps the first version's id")
        for variant in [
            "\u{FEFF}" + article, article.replacingOccurrences(of: "\n", with: "\r\n"), article.replacingOccurrences(of: "\n", with: "\r"),
            "\u{FEFF}" + article.replacingOccurrences(of: "\n", with: " \t\r\n"), article.replacingOccurrences(of: ".\n", with: ".   \n"),
            article.decomposedStringWithCanonicalMapping, "\u{FEFF}" + article.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n"),
        ] {
            #expect(DocumentIdentity.id(for: variant) == id, "\(variant.debugDescription)")
        }
        #expect(DocumentIdentity.id(for: article + "Thêm một câu.\n") != id)
        #expect(DocumentIdentity.id(for: " " + article) != id, "leading blanks are the text's own")
    }

    static let samples = [
        "Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ – “chuyển đổi số” … đạt 12,5%.",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh Thừa Thiên Huế lần thứ XVIII, nhiệm kỳ 2020–2025",
        "Ủy ban nhân dân thành phố Hồ Chí Minh; Đắk Lắk; Bà Rịa - Vũng Tàu; Quảng Ngãi ₫ 100",
        "plain ASCII report\r\nwith CRLF\tand tabs",
        "",
    ]

    @Test("the id equals SHA-256 of the canonical text, for NFC, NFD and mixed forms alike", arguments: samples)
    func sameAsFoundation(text: String) {
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(DocumentIdentity.id(for: text).rawValue == Self.reference(text))
        #expect(DocumentIdentity.id(for: nfd).rawValue == Self.reference(text))
        // The fast path leaves composition to Foundation whenever the text holds a combining mark.
        var decomposed = nfd
        let needsComposition = decomposed.withUTF8 { DocumentIdentity.canonicalBytes($0).needsComposition }
        #expect(needsComposition || nfd == text)
    }

    /// The check as one loop over every byte (the first fast path's): what the three passes must agree with.
    static func unchangedByteByByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return nil }
        var previousBlank = false
        var needsComposition = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previousBlank) { return nil }
                previousBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
                index += 1
                continue
            }
            previousBlank = false
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            if !needsComposition {
                needsComposition = NFCCheck.mayCompose(lead: byte, length: length, second: index + 1 < bytes.count ? bytes[index + 1] : 0,
                                                               third: index + 2 < bytes.count ? bytes[index + 2] : 0)
            }
            index += length
        }
        return previousBlank ? nil : needsComposition
    }

    @Test("the canonical-form check in three passes answers as the byte-by-byte loop, at every length and alignment")
    func checkAgreesWithLoop() {
        var generator = SeededGenerator(seed: 29)
        // Mostly what the fast path passes over (ASCII, Vietnamese letters), with now and then what it must see.
        let common: [ClosedRange<UInt32>] = [0x61...0x7A, 0x20...0x20, 0xC0...0x1B0, 0x1EA0...0x1EF9, 0x0A...0x0A]
        let rare: [ClosedRange<UInt32>] = [0x09...0x09, 0x0D...0x0D, 0x300...0x323, 0x2010...0x205E, 0x2060...0x2070, 0x1E00...0x1EFF,
                                           0x370...0x3FF, 0x1F600...0x1F64F, 0xFEFF...0xFEFF, 0x2013...0x2014]
        for round in 0..<4_000 {
            var scalars = String.UnicodeScalarView()
            if round % 50 == 0 { scalars.append("\u{FEFF}") }
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let ranges = Int.random(in: 0..<20, using: &generator) == 0 ? rare : common
                let range = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) { scalars.append(scalar) }
            }
            var text = String(scalars)
            let (fast, slow) = text.withUTF8 { (DocumentIdentity.unchangedByCanonicalForm($0), Self.unchangedByteByByte($0)) }
            #expect(fast == slow, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("composed a piece at a time, cut before characters that start afresh however short the pieces, the text is the reference's NFC")
    func composedInPieces() {
        var generator = SeededGenerator(seed: 41)
        // Base letters, combining marks in and out of canonical order, precomposed letters, Greek and Cyrillic, Hangul
        // jamo, syllables, Indic and Myanmar vowel signs and kana voicing marks that compose across a piece's start if
        // cut there, and ASCII now and then.
        let alphabet: [ClosedRange<UInt32>] = [0x61...0x7A, 0x300...0x323, 0x1EA0...0x1EF9, 0x370...0x3FF, 0x1100...0x1112,
                                               0x1161...0x1175, 0x11A8...0x11C2, 0x0A...0x0A, 0xC0...0x24F, 0x400...0x4FF,
                                               0x1F00...0x1FFF, 0xAC00...0xAC1F, 0x9A1...0x9D7, 0xB3E...0xB57, 0xBBE...0xBD7,
                                               0x1025...0x102E, 0x304B...0x309A, 0x30AB...0x30B0, 0x4E00...0x4E0F]
        for round in 0..<1_500 {
            let text = Self.randomText(alphabet, upTo: 80, &generator)
            let canonical = Array(Self.canonical(text).decomposedStringWithCanonicalMapping.utf8)
            let reference = Data(Self.canonical(text).utf8)
            let pieces = canonical.withUnsafeBufferPointer { NFCComposition.composed($0, pieceBytes: 1 + round % 9) }
            #expect(Data(pieces) == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // A long NFD report, in pieces of the default size, as one string composed whole.
        let report = String(repeating: "Hội nghị tổng kết công tác năm của Ủy ban nhân dân tỉnh Bắc Ninh.\n", count: 2_000)
        let decomposed = Array(report.decomposedStringWithCanonicalMapping.utf8)
        #expect(decomposed.withUnsafeBufferPointer { NFCComposition.composed($0) } == Array(report.precomposedStringWithCanonicalMapping.utf8))
        #expect(DocumentIdentity.id(for: report.decomposedStringWithCanonicalMapping) == DocumentIdentity.id(for: report))
    }

    @Test("random text over the fast path's alphabet and beyond, with line ends, blanks and BOMs, gives the reference id")
    func randomText() {
        var generator = SeededGenerator(seed: 14)
        let alphabet: [ClosedRange<UInt32>] = [0x20...0x7E, 0xC0...0x24F, 0x1E00...0x1EFF, 0x2010...0x205E, 0x300...0x323, 0x2000...0x200A,
                                               0x09...0x0A, 0x0D...0x0D, 0x20...0x20, 0xFEFF...0xFEFF, 0x370...0x3FF, 0x1F600...0x1F64F]
        for _ in 0..<2_000 {
            let text = Self.randomText(alphabet, upTo: 40, &generator)
            #expect(DocumentIdentity.id(for: text).rawValue == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
