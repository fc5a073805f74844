import Crypto
import Foundation
import Testing
import TestSupport
@testable import IngestServices

/// Document ids: the fast path for text that is already NFC gives exactly the id Foundation's normaliser gives.
@Suite("Document identity")
struct DocumentIdentityTests {
    static func reference(_ text: String) -> String {
        SHA256.hash(data: Data(text.precomposedStringWithCanonicalMapping.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static let samples = [
        "Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ – “chuyển đổi số” … đạt 12,5%.",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh Thừa Thiên Huế lần thứ XVIII, nhiệm kỳ 2020–2025",
        "Ủy ban nhân dân thành phố Hồ Chí Minh; Đắk Lắk; Bà Rịa - Vũng Tàu; Quảng Ngãi ₫ 100",
        "plain ASCII report\r\nwith CRLF\tand tabs",
        "",
    ]

    @Test("the id equals SHA-256 of the NFC text, for NFC, NFD and mixed forms alike", arguments: samples)
    func sameAsFoundation(text: String) {
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(DocumentIdentity.id(for: text).rawValue == Self.reference(text))
        #expect(DocumentIdentity.id(for: nfd).rawValue == Self.reference(text))
        #expect(!DocumentIdentity.isNFCWithoutChecking(nfd) || nfd == text)
    }

    @Test("random text over the fast path's alphabet and beyond gives Foundation's id")
    func randomText() {
        var generator = SeededGenerator(seed: 14)
        let alphabet: [ClosedRange<UInt32>] = [0x20...0x7E, 0xC0...0x24F, 0x1E00...0x1EFF, 0x2010...0x205E, 0x300...0x323, 0x2000...0x200A]
        for _ in 0..<2_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let range = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) { scalars.append(scalar) }
            }
            let text = String(scalars)
            #expect(DocumentIdentity.id(for: text).rawValue == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
