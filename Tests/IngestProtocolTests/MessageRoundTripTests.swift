import MeetingModel
import TestSupport
import Testing
@testable import IngestProtocol

@Suite("Wire messages round-trip")
struct MessageRoundTripTests {
    static let id = DocumentID("doc-1")!
    static let ticket = Ticket(expiresAt: 1_900_000_000, code: [UInt8](repeating: 7, count: 32))
    static let vietnamese = "Tại điểm cầu Bình Phước, có đồng chí Nguyễn Văn A – Bí thư Tỉnh ủy"

    @Test(arguments: [
        ProducerRequest.submit(id: id, metadata: DocumentMetadata(published: "2024-01-18", source: "a.txt"), body: Array(vietnamese.utf8)),
        .submit(id: nil, metadata: DocumentMetadata(), body: []),
        .submit(id: id, metadata: DocumentMetadata(), body: Array("x".utf8), producer: [UInt8(ascii: "P"), 0, 255]),
        .status, .deadLettered([id, DocumentID("b")!]), .deadLettered([]),
    ])
    func producerRequests(request: ProducerRequest) throws {
        #expect(try ProducerRequest(frames: request.frames) == request)
    }

    @Test(arguments: [
        BrokerReply.accepted(id), .duplicate(id), .rejected(id, reason: "body is not valid UTF-8"), .rejected(nil, reason: "x"),
        .busy(id), .status(BrokerStatus(queued: 3, inFlight: 2, liveWorkers: 1, accepted: 9)), .error(reason: "no"),
        .deadLettered([id]), .deadLettered([]),
    ])
    func brokerReplies(reply: BrokerReply) throws {
        #expect(try BrokerReply(frames: reply.frames) == reply)
    }

    @Test(arguments: [
        WorkerMessage.ready(credit: 4), .heartbeat, .done(id, receipt: Receipt(code: [9, 9])), .failed(id, reason: "timeout"), .processed([id, DocumentID("x")!]), .disconnect,
        .hello(features: [WorkerMessage.Feature.doneBatches]), .doneBatch([StoredDocument(id, receipt: Receipt(code: [1])), StoredDocument(DocumentID("x")!, receipt: Receipt(code: [2]))]),
    ])
    func workerMessages(message: WorkerMessage) throws {
        #expect(try WorkerMessage(frames: message.frames) == message)
    }

    @Test(arguments: [
        BrokerToWorker.job(id: id, metadata: DocumentMetadata(published: nil, source: "x"), body: Array(vietnamese.utf8), ticket: ticket), .heartbeat, .reconnect,
        .hello(features: ["done-batches"]),
    ])
    func brokerToWorker(message: BrokerToWorker) throws {
        #expect(try BrokerToWorker(frames: message.frames) == message)
    }

    @Test(arguments: [
        AggregatorRequest.result(id, record: Array("{\"a\":\"Hòa\"}".utf8), ticket: ticket, metadata: DocumentMetadata(published: "2024-05-01", source: "a/b.txt")),
        .result(id, record: [], ticket: ticket, metadata: DocumentMetadata()), .query(province: "binh phuoc"), .query(province: nil),
        .applied([id, DocumentID("b")!]), .status, .hello(features: [AggregatorRequest.Feature.storedBatches]), .hello(features: []),
    ])
    func aggregatorRequests(request: AggregatorRequest) throws {
        #expect(try AggregatorRequest(frames: request.frames) == request)
    }

    @Test(arguments: [
        AggregatorReply.stored(id, receipt: Receipt(code: [1])), .state(Array("{}".utf8)), .applied([id]), .applied([]),
        .status(AggregatorStatus(documentsApplied: 1, provinces: 2, sequence: 3, lastSnapshot: nil, lastSnapshotAt: nil)),
        .error(reason: "bad"), .hello(features: ["stored-batches"]),
        .storedBatch([StoredDocument(id, receipt: Receipt(code: [1])), StoredDocument(DocumentID("b")!, receipt: Receipt(code: [2]))]),
    ])
    func aggregatorReplies(reply: AggregatorReply) throws {
        #expect(try AggregatorReply(frames: reply.frames) == reply)
    }

    @Test("STORED is pairs of id and receipt: one pair is the first version's STORED, an odd or empty list or a bad receipt is refused")
    func storedPairs() throws {
        let receipt = Receipt(code: [3]).bytes
        let stored = [Array(WireTag.current.utf8), Array("STORED".utf8)]
        #expect(try AggregatorReply(frames: stored + [Array("a".utf8), receipt]) == .stored(DocumentID("a")!, receipt: Receipt(code: [3])))
        #expect(try AggregatorReply(frames: stored + [Array("a".utf8), receipt, Array("b".utf8), receipt])
                == .storedBatch([StoredDocument(DocumentID("a")!, receipt: Receipt(code: [3])), StoredDocument(DocumentID("b")!, receipt: Receipt(code: [3]))]))
        #expect(throws: ProtocolError.self) { try AggregatorReply(frames: stored) }
        #expect(throws: ProtocolError.self) { try AggregatorReply(frames: stored + [Array("a".utf8), receipt, Array("b".utf8)]) }
        #expect(throws: ProtocolError.self) { try AggregatorReply(frames: stored + [Array("a".utf8), receipt, Array("b".utf8), [1, 2]]) }
        #expect(throws: ProtocolError.self) { try AggregatorReply(frames: stored + [Array("a b".utf8), receipt]) }
        let many = (0..<3).flatMap { [Array("d\($0)".utf8), receipt] }
        #expect(throws: ProtocolError.self) { try AggregatorReply(frames: stored + many, limits: WireLimits(maxIDsPerMessage: 2)) }
    }

    @Test("DONE is pairs of id and receipt, at most 1,024: one pair is the first version's DONE")
    func donePairs() throws {
        let receipt = Receipt(code: [3]).bytes
        let done = [Array(WireTag.current.utf8), Array("DONE".utf8)]
        #expect(try WorkerMessage(frames: done + [Array("a".utf8), receipt]) == .done(DocumentID("a")!, receipt: Receipt(code: [3])))
        let most = (0..<1_024).flatMap { [Array("d\($0)".utf8), receipt] }
        guard case .doneBatch(let documents) = try WorkerMessage(frames: done + most) else { Issue.record("not a batch"); return }
        #expect(documents.count == 1_024)
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: done + most + [Array("e".utf8), receipt]) }
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: done + [Array("a".utf8), receipt, Array("b".utf8)]) }
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: done) }
    }

    @Test("SUBMIT names its producer in a fourth frame or not at all: 1 to 255 bytes, not starting with a zero byte")
    func submitProducer() throws {
        let submit = ProducerRequest.submit(id: nil, metadata: DocumentMetadata(), body: Array("x".utf8)).frames
        #expect(submit.count == 5, "the first version's SUBMIT: tag, command and three arguments")
        let named = ProducerRequest.submit(id: nil, metadata: DocumentMetadata(), body: Array("x".utf8), producer: Array(repeating: 7, count: 255))
        #expect(try ProducerRequest(frames: named.frames) == named)
        for producer: [UInt8] in [[], [0, 1, 2], Array(repeating: 7, count: 256)] {
            #expect(throws: ProtocolError.self, "\(producer.prefix(3))") { try ProducerRequest(frames: submit + [producer]) }
        }
        #expect(throws: ProtocolError.wrongFrameCount(command: "SUBMIT", expected: "3 or 4 argument", found: 5)) {
            try ProducerRequest(frames: submit + [[1], [2]])
        }
        #expect(BrokerReply.status(BrokerStatus()).frames.last.map { !String(decoding: $0, as: UTF8.self).contains("features") } ?? false,
                "a status without features leaves the key out, as an older broker's")
    }

    @Test("HELLO takes at most 16 features of at most 64 bytes of UTF-8")
    func helloLimits() {
        let hello = [Array(WireTag.current.utf8), Array("HELLO".utf8)]
        #expect(throws: ProtocolError.self) { try AggregatorRequest(frames: hello + Array(repeating: Array("x".utf8), count: 17)) }
        #expect(throws: ProtocolError.self) { try AggregatorRequest(frames: hello + [Array(repeating: UInt8(ascii: "x"), count: 65)]) }
        #expect(throws: ProtocolError.self) { try AggregatorRequest(frames: hello + [[0xC3]]) }
    }
}

@Suite("Malformed frames are typed errors, never traps")
struct MalformedFrameTests {
    let tag = Array(WireTag.current.utf8)

    @Test func emptyMessage() {
        #expect(throws: ProtocolError.emptyMessage) { try ProducerRequest(frames: []) }
    }

    @Test func wrongTag() {
        #expect(throws: ProtocolError.wrongTag(found: "RI0")) { try WorkerMessage(frames: [Array("RI0".utf8), Array("READY".utf8)]) }
    }

    @Test func tagOnly() {
        #expect(throws: ProtocolError.self) { try AggregatorRequest(frames: [tag]) }
    }

    @Test func unknownCommand() {
        #expect(throws: ProtocolError.unknownCommand("EXPLODE")) { try WorkerMessage(frames: [tag, Array("EXPLODE".utf8)]) }
    }

    @Test func commandNotUTF8() {
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: [tag, [0xFF, 0xFE]]) }
    }

    @Test func wrongFrameCount() {
        #expect(throws: ProtocolError.wrongFrameCount(command: "DONE", expected: "pairs of id and receipt, 1 to 1024", found: 0)) {
            try WorkerMessage(frames: [tag, Array("DONE".utf8)])
        }
        #expect(throws: ProtocolError.self) { try ProducerRequest(frames: [tag, Array("SUBMIT".utf8), []]) }
    }

    @Test(arguments: ["has space", "x/y", String(repeating: "a", count: 129), "Hòa"])
    func badIDs(id: String) {
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: [tag, Array("DONE".utf8), Array(id.utf8), [UInt8](repeating: 1, count: 32)]) }
        #expect(DocumentID(id) == nil)
    }

    @Test func shortTicket() {
        #expect(throws: ProtocolError.invalidTicket(bytes: 3)) {
            try AggregatorRequest(frames: [tag, Array("RESULT".utf8), Array("a".utf8), Array("{}".utf8), [1, 2, 3]])
        }
    }

    @Test("RESULT from a worker of the first version (no metadata) still decodes; bad or extra metadata frames do not")
    func resultMetadataFrame() throws {
        let head = [tag, Array("RESULT".utf8), Array("a".utf8), Array("{}".utf8), MessageRoundTripTests.ticket.bytes]
        #expect(try AggregatorRequest(frames: head) == .result(DocumentID("a")!, record: Array("{}".utf8), ticket: MessageRoundTripTests.ticket, metadata: DocumentMetadata()))
        #expect(throws: ProtocolError.self) { try AggregatorRequest(frames: head + [Array("{not json".utf8)]) }
        #expect(throws: ProtocolError.wrongFrameCount(command: "RESULT", expected: "3 or 4 argument", found: 5)) {
            try AggregatorRequest(frames: head + [[], []])
        }
    }

    @Test func emptyIDInDoneIsInvalid() {
        #expect(throws: ProtocolError.invalidDocumentID("")) { try WorkerMessage(frames: [tag, Array("DONE".utf8), [], [UInt8](repeating: 1, count: 32)]) }
    }

    @Test func invalidUTF8InTextFrames() throws {
        // A job's body is carried as the bytes the broker validated; the extractor decodes (and checks) it once.
        let job = try BrokerToWorker(frames: [tag, Array("JOB".utf8), Array("a".utf8), [], [0xC3, 0x28], [UInt8](repeating: 0, count: 40)])
        guard case .job(_, _, let body, _) = job else { Issue.record("not a job: \(job)"); return }
        #expect(body == [0xC3, 0x28])
        #expect(throws: ProtocolError.invalidUTF8(field: "record")) {
            try AggregatorRequest(frames: [tag, Array("RESULT".utf8), Array("a".utf8), [0xE2, 0x82], [UInt8](repeating: 0, count: 40)])
        }
    }

    @Test func oversizedBody() {
        let limits = WireLimits(maxDocumentBytes: 10, maxPayloadBytes: 10)
        #expect(throws: ProtocolError.oversized(field: "body", bytes: 11, limit: 10)) {
            try BrokerToWorker(frames: [tag, Array("JOB".utf8), Array("a".utf8), [], Array(repeating: 65, count: 11), [UInt8](repeating: 0, count: 40)], limits: limits)
        }
    }

    @Test func badMetadataJSON() {
        #expect(throws: ProtocolError.self) {
            try ProducerRequest(frames: [tag, Array("SUBMIT".utf8), [], Array("{not json".utf8), []])
        }
    }

    @Test(arguments: ["0", "-1", "abc", "99999999999999999999999"])
    func badCredit(credit: String) {
        #expect(throws: ProtocolError.self) { try WorkerMessage(frames: [tag, Array("READY".utf8), Array(credit.utf8)]) }
    }

    @Test("ten thousand random messages decode or throw, and none traps")
    func randomFrames() {
        var generator = SeededGenerator(seed: 42)
        let commands = ["SUBMIT", "STATUS", "READY", "DONE", "FAILED", "RESULT", "QUERY", "APPLIED?", "JOB", "STORED", "HELLO", "X"]
        for _ in 0..<10_000 {
            var frames: [[UInt8]] = []
            if generator.next() % 4 != 0 { frames.append(tag) }
            if generator.next() % 5 != 0 { frames.append(Array(commands[Int(generator.next() % UInt64(commands.count))].utf8)) }
            for _ in 0..<Int(generator.next() % 5) {
                frames.append((0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            }
            _ = try? ProducerRequest(frames: frames)
            _ = try? WorkerMessage(frames: frames)
            _ = try? BrokerToWorker(frames: frames)
            _ = try? AggregatorRequest(frames: frames)
            _ = try? AggregatorReply(frames: frames)
            _ = try? BrokerReply(frames: frames)
        }
    }
}
