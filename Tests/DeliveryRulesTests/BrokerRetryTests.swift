import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

/// RETRY of a dead-lettered document: queued again with its attempts at zero, the counters corrected, its
/// dead letter removed once it is done, across restarts and compactions.
@Suite("Broker retry of dead letters")
struct BrokerRetryTests {
    func brokerWithDeadLetter() -> BrokerStateMachine {
        var broker = DeliveryRulesTests.brokerWithDeadLetter()
        _ = broker.journalCommitted(now: 1.5)
        #expect(broker.status.deadLettered == 1)
        return broker
    }

    func retry(_ broker: inout BrokerStateMachine, _ number: Int, body: String? = nil, now: Double) -> [BrokerAction] {
        broker.retry(from: producer, id: docID(number), metadata: DocumentMetadata(source: "a.txt"),
                     body: Array((body ?? "doc-\(number) họp bàn").utf8), now: now)
    }

    @Test("a retried document is queued again, ACCEPTED after the journal commits, and its dead letter goes once it is done")
    func retryThenDone() {
        var broker = brokerWithDeadLetter()
        let actions = retry(&broker, 1, now: 2)
        #expect(actions.journaled == [.retried(QueuedJob(id: docID(1), metadata: DocumentMetadata(source: "a.txt"), body: "doc-1 họp bàn"))])
        #expect(actions.replies.isEmpty, "ACCEPTED waits for the journal")
        let committed = broker.journalCommitted(now: 2)
        #expect(committed.replies == [.accepted(docID(1))])
        #expect(committed.dispatched == [docID(1)], "to the worker with credit, attempts at zero")
        #expect(broker.status.deadLettered == 0 && broker.status.accepted == 1, "not a second acceptance")
        let done = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 3)
        #expect(done.contains(.removeDeadLetter(docID(1))))
        #expect(broker.status.done == 1)
    }

    @Test("a retried document starts again at zero attempts: with three allowed, it takes three more failures, not one, to be dead-lettered again")
    func attemptsStartAtZero() {
        var broker = makeBroker(maxAttempts: 3)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
        broker.accept(1, now: 0)
        func fail(_ now: Double) -> [BrokerAction] { broker.received(.failed(docID(1), reason: "parser crashed"), from: workerA, now: now) }
        #expect(fail(1).deadLetters.isEmpty && fail(2).deadLetters.isEmpty)
        #expect(fail(3).deadLetters == [docID(1)])
        _ = broker.deadLetterWritten(docID(1), now: 3)
        _ = retry(&broker, 1, now: 4)
        #expect(broker.journalCommitted(now: 4).dispatched == [docID(1)])
        #expect(fail(5).deadLetters.isEmpty && fail(6).deadLetters.isEmpty, "the attempts before the dead letter do not count")
        #expect(fail(7).deadLetters == [docID(1)])
    }

    @Test("RETRY is refused for a document never accepted, one still pending, or a text that is not the id's")
    func refusals() {
        var broker = brokerWithDeadLetter()
        #expect(retry(&broker, 7, now: 2).replies.first.map { if case .rejected = $0 { true } else { false } } == true)
        #expect(retry(&broker, 1, body: "doc-9 another text", now: 2).replies.first.map { if case .rejected = $0 { true } else { false } } == true)
        broker.accept(2, now: 2)
        #expect(retry(&broker, 2, now: 2).replies.first.map { if case .rejected(_, let reason) = $0 { reason.contains("pending") } else { false } } == true)
        // Bytes that are not UTF-8 never reach the id (which assumes UTF-8) nor the queue, whatever id they claim.
        let broken = broker.retry(from: producer, id: docID(1), metadata: DocumentMetadata(source: "a.txt"), body: [0x64, 0xC3, 0x28, 0xFF], now: 2)
        #expect(broken.replies.first.map { if case .rejected(_, let reason) = $0 { reason.contains("UTF-8") } else { false } } == true, "\(broken)")
        #expect(broken.journaled.isEmpty)
    }

    @Test("a retried document dead-lettered again keeps its letter; counters stay whole")
    func retryFailsAgain() {
        var broker = brokerWithDeadLetter()
        _ = retry(&broker, 1, now: 2)
        _ = broker.journalCommitted(now: 2)
        _ = broker.received(.heartbeat, from: workerA, now: 3.5)
        #expect(broker.tick(now: 3.5).deadLetters == [docID(1)])
        _ = broker.deadLetterWritten(docID(1), now: 3.5)
        #expect(broker.status.deadLettered == 1)
        let late = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 4)
        #expect(broker.status.deadLettered == 0 && broker.status.done == 1)
        #expect(late.contains(.removeDeadLetter(docID(1))), "stored after all: the letter goes")
    }

    @Test("replayed from the live journal or from a compaction, a retry keeps its counters, and a retry done before the restart removes its letter then")
    func acrossRestarts() {
        let job = QueuedJob(id: docID(1), metadata: DocumentMetadata(), body: "doc-1 họp bàn")
        var live = makeBroker()
        for entry: BrokerJournalEntry in [.accepted(job), .deadLettered(docID(1)), .retried(job), .done(docID(1))] { live.replay(entry) }
        #expect(live.finishRecovery(now: 0).contains(.removeDeadLetter(docID(1))))
        #expect(live.status.done == 1 && live.status.deadLettered == 0 && live.status.accepted == 1)

        var broker = brokerWithDeadLetter()
        broker.accept(2, now: 2)
        let image = broker.journalImage
        #expect(image.deadLettered == [docID(1)])
        var compacted = makeBroker()
        compacted.replay(.counters(image.counters))
        compacted.replay(.known(image.finished))
        for pending in image.pending { compacted.replay(image.retried.contains(pending.id) ? .retried(pending) : .accepted(pending)) }
        for id in image.deadLettered { compacted.replay(.deadLettered(id)) }
        _ = compacted.finishRecovery(now: 0)
        #expect(compacted.status.deadLettered == 1)
        _ = retry(&compacted, 1, now: 0)
        _ = compacted.journalCommitted(now: 0)
        #expect(compacted.status.deadLettered == 0, "the compacted journal still knew doc-1 was dead-lettered")

        // Retried and still pending through a compaction and a restart: its dead letter goes once it is done there.
        let pendingImage = compacted.journalImage
        #expect(pendingImage.retried.contains(docID(1)))
        var restarted = makeBroker()
        restarted.replay(.counters(pendingImage.counters))
        restarted.replay(.known(pendingImage.finished))
        for pending in pendingImage.pending { restarted.replay(pendingImage.retried.contains(pending.id) ? .retried(pending) : .accepted(pending)) }
        for id in pendingImage.deadLettered { restarted.replay(.deadLettered(id)) }
        #expect(!restarted.finishRecovery(now: 0).contains(.removeDeadLetter(docID(1))), "not done yet: the letter stays")
        #expect(restarted.received(.ready(credit: 4), from: workerA, now: 1).dispatched.contains(docID(1)))
        let done = restarted.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 2)
        #expect(done.contains(.removeDeadLetter(docID(1))))
    }
}
