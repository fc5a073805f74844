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
        try cluster.startCoordinators()

        // A worker that takes jobs and never finishes them, while it keeps heartbeating.
        let context = try ZeroMQContext()
        let stuck = try Socket(context: context, type: .dealer)
        try stuck.setLinger(milliseconds: 0)
        try stuck.connect(cluster.environment["INGEST_BACKEND"]!)
        try stuck.send(WorkerMessage.ready(credit: 1).frames)
        let folder = cluster.dataDirectory + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Its text ends with what would retitle and clear a terminal that printed it raw.
        try Data("Sáng 3/4/2024, UBND tỉnh Cà Mau họp bàn về chuyển đổi số.\u{1B}]0;PWNED\u{07}\u{1B}[2J".utf8).write(to: URL(fileURLWithPath: folder + "/poison.txt"))
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
        let letterMode = (try FileManager.default.attributesOfItem(atPath: cluster.dataDirectory + "/deadletter/" + letters[0])[.posixPermissions] as? NSNumber)?.intValue
        #expect(letterMode.map { $0 & 0o777 } == 0o640, "a dead letter holds the document's text: 0640, as the README says")
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

        // Killed (its journal replayed, not compacted) and restarted, the broker keeps its counts exactly.
        let counted = try #require(try cluster.brokerStatus())
        #expect(counted.accepted == 2 && counted.done == 1 && counted.deadLettered == 1, "\(counted)")
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        try cluster.waitUntilLive(workers: 1)
        let restarted = try #require(try cluster.brokerStatus())
        #expect(restarted.accepted == counted.accepted && restarted.done == counted.done && restarted.deadLettered == counted.deadLettered,
                "\(counted) before, \(restarted) after")

        // With a working worker now, the dead letter is listed, shown, and retried: applied, its letter gone.
        let id = String(letters[0].dropLast(".json".count))
        let listed = try cluster.run(["deadletter", "list", "--format", "jsonl"])
        #expect(listed.status == 0 && listed.output.contains(id) && listed.output.contains("timed out"), "\(listed.output)")
        // Numbers as numbers; no publication date, so none written (as extract and records leave out what is not there).
        let summary = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any]
        #expect(summary?["attempts"] as? Int == 2 && summary?["bytes"] as? Int == 87 && summary?["published"] == nil, "\(listed.output)")
        #expect((summary?["source"] as? String)?.hasSuffix("poison.txt") == true)
        // A start in any case, as show takes ids; one too short to pick a letter says so.
        let shown = try cluster.run(["deadletter", "show", String(id.prefix(12)).uppercased()])
        #expect(shown.output.contains("UBND tỉnh Cà Mau") && shown.output.contains("attempts    2"), "\(shown.output)")
        #expect(shown.output.contains("chuyển đổi số.\\u{1B}]0;PWNED\\u{7}\\u{1B}[2J") && !shown.output.contains("\u{1B}"), "\(shown.output)")
        let short = try cluster.runCapturingErrors(["deadletter", "show", String(id.prefix(7))])
        #expect(short.status != 0 && short.errors.contains("too short to pick a dead letter: give the whole id or at least its first 8 characters"), "\(short.errors)")
        // A letter that cannot be read (a disk error, a hand edit) is named and left; the others are retried.
        let garbled = cluster.dataDirectory + "/deadletter/garbled-letter.json"
        try Data("{ not a letter".utf8).write(to: URL(fileURLWithPath: garbled))
        let table = try cluster.runCapturingErrors(["deadletter", "list"])
        #expect(table.status == 0, "list goes on past a letter it cannot read")
        #expect(table.output.contains("\(id.prefix(16))  attempts 2  ") && table.output.contains("poison.txt") && table.output.contains("timed out"), "\(table.output)")
        #expect(table.errors.contains("garbled-letter: the dead letter cannot be read") && table.errors.contains("2 dead letters in"), "\(table.errors)")
        let retried = try cluster.runCapturingErrors(["deadletter", "retry", "--all", "--wait", "--wait-timeout", "30"], timeout: 60)
        #expect(retried.status == 1, "\(retried.output)")
        #expect(retried.output.contains("queued again \(id)") && retried.output.contains("applied 1"), "\(retried.output)")
        #expect(retried.errors.contains("garbled-letter: the dead letter cannot be read"), "\(retried.errors)")
        try FileManager.default.removeItem(atPath: garbled)
        #expect(cluster.eventually(timeout: 10) { (try? FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/deadletter"))?.isEmpty == true },
                "the dead letter goes once the document is done")
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 2)
        let again = try cluster.run(["deadletter", "retry", id])
        #expect(again.status != 0 && again.output.isEmpty, "no letter left to retry")
    }

    /// Runs the bundled articles through a cluster that snapshots often, in three steps a snapshot apart, and
    /// stops it: the data directory then holds several snapshots and the records store.
    private func clusterWithSeveralSnapshots() throws -> (ClusterHarness, Snapshot, [String]) {
        let cluster = try ClusterHarness(settings: """
            [snapshots]
            every_records = 5
            every_seconds = 0.2
            keep = 5
            """)
        try cluster.startCluster(workers: 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).sorted().map { ClusterTests.articles + "/" + $0 }
        for part in [files[0..<8], files[8..<16], files[16...]] {
            let result = try cluster.run(["submit", "--wait"] + Array(part))
            #expect(result.status == 0, "\(result.output)")
            usleep(600_000)
        }
        _ = cluster.stopCluster()
        let complete = try cluster.newestSnapshot()
        let directory = cluster.dataDirectory + "/snapshots"
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("snapshot-") }.sorted().map { directory + "/" + $0 }
        return (cluster, complete, snapshots)
    }

    private func appliedAfterRestart(_ cluster: ClusterHarness) throws -> Int {
        try cluster.start("aggregator", ["aggregator"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && cluster.isRunning("aggregator") {
            if let reply = try cluster.ask(cluster.aggregator, AggregatorRequest.status.frames), case .status(let status)? = try? AggregatorReply(frames: reply) {
                return status.documentsApplied
            }
        }
        return -1
    }

    /// Starts the aggregator and the broker, and submits the 24 sample articles with no worker to take them (submit
    /// returns once each ACCEPTED is journaled): they wait in the broker's queue and journal.
    private func queueArticlesWithoutWorkers(_ cluster: ClusterHarness) throws {
        try cluster.startCoordinators()
        let queued = try cluster.run(["submit", ClusterTests.articles])
        #expect(queued.output.contains("accepted 24"), "\(queued.output)")
    }

    /// Two reports whose ids (the SHA-256 of the text) both start `b632aef4`, found by trying numbered variants.
    static let twinPrefix = "b632aef4"
    static let twinTexts = [
        "Chiều 10/5/2024, UBND tỉnh Gia Lai họp phiên chuyên đề số 5525 về giải ngân vốn đầu tư công.",
        "Chiều 4/5/2024, UBND tỉnh Gia Lai họp phiên chuyên đề số 51327 về giải ngân vốn đầu tư công.",
    ]

    @Test("two documents whose ids share their first 8 hex digits: `deadletter show` and `show` of that start say it names more than one, exit 1; a digit more picks each")
    func sharedIDStart() throws {
        // Liveness far beyond the job timeout, one attempt: the stopped worker's jobs are dead-lettered.
        let cluster = try ClusterHarness(settings: "[heartbeat]\ninterval_seconds = 1\nliveness = 60\njob_timeout_seconds = 1\nmax_attempts = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: Self.twinTexts.count, name: "twins") { Self.twinTexts[$0] }
        cluster.signal("worker-1", SIGSTOP)
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 2"))
        #expect(cluster.eventually(timeout: 20) { (try? cluster.brokerStatus())??.deadLettered == 2 })
        let letters = try cluster.run(["deadletter", "list", "--format", "jsonl"]).output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }.sorted()
        #expect(letters.count == 2 && letters.allSatisfy { $0.hasPrefix(Self.twinPrefix) }, "\(letters)")
        let ambiguousLetter = try cluster.runCapturingErrors(["deadletter", "show", Self.twinPrefix.uppercased()])
        #expect(ambiguousLetter.status == 1 && ambiguousLetter.errors.contains("is the start of 2 dead letters"), "\(ambiguousLetter.errors)")
        #expect(ambiguousLetter.output.isEmpty)
        for id in letters {
            let one = try cluster.runCapturingErrors(["deadletter", "show", String(id.prefix(9))])
            #expect(one.status == 0 && one.output.contains("id          \(id)"), "\(one.output) \(one.errors)")
        }

        // The worker wakes: both are stored after all, and `show` meets the same pair in the records store.
        cluster.signal("worker-1", SIGCONT)
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == 2 })
        let ids = try cluster.storedIDs().sorted()
        #expect(ids == letters)
        let ambiguous = try cluster.runCapturingErrors(["show", Self.twinPrefix])
        #expect(ambiguous.status == 1 && ambiguous.errors.contains("is the start of more than one document id"), "\(ambiguous.errors)")
        #expect(ambiguous.output.isEmpty)
        for id in ids {
            let one = try cluster.runCapturingErrors(["show", String(id.prefix(9)).uppercased()])
            #expect(one.status == 0 && one.output.contains("id          \(id)"), "\(one.output) \(one.errors)")
        }
    }

    @Test("a broker killed (kill -9) holding accepted documents, queued or held by a worker waiting for the aggregator: restarted, every one is applied once, with nothing submitted again")
    func brokerKilledWithAcceptedWork() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try queueArticlesWithoutWorkers(cluster)
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        // Out with a worker: 300 more, extracted and held while the aggregator is paused, the broker killed meanwhile.
        cluster.signal("aggregator", SIGSTOP)
        try cluster.start("worker-1", ["worker"])
        let folder = try FaultTests.reports(cluster, count: 300, name: "killed")
        let more = try cluster.run(["submit", folder])
        #expect(more.output.contains("accepted 300"), "\(more.output)")
        #expect(cluster.eventually(timeout: 30) { ((try? cluster.brokerStatus())??.waitingForStorage ?? 0) > 0 },
                "the worker holds records: \(String(describing: try? cluster.brokerStatus()))")
        cluster.kill9("broker")
        cluster.signal("aggregator", SIGCONT)
        try cluster.start("broker", ["broker"])

        let deadline = Date().addingTimeInterval(60)
        var applied = 0
        while Date() < deadline {
            applied = try cluster.aggregatorStatus()?.documentsApplied ?? applied
            if applied >= 324 { break }
            usleep(200_000)
        }
        #expect(applied == 324, "\(applied) of 324 applied after the broker's restarts")
        usleep(500_000)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 324, "none applied twice")
        let broker = try cluster.brokerStatus()
        #expect(broker?.deadLettered == 0)
        #expect(try cluster.storedIDs().count == 324)
    }

    @Test("the broker's journal compacted every 40 entries while 600 documents flow, the broker killed (kill -9) during each of three submissions: every document accepted, done and applied once, the counters exact, the journal holding what it must remember and not every body")
    func compactionUnderKills() throws {
        let cluster = try ClusterHarness(settings: "[storage]\njournal_compact_entries = 40")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        // Some 400 bytes each, so that the texts outweigh the known ids a compacted journal keeps (about 70 bytes a
        // document), and distinct across slices: each slice's reports numbered apart.
        func text(_ number: Int) -> String {
            "Ngày \(number % 28 + 1)/6/2024, HĐND tỉnh Nghệ An họp phiên giải trình lần \(number) về an sinh xã hội. "
                + "Các đại biểu chất vấn về tiến độ chi trả trợ cấp, hỗ trợ nhà ở cho hộ nghèo và việc làm cho lao động trở về từ nước ngoài; "
                + "lãnh đạo các sở, ngành giải trình và nhận trách nhiệm với những việc còn chậm."
        }
        let folders = try (0..<3).map { slice in try FaultTests.reports(cluster, count: 200, name: "slice-\(slice)") { text(slice * 1000 + $0) } }
        let bodyBytes = (0..<3).flatMap { slice in (0..<200).map { text(slice * 1000 + $0).utf8.count } }.reduce(0, +)
        // Each start of the broker begins a new log; what matters is a kill after a compaction, so that a start
        // replays a compacted journal and the entries written after it.
        var compactionsBeforeKills = 0
        func countCompactions() { compactionsBeforeKills += cluster.log("broker").components(separatedBy: "compacted the journal").count - 1 }
        for (slice, folder) in folders.enumerated() {
            let submit = try cluster.runInBackground(["submit", folder])
            let target = slice * 200 + 60
            #expect(cluster.eventually(timeout: 60) { ((try? cluster.brokerStatus())??.accepted ?? 0) >= target })
            cluster.kill9("broker")
            countCompactions()
            try cluster.start("broker", ["broker"])
            let finished = submit.finish(timeout: 120)
            #expect(finished.status == 0, "\(finished.output)")
        }
        for folder in folders {
            let again = try cluster.run(["submit", "--wait", "--wait-timeout", "120", folder], timeout: 150)
            #expect(again.status == 0 && again.output.contains("duplicate 200"), "\(again.output)")
        }
        #expect(cluster.eventually(timeout: 30) { (try? cluster.brokerStatus())??.done == 600 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("broker").suffix(800))")
        let broker = try cluster.brokerStatus()
        #expect(broker?.accepted == 600 && broker?.deadLettered == 0 && broker?.queued == 0 && broker?.inFlight == 0, "\(String(describing: broker))")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 600)
        let ids = try cluster.storedIDs()
        #expect(ids.count == 600 && Set(ids).count == 600)
        #expect(compactionsBeforeKills >= 1, "no compaction came before a kill")
        // Known ids and counters, not every body: without compaction the file would hold all 600 texts and two ids a document.
        let journalBytes = (try FileManager.default.attributesOfItem(atPath: cluster.dataDirectory + "/journals/broker.journal")[.size] as? NSNumber)?.intValue ?? -1
        #expect(journalBytes >= 0 && journalBytes < bodyBytes / 2, "journal \(journalBytes) bytes against \(bodyBytes) bytes of text")
        // A last restart replays the compacted journal to the same counters.
        cluster.kill9("broker")
        try cluster.start("broker", ["broker"])
        try cluster.waitUntilAnswering()
        let replayed = try cluster.brokerStatus()
        #expect(replayed?.accepted == 600 && replayed?.done == 600 && replayed?.queued == 0, "\(String(describing: replayed))")
    }

    @Test("a broker journal damaged in the middle: restarted, the broker says so as an error, keeps a copy, and serves every intact document after the damage; the lost one is accepted again, nothing twice")
    func brokerJournalDamagedInTheMiddle() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try queueArticlesWithoutWorkers(cluster)
        cluster.kill9("broker")
        let journal = cluster.dataDirectory + "/journals/broker.journal"
        let file = try #require(FileHandle(forUpdatingAtPath: journal))
        let size = try file.seekToEnd()
        try file.seek(toOffset: size / 2)
        try file.write(contentsOf: Data(repeating: 0xA5, count: 32))
        try file.close()

        try cluster.start("broker", ["broker"])
        try cluster.start("worker-1", ["worker"])
        #expect(cluster.eventually(timeout: 10) { cluster.log("broker").contains("broker journal was damaged in the middle") })
        let copies = try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/journals").filter { $0.hasPrefix("broker.journal.damaged-") }
        #expect(copies.count == 1, "\(copies)")
        // 32 bytes spoil one record, two if they straddle a boundary; every record after them is kept.
        // Settled: nothing queued or held by the worker, and the applied count read after that (a document still in
        // flight when the queue emptied was applied after the count was read, once in CI).
        var applied = 0
        #expect(cluster.eventually(timeout: 30) {
            guard let broker = try? cluster.brokerStatus(), broker.queued == 0, broker.inFlight == 0 else { return false }
            applied = (try? cluster.aggregatorStatus()?.documentsApplied) ?? applied
            return applied >= 22 && applied == broker.done
        }, "\(applied) of 24 applied")
        #expect((22...23).contains(applied), "\(applied)")

        let again = try cluster.run(["submit", "--wait", ClusterTests.articles])
        #expect(again.output.contains("accepted \(24 - applied) duplicate \(applied)"), "\(again.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 24)
        #expect(try cluster.storedIDs().count == 24)
    }

    @Test("an unreadable newest snapshot falls back to the one before, and the records store fills the gap")
    func snapshotFallback() throws {
        let (cluster, complete, snapshots) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        #expect(snapshots.count >= 3)
        try Data("{\"schema\": 1, \"truncated".utf8).write(to: URL(fileURLWithPath: snapshots.last!))
        #expect(try appliedAfterRestart(cluster) == complete.documentsApplied)
        let stopped = cluster.stopCluster()
        #expect(stopped["aggregator"] == 0)
        let recovered = try cluster.newestSnapshot()
        #expect(recovered.provinces.map(\.documents) == complete.provinces.map(\.documents))
    }

    @Test("the two newest snapshots deleted: the state is rebuilt whole from an older one and the records store")
    func newestSnapshotsLost() throws {
        let (cluster, complete, snapshots) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        #expect(snapshots.count >= 3)
        for path in snapshots.suffix(2) { try FileManager.default.removeItem(atPath: path) }
        #expect(try appliedAfterRestart(cluster) == complete.documentsApplied)
        _ = cluster.stopCluster()
        #expect(try cluster.newestSnapshot().provinces == complete.provinces)
    }

    @Test("every snapshot unreadable: the state is rebuilt whole from the records store")
    func allSnapshotsUnreadable() throws {
        let (cluster, complete, snapshots) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        for path in snapshots { try Data("garbage".utf8).write(to: URL(fileURLWithPath: path)) }
        #expect(try appliedAfterRestart(cluster) == complete.documentsApplied)
        _ = cluster.stopCluster()
        #expect(try cluster.newestSnapshot().provinces == complete.provinces)
        #expect(cluster.log("aggregator").contains("rebuilding the state from every stored record"))
    }

    @Test("a records store restored from an older backup under newer snapshots: the start skips them and says so, and the documents sent again count once")
    func storeOlderThanSnapshots() throws {
        let cluster = try ClusterHarness(settings: """
            [snapshots]
            every_records = 5
            every_seconds = 0.2
            keep = 10
            """)
        defer { cluster.tearDown() }
        let files = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).filter { $0.hasSuffix(".txt") }.sorted()
            .map { ClusterTests.articles + "/" + $0 }
        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait"] + Array(files[0..<8])).status == 0)
        usleep(600_000)
        _ = cluster.stopCluster()
        // The backup: the store with eight documents, whole in its file.
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        try Self.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
        try FileManager.default.copyItem(atPath: store, toPath: store + ".backup")

        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait"] + Array(files[8...])).status == 0)
        usleep(600_000)
        _ = cluster.stopCluster()
        #expect(try cluster.newestSnapshot().documentsApplied == files.count)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        try FileManager.default.copyItem(atPath: store + ".backup", toPath: store)

        // Loading the newest snapshot would count documents the store does not hold.
        #expect(try appliedAfterRestart(cluster) == 8)
        #expect(cluster.log("aggregator").contains("skipped snapshots newer than the records store"), "\(cluster.log("aggregator").suffix(800))")
        // Set aside, not left as the newest by name: none numbered above the store's eight records remains.
        let names = try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/snapshots")
        let numbered = names.filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".json") }.compactMap { Int($0.dropFirst(9).dropLast(5)) }
        #expect(!numbered.isEmpty && numbered.allSatisfy { $0 <= 8 }, "\(names.sorted())")
        #expect(names.contains { $0.contains(".json.ahead-") }, "\(names.sorted())")
        try cluster.start("broker", ["broker"])
        try cluster.start("worker-1", ["worker"])
        try cluster.waitUntilLive(workers: 1)
        // A second copy of a text in the same chunk is a duplicate, not a second RETRY that runs the document again
        // (a tester's folder with every text twice had 44 of them run twice).
        let copy = cluster.dataDirectory + "/copy-of-first.txt"
        try FileManager.default.copyItem(atPath: files[0], toPath: copy)
        let again = try cluster.run(["submit", "--again", "--wait"] + files + [copy])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("submitted \(files.count + 1) accepted \(files.count) duplicate 1 "), "\(again.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == files.count)
        // Killed before its final snapshot, the next start must not take a set-aside one, now below the store's sequence.
        cluster.kill9("aggregator")
        #expect(try appliedAfterRestart(cluster) == files.count)
        _ = cluster.stopCluster()
        let snapshot = try cluster.newestSnapshot()
        #expect(snapshot.documentsApplied == files.count)
        #expect(Dictionary(uniqueKeysWithValues: snapshot.provinces.map { ($0.key, $0.documents) }) == (try ClusterTests.expectedDocumentCounts()))
    }

    @Test("submit --again: a copy of a text whose first copy the broker refused is sent, and runs the document again; it is no duplicate")
    func sendAgainAfterRefusal() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let text = Data("Sáng 14/3/2024, ông Trần Văn Lâm, Chủ tịch UBND tỉnh Bến Tre chủ trì hội nghị với các sở, ngành.".utf8)
        let folder = cluster.dataDirectory + "/again"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plain = folder + "/plain.txt"
        try text.write(to: URL(fileURLWithPath: plain))
        #expect(try cluster.run(["submit", "--wait", plain]).status == 0)
        let doneBefore = try #require(try cluster.brokerStatus()).done
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 1)

        // The same text twice more: first under a name the broker refuses whatever it knows of the id (a control
        // character), then under a clean one. The refused copy must not make the clean one a duplicate.
        let refused = folder + "/line\nbreak.txt"
        let clean = folder + "/clean.txt"
        try text.write(to: URL(fileURLWithPath: refused))
        try text.write(to: URL(fileURLWithPath: clean))
        let again = try cluster.runCapturingErrors(["submit", "--again", "--wait", refused, clean])
        #expect(again.status == 1, "\(again.output)\n\(again.errors)")
        #expect(again.output.contains("submitted 2 accepted 1 duplicate 0 rejected 1"), "\(again.output)")
        #expect(again.errors.contains("control characters"), "\(again.errors)")
        // It ran again (done counts it) and is stored once: the aggregator answered it stored without applying it twice.
        var done = doneBefore
        for _ in 0..<50 where done == doneBefore {
            usleep(100_000)
            done = try #require(try cluster.brokerStatus()).done
        }
        #expect(done == doneBefore + 1)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 1)
    }

    @Test("the records store gone while snapshots say documents were applied: the aggregator refuses to start, saying why")
    func storeMissing() throws {
        let (cluster, _, _) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cluster.dataDirectory + "/journals/records.sqlite" + suffix) }
        #expect(try appliedAfterRestart(cluster) == -1)
        let deadline = Date().addingTimeInterval(10)
        while cluster.isRunning("aggregator") && Date() < deadline { usleep(50_000) }
        #expect(!cluster.isRunning("aggregator"))
        let log = cluster.log("aggregator")
        #expect(log.contains("cannot rebuild the aggregator's state") && log.contains("holds no records"), "\(log.suffix(600))")
        // It names both: the store it found empty and the snapshot that says otherwise.
        #expect(log.contains(cluster.dataDirectory + "/journals/records.sqlite") && log.contains("snapshot-"), "\(log.suffix(600))")
    }

    @Test("a damaged page in the records store stops the start naming the file and the way back; salvaged, it starts from the previous snapshot")
    func damagedStore() throws {
        let (cluster, complete, _) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        // Salvaging under a running aggregator is refused.
        #expect(try appliedAfterRestart(cluster) == complete.documentsApplied)
        let refused = try cluster.runCapturingErrors(["salvage-records"])
        let holder = cluster.daemons["aggregator"]?.processIdentifier ?? -1
        #expect(refused.status != 0 && refused.errors.contains("stop the aggregator first") && refused.errors.contains("pid \(holder)"),
                "salvage must refuse while an aggregator holds the data directory, naming it: \(refused.errors)")
        _ = cluster.stopCluster()
        // Every committed page in the database file (as after a checkpoint), then one in the middle overwritten.
        try Self.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int)
        try #require(size >= 8 * 4096, "the store should span pages: \(size) bytes")
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(size / 4096 / 2) * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()

        // The pages are read in the background while the aggregator answers; finding the damage, it stops
        // before storing anything.
        try cluster.start("aggregator", ["aggregator"])
        let deadline = Date().addingTimeInterval(10)
        while cluster.isRunning("aggregator") && Date() < deadline { usleep(50_000) }
        #expect(!cluster.isRunning("aggregator"))
        let log = cluster.log("aggregator")
        #expect(log.contains("is damaged") && log.contains(store) && log.contains("ingest salvage-records"), "\(log.suffix(800))")

        // The README's way back: salvage what can be read into a new store, then start.
        let salvage = try cluster.run(["salvage-records"])
        #expect(salvage.status == 0, "\(salvage.output)")
        #expect(salvage.output.contains("salvaged") && salvage.output.contains("will start from snapshot"), "\(salvage.output)")
        #expect(salvage.output.contains("this report is kept in \(store).damaged-"), "\(salvage.output)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory + "/journals")
        #expect(kept.contains { $0.hasPrefix("records.sqlite.damaged-") }, "\(kept)")
        let applied = try appliedAfterRestart(cluster)
        #expect(applied > 0 && applied <= complete.documentsApplied, "\(applied) of \(complete.documentsApplied)\n\(cluster.log("aggregator").suffix(800))")
        #expect(cluster.isRunning("aggregator"))
        #expect(try cluster.run(["records"]).status == 0)
    }

    @Test("a damaged page the start never reads (the first record's body, under every snapshot): the aggregator starts serving, its page check in the background finds the damage, and it stops naming the file and salvage")
    func damageFoundByThePageCheck() throws {
        let (cluster, complete, _) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        #expect(complete.documentsApplied == 24)
        _ = cluster.stopCluster()
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        try Self.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
        let page = runToolOutput("/usr/bin/sqlite3", [store, "SELECT min(pageno) FROM dbstat WHERE name = 'record_bodies' AND pagetype = 'leaf'"]) ?? ""
        let number = try #require(Int(page.trimmingCharacters(in: .whitespacesAndNewlines)), "no leaf page of record_bodies: \(page)")
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(number - 1) * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()

        try cluster.start("aggregator", ["aggregator"])
        let deadline = Date().addingTimeInterval(10)
        while cluster.isRunning("aggregator") && Date() < deadline { usleep(50_000) }
        #expect(!cluster.isRunning("aggregator"), "the damage went unseen")
        let log = cluster.log("aggregator")
        let listening = try #require(log.range(of: "aggregator listening"), "the start itself failed: \(log.suffix(800))")
        let damaged = try #require(log.range(of: "is damaged"), "\(log.suffix(800))")
        #expect(listening.upperBound <= damaged.lowerBound, "found before the aggregator served: \(log.suffix(800))")
        let line = log.split(separator: "\n").first { $0.contains("is damaged") } ?? ""
        #expect(line.contains(store) && line.contains("ingest salvage-records"), "\(line)")
    }

    @Test("a page of records damaged under a running aggregator: the next commit that touches it stops the aggregator naming the file and salvage; its batch stays with the workers; salvaged and restarted, every document is applied once")
    func storeDamagedWhileRunning() throws {
        // No snapshot before the damage: the lost rows are then ones salvage names to send again.
        let cluster = try ClusterHarness(settings: "[snapshots]\nevery_seconds = 3600\nevery_records = 100000")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let first = try FaultTests.reports(cluster, count: 30, name: "first")
        #expect(try cluster.run(["submit", "--wait", first]).status == 0)
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        // Into the file itself, as the aggregator's own checkpoint would, then the leaf the next rows go to is damaged.
        try Self.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
        let leaves = try #require(runToolOutput("/usr/bin/sqlite3", [store, "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY path"]))
            .split(separator: "\n").compactMap { Int($0) }
        let leaf = try #require(leaves.last, "no leaf of records in \(store)")
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(leaf - 1) * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()

        let second = cluster.dataDirectory + "/second"
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
        for index in 0..<10 {
            try Data("Chiều \(index + 1)/4/2024, UBND tỉnh Sóc Trăng họp bàn kế hoạch số \(index + 500).".utf8)
                .write(to: URL(fileURLWithPath: second + "/later-\(index).txt"))
        }
        #expect(try cluster.run(["submit", second]).output.contains("accepted 10"))
        #expect(cluster.eventually(timeout: 30) { !cluster.isRunning("aggregator") }, "\(cluster.log("aggregator").suffix(800))")
        let log = cluster.log("aggregator")
        #expect(log.contains("records.sqlite") && log.contains("salvage-records"), "\(log.suffix(800))")
        // The batch it could not store is with the workers, nothing dead-lettered, the broker and worker still up.
        #expect(cluster.eventually(timeout: 10) { (((try? cluster.brokerStatus()) ?? nil)?.waitingForStorage ?? 0) > 0 },
                "\(String(describing: try? cluster.brokerStatus()))")
        #expect(try cluster.brokerStatus()?.deadLettered == 0)
        #expect(cluster.isRunning("broker") && cluster.isRunning("worker-1"))

        // Its standard output on a full disk: the salvage is done, says so on standard error, and its report (the
        // documents to send again) is in a file named there, written before the stores moved.
        let unprinted = try cluster.runCapturingErrors(["salvage-records"], standardOutput: "/dev/full")
        #expect(unprinted.status == 1 && unprinted.errors.contains("cannot write standard output"), "\(unprinted.errors)")
        let reportPath = try #require(unprinted.errors.components(separatedBy: "its report is kept in ").last?
            .trimmingCharacters(in: .whitespacesAndNewlines), "\(unprinted.errors)")
        let salvage = (status: unprinted.status, output: try String(contentsOfFile: reportPath, encoding: .utf8))
        #expect(salvage.output.contains("salvaged") && salvage.output.contains("the damaged store is kept as"), "\(salvage.output)")
        try cluster.start("aggregator", ["aggregator"])
        // The held records arrive again; what salvage says was lost and not counted is sent again as it advises.
        #expect(cluster.eventually(timeout: 30) { (((try? cluster.brokerStatus()) ?? nil)?.done ?? 0) == 40 },
                "\(String(describing: try? cluster.brokerStatus())) \(cluster.log("aggregator").suffix(800))")
        // Lines of `<id>\t<file>`: those on the damaged leaf, stored after the last snapshot (none was written yet). The
        // leaf may also have been read whole from the write-ahead log, which a commit rewrote before another read of
        // the file met the damage: then salvage loses none.
        let resend = salvage.output.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
            .filter { $0.hasSuffix(".txt") && FileManager.default.fileExists(atPath: $0) }
        if resend.isEmpty {
            #expect(salvage.output.contains("lost none"), "\(salvage.output)")
        } else {
            #expect(resend.allSatisfy { $0.hasPrefix(first) }, "\(salvage.output)")
            let resent = try cluster.run(["submit", "--again", "--wait", "--wait-timeout", "30"] + resend)
            #expect(resent.status == 0 && resent.output.contains("accepted \(resend.count) "), "\(resent.output)")
        }
        #expect(cluster.eventually(timeout: 30) { ((try? cluster.aggregatorStatus()) ?? nil)?.documentsApplied == 40 },
                "\(String(describing: try? cluster.aggregatorStatus())) \(salvage.output)")
        let again = try cluster.run(["submit", "--wait", "--wait-timeout", "30", first, second])
        #expect(again.output.contains("accepted 0 duplicate 40"), "\(again.output)")
        #expect(try cluster.aggregatorStatus()?.documentsApplied == 40)
    }

    @Test("documents on a damaged page of records, salvaged, keep their ids: sent again, they count once")
    func salvagedDocumentsSentAgain() throws {
        let (cluster, complete, _) = try clusterWithSeveralSnapshots()
        defer { cluster.tearDown() }
        let store = cluster.dataDirectory + "/journals/records.sqlite"
        try Self.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
        // A leaf of `records` (SQLite's dbstat names its pages): the rows it holds are gone, their ids are not.
        let leaves = try #require(runToolOutput("/usr/bin/sqlite3", [store, "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY path"]))
            .split(separator: "\n").compactMap { Int($0) }
        let leaf = try #require(leaves.isEmpty ? nil : leaves[leaves.count / 2], "no leaf of records in \(store)")
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(leaf - 1) * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()

        let salvage = try cluster.run(["salvage-records"])
        #expect(salvage.status == 0, "\(salvage.output)")
        #expect(salvage.output.contains("kept the ids of") && salvage.output.contains("start from snapshot \(complete.sequence)"), "\(salvage.output)")

        // Every document sent again past the broker's memory of its id (`--again`), and one it never saw: those
        // salvaged and those whose ids were kept are stored already, none counts twice; the new one counts once.
        try cluster.startCluster(workers: 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: ClusterTests.articles).sorted().map { ClusterTests.articles + "/" + $0 }
        let newcomer = cluster.dataDirectory + "/newcomer.txt"
        try Data("Chiều 9/10/2024, UBND tỉnh Cà Mau họp bàn kế hoạch phòng chống sạt lở bờ biển.".utf8).write(to: URL(fileURLWithPath: newcomer))
        let again = try cluster.run(["submit", "--again", "--wait"] + files + [newcomer])
        #expect(again.status == 0 && again.output.contains("submitted \(files.count + 1) accepted \(files.count + 1) duplicate 0"), "\(again.output)")
        let reply = try #require(try cluster.ask(cluster.aggregator, AggregatorRequest.status.frames))
        guard case .status(let status)? = try? AggregatorReply(frames: reply) else { Issue.record("no status"); return }
        #expect(status.documentsApplied == complete.documentsApplied + 1, "\(status.documentsApplied) applied, \(complete.documentsApplied) before the damage")
        _ = cluster.stopCluster()
        let after = try cluster.newestSnapshot()
        let counts = { (snapshot: Snapshot) in Dictionary(snapshot.provinces.map { ($0.key, $0.documents) }, uniquingKeysWith: +) }
        let (before, now) = (counts(complete), counts(after))
        let changed = Set(before.keys).union(now.keys).filter { before[$0] != now[$0] }
        #expect(!changed.isEmpty && changed.allSatisfy { $0.contains("Cà Mau") && now[$0] == (before[$0] ?? 0) + 1 },
                "only the new document's province gains one: \(changed.map { "\($0) \(before[$0] ?? 0) -> \(now[$0] ?? 0)" })")
    }

    /// Runs the sqlite3 shell on `database` with `command`; with `into`, pipes its output (SQL) into a new database there.
    static func sqlite(_ database: String, _ command: String, into target: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = { (path: String) in "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        process.arguments = ["-c", "sqlite3 \(quoted(database)) \(quoted(command))" + (target.map { " | sqlite3 \(quoted($0))" } ?? "")]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(command)")
    }
}
