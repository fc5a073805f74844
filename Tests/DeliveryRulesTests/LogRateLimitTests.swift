import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Rate-limited log lines")
struct LogRateLimitTests {
    @Test("at most the burst per period; a burst after a quiet spell is logged again, and every occurrence is counted")
    func burstsPerPeriod() {
        var limit = LogRateLimit(burst: 3, period: 60)
        let flood = (0..<1_000).map { limit.admit(now: 100 + Double($0) * 0.01) }
        #expect(flood.prefix(3).allSatisfy { $0 } && !flood.dropFirst(3).contains(true), "three lines of a flood within a minute")
        // A tester's report: a key revoked an hour after the first refusals went unlogged (the first ten ever, then
        // one in a thousand). Its first refusals now show whenever they come.
        let later = (0..<5).map { limit.admit(now: 3_700 + Double($0)) }
        #expect(later == [true, true, true, false, false])
        let nextMinute = limit.admit(now: 3_700 + 60)
        #expect(nextMinute, "a new minute, a new burst")
        #expect(limit.count == 1_006)
    }

    @Test("a clock that goes backwards or is not a number never stops the lines for good")
    func oddClocks() {
        var limit = LogRateLimit(burst: 1, period: 60)
        let admitted = [1_000, 1_001, 10, .nan, 5_000].map { limit.admit(now: $0) }
        // Backwards within the period is still this window; not a number starts a new one, as does a later time.
        #expect(admitted == [true, false, false, true, true])
    }
}

@Suite("Lines a peer provokes in the broker's log")
struct BrokerLogFloodTests {
    @Test("a peer saying READY and DISCONNECT in a loop, five thousand times in a minute, gets at most a hundred lines of each; the next minute's first say how many there were")
    func joinLeaveLoop() {
        var broker = makeBroker()
        var lines: [LogLine] = []
        for turn in 0..<5_000 {
            let peer = PeerID([0xF, UInt8(turn % 251)])
            lines += broker.received(.ready(credit: 1), from: peer, now: Double(turn) * 0.01).logs
            lines += broker.received(.disconnect, from: peer, now: Double(turn) * 0.01).logs
        }
        #expect(lines.count { $0.message == "worker joined" } == 100)
        #expect(lines.count { $0.message.hasSuffix("re-queueing its jobs") } == 100)
        let later = broker.received(.ready(credit: 1), from: workerA, now: 120).logs
        #expect(later.first?.metadata["total"] == "5001", "\(later)")
        #expect(broker.received(.disconnect, from: workerA, now: 120).logs.first?.metadata["total"] == "5001")
    }

    @Test("a thousand peers each saying READY and then nothing: declared dead past liveness, at most a hundred lines, each with the total so far")
    func silentJoiners() {
        var broker = makeBroker()
        for index in 0..<1_000 {
            _ = broker.received(.ready(credit: 1), from: PeerID([0xE, UInt8(index / 256), UInt8(index % 256)]), now: 0)
        }
        let dead = broker.tick(now: 10).logs.filter { $0.message == "worker stopped heartbeating; re-queueing its jobs" }
        #expect(dead.count == 100)
        #expect(dead.last?.metadata["total"] == "100")
        #expect(broker.status.liveWorkers == 0)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 10)
        let nextMinute = broker.tick(now: 80).logs.filter { $0.message == "worker stopped heartbeating; re-queueing its jobs" }
        #expect(nextMinute.first?.metadata["total"] == "1001", "\(nextMinute)")
    }

    @Test("RETRY of finished documents, over and over: at most a hundred lines a minute")
    func retryLoop() {
        var broker = makeBroker(queueCapacity: 10_000)
        _ = broker.received(.ready(credit: 8), from: workerA, now: 0)
        var lines = 0
        for number in 1...300 {
            let done = WorkerMessage.done(docID(number), receipt: receipt(docID(number)))
            broker.accept(number, now: 0)
            _ = broker.received(done, from: workerA, now: 0)
            _ = broker.journalCommitted(now: 0)
            let again = broker.retry(from: producer, id: docID(number), metadata: DocumentMetadata(), body: Array("doc-\(number) họp bàn".utf8), now: 1)
            #expect(again.journaled.count == 1)
            lines += again.logs.count
            _ = broker.journalCommitted(now: 1)
            _ = broker.received(done, from: workerA, now: 1)
            _ = broker.journalCommitted(now: 1)
        }
        #expect(lines == 100)
    }
}

extension BrokerLogFloodTests {
    @Test("a thousand DONEs with forged receipts in half a minute: ten lines at most, the next minute's first counts them all, and the job is still the worker's")
    func forgedDones() {
        var broker = brokerWithDoc1Held()
        var lines: [LogLine] = []
        for index in 0..<1_000 {
            let forged = Receipt(code: [UInt8(truncatingIfNeeded: index)])
            lines += broker.received(.done(docID(1), receipt: forged), from: workerA, now: Double(index) * 0.03).logs
        }
        #expect(lines.count == 10 && lines.allSatisfy { $0.message == "ignored a DONE without the aggregator's receipt" }, "\(lines.count) lines")
        let later = broker.received(.done(docID(1), receipt: Receipt(code: [0])), from: workerA, now: 90).logs
        #expect(later.count == 1 && later.first?.metadata["total"] == "1001", "\(later)")
        #expect(broker.status.inFlight == 1 && broker.status.done == 0)
    }

    @Test("forty worker keys, each taking the job and vanishing within a minute: the hold-backs are logged ten times")
    func vanishingWorkers() {
        var broker = makeBroker(maxAttempts: 1_000, liveness: 1)
        broker.accept(1, now: 0)
        var now = 0.0
        var held: [LogLine] = []
        var dispatched = 0
        for index in 0..<40 {
            let peer = PeerID([0xC, UInt8(index)])
            dispatched += broker.received(.ready(credit: 1), from: peer, key: "worker-\(index)", now: now).dispatched.count
            // Nothing heard for the liveness (one heartbeat of 1 s): gone with the job, its key held back.
            held += broker.tick(now: now + 1.1).logs.filter { $0.message == "holding back a worker key that took jobs and vanished" }
            now += 1.2
        }
        #expect(dispatched == 40, "only \(dispatched) workers took the job: the flood never happened")
        #expect(held.count == 10, "\(held.count) hold-back lines for \(dispatched) workers that vanished")
    }
}
