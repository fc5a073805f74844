import Foundation
import IngestProtocol
import IngestServices
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
            var stored = Set<DocumentID>()
            var waiter = Poller()
            _ = waiter.register(socket)
            let deadline = Date().addingTimeInterval(seconds)
            while stored.count < expected, Date() < deadline {
                guard let frames = try socket.receive(dontWait: true) else {
                    _ = try waiter.poll(timeoutMilliseconds: 50)
                    continue
                }
                if case .stored(let id, _) = try AggregatorReply(frames: frames) { stored.insert(id) }
            }
            return stored
        }

        var log: String { (try? String(contentsOfFile: cluster.dataDirectory + "/aggregator.log", encoding: .utf8)) ?? "" }
    }

    @Test("a worker with 512 records unanswered (worker_credit = 512) gets 512 STORED within 2.5 s, before any resend")
    func wholeCreditAnswered() throws {
        let credit = 512
        let worker = try FakeWorker(settings: "[limits]\nworker_credit = \(credit)")
        defer { worker.cluster.tearDown() }
        let sent = try (0..<credit).map { try #require(FakeWorker.id($0)) }
        try worker.send(sent)
        let stored = try worker.stored(expected: credit, within: 2.5)
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
        // Stored already: each resend is answered STORED at once, from the store, as a worker's resend is.
        try worker.send(missing)
        let second = try worker.stored(expected: missing.count, within: 5)
        #expect(second == Set(missing), "\(missing.count - second.count) of \(missing.count) resent records got no STORED")
        let count = try worker.cluster.ask(worker.cluster.aggregator, AggregatorRequest.status.frames).flatMap { try? AggregatorReply(frames: $0) }
        guard case .status(let status)? = count else { Issue.record("no STATUS from the aggregator"); return }
        #expect(status.documentsApplied == sent.count, "each document applied once")
    }
}
