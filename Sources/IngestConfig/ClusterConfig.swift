import Foundation

/// Everything a command needs to find and tune the cluster, from `Config/cluster.toml` and the
/// `INGEST_*` environment variables, which override the file so two clusters can run side by side.
public struct ClusterConfig: Equatable, Sendable {
    /// Producers -> broker (`[endpoints] frontend`, `INGEST_FRONTEND`).
    public var frontend = "tcp://127.0.0.1:5570"
    /// Workers -> broker (`[endpoints] backend`, `INGEST_BACKEND`).
    public var backend = "tcp://127.0.0.1:5571"
    /// Workers and readers -> aggregator (`[endpoints] aggregator`, `INGEST_AGGREGATOR`).
    public var aggregator = "tcp://127.0.0.1:5572"
    /// Journals, snapshots, pid files, logs (`[storage] data_dir`, `INGEST_DATA`).
    public var dataDirectory = "data"
    /// Broker journal entries after which the journal is rewritten as what it must remember (`[storage] journal_compact_entries`).
    public var journalCompactEntries = 50_000
    /// Where `gazetteer.json` and `lexicon.json` live (`[extractor] tables_dir`).
    public var tablesDirectory = "Config"

    /// A snapshot's cost follows the officials and topics the provinces have seen, not the records since the last
    /// one: under load, 5,000 records (under a second) made snapshots about a seventh of the aggregator's CPU. 25,000
    /// keeps a start's replay of the records after the newest snapshot to about 0.6 s (25,000 records of real length here).
    public var snapshotEveryRecords = 25_000
    public var snapshotEverySeconds = 5.0
    public var snapshotsKept = 5

    public var maxDocumentBytes = 1 << 20
    public var queueCapacity = 10_000
    /// The most document bytes the broker holds in its queue before answering BUSY.
    public var queueBytes = 256 << 20
    /// Jobs a worker holds at once: enough that the round trip to the aggregator's commit never idles it.
    public var workerCredit = 128
    /// Text a worker holds at once beyond its first job, so that a large credit never queues long documents
    /// behind each other past their timeout.
    public var workerBytes = 4 << 20
    /// The largest whole state the aggregator sends in answer to QUERY; over it, ERROR naming the snapshot files.
    /// Each answer's encoding is held until its reader takes it, so a small machine may want less than the most.
    public var stateReplyBytes = ClusterConfig.largestStateReplyBytes
    /// The bytes of whole-state answers ZeroMQ may hold for readers that have not taken them yet (each encoding counted
    /// once); past it a QUERY that needs a new encoding is answered ERROR, so readers that never read cannot grow the
    /// aggregator without end.
    public var unreadStateBytes = 256 << 20

    public var heartbeatIntervalSeconds = 1.0
    public var heartbeatLiveness = 3
    public var jobTimeoutSeconds = 60.0
    public var maxAttempts = 3

    public var submitTimeoutSeconds = 3.0
    public var submitRetries = 20

    /// CURVE on every socket, with per-role allow-lists (`[security] curve`, `INGEST_CURVE=1`).
    public var curve = false
    /// Key pairs and allow-lists (`[security] keys_dir`, `INGEST_KEYS`); default `<data dir>/keys`.
    public var keysDirectoryOverride: String?
    /// Lets a daemon bind a non-loopback address without CURVE (`[security] allow_plaintext`).
    public var allowPlaintext = false
    /// Where the broker serves Prometheus metrics over HTTP (`[metrics] broker`, `INGEST_METRICS_BROKER`); off when nil.
    public var brokerMetrics: String?
    /// Where the aggregator serves them (`[metrics] aggregator`, `INGEST_METRICS_AGGREGATOR`); off when nil.
    public var aggregatorMetrics: String?
    /// This client's or worker's key pair file, when not the default in ``keysDirectory`` (`INGEST_KEY`).
    public var clientKeyPath: String?
    /// How the daemons' coordinating threads are scheduled beside the extraction (`[scheduling] coordinators`).
    public var coordinatorScheduling = CoordinatorScheduling.batch

    public init() {}

    /// Loads `path` (relative paths inside it are taken from the file's folder), then applies the environment.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> ClusterConfig {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missingFile(path) }
        // Foundation's own words for this are "NSCocoaErrorDomain error 256".
        if isFolder.boolValue { throw .unreadable(path, reason: "it is a folder, not a file (give the cluster.toml inside it)") }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path, reason: (error as NSError).localizedDescription)
        }
        var config: ClusterConfig
        do {
            config = try parse(text, baseDirectory: (path as NSString).deletingLastPathComponent)
        } catch {
            throw .inFile(path, ConfigErrorBox(error))
        }
        try config.applyEnvironment(environment)
        return config
    }

    /// Reads the TOML text; relative directories are resolved against `baseDirectory`'s parent (the project root).
    static func parse(_ text: String, baseDirectory: String) throws(ConfigError) -> ClusterConfig {
        let values = try TOMLSubset.parse(text)
        var config = ClusterConfig()
        var reader = Reader(values: values)
        let root = URL(fileURLWithPath: baseDirectory.isEmpty ? "." : baseDirectory).deletingLastPathComponent()
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : root.appendingPathComponent(path).standardizedFileURL.path
        }
        config.frontend = try reader.endpoint("endpoints.frontend") ?? config.frontend
        config.backend = try reader.endpoint("endpoints.backend") ?? config.backend
        config.aggregator = try reader.endpoint("endpoints.aggregator") ?? config.aggregator
        config.dataDirectory = resolve(try reader.string("storage.data_dir") ?? config.dataDirectory)
        config.journalCompactEntries = try reader.positive("storage.journal_compact_entries") ?? config.journalCompactEntries
        config.tablesDirectory = resolve(try reader.string("extractor.tables_dir") ?? config.tablesDirectory)
        config.snapshotEveryRecords = try reader.positive("snapshots.every_records") ?? config.snapshotEveryRecords
        config.snapshotEverySeconds = try reader.seconds("snapshots.every_seconds") ?? config.snapshotEverySeconds
        config.snapshotsKept = try reader.positive("snapshots.keep") ?? config.snapshotsKept
        // A document's journal record must fit a 16 MiB record, also as a first-version broker wrote it (its body as
        // JSON, up to six bytes per byte), which an upgraded broker still replays.
        config.maxDocumentBytes = try reader.positive("limits.max_document_bytes", atMost: Self.largestDocumentBytes, "2 MiB")
            ?? config.maxDocumentBytes
        config.queueCapacity = try reader.positive("limits.queue_capacity") ?? config.queueCapacity
        config.queueBytes = try reader.positive("limits.queue_bytes") ?? config.queueBytes
        config.workerCredit = try reader.positive("limits.worker_credit", atMost: Self.largestWorkerCredit, "the most jobs a worker's READY may ask for")
            ?? config.workerCredit
        config.workerBytes = try reader.positive("limits.worker_bytes") ?? config.workerBytes
        config.stateReplyBytes = try reader.positive("limits.state_reply_bytes", atMost: Self.largestStateReplyBytes, "64 MiB, the largest state a client accepts")
            ?? config.stateReplyBytes
        config.unreadStateBytes = try reader.positive("limits.unread_state_bytes") ?? config.unreadStateBytes
        config.heartbeatIntervalSeconds = try reader.seconds("heartbeat.interval_seconds") ?? config.heartbeatIntervalSeconds
        config.heartbeatLiveness = try reader.positive("heartbeat.liveness", atMost: Self.largestCount, "a million") ?? config.heartbeatLiveness
        config.jobTimeoutSeconds = try reader.seconds("heartbeat.job_timeout_seconds") ?? config.jobTimeoutSeconds
        config.maxAttempts = try reader.positive("heartbeat.max_attempts", atMost: Self.largestCount, "a million") ?? config.maxAttempts
        config.submitTimeoutSeconds = try reader.seconds("producer.timeout_seconds") ?? config.submitTimeoutSeconds
        config.submitRetries = try reader.positive("producer.retries", atMost: Self.largestCount, "a million") ?? config.submitRetries
        config.curve = try reader.bool("security.curve") ?? config.curve
        config.keysDirectoryOverride = try reader.string("security.keys_dir").map(resolve)
        config.allowPlaintext = try reader.bool("security.allow_plaintext") ?? config.allowPlaintext
        config.brokerMetrics = try reader.endpoint("metrics.broker")
        config.aggregatorMetrics = try reader.endpoint("metrics.aggregator")
        if let policy = try reader.string("scheduling.coordinators") {
            guard let chosen = CoordinatorScheduling(rawValue: policy) else {
                throw .invalidValue(key: "scheduling.coordinators", line: values["scheduling.coordinators"]?.line,
                                    reason: "expected \"batch\" or \"normal\", got \(policy.debugDescription)")
            }
            config.coordinatorScheduling = chosen
        }
        // Every key has been asked for by now, so what was asked is what is known.
        if let unknown = reader.unused.min(by: { (values[$0]?.line ?? 0, $0) < (values[$1]?.line ?? 0, $1) }) {
            let hint = Self.suggestion(for: unknown, among: reader.asked).map { "; did you mean \($0)?" } ?? ""
            throw .invalidValue(key: unknown, line: values[unknown]?.line, reason: "unknown key" + hint)
        }
        return config
    }

    /// The known key a misspelt one most likely meant: the same name under another table, else the
    /// nearest by edit distance when it is close (at most a third of the key's length, or 2).
    static func suggestion(for unknown: String, among known: some Collection<String>) -> String? {
        let name = unknown.split(separator: ".").last.map(String.init) ?? unknown
        if let moved = known.sorted().first(where: { $0.split(separator: ".").last.map(String.init) == name }) { return moved }
        let nearest = known.map { (distance: editDistance(unknown, $0), key: $0) }.min { ($0.distance, $0.key) < ($1.distance, $1.key) }
        guard let nearest, nearest.distance <= max(2, unknown.count / 3) else { return nil }
        return nearest.key
    }

    /// `INGEST_FRONTEND`, `INGEST_BACKEND`, `INGEST_AGGREGATOR`, `INGEST_DATA` override the file; a
    /// variable with an unusable value is an error naming it.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
        func endpoint(_ variable: String) throws(ConfigError) -> String? {
            guard let value = environment[variable], !value.isEmpty else { return nil }
            if let problem = EndpointSyntax.problem(value) { throw .invalidEnvironment(variable: variable, reason: problem) }
            return value
        }
        if let value = try endpoint("INGEST_FRONTEND") { frontend = value }
        if let value = try endpoint("INGEST_BACKEND") { backend = value }
        if let value = try endpoint("INGEST_AGGREGATOR") { aggregator = value }
        if let value = environment["INGEST_DATA"], !value.isEmpty { dataDirectory = value }
        if let value = environment["INGEST_CURVE"], !value.isEmpty {
            switch value.lowercased() {
            case "1", "true", "yes", "on": curve = true
            case "0", "false", "no", "off": curve = false
            default: throw .invalidEnvironment(variable: "INGEST_CURVE", reason: "\(value.debugDescription) is not 1, true, yes or on, nor 0, false, no or off")
            }
        }
        if let value = environment["INGEST_KEYS"], !value.isEmpty { keysDirectoryOverride = value }
        if let value = environment["INGEST_KEY"], !value.isEmpty { clientKeyPath = value }
        if let value = try endpoint("INGEST_METRICS_BROKER") { brokerMetrics = value }
        if let value = try endpoint("INGEST_METRICS_AGGREGATOR") { aggregatorMetrics = value }
    }

    /// The largest `limits.max_document_bytes` accepted.
    public static let largestDocumentBytes = 2 << 20

    /// The largest `limits.worker_credit` accepted: the most a READY carries (`WorkerMessage.maxCredit`).
    public static let largestWorkerCredit = 1_024
    /// The most beats, attempts or retries a setting may give.
    public static let largestCount = 1_000_000

    /// The largest `limits.state_reply_bytes` accepted: the largest STATE frame clients read (`AggregatorReply.maxStateBytes`).
    public static let largestStateReplyBytes = 64 << 20

    /// Where key pairs and the per-role allow-lists live.
    public var keysDirectory: String { keysDirectoryOverride ?? (dataDirectory as NSString).appendingPathComponent("keys") }

    /// The data directory's parts.
    public var snapshotsDirectory: String { (dataDirectory as NSString).appendingPathComponent("snapshots") }
    public var journalsDirectory: String { (dataDirectory as NSString).appendingPathComponent("journals") }
    /// Where the broker writes a dead letter for each document it gave up on.
    public var deadLetterDirectory: String { (dataDirectory as NSString).appendingPathComponent("deadletter") }
}

private struct Reader {
    let values: [String: TOMLSubset.Entry]
    var unused: Set<String>
    /// Every key read so far, whether the file sets it or not: after parsing, all the known keys.
    var asked: [String] = []

    init(values: [String: TOMLSubset.Entry]) {
        self.values = values
        unused = Set(values.keys)
    }

    private mutating func entry(_ key: String) -> TOMLSubset.Entry? {
        asked.append(key)
        guard let entry = values[key] else { return nil }
        unused.remove(key)
        return entry
    }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        guard let entry = entry(key) else { return nil }
        guard case .string(let text) = entry.value else { throw .invalidValue(key: key, line: entry.line, reason: "expected a string") }
        return text
    }

    mutating func endpoint(_ key: String) throws(ConfigError) -> String? {
        guard let text = try string(key) else { return nil }
        if let problem = EndpointSyntax.problem(text) { throw .invalidValue(key: key, line: values[key]?.line, reason: problem) }
        return text
    }

    /// A whole number above 0, and at most `largest` when given (`why` says where that bound comes from).
    mutating func positive(_ key: String, atMost largest: Int = .max, _ why: String = "") throws(ConfigError) -> Int? {
        guard let entry = entry(key) else { return nil }
        guard case .integer(let number) = entry.value, number > 0 else {
            throw .invalidValue(key: key, line: entry.line, reason: "expected a positive integer")
        }
        guard number <= largest else { throw .invalidValue(key: key, line: entry.line, reason: "at most \(largest) (\(why))") }
        return number
    }

    mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let entry = entry(key) else { return nil }
        guard case .boolean(let flag) = entry.value else { throw .invalidValue(key: key, line: entry.line, reason: "expected true or false") }
        return flag
    }

    static let shortestSeconds = 0.01
    /// The longest time any setting may give: a week, as `--wait-timeout` allows. Longer ones mean "never", which no
    /// setting needs, and past Int's range a count of them would trap.
    static let longestSeconds = 604_800.0

    mutating func seconds(_ key: String) throws(ConfigError) -> Double? {
        guard let entry = entry(key) else { return nil }
        let seconds: Double
        switch entry.value {
        case .integer(let number): seconds = Double(number)
        case .float(let number): seconds = number
        default: throw .invalidValue(key: key, line: entry.line, reason: "expected a positive number of seconds")
        }
        guard seconds > 0 else { throw .invalidValue(key: key, line: entry.line, reason: "expected a positive number of seconds") }
        // At least a hundredth of a second: a heartbeat every 1e-300 s filled the broker's log with joins and deaths.
        guard seconds >= Self.shortestSeconds else { throw .invalidValue(key: key, line: entry.line, reason: "at least \(Self.shortestSeconds) s") }
        guard seconds <= Self.longestSeconds else {
            throw .invalidValue(key: key, line: entry.line, reason: "at most \(Int(Self.longestSeconds)) s (a week)")
        }
        return seconds
    }
}
