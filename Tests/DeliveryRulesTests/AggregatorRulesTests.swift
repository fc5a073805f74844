import DeliveryRules
import IngestProtocol
import MeetingExtraction
import ProvinceAggregation
import Testing

@Suite("Aggregator rules")
struct AggregatorRulesTests {
    let record = MeetingRecord(provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")])

    func makeAggregator() -> AggregatorStateMachine {
        AggregatorStateMachine(settings: .init(snapshotEveryRecords: 2, snapshotEverySeconds: 5, storageRetry: (initial: 1, maximum: 8)),
                               state: AggregateState(), snapshotSequence: 0, now: 0, receipt: receipt)
    }

    @Test("a record is applied and STORED only after the journal commits")
    func storedAfterCommit() {
        var aggregator = makeAggregator()
        let actions = aggregator.result(docID(1), record: record, bytes: [1], from: workerA, now: 0)
        #expect(actions == [.journal(docID(1), record: [1])])
        #expect(aggregator.state.appliedIDs.isEmpty)
        #expect(aggregator.journalCommitted(now: 0) == [.reply(workerA, .stored(docID(1), receipt: receipt(docID(1))))])
        #expect(aggregator.state.hasApplied(docID(1).rawValue))
        #expect(aggregator.result(docID(1), record: record, bytes: [1], from: workerB, now: 1) == [.reply(workerB, .stored(docID(1), receipt: receipt(docID(1))))])
        #expect(aggregator.state.sequence == 1, "applied once")
    }

    @Test("a failed commit applies nothing and answers nothing; records wait until the retry is due")
    func failedCommit() {
        var aggregator = makeAggregator()
        _ = aggregator.result(docID(1), record: record, bytes: [1], from: workerA, now: 0)
        let failed = aggregator.journalFailed("No space left on device", now: 0)
        #expect(failed.allSatisfy { if case .log = $0 { true } else { false } })
        #expect(aggregator.state.appliedIDs.isEmpty)
        #expect(aggregator.storageError != nil)
        #expect(aggregator.result(docID(1), record: record, bytes: [1], from: workerA, now: 0.5).allSatisfy { if case .log = $0 { true } else { false } })
        #expect(aggregator.result(docID(1), record: record, bytes: [1], from: workerA, now: 1.5) == [.journal(docID(1), record: [1])])
        _ = aggregator.journalCommitted(now: 1.5)
        #expect(aggregator.storageError == nil)
    }

    @Test("snapshots are due every N records or T seconds, and a refused snapshot waits for its retry")
    func snapshots() {
        var aggregator = makeAggregator()
        #expect(aggregator.tick(now: 10).isEmpty, "nothing new, no snapshot")
        _ = aggregator.result(docID(1), record: record, bytes: [1], from: workerA, now: 0)
        _ = aggregator.journalCommitted(now: 0)
        #expect(aggregator.tick(now: 1).isEmpty)
        _ = aggregator.result(docID(2), record: record, bytes: [1], from: workerA, now: 1)
        _ = aggregator.journalCommitted(now: 1)
        #expect(aggregator.tick(now: 1) == [.writeSnapshot])
        _ = aggregator.snapshotFailed("EROFS", now: 1)
        #expect(aggregator.tick(now: 1.5).isEmpty)
        #expect(aggregator.tick(now: 2.1) == [.writeSnapshot])
        _ = aggregator.snapshotWritten(now: 2.1)
        #expect(aggregator.tick(now: 3).isEmpty)
        #expect(aggregator.stopping().isEmpty)
    }
}
