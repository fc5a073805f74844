import MeetingModel
import Testing

@Suite("Printable text")
struct PrintableTextTests {
    @Test("escape sequences, controls, separators and bidi overrides are written as \\u{…}; Vietnamese, CJK and emoji are not")
    func escapesWhatATerminalObeys() {
        #expect(PrintableText.escaping("Họp \u{1B}[31mĐỎ\u{1B}]0;pwned\u{07}") == "Họp \\u{1B}[31mĐỎ\\u{1B}]0;pwned\\u{7}")
        #expect(PrintableText.escaping("a\nb\rc\td\u{0}e\u{7F}f\u{85}g\u{9B}h") == "a\\u{A}b\\u{D}c\\u{9}d\\u{0}e\\u{7F}f\\u{85}g\\u{9B}h")
        #expect(PrintableText.escaping("x\u{2028}y\u{2029}z\u{202E}evil\u{2066}i\u{2069}\u{200F}") == "x\\u{2028}y\\u{2029}z\\u{202E}evil\\u{2066}i\\u{2069}\\u{200F}")
        let plain = "Nguyễn Thị Ánh, Chủ tịch UBND tỉnh Cà Mau — 漢字 🙂 \\u{1B} as typed"
        #expect(PrintableText.escaping(plain) == plain)
        // Zero-width joiners and combining marks are letters' business, not a terminal's.
        #expect(PrintableText.escaping("e\u{301}\u{200D}") == "e\u{301}\u{200D}")
    }

    @Test("a document's own line breaks can be kept when the whole text is printed")
    func keepingNewlines() {
        #expect(PrintableText.escaping("dòng 1\ndòng 2\u{1B}[2J", keeping: ["\n"]) == "dòng 1\ndòng 2\\u{1B}[2J")
    }
}
