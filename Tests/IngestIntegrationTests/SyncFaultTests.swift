import Foundation
import IngestProtocol
import MeetingModel
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// ACCEPTED and STORED mean on disk: attacked on the real daemons with strace's fault injection, which holds back
/// or fails every `fsync` one makes. A kill -9 cannot test this (the page cache survives it); a power cut would lose
/// what was only cached, so an answer must never come before the `fsync` that covers it has returned.
@Suite("Sync faults", .serialized)
struct SyncFaultTests {
    static let strace = SystemCallTrace.strace
    /// Whether strace is here and may attach to a process that is not its child.
    static let canTrace = SystemCallTrace.canAttach

    /// Attaches strace to every thread of one of the cluster's daemons (or only to its thread named `thread`),
    /// injecting `injection` into its `injected` calls (its `fsync` and `fdatasync` unless told; none when `injection`
    /// is nil) and writing the `calls` it traces to `output`; returns once every thread is attached.
    static func inject(_ injection: String?, into cluster: ClusterHarness, daemon: String = "broker", thread: String? = nil,
                       trace calls: String = "fsync,fdatasync", injected: String = "fsync,fdatasync", output: String = "/dev/null") throws -> Process {
        let pid = try #require(cluster.daemons[daemon]).processIdentifier
        let target: [String]
        if let thread {
            let tasks = "/proc/\(pid)/task"
            let tid = try #require(try FileManager.default.contentsOfDirectory(atPath: tasks).first { task in
                (try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == thread
            }, "the \(daemon) has no thread named \(thread)")
            target = ["-p", tid]
        } else {
            target = ["-f", "-p", "\(pid)"]
        }
        let log = cluster.dataDirectory + "/strace-\(daemon).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: strace)
        tracer.arguments = target + ["-o", output, "-e", "trace=" + calls] + (injection.map { ["-e", "inject=\(injected):" + $0] } ?? [])
        tracer.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try tracer.run()
        // "Process N attached with T threads": strace says so once it holds them all.
        let attached = cluster.eventually(timeout: 10) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains(" attached") }
        #expect(attached, "strace could not attach to the \(daemon): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        return tracer
    }

    /// Ends strace; the kernel detaches the broker's threads when their tracer dies (strace does not ask for them
    /// to die with it) and they run on as before. SIGKILL, not SIGTERM: strace started from here inherits the test
    /// runner's blocked signals and never saw a SIGTERM.
    static func detach(_ tracer: Process) {
        guard tracer.isRunning else { return }
        kill(tracer.processIdentifier, SIGKILL)
        tracer.waitUntilExit()
    }

    /// SUBMIT of `text` over a fresh connection: the reply and the seconds it took (nil reply after `waiting` ms).
    static func submit(_ text: String, to cluster: ClusterHarness, waiting: Int32 = 10_000) throws -> (reply: BrokerReply?, seconds: Double) {
        let started = Date()
        let frames = try cluster.ask(cluster.frontend, ProducerRequest.submit(id: nil, metadata: DocumentMetadata(), body: Array(text.utf8)).frames, waiting: waiting)
        return (try frames.map { try BrokerReply(frames: $0) }, Date().timeIntervalSince(started))
    }

    @Test("a snapshot is written to a temporary file, fsynced, renamed into place and its folder fsynced, in that order (seen by strace on the aggregator)",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func snapshotWrittenDurably() throws {
        let cluster = try ClusterHarness(settings: "[snapshots]\nevery_seconds = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let log = cluster.dataDirectory + "/strace-snapshot.log"
        let tracer = try Self.inject(nil, into: cluster, daemon: "aggregator", trace: "openat,fsync,fdatasync,rename,renameat,renameat2", output: log)
        defer { Self.detach(tracer) }
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let snapshots = cluster.dataDirectory + "/snapshots"
        #expect(cluster.eventually(timeout: 15) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("snapshot-00000000000000000024.json\"") })
        usleep(500_000)
        Self.detach(tracer)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        func descriptor(_ line: String) -> String? { line.range(of: ") = ").map { String(line[$0.upperBound...].prefix { $0.isNumber }) } }
        let opened = try #require(lines.firstIndex { $0.contains("openat(") && $0.contains("snapshot-00000000000000000024.json.tmp-") && $0.contains("O_CREAT") }, "\(lines.suffix(20))")
        let file = try #require(descriptor(lines[opened]))
        let renamed = try #require(lines.indices.first { $0 > opened && lines[$0].contains("rename") && lines[$0].contains("snapshot-00000000000000000024.json\"") })
        #expect(lines[opened..<renamed].contains { $0.contains("fsync(\(file))") || $0.contains("fdatasync(\(file))") }, "the file synced before its rename: \(lines[opened...renamed])")
        let folder = try #require(lines.indices.first { $0 > renamed && lines[$0].contains("openat(") && lines[$0].contains("\"\(snapshots)\"") && lines[$0].contains("O_DIRECTORY") },
                                  "\(lines[renamed...].prefix(10))")
        let folderDescriptor = try #require(descriptor(lines[folder]))
        #expect(lines[folder...].contains { $0.contains("fsync(\(folderDescriptor))") }, "the folder synced after the rename: \(lines[folder...].prefix(10))")
    }

    @Test("a broker journal's compaction writes the new file, fsyncs it, renames it over the journal and fsyncs the folder, in that order; later commits fsync the new file (seen by strace on the broker)",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func compactionWrittenDurably() throws {
        let cluster = try ClusterHarness(settings: "[storage]\njournal_compact_entries = 5")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let log = cluster.dataDirectory + "/strace-compaction.log"
        let tracer = try Self.inject(nil, into: cluster, daemon: "broker", trace: "openat,fsync,fdatasync,rename,renameat,renameat2", output: log)
        defer { Self.detach(tracer) }
        // Each document is several entries (accepted, origins, done): 20 of them pass 5 entries many times over.
        let reports = try FaultTests.reports(cluster, count: 20)
        #expect(try cluster.run(["submit", "--wait", reports], timeout: 60).status == 0)
        usleep(300_000)
        // One more after the compactions: its commit must reach the new file.
        let after = try Self.submit("Sáng 9/9/2025, HĐND tỉnh Cà Mau họp phiên bất thường sau khi nén nhật ký.", to: cluster)
        #expect(after.reply.map { if case .accepted = $0 { true } else { false } } ?? false, "\(String(describing: after.reply))")
        usleep(300_000)
        Self.detach(tracer)
        let journals = cluster.dataDirectory + "/journals"
        let journal = journals + "/broker.journal"
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        func descriptor(_ line: String) -> String? { line.range(of: ") = ").map { String(line[$0.upperBound...].prefix { $0.isNumber }) } }
        func synced(_ fd: String, in range: some Sequence<String>) -> Bool { range.contains { $0.contains("fsync(\(fd))") || $0.contains("fdatasync(\(fd))") } }
        let renames = lines.indices.filter { lines[$0].contains("rename") && lines[$0].contains("\"\(journal).rewrite\"") }
        #expect(!renames.isEmpty, "no compaction seen: \(lines.suffix(20))")
        let lastRename = try #require(renames.last)
        let created = try #require(lines[..<lastRename].lastIndex { $0.contains("openat(") && $0.contains("\"\(journal).rewrite\"") && $0.contains("O_CREAT") },
                                   "\(lines[..<lastRename].suffix(10))")
        let temporary = try #require(descriptor(lines[created]))
        #expect(synced(temporary, in: lines[created..<lastRename]), "the new file synced before its rename: \(lines[created...lastRename])")
        let folder = try #require(lines.indices.first { $0 > lastRename && lines[$0].contains("openat(") && lines[$0].contains("\"\(journals)\"") && lines[$0].contains("O_DIRECTORY") },
                                  "\(lines[lastRename...].prefix(10))")
        #expect(synced(try #require(descriptor(lines[folder])), in: lines[folder...]), "the folder synced after the rename: \(lines[folder...].prefix(10))")
        let reopened = try #require(lines.indices.first { $0 > lastRename && lines[$0].contains("openat(") && lines[$0].contains("\"\(journal)\"") },
                                    "the journal opened again after the rename: \(lines[lastRename...].prefix(10))")
        #expect(synced(try #require(descriptor(lines[reopened])), in: lines[reopened...]), "a commit after the compaction syncs the new file: \(lines[reopened...].prefix(20))")
    }

    @Test("one fsync covers every document that arrived meanwhile: with each of the broker's fsyncs taking 0.4 s, 50 documents submitted together are all accepted after a handful of fsyncs, not 50",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func groupCommit() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCoordinators()
        let log = cluster.dataDirectory + "/strace-fsync.log"
        let tracer = try Self.inject("delay_exit=400000", into: cluster, output: log)
        defer { Self.detach(tracer) }
        let folder = try FaultTests.reports(cluster, count: 50)
        let submitted = try cluster.run(["submit", folder], timeout: 60)
        Self.detach(tracer)
        #expect(submitted.status == 0 && submitted.output.contains("accepted 50"), "\(submitted.output)")
        let syncs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { !$0.contains("resumed") && ($0.contains("fsync(") || $0.contains("fdatasync(")) }
        #expect((1...10).contains(syncs.count), "\(syncs.count) fsyncs for 50 documents")
    }

    @Test("every fsync of the broker held back 1.5 s: ACCEPTED comes no sooner after its SUBMIT; let go, the next one is answered at once",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func acceptedAfterSync() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let tracer = try Self.inject("delay_exit=1500000", into: cluster)
        defer { Self.detach(tracer) }
        let held = try Self.submit("Sáng 3/4/2024, UBND tỉnh Cà Mau họp về chuyển đổi số.", to: cluster)
        guard case .accepted? = held.reply else {
            Issue.record("expected ACCEPTED, got \(String(describing: held.reply))")
            return
        }
        #expect(held.seconds >= 1.45, "ACCEPTED came \(held.seconds) s after SUBMIT, before the journal's fsync returned")
        Self.detach(tracer)
        let free = try Self.submit("Sáng 4/4/2024, UBND tỉnh Cà Mau họp về chuyển đổi số.", to: cluster)
        guard case .accepted? = free.reply else {
            Issue.record("expected ACCEPTED, got \(String(describing: free.reply))")
            return
        }
        #expect(free.seconds < held.seconds - 0.5, "the wait came from the held fsync: \(free.seconds) s without it, \(held.seconds) s with it")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 2 })
    }

    @Test("every fsync of the broker held back 1.5 s while `submit` waits 1 s for an answer: it reconnects and sends the same ids again, and still counts each document accepted, none a duplicate (the resends were its own), as does the broker",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func lateAnswerCountedOnce() throws {
        let cluster = try ClusterHarness(settings: "[producer]\ntimeout_seconds = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 4, name: "late")
        let tracer = try Self.inject("delay_exit=1500000", into: cluster)
        defer { Self.detach(tracer) }
        let run = try cluster.runCapturingErrors(["submit", folder], timeout: 60)
        Self.detach(tracer)
        #expect(run.errors.contains("reconnecting"), "submit never waited past its timeout, so nothing was resent: \(run.errors)")
        #expect(run.status == 0, "\(run.output) \(run.errors)")
        #expect(run.output.contains("submitted 4 accepted 4 duplicate 0 rejected 0"), "\(run.output)")
        let status = try #require(try cluster.brokerStatus())
        #expect(status.accepted == 4 && status.duplicates == 0, "broker counted \(status.accepted) accepted, \(status.duplicates) duplicates")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 4 })
    }

    @Test("the broker killed (kill -9) once it has written some of `submit`'s documents to its journal and before it answers (its fsync held 3 s): restarted, it tells `submit`'s resend ACCEPTED, and `submit` and the broker count each document accepted, none a duplicate",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func lateAnswerAcrossRestart() throws {
        let cluster = try ClusterHarness(settings: "[producer]\ntimeout_seconds = 1")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 4, name: "restart")
        let journal = cluster.dataDirectory + "/journals/broker.journal"
        func journalBytes() -> Int { ((try? FileManager.default.attributesOfItem(atPath: journal))?[.size] as? Int) ?? 0 }
        let before = journalBytes()
        let tracer = try Self.inject("delay_exit=3000000", into: cluster)
        defer { Self.detach(tracer) }
        let run = try cluster.runInBackground(["submit", folder])
        // A report is about 100 bytes: at least one is in the file, its fsync not yet returned, no answer sent.
        #expect(cluster.eventually(timeout: 10) { journalBytes() >= before + 80 }, "nothing was journaled")
        cluster.kill9("broker")
        Self.detach(tracer)
        try cluster.start("broker", ["broker"])
        let finished = run.finish(timeout: 60)
        #expect(finished.status == 0, "\(finished.output)")
        #expect(finished.output.contains("submitted 4 accepted 4 duplicate 0 rejected 0"), "\(finished.output)")
        let status = try #require(try cluster.brokerStatus())
        #expect(status.accepted == 4 && status.duplicates == 0, "broker counted \(status.accepted) accepted, \(status.duplicates) duplicates")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 4 })
        #expect(try cluster.storedIDs().count == 4)
    }

    @Test("every fsync of the broker failing (EIO): BUSY, never ACCEPTED, and status says why; once the disk syncs again the same document is accepted, applied once",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func busyWhileSyncFails() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let text = "Chiều 5/4/2024, UBND tỉnh Bạc Liêu họp về giảm nghèo bền vững."
        let tracer = try Self.inject("error=EIO", into: cluster)
        defer { Self.detach(tracer) }
        for _ in 0..<10 {
            let answer = try Self.submit(text, to: cluster)
            guard case .busy? = answer.reply else {
                Issue.record("expected BUSY while fsync fails, got \(String(describing: answer.reply))")
                return
            }
        }
        let during = try cluster.brokerStatus()
        #expect(during?.accepted == 0 && during?.storageError?.contains("fsync") == true, "\(String(describing: during))")
        // Ten BUSY answers, at most one line saying so (the failed writes themselves are logged apart, each retry backing off).
        #expect(cluster.log("broker").components(separatedBy: "answering BUSY while the journal cannot be written").count <= 2,
                "\(cluster.log("broker").suffix(1200))")
        Self.detach(tracer)
        #expect(cluster.eventually(timeout: 10) {
            if case .accepted? = try? Self.submit(text, to: cluster, waiting: 2_000).reply { return true }
            return false
        }, "\(cluster.log("broker").suffix(800))")
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 1 })
        let again = try cluster.run(["submit", "--wait", "-"], input: Data(text.utf8))
        #expect(again.output.contains("duplicate 1"), "\(again.output)")
        let after = try cluster.brokerStatus()
        #expect(after?.accepted == 1 && after?.done == 1 && after?.storageError == nil, "\(String(describing: after))")
    }

    @Test("every fsync of the aggregator failing (EIO) while 60 documents arrive: nothing applied or answered STORED, status says the store cannot be written, no daemon exits; the disk back, each applied once",
          .enabled(if: canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func storeSyncFails() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = try FaultTests.reports(cluster, count: 60)
        let tracer = try Self.inject("error=EIO", into: cluster, daemon: "aggregator")
        defer { Self.detach(tracer) }
        #expect(try cluster.run(["submit", folder]).output.contains("accepted 60"))
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.storageError != nil },
                "\(cluster.log("aggregator").suffix(800))")
        usleep(1_000_000)
        let aggregator = try cluster.aggregatorStatus()
        #expect(aggregator?.documentsApplied == 0, "\(String(describing: aggregator))")
        #expect(try cluster.brokerStatus()?.done == 0, "no STORED, so no DONE")
        #expect(try cluster.storedIDs().isEmpty)
        #expect(["aggregator", "broker", "worker-1"].allSatisfy { cluster.isRunning($0) })
        Self.detach(tracer)
        #expect(cluster.eventually(timeout: 30) { (try? cluster.aggregatorStatus())??.documentsApplied == 60 },
                "\(String(describing: try? cluster.aggregatorStatus())) \(cluster.log("aggregator").suffix(800))")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.brokerStatus())??.done == 60 })
        let ids = try cluster.storedIDs()
        #expect(ids.count == 60 && Set(ids).count == 60)
        #expect(try cluster.aggregatorStatus()?.storageError == nil)
        #expect(try cluster.run(["submit", "--wait", folder]).output.contains("duplicate 60"))
    }
}
