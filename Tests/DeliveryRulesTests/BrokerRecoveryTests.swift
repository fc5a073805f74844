import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Broker journal: disk trouble, compaction and recovery")
struct BrokerRecoveryTests {
    @Test("a stop compacts when only DUPLICATE or REJECTED were answered since the last compaction (the journal holds those counts only in a compaction), and not when nothing happened")
    func stopKeepsAnswerCounts() {
        var broker = makeBroker()
        broker.accept(1, now: 0)
        #expect(broker.stopping() == [.compact])
        _ = broker.compacted(now: 1)
        #expect(broker.stopping().isEmpty, "nothing since")
        _ = broker.submit(from: PeerID([2]), id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 họp bàn".utf8), now: 2)
        #expect(broker.status.duplicates == 1)
        #expect(broker.stopping() == [.compact], "a DUPLICATE alone")
        #expect(broker.journalImage.counters.duplicates == 1)
        _ = broker.compacted(now: 3)
        _ = broker.submit(from: producer, id: nil, metadata: DocumentMetadata(), body: Array(" \n ".utf8), now: 4)
        #expect(broker.status.rejected == 1)
        #expect(broker.stopping() == [.compact], "a REJECTED alone")
    }

    @Test("DONE that cannot be journaled stays done in memory and is written once the disk is back")
    func doneRetried() {
        var broker = brokerWithDoc1Held()
        _ = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 1)
        _ = broker.journalFailed("fsync: Input/output error", now: 1)
        #expect(broker.status.done == 1)
        #expect(broker.tick(now: 1.5).journaled.isEmpty, "not before the retry is due")
        #expect(broker.tick(now: 2.5).journaled == [.done(docID(1))])
    }

    /// A broker whose one job (document 1, held by worker A) timed out at 1.5 s with one attempt allowed: its dead
    /// letter is to be written.
    static func brokerGivingUpOnOne() -> BrokerStateMachine {
        var broker = makeBroker(maxAttempts: 1, jobTimeout: 1)
        _ = broker.received(.ready(credit: 1), from: workerA, now: 0)
        broker.accept(1, now: 0)
        _ = broker.received(.heartbeat, from: workerA, now: 1.5)
        _ = broker.tick(now: 1.5)
        return broker
    }

    @Test("a dead letter that cannot be written keeps the document pending and is retried")
    func deadLetterRetried() {
        var broker = Self.brokerGivingUpOnOne()
        #expect(!broker.deadLetterFailed(docID(1), error: "EACCES deadletter/1.json", now: 1.5).isEmpty, "said once")
        #expect(broker.journalImage.pending.map(\.id) == [docID(1)], "still remembered by a compaction")
        #expect(broker.status.deadLetterError == "EACCES deadletter/1.json" && broker.status.storageError == nil)
        // The journal is fine: a new document is accepted meanwhile, not answered BUSY.
        let accepted = broker.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 x".utf8), now: 1.6)
        #expect(!accepted.contains { if case .reply(_, .busy) = $0 { true } else { false } }, "\(accepted)")
        #expect(broker.tick(now: 3).deadLetters == [docID(1)])
        #expect(broker.deadLetterFailed(docID(1), error: "EACCES deadletter/1.json", now: 3).isEmpty, "not said again each retry")
        #expect(broker.tick(now: 3.5).deadLetters.isEmpty, "backing off")
        #expect(broker.tick(now: 10).deadLetters == [docID(1)])
        _ = broker.deadLetterWritten(docID(1), now: 10)
        #expect(broker.status.deadLetterError == nil && broker.status.deadLettered == 1)
    }

    @Test("a dead letter that keeps failing is retried with the journal's backoff: doubling to its cap (here 1 s to 8 s; the daemon's 0.5 s to 30 s) and no further")
    func deadLetterBackoffCapped() {
        var broker = Self.brokerGivingUpOnOne()
        var now = 1.5
        _ = broker.deadLetterFailed(docID(1), error: "EACCES deadletter/1.json", now: now)
        var waits: [Double] = []
        while waits.count < 6 {
            var waited = 0.0
            repeat {
                waited = ((waited + 0.1) * 10).rounded() / 10
            } while broker.tick(now: now + waited).deadLetters.isEmpty && waited < 60
            waits.append(waited)
            now += waited
            _ = broker.deadLetterFailed(docID(1), error: "EACCES deadletter/1.json", now: now)
        }
        #expect(waits == [1, 2, 4, 8, 8, 8], "\(waits)")
    }

    @Test("a document stored while its dead letter waits for the folder is done, and status no longer says dead letters cannot be written")
    func storedWhileItsLetterWaits() {
        var broker = Self.brokerGivingUpOnOne()
        _ = broker.deadLetterFailed(docID(1), error: "EACCES", now: 1.5)
        #expect(broker.status.deadLetterError == "EACCES")
        _ = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 2)
        #expect(broker.status.done == 1 && broker.status.deadLettered == 0 && broker.status.deadLetterError == nil)
        #expect(broker.tick(now: 10).deadLetters.isEmpty, "no letter written for a document done")
    }

    @Test("compaction comes after enough entries, only between batches")
    func compaction() {
        var broker = makeBroker(compactAfter: 3)
        for number in 1...3 { broker.accept(number, now: 0) }
        _ = broker.submit(from: producer, id: docID(4), metadata: DocumentMetadata(), body: Array("doc-4 x".utf8), now: 0)
        #expect(!broker.tick(now: 0).contains { if case .compact = $0 { true } else { false } }, "a batch is open")
        _ = broker.journalCommitted(now: 0)
        #expect(broker.tick(now: 0).contains { if case .compact = $0 { true } else { false } })
    }

    @Test("entries replayed after a compaction's counters count toward the next compaction, so a broker restarted often still compacts")
    func replayedEntriesCount() {
        func compactsAtFirstTick(appendedAfterImage: Int) -> Bool {
            var restarted = makeBroker(compactAfter: 4)
            restarted.replay(.counters(BrokerCounters(accepted: 2, duplicates: 0, rejected: 0, done: 2, deadLettered: 0)))
            restarted.replay(.known([docID(1), docID(2)]))
            for number in 0..<appendedAfterImage {
                restarted.replay(number.isMultiple(of: 2) ? .accepted(QueuedJob(id: docID(10 + number), metadata: DocumentMetadata(), body: "x"))
                                                          : .done(docID(9 + number)))
            }
            _ = restarted.finishRecovery(now: 0)
            return restarted.tick(now: 0).contains { if case .compact = $0 { true } else { false } }
        }
        #expect(!compactsAtFirstTick(appendedAfterImage: 3), "three entries since the image")
        #expect(compactsAtFirstTick(appendedAfterImage: 4), "four, the threshold: compacted at once after the restart")
        // Without a compaction in the file, every entry counts.
        var fresh = makeBroker(compactAfter: 4)
        for number in 1...4 { fresh.replay(.accepted(QueuedJob(id: docID(number), metadata: DocumentMetadata(), body: "x"))) }
        _ = fresh.finishRecovery(now: 0)
        #expect(fresh.tick(now: 0).contains { if case .compact = $0 { true } else { false } })
    }

    @Test("a restart from a compacted journal keeps the counters, the known ids and the pending jobs")
    func roundTrip() {
        var broker = makeBroker()
        _ = broker.received(.ready(credit: 2), from: workerA, now: 0)
        for number in 1...5 { broker.accept(number, now: 0) }
        _ = broker.received(.done(docID(1), receipt: receipt(docID(1))), from: workerA, now: 1)
        _ = broker.received(.done(docID(2), receipt: receipt(docID(2))), from: workerA, now: 1)
        _ = broker.submit(from: PeerID([2]), id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 1)
        let image = broker.journalImage
        var restarted = makeBroker()
        restarted.replay(.counters(image.counters))
        restarted.replay(.known(image.finished))
        for job in image.pending { restarted.replay(.accepted(job)) }
        restarted.replay(.done(docID(3)))
        restarted.replay(.accepted(QueuedJob(id: docID(6), metadata: DocumentMetadata(), body: "y")))
        _ = restarted.finishRecovery(now: 0)
        #expect(restarted.status.done == 3)
        #expect(restarted.status.accepted == 6)
        #expect(restarted.status.duplicates == 1)
        #expect(restarted.status.queued == 3)
        #expect(restarted.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 x".utf8), now: 0).replies == [.duplicate(docID(2))])
    }
}

extension BrokerRecoveryTests {
    @Test("a broker that dies between its commit and its answer still tells the producer's resend ACCEPTED once restarted, and after a compaction; another producer, or one libzmq named, hears DUPLICATE")
    func acceptanceOutlivesRestart() {
        var broker = makeBroker()
        let namedByLibzmq = PeerID([0, 0x6B, 0x8B, 0x45, 0x67])
        var written = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 họp".utf8), now: 0).journaled
        written += broker.submit(from: namedByLibzmq, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 họp".utf8), now: 0).journaled
        written += broker.journalWriting().journaled
        #expect(written.last == .origins(ProducerAcceptances(producer: producer, ids: [docID(1)])), "\(written)")
        #expect(broker.journalWriting().isEmpty, "said once per write")
        _ = broker.journalCommitted(now: 0)

        var restarted = makeBroker()
        for entry in written { restarted.replay(entry) }
        _ = restarted.finishRecovery(now: 100)
        func resend(_ number: Int, from peer: PeerID, to broker: inout BrokerStateMachine, now: Double) -> [BrokerReply] {
            broker.submit(from: peer, id: docID(number), metadata: DocumentMetadata(), body: Array("doc-\(number) họp".utf8), now: now).replies
        }
        #expect(resend(1, from: producer, to: &restarted, now: 101) == [.accepted(docID(1))])
        #expect(resend(1, from: PeerID([2]), to: &restarted, now: 101) == [.duplicate(docID(1))])
        #expect(resend(2, from: namedByLibzmq, to: &restarted, now: 101) == [.duplicate(docID(2))], "libzmq's ids name one connection: not journaled")
        #expect(restarted.status.accepted == 2 && restarted.status.duplicates == 2)

        let image = restarted.journalImage
        var compacted = makeBroker()
        compacted.replay(.counters(image.counters))
        compacted.replay(.known(image.finished))
        for job in image.pending { compacted.replay(.accepted(job)) }
        for origins in image.origins { compacted.replay(.origins(origins)) }
        _ = compacted.finishRecovery(now: 200)
        #expect(resend(1, from: producer, to: &compacted, now: 201) == [.accepted(docID(1))])
        #expect(resend(1, from: producer, to: &compacted, now: 801) == [.duplicate(docID(1))], "past the horizon counted from the restart")
    }

    @Test("the origins of a batch whose write failed are not written later: its documents were answered BUSY")
    func originsOfFailedBatch() {
        var broker = makeBroker()
        _ = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 họp".utf8), now: 0)
        #expect(broker.journalWriting().journaled.count == 1)
        #expect(broker.journalFailed("fsync: Input/output error", now: 0).replies == [.busy(docID(1))])
        _ = broker.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 họp".utf8), now: 5)
        #expect(broker.journalWriting().journaled == [.origins(ProducerAcceptances(producer: producer, ids: [docID(2)]))])
        #expect(!(broker.tick(now: 5).journaled.contains { if case .origins = $0 { true } else { false } }))
    }
}

@Suite("Broker journal entries in the binary form")
struct BrokerJournalEntryFormTests {
    static let job = QueuedJob(id: docID(7), metadata: DocumentMetadata(published: nil, source: "tin/7.txt"), body: "Chiều 3/12, HĐND tỉnh họp.\r\n")
    static let entries: [BrokerJournalEntry] = [
        .accepted(job), .done(docID(1)), .deadLettered(docID(2)), .retried(job), .known([docID(3), docID(4)]), .known([]),
        .counters(BrokerCounters(accepted: 10, duplicates: 2, rejected: 1, done: 6, deadLettered: 1)),
        // A routing id is any bytes, not text.
        .origins(ProducerAcceptances(producer: PeerID([0x50, 0xFF, 0x00, 0xC3]), ids: [docID(5), docID(6)])),
    ]

    @Test("every kind survives the round trip; every truncation and a wrong kind or id are errors")
    func roundTripAndDamage() throws {
        for entry in Self.entries {
            let bytes = entry.binaryEncoded()
            #expect(try BrokerJournalEntry(binary: bytes) == entry)
            for length in 0..<bytes.count {
                #expect(throws: BinaryFormError.self) { try BrokerJournalEntry(binary: Array(bytes.prefix(length))) }
            }
        }
        #expect(throws: BinaryFormError.invalidValue(what: "kind", value: 9, at: 2)) { try BrokerJournalEntry(binary: [0xB3, 1, 9]) }
        // A done entry whose id has a space in it.
        #expect(throws: BinaryFormError.self) { try BrokerJournalEntry(binary: [0xB3, 1, 2, 3] + Array("a b".utf8)) }
        // A journaled body (its last field) whose last byte turned into one no UTF-8 holds: checked again when read back.
        let accepted = BrokerJournalEntry.accepted(QueuedJob(id: docID(1), metadata: DocumentMetadata(source: "a.txt"), body: Array("doc-1 họp".utf8)))
        var damaged = accepted.binaryEncoded()
        #expect(try BrokerJournalEntry(binary: damaged) == accepted)
        damaged[damaged.count - 1] = 0xFF
        #expect(throws: BinaryFormError.self) { try BrokerJournalEntry(binary: damaged) }
    }
}
