import DeliveryRules
import IngestProtocol
import MeetingModel
import ProvinceAggregation
import Testing

@Suite("Aggregator rules")
struct AggregatorRulesTests {
    let record = MeetingRecord(provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")])

    func makeAggregator() -> AggregatorStateMachine {
        AggregatorStateMachine(settings: .init(snapshotEveryRecords: 2, snapshotEverySeconds: 5, storageRetry: (initial: 1, maximum: 8)),
                               appliedSequence: 0, snapshotSequence: 0, now: 0, receipt: receipt)
    }

    /// The province state the machine's `.apply` actions build, as the aggregator's state thread keeps it.
    let applied = AppliedState()
    var state: AggregateState { applied.state }

    /// ``AggregatorStateMachine/storeCommitted(storedBefore:now:)``, its `.apply` actions applied to ``state`` (each
    /// record once: applying one twice fails the test) and the rest returned.
    func storeCommitted(_ aggregator: inout AggregatorStateMachine, storedBefore: Set<DocumentID> = [], now: Double,
                        sourceLocation: SourceLocation = #_sourceLocation) -> [AggregatorStateMachine.Action] {
        let actions = aggregator.storeCommitted(storedBefore: storedBefore, now: now)
        var rest: [AggregatorStateMachine.Action] = []
        for action in actions {
            guard case .apply(let records) = action else { rest.append(action); continue }
            #expect(!records.isEmpty, "an empty apply", sourceLocation: sourceLocation)
            for committed in records {
                #expect(committed.sequence > state.sequence, "applied in order, once", sourceLocation: sourceLocation)
                applied.state.apply(committed.record, documentID: committed.id.rawValue)
                applied.state.sequence = committed.sequence
            }
        }
        #expect(aggregator.appliedSequence == state.sequence, "the machine's applied sequence is the state's", sourceLocation: sourceLocation)
        return rest
    }

    let metadata = DocumentMetadata(published: "2024-05-01", source: "a.txt")

    func result(_ aggregator: inout AggregatorStateMachine, _ id: DocumentID, from peer: PeerID = workerA, now: Double) -> [AggregatorStateMachine.Action] {
        aggregator.result(id, record: record, bytes: [1], metadata: metadata, from: peer, now: now)
    }

    /// A record received, handed to the store alone and committed.
    func storeOne(_ aggregator: inout AggregatorStateMachine, _ id: DocumentID, now: Double) {
        _ = result(&aggregator, id, now: now)
        beginCommit(&aggregator)
        _ = storeCommitted(&aggregator, now: now)
    }

    /// Hands the gathered batch to the store, as the loop does, expecting `expected`.
    func beginCommit(_ aggregator: inout AggregatorStateMachine, expected: Bool = true, _ comment: Comment? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let begun = aggregator.beginCommit()
        #expect(begun == expected, comment, sourceLocation: sourceLocation)
    }

    @Test("a record is applied and STORED only after the store commits")
    func storedAfterCommit() {
        var aggregator = makeAggregator()
        let actions = result(&aggregator, docID(1), now: 0)
        #expect(actions == [.store(docID(1), sequence: 1, record: record, body: [1], metadata: metadata)])
        #expect(state.documentsApplied == 0)
        #expect(aggregator.isStaged(docID(1)))
        beginCommit(&aggregator)
        #expect(storeCommitted(&aggregator, now: 0) == [.reply(workerA, .stored(docID(1), receipt: receipt(docID(1))))])
        #expect(state.documentsApplied == 1 && !aggregator.isStaged(docID(1)))
    }

    @Test("a committed batch is one apply action, in sequence order and before its STORED, naming only the records the store had not held")
    func applyActionBeforeReplies() {
        var aggregator = makeAggregator()
        storeOne(&aggregator, docID(1), now: 0)
        _ = result(&aggregator, docID(3), now: 1)
        _ = result(&aggregator, docID(1), from: workerB, now: 1)
        _ = result(&aggregator, docID(2), now: 1)
        beginCommit(&aggregator)
        let actions = aggregator.storeCommitted(storedBefore: [docID(1)], now: 1)
        #expect(actions.first == .apply([CommittedRecord(id: docID(3), record: record, sequence: 2),
                                         CommittedRecord(id: docID(2), record: record, sequence: 4)]), "\(actions)")
        #expect(actions.dropFirst().count == 3 && actions.dropFirst().allSatisfy { if case .reply = $0 { true } else { false } })
        #expect(aggregator.appliedSequence == 4)
        // A batch whose every record the store held applies nothing.
        _ = result(&aggregator, docID(2), from: workerB, now: 2)
        beginCommit(&aggregator)
        #expect(aggregator.storeCommitted(storedBefore: [docID(2)], now: 2) == [.reply(workerB, .stored(docID(2), receipt: receipt(docID(2))))])
        #expect(aggregator.appliedSequence == 4)
    }

    @Test("a record the store held before its batch is STORED and not applied again; its sequence number stays unused")
    func storedBeforeItsBatch() {
        var aggregator = makeAggregator()
        storeOne(&aggregator, docID(1), now: 0)
        #expect(result(&aggregator, docID(1), from: workerB, now: 1) == [.store(docID(1), sequence: 2, record: record, body: [1], metadata: metadata)])
        #expect(result(&aggregator, docID(2), now: 1) == [.store(docID(2), sequence: 3, record: record, body: [1], metadata: metadata)])
        beginCommit(&aggregator)
        #expect(storeCommitted(&aggregator, storedBefore: [docID(1)], now: 1) == [
            .reply(workerB, .stored(docID(1), receipt: receipt(docID(1)))), .reply(workerA, .stored(docID(2), receipt: receipt(docID(2)))),
        ])
        #expect(state.documentsApplied == 2 && state.sequence == 3)
        #expect(state.provinces.values.map(\.documents) == [2], "applied once each")
        #expect(result(&aggregator, docID(3), now: 2) == [.store(docID(3), sequence: 4, record: record, body: [1], metadata: metadata)])
    }

    @Test("a batch whose last record the store held before: the state's sequence is the last record applied, which the store holds, and numbering never goes back while running")
    func storedBeforeAtTheTop() {
        var aggregator = makeAggregator()
        storeOne(&aggregator, docID(1), now: 0)
        _ = result(&aggregator, docID(2), now: 1)
        _ = result(&aggregator, docID(1), from: workerB, now: 1)
        beginCommit(&aggregator)
        _ = storeCommitted(&aggregator, storedBefore: [docID(1)], now: 1)
        #expect(state.sequence == 2 && state.documentsApplied == 2, "number 3 was not stored")
        #expect(result(&aggregator, docID(4), now: 2) == [.store(docID(4), sequence: 4, record: record, body: [1], metadata: metadata)])
        // A failed commit drops what was staged: numbering starts again after the state's.
        var failing = aggregator
        beginCommit(&failing)
        _ = failing.storeFailed("disk I/O error", now: 2)
        #expect(result(&failing, docID(4), now: 4) == [.store(docID(4), sequence: 3, record: record, body: [1], metadata: metadata)])
        // A start from that state (its sequence is the store's last) numbers from 3, which nothing holds.
        var restarted = AggregatorStateMachine(settings: aggregator.settings, appliedSequence: aggregator.appliedSequence, snapshotSequence: 2, now: 3, receipt: receipt)
        #expect(result(&restarted, docID(5), now: 3) == [.store(docID(5), sequence: 3, record: record, body: [1], metadata: metadata)])
    }

    @Test("a record sent twice within one batch is stored once and both senders get STORED; sequences follow the state's")
    func twiceInOneBatch() {
        var aggregator = makeAggregator()
        #expect(result(&aggregator, docID(1), now: 0).count == 1)
        #expect(result(&aggregator, docID(1), from: workerB, now: 0).isEmpty)
        #expect(result(&aggregator, docID(2), now: 0) == [.store(docID(2), sequence: 2, record: record, body: [1], metadata: metadata)])
        beginCommit(&aggregator)
        let replies = storeCommitted(&aggregator, now: 0)
        #expect(replies.count == 3)
        #expect(state.sequence == 2 && state.documentsApplied == 2)
        #expect(result(&aggregator, docID(3), now: 1) == [.store(docID(3), sequence: 3, record: record, body: [1], metadata: metadata)])
    }

    @Test("records are stored while the store's pages are being checked; a damaged store stops the aggregator")
    func pageCheck() {
        var aggregator = AggregatorStateMachine(settings: .init(), appliedSequence: 0, snapshotSequence: 0, now: 0, storeChecked: false, receipt: receipt)
        #expect(result(&aggregator, docID(1), now: 0) == [.store(docID(1), sequence: 1, record: record, body: [1], metadata: metadata)])
        _ = aggregator.storePagesSound(seconds: 0.1, now: 1)
        #expect(aggregator.storeChecked)

        var damaged = AggregatorStateMachine(settings: .init(), appliedSequence: 0, snapshotSequence: 0, now: 0, storeChecked: false, receipt: receipt)
        #expect(damaged.storeDamaged("the records store x is damaged", now: 1) == [.stop(reason: "the records store x is damaged")])
    }

    @Test("a failed commit applies nothing and answers nothing; records wait until the retry is due")
    func failedCommit() {
        var aggregator = makeAggregator()
        _ = result(&aggregator, docID(1), now: 0)
        beginCommit(&aggregator)
        let failed = aggregator.storeFailed("No space left on device", now: 0)
        #expect(failed.allSatisfy { if case .log = $0 { true } else { false } })
        #expect(state.documentsApplied == 0 && aggregator.stagedCount == 0)
        #expect(aggregator.storageError != nil)
        #expect(result(&aggregator, docID(1), now: 0.5).allSatisfy { if case .log = $0 { true } else { false } })
        #expect(result(&aggregator, docID(1), now: 1.5) == [.store(docID(1), sequence: 1, record: record, body: [1], metadata: metadata)])
        beginCommit(&aggregator)
        _ = storeCommitted(&aggregator, now: 1.5)
        #expect(aggregator.storageError == nil)
    }

    @Test("snapshots are due every N records or T seconds, and a refused snapshot waits for its retry")
    func snapshots() {
        var aggregator = makeAggregator()
        #expect(aggregator.tick(now: 10).isEmpty, "nothing new, no snapshot")
        storeOne(&aggregator, docID(1), now: 0)
        #expect(aggregator.tick(now: 1).isEmpty)
        storeOne(&aggregator, docID(2), now: 1)
        #expect(aggregator.tick(now: 1) == [.writeSnapshot])
        _ = aggregator.snapshotFailed("EROFS", now: 1)
        #expect(aggregator.tick(now: 1.5).isEmpty)
        #expect(aggregator.tick(now: 2.1) == [.writeSnapshot])
        _ = aggregator.snapshotWritten(sequence: 2, now: 2.1)
        #expect(aggregator.tick(now: 3).isEmpty)
        #expect(aggregator.stopping().isEmpty)
    }

    @Test("a snapshot written in the background: none other is asked for meanwhile, and it counts at the sequence it was asked at")
    func snapshotInBackground() {
        var aggregator = makeAggregator()
        storeOne(&aggregator, docID(1), now: 0)
        storeOne(&aggregator, docID(2), now: 0)
        #expect(aggregator.tick(now: 1) == [.writeSnapshot])
        #expect(aggregator.snapshotInFlight)
        // Records keep coming while it is written; ticks ask for nothing.
        storeOne(&aggregator, docID(3), now: 1)
        #expect(aggregator.tick(now: 9).isEmpty)
        _ = aggregator.snapshotWritten(sequence: 2, now: 9)
        #expect(aggregator.snapshotSequence == 2 && !aggregator.snapshotInFlight)
        #expect(aggregator.stopping() == [.writeSnapshot], "record 3 is after the snapshot")
    }

    @Test("started from a snapshot that lacks what this version writes: one is due with no new record (after the usual seconds), and at a stop; once written, none")
    func outdatedSnapshot() {
        var aggregator = AggregatorStateMachine(settings: .init(snapshotEveryRecords: 2, snapshotEverySeconds: 5), appliedSequence: 7, snapshotSequence: 7,
                                                now: 0, snapshotOutdated: true, receipt: receipt)
        #expect(aggregator.stopping() == [.writeSnapshot])
        #expect(aggregator.tick(now: 1).isEmpty)
        #expect(aggregator.tick(now: 5) == [.writeSnapshot])
        _ = aggregator.snapshotWritten(sequence: 7, now: 5.5)
        #expect(aggregator.tick(now: 20).isEmpty && aggregator.stopping().isEmpty)
        var current = AggregatorStateMachine(settings: .init(snapshotEveryRecords: 2, snapshotEverySeconds: 5), appliedSequence: 7, snapshotSequence: 7,
                                             now: 0, receipt: receipt)
        #expect(current.tick(now: 20).isEmpty && current.stopping().isEmpty)
    }

    @Test("the next batch gathers while one is committed: its records wait for their own commit, and a record already in the store's hands only adds a waiter")
    func nextBatchGathersDuringCommit() {
        var aggregator = makeAggregator()
        _ = result(&aggregator, docID(1), now: 0)
        beginCommit(&aggregator)
        #expect(aggregator.isCommitting && aggregator.gatheredCount == 0)
        beginCommit(&aggregator, expected: false, "nothing gathered")
        #expect(result(&aggregator, docID(2), now: 0) == [.store(docID(2), sequence: 2, record: record, body: [1], metadata: metadata)])
        #expect(result(&aggregator, docID(1), from: workerB, now: 0).isEmpty, "document 1 is being committed: worker B waits for that commit")
        #expect(aggregator.isStaged(docID(1)) && aggregator.isStaged(docID(2)) && aggregator.stagedCount == 2)
        beginCommit(&aggregator, expected: false, "one commit at a time")
        #expect(storeCommitted(&aggregator, now: 0) == [.reply(workerA, .stored(docID(1), receipt: receipt(docID(1)))),
                                                       .reply(workerB, .stored(docID(1), receipt: receipt(docID(1))))])
        #expect(state.sequence == 1, "document 2 is not applied before its own commit")
        beginCommit(&aggregator)
        #expect(storeCommitted(&aggregator, now: 0) == [.reply(workerA, .stored(docID(2), receipt: receipt(docID(2))))])
        #expect(state.sequence == 2 && aggregator.stagedCount == 0)
    }

    @Test("a failed commit drops the batch gathered behind it too, and sequence numbers start again after the last applied")
    func failedCommitDropsGathered() {
        var aggregator = makeAggregator()
        _ = result(&aggregator, docID(1), now: 0)
        beginCommit(&aggregator)
        _ = result(&aggregator, docID(2), now: 0)
        _ = aggregator.storeFailed("disk I/O error", now: 0)
        #expect(aggregator.stagedCount == 0 && !aggregator.isCommitting)
        beginCommit(&aggregator, expected: false, "nothing left to commit")
        #expect(!aggregator.isStaged(docID(2)))
        #expect(result(&aggregator, docID(2), now: 2) == [.store(docID(2), sequence: 1, record: record, body: [1], metadata: metadata)])
    }

    @Test("snapshots are not held up by a commit in flight: the state holds only committed records")
    func snapshotDuringCommit() {
        var aggregator = makeAggregator()
        for id in 1...2 {
            _ = result(&aggregator, docID(id), now: 0)
            beginCommit(&aggregator)
            _ = storeCommitted(&aggregator, now: 0)
        }
        _ = result(&aggregator, docID(3), now: 0)
        beginCommit(&aggregator)
        #expect(aggregator.tick(now: 1) == [.writeSnapshot])
        #expect(state.sequence == 2)
    }
}

/// The state a test's `.apply` actions build (a class: the tests' suite is a struct whose test functions do not mutate it).
final class AppliedState {
    var state = AggregateState()
}
