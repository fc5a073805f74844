import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Broker dispatch, liveness and strikes")
struct BrokerDeliveryTests {
    @Test("jobs go to workers by credit, and DONE is journaled")
    func dispatchAndDone() {
        var broker = makeBroker()
        _ = broker.received(.ready(credit: 2), from: workerA, now: 0)
        var dispatched: [DocumentID] = []
        for number in 1...3 { dispatched += broker.accept(number, now: 0).dispatched }
        #expect(dispatched == [docID(1), docID(2)])
        let done = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 1)
        #expect(done.journaled == [.done(docID(1))])
        #expect(done.dispatched == [docID(3)], "credit came back")
        #expect(broker.status.done == 1)
    }

    @Test("a worker's credit counts jobs and its held text is capped: long documents wait in the broker, not behind each other")
    func heldBytesCap() {
        // Each document is "doc-N họp bàn": 16 or 17 bytes. A cap of 40 bytes lets a worker hold two at once.
        var broker = makeBroker(workerBytes: 40)
        _ = broker.received(.ready(credit: 100), from: workerA, now: 0)
        var dispatched: [DocumentID] = []
        for number in 1...4 { dispatched += broker.accept(number, now: 0).dispatched }
        #expect(dispatched == [docID(1), docID(2)], "credit to spare, but the third would pass the cap")
        let failed = broker.received(.failed(docID(1), reason: "x"), from: workerA, now: 1)
        #expect(failed.dispatched == [docID(1)], "a failed job's bytes come back; it is tried again first")
        let done = broker.received(.done(docID(2), receipt: receipt(docID(2))), from: workerA, now: 1)
        #expect(done.dispatched == [docID(3)], "a finished job's bytes come back")
        // A worker holding nothing takes a document larger than the cap.
        var small = makeBroker(workerBytes: 1)
        _ = small.received(.ready(credit: 100), from: workerB, now: 0)
        #expect(small.accept(1, now: 0).dispatched == [docID(1)])
        #expect(small.accept(2, now: 0).dispatched.isEmpty)
    }

    @Test("waiting for the aggregator is no strike: an extracted job stays in flight however long STORED takes")
    func aggregatorOutage() {
        var broker = makeBroker(jobTimeout: 2)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
        broker.accept(1, now: 0)
        _ = broker.received(.processed([docID(1)]), from: workerA, now: 0.5)
        var now = 0.5
        var actions: [BrokerAction] = []
        while now < 200 {  // a three-minute outage, the worker heartbeating all along
            now += 0.5
            actions += broker.received(.heartbeat, from: workerA, now: now)
            actions += broker.tick(now: now)
        }
        #expect(actions.deadLetters.isEmpty)
        #expect(actions.dispatched.isEmpty, "not re-dispatched either")
        #expect(broker.status.waitingForStorage == 1)
        _ = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: now)
        #expect(broker.status.done == 1 && broker.status.deadLettered == 0)
    }

    @Test("a job not extracted in time gets a strike, and dead-letters after the last attempt")
    func timeoutStrikes() {
        var broker = makeBroker(maxAttempts: 2, jobTimeout: 1)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
        broker.accept(1, now: 0)
        var now = 0.0
        var letters: [DocumentID] = []
        var dispatches = 1
        while now < 10 && letters.isEmpty {
            now += 0.25
            let actions = broker.received(.heartbeat, from: workerA, now: now) + broker.tick(now: now)
            dispatches += actions.dispatched.count
            letters += actions.deadLetters
        }
        #expect(letters == [docID(1)])
        #expect(dispatches == 2, "one delivery per attempt")
        #expect(broker.deadLettered(among: [docID(1)]).isEmpty, "not said to be given up on before its dead letter is written")
        let written = broker.deadLetterWritten(docID(1), now: now)
        #expect(written.journaled == [.deadLettered(docID(1))])
        #expect(broker.status.deadLettered == 1)
        #expect(broker.deadLettered(among: [docID(2), docID(1)]) == [docID(1)], "DEADLETTERED? names it")
        let again = broker.retry(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 họp bàn".utf8), now: now)
        #expect(again.contains(.journal(.retried(QueuedJob(id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 họp bàn".utf8))))), "\(again)")
        #expect(broker.deadLettered(among: [docID(1)]).isEmpty, "retried, it is waited for again")
    }

    @Test("a dead worker's extracted jobs go back without a strike; the one it was extracting gets one")
    func deadWorker() {
        var broker = makeBroker(maxAttempts: 1)
        _ = broker.received(.ready(credit: 3), from: workerA, now: 0)
        for number in 1...3 { broker.accept(number, now: Double(number) * 0.01) }
        _ = broker.received(.processed([docID(1)]), from: workerA, now: 0.1)
        let actions = broker.tick(now: 10)
        #expect(actions.deadLetters == [docID(2)], "the oldest job not yet extracted is the suspect")
        #expect(broker.status.queued == 2)
        #expect(broker.status.liveWorkers == 0)

        // Jobs handed out in one pass share their time: the first handed out is the one it was extracting.
        var onePass = makeBroker(maxAttempts: 1)
        for number in 1...5 { onePass.accept(number, now: 0) }
        _ = onePass.received(.ready(credit: 5), from: workerA, now: 0)
        #expect(onePass.tick(now: 10).deadLetters == [docID(1)])
        #expect(onePass.received(.ready(credit: 5), from: workerB, now: 10).dispatched == (2...5).map(docID))
    }

    @Test("jobs that leave their workers at one moment go back to the front in the order they were handed out, whichever worker held them, whether their workers died or they timed out; equal credit goes to the lowest routing id")
    func putBackInDispatchOrder() {
        // Two workers of equal credit: the jobs alternate, the lowest id first; both die in one tick.
        var broker = makeBroker(maxAttempts: 5)
        _ = broker.received(.ready(credit: 3), from: workerB, now: 0)
        _ = broker.received(.ready(credit: 3), from: workerA, now: 0)
        var handedOut: [(PeerID, DocumentID)] = []
        for number in 1...6 {
            for case .dispatch(let job, let peer) in broker.accept(number, now: 0) { handedOut.append((peer, job.id)) }
        }
        #expect(handedOut.map(\.0) == [workerA, workerB, workerA, workerB, workerA, workerB])
        let died = broker.tick(now: 10)
        #expect(died.deadLetters.isEmpty && broker.status.queued == 6 && broker.status.liveWorkers == 0)
        let third = PeerID([0xC])
        #expect(broker.received(.ready(credit: 6), from: third, now: 10).dispatched == (1...6).map(docID))

        // Six jobs handed out in one pass, all timing out in one tick: back in that order, and handed out again in it.
        var timing = makeBroker(maxAttempts: 5, jobTimeout: 5)
        for number in 1...6 { timing.accept(number, now: 0) }
        _ = timing.received(.ready(credit: 6), from: workerA, now: 0)
        _ = timing.received(.heartbeat, from: workerA, now: 5)
        let again = timing.tick(now: 5.5)
        #expect(again.dispatched == (1...6).map(docID), "\(again.dispatched)")
    }

    @Test("FAILED counts only from the worker holding the job, and its reason is clipped and rate-limited in the log")
    func failedOwnership() {
        var broker = makeBroker(maxAttempts: 5)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
        broker.accept(1, now: 0)
        _ = broker.received(.ready(credit: 1), from: workerB, now: 0)
        let stranger = broker.received(.failed(docID(1), reason: "x"), from: workerB, now: 0)
        #expect(stranger.logs.isEmpty && stranger.dispatched.isEmpty)
        #expect(broker.status.inFlight == 1)
        let owner = broker.received(.failed(docID(1), reason: String(repeating: "r", count: 4096)), from: workerA, now: 0)
        #expect(owner.dispatched.count == 1, "re-queued and handed out again")
        var lines = owner.logs
        for _ in 0..<20_000 {
            lines += broker.received(.failed(docID(1), reason: String(repeating: "r", count: 4096)), from: workerA, now: 1).logs
            lines += broker.received(.failed(docID(1), reason: String(repeating: "r", count: 4096)), from: workerB, now: 1).logs
        }
        #expect(lines.count <= 12)
        #expect(lines.allSatisfy { ($0.metadata["reason"]?.utf8.count ?? 0) < 400 })
    }

    @Test("messages from a worker the broker does not know ask it to say READY again")
    func unknownWorker() {
        var broker = makeBroker()
        broker.accept(1, now: 0)
        let actions = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 0)
        #expect(actions == [.send(.reconnect, to: workerA)])
        #expect(broker.status.done == 0)
    }

    @Test("a JOB too large for the workers is dead-lettered at once; a gone worker costs no strike")
    func undeliverable() {
        var broker = makeBroker(maxAttempts: 3)
        _ = broker.received(.ready(credit: 2), from: workerA, now: 0)
        broker.accept(1, now: 0)
        broker.accept(2, now: 0)
        #expect(broker.jobUndeliverable(docID(1), to: workerA, reason: .tooLarge("too big"), now: 0).deadLetters == [docID(1)])
        _ = broker.jobUndeliverable(docID(2), to: workerA, reason: .peerGone, now: 0)
        #expect(broker.status.queued == 1 && broker.status.liveWorkers == 0)
    }

    @Test("a document stored after it was dead-lettered counts as done, not as both")
    func lateDone() {
        var broker = brokerWithDeadLetter()
        #expect(broker.status.deadLettered == 1)
        let actions = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 2)
        #expect(broker.status.done == 1 && broker.status.deadLettered == 0)
        // Its dead letter goes, and the journal says it is done, so a restart does not count it dead-lettered again.
        #expect(actions.contains(.removeDeadLetter(docID(1))), "\(actions)")
        #expect(actions.contains(.journal(.done(docID(1)))), "\(actions)")
    }
}

@Suite("Broker ownership among authenticated workers")
struct BrokerOwnershipTests {
    @Test("DONE counts only from the worker holding the job, or one that held it before")
    func doneOwnership() {
        var broker = makeBroker()
        _ = broker.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 0)
        broker.accept(1, now: 0)
        _ = broker.received(.ready(credit: 1), from: workerB, key: "worker:b", now: 0)
        #expect(broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerB, key: "worker:b", now: 1).journaled.isEmpty)
        #expect(broker.status.done == 0 && broker.status.inFlight == 1)
        // A queued job that nobody holds cannot be finished by a stranger either.
        broker.accept(2, now: 1)
        _ = broker.received(.done(docID(2), receipt: receipt(docID(2))), from: PeerID([9]), key: nil, now: 1)
        #expect(broker.status.done == 0)
        // A worker declared dead hands its job on; its late DONE still counts, once.
        let lateActions = broker.tick(now: 10)
        #expect(lateActions.dispatched.isEmpty || broker.status.inFlight <= 1)
        _ = broker.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 10)
        #expect(broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, key: "worker:a", now: 10).journaled == [.done(docID(1))])
        #expect(broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, key: "worker:a", now: 10).journaled.isEmpty)
    }

    @Test("PROCESSED counts only from the worker holding the job: another worker's cannot spare it the extraction timeout")
    func processedOwnership() {
        var broker = makeBroker(maxAttempts: 2, jobTimeout: 1)
        _ = broker.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 0)
        broker.accept(1, now: 0)
        _ = broker.received(.ready(credit: 1), from: workerB, key: "worker:b", now: 0.1)
        _ = broker.received(.processed([docID(1)]), from: workerB, key: "worker:b", now: 0.2)
        _ = broker.received(.heartbeat, from: workerA, key: "worker:a", now: 1.5)
        _ = broker.received(.heartbeat, from: workerB, key: "worker:b", now: 1.5)
        let first = broker.tick(now: 1.5)
        #expect(first.dispatched == [docID(1)], "struck for the timeout and handed out again")
        #expect(first.deadLetters.isEmpty)
        // Its second holder is sent PROCESSED by the other worker as well; the second timeout is its last attempt.
        let holder = first.compactMap { if case .dispatch(_, let peer) = $0 { peer } else { nil } }.first
        let other = holder == workerA ? workerB : workerA
        _ = broker.received(.processed([docID(1)]), from: other, key: other == workerA ? "worker:a" : "worker:b", now: 1.6)
        _ = broker.received(.heartbeat, from: workerA, key: "worker:a", now: 3)
        _ = broker.received(.heartbeat, from: workerB, key: "worker:b", now: 3)
        #expect(broker.tick(now: 3).deadLetters == [docID(1)])

        // The holder's own PROCESSED does spare it: waiting for the aggregator is no strike.
        var honest = makeBroker(maxAttempts: 1, jobTimeout: 1)
        _ = honest.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 0)
        honest.accept(1, now: 0)
        _ = honest.received(.processed([docID(1)]), from: workerA, key: "worker:a", now: 0.2)
        _ = honest.received(.heartbeat, from: workerA, key: "worker:a", now: 1.5)
        let spared = honest.tick(now: 1.5)
        #expect(spared.deadLetters.isEmpty && spared.dispatched.isEmpty && honest.status.inFlight == 1)
    }

    @Test("a worker that says DISCONNECT gives back every job it holds at once, with no strike and no hold-back for its key")
    func disconnectHandsJobsOn() {
        var broker = makeBroker(maxAttempts: 1, jobTimeout: 60)
        _ = broker.received(.ready(credit: 2), from: workerA, key: "worker:a", now: 0)
        broker.accept(1, now: 0)
        broker.accept(2, now: 0)
        _ = broker.received(.processed([docID(1)]), from: workerA, key: "worker:a", now: 0.5)
        #expect(broker.status.inFlight == 2)
        let left = broker.received(.disconnect, from: workerA, key: "worker:a", now: 1)
        #expect(left.deadLetters.isEmpty, "one attempt allowed, and leaving spends none")
        #expect(broker.status.queued == 2 && broker.status.inFlight == 0 && broker.status.liveWorkers == 0)
        // The same key back under a new identity (a restarted worker) takes both at once.
        let back = broker.received(.ready(credit: 2), from: PeerID([0xA, 2]), key: "worker:a", now: 1.1)
        #expect(Set(back.dispatched) == [docID(1), docID(2)])
        #expect(!back.logs.contains { $0.message.contains("holding back") })
    }

    @Test("a liveness as large as a whole number goes (Int.max beats): a broker back from away excuses its workers without overflowing")
    func brokerAwayWithLargestLiveness() {
        var broker = makeBroker(liveness: .max)
        _ = broker.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 0)
        broker.accept(1, now: 0)
        _ = broker.wasAway(seconds: 5, now: 5.5)
        #expect(broker.tick(now: 6).deadLetters.isEmpty && broker.status.liveWorkers == 1 && broker.status.inFlight == 1)
    }

    @Test("the broker's own absence (it ran nothing for a while) is not its workers' silence: a fresh liveness window, and one never heard from again loses its jobs with no strike and no hold-back; job timeouts skip the time away")
    func brokerAwayExcusesWorkers() {
        // Liveness 3 s (1 s heartbeats), one attempt: a strike would dead-letter.
        var broker = makeBroker(maxAttempts: 1, jobTimeout: 10)
        _ = broker.received(.ready(credit: 2), from: workerA, key: "worker:a", now: 0)
        _ = broker.received(.ready(credit: 2), from: workerB, key: "worker:b", now: 0)
        for number in 1...4 { broker.accept(number, now: 0) }
        #expect(broker.status.inFlight == 4)
        // Away from 0.5 s to 9.5 s: past the liveness and close to the jobs' timeout.
        let away = broker.wasAway(seconds: 9, now: 9.5)
        #expect(away.logs.contains { $0.message.contains("ran nothing") })
        let back = broker.tick(now: 9.5)
        #expect(back.deadLetters.isEmpty && broker.status.liveWorkers == 2 && broker.status.inFlight == 4, "\(back)")
        // What A's old connection had queued arrives just after the wake; then A is silent there: it gave the broker up
        // and comes back under another identity. B speaks again.
        _ = broker.received(.heartbeat, from: workerA, key: "worker:a", now: 9.6)
        _ = broker.received(.heartbeat, from: workerB, key: "worker:b", now: 10)
        let returned = PeerID([0xA, 9])
        _ = broker.received(.ready(credit: 2), from: returned, key: "worker:a", now: 10)
        let later = broker.tick(now: 13)
        #expect(later.deadLetters.isEmpty, "A's old identity went silent within the window after the absence: no strike")
        #expect(!later.logs.contains { $0.message.contains("holding back") })
        #expect(Set(later.dispatched).count == 2, "A's two jobs go to its new identity at once: \(later.dispatched)")
        // The jobs' timeout (10 s) counts from their dispatch less the 9 s away: B's are not struck at 13 s.
        #expect(broker.status.inFlight == 4 && broker.status.deadLettered == 0)
        // Past the window, silence is the workers' own again.
        #expect(!broker.tick(now: 14).deadLetters.isEmpty)
        // Without an absence, silence past liveness is the worker's: struck as before.
        var plain = makeBroker(maxAttempts: 1, jobTimeout: 10)
        _ = plain.received(.ready(credit: 1), from: workerA, key: "worker:a", now: 0)
        plain.accept(1, now: 0)
        #expect(plain.tick(now: 9.5).deadLetters == [docID(1)])
    }

    @Test("a worker whose key is revoked is forgotten at once: its jobs go to a worker still allowed, with no strike, and it is given nothing more")
    func revokedWorkerLosesItsJobs() {
        var broker = makeBroker(maxAttempts: 1, jobTimeout: 60)
        _ = broker.received(.ready(credit: 2), from: workerA, key: "revoked", now: 0)
        _ = broker.received(.ready(credit: 0), from: workerB, key: "kept", now: 0)
        broker.accept(1, now: 0)
        broker.accept(2, now: 0)
        broker.accept(3, now: 0)
        #expect(broker.status.inFlight == 2 && broker.status.queued == 1)
        let revoked = broker.workersRevoked([workerA], now: 1)
        #expect(revoked.deadLetters.isEmpty, "one attempt allowed, and a revocation spends none")
        #expect(!revoked.logs.contains { $0.message.contains("holding back") })
        #expect(broker.status.liveWorkers == 1 && broker.status.queued == 3 && broker.status.inFlight == 0)
        // Until the kept worker offers credit the jobs wait; a later submission does not go to the revoked one either.
        broker.accept(4, now: 1.5)
        #expect(broker.status.queued == 4)
        // The revoked worker's jobs at the front of the queue, before the one that waited behind them.
        let kept = broker.received(.ready(credit: 2), from: workerB, key: "kept", now: 2)
        #expect(kept.dispatched == [docID(1), docID(2)], "\(kept.dispatched)")
        let more = broker.received(.ready(credit: 4), from: workerB, key: "kept", now: 2)
        #expect(more.dispatched == [docID(3), docID(4)], "\(more.dispatched)")
        #expect(broker.workersRevoked([workerA], now: 3).isEmpty, "a worker already forgotten changes nothing")
    }

    @Test("a key whose workers take jobs and vanish is held back longer each time, whatever socket identity it uses")
    func holdBack() {
        var broker = makeBroker(maxAttempts: 100)
        for number in 1...20 { broker.accept(number, now: 0) }
        var now = 0.0
        var taken: [Double] = []
        // A rogue key reconnects under a new identity every time it vanishes; an honest worker joins at 30 s.
        for round in 0..<40 {
            now += 2.5
            let rogue = PeerID([0xEE, UInt8(round)])
            let actions = broker.received(.ready(credit: 4), from: rogue, key: "worker:rogue", now: now) + broker.tick(now: now)
            if !actions.dispatched.isEmpty { taken.append(now) }
        }
        #expect(taken.count < 8, "the rogue key got jobs \(taken.count) times in 100 s")
        _ = broker.received(.ready(credit: 8), from: workerA, key: "worker:honest", now: now)
        #expect(broker.status.inFlight >= 8, "the honest worker is fed at once")
    }
}

@Suite("Broker receipts")
struct BrokerReceiptTests {
    @Test("a DONE without the aggregator's receipt finishes nothing, even from the holder")
    func doneNeedsReceipt() {
        var broker = brokerWithDoc1Held()
        let forged = broker.received(.done(docID(1), receipt: Receipt(code: [0])), from: workerA, now: 1)
        #expect(forged.journaled.isEmpty)
        #expect(forged.logs.count == 1)
        #expect(broker.status.done == 0 && broker.status.inFlight == 1)
        #expect(broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 1).journaled == [.done(docID(1))])
    }

    @Test("DONE for several jobs finishes each whose receipt checks and only those; HELLO is answered with the features the broker takes")
    func doneBatch() {
        var broker = makeBroker()
        _ = broker.received(.ready(credit: 3), from: workerA, now: 0)
        let hello = broker.received(.hello(features: ["x", WorkerMessage.Feature.doneBatches]), from: workerA, now: 0)
        #expect(hello.contains(.send(.hello(features: [WorkerMessage.Feature.doneBatches]), to: workerA)))
        for number in 1...3 { broker.accept(number, now: 0) }
        let batch = WorkerMessage.doneBatch([StoredDocument(docID(1), receipt: receipt(docID(1))), StoredDocument(docID(2), receipt: Receipt(code: [0])),
                                             StoredDocument(docID(3), receipt: receipt(docID(3)))])
        let done = broker.received(batch, from: workerA, now: 1)
        #expect(done.journaled == [.done(docID(1)), .done(docID(3))])
        #expect(done.logs.count == 1, "the forged receipt is logged")
        #expect(broker.status.done == 2 && broker.status.inFlight == 1)
    }
}

@Suite("Broker hold-back spares live workers")
struct BrokerHoldBackTests {
    @Test("workers of a key that were live before another of its workers vanished keep getting jobs")
    func liveWorkersKeepWorking() {
        var broker = makeBroker(maxAttempts: 100)
        for number in 1...6 { broker.accept(number, now: 0) }
        let jobOfA = broker.received(.ready(credit: 1), from: workerA, key: "worker", now: 0).dispatched.first
        _ = broker.received(.ready(credit: 1), from: workerB, key: "worker", now: 0)
        // B vanishes with its job; A goes on heartbeating and finishes its own.
        var now = 0.0
        while now < 5 {
            now += 0.5
            _ = broker.received(.heartbeat, from: workerA, key: "worker", now: now)
            _ = broker.tick(now: now)
        }
        #expect(broker.status.liveWorkers == 1)
        let finished = jobOfA.map { broker.received(.done($0, receipt: receipt($0)), from: workerA, key: "worker", now: now) } ?? []
        #expect(finished.dispatched.count == 1, "A, live before B vanished, is not held back")
    }
}
