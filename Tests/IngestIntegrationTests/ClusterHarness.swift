import Foundation
import Testing
import Synchronization
import IngestProtocol
import IngestServices
import ProvinceAggregation
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// The project's root, found from this file's path, so tests read Config/ and fixtures without ../shared.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `ingest` binary built beside the test bundle (or `INGEST_BINARY`).
let ingestBinary: String = {
    if let path = ProcessInfo.processInfo.environment["INGEST_BINARY"] { return path }
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ingest").path
    if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
    return packageRoot.appendingPathComponent(".build/debug/ingest").path
}()

/// A free TCP port on 127.0.0.1, found by binding port 0, and never one handed out before in this test process:
/// the kernel may give the same port to two binds in a row once the first is closed (a cluster's backend and
/// aggregator once got the same one), and tests run in parallel.
func freeLoopbackPort() -> Int {
    for _ in 0..<1_000 {
        let port = ephemeralLoopbackPort()
        if port > 0, portsHandedOut.withLock({ $0.insert(port).inserted }) { return port }
    }
    return ephemeralLoopbackPort()
}

private let portsHandedOut = Mutex<Set<Int>>([])

private func ephemeralLoopbackPort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A cluster of real `ingest` processes on free loopback ports with a temporary data directory.
/// Every process it starts is killed by PID in ``tearDown()``, which callers run in a `defer`.
final class ClusterHarness {
    let dataDirectory: String
    let environment: [String: String]
    let frontend: String
    let aggregator: String
    private(set) var daemons: [String: Process] = [:]
    /// The `client` key and the server's public key, when the cluster runs CURVE.
    private(set) var curveClient: (keyPair: CurveKeyPair, serverKey: [UInt8])?
    private var clients: [Process] = []
    /// Ends this cluster's processes should the test process die before ``tearDown()`` (see ``startWatchdog(parent:marker:)``).
    private var watchdog: Process?

    /// Every process the harness starts has this variable set to the cluster's data directory: what the watchdog looks for.
    static let markerVariable = "INGEST_TEST_HARNESS"

    /// A shell that waits for `parent` to end and then kills, by PID, every process whose environment has
    /// ``markerVariable`` set to `marker`: a test process that crashes or is killed runs no `defer`, and its daemons
    /// would otherwise run on (a daemon a launcher such as strace forked carries the variable too).
    static func startWatchdog(parent: pid_t, marker: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            for environ in /proc/[0-9]*/environ; do
                if tr '\\0' '\\n' < "$environ" 2>/dev/null | grep -qxF "$2=$3"; then
                    pid=${environ#/proc/}; kill -9 "${pid%/environ}" 2>/dev/null
                fi
            done
            """, "watchdog", String(parent), markerVariable, marker]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// `settings` are TOML lines added to a copy of the project's config (tables, snapshots, heartbeat...).
    /// `secure` turns CURVE on (`INGEST_CURVE=1`) and makes a server key, a `worker` key and a `client` key
    /// (producer and reader) with `ingest keys`, as `Scripts/start-cluster.sh --secure` does.
    init(settings: String? = nil, secure: Bool = false) throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        var configPath = packageRoot.appendingPathComponent("Config/cluster.toml").path
        if let settings {
            let folder = dataDirectory + "/config"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            configPath = folder + "/cluster.toml"
            let tables = packageRoot.appendingPathComponent("Config").path
            try Data("[extractor]\ntables_dir = \"\(tables)\"\n\(settings)\n".utf8).write(to: URL(fileURLWithPath: configPath))
        }
        frontend = "tcp://127.0.0.1:\(freeLoopbackPort())"
        aggregator = "tcp://127.0.0.1:\(freeLoopbackPort())"
        var environment = ProcessInfo.processInfo.environment
        environment["INGEST_FRONTEND"] = frontend
        environment["INGEST_BACKEND"] = "tcp://127.0.0.1:\(freeLoopbackPort())"
        environment["INGEST_AGGREGATOR"] = aggregator
        environment["INGEST_DATA"] = dataDirectory
        environment["INGEST_CONFIG"] = configPath
        if secure { environment["INGEST_CURVE"] = "1" }
        environment[Self.markerVariable] = dataDirectory
        self.environment = environment
        watchdog = try? Self.startWatchdog(parent: getpid(), marker: dataDirectory)
        if secure {
            for arguments in [["keys", "server"], ["keys", "new", "--role", "worker", "worker"],
                              ["keys", "new", "--role", "producer", "--role", "reader", "client"]] {
                let made = try run(arguments, timeout: 20)
                guard made.status == 0 else { throw HarnessError("ingest \(arguments.joined(separator: " ")) failed: \(made.output)") }
            }
            func read(_ name: String) throws -> String {
                try String(contentsOfFile: dataDirectory + "/keys/" + name, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let serverKey = Z85.decode(try read("server.public")) else { throw HarnessError("no server key") }
            curveClient = (try CurveKeyPair(publicZ85: try read("client.public"), secretZ85: try read("client.key")), serverKey)
        }
    }

    /// Starts a daemon; `overrides` replace variables of the cluster's environment (other ports, say). Its log goes
    /// to `<data>/<name>.log`, or to `standardError` when given. `launcher` runs it through a command that executes it
    /// in its own place (`chrt`), so that its PID is still the daemon's.
    func start(_ name: String, _ arguments: [String], overrides: [String: String] = [:], standardError: FileHandle? = nil,
               launcher: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? ingestBinary)
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [ingestBinary] + arguments
        process.environment = environment.merging(overrides) { $1 }
        if let standardError {
            process.standardError = standardError
        } else {
            let log = dataDirectory + "/\(name).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        daemons[name] = process
    }

    func startCluster(workers: Int) throws {
        try startCoordinators()
        for index in 1...workers { try start("worker-\(index)", ["worker"]) }
        try waitUntilLive(workers: workers)
    }

    /// The aggregator and the broker, answering STATUS, with no worker.
    func startCoordinators() throws {
        try start("aggregator", ["aggregator"])
        try start("broker", ["broker"])
        try waitUntilAnswering()
    }

    /// The ids of every document in the records store, from `ingest records --format jsonl`.
    func storedIDs() throws -> [String] {
        let listed = try run(["records", "--format", "jsonl"])
        guard listed.status == 0 else { throw HarnessError("ingest records failed: \(listed.output)") }
        return listed.output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// Polls the broker until `workers` workers have registered (10 s at most): a test that watches the live
    /// count, or needs every worker to share the load, starts from all of them, not from whichever connected first.
    func waitUntilLive(workers: Int) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let status = try brokerStatus(), status.liveWorkers >= workers { return }
            usleep(50_000)
        }
        throw HarnessError("\(workers) workers did not register within 10 s; logs in \(dataDirectory)")
    }

    /// Polls both daemons' STATUS until they answer (10 s at most).
    func waitUntilAnswering() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try ask(frontend, ProducerRequest.status.frames) != nil, try ask(aggregator, AggregatorRequest.status.frames) != nil { return }
        }
        throw HarnessError("cluster did not answer within 10 s; logs in \(dataDirectory)")
    }

    /// Starts the aggregator alone and waits until it answers STATUS: for tests that speak to it as workers and readers do,
    /// with the cluster's key (for the tickets of the records they send) and DEALERs to it.
    func startAggregatorAlone() throws -> LoneAggregator {
        try start("aggregator", ["aggregator"])
        #expect(eventually(timeout: 20) { (try? aggregatorStatus()) != nil })
        return LoneAggregator(harness: self, key: try ClusterKey.loadOrCreate(dataDirectory: dataDirectory), context: try ZeroMQContext())
    }

    /// An aggregator started alone (``startAggregatorAlone()``): the cluster's key, and DEALERs to it on one context.
    struct LoneAggregator {
        let harness: ClusterHarness
        let key: ClusterKey
        let context: ZeroMQContext
        func dealer() throws -> Socket { try harness.aggregatorDealer(context) }
    }

    /// A DEALER on `context` connected to the aggregator, as a worker's or a reader's: no linger, 30 s for each reply.
    func aggregatorDealer(_ context: ZeroMQContext) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try socket.setLinger(milliseconds: 0)
        try socket.setReceiveTimeout(milliseconds: 30_000)
        try socket.connect(aggregator)
        return socket
    }

    /// One request, one reply, over a fresh DEALER (with the `client` key under CURVE); nil after `waiting` ms.
    func ask(_ endpoint: String, _ frames: [[UInt8]], waiting: Int32 = 500) throws -> [[UInt8]]? {
        let context = try ZeroMQContext()
        let socket = try Socket(context: context, type: .dealer)
        try socket.setLinger(milliseconds: 0)
        if let curveClient { try socket.makeCurveClient(serverPublicKey: curveClient.serverKey, keyPair: curveClient.keyPair) }
        try socket.connect(endpoint)
        try socket.send(frames)
        try socket.setReceiveTimeout(milliseconds: waiting)
        return try socket.receive()
    }

    /// Runs `ingest` to completion and returns its exit status, standard output and standard error.
    func run(_ arguments: [String], input: Data? = nil, timeout: TimeInterval = 120) throws -> (status: Int32, output: String, errors: String) {
        try runInBackground(arguments, input: input).finish(timeout: timeout)
    }

    /// Starts an `ingest` client (not a daemon) now, `input` on its standard input (none: it reads an empty one);
    /// ``ClientRun/finish(timeout:)`` collects it later. ``tearDown()`` kills it by PID if it is still running.
    func runInBackground(_ arguments: [String], input: Data? = nil) throws -> ClientRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ingestBinary)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = input.map { _ in Pipe() }
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        clients.append(process)
        if let stdin, let input {
            let writer = stdin.fileHandleForWriting
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        return ClientRun(process: process, output: OutputCollector(output.fileHandleForReading),
                         errors: OutputCollector(errors.fileHandleForReading))
    }

    /// A client process started by ``runInBackground(_:)``.
    struct ClientRun {
        let process: Process
        let output: OutputCollector
        let errors: OutputCollector

        var isRunning: Bool { process.isRunning }

        /// Waits for the client to exit (killing it after `timeout` seconds) and returns its status, its standard output
        /// and its standard error.
        func finish(timeout: TimeInterval = 120) -> (status: Int32, output: String, errors: String) {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (process.terminationStatus, output.text(), errors.text())
        }
    }

    /// Reads a pipe to its end on a thread of its own, so a client that prints a lot never blocks on a full pipe.
    final class OutputCollector: @unchecked Sendable {
        // @unchecked: `data` is written by the reader thread before it signals `done`, and read only after.
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            done.signal()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Sends SIGTERM to every daemon (workers first, the aggregator last) and returns each one's exit status.
    func stopCluster(timeout: TimeInterval = 10) -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        let order = daemons.keys.sorted { rank($0) < rank($1) }
        for name in order {
            guard let process = daemons[name] else { continue }
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                statuses[name] = -9
            } else {
                statuses[name] = process.terminationStatus
            }
            process.waitUntilExit()
            daemons[name] = nil
        }
        return statuses
    }

    private func rank(_ name: String) -> Int { name.hasPrefix("worker") ? 0 : name == "broker" ? 1 : 2 }

    func isRunning(_ name: String) -> Bool { daemons[name]?.isRunning ?? false }

    /// Sends `signal` to a running daemon (SIGSTOP and SIGCONT pause and resume it).
    func signal(_ name: String, _ signal: Int32) {
        guard let process = daemons[name] else { return }
        kill(process.processIdentifier, signal)
    }

    /// Kills one daemon at once (SIGKILL) and waits for it.
    func kill9(_ name: String) {
        guard let process = daemons.removeValue(forKey: name) else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The broker's counters, or nil when it does not answer.
    func brokerStatus(waiting: Int32 = 500) throws -> BrokerStatus? {
        guard let reply = try ask(frontend, ProducerRequest.status.frames, waiting: waiting), case .status(let status)? = try? BrokerReply(frames: reply) else { return nil }
        return status
    }

    /// The aggregator's counters, or nil when it does not answer within `waiting` ms.
    func aggregatorStatus(waiting: Int32 = 500) throws -> AggregatorStatus? {
        guard let reply = try ask(aggregator, AggregatorRequest.status.frames, waiting: waiting),
              case .status(let status)? = try? AggregatorReply(frames: reply) else { return nil }
        return status
    }

    /// Polls `condition` every 100 ms for up to `timeout` seconds; true once it holds.
    func eventually(timeout: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    /// Each thread of a running daemon: its name and the fields of its `/proc/PID/task/TID/stat` after the name, from
    /// the third (state) on, so that proc(5)'s field N is `fields[N - 3]`.
    func threads(of daemon: String) throws -> [(name: String, fields: [Substring])] {
        guard let pid = daemons[daemon]?.processIdentifier else { throw HarnessError("\(daemon) is not running") }
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").compactMap { task in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
            return (String(stat[stat.index(after: open)..<close]), stat[stat.index(after: close)...].split(separator: " "))
        }
    }

    /// The port of a `tcp://HOST:PORT` endpoint.
    static func port(of endpoint: String) -> Int? {
        endpoint.split(separator: ":").last.flatMap { Int($0) }
    }

    /// A log file's text.
    func log(_ name: String) -> String {
        (try? String(contentsOfFile: dataDirectory + "/\(name).log", encoding: .utf8)) ?? ""
    }

    /// The newest snapshot the aggregator wrote.
    func newestSnapshot() throws -> Snapshot {
        let directory = dataDirectory + "/snapshots"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".json") }.sorted()
        guard let newest = names.last else { throw HarnessError("no snapshot in \(directory)") }
        return try Snapshot.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/" + newest)))
    }

    /// Kills every process still running, by PID, and removes the data directory.
    func tearDown() {
        for process in clients + Array(daemons.values) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        daemons = [:]
        clients = []
        if let watchdog, watchdog.isRunning {
            kill(watchdog.processIdentifier, SIGKILL)
            watchdog.waitUntilExit()
        }
        watchdog = nil
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a system tool to completion, quietly; its exit status, or -1 when it cannot start.
@discardableResult
func runTool(_ path: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// Runs a system tool to completion and returns what it printed (nil when it cannot start or fails).
func runToolOutput(_ path: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: bytes, as: UTF8.self) : nil
}

extension ClusterHarness {
    /// Runs `ingest` (or `executable`, a wrapper such as `setpriv`, `script` or `bash -c` that starts it itself) to
    /// completion and returns its exit status, standard output and standard error (which
    /// ``run(_:timeout:)`` drops); kills it by PID after `timeout` seconds. `standardInput` is a file to read it from, `pipedInput` bytes written to it through a pipe once it runs, `standardOutput` a file to write it to
    /// (then `output` is empty);
    /// `whileRunning` is called with its PID every `interval` seconds until it exits (to read its `/proc` files).
    func runCapturingErrors(_ arguments: [String], executable: String = ingestBinary, timeout: TimeInterval = 30, overrides: [String: String] = [:],
                            directory: String? = nil, standardInput: String? = nil, pipedInput: Data? = nil, standardOutput: String? = nil,
                            polling interval: TimeInterval = 0.02, whileRunning sample: ((pid_t) -> Void)? = nil) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let standardInput { process.standardInput = try #require(FileHandle(forReadingAtPath: standardInput), "cannot open \(standardInput)") }
        let pipe = pipedInput.map { _ in Pipe() }
        if let pipe { process.standardInput = pipe }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = environment.merging(overrides) { $1 }
        let stem = dataDirectory + "/run-\(UUID().uuidString)"
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: stem + suffix, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutput ?? stem + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stem + ".err"))
        try process.run()
        if let pipe, let pipedInput {
            let writer = pipe.fileHandleForWriting
            Thread.detachNewThread {
                try? writer.write(contentsOf: pipedInput)
                try? writer.close()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            sample?(process.processIdentifier)
            usleep(useconds_t(interval * 1_000_000))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        func read(_ suffix: String) -> String { (try? String(contentsOfFile: stem + suffix, encoding: .utf8)) ?? "" }
        return (process.terminationStatus, read(".out"), read(".err"))
    }
}
