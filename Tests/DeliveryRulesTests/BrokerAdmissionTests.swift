import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Broker admission and group commit")
struct BrokerAdmissionTests {
    @Test("ACCEPTED leaves only after the journal commits")
    func acceptedAfterCommit() {
        var broker = makeBroker()
        let submitted = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0)
        #expect(submitted.replies.isEmpty)
        #expect(submitted.journaled.count == 1)
        #expect(broker.journalCommitted(now: 0).replies == [.accepted(docID(1))])
        #expect(broker.status.accepted == 1)
        #expect(broker.status.queued == 1)
    }

    @Test("a failed commit answers BUSY, keeps nothing, and BUSY holds until the retry is due")
    func failedCommit() {
        var broker = makeBroker()
        _ = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0)
        let failed = broker.journalFailed("write: No space left on device", now: 0)
        #expect(failed.replies == [.busy(docID(1))])
        #expect(broker.status.accepted == 0 && broker.status.queued == 0)
        #expect(broker.status.storageError?.contains("No space") == true)
        // Before the retry is due: BUSY at once, nothing journaled.
        let early = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0.5)
        #expect(early.replies == [.busy(docID(1))] && early.journaled.isEmpty)
        // The same document again, once the disk is retried, is accepted: nothing was lost or half-known.
        let later = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 1.5)
        #expect(later.journaled.count == 1)
        #expect(broker.journalCommitted(now: 1.5).replies == [.accepted(docID(1))])
        #expect(broker.status.storageError == nil)
    }

    @Test("a journal that keeps failing is retried after 0.5 s, doubling to 30 s and no further (the daemon's settings); after a commit the next failure waits 0.5 s again")
    func diskRetriesBackOff() {
        // The daemon's settings (`BrokerSettings(config:)` leaves the retries at their defaults); ids as `makeBroker`'s.
        var broker = BrokerStateMachine(settings: BrokerSettings(), identify: { DocumentID(String(decoding: $0.prefix { $0 != 0x20 }, as: UTF8.self))! },
                                        verifyReceipt: { _, _ in false })
        /// Fails a write of `id` at `now`; the wait before the disk is tried again, to a tenth of a second (nil past two minutes).
        func failThenWait(_ id: DocumentID, at now: Double) -> Double? {
            _ = broker.journalFailed("write: No space left on device", now: now)
            var waited = 0.1
            while waited <= 120 {
                let tried = broker.submit(from: producer, id: id, metadata: DocumentMetadata(), body: Array("\(id) Họp".utf8), now: now + waited)
                if !tried.journaled.isEmpty { return waited }
                #expect(tried.replies == [.busy(id)])
                waited = (waited + 0.1).rounded(toPlaces: 1)
            }
            return nil
        }
        var now = 0.0
        _ = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: now)
        var waits: [Double] = []
        for _ in 0..<9 {
            guard let wait = failThenWait(docID(1), at: now) else { Issue.record("never retried after \(waits)"); return }
            waits.append(wait)
            now += wait
        }
        #expect(waits == [0.5, 1, 2, 4, 8, 16, 30, 30, 30], "\(waits)")
        #expect(broker.journalCommitted(now: now).replies == [.accepted(docID(1))])
        _ = broker.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 Họp".utf8), now: now)
        #expect(failThenWait(docID(2), at: now) == 0.5, "a commit starts the backoff again")
    }

    @Test("the same id twice in one batch: one ACCEPTED and one DUPLICATE, both after the commit")
    func duplicateInBatch() {
        var broker = makeBroker()
        _ = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0)
        let second = broker.submit(from: PeerID([2]), id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0)
        #expect(second.isEmpty)
        #expect(broker.journalCommitted(now: 0).replies == [.accepted(docID(1)), .duplicate(docID(1))])
    }

    @Test("a document with something to read, however little, is not blank")
    func notBlank() {
        for text in ["a", "\u{FEFF}Họp", " 1 ", "\u{200B}.", "—", "\u{00A0}x"] { #expect(!MetadataRules.isBlank(text), "\(text.debugDescription)") }
        #expect(MetadataRules.isBlank("") && MetadataRules.isBlank("\u{00A0}\u{3000}\u{FEFF}"))
        for text in ["", "\u{FEFF}\n", "\u{FEFF}Họp", " \u{200B}x", "\t\u{0}"] {
            #expect(MetadataRules.isBlank(utf8: Array(text.utf8)) == MetadataRules.isBlank(text), "\(text.debugDescription)")
        }
        #expect(!MetadataRules.isBlank(utf8: [0x20, 0xFF]), "bytes that are not UTF-8 are not blank")
    }

    @Test("a known id is a DUPLICATE")
    func knownDuplicate() {
        var broker = makeBroker()
        broker.accept(1, now: 0)
        #expect(broker.submit(from: PeerID([2]), id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 1).replies == [.duplicate(docID(1))])
        #expect(broker.status.duplicates == 1)
    }

    @Test("the producer a document was accepted from sends it again (its answer came too late): ACCEPTED again, counted once")
    func resendAfterCommit() {
        var broker = makeBroker()
        broker.accept(1, now: 0)
        let again = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 4)
        #expect(again.replies == [.accepted(docID(1))] && again.journaled.isEmpty)
        #expect(broker.status.accepted == 1 && broker.status.duplicates == 0 && broker.status.queued == 1)
        // Another producer's copy is still a duplicate, and so is this producer's once the horizon has passed.
        #expect(broker.submit(from: PeerID([2]), id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 5).replies == [.duplicate(docID(1))])
        #expect(broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 601).replies == [.duplicate(docID(1))])
        #expect(broker.status.duplicates == 2)
    }

    @Test("the same producer's resend before the commit: one ACCEPTED, no DUPLICATE")
    func resendWhileStaged() {
        var broker = makeBroker()
        _ = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 0)
        #expect(broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 Họp".utf8), now: 3.5).isEmpty)
        #expect(broker.journalCommitted(now: 4).replies == [.accepted(docID(1))])
        #expect(broker.status.accepted == 1 && broker.status.duplicates == 0)
    }

    @Test("a copy that came over a replaced connection (a name libzmq made up) counts for the producer its SUBMIT names")
    func resendNamedProducer() {
        var broker = makeBroker()
        let run = PeerID(Array("Prun".utf8))
        let replaced = PeerID([0, 0, 0, 1])
        let body = Array("doc-1 Họp".utf8)
        _ = broker.submit(from: replaced, producer: run, id: docID(1), metadata: DocumentMetadata(), body: body, now: 0)
        #expect(broker.journalWriting().journaled == [.origins(ProducerAcceptances(producer: run, ids: [docID(1)]))],
                "journaled as the run's, so that a restarted broker still knows its resend")
        #expect(broker.journalCommitted(now: 0).contains(.reply(replaced, .accepted(docID(1)))))
        let resend = broker.submit(from: run, producer: run, id: docID(1), metadata: DocumentMetadata(), body: body, now: 3)
        #expect(resend == [.reply(run, .accepted(docID(1)))])
        // Neither the connection's made-up name nor another run may claim it; a first-version producer is its connection.
        #expect(broker.submit(from: PeerID(Array("Pother".utf8)), producer: PeerID(Array("Pother".utf8)), id: docID(1), metadata: DocumentMetadata(), body: body, now: 4).replies == [.duplicate(docID(1))])
        #expect(broker.submit(from: replaced, id: docID(1), metadata: DocumentMetadata(), body: body, now: 4).replies == [.duplicate(docID(1))])
        #expect(broker.status.accepted == 1 && broker.status.duplicates == 2)
    }

    @Test("one run's copies over two connections in the same batch: ACCEPTED on each, counted once; another run's copy is a DUPLICATE")
    func namedProducerWhileStaged() {
        var broker = makeBroker()
        let run = PeerID(Array("Prun".utf8))
        let replaced = PeerID([0, 9])
        let body = Array("doc-1 Họp".utf8)
        let first = broker.submit(from: replaced, producer: run, id: docID(1), metadata: DocumentMetadata(), body: body, now: 0)
        #expect(first.journaled.count == 1)
        #expect(broker.submit(from: run, producer: run, id: docID(1), metadata: DocumentMetadata(), body: body, now: 1).isEmpty)
        #expect(broker.submit(from: PeerID([7]), id: docID(1), metadata: DocumentMetadata(), body: body, now: 1).isEmpty)
        let replies = broker.journalCommitted(now: 2)
        #expect(replies.contains(.reply(replaced, .accepted(docID(1)))) && replies.contains(.reply(run, .accepted(docID(1)))))
        #expect(replies.contains(.reply(PeerID([7]), .duplicate(docID(1)))))
        #expect(broker.status.accepted == 1 && broker.status.duplicates == 1)
    }

    @Test("STATUS says the broker takes a producer's name in SUBMIT and answers DEADLETTERED?")
    func statusFeatures() {
        #expect(makeBroker().status.features == [BrokerStatus.Feature.producerNames, BrokerStatus.Feature.deadLetteredQuestion])
    }

    @Test("the producers of the newest acceptances are remembered, the oldest forgotten past the bound")
    func acceptancesBounded() {
        var broker = makeBroker(queueCapacity: 70_000)
        for number in 1...65_537 {
            _ = broker.submit(from: producer, id: docID(number), metadata: DocumentMetadata(), body: Array("doc-\(number) x".utf8), now: 0)
        }
        _ = broker.journalCommitted(now: 0)
        #expect(broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-1 x".utf8), now: 1).replies == [.duplicate(docID(1))])
        #expect(broker.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 x".utf8), now: 1).replies == [.accepted(docID(2))])
    }

    @Test("bad documents and metadata are REJECTED at the door", arguments: [
        (Array("   \n ".utf8), DocumentMetadata(), "empty"),
        ([0xEF, 0xBB, 0xBF], DocumentMetadata(), "empty"),
        ([0xEF, 0xBB, 0xBF] + Array("\r\n\t \n".utf8), DocumentMetadata(), "empty"),
        (Array("\u{200B}\n\u{2060}\u{00AD}\u{200D}".utf8), DocumentMetadata(), "empty"),
        ([0, 0, 0, 0x0A], DocumentMetadata(), "empty"),
        ([0xFF, 0xFE, 0x41], DocumentMetadata(), "UTF-8"),
        // Long enough to be checked sixteen bytes at a time: a surrogate, an overlong form and a cut sequence amid Vietnamese.
        (Array("Sáng 12/3, UBND tỉnh Đồng Tháp họp ".utf8) + [0xED, 0xA0, 0x80] + Array(" trực tuyến với các xã.".utf8), DocumentMetadata(), "UTF-8"),
        (Array("Chiều 5/6, Ban Thường vụ Tỉnh ủy Cà Mau ".utf8) + [0xE0, 0x80, 0xAF] + Array(" làm việc với đoàn công tác.".utf8), DocumentMetadata(), "UTF-8"),
        (Array("Hội nghị trực tuyến toàn quốc về chuyển đổi số ".utf8) + [0xE1, 0xBB], DocumentMetadata(), "UTF-8"),
        (Array(repeating: UInt8(ascii: "a"), count: 1001), DocumentMetadata(), "over the limit"),
        (Array("Họp".utf8), DocumentMetadata(published: "2024-9223372036854775807-01"), "not a date"),
        (Array("Họp".utf8), DocumentMetadata(published: "2024-02-30"), "not a date"),
        (Array("Họp".utf8), DocumentMetadata(source: String(repeating: "/", count: 5000)), "source is"),
        (Array("Họp".utf8), DocumentMetadata(source: "a\u{0}b"), "control"),
    ])
    func rejected(body: [UInt8], metadata: DocumentMetadata, reason: String) {
        var broker = makeBroker()
        let actions = broker.submit(from: producer, id: docID(1), metadata: metadata, body: body, now: 0)
        guard case .rejected(_, let why)? = actions.replies.first else {
            Issue.record("expected REJECTED, got \(actions)")
            return
        }
        #expect(why.contains(reason))
        #expect(actions.journaled.isEmpty)
        #expect(broker.status.rejected == 1)
    }

    @Test("a full queue answers BUSY")
    func fullQueue() {
        var broker = makeBroker(queueCapacity: 2)
        broker.accept(1, now: 0)
        broker.accept(2, now: 0)
        #expect(broker.submit(from: producer, id: docID(3), metadata: DocumentMetadata(), body: Array("doc-3 x".utf8), now: 0).replies == [.busy(docID(3))])
    }

    @Test("a queue full by its bytes answers BUSY though it has room by count; ACCEPTED again once a job leaves it")
    func fullQueueByBytes() {
        var broker = makeBroker(queueCapacity: 100, queueBytes: 40)
        let body = { (number: Int) in Array("doc-\(number) \(String(repeating: "x", count: 12))".utf8) }
        for number in 1...2 { _ = broker.submit(from: producer, id: docID(number), metadata: DocumentMetadata(), body: body(number), now: 0) }
        _ = broker.journalCommitted(now: 0)
        #expect(broker.status.queued == 2)
        #expect(broker.submit(from: producer, id: docID(3), metadata: DocumentMetadata(), body: body(3), now: 0).replies == [.busy(docID(3))])
        _ = broker.received(.ready(credit: 1), from: workerA, now: 1)
        #expect(broker.submit(from: producer, id: docID(3), metadata: DocumentMetadata(), body: body(3), now: 1).journaled.count == 1)
    }

    @Test("an id derived from the text when the producer gives none")
    func derivedID() {
        var broker = makeBroker()
        _ = broker.submit(from: producer, id: nil, metadata: DocumentMetadata(), body: Array("abcd efg".utf8), now: 0)
        #expect(broker.journalCommitted(now: 0).replies == [.accepted(DocumentID("abcd")!)])
    }

    @Test("a producer's id that is not the text's own is REJECTED, so nobody claims an article's id first")
    func forgedID() {
        var broker = makeBroker()
        let actions = broker.submit(from: producer, id: docID(1), metadata: DocumentMetadata(), body: Array("doc-2 {}".utf8), now: 0)
        guard case .rejected(_, let reason)? = actions.replies.first else {
            Issue.record("expected REJECTED, got \(actions)")
            return
        }
        #expect(reason.contains("not the text's own"))
        #expect(broker.submit(from: producer, id: docID(2), metadata: DocumentMetadata(), body: Array("doc-2 {}".utf8), now: 0).journaled.count == 1)
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * scale).rounded() / scale
    }
}
