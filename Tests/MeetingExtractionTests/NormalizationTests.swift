import Foundation
import Testing
@testable import MeetingExtraction

@Suite("Text normalisation")
struct NormalizationTests {
    @Test("one form for every spelling", arguments: [
        ("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"), ("Uỷ ban", "Ủy ban"), ("Tỉnh uỷ", "Tỉnh ủy"), ("khoẻ", "khỏe"),
        ("hoàn thành", "hoàn thành"), ("quý", "quý"), ("Huỳnh", "Huỳnh"), ("ÐẢNG", "ĐẢNG"), ("a\r\nb", "a\nb"), ("a\rb", "a\nb"),
        ("a\u{00A0}b", "a b"), ("HOÀ", "HÒA"), ("thuỷ sản", "thủy sản"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test("NFD input becomes NFC")
    func nfd() {
        let nfd = "Bình Phước".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Bình Phước".unicodeScalars.count)
        #expect(Array(TextNormalizer.normalize(nfd).unicodeScalars) == Array("Bình Phước".unicodeScalars))
    }

    @Test("folding removes diacritics and case", arguments: [("Đắk Lắk", "dak lak"), ("ĐBQH", "dbqh"), ("Ủy", "uy"), ("Hà Nội", "ha noi")])
    func folding(input: String, expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test("any bytes give a record or a clear error, never a trap")
    func anyBytes() throws {
        #expect(throws: ExtractionError.invalidUTF8) { try extractor.extract(bytes: [0x48, 0xC3, 0x28]) }
        #expect(try extractor.extract(bytes: []).provinces.isEmpty)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let scalars = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in
                ["a", "Đ", "ắ", "\u{0301}", "\n", " ", ",", ".", "/", "1", "9", ":", "-", "H", "\r", "\u{00A0}", "Ảnh", "Sáng", "tỉnh "].randomElement(using: &generator)!
            }
            _ = extractor.extract(text: scalars.joined())
        }
    }
}
