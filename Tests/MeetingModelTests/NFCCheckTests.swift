import Testing
@testable import MeetingModel

/// `NFCCheck.mayNeedComposition` by blocks against the scalar loop it replaces for long texts.
@Suite struct NFCCheckTests {
    static func both(_ bytes: [UInt8]) -> (blocks: Bool, scalars: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (false, false) }
            return (NFCCheck.mayNeedComposition(base, count: buffer.count), NFCCheck.mayNeedCompositionByScalars(base, count: buffer.count))
        }
    }

    /// Leads that may compose and the exceptions' edges: U+1E00/U+1EFF, U+1DFF, U+1F00, U+2010, U+205E/U+205F, U+200F,
    /// U+0300, U+00E9, U+0103, Hangul, an emoji.
    static let pieces: [[UInt8]] = [
        [0xE1, 0xB8, 0x80], [0xE1, 0xBB, 0xBF], [0xE1, 0xB7, 0xBF], [0xE1, 0xBC, 0x80], [0xE2, 0x80, 0x90], [0xE2, 0x81, 0x9E],
        [0xE2, 0x81, 0x9F], [0xE2, 0x80, 0x8F], [0xCC, 0x80], [0xC3, 0xA9], [0xC4, 0x83], [0xEA, 0xB0, 0x80], [0xF0, 0x9F, 0x98, 0x80],
        [0xE1, 0xBB], [0xE2, 0x80], [0xE2],
    ]

    @Test("every piece at every offset of texts across blocks, alone and beside Vietnamese letters, as the scalar loop says")
    func piecesAtEveryOffset() {
        let filler = Array("ệ ố ơ đ".utf8)
        var disagreements: [String] = []
        for piece in Self.pieces {
            for length in [32, 33, 34, 47, 50, 64] {
                for offset in 0...(length - piece.count) {
                    for background in [[UInt8](repeating: 0x61, count: length), (0..<length).map { filler[$0 % filler.count] }] {
                        var bytes = background
                        bytes.replaceSubrange(offset..<offset + piece.count, with: piece)
                        let (blocks, scalars) = Self.both(bytes)
                        if blocks != scalars { disagreements.append("\(piece) at \(offset) of \(length)") }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("random texts of Vietnamese, punctuation, marks and any byte, of every length up to 300, as the scalar loop says")
    func randomTexts() {
        var random = SystemRandomNumberGenerator()
        let scalars = "Sáng nay, tỉnh Đắk Lắk họp “trực tuyến” – ‘về’ chuyển đổi số…".unicodeScalars.map { Array(String($0).utf8) }
        let rare = Self.pieces
        var disagreements = 0, composing = 0
        for round in 0..<20_000 {
            var bytes = (0..<(round % 300)).flatMap { _ in scalars[Int.random(in: 0..<scalars.count, using: &random)] }
            if !bytes.isEmpty, round % 3 == 0 {
                let piece = rare[Int.random(in: 0..<rare.count, using: &random)]
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes.insert(contentsOf: piece, at: at)
            }
            if round % 7 == 0, !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            let (blocks, scalars) = Self.both(bytes)
            if blocks != scalars { disagreements += 1 }
            if scalars { composing += 1 }
        }
        #expect(disagreements == 0)
        #expect(composing > 2_000 && composing < 18_000, "both answers were tried")
    }
}
