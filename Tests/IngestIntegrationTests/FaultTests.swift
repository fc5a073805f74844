import Foundation
import IngestProtocol
import MeetingModel
import TestSupport
import Testing
import ZeroMQ

/// The faults of Scripts/faults.sh that run in seconds, against the real processes.
@Suite("Faults", .serialized)
struct FaultTests {
    /// Writes `count` distinct short reports (`report-N.txt`, each `text(N)`, by default a meeting numbered N) into a
    /// folder of the cluster's data directory.
    static func reports(_ cluster: ClusterHarness, count: Int, name: String = "in", text: (Int) -> String = meeting) throws -> String {
        let folder = cluster.dataDirectory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            try Data(text(index).utf8).write(to: URL(fileURLWithPath: folder + "/report-\(index).txt"))
        }
        return folder
    }

    /// The short report numbered `index`.
    static func meeting(_ index: Int) -> String {
        let provinces = ["Cà Mau", "Bạc Liêu", "An Giang", "Thanh Hóa", "Nghệ An", "Gia Lai"]
        return "Sáng \(index % 28 + 1)/3/2024, UBND tỉnh \(provinces[index % provinces.count]) họp phiên thường kỳ số \(index) bàn về chuyển đổi số."
    }

    /// The cluster's journals folder on a tmpfs of `bytes`; nil, with an issue recorded (the test fails, saying why),
    /// where no tmpfs can be mounted: the suite runs as root, where these faults must be tried, not skipped unseen.
    static func smallJournalsDisk(_ cluster: ClusterHarness, bytes: Int) throws -> String? {
        let journals = cluster.dataDirectory + "/journals"
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        guard TemporaryMount.tmpfs(at: journals, bytes: bytes) else {
            Issue.record("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); the disk-full fault was not tried")
            return nil
        }
        return journals
    }

    /// Fills what is left of the disk under `directory` with one file, whose path it returns.
    static func fill(_ directory: String) throws -> String {
        let filler = directory + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        while (try? handle.write(contentsOf: Data(repeating: 0, count: 4096))) != nil {}
        try? handle.close()
        return filler
    }

    @Test("the aggregator away for many job timeouts: nothing dead-lettered, nothing lost, every document applied once it is back")
    func aggregatorOutage() throws {
        let cluster = try ClusterHarness(settings: """
            [heartbeat]
            interval_seconds = 0.2
            liveness = 5
            job_timeout_seconds = 0.5
            max_attempts = 2
            """)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        cluster.kill9("aggregator")
        let folder = try Self.reports(cluster, count: 40)
        let submitted = try cluster.run(["submit", folder])
        #expect(submitted.output.contains("accepted 40"), "\(submitted.output)")
        // Eight job timeouts pass with the records waiting at the workers.
        usleep(4_000_000)
        let during = try cluster.brokerStatus()
        #expect(during?.deadLettered == 0)
        #expect((during?.waitingForStorage ?? 0) > 0, "the broker knows the jobs wait for the aggregator: \(String(describing: during))")
        #expect(cluster.isRunning("worker-1") && cluster.isRunning("worker-2"))
        // What an operator sees: `ingest status` names the jobs waiting and the silent aggregator.
        let status = try cluster.run(["status"])
        #expect(status.output.contains("waiting for the aggregator") && status.output.contains("NOT ANSWERING"), "\(status.output)")
        try cluster.start("aggregator", ["aggregator"])
        let applied = try cluster.run(["submit", "--wait", "--wait-timeout", "60", folder])
        #expect(applied.status == 0, "\(applied.output)")
        #expect(applied.output.contains("duplicate 40"))
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 40)
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        #expect(try cluster.brokerStatus()?.done == 40)
        // Each worker said once that the aggregator was away, and once that it was back.
        for worker in ["worker-1", "worker-2"] {
            let log = cluster.log(worker)
            #expect(log.components(separatedBy: "the aggregator is not answering").count == 2, "\(worker): \(log.suffix(800))")
            #expect(log.components(separatedBy: "the aggregator answers again").count == 2, "\(worker): \(log.suffix(800))")
        }
    }

    @Test("a worker gone without a word (its connection closed, its heartbeats not yet overdue) is sent no job into the void: the job goes back without a strike, and a live worker applies it")
    func vanishedWorker() throws {
        // One attempt: a strike would dead-letter the document.
        let cluster = try ClusterHarness(settings: "[heartbeat]\nmax_attempts = 1\nliveness = 10")
        defer { cluster.tearDown() }
        try cluster.startCoordinators()
        let context = try ZeroMQContext()
        let vanishing = try Socket(context: context, type: .dealer)
        try vanishing.setLinger(milliseconds: 0)
        try vanishing.connect(try #require(cluster.environment["INGEST_BACKEND"]))
        #expect(try vanishing.send(WorkerMessage.ready(credit: 4).frames))
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.liveWorkers == 1 })
        vanishing.close()
        usleep(300_000)
        let folder = try Self.reports(cluster, count: 1)
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 1"))
        try cluster.start("worker-1", ["worker"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 1 }, "\(cluster.log("broker"))")
        #expect(try cluster.brokerStatus()?.deadLettered == 0, "\(cluster.log("broker"))")
        #expect(cluster.log("broker").contains("worker unreachable"), "\(cluster.log("broker"))")
    }

    @Test("a document whose extraction outlasts the heartbeat deadline four times over: the worker's loop beats on while its extraction thread works, so the broker keeps the worker and its job, and the document is applied with no strike")
    func heartbeatsDuringLongExtraction() throws {
        let document = AdversarialDocuments.speakers.document(bytes: (1 << 20) - 4096)
        // How long this build's extractor takes over the document alone (about 3 s in the debug build `swift test` runs).
        let measuring = try ClusterHarness()
        defer { measuring.tearDown() }
        let path = measuring.dataDirectory + "/long.txt"
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let started = Date()
        #expect(try measuring.run(["extract", path]).status == 0)
        let extraction = Date().timeIntervalSince(started)
        try #require(extraction >= 0.6, "extraction took \(extraction) s: too short to outlast a heartbeat deadline (a release build?)")

        // Three missed beats of a twelfth of it: a loop that waited for the extraction would be declared dead, its job struck.
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = \(extraction / 12)\nliveness = 3\nmax_attempts = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try Self.reports(cluster, count: 1, name: "long") { _ in document }
        let submitted = try cluster.run(["submit", "--wait", "--wait-timeout", "60", folder])
        #expect(submitted.status == 0, "\(submitted.output)\n\(cluster.log("broker").suffix(800))")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 1)
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        #expect(!cluster.log("broker").contains("stopped heartbeating"), "\(cluster.log("broker").suffix(800))")
    }

    @Test("the snapshots folder removed while the aggregator runs: the next snapshot makes it again, and snapshot reads it")
    func snapshotsFolderRemoved() throws {
        let cluster = try ClusterHarness(settings: "[snapshots]\nevery_seconds = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", try Self.reports(cluster, count: 10)]).status == 0)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.newestSnapshot().documentsApplied) == 10 })
        try FileManager.default.removeItem(atPath: cluster.dataDirectory + "/snapshots")
        // The first ten again (DUPLICATE) and five new.
        #expect(try cluster.run(["submit", "--wait", try Self.reports(cluster, count: 15, name: "more")]).status == 0)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.newestSnapshot().documentsApplied) == 15 },
                "\(cluster.log("aggregator").suffix(600))")
        let read = try cluster.run(["snapshot", "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: Any]
        #expect(read.status == 0 && decoded?["documentsApplied"] as? Int == 15, "\(read.output.prefix(300))")
        // The log says each snapshot it wrote, with the file: the one just read among them. The loop learns of a
        // write on its next tick (50 ms), after the file is in place, so the line may come a moment after the file.
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/snapshots").filter { $0.hasSuffix(".json") }.max())
        #expect(cluster.eventually(timeout: 10) {
            cluster.log("aggregator").split(separator: "\n").contains { $0.contains("wrote a snapshot") && $0.contains(newest) }
        }, "\(newest): \(cluster.log("aggregator").suffix(600))")
    }

    @Test("a second broker on the same data directory refuses to start, naming the first")
    func secondBroker() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        try cluster.start("broker-2", ["broker"], overrides: [
            "INGEST_FRONTEND": "tcp://127.0.0.1:\(freeLoopbackPort())", "INGEST_BACKEND": "tcp://127.0.0.1:\(freeLoopbackPort())"])
        #expect(cluster.eventually(timeout: 10) { !cluster.isRunning("broker-2") })
        let pid = cluster.daemons["broker"]?.processIdentifier ?? -1
        #expect(cluster.log("broker-2").contains("pid \(pid)"), "\(cluster.log("broker-2").suffix(400))")
        #expect(cluster.isRunning("broker"))
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
    }

    @Test("the records store's disk full while records arrive, then freed: nothing stored meanwhile, no daemon exits, every document applied once")
    func storeDiskFull() throws {
        let metricsPort = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: """
            [metrics]
            aggregator = "tcp://127.0.0.1:\(metricsPort)"
            """)
        defer { cluster.tearDown() }
        guard let journals = try Self.smallJournalsDisk(cluster, bytes: 1024 * 1024) else { return }
        defer { TemporaryMount.unmount(journals) }
        try cluster.startCluster(workers: 2)
        let folder = try Self.reports(cluster, count: 40)
        #expect(try cluster.run(["submit", "--wait"] + (0..<3).map { folder + "/report-\($0).txt" }).status == 0)
        // The aggregator paused: the broker accepts and journals everything, the workers extract and hold.
        cluster.signal("aggregator", SIGSTOP)
        let submitted = try cluster.run(["submit", folder])
        #expect(submitted.output.contains("accepted 37 duplicate 3"), "\(submitted.output)")
        // Then the disk fills, and the aggregator goes on: its transactions fail.
        let filler = try Self.fill(journals)
        cluster.signal("aggregator", SIGCONT)
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.storageError != nil }, "status says the store cannot be written")
        let status = try cluster.run(["status"])
        #expect(status.output.contains("STORAGE NOT WRITABLE"), "\(status.output)")
        #expect(OperationsTests.metric("ingest_aggregator_storage_writable", in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) == 0,
                "the metric a monitor alerts on says so too")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 3, "nothing applied while nothing can be stored")
        #expect(cluster.isRunning("aggregator") && cluster.isRunning("broker"))
        try FileManager.default.removeItem(atPath: filler)
        #expect(cluster.eventually(timeout: 60) { (try? cluster.aggregatorStatus())??.documentsApplied == 40 },
                "\(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("aggregator").suffix(1500))")
        #expect(try cluster.aggregatorStatus()?.storageError == nil)
        #expect(OperationsTests.metric("ingest_aggregator_storage_writable", in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) == 1)
        let ids = try cluster.storedIDs()
        #expect(ids.count == 40 && Set(ids).count == 40)
    }

    @Test("a schema-2 records store on a disk too full to move it: the start fails naming the store, which stays as it was; freed, the next start moves it")
    func storeMoveOnFullDisk() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        guard let journals = try Self.smallJournalsDisk(cluster, bytes: 4 * 1024 * 1024) else { return }
        defer { TemporaryMount.unmount(journals) }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let before = try cluster.storedIDs()
        _ = cluster.stopCluster()
        let store = journals + "/records.sqlite"
        #expect(runTool("/usr/bin/sqlite3", [store, LegacyStoreSQL.listingWithoutYear + "PRAGMA user_version = 2;"]) == 0)
        let filler = try Self.fill(journals)

        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { !cluster.isRunning("aggregator") }, "the start fails")
        let log = cluster.log("aggregator")
        // So full that SQLite cannot even make its shared-memory file: the open fails before the move begins.
        #expect(log.contains("cannot write the records store") && log.contains("records.sqlite") && !log.contains("aggregator listening"), "\(log.suffix(800))")

        // Room for SQLite's shared memory but not for the listing's copy: the move begins, fails, and is rolled back.
        #expect(truncate(filler, off_t(max(0, (try FileManager.default.attributesOfItem(atPath: filler)[.size] as? Int ?? 0) - 48 * 1024))) == 0)
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { !cluster.isRunning("aggregator") }, "the start fails")
        let halfway = cluster.log("aggregator")
        #expect(halfway.contains("moving the records store") && halfway.contains("records.sqlite") && !halfway.contains("aggregator listening"),
                "\(halfway.suffix(800))")

        try FileManager.default.removeItem(atPath: filler)
        #expect(runToolOutput("/usr/bin/sqlite3", [store, "PRAGMA user_version"]) == "2\n", "the store was left as it was")
        #expect(try cluster.storedIDs() == before, "and is readable")
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == before.count }, "\(cluster.log("aggregator").suffix(800))")
        #expect(cluster.log("aggregator").contains("moved the records store"))
        #expect(runToolOutput("/usr/bin/sqlite3", [store, "PRAGMA user_version"]) == "4\n")
        #expect(try cluster.storedIDs() == before)
    }

    @Test("the journals' disk full, then freed: BUSY meanwhile, no daemon exits, nothing accepted is lost or accepted twice")
    func diskFull() throws {
        let metricsPort = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: """
            [producer]
            timeout_seconds = 2
            retries = 100
            [metrics]
            broker = "tcp://127.0.0.1:\(metricsPort)"
            """)
        defer { cluster.tearDown() }
        guard let journals = try Self.smallJournalsDisk(cluster, bytes: 512 * 1024) else { return }
        defer { TemporaryMount.unmount(journals) }
        try cluster.startCluster(workers: 2)
        let folder = try Self.reports(cluster, count: 30)
        // Fill what is left of the journals' disk.
        let filler = try Self.fill(journals)
        let submitter = try cluster.runInBackground(["submit", "--wait", "--wait-timeout", "90", folder])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.storageError != nil }, "status says the journal cannot be written")
        let status = try cluster.run(["status"])
        #expect(status.output.contains("JOURNAL NOT WRITABLE"), "\(status.output)")
        #expect(OperationsTests.metric("ingest_broker_journal_writable", in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) == 0,
                "the metric a monitor alerts on says so too")
        usleep(1_000_000)
        #expect(cluster.isRunning("broker") && cluster.isRunning("aggregator"))
        try FileManager.default.removeItem(atPath: filler)
        let result = submitter.finish(timeout: 120)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("accepted 30"), "\(result.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 30)
        #expect(cluster.log("broker").contains("the journal is writable again"), "\(cluster.log("broker").suffix(800))")
        #expect(OperationsTests.metric("ingest_broker_journal_writable", in: OperationsTests.httpGet(port: metricsPort, path: "/metrics")) == 1)
        // Every ACCEPTED survived: after a restart of the broker they are DUPLICATE, not new.
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        let again = try cluster.run(["submit", folder])
        #expect(again.output.contains("duplicate 30"), "\(again.output)")
    }

    @Test("the journals' disk full when the broker compacts at its stop: the rewrite fails and leaves nothing behind, the journal it would have replaced stays whole, and after a restart every accepted document is known (DUPLICATE) and applied once")
    func compactionOnFullDisk() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        guard let journals = try Self.smallJournalsDisk(cluster, bytes: 512 * 1024) else { return }
        defer { TemporaryMount.unmount(journals) }
        try cluster.startCluster(workers: 1)
        let folder = try Self.reports(cluster, count: 20)
        #expect(try cluster.run(["submit", "--wait", folder]).status == 0)
        func files() throws -> [String: UInt64] {
            var sizes: [String: UInt64] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: journals) where name.hasPrefix("broker") {
                sizes[name] = (try FileManager.default.attributesOfItem(atPath: journals + "/" + name)[.size] as? NSNumber)?.uint64Value
            }
            return sizes
        }
        let written = try files()
        let filler = try Self.fill(journals)
        // Stopping, the broker compacts what it journaled since its start: the rewrite meets the full disk.
        cluster.signal("broker", SIGTERM)
        #expect(cluster.eventually(timeout: 15) { !cluster.isRunning("broker") }, "the broker stops")
        #expect(cluster.log("broker").contains("compaction:"), "the failed compaction is logged: \(cluster.log("broker").suffix(800))")
        let afterStop = try files()
        #expect(afterStop == written, "no rewrite left behind, the journal unchanged: \(afterStop) against \(written)")
        try FileManager.default.removeItem(atPath: filler)
        try cluster.start("broker", ["broker"])
        try cluster.waitUntilLive(workers: 1)
        let again = try cluster.run(["submit", "--wait", folder])
        #expect(again.status == 0 && again.output.contains("duplicate 20"), "\(again.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 20)
    }

    @Test("metadata a worker could choke on is refused at the broker's door", arguments: ["overflowing published", "huge year", "40,000 slashes of source"])
    func hostileMetadata(_ shape: String) throws {
        let metadata = switch shape {
        case "overflowing published": DocumentMetadata(published: "2024-9223372036854775807-01")
        case "huge year": DocumentMetadata(published: "99999999999999999999-01-01")
        default: DocumentMetadata(source: String(repeating: "/", count: 40_000))
        }
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let reply = try cluster.ask(cluster.frontend, ProducerRequest.submit(id: nil, metadata: metadata, body: Array("Sáng 3/4, UBND tỉnh Cà Mau họp.".utf8)).frames)
        // REJECTED when the metadata decodes, ERROR naming the field when it is too large to decode at all.
        let reason: String? = switch reply.flatMap({ try? BrokerReply(frames: $0) }) {
        case .rejected(_, let reason)?: reason
        case .error(let reason)?: reason
        default: nil
        }
        #expect(reason?.contains("published") == true || reason?.contains("meta") == true || reason?.contains("source") == true, "\(String(describing: reason))")
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        #expect(cluster.isRunning("worker-1"))
    }

    @Test("1 MiB hostile reports (a province list, a wall of figures): workers stay live and both are applied, capped")
    func hostileReports() throws {
        // Five seconds of silence declare a worker dead: far less than the old quadratic extraction took (36 s
        // at 1 MiB, release), enough for a 2-core machine running a debug build and the rest of the suite (three
        // seconds once was not).
        let cluster = try ClusterHarness(settings: """
            [heartbeat]
            interval_seconds = 0.2
            liveness = 25
            """)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        let folder = cluster.dataDirectory + "/hostile"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for shape in [AdversarialDocuments.provinceList, AdversarialDocuments.figures] {
            try Data(shape.document(bytes: 1_000_000).utf8).write(to: URL(fileURLWithPath: folder + "/\(shape.name).txt"))
        }
        let submitter = try cluster.runInBackground(["submit", "--wait", "--wait-timeout", "120", folder])
        var fewestLive = Int.max
        while submitter.isRunning {
            if let status = try cluster.brokerStatus() { fewestLive = min(fewestLive, status.liveWorkers) }
            usleep(100_000)
        }
        let result = submitter.finish()
        #expect(result.status == 0, "\(result.output)")
        #expect(fewestLive == 2, "a worker was declared dead while extracting")
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        _ = cluster.stopCluster()
        let snapshot = try cluster.newestSnapshot()
        #expect(snapshot.documentsApplied == 2)
    }

    @Test("reports Foundation composes slowly (1 MiB of Greek in NFD, one letter and 500,000 marks) are applied like any other")
    func slowToComposeReports() throws {
        // Whole, their NFC took seconds (the Greek) and over ten minutes (the marks) in `submit`, the broker and the
        // worker alike; the submit is killed after 90 s. A debug broker busy beside the rest of the suite may take
        // more than submit's 3 s to answer two 1 MiB documents, and resending them only adds work to a slow broker, so
        // submit waits longer here.
        let cluster = try ClusterHarness(settings: "[producer]\ntimeout_seconds = 30")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/slow-to-compose"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let greek = AdversarialDocuments.decomposedGreek.document(bytes: 1_000_000)
        var marks = String.UnicodeScalarView(["a"])
        for index in 0..<500_000 { marks.append(["\u{301}", "\u{323}", "\u{302}", "\u{308}"][index * index % 4]) }
        try Data(greek.utf8).write(to: URL(fileURLWithPath: folder + "/greek.txt"))
        try Data(String(marks).utf8).write(to: URL(fileURLWithPath: folder + "/marks.txt"))
        try Data("Sáng 15/6/2024, tại tỉnh Cà Mau, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh, chủ trì hội nghị.".utf8)
            .write(to: URL(fileURLWithPath: folder + "/report.txt"))
        let result = try cluster.run(["submit", "--wait", "--wait-timeout", "60", folder], timeout: 90)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("submitted 3 accepted 3"), "\(result.output)")
        _ = cluster.stopCluster()
        let snapshot = try cluster.newestSnapshot()
        #expect(snapshot.documentsApplied == 3)
    }

    @Test("a flood of FAILED with 4 KiB reasons barely grows the broker's log")
    func failedFlood() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let before = cluster.log("broker").utf8.count
        let context = try ZeroMQContext()
        let stranger = try Socket(context: context, type: .dealer)
        try stranger.setLinger(milliseconds: 0)
        try stranger.connect(cluster.environment["INGEST_BACKEND"]!)
        defer { stranger.close() }
        try stranger.send(WorkerMessage.ready(credit: 1).frames)
        let reason = String(repeating: "x", count: 4096)
        for index in 0..<20_000 {
            _ = try stranger.send(WorkerMessage.failed(DocumentID("doc-\(index)")!, reason: reason).frames, dontWait: true)
        }
        usleep(1_500_000)
        #expect(cluster.isRunning("broker"))
        let growth = cluster.log("broker").utf8.count - before
        #expect(growth < 20_000, "the log grew \(growth) bytes")
    }

    @Test("readers that never read QUERY replies do not stall the aggregator")
    func unreadQueries() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let context = try ZeroMQContext()
        let reader = try Socket(context: context, type: .dealer)
        try reader.setLinger(milliseconds: 0)
        try reader.connect(cluster.aggregator)
        defer { reader.close() }
        for _ in 0..<2000 { _ = try reader.send(AggregatorRequest.query(province: nil).frames, dontWait: true) }
        // The promise is an answer within a second behind 2,000 unread QUERY replies; asked with that second
        // (the harness's usual 500 ms was missed once under the whole suite on two cores).
        let started = Date()
        let status = try cluster.aggregatorStatus(waiting: 1_000)
        #expect(status?.documentsApplied == 24)
        #expect(Date().timeIntervalSince(started) < 1.0)
    }

    @Test("a broker stopped holding queued documents compacts its journal to what it must remember, restarts with true counters, and every document is applied once")
    func countersAcrossRestart() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == 24 })
        // No worker now: eight more documents wait in the queue when the broker is stopped.
        for name in ["worker-1", "worker-2"] {
            guard let worker = cluster.daemons[name] else { continue }
            kill(worker.processIdentifier, SIGTERM)
            worker.waitUntilExit()
        }
        // Twenty-four DUPLICATE answers and one REJECTED before the new documents: the stop's compaction keeps them.
        #expect(try cluster.run(["submit", ClusterTests.articles]).output.contains("accepted 0 duplicate 24"))
        let empty = cluster.dataDirectory + "/empty.txt"
        try Data("\n \n".utf8).write(to: URL(fileURLWithPath: empty))
        #expect(try cluster.run(["submit", empty]).output.contains("rejected 1"))
        let folder = cluster.dataDirectory + "/later"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for day in 1...8 {
            try Data("Sáng \(day)/4/2024, UBND tỉnh Cà Mau họp phiên thường kỳ tháng \(day).".utf8).write(to: URL(fileURLWithPath: folder + "/\(day).txt"))
        }
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 8"))
        #expect(try cluster.brokerStatus()?.queued == 8)
        let journal = cluster.dataDirectory + "/journals/broker.journal"
        let before = try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int ?? 0
        guard let broker = cluster.daemons["broker"] else { return }
        kill(broker.processIdentifier, SIGTERM)
        broker.waitUntilExit()
        #expect(broker.terminationStatus == 0)
        // Compacted at the stop: the ids of the 24 done and the 8 pending with their text, nothing else.
        let log = try String(contentsOfFile: cluster.dataDirectory + "/broker.log", encoding: .utf8)
        #expect(log.contains("compacted the journal") && log.contains("known=32") && log.contains("pending=8"), "\(log.suffix(600))")
        let after = try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int ?? 0
        #expect(after < before, "\(before) -> \(after) bytes")
        try cluster.start("broker", ["broker"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus()) != nil })
        let status = try cluster.brokerStatus()
        #expect(status?.done == 24 && status?.accepted == 32 && status?.queued == 8, "\(String(describing: status))")
        #expect(status?.duplicates == 24 && status?.rejected == 1, "\(String(describing: status))")
        try cluster.start("worker-1", ["worker"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 32 })
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == 32 })
        #expect(try cluster.run(["submit", "--wait", folder, ClusterTests.articles]).output.contains("accepted 0 duplicate 32"))
        #expect(try cluster.storedIDs().count == 32)
        // A restart (its stop compacts the DONEs), then DUPLICATE answers alone: the next clean stop still keeps them.
        func restartBroker() throws {
            guard let running = cluster.daemons["broker"] else { return }
            kill(running.processIdentifier, SIGTERM)
            running.waitUntilExit()
            try cluster.start("broker", ["broker"])
            try cluster.waitUntilAnswering()
        }
        try restartBroker()
        #expect(try cluster.run(["submit", ClusterTests.articles]).output.contains("accepted 0 duplicate 24"))
        let counted = try #require(try cluster.brokerStatus())
        try restartBroker()
        let kept = try #require(try cluster.brokerStatus())
        #expect(kept.duplicates == counted.duplicates && kept.duplicates == 80 && kept.rejected == 1, "\(counted) before, \(kept) after")
    }
}

/// Mounts for fault tests: a small tmpfs over a folder, to make a disk fill up. Needs root.
enum TemporaryMount {
    static func tmpfs(at path: String, bytes: Int) -> Bool {
        runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path]) == 0
    }

    static func unmount(_ path: String) {
        _ = runTool("/bin/umount", ["-l", path])
    }
}
