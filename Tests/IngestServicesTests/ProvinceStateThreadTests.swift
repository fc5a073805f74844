import DeliveryRules
import Foundation
import MeetingModel
import ProvinceAggregation
import Testing
@testable import IngestServices

/// The aggregator applies committed records on a thread of its own: a reader must see every record handed over
/// before it asked, in order, and a stop must apply what was handed.
@Suite("Province state thread")
struct ProvinceStateThreadTests {
    static func committed(_ sequences: ClosedRange<UInt64>, province: String = "Cà Mau") -> [CommittedRecord] {
        sequences.map { sequence in
            let record = MeetingRecord(date: "2024-05-0\(sequence % 9 + 1)", meetingKind: "hội nghị",
                                       provinces: [.init(name: province, code: 96, roles: [.host], mergedInto: province)])
            let id = DocumentID(String(repeating: "0", count: 48) + String(format: "%016llx", sequence))!
            return CommittedRecord(id: id, record: record, sequence: sequence)
        }
    }

    @Test("the state a reader takes holds every record handed over before it asked, applied in order once each")
    func readerSeesEverythingHandedOver() {
        let states = ProvinceStateThread(state: AggregateState())
        var expected = AggregateState()
        for first in stride(from: UInt64(1), through: 991, by: 10) {
            let records = Self.committed(first...(first + 9), province: first % 20 == 1 ? "Cà Mau" : "Bạc Liêu")
            states.apply(records)
            for committed in records {
                expected.apply(committed.record, documentID: committed.id.rawValue)
                expected.sequence = committed.sequence
            }
            let current = states.current()
            #expect(current.sequence == first + 9 && current.documentsApplied == Int(first + 9))
        }
        let current = states.current()
        #expect(current.provinces.mapValues(\.documents) == expected.provinces.mapValues(\.documents))
        #expect(current.provinces.mapValues(\.latestDocuments) == expected.provinces.mapValues(\.latestDocuments))
        states.stop()
    }

    @Test("a copy taken by a reader stays as it was while the thread applies more (a snapshot being written)")
    func copyIsStable() {
        let states = ProvinceStateThread(state: AggregateState())
        states.apply(Self.committed(1...5))
        let copy = states.current()
        states.apply(Self.committed(6...5_000))
        #expect(copy.documentsApplied == 5 && copy.sequence == 5)
        #expect(states.current().documentsApplied == 5_000)
        states.stop()
    }

    @Test("more than the limit handed over at once: the hand-over waits for the thread instead of queueing without end, and nothing is lost")
    func handOverWaitsPastTheLimit() {
        let states = ProvinceStateThread(state: AggregateState())
        let total = UInt64(ProvinceStateThread.handedLimit * 3)
        var most = 0
        for first in stride(from: UInt64(1), through: total, by: 512) {
            states.apply(Self.committed(first...(first + 511)))
            most = max(most, states.handedCount)
        }
        #expect(most < ProvinceStateThread.handedLimit + 512, "at most one hand-over past the limit waits: \(most)")
        states.stop()
        #expect(states.current().documentsApplied == Int(total), "stop applies what was handed over, then ends")
    }
}

/// QUERY's encoding of the whole state: fresh once the state changed, but never more than a tenth of the time.
@Suite("Whole-state QUERY cache")
struct StateCacheTests {
    @Test("the state is encoded again when it changed and ten times the last encoding has passed (at most a second), not before, and not when it is unchanged")
    func encodedAgainWhenChanged() throws {
        #expect(StateCache.interval(encodingSeconds: 0.001) == 0.01)
        #expect(StateCache.interval(encodingSeconds: 0.5) == 1, "a slow encoding waits a second at most")
        var cache = StateCache()
        let states = ProvinceStateThread(state: AggregateState())
        states.apply(ProvinceStateThreadTests.committed(1...3))
        let first = cache.bytes(for: states.current(), now: 100)
        states.apply(ProvinceStateThreadTests.committed(4...6))
        let changed = states.current()
        #expect(cache.bytes(for: changed, now: 100) == first, "within the interval the last encoding is served")
        let later = cache.bytes(for: changed, now: 101)
        #expect(later != first)
        let decoded = try JSONSerialization.jsonObject(with: Data(later)) as? [String: Any]
        #expect(decoded?["documentsApplied"] as? Int == 6)
        #expect(cache.bytes(for: changed, now: 200) == later, "unchanged, not encoded again")
        states.stop()
    }
}
