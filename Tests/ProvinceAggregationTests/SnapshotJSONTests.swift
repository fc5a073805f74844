import Foundation
import Testing
import TestSupport
@testable import ProvinceAggregation

@Suite("Snapshot JSON")
struct SnapshotJSONTests {
    /// What `Snapshot` wrote before it had a writer of its own: readers and scripts see these bytes.
    static func encoderBytes(_ snapshot: Snapshot) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(snapshot))
    }

    static let words = ["Bình Phước", "Đồng Nai", "Nguyễn Văn Ánh", "Bí thư Tỉnh ủy", "chuyển đổi số", "Ạb", "Ab", "B", "_", "a", "ab",
                        "x/y", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "cr\r", "\u{1}\u{8}\u{c}\u{1f}\u{7f}", "\u{2028}",
                        "", "2024-03", "Thành phố Hồ Chí Minh", "😀 emoji", "Nguyễn Văn Ánh".decomposedStringWithCanonicalMapping]

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random) ?? "" }.joined(separator: " ")
    }

    static func province(_ random: inout SeededGenerator) -> ProvinceState {
        var province = ProvinceState(name: text(&random), formedIn2025: Bool.random(using: &random))
        province.code = Bool.random(using: &random) ? Int.random(in: -5...99, using: &random) : nil
        province.documents = Int.random(in: 0...Int.max, using: &random)
        province.meetings = Int.random(in: Int.min...0, using: &random)
        province.firstMeetingDate = Bool.random(using: &random) ? text(&random) : nil
        province.lastMeetingDate = Bool.random(using: &random) ? text(&random) : nil
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            province.meetingsByMonth[text(&random)] = Int.random(in: 0...40, using: &random)
            province.roles[text(&random)] = Int.random(in: 0...40, using: &random)
            province.topics[text(&random)] = Int.random(in: 0...40, using: &random)
            // Titles as the reducer keeps them (and a snapshot loads them): sorted, each once.
            province.officials[text(&random)] = .init(titles: ProvinceState.Official.sortedOnce((0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) }),
                                                      lastSeen: Bool.random(using: &random) ? text(&random) : nil)
            province.noteLatest(text(&random), date: Bool.random(using: &random) ? text(&random) : "")
        }
        return province
    }

    @Test("a snapshot is written byte for byte as JSONEncoder wrote it: sorted keys, escapes, empty containers, absent fields")
    func sameBytesAsTheEncoder() throws {
        var random = SeededGenerator(seed: 11)
        for round in 0..<300 {
            var state = AggregateState()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let province = Self.province(&random)
                state.provinces[province.key] = province
                let unit = Self.province(&random)
                state.currentUnits[unit.name] = unit
            }
            state.sequence = UInt64.random(in: 0...UInt64.max, using: &random)
            state.documentsApplied = Int.random(in: 0...1_000_000, using: &random)
            var snapshot = Snapshot(state: state, createdAt: Self.text(&random))
            if round % 3 == 0 { snapshot.currentUnits = nil }
            if round % 5 == 0 { snapshot.appliedIDs = (0..<round % 4).map { _ in Self.text(&random) } }
            let written = snapshot.encodedBytes()
            #expect(written == (try Self.encoderBytes(snapshot)), "round \(round)")
            #expect(try Snapshot.decode(Data(written)) == snapshot, "round \(round)")
        }
    }
}
