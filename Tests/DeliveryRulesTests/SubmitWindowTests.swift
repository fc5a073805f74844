import DeliveryRules
import IngestProtocol
import Testing

@Suite("Producer window")
struct SubmitWindowTests {
    @Test("at most `window` unanswered; each answer lets the next one go")
    func window() {
        var rules = SubmitWindow(ids: (1...5).map(docID), settings: .init(window: 2, timeout: 3, tries: 3))
        #expect(rules.tick(now: 0) == [.send(index: 0), .send(index: 1)])
        rules.received(.accepted(docID(1)), now: 0.1)
        #expect(rules.tick(now: 0.1) == [.send(index: 2)])
        #expect(rules.answeredCount == 1)
    }

    @Test("no answer in time: the same id again over a fresh socket, then given up after its tries")
    func timeout() {
        var rules = SubmitWindow(ids: [docID(1)], settings: .init(window: 4, timeout: 1, tries: 2))
        #expect(rules.tick(now: 0) == [.send(index: 0)])
        #expect(rules.tick(now: 1.5) == [.reconnect, .send(index: 0)])
        _ = rules.tick(now: 3)
        #expect(rules.isFinished)
        #expect(rules.answers == [.unacknowledged])
    }

    @Test("answers that did not come are sent again in the run's order")
    func resendInOrder() {
        var rules = SubmitWindow(ids: (1...8).map(docID), settings: .init(window: 8, timeout: 1, tries: 3))
        #expect(rules.tick(now: 0) == (0..<8).map { .send(index: $0) })
        #expect(rules.tick(now: 1.5) == [.reconnect] + (0..<8).map { .send(index: $0) })
    }

    @Test("BUSY is no failed try: it backs off and sends again, however often")
    func busy() {
        var rules = SubmitWindow(ids: [docID(1)], settings: .init(window: 4, timeout: 10, tries: 1, busyBackoff: (initial: 0.5, maximum: 2)))
        var now = 0.0
        var sends = 0
        for _ in 0..<5 {
            sends += rules.tick(now: now).count
            rules.received(.busy(docID(1)), now: now)
            #expect(rules.tick(now: now).isEmpty, "not before the backoff")
            now += 2.1
        }
        sends += rules.tick(now: now).count
        rules.received(.accepted(docID(1)), now: now)
        #expect(sends == 6)
        #expect(rules.answers == [.accepted])
    }

    @Test("an ERROR naming no document (a key without the role) ends the run: nothing more is sent, nothing resent")
    func refused() {
        var rules = SubmitWindow(ids: (1...5).map(docID), settings: .init(window: 2, timeout: 1, tries: 3))
        #expect(rules.tick(now: 0) == [.send(index: 0), .send(index: 1)])
        rules.received(.accepted(docID(1)), now: 0.1)
        rules.received(.error(reason: "this key's role may not send that"), now: 0.1)
        #expect(rules.refusal == "this key's role may not send that")
        #expect(rules.isFinished)
        #expect(rules.answers == [.accepted, nil, nil, nil, nil], "what was answered stays answered")
        rules.received(.error(reason: "later"), now: 0.2)
        #expect(rules.refusal == "this key's role may not send that", "the first reason is kept")
    }

    @Test("rejections and duplicates are answers; the same id twice in one run is sent once and its copy answered with it")
    func answers() {
        var rules = SubmitWindow(ids: [docID(1), docID(2), docID(1), docID(3), docID(3)], settings: .init())
        #expect(rules.tick(now: 0) == [.send(index: 0), .send(index: 1), .send(index: 3)])
        #expect(rules.answers[2] == nil, "the copy waits for the first's answer")
        rules.received(.rejected(docID(1), reason: "document is empty"), now: 0)
        rules.received(.duplicate(docID(2)), now: 0)
        #expect(!rules.isFinished)
        rules.received(.accepted(docID(3)), now: 0)
        // Two empty files are both rejected, not one rejected and one a duplicate; the second copy of a taken text is a duplicate.
        #expect(rules.answers == [.rejected("document is empty"), .duplicate, .rejected("document is empty"), .accepted, .duplicate])
        #expect(rules.isFinished)
    }

    @Test("the copy of a document never acknowledged is unacknowledged too")
    func copyOfUnacknowledged() {
        var rules = SubmitWindow(ids: [docID(1), docID(1)], settings: .init(tries: 1))
        _ = rules.tick(now: 0)
        _ = rules.tick(now: 100)
        #expect(rules.answers == [.unacknowledged, .unacknowledged] && rules.isFinished)
    }
}
