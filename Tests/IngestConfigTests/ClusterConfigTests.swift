import Foundation
import Testing
@testable import IngestConfig

@Suite("Cluster configuration")
struct ClusterConfigTests {
    static let projectConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/cluster.toml").path

    @Test("the shipped config loads with loopback endpoints")
    func shippedConfig() throws {
        let config = try ClusterConfig.load(path: Self.projectConfig, environment: [:])
        #expect(config.frontend.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.backend.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.aggregator.hasPrefix("tcp://127.0.0.1:"))
        #expect(config.dataDirectory.hasSuffix("/data"))
        #expect(config.dataDirectory.hasPrefix("/"))
        #expect(config.maxDocumentBytes == 1_048_576)
    }

    @Test("the shipped config's snapshot cadence is the built-in one, so a file without it behaves the same")
    func shippedSnapshotCadence() throws {
        let config = try ClusterConfig.load(path: Self.projectConfig, environment: [:])
        let builtIn = ClusterConfig()
        #expect(config.snapshotEveryRecords == builtIn.snapshotEveryRecords)
        #expect(config.snapshotEverySeconds == builtIn.snapshotEverySeconds)
        #expect(config.snapshotsKept == builtIn.snapshotsKept)
    }

    @Test("environment variables override the file")
    func environment() throws {
        let config = try ClusterConfig.load(path: Self.projectConfig, environment: [
            "INGEST_FRONTEND": "tcp://127.0.0.1:6000", "INGEST_BACKEND": "tcp://127.0.0.1:6001",
            "INGEST_AGGREGATOR": "tcp://127.0.0.1:6002", "INGEST_DATA": "/tmp/other",
        ])
        #expect(config.frontend == "tcp://127.0.0.1:6000")
        #expect(config.backend == "tcp://127.0.0.1:6001")
        #expect(config.aggregator == "tcp://127.0.0.1:6002")
        #expect(config.dataDirectory == "/tmp/other")
    }

    @Test("a missing file is a one-line error naming it")
    func missing() {
        #expect(throws: ConfigError.missingFile("/nope/cluster.toml")) { try ClusterConfig.load(path: "/nope/cluster.toml", environment: [:]) }
        #expect(ConfigError.missingFile("/x").description == "config file not found: /x")
    }

    @Test("malformed files give the line and the reason", arguments: [
        ("[endpoints\nfrontend = \"tcp://x:1\"", "line 1: bad table header"),
        ("[limits]\nqueue_capacity = -3", "line 2: limits.queue_capacity: expected a positive integer"),
        ("[endpoints]\nfrontend = 5570", "line 2: endpoints.frontend: expected a string"),
        ("[endpoints]\nfrontend = \"localhost:5570\"",
         "line 2: endpoints.frontend: \"localhost:5570\" is not a ZeroMQ endpoint: expected tcp://HOST:PORT (PORT 1-65535 or *), ipc://PATH or inproc://NAME, such as tcp://127.0.0.1:5570"),
        ("[storage]\ndata_directory = \"x\"", "line 2: storage.data_directory: unknown key; did you mean storage.data_dir?"),
        ("just words", "line 1: expected key = value"),
        ("[a]\nb = 1\nb = 2", "line 3: duplicate key a.b (first on line 2)"),
        ("# tuning\n\n[heartbeat]\ninterval_seconds = 1\nliveness = 0", "line 5: heartbeat.liveness: expected a positive integer"),
        ("[snapshots]\nevery_seconds = \"5\"", "line 2: snapshots.every_seconds: expected a positive number of seconds"),
        ("[security]\ncurve = 1", "line 2: security.curve: expected true or false"),
        ("[security]\nallow_plaintext = \"yes\"", "line 2: security.allow_plaintext: expected true or false"),
        ("[scheduling]\ncoordinators = \"fast\"", "line 2: scheduling.coordinators: expected \"batch\" or \"normal\", got \"fast\""),
        ("[scheduling]\ncoordinators = 3", "line 2: scheduling.coordinators: expected a string"),
        ("[a]\nb = \"open", "line 2: unterminated string"),
        ("[limits]\nmax_document_bytes = 3_000_000", "line 2: limits.max_document_bytes: at most 2097152 (2 MiB)"),
        ("[limits]\nstate_reply_bytes = 67_108_865", "line 2: limits.state_reply_bytes: at most 67108864 (64 MiB, the largest state a client accepts)"),
        ("[limits]\nworker_credit = 2000", "line 2: limits.worker_credit: at most 1024 (the most jobs a worker's READY may ask for)"),
        ("[limits]\nqueue_capacity = 10_", "line 2: cannot read value \"10_\": an underscore goes between two digits"),
        ("[limits]\nqueue_capacity = 1__0", "line 2: cannot read value \"1__0\": an underscore goes between two digits"),
        ("[limits]\nqueue_capacity = 0_1", "line 2: cannot read value \"0_1\": not a number as TOML writes one (no leading zero, digits on both sides of a point)"),
        ("[heartbeat]\ninterval_seconds = .5", "line 2: cannot read value \".5\": not a number as TOML writes one (no leading zero, digits on both sides of a point)"),
        ("[heartbeat]\ninterval_seconds = 0x10", "line 2: cannot read value \"0x10\": not a number as TOML writes one (no leading zero, digits on both sides of a point)"),
        ("[heartbeat]\ninterval_seconds = 1e400", "line 2: 1e400 is out of range for a number"),
        ("[heartbeat]\ninterval_seconds = 1e-300", "line 2: heartbeat.interval_seconds: at least 0.01 s"),
        ("[heartbeat]\ninterval_seconds = 1e308", "line 2: heartbeat.interval_seconds: at most 604800 s (a week)"),
        ("[heartbeat]\njob_timeout_seconds = 604801", "line 2: heartbeat.job_timeout_seconds: at most 604800 s (a week)"),
        ("[producer]\ntimeout_seconds = 604800.5", "line 2: producer.timeout_seconds: at most 604800 s (a week)"),
        ("[heartbeat]\nliveness = 9223372036854775807", "line 2: heartbeat.liveness: at most 1000000 (a million)"),
        ("[heartbeat]\nmax_attempts = 1_000_001", "line 2: heartbeat.max_attempts: at most 1000000 (a million)"),
        ("[producer]\nretries = 2_000_000", "line 2: producer.retries: at most 1000000 (a million)"),
        ("[limits]\nqueue_capacity = _1", "line 2: cannot read value \"_1\": an underscore goes between two digits"),
        ("[limits]\nqueue_capacity = -9223372036854775809", "line 2: -9223372036854775809 is out of range for a whole number (-9223372036854775808 to 9223372036854775807)"),
        ("[limits]\nqueue_capacity = -_1", "line 2: cannot read value \"-_1\": an underscore goes between two digits"),
        ("[limits]\nqueue_capacity = 1_e5", "line 2: cannot read value \"1_e5\": an underscore goes between two digits"),
        ("[storage]\ndata_dir = my_data", "line 2: cannot read value \"my_data\""),
        ("[storage]\njournal_compact_entries = 0", "line 2: storage.journal_compact_entries: expected a positive integer"),
        ("[limits]\nqueue_capacity = 99999999999999999999", "line 2: 99999999999999999999 is out of range for a whole number (-9223372036854775808 to 9223372036854775807)"),
    ])
    func malformed(text: String, message: String) {
        do {
            _ = try ClusterConfig.parse(text, baseDirectory: "/tmp/Config")
            Issue.record("parsed malformed config")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("comments, underscores in numbers and floats are read")
    func values() throws {
        let config = try ClusterConfig.parse("""
            # comment
            [limits]
            max_document_bytes = 2_000_000 # trailing
            queue_capacity = +1_000
            unread_state_bytes = 33_554_432
            [heartbeat]
            interval_seconds = 0.5
            [endpoints]
            frontend = "ipc:///tmp/a#2"
            [security]
            allow_plaintext = true
            [scheduling]
            coordinators = "normal"
            [storage]
            journal_compact_entries = 2_000
            """, baseDirectory: "/srv/ingest/Config")
        #expect(config.journalCompactEntries == 2_000 && ClusterConfig().journalCompactEntries == 50_000)
        #expect(config.allowPlaintext && !ClusterConfig().allowPlaintext)
        #expect(config.coordinatorScheduling == .normal && ClusterConfig().coordinatorScheduling == .batch)
        #expect(config.maxDocumentBytes == 2_000_000)
        #expect(config.queueCapacity == 1_000, "a sign may lead, as TOML allows")
        #expect(config.unreadStateBytes == 32 << 20 && ClusterConfig().unreadStateBytes == 256 << 20)
        #expect(config.heartbeatIntervalSeconds == 0.5)
        #expect(config.frontend == "ipc:///tmp/a#2")
        #expect(config.dataDirectory == "/srv/ingest/data")
        #expect(config.tablesDirectory == "/srv/ingest/Config")
    }

    @Test("a file saved with CRLF or CR line ends reads as with LF, its first line a comment or not, and its mistakes still name their line",
          arguments: ["\r\n", "\r"])
    func lineEnds(end: String) throws {
        let lines = ["# the shipped file starts with a comment", "[endpoints]", "frontend = \"tcp://127.0.0.1:48101\"  # producers",
                     "[storage]", "data_dir = \"/srv/data\""]
        let config = try ClusterConfig.parse(lines.joined(separator: end) + end, baseDirectory: "/srv/Config")
        #expect(config.frontend == "tcp://127.0.0.1:48101" && config.dataDirectory == "/srv/data")
        #expect(throws: ConfigError.self) { try ClusterConfig.parse((lines + ["[heartbeat]", "intervall_seconds = 1"]).joined(separator: end), baseDirectory: "/") }
        do {
            _ = try ClusterConfig.parse((lines + ["[heartbeat]", "intervall_seconds = 1"]).joined(separator: end), baseDirectory: "/")
        } catch {
            #expect("\(error)".contains("line 7: heartbeat.intervall_seconds: unknown key"), "\(error)")
        }
    }

    @Test("an unknown key names its line and the known key it most likely meant", arguments: [
        ("[heartbeat]\ninterval_seconds = 1\nintervall_seconds = 2", "line 3: heartbeat.intervall_seconds: unknown key; did you mean heartbeat.interval_seconds?"),
        ("[endpoint]\nfrontend = \"tcp://127.0.0.1:5570\"", "line 2: endpoint.frontend: unknown key; did you mean endpoints.frontend?"),
        ("[storage]\nkeys_dir = \"k\"", "line 2: storage.keys_dir: unknown key; did you mean security.keys_dir?"),
        ("[producer]\nretry = 3", "line 2: producer.retry: unknown key; did you mean producer.retries?"),
        ("[colours]\nbackground = \"blue\"", "line 2: colours.background: unknown key"),
        // Two unknown keys: the first in the file is named.
        ("[limits]\nzzz = 1\n[heartbeat]\naaa = 2", "line 2: limits.zzz: unknown key"),
    ])
    func unknownKey(text: String, message: String) {
        do {
            _ = try ClusterConfig.parse(text, baseDirectory: "/tmp/Config")
            Issue.record("parsed a config with an unknown key")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func distance() {
        #expect(editDistance("interval_seconds", "intervall_seconds") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("same", "same") == 0)
    }

    @Test("a config path that is a folder says so")
    func configIsAFolder() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: ConfigError.unreadable(folder, reason: "it is a folder, not a file (give the cluster.toml inside it)")) {
            try ClusterConfig.load(path: folder, environment: [:])
        }
    }

    @Test("an ipc path of 107 bytes is taken (the system's limit), one of 108 is named as too long")
    func ipcPathLength() throws {
        let longest = "ipc:///tmp/" + String(repeating: "p", count: 102)
        #expect(try ClusterConfig.load(path: Self.projectConfig, environment: ["INGEST_FRONTEND": longest]).frontend == longest)
        do {
            _ = try ClusterConfig.load(path: Self.projectConfig, environment: ["INGEST_FRONTEND": longest + "p"])
            Issue.record("accepted a 108-byte ipc path")
        } catch {
            #expect(error.description.contains("an ipc path is at most 107 bytes, this one is 108"), "\(error.description)")
        }
    }

    @Test("endpoints: tcp with a port 1-65535 or *, ipc with a path, inproc with a name", arguments: [
        ("tcp://127.0.0.1:5570", true), ("tcp://*:5570", true), ("tcp://0.0.0.0:*", true), ("tcp://broker-host:65535", true),
        ("tcp://[::1]:5570", true), ("tcp://192.168.1.2:0;10.0.0.1:5570", true), ("ipc:///tmp/ingest.sock", true),
        ("ipc://@abstract", true), ("inproc://aggregator", true),
        ("tcp://127.0.0.1:99999", false), ("tcp://127.0.0.1:0", false), ("tcp://127.0.0.1", false), ("tcp://:5570", false),
        ("tcp://127.0.0.1:55a", false), ("tcp://127.0.0.1:", false), ("127.0.0.1:5570", false), ("localhost:5570", false),
        ("tcp://127.0.0.1:5570 ", false), ("ipc://", false), ("inproc://", false), ("udp://127.0.0.1:5570", false),
        ("ipc:///" + String(repeating: "x", count: 120), false),
    ])
    func endpoints(endpoint: String, valid: Bool) {
        #expect((EndpointSyntax.problem(endpoint) == nil) == valid, "\(endpoint): \(EndpointSyntax.problem(endpoint) ?? "valid")")
    }

    @Test("a port out of range in the file names the key, the line and the port")
    func portOutOfRange() {
        do {
            _ = try ClusterConfig.parse("[endpoints]\nfrontend = \"tcp://127.0.0.1:5570\"\nbackend = \"tcp://127.0.0.1:99999\"", baseDirectory: "/tmp/Config")
            Issue.record("accepted port 99999")
        } catch {
            #expect(error.description == "line 3: endpoints.backend: \"tcp://127.0.0.1:99999\" has port \"99999\": a port is 1-65535 (or * for any free one)")
        }
    }

    @Test("a bad endpoint in the environment names the variable", arguments: [
        ("INGEST_FRONTEND", "127.0.0.1:5570"), ("INGEST_BACKEND", "tcp://127.0.0.1:99999"), ("INGEST_AGGREGATOR", "tcp://localhost"),
        ("INGEST_METRICS_BROKER", "tcp://127.0.0.1:0"), ("INGEST_METRICS_BROKER", "http://127.0.0.1:9100"),
        ("INGEST_METRICS_AGGREGATOR", "localhost:80"),
    ])
    func environmentEndpoint(variable: String, value: String) {
        do {
            _ = try ClusterConfig.load(path: Self.projectConfig, environment: [variable: value])
            Issue.record("accepted \(variable)=\(value)")
        } catch {
            #expect(error.description.hasPrefix("environment variable \(variable): \(value.debugDescription) "), "\(error.description)")
        }
    }

    @Test("INGEST_CURVE takes 1, true, yes, on or 0, false, no, off in any case, and names itself otherwise")
    func curveVariable() throws {
        for value in ["1", "true", "yes", "on", "TRUE", "Yes", "ON"] {
            #expect(try ClusterConfig.load(path: Self.projectConfig, environment: ["INGEST_CURVE": value]).curve, "\(value)")
        }
        for value in ["0", "false", "no", "off", "False", "NO", "Off"] {
            #expect(try !ClusterConfig.load(path: Self.projectConfig, environment: ["INGEST_CURVE": value]).curve, "\(value)")
        }
        for value in ["maybe", "2", "y", "enabled", " 1"] {
            #expect(throws: ConfigError.invalidEnvironment(variable: "INGEST_CURVE", reason: "\(value.debugDescription) is not 1, true, yes or on, nor 0, false, no or off")) {
                try ClusterConfig.load(path: Self.projectConfig, environment: ["INGEST_CURVE": value])
            }
        }
    }

    @Test("a bad value's error names the file and the line")
    func inFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cluster.toml"
        try Data("[heartbeat]\ninterval_seconds = 1\nintervall_seconds = 2\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ClusterConfig.load(path: path, environment: [:])
            Issue.record("loaded a config with an unknown key")
        } catch {
            #expect(error.description == "config file \(path): line 3: heartbeat.intervall_seconds: unknown key; did you mean heartbeat.interval_seconds?")
        }
    }
}
