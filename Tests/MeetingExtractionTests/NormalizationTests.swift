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

    @Test("line breaks of every kind become a newline; other controls a space; bidi controls nothing", arguments: [
        ("a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f", "a\nb\nc\nd\ne\nf"), ("a\u{1B}[31mb\u{07}c\u{0}d\u{7F}e\u{9B}f", "a [31mb c d e f"),
        ("a\u{202E}b\u{2066}c\u{2069}d\u{200F}e", "abcde"), ("\r\n\r", "\n\n"),
    ])
    func controls(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
        var bytes = input
        #expect(bytes.withUTF8 { TextNormalizer.normalizedScalars(utf8: $0) }.map { String(String.UnicodeScalarView($0)) } == expected)
    }

    @Test("a headline with an escape sequence and a kind broken by a vertical tab come out as plain text")
    func controlsInRecordTexts() throws {
        let text = "Họp \u{1B}[31mĐỎ\u{1B}]0;pwned\u{07} về chuyển đổi số\nChiều 12/3/2024, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Cà Mau chủ trì Hội nghị tổng\u{0B}kết công tác chuyển đổi số."
        let record = try extractor.extract(bytes: Array(text.utf8))
        let texts = [record.title, record.meetingKind, record.chair?.name].compactMap { $0 } + record.participants.flatMap { [$0.name] + $0.titles }
        #expect(record.title?.hasPrefix("Họp  [31mĐỎ ]0;pwned  về") == true, "\(record.title ?? "-")")
        for text in texts { #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(text.debugDescription)") }
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

    @Test("shuffled words of the genre, with every cue and province, never trap")
    func genreFuzz() {
        let words = [
            "Sáng", "Chiều", "ngày", "17/1", "14-15/5", "2024", "Từ", "đến", "tại", "điểm", "cầu", "Tại", "tỉnh", "thành", "phố", "TP", "TP.HCM",
            "Bình", "Phước", "Hà", "Nội", "Thái", "Dương", "Huế", "BR-VT", "Thừa", "Thiên", "Đắk", "Lắk", "huyện", "xã", "đường",
            "đồng", "chí", "Đồng", "chí", "ông", "Bà", "Nguyễn", "Văn", "An", "Trương", "Hòa", "K'Thị", "Y", "A",
            "Bí", "thư", "Tỉnh", "ủy", "Chủ", "tịch", "UBND", "HĐND", "Phó", "Giám", "đốc", "Sở", "Bộ", "Ban",
            "chủ", "trì", "đồng chủ trì", "dẫn", "đầu", "làm", "việc", "với", "tổ", "chức", "phát", "biểu", "báo", "cáo", "kiến", "nghị",
            "thảo", "luận", "Đại", "diện", "các", "như", "và", "có", "trực", "tiếp", "tuyến", "kết", "hợp", "hội", "nghị", "Hội nghị", "kỳ", "họp", "thứ",
            "tăng", "7,2%", "từ", "2-5%", "4.698", "tỷ", "đồng", "Ảnh:", ",", ".", ";", ":", "–", "-", "(", ")", "\n", "“", "”", "…",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1..<80, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            _ = extractor.extract(text: text, published: Bool.random(using: &generator) ? "2025-08-01" : nil)
        }
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
