import Foundation
import IngestProtocol
@testable import IngestServices
import MeetingModel
import Testing
import TestSupport
import ZeroMQ

/// A worker's whole credit of records, unanswered at once, gets every STORED back: the aggregator's queue of replies
/// per peer follows `limits.worker_credit`, so none is dropped and left to a resend seconds later. A peer with more
/// unanswered than that loses some, the aggregator says so, and sending them again gets their STORED.
@Suite("Reply queue")
struct ReplyQueueTests {
    /// An aggregator alone, with `settings`, and a DEALER acting as a worker (no CURVE: worker name "").
    struct FakeWorker {
        let cluster: ClusterHarness
        let key: ClusterKey
        let context: ZeroMQContext
        let socket: Socket
        let body: [UInt8]

        init(settings: String) throws {
            cluster = try ClusterHarness(settings: settings)
            do {
                try cluster.start("aggregator", ["aggregator"])
                let deadline = Date().addingTimeInterval(10)
                while try cluster.ask(cluster.aggregator, AggregatorRequest.status.frames) == nil {
                    guard Date() < deadline else { throw HarnessError("the aggregator did not answer within 10 s") }
                }
                let articles = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.sorted()
                guard let article = articles.first else { throw HarnessError("no article") }
                let text = Array(try Data(contentsOf: URL(fileURLWithPath: ClusterTests.articles + "/" + article)))
                body = try ProjectExtractor.shared.extract(bytes: text).binaryEncoded()
                key = try ClusterKey.loadOrCreate(dataDirectory: cluster.dataDirectory)
                context = try ZeroMQContext()
                socket = try Socket(context: context, type: .dealer)
                try socket.setLinger(milliseconds: 0)
                try socket.connect(cluster.aggregator)
            } catch {
                cluster.tearDown()
                throw error
            }
        }

        static func id(_ index: Int) -> DocumentID? { DocumentID(String(format: "%064x", index + 1)) }

        func send(_ ids: [DocumentID]) throws {
            for id in ids {
                let request = AggregatorRequest.result(id, record: body, ticket: key.ticket(for: id, worker: "", now: ClusterKey.unixNow()),
                                                       metadata: DocumentMetadata(source: "reply-queue/\(id.rawValue.suffix(6)).txt"))
                #expect(try socket.send(request.frames))
            }
        }

        /// The ids STORED within `seconds`, stopping early once `expected` have come.
        func stored(expected: Int, within seconds: Double) throws -> Set<DocumentID> {
            try storedMessages(expected: expected, within: seconds, on: socket).ids
        }

        /// The ids STORED on `socket` within `seconds` (stopping early once `expected` have come), the STORED
        /// messages that brought them, and whether any of them had several.
        func storedMessages(expected: Int, within seconds: Double, on socket: Socket) throws -> (ids: Set<DocumentID>, messages: Int, batches: Int) {
            var stored = Set<DocumentID>()
            var messages = 0, batches = 0
            var waiter = Poller()
            _ = waiter.register(socket)
            let deadline = Date().addingTimeInterval(seconds)
            while stored.count < expected, Date() < deadline {
                guard let frames = try socket.receive(dontWait: true) else {
                    _ = try waiter.poll(timeoutMilliseconds: 50)
                    continue
                }
                switch try AggregatorReply(frames: frames) {
                case .stored(let id, let receipt):
                    messages += 1
                    #expect(key.isValidReceipt(receipt, for: id), "a receipt that checks")
                    stored.insert(id)
                case .storedBatch(let documents):
                    messages += 1
                    batches += 1
                    for document in documents {
                        #expect(key.isValidReceipt(document.receipt, for: document.id), "a receipt that checks")
                        stored.insert(document.id)
                    }
                default:
                    continue
                }
            }
            return (stored, messages, batches)
        }

        var log: String { (try? String(contentsOfFile: cluster.dataDirectory + "/aggregator.log", encoding: .utf8)) ?? "" }
    }

    @Test("a worker that said HELLO gets a commit's STORED in one message; a peer that did not (a first-version worker) gets one STORED per record")
    func storedInBatchesAfterHello() throws {
        let worker = try FakeWorker(settings: "[limits]\nworker_credit = 512")
        defer { worker.cluster.tearDown() }
        try worker.socket.send(AggregatorRequest.hello(features: ["something-else", AggregatorRequest.Feature.storedBatches]).frames)
        try worker.socket.setReceiveTimeout(milliseconds: 5_000)
        let hello = try #require(try worker.socket.receive())
        #expect(try AggregatorReply(frames: hello) == .hello(features: [AggregatorRequest.Feature.storedBatches]), "only the features it knows")
        let batched = try (0..<400).map { try #require(FakeWorker.id($0)) }
        try worker.send(batched)
        let answered = try worker.storedMessages(expected: batched.count, within: 10, on: worker.socket)
        #expect(answered.ids == Set(batched))
        #expect(answered.batches > 0 && answered.messages < batched.count / 2, "\(answered.messages) messages, \(answered.batches) batches for \(batched.count) records")

        let older = try Socket(context: worker.context, type: .dealer)
        try older.setLinger(milliseconds: 0)
        try older.connect(worker.cluster.aggregator)
        let single = try (400..<600).map { try #require(FakeWorker.id($0)) }
        for id in single {
            let request = AggregatorRequest.result(id, record: worker.body, ticket: worker.key.ticket(for: id, worker: "", now: ClusterKey.unixNow()),
                                                   metadata: DocumentMetadata(source: "older/\(id.rawValue.suffix(6)).txt"))
            #expect(try older.send(request.frames))
        }
        let one = try worker.storedMessages(expected: single.count, within: 10, on: older)
        #expect(one.ids == Set(single))
        #expect(one.batches == 0 && one.messages == single.count, "\(one.messages) messages, \(one.batches) batches")
    }

    @Test("a worker with 512 records unanswered (worker_credit = 512) gets all 512 STORED without sending any again")
    func wholeCreditAnswered() throws {
        let credit = 512
        let worker = try FakeWorker(settings: "[limits]\nworker_credit = \(credit)")
        defer { worker.cluster.tearDown() }
        let sent = try (0..<credit).map { try #require(FakeWorker.id($0)) }
        try worker.send(sent)
        // A dropped STORED never comes to a peer that does not resend: waiting longer cannot hide one.
        let stored = try worker.stored(expected: credit, within: 10)
        #expect(stored.count == credit, "\(credit - stored.count) of \(credit) records got no STORED")
        #expect(stored.isSubset(of: Set(sent)))
        #expect(!worker.log.contains("dropped a reply"), "\(worker.log)")
    }

    @Test("a peer with 2,048 unanswered against the default credit of 128 loses some STORED, the log says so, and sending those again gets them")
    func beyondCreditResent() throws {
        let worker = try FakeWorker(settings: "[limits]\nworker_credit = 128")
        defer { worker.cluster.tearDown() }
        let sent = try (0..<2_048).map { try #require(FakeWorker.id($0)) }
        try worker.send(sent)
        let first = try worker.stored(expected: sent.count, within: 5)
        let missing = sent.filter { !first.contains($0) }
        #expect(!missing.isEmpty, "2,048 replies fit a queue of 256: this test no longer overflows it")
        #expect(worker.log.contains("dropped a reply: the peer's queue is full"), "\(worker.log)")
        // Sent again as a worker resends, a credit's worth at a time: each answered STORED (from the store, or with
        // its batch), until none is missing.
        var unanswered = missing
        let deadline = Date().addingTimeInterval(60)
        while !unanswered.isEmpty, Date() < deadline {
            let chunk = Array(unanswered.prefix(128))
            try worker.send(chunk)
            let answered = try worker.stored(expected: chunk.count, within: 5)
            unanswered.removeAll { answered.contains($0) }
        }
        #expect(unanswered.isEmpty, "\(unanswered.count) of \(missing.count) resent records got no STORED")
        #expect(worker.cluster.eventually(timeout: 20) { (try? worker.cluster.aggregatorStatus())??.documentsApplied == sent.count },
                "each document applied once: \(String(describing: try? worker.cluster.aggregatorStatus()))")
    }

    @Test("records a worker stored that JSON cannot say as they are (a figure NaN or infinite, a first-version record pretty-printed over many lines) are still one JSON value per line in records --format jsonl and show --format json")
    func oddRecordsExportAsJSON() throws {
        let worker = try FakeWorker(settings: "")
        defer { worker.cluster.tearDown() }
        let article = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.sorted()[0]
        var record = try ProjectExtractor.shared.extract(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: ClusterTests.articles + "/" + article))))
        record.figures = [.init(text: "không xác định", value: .nan, unit: nil), .init(text: "vô cùng", value: -.infinity, unit: "ha"),
                          .init(text: "1.234.567.890.123.456 ha", value: 1_234_567_890_123_456, unit: "ha")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var plain = record
        plain.figures = []
        let bodies = [record.binaryEncoded(), Array(try encoder.encode(plain))]
        #expect(bodies[1].filter { $0 == UInt8(ascii: "\n") }.count > 5, "the first-version body spans lines")
        let ids = (0..<2).compactMap(FakeWorker.id)
        for (id, body) in zip(ids, bodies) {
            #expect(try worker.socket.send(AggregatorRequest.result(id, record: body, ticket: worker.key.ticket(for: id, worker: "", now: ClusterKey.unixNow()),
                                                                    metadata: DocumentMetadata(source: "odd.txt")).frames))
        }
        #expect(try worker.stored(expected: 2, within: 10).count == 2)

        let listed = try worker.cluster.run(["records", "--format", "jsonl"])
        let lines = listed.output.split(separator: "\n")
        #expect(lines.count == 2, "\(listed.output.prefix(600))")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 2, "every line is JSON: \(listed.output.prefix(600))")
        let figures = objects.compactMap { ($0["record"] as? [String: Any])?["figures"] as? [[String: Any]] }.first { !$0.isEmpty } ?? []
        #expect(figures.count == 3 && figures[0]["value"] is NSNull && figures[1]["value"] is NSNull, "\(figures)")
        #expect(listed.output.contains("\"value\":1234567890123456}"), "a whole number as an integer, as JSONEncoder writes it")
        let firstVersion = objects.first { ($0["record"] as? [String: Any])?["figures"] as? [Any] == nil || (($0["record"] as? [String: Any])?["figures"] as? [Any])?.isEmpty == true }
        #expect((firstVersion?["record"] as? [String: Any])?["title"] as? String == plain.title, "the first-version record with its members")
        for id in ids {
            let shown = try worker.cluster.run(["show", id.rawValue, "--format", "json"])
            #expect((try? JSONSerialization.jsonObject(with: Data(shown.output.utf8))) is [String: Any], "\(shown.output.prefix(300))")
        }
    }
}
