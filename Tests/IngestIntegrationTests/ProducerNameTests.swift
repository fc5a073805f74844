import Foundation
import IngestProtocol
import IngestServices
import MeetingModel
import Synchronization
import Testing
import ZeroMQ

/// A SUBMIT names the producer's run, so that a resend is known as the run's own whichever connection its first copy
/// came over; and `submit` names itself only to a broker that says it takes it, and asks DEADLETTERED? only of one that
/// says it answers it.
@Suite("Producer names", .serialized)
struct ProducerNameTests {
    static let text = "Sáng 9/10/2024, UBND tỉnh Cà Mau họp bàn kế hoạch phòng chống hạn mặn cho các xã ven biển."

    /// SUBMIT of `text` over a fresh connection with `routingID` (none: libzmq names it, with a leading zero byte, as
    /// it names a connection that another took over), naming `producer`; the reply.
    static func submit(_ cluster: ClusterHarness, routingID: [UInt8]?, producer: [UInt8]?) throws -> BrokerReply? {
        let context = try ZeroMQContext()
        let socket = try Socket(context: context, type: .dealer)
        defer { socket.close() }
        try socket.setLinger(milliseconds: 0)
        if let routingID { try socket.setRoutingID(routingID) }
        try socket.connect(cluster.frontend)
        try socket.send(ProducerRequest.submit(id: nil, metadata: DocumentMetadata(), body: Array(text.utf8), producer: producer).frames)
        try socket.setReceiveTimeout(milliseconds: 10_000)
        return try socket.receive().flatMap { try? BrokerReply(frames: $0) }
    }

    @Test("a copy the broker took over a connection libzmq named (one since replaced) counts for the run its SUBMIT names: that run's resend hears ACCEPTED, before and after the broker is killed and restarted; another run, the made-up name and `ingest submit` hear DUPLICATE")
    func resendOverNewConnection() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let run = Array("Prun-of-test".utf8)
        guard case .accepted(let id)? = try Self.submit(cluster, routingID: nil, producer: run) else {
            Issue.record("the first copy was not accepted")
            return
        }
        #expect(try Self.submit(cluster, routingID: run, producer: run) == .accepted(id))
        #expect(try Self.submit(cluster, routingID: Array("Pother".utf8), producer: Array("Pother".utf8)) == .duplicate(id))
        #expect(try Self.submit(cluster, routingID: nil, producer: nil) == .duplicate(id))
        // The run's acceptance is in the journal: a broker killed and started again still knows it.
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        try cluster.waitUntilAnswering()
        #expect(try Self.submit(cluster, routingID: run, producer: run) == .accepted(id))
        let file = cluster.dataDirectory + "/again.txt"
        try Data(Self.text.utf8).write(to: URL(fileURLWithPath: file))
        let again = try cluster.run(["submit", file])
        #expect(again.output.contains("submitted 1 accepted 0 duplicate 1"), "\(again.output)")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 1 })
        let status = try #require(try cluster.brokerStatus())
        #expect(status.accepted == 1 && status.features?.contains(BrokerStatus.Feature.producerNames) == true, "\(status)")
    }

    @Test("`submit` names itself (its routing id) in SUBMIT to a broker whose STATUS says it takes that, and not to one of an earlier release, which would answer such a SUBMIT ERROR",
          arguments: [false, true])
    func namesItselfOnlyWhenTaken(brokerTakesNames: Bool) throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let seen = Mutex<[(routingID: [UInt8], producer: [UInt8]?)]>([])
        let broker = try FailFastTests.FakeDaemon(endpoint: cluster.frontend, name: "broker") { frames, socket in
            guard let frames, frames.count > 1, let request = try? ProducerRequest(frames: Array(frames.dropFirst())) else { return }
            switch request {
            case .status:
                var status = BrokerStatus(liveWorkers: 1)
                if brokerTakesNames { status.features = ["later-feature", BrokerStatus.Feature.producerNames] }
                _ = try socket.send([frames[0]] + BrokerReply.status(status).frames)
            case .submit(let id, _, _, let producer):
                seen.withLock { $0.append((frames[0], producer)) }
                let reply: BrokerReply = producer != nil && !brokerTakesNames ? .error(reason: "SUBMIT expects 3 arguments, found 4")
                    : .accepted(id ?? DocumentID("x")!)
                _ = try socket.send([frames[0]] + reply.frames)
            case .retry, .deadLettered:
                return
            }
        }
        defer { broker.shutDown() }
        let folder = try FaultTests.reports(cluster, count: 3, name: "named")
        let submitted = try cluster.run(["submit", folder], timeout: 30)
        #expect(submitted.status == 0 && submitted.output.contains("submitted 3 accepted 3"), "\(submitted.output)")
        let submissions = seen.withLock { $0 }
        #expect(submissions.count == 3)
        for submission in submissions {
            #expect(submission.producer == (brokerTakesNames ? submission.routingID : nil), "\(submission)")
        }
        #expect(submissions.first.map { $0.routingID.first != 0 } ?? false, "submit chooses its routing id")
    }

    @Test("`submit --wait` asks DEADLETTERED? of a broker whose STATUS says it answers it, and stops waiting for what it names; never of one of an earlier release, which would answer ERROR, so the wait runs to its timeout",
          arguments: [false, true])
    func asksDeadLetteredOnlyWhenAnswered(brokerAnswers: Bool) throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let questions = Atomic<Int>(0)
        let broker = try FailFastTests.FakeDaemon(endpoint: cluster.frontend, name: "broker") { frames, socket in
            guard let frames, frames.count > 1, let request = try? ProducerRequest(frames: Array(frames.dropFirst())) else { return }
            switch request {
            case .status:
                var status = BrokerStatus(liveWorkers: 1)
                status.features = brokerAnswers ? [BrokerStatus.Feature.deadLetteredQuestion] : []
                _ = try socket.send([frames[0]] + BrokerReply.status(status).frames)
            case .submit(let id, _, let body, _):
                _ = try socket.send([frames[0]] + BrokerReply.accepted(id ?? DocumentIdentity.id(for: String(decoding: body, as: UTF8.self))).frames)
            case .deadLettered(let ids):
                questions.add(1, ordering: .relaxed)
                let reply: BrokerReply = brokerAnswers ? .deadLettered(ids) : .error(reason: "unknown command \"DEADLETTERED?\"")
                _ = try socket.send([frames[0]] + reply.frames)
            case .retry:
                return
            }
        }
        defer { broker.shutDown() }
        try cluster.start("aggregator", ["aggregator"])
        try cluster.waitUntilAnswering()
        let folder = try FaultTests.reports(cluster, count: 2, name: "given-up")
        let started = Date()
        let submitted = try cluster.runCapturingErrors(["submit", "--wait", "--wait-timeout", "8", folder], timeout: 60)
        let waited = Date().timeIntervalSince(started)
        #expect(submitted.status == 1, "\(submitted.output) \(submitted.errors)")
        if brokerAnswers {
            #expect(questions.load(ordering: .relaxed) >= 1)
            #expect(submitted.errors.contains("2 of the 2 documents accepted or answered DUPLICATE were dead-lettered by the broker"), "\(submitted.errors)")
            #expect(waited < 7, "the wait ends once the broker names them, not at its timeout: \(waited) s")
        } else {
            #expect(questions.load(ordering: .relaxed) == 0, "a broker of an earlier release was asked DEADLETTERED?")
            #expect(submitted.errors.contains("2 of the 2 documents accepted or answered DUPLICATE not applied within 8 s"), "\(submitted.errors)")
            #expect(!submitted.errors.contains("unknown command"), "\(submitted.errors)")
        }
    }
}
