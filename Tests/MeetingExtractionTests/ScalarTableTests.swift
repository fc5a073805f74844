import Testing
@testable import MeetingExtraction

@Suite("The tokenizer's scalar table")
struct ScalarTableTests {
    /// Every scalar the table holds, and a few past it, against Unicode's own properties read directly: the table is
    /// built once at start-up by a shorter path (the lower-case mapping only where Unicode says it changes the scalar).
    @Test("class, bits and lower-case form as Unicode's properties give them")
    func agreesWithUnicode() {
        let table = ScalarTable.shared
        var disagreements: [String] = []
        for value in Array(0..<0x2070) + [0x2070, 0x2126, 0x212A, 0x2160, 0xFF21, 0x1D400, 0x10400] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let properties = scalar.properties
            let kind = ScalarClass.compute(scalar)
            let mapping = Array(properties.lowercaseMapping.unicodeScalars)
            var expected: [UInt8] = []
            if value < 0x2070, mapping.count != 1 {
                expected = Array(String(scalar).utf8)
            } else {
                expected = Array(properties.lowercaseMapping.utf8)
            }
            var lowered: [UInt8] = []
            table.appendLowercased(scalar, to: &lowered)
            if table.classOf(scalar) != kind || table.bits(scalar) != ScalarBits.compute(scalar) || lowered != expected {
                disagreements.append("U+" + String(value, radix: 16, uppercase: true))
            }
        }
        #expect(disagreements.isEmpty, "the table disagrees with Unicode at \(disagreements.prefix(20))")
        var dStroke: [UInt8] = []
        table.appendLowercased("Đ", to: &dStroke)
        #expect(dStroke == Array("đ".utf8))
    }
}
