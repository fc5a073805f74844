import Foundation
import Testing

/// Four hosts on one virtual switch, in network namespaces this test makes and removes: the broker and the
/// aggregator on one, two workers on a second, a producer on a third and a stranger on a fourth, all with
/// CURVE. Skipped, saying so, where namespaces cannot be made (they need root).
@Suite("Across hosts", .serialized, .enabled(if: NetworkNamespaces.available, "network namespaces cannot be made here (needs root and iproute2)"))
struct NetworkNamespaceTests {
    @Test("with CURVE across hosts the documents all land, the wire shows none of their text, and the stranger gets nothing done")
    func acrossHosts() throws {
        let network = try NetworkNamespaces(hosts: 4)
        defer { network.tearDown() }
        let cluster = try ClusterHarness(secure: true)
        defer { cluster.tearDown() }
        let server = network.address(1)
        var shared = cluster.environment
        shared["INGEST_FRONTEND"] = "tcp://\(server):5570"
        shared["INGEST_BACKEND"] = "tcp://\(server):5571"
        shared["INGEST_AGGREGATOR"] = "tcp://\(server):5572"
        let capture = try network.capture(to: cluster.dataDirectory + "/wire.pcap")

        try network.start(host: 1, "aggregator", ["aggregator"], environment: shared, log: cluster.dataDirectory + "/aggregator.log")
        try network.start(host: 1, "broker", ["broker"], environment: shared, log: cluster.dataDirectory + "/broker.log")
        for index in 1...2 {
            try network.start(host: 2, "worker-\(index)", ["worker"], environment: shared, log: cluster.dataDirectory + "/worker-\(index).log")
        }
        #expect(network.waitFor(host: 3, ["status"], environment: shared, timeout: 20) { $0.contains("live workers 2") }, "the cluster answers across hosts")

        let submitted = network.run(host: 3, ["submit", "--wait", "--wait-timeout", "60", ClusterTests.articles], environment: shared, timeout: 90)
        #expect(submitted.status == 0, "\(submitted.output)")
        #expect(submitted.output.contains("accepted 24"), "\(submitted.output)")

        // The stranger: a CURVE key on no allow-list, then plain text.
        var stranger = shared
        stranger["INGEST_KEY"] = cluster.dataDirectory + "/keys/stranger.key"
        _ = try cluster.run(["keys", "new", "stranger"])
        let folder = cluster.dataDirectory + "/forged"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Sáng 9/9/2099, UBND tỉnh Cà Mau họp bàn chủ đề FORGED.".utf8).write(to: URL(fileURLWithPath: folder + "/forged.txt"))
        stranger["INGEST_CONFIG"] = try NetworkNamespaces.fastGiveUpConfig(cluster)
        let forged = network.run(host: 4, ["submit", folder], environment: stranger, timeout: 60)
        #expect(forged.status != 0 && !forged.output.contains("accepted 1"), "\(forged.output)")
        let read = network.run(host: 4, ["snapshot", "--live"], environment: stranger, timeout: 30)
        #expect(read.status != 0, "the stranger read the state: \(read.output)")
        var plaintext = stranger
        plaintext["INGEST_CURVE"] = "0"
        let status = network.run(host: 4, ["status"], environment: plaintext, timeout: 30)
        #expect(status.output.contains("NOT ANSWERING") && !status.output.contains("documents applied"), "\(status.output)")
        try network.start(host: 4, "stranger-worker", ["worker"], environment: stranger, log: cluster.dataDirectory + "/stranger-worker.log")
        usleep(2_000_000)
        let after = network.run(host: 3, ["status"], environment: shared, timeout: 30)
        #expect(after.output.contains("live workers 2"), "the stranger took no jobs: \(after.output)")
        #expect(after.output.contains("documents applied 24"), "\(after.output)")

        network.stopAll()
        let wire = capture.finish()
        #expect(wire.count > 20_000, "the capture saw the traffic (\(wire.count) bytes)")
        // The ZMTP greeting names its mechanism in clear: proof that the capture holds the cluster's streams.
        #expect(wire.firstRange(of: Data("CURVE".utf8)) != nil, "no ZMTP greeting in the capture")
        for phrase in ["Giao ban công tác dân vận", "Hoàng Minh Tuấn", "SUBMIT", "FORGED"] {
            #expect(wire.firstRange(of: Data(phrase.utf8)) == nil, "\(phrase.debugDescription) crossed the wire in clear")
        }
    }

    @Test("a bind refused for an address no interface has, or for a port under 1024 without the privilege, is one line saying which")
    func bindRefusedForAddressOrPrivilege() throws {
        let network = try NetworkNamespaces(hosts: 1)
        defer { network.tearDown() }
        let cluster = try ClusterHarness(settings: "[security]\nallow_plaintext = true")
        defer { cluster.tearDown() }
        var environment = cluster.environment
        // An address of the switch's subnet that no host of it was given.
        environment["INGEST_FRONTEND"] = "tcp://10.213.7.9:5570"
        let absent = network.run(host: 1, ["broker"], environment: environment, timeout: 20)
        #expect(absent.status == 1, "\(absent.output)")
        #expect(absent.output.contains("cannot bind tcp://10.213.7.9:5570 (endpoints.frontend): no interface of this machine has that address"), "\(absent.output)")

        // Inside the namespace ports under 1024 are privileged (a container may have lowered that for everyone), and
        // the broker runs without the capability that binds them.
        #expect(NetworkNamespaces.ip(["netns", "exec", network.name(1), "sysctl", "-q", "-w", "net.ipv4.ip_unprivileged_port_start=1024"]) == 0)
        environment["INGEST_FRONTEND"] = "tcp://127.0.0.1:81"
        let unprivileged = network.run(host: 1, ["broker"], environment: environment, timeout: 20,
                                       through: ["setpriv", "--bounding-set=-net_bind_service", "--inh-caps=-net_bind_service"])
        #expect(unprivileged.status == 1, "\(unprivileged.output)")
        #expect(unprivileged.output.contains("cannot bind tcp://127.0.0.1:81 (endpoints.frontend): a port under 1024 needs privileges; choose a higher one"), "\(unprivileged.output)")
        #expect(!unprivileged.output.contains("listening"), "\(unprivileged.output)")
    }
}

/// Hosts in network namespaces joined by a bridge in one more namespace, on 10.213.7.0/24: addresses that
/// exist only inside namespaces this test made. Every process started here is killed by PID, and every
/// namespace removed, in ``tearDown()``.
final class NetworkNamespaces {
    let prefix = "ri\(getpid() % 100_000)"
    let hosts: Int
    private var processes: [String: Process] = [:]

    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip") else { return false }
        let name = "ri-probe-\(getpid())"
        guard ip(["netns", "add", name]) == 0 else { return false }
        _ = ip(["netns", "del", name])
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump") || FileManager.default.isExecutableFile(atPath: "/usr/sbin/tcpdump")
    }()

    init(hosts: Int) throws {
        self.hosts = hosts
        let hub = prefix + "-hub"
        var commands = [["netns", "add", hub], ["-n", hub, "link", "add", "br0", "type", "bridge"], ["-n", hub, "link", "set", "br0", "up"]]
        for index in 1...hosts {
            let host = name(index)
            commands += [
                ["netns", "add", host],
                ["-n", hub, "link", "add", "p\(index)", "type", "veth", "peer", "name", "eth0", "netns", host],
                ["-n", hub, "link", "set", "p\(index)", "master", "br0"],
                ["-n", hub, "link", "set", "p\(index)", "up"],
                ["-n", host, "addr", "add", address(index) + "/24", "dev", "eth0"],
                ["-n", host, "link", "set", "eth0", "up"],
                ["-n", host, "link", "set", "lo", "up"],
            ]
        }
        for command in commands where Self.ip(command) != 0 {
            tearDown()
            throw HarnessError("ip \(command.joined(separator: " ")) failed")
        }
    }

    func name(_ host: Int) -> String { prefix + "-h\(host)" }
    func address(_ host: Int) -> String { "10.213.7.\(host)" }

    /// Starts a daemon inside `host`'s namespace, its output to `log`.
    func start(host: Int, _ label: String, _ arguments: [String], environment: [String: String], log: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ipTool)
        process.arguments = ["netns", "exec", name(host), ingestBinary] + arguments
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        processes[label] = process
    }

    /// Runs `ingest` inside `host`'s namespace to completion (killed after `timeout`), started `through` a command
    /// that execs it (`setpriv ...`) when one is given.
    func run(host: Int, _ arguments: [String], environment: [String: String], timeout: TimeInterval,
             through wrapper: [String] = []) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ipTool)
        process.arguments = ["netns", "exec", name(host)] + wrapper + [ingestBinary] + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return (-1, "could not start") }
        let collector = ClusterHarness.OutputCollector(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, collector.text())
    }

    /// Runs a client until its output satisfies `condition` or `timeout` passes.
    func waitFor(host: Int, _ arguments: [String], environment: [String: String], timeout: TimeInterval, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(run(host: host, arguments, environment: environment, timeout: 10).output) { return true }
            usleep(200_000)
        }
        return false
    }

    /// A packet capture of everything crossing the switch.
    final class Capture {
        let process: Process
        let path: String
        init(process: Process, path: String) {
            self.process = process
            self.path = path
        }

        /// Stops the capture (it writes each packet as it comes, `-U`) and returns its bytes.
        func finish() -> Data {
            // SIGTERM, not SIGINT: a child of the test runner may inherit SIGINT ignored.
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        }
    }

    func capture(to path: String) throws -> Capture {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ipTool)
        process.arguments = ["netns", "exec", prefix + "-hub", "tcpdump", "-i", "br0", "-U", "-s", "0", "-w", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes["tcpdump"] = process
        usleep(500_000)
        return Capture(process: process, path: path)
    }

    /// A config for the stranger's client that gives up after two short tries.
    static func fastGiveUpConfig(_ cluster: ClusterHarness) throws -> String {
        let path = cluster.dataDirectory + "/stranger.toml"
        let tables = packageRoot.appendingPathComponent("Config").path
        try Data("[extractor]\ntables_dir = \"\(tables)\"\n[producer]\ntimeout_seconds = 1\nretries = 2\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// SIGTERM to every daemon, then SIGKILL to what is left.
    func stopAll() {
        for (label, process) in processes where label != "tcpdump" && process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while processes.contains(where: { $0.key != "tcpdump" && $0.value.isRunning }) && Date() < deadline { usleep(50_000) }
        for (label, process) in processes where label != "tcpdump" && process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Kills every process this started, by PID, and removes every namespace.
    func tearDown() {
        for process in processes.values where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        processes = [:]
        for index in 1...hosts { _ = Self.ip(["netns", "del", name(index)]) }
        _ = Self.ip(["netns", "del", prefix + "-hub"])
    }

    static let ipTool = FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip"

    @discardableResult
    static func ip(_ arguments: [String]) -> Int32 { runTool(ipTool, arguments) }
}
