import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

@Suite("Waiting for documents to be applied")
struct AppliedWaitTests {
    @Test("asks after the oldest hundred in order; what is still missing is asked after again, topped up with the next")
    func oldestFirst() {
        var rules = AppliedWait(PackedDocumentIDs((1...250).map(docID)))
        #expect(rules.question() == (1...100).map(docID))
        #expect(rules.answered((1...90).map(docID)) > 0, "ten of the hundred are missing: pause before asking again")
        #expect(rules.question() == (91...190).map(docID))
        #expect(rules.missing == 160 && rules.applied == 90 && rules.total == 250)
        #expect(rules.answered((91...190).map(docID)) == 0, "all asked after were applied: ask again at once")
        #expect(rules.question() == (191...250).map(docID))
        #expect(rules.answered((191...250).map(docID)) == 0)
        #expect(rules.missing == 0 && rules.question().isEmpty)
    }

    @Test("copies of a text's id are asked after once, and applied together: no pause when the answer names each once")
    func copies() {
        let ids = (0..<1_000).map { docID($0 % 3) }
        var rules = AppliedWait(PackedDocumentIDs(ids))
        var questions = 0
        while rules.missing > 0 {
            let question = rules.question()
            #expect(Set(question).count == question.count, "each id once in a question")
            #expect(question.count <= 3)
            #expect(rules.answered(question) == 0, "every id asked after is applied")
            questions += 1
        }
        #expect(questions == 10, "a hundred of the 1,000 ids a question")
        #expect(rules.applied == 1_000)
    }

    @Test("the pause starts short, doubles up to its longest while nothing is applied, and is short again once something is")
    func pause() {
        var rules = AppliedWait(PackedDocumentIDs((1...10).map(docID)))
        _ = rules.question()
        var pauses: [Double] = []
        for _ in 0..<6 { pauses.append(rules.answered([])) }
        #expect(pauses == [0.04, 0.08, 0.16, 0.2, 0.2, 0.2])
        #expect(rules.answered([docID(1)]) == AppliedWait.shortestPause)
        #expect(rules.missing == 9)
    }

    @Test("ids the aggregator names that were not asked after change nothing; a question fits the protocol's limit")
    func strayAnswer() {
        var rules = AppliedWait(PackedDocumentIDs([docID(1), docID(2)]))
        _ = rules.question()
        #expect(rules.answered([docID(7), docID(8)]) > 0)
        #expect(rules.missing == 2)
        #expect(AppliedWait.batch <= WireLimits.standard.maxIDsPerMessage)
    }

    @Test("the broker is asked which of the oldest missing it gave up on every 2 s at most; those are no longer waited for, each copy counted")
    func deadLettered() {
        var rules = AppliedWait(PackedDocumentIDs([docID(1), docID(2), docID(2), docID(3)]))
        var asks: [Bool] = []
        asks.append(rules.asksBroker(now: 10, start: 10))
        #expect(rules.question() == [docID(1), docID(2), docID(3)])
        for now in [11, 12, 13.9, 14] { asks.append(rules.asksBroker(now: now, start: 10)) }
        // Nothing asked after yet; then not before 2 s have passed since the wait began, nor since the last time.
        #expect(asks == [false, false, true, false, true])
        _ = rules.answered([docID(1)])
        rules.brokerGaveUp(on: [docID(2), docID(9)])
        #expect(rules.deadLettered == 2 && rules.missing == 1 && rules.applied == 1 && rules.total == 4)
        #expect(rules.question() == [docID(3)])
        rules.brokerGaveUp(on: [docID(3)])
        let asksAfterAll = rules.asksBroker(now: 20, start: 10)
        #expect(rules.missing == 0 && !asksAfterAll, "nothing left to ask about")
    }
}
