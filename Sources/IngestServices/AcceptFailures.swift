import DeliveryRules
import Logging
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// Logs a bound socket's failures to accept a connection, which libzmq otherwise keeps to itself: out of descriptors
/// (`EMFILE`), a daemon refuses every new producer, worker and reader while its log says nothing, and its clients only
/// hear that nobody answers. libzmq retries the accept as fast as its I/O thread can, reporting every failure, so the
/// reports are read once a second, not as they come (read as they came, they kept the daemon's own thread busy too),
/// and a line says how many there were: ten lines a minute per endpoint at most.
final class AcceptFailures {
    private let watched: [(monitor: SocketMonitor, key: String)]
    private var logged: [String: LogRateLimit] = [:]
    private var totals: [String: Int] = [:]
    /// Reports read per endpoint and second at most; libzmq drops what its queue (1,000) cannot hold.
    static let readPerPass = 10_000

    /// Watches each socket, named by its config key (`endpoints.frontend`).
    init(watching sockets: [(Socket, key: String)]) throws {
        watched = try sockets.map { (try SocketMonitor(watching: $0.0, kinds: .acceptFailed), $0.key) }
    }

    func attach(to reactor: Reactor, logger: Logger) {
        reactor.addTimer(every: 1) { [unowned self] now in try readReports(now: now, logger: logger) }
    }

    private func readReports(now: Double, logger: Logger) throws {
        for (monitor, key) in watched {
            var count = 0
            var last: SocketMonitor.Event?
            while count < Self.readPerPass, let event = try monitor.next() {
                count += 1
                last = event
            }
            guard let last else { continue }
            totals[key, default: 0] += count
            guard logged.admit(key, now: now) != nil else { continue }
            var metadata: Logger.Metadata = ["endpoint": "\(key)", "error": "\(String(cString: strerror(last.value))) (errno \(last.value))",
                                             "failures": "\(totals[key, default: 0])"]
            if last.value == EMFILE || last.value == ENFILE {
                metadata["open_file_limit"] = "\(OpenFileLimit.current.map(String.init) ?? "unknown")"
                metadata["hint"] = "connections that never greet are dropped after 10 s; a higher hard limit (ulimit -Hn, LimitNOFILE) makes room"
            }
            logger.error("cannot accept a connection", metadata: metadata)
        }
    }
}
