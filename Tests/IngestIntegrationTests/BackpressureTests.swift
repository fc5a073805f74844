import Foundation
import IngestProtocol
import Testing

/// A full queue answers BUSY, the producer backs off, and nothing is dropped.
@Suite("Backpressure", .serialized)
struct BackpressureTests {
    /// A broker and an aggregator with `limits` and a producer that retries for two minutes, and no worker yet.
    static func clusterWithoutWorkers(limits: String) throws -> ClusterHarness {
        let cluster = try ClusterHarness(settings: """
            [limits]
            \(limits)
            [producer]
            timeout_seconds = 2
            retries = 60
            """)
        do {
            try cluster.start("aggregator", ["aggregator"])
            try cluster.start("broker", ["broker"])
            try cluster.waitUntilAnswering()
        } catch {
            cluster.tearDown()
            throw error
        }
        return cluster
    }

    @Test("with room for two documents and no worker, the rest are answered BUSY until a worker drains the queue")
    func busyThenDrained() throws {
        let cluster = try Self.clusterWithoutWorkers(limits: "queue_capacity = 2")
        defer { cluster.tearDown() }

        let submitter = try cluster.runInBackground(["submit", "--wait", ClusterTests.articles])

        // Only two fit while no worker runs: wait until they are in, then see that no more get in.
        var status: BrokerStatus?
        let filled = Date().addingTimeInterval(20)
        while Date() < filled {
            if let reply = try cluster.ask(cluster.frontend, ProducerRequest.status.frames), case .status(let current)? = try? BrokerReply(frames: reply) {
                status = current
                if current.accepted >= 2 { break }
            }
            usleep(100_000)
        }
        usleep(1_000_000)
        if let reply = try cluster.ask(cluster.frontend, ProducerRequest.status.frames), case .status(let current)? = try? BrokerReply(frames: reply) {
            status = current
        }
        #expect(status?.queued == 2)
        #expect(status?.accepted == 2)
        #expect(submitter.isRunning, "the producer keeps retrying rather than giving up")

        try cluster.start("worker-1", ["worker"])
        let (exitStatus, summary, _) = submitter.finish(timeout: 60)
        #expect(exitStatus == 0, "\(summary)")
        let articleCount = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.count
        #expect(summary.contains("accepted \(articleCount) duplicate 0 rejected 0"))
    }

    @Test("with room for 400 bytes of text and no worker, the queue holds what fits and the rest wait on BUSY until a worker drains it")
    func busyByBytes() throws {
        let cluster = try Self.clusterWithoutWorkers(limits: "queue_bytes = 400")
        defer { cluster.tearDown() }
        let folder = try FaultTests.reports(cluster, count: 12)
        let sizes = try (0..<12).map { try Data(contentsOf: URL(fileURLWithPath: folder + "/report-\($0).txt")).count }
        #expect(sizes.allSatisfy { (101...200).contains($0) }, "two or three reports fit in 400 bytes: \(sizes)")

        let submitter = try cluster.runInBackground(["submit", "--wait", folder])
        #expect(cluster.eventually(timeout: 20) { ((try? cluster.brokerStatus())??.accepted ?? 0) >= 2 })
        usleep(1_500_000)
        let status = try cluster.brokerStatus()
        #expect((2...3).contains(status?.queued ?? 0) && status?.accepted == status?.queued, "\(String(describing: status))")
        #expect(submitter.isRunning, "the producer keeps retrying rather than giving up")

        try cluster.start("worker-1", ["worker"])
        let (exitStatus, summary, _) = submitter.finish(timeout: 60)
        #expect(exitStatus == 0, "\(summary)")
        #expect(summary.contains("accepted 12 duplicate 0 rejected 0"), "\(summary)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 12)
    }
}
