import Foundation
import IngestProtocol
import IngestServices
import MeetingModel
import Testing
import TestSupport
import ZeroMQ

/// A worker's whole credit of records, unanswered at once, gets every STORED back: the aggregator's queue of replies
/// per peer follows `limits.worker_credit`, so none is dropped and left to a resend seconds later.
@Suite("Reply queue")
struct ReplyQueueTests {
    @Test("a worker with 512 records unanswered (worker_credit = 512) gets 512 STORED within 2.5 s, before any resend")
    func wholeCreditAnswered() throws {
        let credit = 512
        let cluster = try ClusterHarness(settings: "[limits]\nworker_credit = \(credit)")
        defer { cluster.tearDown() }
        try cluster.start("aggregator", ["aggregator"])
        let deadline = Date().addingTimeInterval(10)
        while try cluster.ask(cluster.aggregator, AggregatorRequest.status.frames) == nil {
            guard Date() < deadline else { throw HarnessError("the aggregator did not answer within 10 s") }
        }

        let article = try #require(try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.sorted().first)
        let record = try ProjectExtractor.shared.extract(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: ClusterTests.articles + "/" + article))))
        let body = record.binaryEncoded()
        let key = try ClusterKey.loadOrCreate(dataDirectory: cluster.dataDirectory)
        let context = try ZeroMQContext()
        let worker = try Socket(context: context, type: .dealer)
        try worker.setLinger(milliseconds: 0)
        try worker.connect(cluster.aggregator)
        var sent = Set<DocumentID>()
        for index in 0..<credit {
            let id = try #require(DocumentID(String(format: "%064x", index + 1)))
            sent.insert(id)
            let request = AggregatorRequest.result(id, record: body, ticket: key.ticket(for: id, worker: "", now: ClusterKey.unixNow()),
                                                   metadata: DocumentMetadata(source: "reply-queue/\(index).txt"))
            #expect(try worker.send(request.frames))
        }

        var stored = Set<DocumentID>()
        var waiter = Poller()
        _ = waiter.register(worker)
        let answered = Date().addingTimeInterval(2.5)
        while stored.count < credit, Date() < answered {
            guard let frames = try worker.receive(dontWait: true) else {
                _ = try waiter.poll(timeoutMilliseconds: 50)
                continue
            }
            if case .stored(let id, _) = try AggregatorReply(frames: frames) { stored.insert(id) }
        }
        #expect(stored.count == credit, "\(credit - stored.count) of \(credit) records got no STORED")
        #expect(stored.isSubset(of: sent))
    }
}
