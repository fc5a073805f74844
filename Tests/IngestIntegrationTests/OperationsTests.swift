import Foundation
import IngestProtocol
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What an operator watches: `status` as JSON and in watch mode, and the Prometheus endpoints.
@Suite("Operations", .serialized)
struct OperationsTests {
    /// One HTTP/1.1 GET over a plain TCP socket to 127.0.0.1; the whole response, or nil.
    /// The value of an unlabelled metric in a scrape (`name 1.0` or `name 24`), nil when absent.
    static func metric(_ name: String, in scrape: String?) -> Double? {
        scrape?.split(separator: "\n").lazy.compactMap { line -> Double? in
            let parts = line.split(separator: " ")
            return parts.count == 2 && parts[0] == name ? Double(parts[1]) : nil
        }.first
    }

    /// A plain TCP connection to 127.0.0.1:`port` (its descriptor, for the caller to close), or nil.
    /// A TCP connection to `port` on loopback; `receiveBuffer` fixes the kernel's receive buffer (`SO_RCVBUF`, set
    /// before connecting so that the window stays that small) instead of letting it grow with the traffic.
    static func connectLoopback(port: Int, receiveBuffer: Int32? = nil) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        if var size = receiveBuffer, setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            close(descriptor)
            return nil
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    static func httpGet(port: Int, path: String) -> String? {
        guard let descriptor = connectLoopback(port: port) else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test("status --format json and --watch show counters, rates and a line per worker")
    func statusViews() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let json = try cluster.run(["status", "--format", "json"])
        #expect(json.status == 0)
        struct Both: Decodable { let broker: BrokerStatus; let aggregator: AggregatorStatus }
        let decoded = try JSONDecoder().decode(Both.self, from: Data(json.output.utf8))
        #expect(decoded.broker.done == 24 && decoded.aggregator.documentsApplied == 24)
        #expect(decoded.broker.workers?.count == 2)
        let watched = try cluster.run(["status", "--watch", "--interval", "0.2", "--count", "3"], timeout: 30)
        #expect(watched.status == 0)
        #expect(watched.output.components(separatedBy: "live workers 2").count - 1 == 3, "\(watched.output)")
        #expect(watched.output.contains("/s)"), "rates after the first refresh")
        #expect(watched.output.contains("  worker "), "a line per worker")
        cluster.kill9("aggregator")
        let half = try cluster.run(["status", "--format", "json"])
        #expect(half.status == 1)
        #expect(half.output.contains("\"broker\"") && !half.output.contains("\"aggregator\":{"))
        let watchedHalf = try cluster.run(["status", "--watch", "--interval", "0.2", "--count", "2"], timeout: 30)
        #expect(watchedHalf.status == 1, "a watch that ends with a daemon down exits 1, as status does: \(watchedHalf.output)")
        // The other way round: the broker down, the aggregator answering; the text names the one that does not.
        try cluster.start("aggregator", ["aggregator"])
        cluster.kill9("broker")
        #expect(cluster.eventually(timeout: 10) { (try? cluster.aggregatorStatus()) != nil })
        let text = try cluster.run(["status"])
        #expect(text.status == 1)
        let lines = text.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("broker") && $0.contains("NOT ANSWERING") }, "\(text.output)")
        #expect(!lines.contains { $0.hasPrefix("aggregator") && $0.contains("NOT ANSWERING") }, "\(text.output)")
    }

    @Test("every daemon stops cleanly on SIGINT as on SIGTERM: exit 0, and a restart finds everything it counted")
    func stopOnInterrupt() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let applied = try cluster.aggregatorStatus()?.documentsApplied
        for name in ["worker-1", "broker", "aggregator"] {
            cluster.signal(name, SIGINT)
            #expect(cluster.eventually(timeout: 15) { !cluster.isRunning(name) }, "\(name) stops on SIGINT: \(cluster.log(name).suffix(300))")
            #expect(cluster.daemons[name].map { $0.isRunning ? -1 : $0.terminationStatus } == 0, "\(name) exits 0")
        }
        try cluster.startCluster(workers: 1)
        #expect(try cluster.aggregatorStatus()?.documentsApplied == applied)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).output.contains("accepted 0"))
    }

    @Test("a daemon whose log reader goes away (a closed terminal, | head) keeps serving and stops with exit 0, not killed by SIGPIPE")
    func logReaderGone() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let log = Pipe()
        try cluster.start("broker", ["broker"], standardError: log.fileHandleForWriting)
        try log.fileHandleForWriting.close()
        var said = ""
        let deadline = Date().addingTimeInterval(10)
        while !said.contains("broker listening"), Date() < deadline {
            said += String(decoding: log.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(said.contains("broker listening"), "\(said)")
        try log.fileHandleForReading.close()
        // Lines it logs now go nowhere: a worker joining, a stranger's garbage.
        try cluster.start("worker-1", ["worker"])
        try cluster.waitUntilLive(workers: 1)
        for _ in 0..<3 { _ = try cluster.ask(cluster.frontend, [[0xFF, 0x00]]) }
        usleep(300_000)
        #expect(cluster.isRunning("broker"), "the broker died as its log reader went away")
        #expect(try cluster.brokerStatus()?.liveWorkers == 1)
        cluster.signal("broker", SIGTERM)
        #expect(cluster.eventually(timeout: 15) { !cluster.isRunning("broker") })
        #expect(cluster.daemons["broker"].map { $0.isRunning ? -1 : $0.terminationStatus } == 0, "it stops cleanly")
    }

    @Test("a client whose reader goes away (| head) is ended by SIGPIPE, as any Unix tool is: status 141, nothing on stderr, no crash dump")
    func clientReaderGone() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let articles = ClusterTests.articles
        // Three passes over the samples print some 160 KB, well past a pipe's 64 KiB: the writes after `head` left fail.
        let script = """
            "$0" extract "$1" "$1" "$1" 2>"$2" | head -c 10 >/dev/null
            echo "${PIPESTATUS[0]}"
            """
        let errors = cluster.dataDirectory + "/extract.err"
        let said = try cluster.runCapturingErrors(["-c", script, ingestBinary, articles, errors], executable: "/bin/bash").output
        #expect(said.trimmingCharacters(in: .whitespacesAndNewlines) == "141", "extract's exit status: \(said)")
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "unreadable"
        #expect(stderr.isEmpty, "\(stderr.prefix(600))")

        // A client that writes a little now and then (status --watch) is ended the same way at its next write, and
        // on a full disk says so once and ends rather than going on.
        try cluster.startCluster(workers: 1)
        let watchErrors = cluster.dataDirectory + "/watch.err"
        let watching = """
            "$0" status --watch --interval 0.2 --count 50 2>"$1" | head -c 10 >/dev/null
            echo "${PIPESTATUS[0]}"
            """
        let watched = try cluster.runCapturingErrors(["-c", watching, ingestBinary, watchErrors], executable: "/bin/bash", timeout: 30).output
        #expect(watched.trimmingCharacters(in: .whitespacesAndNewlines) == "141", "status --watch's exit status: \(watched)")
        #expect(((try? String(contentsOfFile: watchErrors, encoding: .utf8)) ?? "unreadable").isEmpty)
        let full = try cluster.runCapturingErrors(["status", "--watch", "--interval", "0.2", "--count", "50"], timeout: 30, standardOutput: "/dev/full")
        #expect(full.status == 1 && full.errors.split(separator: "\n").count == 1 && full.errors.contains("cannot write standard output"), "\(full.errors)")
    }

    @Test("submit shows a live progress line on a terminal for more than 50 documents, and none for 50, nor when standard error is not a terminal",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
    func progressLine() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let many = try FaultTests.reports(cluster, count: 60, name: "many")
        // Numbered past the sixty, so that none is a duplicate of theirs.
        let fifty = try FaultTests.reports(cluster, count: 50, name: "fifty") { FaultTests.meeting(100 + $0) }
        /// `ingest submit --wait FOLDER` on a pseudo-terminal (script(1)): what the terminal showed.
        func onTerminal(_ folder: String) throws -> String {
            let run = try cluster.runCapturingErrors(["-qec", "exec '\(ingestBinary)' submit --wait --wait-timeout 60 '\(folder)'", "/dev/null"],
                                                     executable: "/usr/bin/script", timeout: 90, standardInput: "/dev/null")
            #expect(run.status == 0, "\(run.output)")
            return run.output
        }
        let shown = try onTerminal(many)
        #expect(shown.contains("\rsubmitted 60/60") && shown.contains("\rapplied "), "\(shown.debugDescription)")
        #expect(shown.contains("submitted 60 accepted 60"), "\(shown.debugDescription)")
        let few = try onTerminal(fifty)
        // (A terminal ends every line with CR LF, so a CR alone says nothing here.)
        #expect(!few.contains("docs/s") && few.contains("submitted 50 accepted 50"), "\(few.debugDescription)")
        let piped = try cluster.runCapturingErrors(["submit", "--wait", many], timeout: 60)
        #expect(piped.status == 0 && piped.output.contains("duplicate 60"), "\(piped.output)")
        #expect(!piped.errors.contains("\r") && !piped.errors.contains("docs/s"), "\(piped.errors.debugDescription)")
    }

    @Test("a stranger streaming 16 MiB with no end of headers to the metrics port is cut off after the 8 KiB a request may hold; the broker does not grow, and the next scrape is answered")
    func metricsRequestBounded() throws {
        let port = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: "[metrics]\nbroker = \"tcp://127.0.0.1:\(port)\"")
        defer { cluster.tearDown() }
        try cluster.startCoordinators()
        let pid = try #require(cluster.daemons["broker"]?.processIdentifier)
        #expect(Self.httpGet(port: port, path: "/metrics")?.hasPrefix("HTTP/1.1 200") == true)
        let before = HostileTrafficTests.peakResidentMiB(pid)
        let descriptor = try #require(Self.connectLoopback(port: port))
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 64 * 1024)
        var sent = 0
        var failure: Int32 = 0
        // Writes fail once the daemon has closed the connection (EPIPE, ECONNRESET), or time out if it only stopped reading.
        while sent < 16 << 20 {
            let count = send(descriptor, chunk, chunk.count, Int32(MSG_NOSIGNAL))
            if count <= 0 {
                failure = errno
                break
            }
            sent += count
        }
        #expect(sent < 16 << 20, "all 16 MiB were taken: the request was never cut off")
        #expect(failure == EPIPE || failure == ECONNRESET, "the connection was not closed by the daemon: errno \(failure) after \(sent) bytes")
        #expect(Self.httpGet(port: port, path: "/metrics")?.hasPrefix("HTTP/1.1 200") == true, "the next scrape is answered")
        #expect(HostileTrafficTests.peakResidentMiB(pid) - before < 8, "the broker's peak grew by \(HostileTrafficTests.peakResidentMiB(pid) - before) MiB")
    }

    @Test("the broker and the aggregator serve Prometheus metrics when configured, and 404 elsewhere")
    func prometheus() throws {
        let brokerPort = freeLoopbackPort()
        let aggregatorPort = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: """
            [metrics]
            broker = "tcp://127.0.0.1:\(brokerPort)"
            aggregator = "tcp://127.0.0.1:\(aggregatorPort)"
            """)
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 2)
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        let broker = try #require(Self.httpGet(port: brokerPort, path: "/metrics"))
        #expect(broker.hasPrefix("HTTP/1.1 200"))
        #expect(broker.contains("ingest_broker_done_total 24"), "\(broker.suffix(800))")
        #expect(broker.contains("ingest_broker_live_workers 2"))
        #expect(broker.contains("ingest_accept_to_done_seconds_count 24"))
        let aggregator = try #require(Self.httpGet(port: aggregatorPort, path: "/metrics"))
        #expect(aggregator.contains("ingest_aggregator_applied_total 24"), "\(aggregator.suffix(800))")
        // Every metric the README's table names is there, with the kind it says.
        let kinds = [
            "ingest_broker_accepted_total": "counter", "ingest_broker_duplicates_total": "counter", "ingest_broker_rejected_total": "counter",
            "ingest_broker_done_total": "counter", "ingest_broker_deadlettered_total": "counter", "ingest_broker_queued": "gauge",
            "ingest_broker_in_flight": "gauge", "ingest_broker_waiting_for_storage": "gauge", "ingest_broker_live_workers": "gauge",
            "ingest_broker_journal_writable": "gauge", "ingest_broker_dead_letters_writable": "gauge", "ingest_accept_to_done_seconds": "histogram",
            "ingest_broker_deadlettered": "gauge",
        ]
        for (name, kind) in kinds { #expect(broker.contains("# TYPE \(name) \(kind)\n"), "\(name) \(kind)") }
        #expect(Self.metric("ingest_broker_journal_writable", in: broker) == 1 && Self.metric("ingest_broker_accepted_total", in: broker) == 24)
        #expect(Self.metric("ingest_broker_dead_letters_writable", in: broker) == 1)
        for (name, kind) in ["ingest_aggregator_applied_total": "counter", "ingest_aggregator_provinces": "gauge", "ingest_aggregator_sequence": "gauge",
                             "ingest_aggregator_staged": "gauge", "ingest_aggregator_storage_writable": "gauge"] {
            #expect(aggregator.contains("# TYPE \(name) \(kind)\n"), "\(name) \(kind)")
        }
        #expect(Self.metric("ingest_aggregator_storage_writable", in: aggregator) == 1 && Self.metric("ingest_aggregator_sequence", in: aggregator) == 24)
        // The values, not only the names: the articles again are 24 duplicates, an empty file one rejection; nothing waits.
        #expect(try cluster.run(["submit", ClusterTests.articles]).output.contains("duplicate 24"))
        let empty = cluster.dataDirectory + "/empty.txt"
        try Data().write(to: URL(fileURLWithPath: empty))
        _ = try cluster.runCapturingErrors(["submit", empty])
        let again = try #require(Self.httpGet(port: brokerPort, path: "/metrics"))
        let expected: [String: Double] = ["ingest_broker_duplicates_total": 24, "ingest_broker_rejected_total": 1, "ingest_broker_accepted_total": 24,
                                          "ingest_broker_queued": 0, "ingest_broker_in_flight": 0, "ingest_broker_waiting_for_storage": 0,
                                          "ingest_broker_deadlettered_total": 0, "ingest_broker_deadlettered": 0]
        for (name, value) in expected { #expect(Self.metric(name, in: again) == value, "\(name)") }
        let provinces = try #require(try cluster.aggregatorStatus()?.provinces)
        #expect(provinces > 0 && Self.metric("ingest_aggregator_provinces", in: Self.httpGet(port: aggregatorPort, path: "/metrics")) == Double(provinces))
        #expect(Self.httpGet(port: brokerPort, path: "/")?.hasPrefix("HTTP/1.1 404") == true)
        // A scraper that sends garbage and hangs up does not disturb the daemon.
        _ = Self.httpGet(port: brokerPort, path: String(repeating: "x", count: 20_000))
        #expect(try cluster.brokerStatus()?.done == 24)
    }
}

extension OperationsTests {
    @Test("the broker's gauges under load say what status says: with a worker of credit 1 and the aggregator paused, one job in flight and waiting for storage, two queued; all zero once it is back")
    func gaugesUnderLoad() throws {
        let port = freeLoopbackPort()
        let cluster = try ClusterHarness(settings: "[limits]\nworker_credit = 1\n[heartbeat]\njob_timeout_seconds = 120\n[metrics]\nbroker = \"tcp://127.0.0.1:\(port)\"")
        defer { cluster.tearDown() }
        func gauges() -> [String: Double] {
            let scrape = Self.httpGet(port: port, path: "/metrics")
            return Dictionary(uniqueKeysWithValues: ["ingest_broker_queued", "ingest_broker_in_flight", "ingest_broker_waiting_for_storage", "ingest_broker_done_total"]
                .compactMap { name in Self.metric(name, in: scrape).map { (name, $0) } })
        }
        try cluster.startCluster(workers: 1)
        cluster.signal("aggregator", SIGSTOP)
        defer { cluster.signal("aggregator", SIGCONT) }
        #expect(try cluster.run(["submit", try FaultTests.reports(cluster, count: 3)]).output.contains("accepted 3"))
        let loaded = ["ingest_broker_queued": 2.0, "ingest_broker_in_flight": 1, "ingest_broker_waiting_for_storage": 1, "ingest_broker_done_total": 0]
        #expect(cluster.eventually(timeout: 20) { gauges() == loaded }, "\(gauges())")
        let status = try #require(try cluster.brokerStatus())
        #expect(status.queued == 2 && status.inFlight == 1 && status.waitingForStorage == 1, "\(status)")
        cluster.signal("aggregator", SIGCONT)
        let drained = ["ingest_broker_queued": 0.0, "ingest_broker_in_flight": 0, "ingest_broker_waiting_for_storage": 0, "ingest_broker_done_total": 3]
        #expect(cluster.eventually(timeout: 30) { gauges() == drained }, "\(gauges())")
    }
}

/// The systemd units in Config/systemd run subcommands that exist, stop with SIGTERM, restart on failure and
/// log to the journal.
@Suite("Service units")
struct ServiceUnitTests {
    static let folder = packageRoot.appendingPathComponent("Config/systemd").path

    @Test("each unit's ExecStart names a real subcommand; the broker's and the aggregator's reload sends SIGHUP", arguments: ["report-ingest-broker.service", "report-ingest-aggregator.service", "report-ingest-worker@.service"])
    func unit(_ name: String) throws {
        let text = try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8)
        let exec = try #require(text.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let words = exec.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
        #expect(words.first?.hasSuffix("/ingest") == true)
        let subcommand = Array(words.dropFirst())
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let help = try cluster.run(subcommand + ["--help"], timeout: 20)
        #expect(help.status == 0, "ingest \(subcommand.joined(separator: " ")) --help: \(help.output)")
        let restart = name.hasPrefix("report-ingest-worker") ? "Restart=always" : "Restart=on-failure"
        for line in ["KillSignal=SIGTERM", "StandardError=journal", restart] { #expect(text.split(separator: "\n").contains(Substring(line)), "\(name) lacks \(line)") }
        // `systemctl reload` re-reads the allow-lists (the README's word): SIGHUP to the daemon itself, as `revoke` tests.
        if !name.hasPrefix("report-ingest-worker") {
            #expect(text.split(separator: "\n").contains("ExecReload=/bin/kill -HUP $MAINPID"), "\(name) lacks a reload that sends SIGHUP")
        }
        // A path the unit names that a worker machine may lack is prefixed with "-": without it systemd fails the unit
        // (226/NAMESPACE) where the path does not exist.
        if name.hasPrefix("report-ingest-worker") {
            for line in text.split(separator: "\n") where line.hasPrefix("ReadOnlyPaths=") || line.hasPrefix("ReadWritePaths=") {
                #expect(line.split(separator: "=", maxSplits: 1).last?.hasPrefix("-") == true, "\(line)")
            }
        }
    }
}

@Suite("Logs")
struct LogTests {
    @Test("a daemon's log past 10 MiB is rotated when the cluster script starts it, keeping three")
    func rotation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-logs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/broker.log"
        for generation in 0..<4 {
            try Data(repeating: UInt8(ascii: "a") + UInt8(generation), count: 11 << 20).write(to: URL(fileURLWithPath: log))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "source \"$1\" && rotate_log \"$2\"", "rotate", packageRoot.appendingPathComponent("Scripts/common.sh").path, log]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["broker.log.1", "broker.log.2", "broker.log.3"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: log + ".1")).first == UInt8(ascii: "a") + 3, "the newest is .1")
    }

    @Test("rejections are logged with their reason")
    func rejectionLogged() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        try cluster.startCluster(workers: 1)
        let folder = cluster.dataDirectory + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("   \n".utf8).write(to: URL(fileURLWithPath: folder + "/blank.txt"))
        _ = try cluster.run(["submit", folder])
        #expect(cluster.eventually(timeout: 5) { cluster.log("broker").contains("rejected a document") && cluster.log("broker").contains("document is empty") })
    }
}
