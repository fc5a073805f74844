import Foundation
import IngestProtocol
import ProvinceAggregation
import Testing
import ZeroMQ

/// Poison documents and damaged files: the cluster keeps going and loses nothing it can keep.
@Suite("Recovery", .serialized)
struct RecoveryTests {
    @Test("a document that times out its workers goes to the dead-letter folder and the queue moves on")
    func deadLetter() throws {
        let cluster = try ClusterHarness(settings: """
            [heartbeat]
            interval_seconds = 0.2
            liveness = 15
            job_timeout_seconds = 0.5
            max_attempts = 2
            """)
        defer { cluster.tearDown() }
        try cluster.start("aggregator", ["aggregator"])
        try cluster.start("broker", ["broker"])
        try cluster.waitUntilAnswering()

        // A worker that takes jobs and never finishes them, while it keeps heartbeating.
        let context = try ZeroMQContext()
        let stuck = try Socket(context: context, type: .dealer)
        try stuck.setLinger(milliseconds: 0)
        try stuck.connect(cluster.environment["INGEST_BACKEND"]!)
        try stuck.send(WorkerMessage.ready(credit: 1).frames)
        let folder = cluster.dataDirectory + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Sáng 3/4/2024, UBND tỉnh Cà Mau họp bàn về chuyển đổi số.".utf8).write(to: URL(fileURLWithPath: folder + "/poison.txt"))
        let submitted = try cluster.run(["submit", folder + "/poison.txt"])
        #expect(submitted.output.contains("accepted 1"))

        var jobsSeen = 0
        let deadline = Date().addingTimeInterval(15)
        var deadLettered = 0
        while Date() < deadline && deadLettered == 0 {
            try stuck.send(WorkerMessage.heartbeat.frames)
            try stuck.setReceiveTimeout(milliseconds: 100)
            while let frames = try stuck.receive(dontWait: true) {
                switch try? BrokerToWorker(frames: frames) {
                case .job?:
                    jobsSeen += 1
                    try stuck.send(WorkerMessage.ready(credit: 1).frames)
                case .reconnect?:
                    try stuck.send(WorkerMessage.ready(credit: 1).frames)
                default:
                    break
                }
            }
            if let reply = try cluster.ask(cluster.frontend, ProducerRequest.status.frames), case .status(let status)? = try? BrokerReply(frames: reply) {
                deadLettered = status.deadLettered
            }
            usleep(100_000)
        }
        #expect(deadLettered == 1)
        #expect(jobsSeen == 2, "one delivery per attempt")
        let letters = try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/deadletter")
        #expect(letters.count == 1)
        let letter = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cluster.dataDirectory + "/deadletter/" + letters[0]))) as? [String: Any]
        #expect(letter?["attempts"] as? Int == 2)
        #expect((letter?["reason"] as? String)?.contains("timed out") == true)

        // The queue is not blocked: with the stuck worker gone and a real one started, new work is applied.
        try stuck.send(WorkerMessage.disconnect.frames)
        stuck.close()
        try cluster.start("worker-1", ["worker"])
        try Data("Chiều 5/4/2024, HĐND tỉnh Bạc Liêu họp.".utf8).write(to: URL(fileURLWithPath: folder + "/good.txt"))
        let next = try cluster.run(["submit", "--wait", "--wait-timeout", "20", folder + "/good.txt"])
        #expect(next.status == 0, "\(next.output)")
    }

    @Test("an unreadable newest snapshot falls back to the one before, and the kept journal fills the gap")
    func snapshotFallback() throws {
        let cluster = try ClusterHarness(settings: """
            [snapshots]
            every_records = 5
            every_seconds = 0.2
            keep = 5
            """)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let result = try cluster.run(["submit", "--wait", ClusterTests.articles])
        #expect(result.status == 0)
        _ = cluster.stopCluster()
        let complete = try cluster.newestSnapshot()

        let directory = cluster.dataDirectory + "/snapshots"
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("snapshot-") }.sorted()
        #expect(snapshots.count >= 2)
        try Data("{\"schema\": 1, \"truncated".utf8).write(to: URL(fileURLWithPath: directory + "/" + snapshots.last!))

        try cluster.start("aggregator", ["aggregator"])
        var applied = -1
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && applied < 0 {
            if let reply = try cluster.ask(cluster.aggregator, AggregatorRequest.status.frames), case .status(let status)? = try? AggregatorReply(frames: reply) {
                applied = status.documentsApplied
            }
        }
        #expect(applied == complete.documentsApplied)
        let stopped = cluster.stopCluster()
        #expect(stopped["aggregator"] == 0)
        let recovered = try cluster.newestSnapshot()
        #expect(recovered.provinces.map(\.documents) == complete.provinces.map(\.documents))
    }
}
