import DeliveryRules
import IngestProtocol
import MeetingModel

/// Ids for tests: `doc-1`, `doc-2`, ...
func docID(_ number: Int) -> DocumentID { DocumentID("doc-\(number)")! }

let producer = PeerID([1])
let workerA = PeerID([0xA])
let workerB = PeerID([0xB])

/// A broker with small numbers, whose documents are identified by their first word (`doc-1 ...` is doc-1).
func makeBroker(maxAttempts: Int = 3, jobTimeout: Double = 60, queueCapacity: Int = 100, queueBytes: Int = 256 << 20, compactAfter: Int = 50_000,
                workerBytes: Int = 4 << 20, liveness: Int = 3) -> BrokerStateMachine {
    BrokerStateMachine(
        settings: BrokerSettings(heartbeatInterval: 1, liveness: liveness, jobTimeout: jobTimeout, maxAttempts: maxAttempts,
                                 queueCapacity: queueCapacity, queueBytes: queueBytes, maxDocumentBytes: 1000, workerBytes: workerBytes, compactAfterEntries: compactAfter,
                                 storageRetry: (initial: 1, maximum: 8)),
        identify: { body in String(decoding: body, as: UTF8.self).split(separator: " ").first.flatMap { DocumentID(String($0)) } ?? DocumentID("derived")! },
        verifyReceipt: { $1 == receipt($0) })
}

/// The tests' stand-in for the aggregator's HMAC receipt: the id's bytes, padded.
@Sendable func receipt(_ id: DocumentID) -> Receipt {
    Receipt(code: Array(id.rawValue.utf8))
}

/// A broker whose worker A (credit 1) holds doc-1, accepted and committed at time 0.
func brokerWithDoc1Held() -> BrokerStateMachine {
    var broker = makeBroker()
    _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
    broker.accept(1, now: 0)
    return broker
}

/// A broker (one attempt, a 1 s job timeout) that has dead-lettered doc-1: worker A took it and never finished.
func brokerWithDeadLetter() -> BrokerStateMachine {
    var broker = makeBroker(maxAttempts: 1, jobTimeout: 1)
    _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
    broker.accept(1, now: 0)
    _ = broker.received(.heartbeat, from: workerA, now: 1.5)
    _ = broker.tick(now: 1.5)
    _ = broker.deadLetterWritten(docID(1), now: 1.5)
    return broker
}

extension BrokerStateMachine {
    /// Submits and commits one document; returns the actions of both steps.
    @discardableResult
    mutating func accept(_ number: Int, now: Double) -> [BrokerAction] {
        submit(from: producer, id: docID(number), metadata: DocumentMetadata(), body: Array("doc-\(number) họp bàn".utf8), now: now)
            + journalCommitted(now: now)
    }
}

extension Array where Element == BrokerAction {
    var replies: [BrokerReply] { compactMap { if case .reply(_, let reply) = $0 { reply } else { nil } } }
    var dispatched: [DocumentID] { compactMap { if case .dispatch(let job, _) = $0 { job.id } else { nil } } }
    var journaled: [BrokerJournalEntry] { compactMap { if case .journal(let entry) = $0 { entry } else { nil } } }
    var deadLetters: [DocumentID] { compactMap { if case .writeDeadLetter(let job, _) = $0 { job.id } else { nil } } }
    var logs: [LogLine] { compactMap { if case .log(let line) = $0 { line } else { nil } } }
}
