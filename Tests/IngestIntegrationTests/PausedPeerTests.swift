import Foundation
import IngestProtocol
import ProvinceAggregation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Peers that stop without dying (SIGSTOP: a swapped-out VM, a debugger, a full pipe) and come back, and a second
/// aggregator on the same data directory: the faults the README's delivery rules name, on real processes.
@Suite("Paused peers", .serialized)
struct PausedPeerTests {
    /// A cluster whose one worker has extracted twenty reports (in `<data>/in`) and holds their records, which reach
    /// nobody: the aggregator is gone. `heartbeat` holds `[heartbeat]` lines.
    static func workerHoldingTwentyRecords(heartbeat: String) throws -> ClusterHarness {
        let cluster = try ClusterHarness(settings: "[heartbeat]\n" + heartbeat)
        do {
            try cluster.startCluster(workers: 1)
            cluster.kill9("aggregator")
            let folder = try FaultTests.reports(cluster, count: 20)
            #expect(try cluster.run(["submit", folder]).output.contains("accepted 20"))
            #expect(cluster.eventually(timeout: 20) { ((try? cluster.brokerStatus())??.waitingForStorage ?? 0) >= 20 },
                    "\(String(describing: try? cluster.brokerStatus()))")
        } catch {
            cluster.tearDown()
            throw error
        }
        return cluster
    }

    @Test("a worker stopped (SIGTERM) holding twenty records says DISCONNECT: its jobs move at once, with no strike, to the next worker")
    func workerLeavesHoldingJobs() throws {
        // Liveness far away, one attempt: only DISCONNECT can move the jobs in time, and a strike would dead-letter.
        let cluster = try Self.workerHoldingTwentyRecords(heartbeat: "liveness = 60\nmax_attempts = 1")
        defer { cluster.tearDown() }
        cluster.signal("worker-1", SIGTERM)
        // The worker waits up to 2 s for STORED that cannot come, then leaves.
        #expect(cluster.eventually(timeout: 5) { (try? cluster.brokerStatus())??.queued == 20 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        #expect(cluster.log("broker").contains("worker left") && cluster.log("broker").contains("jobs=20"), "\(cluster.log("broker").suffix(600))")
        try cluster.start("worker-2", ["worker"])
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == 20 },
                "\(String(describing: try? cluster.aggregatorStatus()))")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == 20 })
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        #expect(!cluster.log("broker").contains("holding back"), "leaving is not vanishing")
    }

    @Test("a broker silent past liveness (SIGSTOP) while documents flow: its workers reconnect and say READY again, and once it is back every document is applied once, none dead-lettered, no worker key held back")
    func brokerPausedAndBack() throws {
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 0.2\nliveness = 5\nmax_attempts = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let folder = try FaultTests.reports(cluster, count: 300)
        // The workers are handed jobs they have not begun when the broker stops: they extract them while it is away.
        for worker in ["worker-1", "worker-2"] { cluster.signal(worker, SIGSTOP) }
        let submit = try cluster.runInBackground(["submit", "--wait", folder])
        #expect(cluster.eventually(timeout: 20) { ((try? cluster.brokerStatus())??.inFlight ?? 0) >= 200 },
                "\(String(describing: try? cluster.brokerStatus()))")
        cluster.signal("broker", SIGSTOP)
        for worker in ["worker-1", "worker-2"] { cluster.signal(worker, SIGCONT) }
        // Five times the liveness: each worker gives the broker up and reconnects.
        usleep(5_000_000)
        cluster.signal("broker", SIGCONT)
        let finished = submit.finish(timeout: 90)
        // Each document accepted once, by the broker and in `submit`'s count: a copy its closed connection had queued
        // reaches the broker under a name libzmq gives it, and its SUBMIT names the run, whose resend hears ACCEPTED.
        #expect(finished.status == 0 && finished.output.contains("submitted 300 accepted 300 duplicate 0 rejected 0"), "\(finished.output)")
        #expect(try cluster.brokerStatus().map { ($0.accepted, $0.duplicates) } ?? (0, 0) == (300, 0))
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 300)
        #expect(try cluster.storedIDs().count == 300)
        let status = try #require(try cluster.brokerStatus())
        #expect(status.deadLettered == 0 && status.done == 300 && status.queued == 0 && status.inFlight == 0, "\(status)")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.liveWorkers == 2 })
        for worker in ["worker-1", "worker-2"] {
            #expect(cluster.log(worker).contains("reconnect"), "\(cluster.log(worker).suffix(600))")
        }
        // The broker was the one away: its workers' keys are not punished for the silence.
        #expect(!cluster.log("broker").contains("holding back"), "\(cluster.log("broker").suffix(900))")
    }

    @Test("a worker silent past liveness loses its jobs to another; back later with its records, nothing is counted twice or dead-lettered")
    func workerPausedAndBack() throws {
        let cluster = try Self.workerHoldingTwentyRecords(heartbeat: "interval_seconds = 0.2\nliveness = 5")
        defer { cluster.tearDown() }
        // Worker-1 stops answering with all twenty; a second worker and the aggregator come.
        cluster.signal("worker-1", SIGSTOP)
        try cluster.start("worker-2", ["worker"])
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == 20 },
                "worker-2 is given worker-1's jobs: \(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("broker").suffix(600))")
        #expect(cluster.log("broker").contains("re-queueing its jobs") && cluster.log("broker").contains("jobs=20"),
                "the broker moved worker-1's twenty jobs: \(cluster.log("broker").suffix(600))")
        // Worker-1 comes back and sends what it held: every record a duplicate, every DONE a late one.
        cluster.signal("worker-1", SIGCONT)
        usleep(3_000_000)
        #expect(cluster.isRunning("worker-1") && cluster.isRunning("worker-2"))
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 20)
        let ids = try cluster.storedIDs()
        #expect(ids.count == 20 && Set(ids).count == 20)
        let broker = try cluster.brokerStatus()
        #expect(broker?.done == 20 && broker?.deadLettered == 0 && broker?.queued == 0 && broker?.inFlight == 0, "\(String(describing: broker))")
        // Worker-1 rejoined offering its credit less the twenty it held; once those are stored, all of it again
        // (a tester's report: it stayed at 108 for good, and at 1 after a pause holding 127).
        #expect(cluster.eventually(timeout: 10) {
            let workers = (try? cluster.brokerStatus())??.workers ?? []
            return workers.count == 2 && workers.allSatisfy { $0.credit == 128 && $0.jobs == 0 }
        }, "\(String(describing: try? cluster.brokerStatus()?.workers))")
        #expect(try cluster.run(["submit", "--wait", cluster.dataDirectory + "/in"]).output.contains("duplicate 20"))
    }

    @Test("the only worker silent past liveness while the aggregator is away, then back: its jobs return to it already extracted, are never timed out or dead-lettered, and are applied once the aggregator is back")
    func onlyWorkerPausedDuringOutage() throws {
        // Liveness 1 s, job timeout 1.5 s, one attempt: a job handed back and taken for "not extracted" is
        // dead-lettered at its first timeout, so no letter means no timeout.
        let cluster = try Self.workerHoldingTwentyRecords(heartbeat: "interval_seconds = 0.2\nliveness = 5\njob_timeout_seconds = 1.5\nmax_attempts = 1")
        defer { cluster.tearDown() }
        cluster.signal("worker-1", SIGSTOP)
        #expect(cluster.eventually(timeout: 10) { cluster.log("broker").contains("worker stopped heartbeating") },
                "\(cluster.log("broker").suffix(600))")
        cluster.signal("worker-1", SIGCONT)
        // The broker hands the twenty back to the same worker, which holds their records already; three job
        // timeouts pass with the aggregator still away.
        #expect(cluster.eventually(timeout: 10) { ((try? cluster.brokerStatus())??.waitingForStorage ?? 0) == 20 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        usleep(4_500_000)
        let during = try cluster.brokerStatus()
        #expect(during?.deadLettered == 0 && during?.waitingForStorage == 20, "\(String(describing: during)) \(cluster.log("broker").suffix(800))")
        let letters = (try? FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/deadletter")) ?? []
        #expect(letters.filter { $0.hasSuffix(".json") }.isEmpty, "\(letters)")
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == 20 },
                "\(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("worker-1").suffix(600))")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == 20 })
        let after = try cluster.brokerStatus()
        #expect(after?.deadLettered == 0 && after?.queued == 0 && after?.inFlight == 0, "\(String(describing: after))")
    }

    @Test("jobs a stopped worker holds past the job timeout, one attempt allowed, are dead-lettered; the worker back, each is stored, counts done once and loses its dead letter, also across a kill -9 of the broker")
    func deadLetteredThenStored() throws {
        // Liveness far beyond the job timeout: the timeout, a strike, is what takes the jobs from the stopped worker.
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 1\nliveness = 60\njob_timeout_seconds = 1\nmax_attempts = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 20)
        // Stopped before the jobs come: they wait in its socket's buffers, unread.
        cluster.signal("worker-1", SIGSTOP)
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 20"))
        let letters = cluster.dataDirectory + "/deadletter"
        func letterCount() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: letters)) ?? []).filter { $0.hasSuffix(".json") }.count }
        #expect(cluster.eventually(timeout: 20) { ((try? cluster.brokerStatus()) ?? nil)?.deadLettered == 20 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        #expect(letterCount() == 20)
        // The worker wakes and does the jobs it held: each record is stored after all.
        cluster.signal("worker-1", SIGCONT)
        #expect(cluster.eventually(timeout: 30) { ((try? cluster.aggregatorStatus()) ?? nil)?.documentsApplied == 20 },
                "\(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("worker-1").suffix(600))")
        #expect(cluster.eventually(timeout: 10) {
            let status = (try? cluster.brokerStatus()) ?? nil
            return status?.done == 20 && status?.deadLettered == 0
        }, "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        #expect(cluster.eventually(timeout: 5) { letterCount() == 0 }, "\(letterCount()) dead letters left")
        #expect(cluster.log("broker").contains("a dead-lettered document was stored after all"), "\(cluster.log("broker").suffix(600))")
        // Killed and restarted (its journal replayed, not compacted), the broker still counts them done, not dead-lettered.
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        #expect(cluster.eventually(timeout: 10) {
            let status = (try? cluster.brokerStatus()) ?? nil
            return status?.done == 20 && status?.deadLettered == 0 && status?.accepted == 20
        }, "\(String(describing: try? cluster.brokerStatus()))")
        #expect(letterCount() == 0)
    }

    @Test("dead letters that cannot be written (the folder a file): the broker says why in status and its log, keeps the jobs, still accepts documents, does not exit, and writes every letter once the folder is back")
    func deadLetterFolderUnwritable() throws {
        let metricsPort = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 1\nliveness = 60\njob_timeout_seconds = 1\nmax_attempts = 1\n"
                                                   + "[metrics]\nbroker = \"tcp://127.0.0.1:\(metricsPort)\"")
        func writable() -> Double? { OperationsTests.metric("ingest_broker_dead_letters_writable", in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) }
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let letters = cluster.dataDirectory + "/deadletter"
        try? FileManager.default.removeItem(atPath: letters)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: letters))
        let folder = try FaultTests.reports(cluster, count: 5)
        cluster.signal("worker-1", SIGSTOP)
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 5"))
        #expect(cluster.eventually(timeout: 20) { ((try? cluster.brokerStatus()) ?? nil)?.deadLetterError != nil },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        #expect(cluster.log("broker").contains("cannot write a dead letter; will retry"), "\(cluster.log("broker").suffix(600))")
        #expect(try cluster.brokerStatus()?.deadLettered == 0, "not counted until written")
        #expect(try cluster.brokerStatus()?.storageError == nil, "the journal is fine")
        let status = try cluster.run(["status"])
        #expect(status.output.contains("DEAD LETTERS NOT WRITABLE") && status.output.contains(letters), "\(status.output)")
        #expect(writable() == 0, "the metric an alert would watch")
        // Documents are still accepted meanwhile.
        let more = cluster.dataDirectory + "/more"
        try FileManager.default.createDirectory(atPath: more, withIntermediateDirectories: true)
        try Data("Chiều 2/5/2024, UBND tỉnh Hậu Giang họp bàn về thu ngân sách.".utf8).write(to: URL(fileURLWithPath: more + "/one.txt"))
        #expect(try cluster.run(["submit", more]).output.contains("accepted 1"))
        #expect(cluster.isRunning("broker"))
        // The folder back: every letter written (the retry backs off from 0.5 s), counted once.
        try FileManager.default.removeItem(atPath: letters)
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        #expect(cluster.eventually(timeout: 40) { ((try? cluster.brokerStatus()) ?? nil)?.deadLettered == 6 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(600))")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: letters)) ?? []).filter { $0.hasSuffix(".json") }.count == 6)
        #expect(try cluster.brokerStatus()?.deadLetterError == nil)
        #expect(writable() == 1)
        cluster.signal("worker-1", SIGCONT)
    }

    @Test("ingest_broker_deadlettered_total counts every dead-lettering, also one after a retry took the held count back down; ingest_broker_deadlettered is the count held")
    func deadLetteringsCounted() throws {
        let metricsPort = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 1\nliveness = 60\njob_timeout_seconds = 1\nmax_attempts = 1\n"
                                                   + "[metrics]\nbroker = \"tcp://127.0.0.1:\(metricsPort)\"")
        defer { cluster.tearDown() }
        func metric(_ name: String) -> Double? { OperationsTests.metric(name, in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 1)
        cluster.signal("worker-1", SIGSTOP)
        defer { cluster.signal("worker-1", SIGCONT) }
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 1"))
        #expect(cluster.eventually(timeout: 20) { metric("ingest_broker_deadlettered_total") == 1 }, "\(cluster.log("broker").suffix(600))")
        #expect(metric("ingest_broker_deadlettered") == 1)
        // Sent through again while the worker is still paused: given up on a second time.
        let retried = try cluster.runCapturingErrors(["deadletter", "retry", "--all"])
        #expect(retried.status == 0, "\(retried.output)")
        #expect(cluster.eventually(timeout: 20) { metric("ingest_broker_deadlettered_total") == 2 },
                "\(String(describing: metric("ingest_broker_deadlettered_total"))) \(cluster.log("broker").suffix(600))")
        #expect(cluster.eventually(timeout: 5) { metric("ingest_broker_deadlettered") == 1 })
        #expect(try cluster.brokerStatus()?.deadLettered == 1)
    }

    @Test("a second aggregator on the same data directory refuses to start, naming the first, which goes on serving")
    func secondAggregator() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let applied = try cluster.aggregatorStatus()?.documentsApplied
        try cluster.start("aggregator-2", ["aggregator"], overrides: ["INGEST_AGGREGATOR": "tcp://127.0.0.1:\(freeLoopbackPort())"])
        #expect(cluster.eventually(timeout: 10) { !cluster.isRunning("aggregator-2") })
        let pid = cluster.daemons["aggregator"]?.processIdentifier ?? -1
        #expect(cluster.log("aggregator-2").contains("pid \(pid)"), "\(cluster.log("aggregator-2").suffix(400))")
        #expect(!cluster.log("aggregator-2").contains("aggregator listening"))
        #expect(cluster.isRunning("aggregator"))
        #expect(try cluster.aggregatorStatus()?.documentsApplied == applied)
        let again = try cluster.run(["submit", "--wait", ClusterTests.articles])
        #expect(again.status == 0 && again.output.contains("accepted 0"), "\(again.output)")
    }

    @Test("snapshots that cannot be written while records arrive: every record stored and applied, status says why, and a snapshot follows once they can")
    func snapshotsUnwritable() throws {
        let cluster = try ClusterHarness(settings: """
            [snapshots]
            every_records = 5
            every_seconds = 0.2
            keep = 3
            """)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 25)
        #expect(try cluster.run(["submit", "--wait"] + (0..<5).map { folder + "/report-\($0).txt" }).status == 0)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.newestSnapshot())?.documentsApplied == 5 })
        // The snapshots folder becomes a plain file: every write fails with ENOTDIR.
        let snapshots = cluster.dataDirectory + "/snapshots"
        try FileManager.default.moveItem(atPath: snapshots, toPath: snapshots + ".away")
        _ = FileManager.default.createFile(atPath: snapshots, contents: Data("not a folder".utf8))
        let submitted = try cluster.run(["submit", "--wait", folder])
        #expect(submitted.status == 0, "\(submitted.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 25)
        #expect(cluster.eventually(timeout: 10) { ((try? cluster.aggregatorStatus())??.storageError ?? "").contains("snapshot") },
                "\(String(describing: try? cluster.aggregatorStatus()))")
        #expect(cluster.isRunning("aggregator"))
        // `ingest status` says so in words, and the log once with the reason.
        let status = try cluster.run(["status"])
        // Only the snapshots: not the store, whose records are still stored and applied (a tester saw STORAGE NOT
        // WRITABLE "records wait with the workers" with nothing waiting).
        #expect(status.output.contains("aggregator  SNAPSHOTS NOT WRITABLE") && status.output.contains("snapshot"), "\(status.output)")
        #expect(!status.output.contains("STORAGE NOT WRITABLE"), "\(status.output)")
        #expect(((try? cluster.aggregatorStatus())??.snapshotError ?? "").contains("snapshot"))
        #expect(cluster.log("aggregator").contains("cannot write a snapshot; the records store keeps every record meanwhile"))
        // The folder back: the next try writes a snapshot of everything, and the error clears.
        try FileManager.default.removeItem(atPath: snapshots)
        try FileManager.default.moveItem(atPath: snapshots + ".away", toPath: snapshots)
        #expect(cluster.eventually(timeout: 60) { (try? cluster.newestSnapshot())?.documentsApplied == 25 },
                "\(cluster.log("aggregator").suffix(800))")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus())??.storageError == nil })
        #expect(cluster.log("aggregator").contains("snapshots can be written again"))
        #expect(!(try cluster.run(["status"]).output.contains("NOT WRITABLE")))
        // And a restart from it counts the same.
        cluster.kill9("aggregator")
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 25 })
        #expect(try cluster.storedIDs().count == 25)
    }
}
