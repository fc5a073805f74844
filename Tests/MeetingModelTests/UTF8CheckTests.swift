import Testing
@testable import MeetingModel

/// `UTF8Check.isValid` against the standard library's own validation, over the blocks' edges and random bytes.
@Suite struct UTF8CheckTests {
    static func oracle(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
    static func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Check.isValid) }

    /// Sequences valid and not, including overlong forms, surrogates, past U+10FFFF, cut ones and stray continuations.
    static let pieces: [[UInt8]] = [
        [0xC3, 0xA1], [0xE1, 0xBB, 0x87], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xBF], [0xC3], [0xE1, 0xBB], [0xF0, 0x9F, 0x98], [0xE1, 0x41, 0x87],
    ]

    @Test("every piece at every offset of ASCII filler across three blocks, and two pieces side by side, as the standard library says")
    func piecesAtEveryOffset() {
        var disagreements: [String] = []
        for piece in Self.pieces {
            for length in [32, 47, 64] {
                for offset in 0...(length - piece.count) {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes.replaceSubrange(offset..<offset + piece.count, with: piece)
                    if Self.check(bytes) != Self.oracle(bytes) { disagreements.append("\(piece) at \(offset) of \(length)") }
                }
            }
            for other in Self.pieces {
                for offset in 10...22 {
                    var bytes = [UInt8](repeating: 0x61, count: 48)
                    bytes.replaceSubrange(offset..<offset + piece.count, with: piece)
                    bytes.replaceSubrange(offset + piece.count..<offset + piece.count + other.count, with: other)
                    if Self.check(bytes) != Self.oracle(bytes) { disagreements.append("\(piece) then \(other) at \(offset)") }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("random texts of Vietnamese letters, ASCII and broken bytes, of every length up to 300, as the standard library says")
    func randomTexts() {
        var random = SystemRandomNumberGenerator()
        let letters = "Hội nghị trực tuyến Đắk Lắk ưu tiên 😀 ".unicodeScalars.map { Array(String($0).utf8) }
        var disagreements = 0, valid = 0
        for round in 0..<20_000 {
            var bytes = (0..<(round % 300)).flatMap { _ in letters[Int.random(in: 0..<letters.count, using: &random)] }
            if !bytes.isEmpty, round % 2 == 0 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            if Self.check(bytes) != Self.oracle(bytes) { disagreements += 1 }
            if Self.oracle(bytes) { valid += 1 }
        }
        #expect(disagreements == 0)
        #expect(valid > 5_000 && valid < 19_000, "both kinds were tried")
    }

    @Test("a long valid report, and the same with one byte broken at each of its first 200 positions")
    func longReport() {
        let report = Array(String(repeating: "Sáng 12/3, UBND tỉnh Đồng Tháp họp trực tuyến với các xã, phường. ", count: 40).utf8)
        #expect(Self.check(report))
        for position in 0..<200 {
            var broken = report
            broken[position] = 0xFF
            #expect(!Self.check(broken))
            broken[position] = 0x80
            #expect(Self.check(broken) == Self.oracle(broken))
        }
    }
}
