import Foundation
import MeetingExtraction
import TestSupport
import Testing
@testable import ProvinceAggregation

/// The six pairs where a unit that kept its name after 1 July 2025 shares a code with another old unit: the
/// historical view never merges them, the current view rolls both up into the 2025 unit, counting each document once.
@Suite("Units before and after the 2025 merger")
struct MergedUnitsTests {
    typealias Pair = MergedUnitPair
    static let pairs = MergedUnitPair.all

    static let extractor = ProjectExtractor.shared

    static func reports(_ pair: Pair) -> [(id: String, text: String)] { pair.reports }

    static func state(_ pair: Pair) -> AggregateState {
        var state = AggregateState()
        for report in reports(pair) { state.apply(extractor.extract(text: report.text), documentID: report.id) }
        return state
    }

    @Test("the extractor names each unit with the code of its era", arguments: pairs)
    func codesOfTheirEra(pair: Pair) throws {
        let reports = Self.reports(pair)
        let before = Self.extractor.extract(text: reports[1].text).provinces
        let after = Self.extractor.extract(text: reports[2].text).provinces
        let old = try #require(before.first { $0.name == pair.kept })
        let partner = try #require(before.first { $0.name == pair.partner })
        let new = try #require(after.first { $0.name == pair.kept })
        #expect(old.code == pair.keptCode && !old.formedIn2025 && old.mergedIntoCode == pair.newCode)
        #expect(partner.code == pair.partnerCode && !partner.formedIn2025 && partner.mergedInto == pair.kept)
        #expect(new.code == pair.newCode && new.formedIn2025)
    }

    @Test("historical: the old unit, its partner and the 2025 unit stay three entries with their own codes", arguments: pairs)
    func historicalKeepsUnitsApart(pair: Pair) throws {
        let state = Self.state(pair)
        let old = try #require(state.provinces[pair.kept])
        let partner = try #require(state.provinces[pair.partner])
        let new = try #require(state.provinces[pair.kept + " (2025)"])
        #expect((old.code, old.documents, old.formedIn2025) == (pair.keptCode, 2, false))
        #expect((partner.code, partner.documents) == (pair.partnerCode, 1))
        #expect((new.code, new.documents, new.formedIn2025) == (pair.newCode, 1, true))
        #expect(old.lastMeetingDate == "2024-04-02" && new.firstMeetingDate == "2026-03-12")
        #expect(old.officials.keys.contains("Trần Văn Hùng") && !old.officials.keys.contains("Phạm Quốc Bảo"))
        #expect(new.officials.keys.sorted() == ["Phạm Quốc Bảo"])
        let codes = state.provinces.values.filter { [pair.kept, pair.partner].contains($0.name) }.map { "\($0.key) \($0.code ?? -1)" }
        #expect(Set(codes).count == 3)
    }

    @Test("current: both old units roll up into the 2025 unit, a document naming both counted once", arguments: pairs)
    func currentRollsUp(pair: Pair) throws {
        let state = Self.state(pair)
        let unit = try #require(state.currentUnits[pair.kept])
        #expect(unit.code == pair.newCode)
        #expect(unit.documents == 3, "three documents, though the second names both old units")
        #expect(unit.firstMeetingDate == "2024-03-12" && unit.lastMeetingDate == "2026-03-12")
        #expect(Set(unit.officials.keys).isSuperset(of: ["Trần Văn Hùng", "Lê Minh Quân", "Phạm Quốc Bảo"]))
        #expect(state.currentUnits[pair.partner] == nil)
        #expect(state.currentUnits.values.allSatisfy { !$0.formedIn2025 })
    }

    @Test("a unit the merger left whole is one entry before and after 1 July 2025, in both views", arguments: ["thành phố Hà Nội", "tỉnh Quảng Ninh", "tỉnh Thanh Hóa", "tỉnh Cao Bằng"])
    func wholeUnitIsOneEntry(unit: String) throws {
        let reports = [("a", "Sáng 12/3/2024, UBND \(unit) họp phiên thường kỳ bàn về chuyển đổi số."),
                       ("b", "Sáng 12/9/2025, UBND \(unit) họp phiên thường kỳ bàn về giải ngân vốn đầu tư công.")]
        var state = AggregateState()
        for (id, text) in reports {
            let record = Self.extractor.extract(text: text)
            let mention = try #require(record.provinces.first, "\(text)")
            #expect(!mention.formedIn2025 && mention.mergedInto == mention.name, "\(mention)")
            state.apply(record, documentID: id)
        }
        #expect(state.provinces.count == 1 && state.provinces.values.first?.documents == 2, "\(state.provinces.keys.sorted())")
        #expect(state.currentUnits.count == 1 && state.currentUnits.values.first?.documents == 2, "\(state.currentUnits.keys.sorted())")
    }

    @Test("Huế, whole through the merger but renamed from Thừa Thiên Huế on 1 January 2025: its own entry before that in the historical view, one unit in the current view")
    func hueRenamed() throws {
        var state = AggregateState()
        state.apply(Self.extractor.extract(text: "Sáng 12/3/2024, UBND tỉnh Thừa Thiên Huế họp phiên thường kỳ."), documentID: "a")
        state.apply(Self.extractor.extract(text: "Sáng 12/9/2025, UBND thành phố Huế họp phiên thường kỳ."), documentID: "b")
        #expect(state.provinces.keys.sorted() == ["Huế", "Thừa Thiên Huế"])
        #expect(state.provinces.values.allSatisfy { $0.code == 46 && $0.documents == 1 })
        #expect(state.currentUnits.keys.sorted() == ["Huế"] && state.currentUnits["Huế"]?.documents == 2)
    }

    @Test("both views survive a snapshot round trip")
    func snapshotRoundTrip() throws {
        var state = AggregateState()
        for pair in Self.pairs {
            for report in Self.reports(pair) { state.apply(Self.extractor.extract(text: report.text), documentID: report.id) }
        }
        let snapshot = try Snapshot.decode(Snapshot(state: state, createdAt: "2026-12-03T00:00:00Z").encoded())
        #expect(snapshot.state == state)
        #expect(snapshot.appliedIDs == nil, "a snapshot no longer lists ids")
    }

    @Test("a snapshot written before the current view existed derives it from the historical one")
    func legacySnapshotDerivesCurrentUnits() throws {
        var state = AggregateState()
        for report in Self.reports(Self.pairs[1]) { state.apply(Self.extractor.extract(text: report.text), documentID: report.id) }
        var legacy = Snapshot(state: state, createdAt: "2025-01-01T00:00:00Z")
        legacy.currentUnits = nil
        var loaded = try Snapshot.decode(legacy.encoded()).state
        #expect(loaded.currentUnits.isEmpty)
        let successors = ["Gia Lai": ("Gia Lai", 52), "Bình Định": ("Gia Lai", 52)]
        loaded.deriveCurrentUnits { successors[$0].map { (name: $0.0, code: $0.1) } }
        let unit = try #require(loaded.currentUnits["Gia Lai"])
        #expect(unit.code == 52)
        #expect(unit.documents == 4, "summed: the document naming both old units counts twice in a derived view")
        #expect(loaded.currentUnits.count == state.currentUnits.count)
    }
}
