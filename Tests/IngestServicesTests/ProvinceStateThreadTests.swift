import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import MeetingModel
import ProvinceAggregation
import Testing
import ZeroMQ
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

    @Test("with numbers the store left unused (records sent again, rows salvaged away), the state's sequence is the store's last number, not the count: a start replays after it, so the count would apply records twice")
    func sequenceIsTheStores() {
        let states = ProvinceStateThread(state: AggregateState())
        states.apply([1, 2, 5, 9].flatMap { Self.committed($0...$0) })
        let current = states.current()
        #expect(current.sequence == 9 && current.documentsApplied == 4)
        states.apply(Self.committed(12...12))
        #expect(states.current().sequence == 12 && states.current().documentsApplied == 5)
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

    @Test("with the thread held (starved of CPU), a hand-over past the limit waits until it takes the records, and loses none")
    func handOverBlocksWhileTheThreadIsHeld() {
        let states = ProvinceStateThread(state: AggregateState(), handedLimit: 1_024)
        states.hold()
        states.apply(Self.committed(1...1_024))
        let started = DispatchSemaphore(value: 0)
        let returned = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            started.signal()
            states.apply(Self.committed(1_025...1_536))
            returned.signal()
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        #expect(returned.wait(timeout: .now() + 0.3) == .timedOut, "the loop's hand-over returned past the limit")
        #expect(states.handedCount == 1_024)
        states.release()
        #expect(returned.wait(timeout: .now() + 10) == .success)
        states.stop()
        #expect(states.current().documentsApplied == 1_536)
    }
}

/// QUERY's encoding of the whole state: always holding what was applied when the QUERY came, but encoded no more
/// than about a tenth of the time; a QUERY that would need an encoding too soon waits for the next one.
@Suite("Whole-state QUERY cache")
struct StateCacheTests {
    static let reader = PeerID(Array("reader".utf8))

    @Test("the largest limits.state_reply_bytes and limits.worker_credit a config may set are what the protocol carries: more could not be read")
    func replyLimitIsWhatClientsRead() {
        #expect(ClusterConfig.largestStateReplyBytes == AggregatorReply.maxStateBytes)
        #expect(ClusterConfig().stateReplyBytes == AggregatorReply.maxStateBytes)
        #expect(ClusterConfig.largestWorkerCredit == WorkerMessage.maxCredit, "a config's credit a worker could not send")
    }

    @Test("an answer holds what was applied when it was asked: the last encoding when the state is unchanged, a new one when ten times the last encoding has passed, else the asker waits for the next, made once for every waiting asker")
    func answersAreNeverBehind() throws {
        #expect(StateCache.interval(encodingSeconds: 0.001) == 0.01)
        #expect(StateCache.interval(encodingSeconds: 0.4) == 4, "a slow encoding is a tenth of the time too (a second's cap let a 57 MB state take 60%)")
        #expect(StateCache.interval(encodingSeconds: 3) == StateCache.longestInterval, "but never a wait past what snapshot --live gives")
        var cache = StateCache(unreadBytesLimit: ClusterConfig().unreadStateBytes)
        let states = ProvinceStateThread(state: AggregateState())
        states.apply(ProvinceStateThreadTests.committed(1...3))
        let encoded = cache.bytes(for: states.current(), now: 100)
        let first = try #require(encoded)
        let again = cache.bytes(for: states.current(), now: 100)
        #expect(again === first, "unchanged: the same encoding at once")
        states.apply(ProvinceStateThreadTests.committed(4...6))
        let tooSoon = cache.bytes(for: states.current(), now: 100)
        #expect(tooSoon === nil, "changed, within the interval: nothing older is served")
        let held = cache.hold(Self.reader) && cache.hold(PeerID(Array("other".utf8)))
        #expect(held)
        let notYet = cache.due(now: 100, state: { states.current() })
        #expect(notYet == nil, "too soon for the waiting askers too")
        states.apply(ProvinceStateThreadTests.committed(7...9))
        let due = cache.due(now: 100 + StateCache.longestInterval, state: { states.current() })
        let (peers, later) = try #require(due)
        #expect(peers == [Self.reader, PeerID(Array("other".utf8))])
        let decoded = try JSONSerialization.jsonObject(with: Data(later.bytes)) as? [String: Any]
        #expect(decoded?["documentsApplied"] as? Int == 9, "the waiting askers get the state as it is when it is encoded")
        let nobodyWaits = cache.due(now: 200, state: { states.current() })
        #expect(cache.waiting.isEmpty && nobodyWaits == nil)
        let unchanged = cache.bytes(for: states.current(), now: 100 + StateCache.longestInterval)
        #expect(unchanged === later, "unchanged, not encoded again")
        states.stop()
    }

    @Test("while askers wait, a new one that comes once an encoding is allowed waits with them: a stream of QUERYs never pushes the waiting ones back, and a peer asking again waits once")
    func waitingAskersAreNeverPassed() throws {
        var cache = StateCache(unreadBytesLimit: ClusterConfig().unreadStateBytes)
        let states = ProvinceStateThread(state: AggregateState())
        states.apply(ProvinceStateThreadTests.committed(1...3))
        _ = cache.bytes(for: states.current(), now: 100)
        states.apply(ProvinceStateThreadTests.committed(4...6))
        let first = cache.bytes(for: states.current(), now: 100)
        #expect(first === nil)
        let heldTwice = cache.hold(Self.reader) && cache.hold(Self.reader)
        #expect(heldTwice)
        #expect(cache.waiting.count == 1, "a peer asking again waits once")
        // Time enough for the next encoding, and another reader asks before the timer runs.
        let passing = cache.bytes(for: states.current(), now: 200)
        #expect(passing === nil, "it waits with the others instead of taking the encoding they wait for")
        let otherHeld = cache.hold(PeerID(Array("other".utf8)))
        #expect(otherHeld)
        let due = cache.due(now: 200, state: { states.current() })
        let (peers, frame) = try #require(due)
        #expect(peers == [Self.reader, PeerID(Array("other".utf8))])
        let decoded = try JSONSerialization.jsonObject(with: Data(frame.bytes)) as? [String: Any]
        #expect(decoded?["documentsApplied"] as? Int == 6)
        states.stop()
    }

    @Test("answers nobody reads are bounded in memory: every answer of an encoding shares its bytes and counts once, a new encoding is refused while those held would pass the limit, and they leave the ledger as they are read or fail to send")
    func unreadAnswersAreBounded() throws {
        var cache = StateCache(unreadBytesLimit: ClusterConfig().unreadStateBytes)
        let states = ProvinceStateThread(state: AggregateState())
        defer { states.stop() }
        states.apply(ProvinceStateThreadTests.committed(1...40))
        let encoded = cache.bytes(for: states.current(), now: 100)
        let first = try #require(encoded)
        cache.unreadBytesLimit = first.count + first.count / 2
        #expect(cache.mayQueue(first), "nothing held: one answer always goes")
        let context = try ZeroMQContext()
        let server = try Socket(context: context, type: .router)
        defer { server.close() }
        try server.bind("inproc://state-answers")
        let reader = try Socket(context: context, type: .dealer)
        defer { reader.close() }
        try reader.setRoutingID(Array("reader".utf8))
        try reader.setReceiveTimeout(milliseconds: 2_000)
        try reader.connect("inproc://state-answers")
        try reader.send([Array("hello".utf8)])
        _ = try server.receive()
        // Sixty answers of one encoding queued and not read: its bytes count once, and more of it may go.
        for _ in 0..<60 { #expect(try server.send([Array("reader".utf8), Array("STATE".utf8)], sharing: first, dontWait: true)) }
        #expect(cache.ledger.bytesHeld == first.count && first.isHeld)
        #expect(cache.mayQueue(first))
        // A new encoding would pass the limit while the first is held: refused.
        states.apply(ProvinceStateThreadTests.committed(41...45))
        let reencoded = cache.bytes(for: states.current(), now: 100 + StateCache.longestInterval)
        let second = try #require(reencoded)
        #expect(second !== first)
        #expect(!cache.mayQueue(second))
        // Read, the answers are the first encoding's bytes, and once the last is read it leaves the ledger.
        for _ in 0..<60 {
            let answer = try #require(try reader.receive())
            #expect(answer.last == first.bytes)
        }
        #expect(cache.ledger.bytesHeld == 0 && !first.isHeld)
        #expect(cache.mayQueue(second))
        // An answer that cannot be queued (no peer yet) gives its hold back at once.
        let unconnected = try Socket(context: context, type: .dealer)
        defer { unconnected.close() }
        #expect(try !unconnected.send([], sharing: second, dontWait: true))
        #expect(cache.ledger.bytesHeld == 0 && !second.isHeld)
    }

    @Test("askers waiting are bounded: past the limit, hold refuses; at a stop every one waiting is handed over once, in order")
    func waitingIsBounded() {
        var cache = StateCache(unreadBytesLimit: ClusterConfig().unreadStateBytes)
        var held = 0
        for index in 0..<StateCache.waitingLimit where cache.hold(PeerID(Array("r\(index)".utf8))) { held += 1 }
        #expect(held == StateCache.waitingLimit)
        let refused = !cache.hold(Self.reader)
        #expect(refused)
        #expect(cache.waiting.count == StateCache.waitingLimit)
        // At a stop each waiting peer is told, once and in the order it asked; none is left to wait out its timeout.
        let told = cache.takeWaiting()
        #expect(told.count == StateCache.waitingLimit && told.first == PeerID(Array("r0".utf8)))
        #expect(cache.waiting.isEmpty && cache.takeWaiting().isEmpty)
    }
}
