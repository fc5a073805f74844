import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Worker rules")
struct WorkerRulesTests {
    let ticket = Ticket(expiresAt: 1, code: Array(repeating: 7, count: 32))

    func makeWorker(maxRecordBytes: Int = 1000) -> WorkerStateMachine {
        WorkerStateMachine(settings: .init(credit: 4, heartbeatInterval: 1, liveness: 3, maxRecordBytes: maxRecordBytes), now: 0)
    }

    /// The credits of the READYs among `actions`.
    func readies(_ actions: [WorkerStateMachine.Action]) -> [Int] {
        actions.compactMap { if case .toBroker(.ready(let credit)) = $0 { credit } else { nil } }
    }

    /// A worker that took jobs 1 to 3 (the credit is 4) and extracted job 1.
    func workerHoldingThree() -> WorkerStateMachine {
        var worker = makeWorker()
        for index in 1...3 { _ = worker.received(.job(id: docID(index), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0) }
        _ = worker.extracted(docID(1), record: [1], now: 0.1)
        return worker
    }

    @Test("a job is extracted once, its record sent, and DONE follows STORED")
    func happyPath() {
        var worker = makeWorker()
        let metadata = DocumentMetadata(published: "2024-05-01", source: "reports/a.txt")
        let job = BrokerToWorker.job(id: docID(1), metadata: metadata, body: Array("Họp".utf8), ticket: ticket)
        #expect(worker.received(job, now: 0) == [.extract(id: docID(1), metadata: metadata, body: Array("Họp".utf8))])
        #expect(worker.received(job, now: 0).isEmpty, "the same job again is not extracted twice")
        let extracted = worker.extracted(docID(1), record: [1, 2, 3], now: 0.1)
        // The job's metadata goes with the record, for the store.
        #expect(extracted == [.toAggregator(.result(docID(1), record: [1, 2, 3], ticket: ticket, metadata: metadata))])
        // PROCESSED, held back until then, goes before the DONE.
        #expect(worker.received(AggregatorReply.stored(docID(1), receipt: receipt(docID(1))), now: 0.2)
                == [.toBroker(.processed([docID(1)])), .toBroker(.done(docID(1), receipt: receipt(docID(1))))])
        #expect(worker.heldCount == 0)
    }

    @Test("a job handed again while its record waits for the aggregator is not extracted again but reported PROCESSED again, once, on the next tick, and its record resent under the new ticket")
    func jobAgainWhileRecordWaits() {
        var worker = makeWorker()
        let job = BrokerToWorker.job(id: docID(1), metadata: DocumentMetadata(), body: Array("Họp".utf8), ticket: ticket)
        _ = worker.received(job, now: 0)
        _ = worker.extracted(docID(1), record: [1], now: 0.01)
        #expect(worker.tick(now: 0.05).contains(.toBroker(.processed([docID(1)]))))
        // The broker lost the worker (a pause past liveness) and hands the job back to it, under a new ticket.
        let renewed = Ticket(expiresAt: 2, code: Array(repeating: 9, count: 32))
        let again = BrokerToWorker.job(id: docID(1), metadata: DocumentMetadata(), body: Array("Họp".utf8), ticket: renewed)
        #expect(worker.received(again, now: 1).isEmpty, "not extracted twice")
        #expect(worker.received(again, now: 1).isEmpty)
        let processed = worker.tick(now: 1.05).filter { if case .toBroker(.processed) = $0 { true } else { false } }
        #expect(processed == [.toBroker(.processed([docID(1)]))], "the broker learns it is extracted, once")
        #expect(!worker.tick(now: 1.1).contains { if case .toBroker(.processed) = $0 { true } else { false } })
        #expect(worker.heldCount == 1)
        // The record goes again, as it waits, under the ticket the broker gave last.
        let resent = worker.tick(now: 60).compactMap { action -> Ticket? in
            if case .toAggregator(.result(_, _, let ticket, _)) = action { ticket } else { nil }
        }
        #expect(resent == [renewed])
    }

    @Test("PROCESSED reports the jobs extracted since the last one in one message, on the next tick or before a DONE, never after it")
    func processedTogether() {
        var worker = makeWorker()
        for index in 1...3 {
            _ = worker.received(.job(id: docID(index), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
            #expect(!worker.extracted(docID(index), record: [UInt8(index)], now: 0.01).contains { if case .toBroker = $0 { true } else { false } })
        }
        #expect(worker.tick(now: 0.05).filter { if case .toBroker(.processed) = $0 { true } else { false } } == [.toBroker(.processed([docID(1), docID(2), docID(3)]))])
        #expect(!worker.tick(now: 0.1).contains { if case .toBroker(.processed) = $0 { true } else { false } }, "reported once")
        _ = worker.received(.job(id: docID(4), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0.1)
        _ = worker.extracted(docID(4), record: [4], now: 0.11)
        let stored = AggregatorReply.storedBatch([4, 2].map { StoredDocument(docID($0), receipt: receipt(docID($0))) })
        #expect(worker.received(stored, now: 0.12) == [.toBroker(.processed([docID(4)])), .toBroker(.done(docID(4), receipt: receipt(docID(4)))),
                                                       .toBroker(.done(docID(2), receipt: receipt(docID(2))))])
    }

    @Test("a STORED batch's DONEs go to the broker in one message once it answered HELLO with done-batches, one by one before that and after it asks for READY again")
    func doneBatchesAfterHello() {
        var worker = makeWorker()
        #expect(worker.start() == [.toBroker(.ready(credit: 4)), .toBroker(.hello(features: [WorkerMessage.Feature.doneBatches]))])
        func confirm(_ numbers: [Int], now: Double) -> [WorkerStateMachine.Action] {
            for number in numbers {
                _ = worker.received(.job(id: docID(number), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: now)
                _ = worker.extracted(docID(number), record: [1], now: now)
            }
            let stored = numbers.map { StoredDocument(docID($0), receipt: receipt(docID($0))) }
            return worker.received(AggregatorReply.storedBatch(stored), now: now).filter { if case .toBroker(.processed) = $0 { false } else { true } }
        }
        let singles = [1, 2].map { WorkerStateMachine.Action.toBroker(.done(docID($0), receipt: receipt(docID($0)))) }
        #expect(confirm([1, 2], now: 0) == singles, "no answer to HELLO yet: one DONE each, as a first-version broker reads them")
        #expect(worker.received(BrokerToWorker.hello(features: [WorkerMessage.Feature.doneBatches]), now: 0).isEmpty)
        #expect(confirm([3, 4], now: 0.1) == [.toBroker(.doneBatch([3, 4].map { StoredDocument(docID($0), receipt: receipt(docID($0))) }))])
        #expect(worker.received(BrokerToWorker.reconnect, now: 0.2) == [.toBroker(.ready(credit: 4)), .toBroker(.hello(features: [WorkerMessage.Feature.doneBatches]))])
        #expect(confirm([5, 6], now: 0.3) == [5, 6].map { .toBroker(.done(docID($0), receipt: receipt(docID($0)))) }, "a restarted broker may be an older one")
        _ = worker.received(BrokerToWorker.hello(features: [WorkerMessage.Feature.doneBatches]), now: 0.3)
        // Silent past its liveness, the broker is reconnected to, with READY and HELLO, and forgotten.
        let reconnect = worker.tick(now: 10)
        #expect(reconnect.contains(.reconnectBroker) && reconnect.contains(.toBroker(.hello(features: [WorkerMessage.Feature.doneBatches]))))
        #expect(confirm([7, 8], now: 10) == [7, 8].map { .toBroker(.done(docID($0), receipt: receipt(docID($0)))) })
    }

    @Test("a refused record's PROCESSED, still held back, goes before its FAILED, so it cannot mark the job's next attempt as extracted")
    func processedBeforeFailed() {
        var worker = makeWorker()
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        _ = worker.extracted(docID(1), record: [1], now: 0.01)
        #expect(worker.received(AggregatorReply.refused(docID(1), reason: "without a valid ticket"), now: 0.02)
                == [.toBroker(.processed([docID(1)])), .toBroker(.failed(docID(1), reason: "aggregator refused the record: without a valid ticket"))])
        // The broker hands the job straight back: nothing reports it extracted before it is.
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0.03)
        #expect(!worker.tick(now: 0.05).contains { if case .toBroker(.processed) = $0 { true } else { false } })
    }

    @Test("STORED for several documents at once gives each unconfirmed one its DONE, with its own receipt; unknown ids are ignored")
    func storedBatch() {
        var worker = makeWorker()
        for index in 1...3 {
            _ = worker.received(.job(id: docID(index), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
            _ = worker.extracted(docID(index), record: [UInt8(index)], now: 0)
        }
        let batch = AggregatorReply.storedBatch([3, 9, 1].map { StoredDocument(docID($0), receipt: receipt(docID($0))) })
        #expect(worker.received(batch, now: 1) == [.toBroker(.processed([docID(1), docID(2), docID(3)])), .toBroker(.done(docID(3), receipt: receipt(docID(3)))),
                                                    .toBroker(.done(docID(1), receipt: receipt(docID(1))))])
        #expect(worker.received(batch, now: 1).isEmpty, "a batch again finds nothing unconfirmed")
        #expect(worker.unconfirmedCount == 1)
    }

    @Test("HELLO tells the aggregator every 5 s that the worker reads STORED in batches; an aggregator that does not know HELLO is asked every 60 s, with no warning")
    func helloToTheAggregator() {
        var worker = makeWorker()
        func hellos(from start: Double, to end: Double) -> [Double] {
            var at: [Double] = []
            for now in stride(from: start, to: end, by: 0.05) {
                for case .toAggregator(.hello(let features)) in worker.tick(now: now) {
                    #expect(features == [AggregatorRequest.Feature.storedBatches])
                    at.append(now)
                }
            }
            return at
        }
        let first = hellos(from: 0.05, to: 20)
        #expect(first.count == 4, "\(first)")
        #expect(first.first ?? 99 < 0.1, "the first tick says HELLO")
        #expect(worker.received(AggregatorReply.hello(features: [AggregatorRequest.Feature.storedBatches]), now: 20).isEmpty)
        let older = worker.received(AggregatorReply.error(reason: ProtocolError.unknownCommand("HELLO").description), now: 20)
        #expect(older.isEmpty, "no warning for an aggregator of the first version: \(older)")
        #expect(hellos(from: 20.05, to: 141).count == 2)
        let other = worker.received(AggregatorReply.error(reason: "something else"), now: 140)
        #expect(other.count == 1, "any other ERROR is still a warning")
    }

    @Test("while the aggregator is away the record is kept and resent with backoff, never failed")
    func aggregatorAway() {
        var worker = makeWorker()
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        _ = worker.extracted(docID(1), record: [1], now: 0)
        var resends: [Double] = []
        var warnings = 0
        var now = 0.0
        while now < 180 {
            now += 0.05
            let actions = worker.received(BrokerToWorker.heartbeat, now: now) + worker.tick(now: now)
            for action in actions {
                if case .toAggregator(.result) = action { resends.append(now) }
                if case .toBroker(.failed) = action { Issue.record("failed a job while waiting for the aggregator") }
                if case .log(let line) = action, line.level == .warning { warnings += 1 }
            }
        }
        // 3 s, doubling to 30 s: the gaps between sends (the first after the extraction), to the 50 ms tick.
        let gaps = zip([0] + resends, resends).map { (($1 - $0) * 10).rounded() / 10 }
        let expected: [Double] = [3, 6, 12, 24, 30, 30, 30, 30]
        #expect(gaps.count >= expected.count && zip(gaps, expected).allSatisfy { abs($0 - $1) <= 0.1 }, "\(gaps)")
        #expect(warnings == 1, "says once that the aggregator is away")
        #expect(worker.unconfirmedCount == 1)
        #expect(worker.received(AggregatorReply.stored(docID(1), receipt: receipt(docID(1))), now: now).contains(.toBroker(.done(docID(1), receipt: receipt(docID(1))))))
    }

    @Test("an aggregator that answers HELLO but stores nothing (its disk is full) is away for the records: said once, and back once its STORED comes, not every HELLO")
    func aggregatorAnsweringOnlyHello() {
        var worker = makeWorker()
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        _ = worker.extracted(docID(1), record: [1], now: 0)
        var away = 0
        var back = 0
        func count(_ actions: [WorkerStateMachine.Action]) {
            for case .log(let line) in actions {
                if line.message.contains("not answering") { away += 1 }
                if line.message.contains("answers again") { back += 1 }
            }
        }
        var now = 0.0
        for step in 1...1_200 {
            now = Double(step) * 0.05
            count(worker.received(BrokerToWorker.heartbeat, now: now) + worker.tick(now: now))
            // Its HELLO answered every 5 s, as an aggregator whose store cannot be written still does.
            if step % 100 == 0 { count(worker.received(AggregatorReply.hello(features: [AggregatorRequest.Feature.storedBatches]), now: now)) }
        }
        #expect(away == 1 && back == 0, "a tester saw 13 of each a minute: \(away) away, \(back) back")
        count(worker.received(AggregatorReply.stored(docID(1), receipt: receipt(docID(1))), now: now))
        #expect(back == 1)
    }

    @Test("a record over the aggregator's limit fails the job instead of being resent forever")
    func recordTooLarge() {
        var worker = makeWorker(maxRecordBytes: 10)
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        let actions = worker.extracted(docID(1), record: Array(repeating: 0, count: 11), now: 0)
        guard case .toBroker(.failed(let id, let reason))? = actions.first else {
            Issue.record("expected FAILED, got \(actions)")
            return
        }
        #expect(id == docID(1) && reason.contains("over"))
        #expect(worker.heldCount == 0)
    }

    @Test("a refused record fails the job")
    func refused() {
        var worker = makeWorker()
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        _ = worker.extracted(docID(1), record: [1], now: 0)
        let actions = worker.received(AggregatorReply.refused(docID(1), reason: "no valid ticket"), now: 0)
        #expect(actions.contains { if case .toBroker(.failed(docID(1), _)) = $0 { true } else { false } })
    }

    /// A tester's report: a worker paused past its liveness (SIGSTOP) while holding jobs came back with READY for
    /// the credit less those jobs, and the broker, which had re-queued them, never gave that credit back.
    @Test("after a reconnect, READY goes again as the jobs held across it finish, until the whole credit is offered")
    func creditBackAfterReconnect() {
        var worker = workerHoldingThree()
        var now = 0.1
        var offered: [Int] = []
        while offered.isEmpty {
            now += 0.5
            offered = readies(worker.tick(now: now))
        }
        #expect(offered == [1], "four less the three held")
        _ = worker.received(.heartbeat, now: now)
        // On the new connection the broker hands one more job; one held across the reconnect is stored, then another.
        _ = worker.received(.job(id: docID(9), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: now)
        _ = worker.received(AggregatorReply.stored(docID(1), receipt: receipt(docID(1))), now: now)
        #expect(readies(worker.tick(now: now + 0.01)) == [2], "the credit less the two still held from before (the broker counts job 9 itself)")
        #expect(readies(worker.tick(now: now + 0.02)).isEmpty, "said once")
        _ = worker.extracted(docID(2), record: [2], now: now + 0.03)
        _ = worker.extractionFailed(docID(3), reason: "bad", now: now + 0.03)
        _ = worker.received(AggregatorReply.stored(docID(2), receipt: receipt(docID(2))), now: now + 0.04)
        #expect(readies(worker.tick(now: now + 0.05)) == [4], "all four once nothing from before is held")
        #expect(readies(worker.tick(now: now + 0.06)).isEmpty)
        // A broker that asks for READY again (it restarted) starts the same count.
        #expect(readies(worker.received(.reconnect, now: now + 0.1)) == [3], "job 9 is still held")
    }

    /// A review's finding: the broker that re-queued the jobs held across a reconnect may hand them to the same worker
    /// again, and then counts them against its credit as the worker's READY already did.
    @Test("after a reconnect, a held job the broker hands again is no longer taken off the credit by the worker: READY offers it back on the next tick")
    func creditOfJobsHandedAgain() {
        var worker = workerHoldingThree()
        #expect(readies(worker.received(.reconnect, now: 0.2)) == [1], "four less the three held")
        // The broker hands back job 1 (its record waits for the aggregator) and job 2 (being extracted): it counts both.
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0.3)
        #expect(readies(worker.tick(now: 0.31)) == [2], "job 1 is the broker's to count")
        _ = worker.received(.job(id: docID(2), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0.32)
        #expect(readies(worker.tick(now: 0.33)) == [3])
        #expect(readies(worker.tick(now: 0.34)).isEmpty, "said once")
        #expect(worker.heldCount == 3, "nothing extracted twice or dropped")
    }

    /// A tester's report: a worker whose key the broker lists nowhere logged "the broker is silent" forever, no word of keys.
    @Test("with a key, silence from a broker that never answered says to check the worker allow-list; after an answer it does not")
    func silentBrokerWithKey() {
        /// The silent-broker lines logged over ten seconds, and their hints.
        func silences(_ worker: inout WorkerStateMachine, from: Double) -> (lines: Int, hints: [String]) {
            let lines = (1...200).flatMap { step in worker.tick(now: from + Double(step) * 0.05) }.compactMap { action -> LogLine? in
                if case .log(let line) = action, line.message.hasPrefix("the broker is silent") { line } else { nil }
            }
            return (lines.count, lines.compactMap { $0.metadata["hint"] })
        }
        var keyed = WorkerStateMachine(settings: .init(credit: 4, keyed: true), now: 0)
        let first = silences(&keyed, from: 0)
        #expect(first.lines > 0 && first.hints.count == first.lines && first.hints.allSatisfy { $0.contains("worker allow-list") })
        _ = keyed.received(.heartbeat, now: 10)
        let later = silences(&keyed, from: 10)
        #expect(later.lines > 0 && later.hints.isEmpty, "a broker that answered once knows the key")
        var plain = makeWorker()
        let unkeyed = silences(&plain, from: 0)
        #expect(unkeyed.lines > 0 && unkeyed.hints.isEmpty)
    }

    @Test("a silent broker is reconnected with growing pauses, and READY offers only the free credit")
    func silentBroker() {
        var worker = makeWorker()
        _ = worker.received(.job(id: docID(1), metadata: DocumentMetadata(), body: Array("x".utf8), ticket: ticket), now: 0)
        var reconnects: [Double] = []
        var now = 0.0
        var readyCredit: Int?
        while now < 30 {
            now += 0.05
            for action in worker.tick(now: now) {
                if action == .reconnectBroker { reconnects.append(now) }
                if case .toBroker(.ready(let credit)) = action { readyCredit = credit }
            }
        }
        #expect(readyCredit == 3)
        #expect(reconnects.count >= 3)
        let gaps = zip(reconnects.dropFirst(), reconnects).map { $0 - $1 }
        #expect(gaps == gaps.sorted(), "pauses do not shrink: \(gaps)")
    }
}
