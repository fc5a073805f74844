import Foundation
import IngestProtocol
import MeetingModel
import ProvinceAggregation
import Synchronization
import Testing
import TestSupport
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// What a tester meets with only the README: no cluster running, a typo in the config, a bad
/// `--workers`, `--version`. Every command says what is wrong at once, naming the endpoint, key or line.
@Suite("Fail fast", .serialized)
struct FailFastTests {
    struct Finished {
        let status: Int32
        let output: String
        let errors: String
        let seconds: Double

        var errorLines: [Substring] { errors.split(separator: "\n") }
        func count(_ text: String) -> Int { errors.components(separatedBy: text).count - 1 }
    }

    /// Runs `executable` (the `ingest` binary unless told) to completion, killing it by PID after `timeout`,
    /// and keeps both its outputs.
    static func run(_ arguments: [String], environment: [String: String], executable: String = ingestBinary,
                    directory: String? = nil, timeout: TimeInterval = 60) throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let outputText = ClusterHarness.OutputCollector(output.fileHandleForReading)
        let errorText = ClusterHarness.OutputCollector(errors.fileHandleForReading)
        let start = Date()
        try process.run()
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let seconds = Date().timeIntervalSince(start)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        // Bounded: Foundation sees a child exit only when a socket it shares with the child closes, and a
        // grandchild that keeps it (a daemon a script started) would make waitUntilExit wait forever.
        let killedAt = Date()
        while process.isRunning && Date().timeIntervalSince(killedAt) < 5 { usleep(20_000) }
        if process.isRunning {
            Issue.record("\(executable) \(arguments) still looks alive after SIGKILL (a descriptor kept by a process it started?)")
            return Finished(status: -1, output: "", errors: "", seconds: seconds)
        }
        process.waitUntilExit()
        return Finished(status: process.terminationStatus, output: outputText.text(), errors: errorText.text(), seconds: seconds)
    }

    /// Runs `body` with a data directory for the cluster scripts, the environment they need (this build's binary)
    /// and a path maker for `Scripts/`; afterwards kills by PID whatever the scripts started (they write a pid
    /// file per daemon).
    static func withScripts(_ body: (ClusterHarness, [String: String], (String) -> String) throws -> Void) throws {
        let cluster = try ClusterHarness()
        defer {
            for pid in pidFiles(cluster).values { kill(pid, SIGKILL) }
            cluster.tearDown()
        }
        var environment = cluster.environment
        environment["INGEST_BIN"] = ingestBinary
        try body(cluster, environment) { packageRoot.appendingPathComponent("Scripts/\($0)").path }
    }

    /// The processes, zombies left out, whose environment sets `variable` to `value`.
    static func processes(withVariable variable: String, value: String) -> [Int32] {
        let entry = Data("\(variable)=\(value)".utf8)
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init).filter { pid in
            guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                  environ.split(separator: 0).contains(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
            return state != "Z"
        }
    }

    /// The daemons the scripts' pid files name: `worker-1`, `broker`... to their PIDs.
    static func pidFiles(_ cluster: ClusterHarness) -> [String: Int32] { pidFiles(dataDirectory: cluster.dataDirectory) }

    /// The daemons the pid files in `dataDirectory` name, as ``pidFiles(_:)``.
    static func pidFiles(dataDirectory: String) -> [String: Int32] {
        let folder = dataDirectory + "/pids"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".pid") }
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in
            (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                .map { (String(name.dropLast(".pid".count)), $0) }
        })
    }

    static func writeReports(_ cluster: ClusterHarness, count: Int) throws -> String {
        try FaultTests.reports(cluster, count: count, name: "failfast")
    }

    @Test("with no cluster, submit, status and snapshot --live fail within 3 s, naming the endpoint and the likely cause")
    func noCluster() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let submitted = try Self.run(["submit", ClusterTests.articles], environment: cluster.environment, timeout: 30)
        #expect(submitted.status == 1)
        #expect(submitted.seconds < 3, "submit took \(submitted.seconds) s")
        #expect(submitted.errors.contains("no broker answers at \(cluster.frontend) — is the cluster running? Scripts/start-cluster.sh"), "\(submitted.errors)")
        #expect(submitted.errorLines.count == 1, "\(submitted.errors)")
        #expect(submitted.output.isEmpty)

        let live = try Self.run(["snapshot", "--live"], environment: cluster.environment, timeout: 30)
        #expect(live.status == 1)
        #expect(live.seconds < 3, "snapshot --live took \(live.seconds) s")
        #expect(live.errors.contains("no aggregator answers at \(cluster.aggregator) — is the cluster running? Scripts/start-cluster.sh"), "\(live.errors)")
        #expect(live.errorLines.count == 1 && live.output.isEmpty, "\(live.errors)")

        // status asks both daemons at once, 1.5 s, and says which one is silent.
        let status = try Self.run(["status"], environment: cluster.environment, timeout: 30)
        #expect(status.status == 1)
        #expect(status.seconds < 3, "status took \(status.seconds) s")
        #expect(status.output.contains("broker      \(cluster.frontend)  NOT ANSWERING"), "\(status.output)")
        #expect(status.output.contains("aggregator  \(cluster.aggregator)  NOT ANSWERING"), "\(status.output)")
    }

    /// CI's report: under a full test run's load, a broker restarted mid-flow spent more than 2 s in its loop (an `fsync`
    /// on a busy disk), and a `submit` started then said no broker answers, exit 1.
    @Test("submit waits for a broker that took the connection but whose loop is held (two polls of its loop's thread held 6 s each by strace; its I/O thread runs free), saying so once, and its documents are accepted, while status calls it BUSY; a stopped broker (SIGSTOP) is still no broker, within 3 s, and NOT ANSWERING",
          .enabled(if: SyncFaultTests.canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func busyBrokerWaitedFor() throws {
        // No resend while the broker's loop is held: the answers come.
        let cluster = try ClusterHarness(settings: "[producer]\ntimeout_seconds = 60")
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let broker = try #require(cluster.daemons["broker"]).processIdentifier
        kill(broker, SIGSTOP)
        let stopped = try Self.run(["submit", ClusterTests.articles], environment: cluster.environment, timeout: 30)
        let stoppedStatus = try Self.run(["status"], environment: cluster.environment, timeout: 30)
        kill(broker, SIGCONT)
        #expect(stoppedStatus.status == 1 && stoppedStatus.output.contains("broker      \(cluster.frontend)  NOT ANSWERING"), "\(stoppedStatus.output)")
        #expect(stopped.status == 1 && stopped.seconds < 3, "\(stopped.seconds) s: \(stopped.errors)")
        #expect(stopped.errors.contains("no broker answers at \(cluster.frontend)") && !stopped.errors.contains("took the connection"), "\(stopped.errors)")

        try Self.submitToHeldBroker(cluster)
        #expect(try cluster.brokerStatus()?.accepted ?? 0 > 0)
    }

    /// Holds two polls of the broker's loop thread 6 s each (strace), and runs `status` and `submit` meanwhile: status
    /// must call the broker BUSY, and submit wait for it, saying so once, and end with every document accepted.
    static func submitToHeldBroker(_ cluster: ClusterHarness) throws {
        let tracer = try SyncFaultTests.inject("delay_exit=6000000:when=1..2", into: cluster, thread: "broker", trace: "poll", injected: "poll")
        defer { SyncFaultTests.detach(tracer) }
        // The loop polls at least once a second (its heartbeat): it is inside its first held poll now, for 4.5 s more.
        usleep(1_500_000)
        let status = try cluster.runInBackground(["status"])
        let held = try run(["submit", ClusterTests.articles], environment: cluster.environment, timeout: 60)
        SyncFaultTests.detach(tracer)
        let busy = status.finish(timeout: 30)
        #expect(busy.status == 1 && busy.output.contains("broker      \(cluster.frontend)  BUSY: took the connection but did not answer within 1.5 s"),
                "\(busy.output)")
        #expect(held.status == 0 && held.output.contains("rejected 0"), "\(held.output) \(held.errors)")
        #expect(held.seconds > 4, "the broker's loop answered in \(held.seconds) s: it was not held")
        let notices = held.errorLines.filter { $0.contains("the broker at \(cluster.frontend) took the connection but has not answered STATUS within 2 s") }
        #expect(notices.count == 1 && !held.errors.contains("no broker answers"), "\(held.errors)")
    }

    /// With CURVE the daemons' loops answered ZAP, so a handshake waited for the loop, and a busy daemon looked
    /// stopped: `submit` said no broker answers after 2 s. The ZAP handler now runs on a thread of its own (`zap`).
    @Test("with CURVE on, a daemon whose loop is held still takes the connection (its ZAP thread runs free): status calls the broker, then the aggregator, BUSY, and submit waits for the broker, saying so once, and its documents are accepted",
          .enabled(if: SyncFaultTests.canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func busyCurveDaemonsWaitedFor() throws {
        let cluster = try ClusterHarness(settings: "[producer]\ntimeout_seconds = 60", secure: true)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        try Self.submitToHeldBroker(cluster)

        let aggregator = try SyncFaultTests.inject("delay_exit=6000000:when=1..2", into: cluster, daemon: "aggregator", thread: "aggregator",
                                                   trace: "poll", injected: "poll")
        defer { SyncFaultTests.detach(aggregator) }
        usleep(1_500_000)
        let aggregatorStatus = try Self.run(["status"], environment: cluster.environment, timeout: 30)
        SyncFaultTests.detach(aggregator)
        #expect(aggregatorStatus.status == 1
                && aggregatorStatus.output.contains("aggregator  \(cluster.aggregator)  BUSY: took the connection but did not answer within 1.5 s")
                && !aggregatorStatus.output.contains("allow-list"), "\(aggregatorStatus.output)")
    }

    @Test("snapshot --live waits for an aggregator that took the connection but whose loop is held (two polls of its loop's thread held 6 s each by strace), and prints its state, where it said no aggregator answers",
          .enabled(if: SyncFaultTests.canTrace, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func busyAggregatorWaitedFor() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let applied = try #require(try cluster.aggregatorStatus()).documentsApplied
        let tracer = try SyncFaultTests.inject("delay_exit=6000000:when=1..2", into: cluster, daemon: "aggregator", thread: "aggregator",
                                               trace: "poll", injected: "poll")
        defer { SyncFaultTests.detach(tracer) }
        usleep(1_500_000)
        let live = try Self.run(["snapshot", "--live", "--format", "json"], environment: cluster.environment, timeout: 60)
        SyncFaultTests.detach(tracer)
        let state = (try? JSONSerialization.jsonObject(with: Data(live.output.utf8))) as? [String: Any]
        #expect(live.status == 0 && state?["documentsApplied"] as? Int == applied, "\(live.output.prefix(300)) \(live.errors)")
        #expect(live.seconds > 2.5, "the aggregator's loop answered in \(live.seconds) s: it was not held")
    }

    /// A tester's report: with the data directory a file, salvage said "stop the aggregator first" with none running.
    @Test("salvage-records on a data directory it cannot lock says why, not that an aggregator runs")
    func salvageCannotLock() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let file = cluster.dataDirectory + "/not-a-folder"
        try Data().write(to: URL(fileURLWithPath: file))
        let salvaged = try cluster.runCapturingErrors(["salvage-records"], overrides: ["INGEST_DATA": file])
        #expect(salvaged.status == 1 && salvaged.errors.contains("cannot lock \(file) for the salvage") && salvaged.errors.contains("Not a directory")
                && !salvaged.errors.contains("stop the aggregator"), "\(salvaged.errors)")
    }

    @Test("submit says once, on stderr, that the broker has no live worker, and the documents are accepted")
    func noLiveWorker() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCoordinators()
        let folder = try Self.writeReports(cluster, count: 3)
        let submitted = try Self.run(["submit", folder], environment: cluster.environment)
        #expect(submitted.status == 0, "\(submitted.errors)")
        #expect(submitted.output.contains("accepted 3"), "\(submitted.output)")
        #expect(submitted.count("reports 0 live workers; documents will wait in the queue until a worker connects") == 1, "\(submitted.errors)")
        #expect(submitted.errorLines.count == 1, "\(submitted.errors)")
    }

    /// A stand-in daemon for the clients: a ROUTER bound on a thread of its own, `serve` called with each message
    /// (nil after 50 ms without one) and the socket to answer on, until ``shutDown()``.
    final class FakeDaemon: Sendable {
        private let stop = Atomic<Bool>(false)
        private let finished = DispatchSemaphore(value: 0)

        init(endpoint: String, name: String, _ serve: @escaping @Sendable (_ frames: [[UInt8]]?, _ socket: Socket) throws -> Void) throws {
            let bound = DispatchSemaphore(value: 0)
            let failure = Mutex<String?>(nil)
            Thread.detachNewThread { [self] in
                defer { finished.signal() }
                do {
                    let context = try ZeroMQContext()
                    let socket = try Socket(context: context, type: .router)
                    defer { socket.close() }
                    try socket.setLinger(milliseconds: 0)
                    try socket.bind(endpoint)
                    try socket.setReceiveTimeout(milliseconds: 50)
                    bound.signal()
                    while !stop.load(ordering: .relaxed) { try serve(try socket.receive(), socket) }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    bound.signal()
                }
            }
            bound.wait()
            if let message = failure.withLock({ $0 }) { throw HarnessError("\(name): \(message)") }
        }

        func shutDown() {
            stop.store(true, ordering: .relaxed)
            finished.wait()
        }
    }

    /// A broker that answers STATUS (with one live worker) and never answers SUBMIT.
    static func muteBroker(endpoint: String) throws -> FakeDaemon {
        try FakeDaemon(endpoint: endpoint, name: "mute broker") { frames, socket in
            guard let frames, frames.count > 1 else { return }
            if case .status? = try? ProducerRequest(frames: Array(frames.dropFirst())) {
                _ = try socket.send([frames[0]] + BrokerReply.status(BrokerStatus(liveWorkers: 1)).frames)
            }
        }
    }

    /// An aggregator that answers STATUS at once and QUERY for the whole state only after `delay` seconds: one whose
    /// state is large and busy, or whose QUERY waits for the next encoding.
    static func slowStateAggregator(endpoint: String, delay: Double, state: [UInt8]) throws -> FakeDaemon {
        let due = Mutex<[(at: Date, peer: [UInt8])]>([])
        return try FakeDaemon(endpoint: endpoint, name: "slow aggregator") { frames, socket in
            let now = Date()
            for answer in due.withLock({ $0 }) where answer.at <= now {
                _ = try socket.send([answer.peer] + AggregatorReply.state(state).frames)
            }
            due.withLock { $0.removeAll { $0.at <= now } }
            guard let frames, frames.count > 1 else { return }
            switch try? AggregatorRequest(frames: Array(frames.dropFirst())) {
            case .status?:
                let status = AggregatorStatus(documentsApplied: 0, provinces: 0, sequence: 0, lastSnapshot: nil, lastSnapshotAt: nil)
                _ = try socket.send([frames[0]] + AggregatorReply.status(status).frames)
            case .query?: due.withLock { $0.append((now.addingTimeInterval(delay), frames[0])) }
            default: break
            }
        }
    }

    @Test("snapshot --live waits for a whole state that takes longer than the 1.5 s a silent daemon is given, once the aggregator answered STATUS (a tester's busy 27 MB state was called a cluster that is not running)")
    func liveStateTakesItsTime() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        var applied = AggregateState()
        applied.apply(MeetingRecord(date: "2024-03-12", provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")]),
                      documentID: String(repeating: "a", count: 64))
        let state = Snapshot(state: applied, createdAt: "2026-12-04T00:00:00Z").encodedBytes()
        let aggregator = try Self.slowStateAggregator(endpoint: cluster.aggregator, delay: 2.5, state: state)
        defer { aggregator.shutDown() }
        let live = try Self.run(["snapshot", "--live", "--format", "json"], environment: cluster.environment)
        #expect(live.status == 0, "\(live.errors)")
        let shown = try JSONSerialization.jsonObject(with: Data(live.output.utf8)) as? [String: Any]
        #expect(shown?["documentsApplied"] as? Int == 1, "\(live.output)")
    }

    @Test("snapshot --live gives up on an aggregator that answers STATUS but never sends the state: exit 1 after its 15 s, saying so, not a hang")
    func liveStateNeverSent() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let aggregator = try Self.slowStateAggregator(endpoint: cluster.aggregator, delay: 3600, state: [])
        defer { aggregator.shutDown() }
        let started = Date()
        let live = try Self.run(["snapshot", "--live"], environment: cluster.environment)
        let waited = Date().timeIntervalSince(started)
        #expect(live.status == 1 && live.errors.contains("answers STATUS but sent no state within 15 s"), "\(live.errors)")
        #expect(waited >= 14 && waited < 30, "gave up after \(waited) s")
    }

    @Test("snapshot --live says an answer it cannot read is one (a whole state over the 64 MiB a reply may carry was called silence)")
    func unreadableStateIsNotSilence() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let aggregator = try FakeDaemon(endpoint: cluster.aggregator, name: "garbling aggregator") { frames, socket in
            guard let frames, frames.count > 1 else { return }
            switch try? AggregatorRequest(frames: Array(frames.dropFirst())) {
            case .status?:
                let status = AggregatorStatus(documentsApplied: 0, provinces: 0, sequence: 0, lastSnapshot: nil, lastSnapshotAt: nil)
                _ = try socket.send([frames[0]] + AggregatorReply.status(status).frames)
            case .query?: _ = try socket.send([frames[0], Array("RI1".utf8), [1], Array("NONSENSE".utf8)])
            default: break
            }
        }
        defer { aggregator.shutDown() }
        let live = try Self.run(["snapshot", "--live"], environment: cluster.environment)
        #expect(live.status == 1)
        #expect(live.errors.contains("sent a state this client cannot read"), "\(live.errors)")
        #expect(!live.errors.contains("within 15 s"), "\(live.errors)")
    }

    @Test("a broker that stops answering is one warning naming it, not one per resend")
    func retryWarningOnce() throws {
        let cluster = try ClusterHarness(settings: """
            [producer]
            timeout_seconds = 0.3
            retries = 6
            """)
        defer { cluster.tearDown() }
        let broker = try Self.muteBroker(endpoint: cluster.frontend)
        defer { broker.shutDown() }
        let folder = try Self.writeReports(cluster, count: 3)
        let submitted = try Self.run(["submit", folder], environment: cluster.environment)
        #expect(submitted.status == 1)
        #expect(submitted.output.contains("submitted 3 accepted 0 duplicate 0 rejected 0 unacknowledged 3"), "\(submitted.output)")
        #expect(submitted.count("the broker at \(cluster.frontend) did not answer within 0.3 s") == 1, "\(submitted.errors)")
        #expect(submitted.count("did not answer") == 1, "\(submitted.errors)")
    }

    @Test("submit --wait says once that the aggregator does not answer, naming it")
    func aggregatorSilentWhileWaiting() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        cluster.kill9("aggregator")
        let folder = try Self.writeReports(cluster, count: 2)
        let submitted = try Self.run(["submit", "--wait", "--wait-timeout", "7", folder], environment: cluster.environment)
        #expect(submitted.status == 1)
        #expect(submitted.output.contains("accepted 2"), "\(submitted.output)")
        #expect(submitted.count("the aggregator at \(cluster.aggregator) does not answer") == 1, "\(submitted.errors)")
        #expect(submitted.errors.contains("2 of the 2 documents accepted or answered DUPLICATE not applied within 7 s"), "\(submitted.errors)")
    }

    @Test("the config comes from --config, else INGEST_CONFIG, else Config/cluster.toml here, else the binary's project; a missing one is named")
    func configSearchOrder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/here"
        try FileManager.default.createDirectory(atPath: folder + "/Config", withIntermediateDirectories: true)
        let document = folder + "/report.txt"
        try Data("Sáng 5/3/2024, UBND tỉnh Cà Mau họp phiên thường kỳ.".utf8).write(to: URL(fileURLWithPath: document))
        // Each file is broken on a line of its own, so the error says which one was read.
        func broken(_ path: String, line: Int) throws {
            try Data((String(repeating: "\n", count: line - 1) + "unknown_key = 1\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        let flagFile = cluster.dataDirectory + "/flag.toml", variableFile = cluster.dataDirectory + "/variable.toml"
        try broken(flagFile, line: 1)
        try broken(variableFile, line: 2)
        try broken(folder + "/Config/cluster.toml", line: 3)
        var environment = cluster.environment
        environment["INGEST_CONFIG"] = variableFile

        let flag = try Self.run(["extract", "--config", flagFile, document], environment: environment, directory: folder, timeout: 20)
        #expect(flag.status != 0 && flag.errors.contains("config file \(flagFile): line 1"), "\(flag.errors)")
        let variable = try Self.run(["extract", document], environment: environment, directory: folder, timeout: 20)
        #expect(variable.status != 0 && variable.errors.contains("config file \(variableFile): line 2"), "\(variable.errors)")
        environment["INGEST_CONFIG"] = nil
        let here = try Self.run(["extract", document], environment: environment, directory: folder, timeout: 20)
        #expect(here.status != 0 && here.errors.contains("Config/cluster.toml: line 3"), "\(here.errors)")
        // Nothing here: the project the binary was built in, whose config works.
        try FileManager.default.removeItem(atPath: folder + "/Config")
        let project = try Self.run(["extract", document], environment: environment, directory: folder, timeout: 20)
        #expect(project.status == 0 && project.output.contains("Cà Mau"), "\(project.errors)")
        let missing = try Self.run(["extract", "--config", folder + "/nowhere.toml", document], environment: environment, directory: folder, timeout: 20)
        #expect(missing.status != 0 && missing.errorLines.count == 1 && missing.errors.contains("nowhere.toml"), "\(missing.errors)")
    }

    @Test("a relative path in a config file is taken from the folder above the config's own, whichever folder the command runs in")
    func relativePathsFromConfigFolder() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let root = cluster.dataDirectory + "/site"
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try Data("[storage]\ndata_dir = \"d\"\n".utf8).write(to: URL(fileURLWithPath: root + "/etc/cluster.toml"))
        var environment = cluster.environment
        environment["INGEST_DATA"] = nil
        for (directory, config) in [(root, "etc/cluster.toml"), ("/", root + "/etc/cluster.toml"), (root + "/etc", "cluster.toml")] {
            let read = try Self.run(["snapshot", "--config", config], environment: environment, directory: directory, timeout: 20)
            #expect(read.status == 1 && read.errors.contains("no snapshot in \(root)/d/snapshots"), "from \(directory): \(read.errors)")
        }
    }

    @Test("a daemon that cannot bind names the endpoint, its key and what to change: a host name, a port in use")
    func bindRefused() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        var environment = cluster.environment
        let port = freeLoopbackPort()
        environment["INGEST_FRONTEND"] = "tcp://localhost:\(port)"
        let named = try Self.run(["broker"], environment: environment, timeout: 20)
        #expect(named.status == 1)
        #expect(named.errors.contains("cannot bind tcp://localhost:\(port) (endpoints.frontend): libzmq binds a numeric address"), "\(named.errors)")
        #expect(named.errorLines.count == 1, "\(named.errors)")

        // A port another socket holds.
        let context = try ZeroMQContext()
        let holder = try Socket(context: context, type: .router)
        defer { holder.close() }
        try holder.setLinger(milliseconds: 0)
        try holder.bind(cluster.aggregator)
        let busy = try Self.run(["aggregator"], environment: cluster.environment, timeout: 20)
        #expect(busy.status == 1)
        #expect(busy.errors.contains("cannot bind \(cluster.aggregator) (endpoints.aggregator): the port is in use"), "\(busy.errors)")
    }

    @Test("a bad config file or endpoint variable stops a command at once, naming the line or the variable")
    func badConfig() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let path = cluster.dataDirectory + "/bad.toml"
        try Data("[heartbeat]\ninterval_seconds = 1\nintervall_seconds = 2\n".utf8).write(to: URL(fileURLWithPath: path))
        let broker = try Self.run(["broker", "--config", path], environment: cluster.environment, timeout: 10)
        #expect(broker.status == 1)
        #expect(broker.errors.contains("config file \(path): line 3: heartbeat.intervall_seconds: unknown key; did you mean heartbeat.interval_seconds?"), "\(broker.errors)")
        #expect(broker.errorLines.count == 1, "\(broker.errors)")

        var environment = cluster.environment
        environment["INGEST_BACKEND"] = "tcp://127.0.0.1:99999"
        let outOfRange = try Self.run(["broker"], environment: environment, timeout: 10)
        #expect(outOfRange.status == 1)
        #expect(outOfRange.errors.contains("environment variable INGEST_BACKEND: \"tcp://127.0.0.1:99999\" has port \"99999\""), "\(outOfRange.errors)")

        environment = cluster.environment
        environment["INGEST_FRONTEND"] = "127.0.0.1:5570"
        let noScheme = try Self.run(["submit", ClusterTests.articles], environment: environment, timeout: 10)
        #expect(noScheme.status == 1)
        #expect(noScheme.errors.contains("environment variable INGEST_FRONTEND: \"127.0.0.1:5570\" is not a ZeroMQ endpoint"), "\(noScheme.errors)")
    }

    @Test("--log-level error keeps a daemon's info lines out of its log; a level that does not exist is refused, listing the levels; every subcommand but version takes --log-level and --config")
    func logLevel() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.start("aggregator", ["aggregator", "--log-level", "error"])
        try cluster.start("broker", ["broker"])
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus()) != nil && (try? cluster.brokerStatus()) != nil })
        let quiet = try String(contentsOfFile: cluster.dataDirectory + "/aggregator.log", encoding: .utf8)
        let usual = try String(contentsOfFile: cluster.dataDirectory + "/broker.log", encoding: .utf8)
        #expect(usual.contains(" info ") && !quiet.contains(" info "), "aggregator log: \(quiet)")
        let bad = try Self.run(["status", "--log-level", "loud"], environment: cluster.environment, timeout: 20)
        #expect(bad.status == 64 && bad.errors.contains("'loud' is invalid for '--log-level") && bad.errors.contains("- warning"), "\(bad.errors)")

        // Every subcommand but version takes both options: a level that does not exist is refused, and a broken config
        // named with its line, before anything else happens.
        let broken = cluster.dataDirectory + "/broken.toml"
        try Data("\nunknown_key = 1\n".utf8).write(to: URL(fileURLWithPath: broken))
        let commands = [["broker"], ["worker"], ["aggregator"], ["submit", ClusterTests.articles], ["status"], ["snapshot"], ["report"],
                        ["extract", ClusterTests.articles], ["show", "0123456789abcdef"], ["records"], ["deadletter", "list"],
                        ["deadletter", "show", "0123456789abcdef"], ["deadletter", "retry", "--all"], ["salvage-records"], ["keys", "new", "nobody"]]
        for command in commands {
            let level = try Self.run(command + ["--log-level", "loud"], environment: cluster.environment, timeout: 20)
            #expect(level.status == 64 && level.errors.contains("'loud' is invalid for '--log-level"), "\(command): \(level.errors)")
            let config = try Self.run(command + ["--config", broken], environment: cluster.environment, timeout: 20)
            #expect(config.status == 1 && config.errors.contains("config file \(broken): line 2"), "\(command): \(config.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory + "/keys/nobody.key"), "nothing done with a broken config")
    }

    @Test("ingest --version and ingest version print the release and libzmq's version, and exit 0")
    func version() throws {
        let environment = ProcessInfo.processInfo.environment
        let flag = try Self.run(["--version"], environment: environment, timeout: 10)
        #expect(flag.status == 0)
        #expect(flag.output.hasPrefix("report-ingest 0.4.0 (libzmq "), "\(flag.output)")
        let version = ZeroMQContext.libraryVersion
        #expect(flag.output.contains("libzmq \(version.major).\(version.minor).\(version.patch))"), "\(flag.output)")
        let command = try Self.run(["version"], environment: environment, timeout: 10)
        #expect(command.status == 0)
        #expect(command.output == flag.output)
    }

    @Test("start-cluster.sh refuses a --workers that is not a whole number in one line, counts the workers really running, leaves them none of its caller's descriptors, rotates a log past 10 MiB, and run again starts only the dead")
    func startClusterWorkers() throws {
        try Self.withScripts { cluster, environment, script in
            let pids = cluster.dataDirectory + "/pids"

            for bad in [["--workers", "abc"], ["--workers", "-1"], ["--workers=2x"], ["--workers"]] {
                let refused = try Self.run([script("start-cluster.sh")] + bad, environment: environment, executable: "/bin/bash", timeout: 20)
                #expect(refused.status == 2, "\(bad)")
                #expect(refused.errorLines.count == 1, "\(bad): \(refused.errors)")
                #expect(refused.errors.contains("usage:"), "\(refused.errors)")
                #expect(!FileManager.default.fileExists(atPath: pids), "started something for \(bad)")
            }
            for bad in ["0", "2s", "123456"] {
                var timed = environment
                timed["INGEST_START_TIMEOUT"] = bad
                let refused = try Self.run([script("start-cluster.sh")], environment: timed, executable: "/bin/bash", timeout: 20)
                #expect(refused.status == 2 && refused.errorLines.count == 1, "\(bad): \(refused.errors)")
                #expect(refused.errors.contains("INGEST_START_TIMEOUT takes a whole number of seconds"), "\(refused.errors)")
                #expect(!FileManager.default.fileExists(atPath: pids), "started something for INGEST_START_TIMEOUT=\(bad)")
            }

            // Logs past 10 MiB are rotated at the start; smaller ones are appended to.
            let logs = cluster.dataDirectory + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            try Data(repeating: 0x61, count: 11 << 20).write(to: URL(fileURLWithPath: logs + "/broker.log"))
            try Data(repeating: 0x61, count: 1 << 20).write(to: URL(fileURLWithPath: logs + "/aggregator.log"))
            // Started by a caller with a descriptor of its own open (7, on a file): no daemon may keep it.
            let marker = cluster.dataDirectory + "/caller-descriptor"
            _ = FileManager.default.createFile(atPath: marker, contents: nil)
            let three = try Self.run(["-c", "exec 7>>\"$0\"; exec /bin/bash \"$1\" --workers 3", marker, script("start-cluster.sh")],
                                     environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(three.status == 0, "\(three.errors)")
            #expect(three.errors.contains("broker, aggregator and 3 workers running; data in"), "\(three.errors)")
            func size(_ name: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: logs + "/" + name)[.size] as? Int) ?? -1 }
            #expect(size("broker.log.1") == 11 << 20 && size("broker.log") < 1 << 20, "the broker's log rotated")
            #expect(size("aggregator.log") > 1 << 20 && size("aggregator.log.1") == -1, "the aggregator's appended to")

            // Run again after a worker died: only that one is started anew.
            func pid(_ name: String) -> Int32? {
                (try? String(contentsOfFile: pids + "/\(name).pid", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
            let before = ["aggregator", "broker", "worker-1", "worker-2", "worker-3"].map(pid)
            for daemon in before.compactMap({ $0 }) {
                let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon)/fd")) ?? []
                #expect(!descriptors.isEmpty, "pid \(daemon) has descriptors to look at")
                let targets = descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(daemon)/fd/\($0)") }
                #expect(!targets.contains(marker), "pid \(daemon) kept its caller's descriptor: \(targets)")
            }
            #expect(before.allSatisfy { $0 != nil }, "\(before)")
            if let dead = before[3] { kill(dead, SIGKILL) }
            #expect(cluster.eventually(timeout: 5) { before[3].map { kill($0, 0) != 0 } ?? false })
            let again = try Self.run([script("start-cluster.sh"), "--workers", "3"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(again.status == 0, "\(again.errors)")
            let after = ["aggregator", "broker", "worker-1", "worker-2", "worker-3"].map(pid)
            #expect(after[0] == before[0] && after[1] == before[1] && after[2] == before[2] && after[4] == before[4], "the living were left alone")
            #expect(after[3] != nil && after[3] != before[3], "the dead worker was started again")
            let one = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(one.status == 0, "\(one.errors)")
            #expect(one.errors.contains("broker, aggregator and 3 workers running (1 asked for"), "\(one.errors)")
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(stopped.status == 0, "\(stopped.errors)")
        }
    }

    @Test("stop-cluster.sh sends SIGTERM by PID in its order: every worker first (their last results reach the aggregator), then the broker, then the aggregator (seen by strace)")
    func stopOrder() throws {
        try Self.withScripts { cluster, environment, script in
            let started = try Self.run([script("start-cluster.sh"), "--workers", "2"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0, "\(started.errors)")
            let names = Dictionary(uniqueKeysWithValues: Self.pidFiles(cluster).map { ($1, $0) })
            #expect(names.count == 4, "\(names)")
            let trace = cluster.dataDirectory + "/stop.strace"
            let stopped = try Self.run(["-f", "-e", "trace=kill", "-o", trace, "/bin/bash", script("stop-cluster.sh")], environment: environment,
                                       executable: SyncFaultTests.strace, timeout: 60)
            #expect(stopped.status == 0, "\(stopped.errors)")
            // `kill(1234, SIGTERM) = 0` lines, in the order the script sent them.
            let order = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                guard let open = line.range(of: "kill("), line.contains("SIGTERM"),
                      let pid = Int32(line[open.upperBound...].prefix { $0.isNumber }) else { return nil }
                return names[pid]
            }
            #expect(order.count == 4, "\(order)")
            #expect(order.prefix(2).allSatisfy { $0.hasPrefix("worker-") } && Array(order.suffix(2)) == ["broker", "aggregator"], "\(order)")
        }
    }

    @Test("a pid file naming another program (a reboot reused the number): start-cluster.sh starts the daemon anyway, and stop-cluster.sh leaves that program alone")
    func stalePidFiles() throws {
        try Self.withScripts { cluster, environment, script in
            let stranger = Process()
            stranger.executableURL = URL(fileURLWithPath: "/bin/sleep")
            stranger.arguments = ["600"]
            try stranger.run()
            defer {
                // SIGKILL: the test process ignores SIGTERM, and a child inherits that.
                kill(stranger.processIdentifier, SIGKILL)
                stranger.waitUntilExit()
            }
            let pids = cluster.dataDirectory + "/pids"
            try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
            try "\(stranger.processIdentifier)\n".write(toFile: pids + "/aggregator.pid", atomically: true, encoding: .utf8)

            let started = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0, "\(started.errors)")
            #expect(!started.errors.contains("aggregator already running"), "\(started.errors)")
            #expect(try cluster.aggregatorStatus() != nil, "the aggregator was started")

            try "\(stranger.processIdentifier)\n".write(toFile: pids + "/worker-9.pid", atomically: true, encoding: .utf8)
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(stopped.status == 0, "\(stopped.errors)")
            #expect(stopped.errors.contains("worker-9's pid file names pid \(stranger.processIdentifier), another program"), "\(stopped.errors)")
            #expect(stranger.isRunning, "the other program was not signalled")
            #expect(try cluster.aggregatorStatus() == nil && cluster.brokerStatus() == nil, "the cluster's own daemons stopped")
        }
    }

    @Test("a pid file naming another cluster's daemon, or a program that only mentions start-cluster.sh: neither is taken for this cluster's, nor signalled")
    func otherClustersDaemon() throws {
        let other = try ClusterHarness()
        defer { other.tearDown() }
        try other.start("aggregator", ["aggregator"])
        #expect(other.eventually(timeout: 10) { (try? other.aggregatorStatus()) != nil })
        try Self.withScripts { cluster, environment, script in
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: "/usr/bin/tail")
            reader.arguments = ["-f", script("start-cluster.sh")]
            reader.standardOutput = FileHandle.nullDevice
            try reader.run()
            defer {
                kill(reader.processIdentifier, SIGKILL)
                reader.waitUntilExit()
            }
            let theirs = try #require(other.daemons["aggregator"]).processIdentifier
            let pids = cluster.dataDirectory + "/pids"
            try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
            try "\(theirs)\n".write(toFile: pids + "/aggregator.pid", atomically: true, encoding: .utf8)
            try "\(reader.processIdentifier)\n".write(toFile: pids + "/broker.pid", atomically: true, encoding: .utf8)
            let started = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0 && !started.errors.contains("already running"), "\(started.errors)")
            #expect(try cluster.aggregatorStatus() != nil && cluster.brokerStatus() != nil, "this cluster's own daemons were started")
            try "\(theirs)\n".write(toFile: pids + "/worker-7.pid", atomically: true, encoding: .utf8)
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(stopped.status == 0 && stopped.errors.contains("worker-7's pid file names pid \(theirs), another program"), "\(stopped.errors)")
            #expect(reader.isRunning && other.isRunning("aggregator"), "neither was signalled")
            #expect(try other.aggregatorStatus() != nil && cluster.aggregatorStatus() == nil)
        }
    }

    @Test("an aggregator of this data directory whose pid file is gone: start-cluster.sh fails naming the lock it holds and leaves it serving; stop-cluster.sh stops it by that lock")
    func untrackedDaemon() throws {
        try Self.withScripts { cluster, environment, script in
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            let pidFile = cluster.dataDirectory + "/pids/aggregator.pid"
            let untracked = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            defer { kill(untracked, SIGKILL) }
            try FileManager.default.removeItem(atPath: pidFile)
            let again = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(again.status == 1, "\(again.errors)")
            #expect(again.errors.contains("aggregator.lock is held by pid \(untracked)"), "\(again.errors)")
            // The failed start stops what it started, and names the one it collided with without stopping it: it may be serving.
            #expect(again.errors.contains("(pid \(untracked)) has no pid file; left running"), "\(again.errors)")
            let serving = try cluster.aggregatorStatus()
            #expect(kill(untracked, 0) == 0 && serving != nil, "the untracked aggregator still serves")
            // A wrong INGEST_DATA: said, naming where it looked, and nothing of this cluster is signalled.
            var wrong = environment
            wrong["INGEST_DATA"] = cluster.dataDirectory + "/elsewhere"
            let mistaken = try Self.run([script("stop-cluster.sh")], environment: wrong, executable: "/bin/bash", timeout: 60)
            #expect(mistaken.status == 0 && mistaken.errors.contains("no pid files in \(cluster.dataDirectory)/elsewhere/pids")
                    && mistaken.errors.contains("is that the data directory it was started with?") && !mistaken.errors.contains("stopping it too"),
                    "\(mistaken.errors)")
            let stillServing = try cluster.aggregatorStatus()
            #expect(kill(untracked, 0) == 0 && stillServing != nil, "the aggregator still serves")
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(stopped.status == 0 && stopped.errors.contains("(pid \(untracked)) had no pid file; stopping it too"), "\(stopped.errors)")
            #expect(cluster.eventually(timeout: 20) { kill(untracked, 0) != 0 }, "stop-cluster.sh stopped the untracked aggregator")
            let nothing = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(nothing.status == 0 && nothing.errors.contains("no pid files in"), "\(nothing.errors)")
        }
    }

    @Test("the pids folder, then the whole data directory, removed while the cluster runs: stop-cluster.sh still stops every daemon, found by the data directory in its environment, another cluster's worker left alone")
    func pidsFolderRemoved() throws {
        try Self.withScripts { cluster, environment, script in
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "2"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            let pids = Array(Self.pidFiles(cluster).values)
            defer { pids.forEach { kill($0, SIGKILL) } }
            #expect(pids.count == 4)
            // A worker of another data directory, started as start-cluster.sh starts one.
            let other = cluster.dataDirectory + "/other"
            try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
            try cluster.start("foreign-worker", ["worker", "--config", try #require(environment["INGEST_CONFIG"])], overrides: ["INGEST_DATA": other])
            try FileManager.default.removeItem(atPath: cluster.dataDirectory + "/pids")
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(stopped.status == 0, "\(stopped.errors)")
            #expect(stopped.errors.components(separatedBy: "had no pid file; stopping it too").count - 1 == 4, "\(stopped.errors)")
            #expect(cluster.eventually(timeout: 20) { pids.allSatisfy { kill($0, 0) != 0 } }, "still running: \(pids.filter { kill($0, 0) == 0 })")
            #expect(cluster.isRunning("foreign-worker"))

            // The whole data directory removed under a running cluster (as demo.sh emptied its folder before stopping the
            // cluster an earlier run left): no pid file and no lock, each daemon still found and stopped.
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "2"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            let again = Array(Self.pidFiles(cluster).values)
            defer { again.forEach { kill($0, SIGKILL) } }
            for name in try FileManager.default.contentsOfDirectory(atPath: cluster.dataDirectory) where name != "other" {
                try FileManager.default.removeItem(atPath: cluster.dataDirectory + "/" + name)
            }
            let emptied = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(emptied.status == 0 && emptied.errors.components(separatedBy: "had no pid file; stopping it too").count - 1 == 4, "\(emptied.errors)")
            #expect(cluster.eventually(timeout: 20) { again.allSatisfy { kill($0, 0) != 0 } }, "still running: \(again.filter { kill($0, 0) == 0 })")
            #expect(cluster.isRunning("foreign-worker"))
        }
    }

    @Test("demo.sh run while the demo cluster of an earlier run still runs (that run killed): it stops that cluster by its pid files before emptying its folder, then runs afresh, prints the table and leaves nothing running")
    func demoStopsTheClusterLeftRunning() throws {
        try Self.withScripts { cluster, environment, _ in
            // A root of its own for the scripts, as demo.sh keeps its data in ROOT/data/demo; INGEST_BIN is this build's,
            // so setup.sh builds nothing.
            let root = cluster.dataDirectory + "/root"
            let files = FileManager.default
            try files.createDirectory(atPath: root + "/Tests/IngestIntegrationTests", withIntermediateDirectories: true)
            try files.copyItem(atPath: packageRoot.appendingPathComponent("Scripts").path, toPath: root + "/Scripts")
            try files.createSymbolicLink(atPath: root + "/Config", withDestinationPath: packageRoot.appendingPathComponent("Config").path)
            try files.createSymbolicLink(atPath: root + "/Tests/IngestIntegrationTests/Articles", withDestinationPath: ClusterTests.articles)
            let demoData = root + "/data/demo"
            var demoEnvironment = environment
            demoEnvironment["INGEST_DATA"] = nil
            demoEnvironment["INGEST_CONFIG"] = nil
            func pids() -> [Int32] { Array(Self.pidFiles(dataDirectory: demoData).values) }
            var leftRunning = [Int32]()
            defer { leftRunning.forEach { kill($0, SIGKILL) } }
            var earlier = demoEnvironment
            earlier["INGEST_DATA"] = demoData
            let started = try Self.run([root + "/Scripts/start-cluster.sh", "--workers", "1"], environment: earlier, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0, "\(started.errors)")
            leftRunning = pids()
            #expect(leftRunning.count == 3)

            let demo = try Self.run([root + "/Scripts/demo.sh"], environment: demoEnvironment, executable: "/bin/bash", timeout: 180)
            let lastRun = pids()
            defer { lastRun.forEach { kill($0, SIGKILL) } }
            #expect(demo.status == 0, "\(demo.errors.suffix(1_500))")
            #expect(demo.errors.contains("setup: using \(ingestBinary) (INGEST_BIN); nothing built"), "\(demo.errors.prefix(600))")
            #expect(demo.output.contains("accepted 24") && demo.output.contains("Province"), "\(demo.output.suffix(1_500))")
            #expect(lastRun.isEmpty, "pid files left: \(lastRun)")
            // Neither the earlier run's daemons nor the demo's own still run (a zombie not yet reaped counts as gone).
            let running = Self.processes(withVariable: "INGEST_DATA", value: demoData)
            #expect(running.isEmpty, "still running: \(running), of the earlier run's \(leftRunning)")
        }
    }

    @Test("start-cluster.sh waits out an aggregator moving its records store to a new schema, however long past INGEST_START_TIMEOUT, saying so once")
    func startClusterWaitsOutASchemaMove() throws {
        try Self.withScripts { cluster, environment, script in
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            #expect(try Self.run(["submit", "--wait", ClusterTests.articles], environment: environment, timeout: 60).status == 0)
            let before = try cluster.storedIDs()
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            // Back to schema 2, its listing table grown by rows of a province no record names (they are copied like
            // any other), so that the move takes seconds, as a large store's does.
            let store = cluster.dataDirectory + "/journals/records.sqlite"
            let grow = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(Self.movedRows))
                INSERT INTO record_provinces (province, seq, roles, id, date, kind, source, provinces)
                    SELECT 'Padding', 1000000 + i, 'mentioned', i, printf('20%02d-01-01', i % 30), NULL, NULL, 'Padding' FROM n;
                """
            #expect(runTool("/usr/bin/sqlite3", [store, LegacyStoreSQL.listingWithoutYear + grow + "PRAGMA user_version = 2;"]) == 0)

            var environment = environment
            environment["INGEST_START_TIMEOUT"] = "3"
            let started = Date()
            let moved = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 120)
            let seconds = Date().timeIntervalSince(started)
            let log = (try? String(contentsOfFile: cluster.dataDirectory + "/logs/aggregator.log", encoding: .utf8)) ?? ""
            #expect(moved.status == 0, "\(moved.errors)\n\(log.suffix(1_000))")
            #expect(moved.errors.components(separatedBy: "moving its records store to a new schema; waiting for it").count == 2, "said once: \(moved.errors)")
            // `seconds=N ... moved the records store`: the move outlasted the timeout and a pass of the wait.
            let movedLine = log.split(separator: "\n").last { $0.contains("moved the records store") } ?? ""
            let took = movedLine.range(of: "seconds=").map { Int(movedLine[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
            #expect(took >= 3 && seconds > Double(took), "the move took \(took) s; start-cluster returned after \(seconds) s: \(movedLine)")
            #expect(runToolOutput("/usr/bin/sqlite3", [store, "PRAGMA user_version"]) == "4\n")
            #expect(try cluster.storedIDs() == before)
            #expect(try cluster.aggregatorStatus()?.documentsApplied == before.count)
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
        }
    }

    /// Listing rows that make a schema-2 store's move take several seconds (about 6 s here: 500,000 rows a second).
    static let movedRows = 3_000_000

    @Test("start-cluster.sh whose daemons run but never get ready (a broker that answers nobody) fails within about 20 s, saying so and that they are left running, with the status it sees; --no-wait restarts the dead and returns at once")
    func startClusterNeverReady() throws {
        try Self.withScripts { cluster, environment, script in
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            func pid(_ name: String) throws -> Int32 { try #require(Self.pidFiles(cluster)[name]) }
            let broker = try pid("broker")
            kill(try pid("worker-1"), SIGKILL)
            kill(broker, SIGSTOP)
            defer { kill(broker, SIGCONT) }
            let started = Date()
            let stuck = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            let seconds = Date().timeIntervalSince(started)
            #expect(stuck.status == 1 && stuck.errors.contains("did not answer within 20 s (INGEST_START_TIMEOUT); they are left running"), "\(stuck.errors)")
            #expect(stuck.errors.contains("NOT ANSWERING"), "the status it saw: \(stuck.errors)")
            #expect(seconds >= 19 && seconds < 30, "\(seconds) s")
            #expect(kill(try pid("worker-1"), 0) == 0, "the restarted worker is left running")
            // --no-wait restarts the dead and returns at once, ready or not.
            kill(try pid("worker-1"), SIGKILL)
            usleep(200_000)
            let quick = Date()
            let noWait = try Self.run([script("start-cluster.sh"), "--workers", "1", "--no-wait"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(noWait.status == 0 && Date().timeIntervalSince(quick) < 5, "\(Date().timeIntervalSince(quick)) s: \(noWait.errors)")
            #expect(kill(try pid("worker-1"), 0) == 0, "the dead worker was started again")
            kill(broker, SIGCONT)
            #expect(try Self.run(["submit", "--wait", ClusterTests.articles], environment: environment, timeout: 60).status == 0, "once the broker runs again, the cluster works")
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
        }
    }

    @Test("a cluster started with --secure is restarted with CURVE; a shared folder as the data directory and more than 256 workers are refused")
    func restartsAndRefusals() throws {
        try Self.withScripts { cluster, environment, script in
            let secure = try Self.run([script("start-cluster.sh"), "--workers", "1", "--secure"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(secure.status == 0, "\(secure.errors)")
            let worker = try #require(Int32(String(contentsOfFile: cluster.dataDirectory + "/pids/worker-1.pid", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            kill(worker, SIGKILL)
            // Run again without --secure, as after any daemon died (here one; after a reboot all): it comes back with CURVE.
            let again = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(again.status == 0 && again.errors.contains("started with --secure; starting with CURVE on too"), "\(again.errors)")
            var keyed = environment
            keyed["INGEST_CURVE"] = "1"
            #expect(try Self.run(["submit", "--wait", ClusterTests.articles], environment: keyed, timeout: 60).status == 0, "the restarted worker works")
            // Every daemon killed at once, as by a reboot: the mark outlives them.
            for pid in Self.pidFiles(cluster).values { kill(pid, SIGKILL) }
            usleep(300_000)
            let rebooted = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(rebooted.status == 0 && rebooted.errors.contains("starting with CURVE on too"), "\(rebooted.errors)")
            #expect(try Self.run(["status"], environment: keyed, timeout: 30).status == 0, "the CURVE cluster is back")
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            // stop-cluster.sh removed the mark: the next plain start is plain, and a plain client reaches it.
            #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory + "/pids/curve"))
            let plain = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(plain.status == 0 && !plain.errors.contains("CURVE on"), "\(plain.errors)")
            #expect(try Self.run(["status"], environment: environment, timeout: 30).status == 0, "a plain client reaches the plain cluster")
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            // INGEST_CURVE=0 starts a marked cluster without CURVE, and removes the mark.
            #expect(try Self.run([script("start-cluster.sh"), "--workers", "1", "--secure"], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
            for pid in Self.pidFiles(cluster).values { kill(pid, SIGKILL) }
            usleep(300_000)
            var off = environment
            off["INGEST_CURVE"] = "0"
            let unmarked = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: off, executable: "/bin/bash", timeout: 60)
            #expect(unmarked.status == 0 && !unmarked.errors.contains("CURVE on"), "\(unmarked.errors)")
            #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory + "/pids/curve"))
            #expect(try Self.run(["status"], environment: off, timeout: 30).status == 0, "a plain client reaches it")
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)

            for workers in ["99999999999999999999", "257"] {
                let many = try Self.run([script("start-cluster.sh"), "--workers", workers], environment: environment, executable: "/bin/bash", timeout: 20)
                #expect(many.status == 2 && many.errors.contains("at most 256 workers"), "\(workers): \(many.errors)")
            }
            let shared = cluster.dataDirectory + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
            #expect(chmod(shared, 0o1777) == 0)
            var inShared = environment
            inShared["INGEST_DATA"] = shared
            let sharedScript = try Self.run([script("start-cluster.sh")], environment: inShared, executable: "/bin/bash", timeout: 20)
            #expect(sharedScript.status == 2 && sharedScript.errors.contains("is a folder others may write to (mode 1777)"), "\(sharedScript.errors)")
            let daemon = try Self.run(["aggregator"], environment: inShared, timeout: 20)
            #expect(daemon.status == 1 && daemon.errors.contains("is a folder others may write to (mode 1777)"), "\(daemon.errors)")
            // World-writable without the sticky bit, and the broker too.
            let open = cluster.dataDirectory + "/open"
            try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
            #expect(chmod(open, 0o777) == 0)
            var inOpen = environment
            inOpen["INGEST_DATA"] = open
            for role in ["broker", "aggregator"] {
                let refused = try Self.run([role], environment: inOpen, timeout: 20)
                #expect(refused.status == 1 && refused.errors.contains("is a folder others may write to (mode 777)"), "\(role): \(refused.errors)")
            }
            #expect((try FileManager.default.attributesOfItem(atPath: open)[.posixPermissions] as? NSNumber).map { $0.intValue & 0o7777 } == 0o777)
            let mode = (try FileManager.default.attributesOfItem(atPath: shared)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode.map { $0 & 0o7777 } == 0o1777, "left as it was")
            // A team's folder (setgid, group-writable) too, also reached through a link; a private folder through a link is taken.
            func linkedFolder(_ name: String, mode: mode_t) throws -> [String: String] {
                let folder = cluster.dataDirectory + "/" + name
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                #expect(chmod(folder, mode) == 0)
                try FileManager.default.createSymbolicLink(atPath: folder + "-link", withDestinationPath: folder)
                var linked = environment
                linked["INGEST_DATA"] = folder + "-link"
                return linked
            }
            let inTeam = try linkedFolder("team", mode: 0o2770)
            let teamScript = try Self.run([script("start-cluster.sh")], environment: inTeam, executable: "/bin/bash", timeout: 20)
            #expect(teamScript.status == 2 && teamScript.errors.contains("(mode 2770)"), "\(teamScript.errors)")
            let teamDaemon = try Self.run(["aggregator"], environment: inTeam, timeout: 20)
            #expect(teamDaemon.status == 1 && teamDaemon.errors.contains("(mode 2770)"), "\(teamDaemon.errors)")
            let inOwn = try linkedFolder("own", mode: 0o700)
            let linked = try Self.run([script("start-cluster.sh"), "--workers", "0"], environment: inOwn, executable: "/bin/bash", timeout: 60)
            #expect(linked.status == 0, "a data directory linked to another disk is taken: \(linked.errors)")
            #expect(try Self.run([script("stop-cluster.sh")], environment: inOwn, executable: "/bin/bash", timeout: 60).status == 0)
        }
    }

    @Test("start-cluster.sh with a daemon that cannot start fails, shows the end of that daemon's log, and stops the others")
    func startClusterDaemonDies() throws {
        try Self.withScripts { cluster, environment, script in
            // The aggregator's port is taken: it exits at once, saying so in its log.
            let context = try ZeroMQContext()
            let squatter = try Socket(context: context, type: .router)
            defer { squatter.close() }
            try squatter.setLinger(milliseconds: 0)
            try squatter.bind(cluster.aggregator)
            let started = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 1, "\(started.errors)")
            #expect(started.errors.contains("start-cluster: aggregator exited; its log ("), "\(started.errors)")
            #expect(started.errors.contains("in use"), "the log's end names the cause: \(started.errors)")
            let pids = cluster.dataDirectory + "/pids"
            let left = (try? FileManager.default.contentsOfDirectory(atPath: pids)) ?? []
            #expect(left.isEmpty, "pid files left: \(left)")
            #expect(try cluster.brokerStatus() == nil, "the broker was stopped")
        }
    }

    /// A tester's report: the daemons took INGEST_CURVE=true as on, the script only `1`, so it made no keys and the
    /// broker stopped at once for want of server.key.
    @Test("start-cluster.sh makes the keys for any value the daemons take as CURVE on")
    func curveOnSpelledOut() throws {
        try Self.withScripts { cluster, environment, script in
            var secure = environment
            secure["INGEST_CURVE"] = "Yes"
            let started = try Self.run([script("start-cluster.sh"), "--workers", "1"], environment: secure, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0 && started.errors.contains("CURVE on; keys in"), "\(started.errors)")
            #expect(FileManager.default.fileExists(atPath: cluster.dataDirectory + "/keys/server.key"))
            #expect(try Self.run(["status"], environment: secure, timeout: 30).status == 0)
            #expect(try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 60).status == 0)
        }
    }

    @Test("start-cluster.sh --secure makes the keys and a CURVE cluster that only keyed clients reach; stop-cluster.sh kills a daemon that will not stop (a worker, the broker), after 15 s, and says so")
    func secureScriptsAndStuckStop() throws {
        try Self.withScripts { cluster, environment, script in
            let pids = cluster.dataDirectory + "/pids"
            let started = try Self.run([script("start-cluster.sh"), "--workers", "1", "--secure"], environment: environment, executable: "/bin/bash", timeout: 60)
            #expect(started.status == 0, "\(started.errors)")
            #expect(started.errors.contains("CURVE on; keys in"), "\(started.errors)")
            for key in ["server.key", "worker.key", "client.key", "allow/worker/worker.public", "allow/producer/client.public"] {
                #expect(FileManager.default.fileExists(atPath: cluster.dataDirectory + "/keys/" + key), "\(key)")
            }
            var secure = environment
            secure["INGEST_CURVE"] = "1"
            let submitted = try Self.run(["submit", "--wait", ClusterTests.articles], environment: secure, timeout: 60)
            #expect(submitted.status == 0, "\(submitted.errors)")
            let plain = try Self.run(["status"], environment: environment, timeout: 30)
            #expect(plain.status != 0, "a client without CURVE gets no answer")

            // The broker stopped (SIGSTOP) ignores SIGTERM: stop-cluster.sh waits 15 s, then kills it and says so.
            let brokerPID = try #require(Int32(try String(contentsOfFile: pids + "/broker.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            // Each daemon leads its own session: with the workers in the broker's process group, a worker's exit
            // would send the stopped broker SIGHUP and SIGCONT wherever PID 1 shares their session (CI's container).
            let fields = (try String(contentsOfFile: "/proc/\(brokerPID)/stat", encoding: .utf8)).split(separator: ")").last?.split(separator: " ")
            #expect(fields.flatMap { $0.count > 3 ? Int32($0[3]) : nil } == brokerPID, "the broker's session: \(String(describing: fields))")
            kill(brokerPID, SIGSTOP)
            // A worker too, stopped the same way: killed as the others are (the workers go first, then the broker).
            let workerPID = try #require(Int32(try String(contentsOfFile: pids + "/worker-1.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            kill(workerPID, SIGSTOP)
            let stopped = try Self.run([script("stop-cluster.sh")], environment: environment, executable: "/bin/bash", timeout: 90)
            #expect(stopped.status == 1, "\(stopped.errors)")
            #expect(stopped.errors.contains("worker-1 (pid \(workerPID)) did not stop in 15 s; killing it"), "\(stopped.errors)")
            #expect(stopped.errors.contains("broker (pid \(brokerPID)) did not stop in 15 s; killing it"), "\(stopped.errors)")
            // Gone, or a zombie nobody reaps yet (the daemon's parent is PID 1 here, which may not reap orphans).
            let state = (try? String(contentsOfFile: "/proc/\(brokerPID)/stat", encoding: .utf8)).flatMap { $0.split(separator: ")").last?.dropFirst().first }
            #expect(state == nil || state == "Z", "the broker is gone: state \(String(describing: state))")
            #expect(!FileManager.default.fileExists(atPath: pids + "/aggregator.pid"), "the aggregator was stopped after it")
        }
    }
}
