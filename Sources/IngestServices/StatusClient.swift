import Foundation
import IngestConfig
import IngestProtocol
import MeetingModel
import ZeroMQ

/// Asks a daemon one question and waits a bounded time for the answer.
public struct StatusClient: Sendable {
    let config: ClusterConfig
    let timeoutMilliseconds: Int
    let busyPatience: BusyPatience?

    /// How long more to wait for a daemon that took the connection (libzmq's handshake, which the daemon's I/O thread
    /// does whatever its loop is doing) but has not answered in `timeoutMilliseconds`: its loop is busy (a slow
    /// `fsync`, a long batch), not gone, and telling the user it is not running would be wrong. A stopped or hung
    /// process does not finish the handshake (with CURVE, ZAP is answered on a thread of its own, so a busy one does).
    public struct BusyPatience: Sendable {
        public let milliseconds: Int
        /// Called once, when the wait is lengthened.
        public let notice: @Sendable () -> Void

        public init(milliseconds: Int, notice: @escaping @Sendable () -> Void) {
            self.milliseconds = milliseconds
            self.notice = notice
        }
    }

    public init(config: ClusterConfig, timeoutMilliseconds: Int = 1500, busyPatience: BusyPatience? = nil) {
        self.config = config
        self.timeoutMilliseconds = timeoutMilliseconds
        self.busyPatience = busyPatience
    }

    /// What came back to a QUERY: the reply, nothing in time, or a message that is not a reply this client reads (a
    /// whole state over the frame limit, say: it is not silence).
    public enum StateAnswer {
        case answered(AggregatorReply)
        case silent
        case unreadable(String)
    }

    /// The aggregator's live state (all provinces, or one), as JSON in its reply, telling a reply that cannot be read
    /// apart from silence.
    public func liveState(province: String?) throws -> StateAnswer {
        guard let frames = try ask(config.aggregator, AggregatorRequest.query(province: province).frames) else { return .silent }
        do {
            return .answered(try AggregatorReply(frames: frames))
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// Sends a dead-lettered document to the broker again; its answer, or nil when it does not answer in time.
    public func retry(id: DocumentID, metadata: DocumentMetadata, body: [UInt8]) throws -> BrokerReply? {
        guard let frames = try ask(config.frontend, ProducerRequest.retry(id: id, metadata: metadata, body: body).frames) else { return nil }
        return try? BrokerReply(frames: frames)
    }

    /// ``retry(id:metadata:body:)`` until the broker answers something but BUSY, pausing longer after each BUSY (0.1 s
    /// more each time, at most 2 s), `attempts` times at most; with `resendOnSilence` a silence is asked again too.
    /// The last answer, nil when the last attempt met silence.
    public func retryBackingOff(id: DocumentID, metadata: DocumentMetadata, body: [UInt8], attempts: Int = 20,
                                resendOnSilence: Bool = false) throws -> BrokerReply? {
        var reply: BrokerReply?
        for attempt in 0..<max(1, attempts) {
            reply = try retry(id: id, metadata: metadata, body: body)
            switch reply {
            case .busy?: Thread.sleep(forTimeInterval: min(2, 0.1 * Double(attempt + 1)))
            case nil where resendOnSilence: continue
            default: return reply
            }
        }
        return reply
    }

    /// What a daemon said to STATUS: its counters, something else (an ERROR, say), or nothing in time.
    public enum Probe<Status> {
        case answered(Status)
        case refused(String)
        case silent
        /// It took the connection (libzmq's handshake, which a daemon's I/O thread does) but did not answer in time:
        /// it runs, its loop held (a slow disk, a long batch); with CURVE too, its ZAP thread running free.
        case busy

        /// The counters, when the daemon answered with them.
        public var answer: Status? { if case .answered(let status) = self { status } else { nil } }
        /// What the daemon said instead, when it refused.
        public var refusal: String? { if case .refused(let reason) = self { reason } else { nil } }
        /// Whether the daemon took the connection but did not answer in time.
        public var isBusy: Bool { if case .busy = self { true } else { false } }
        /// Whether nothing came back, not even the connection's handshake.
        public var isSilent: Bool { if case .silent = self { true } else { false } }
    }

    /// Asks the aggregator for its STATUS, telling a refusal apart from silence.
    public func probeAggregator() throws -> Probe<AggregatorStatus> {
        try probe(config.aggregator, AggregatorRequest.status.frames) { frames in
            switch try? AggregatorReply(frames: frames) {
            case .status(let status)?: .answered(status)
            case .error(let reason)?: .refused(reason)
            default: nil
            }
        }
    }

    /// Asks the broker for its STATUS, telling a refusal apart from silence.
    public func probeBroker() throws -> Probe<BrokerStatus> {
        try probe(config.frontend, ProducerRequest.status.frames) { frames in
            switch try? BrokerReply(frames: frames) {
            case .status(let status)?: .answered(status)
            case .error(let reason)?: .refused(reason)
            default: nil
            }
        }
    }

    /// STATUS at `endpoint`, the reply read by `read` (nil: something other than STATUS or ERROR).
    private func probe<Status>(_ endpoint: String, _ request: [[UInt8]], _ read: ([[UInt8]]) -> Probe<Status>?) throws -> Probe<Status> {
        let (reply, handshaken) = try exchange(endpoint, request, watchingHandshake: true)
        guard let frames = reply else { return handshaken ? .busy : .silent }
        return read(frames) ?? .refused("an unexpected reply")
    }

    /// The one line a client says when `daemon` (`broker`, `aggregator`) does not answer at `endpoint`,
    /// with the likely causes: the cluster is not running, or (with CURVE) this client's key is not let in.
    public static func notAnswering(_ daemon: String, at endpoint: String, config: ClusterConfig) -> String {
        "no \(daemon) answers at \(endpoint) — is the cluster running? Scripts/start-cluster.sh" + (curveHint(daemon, config: config).map { "; \($0)" } ?? "")
    }

    /// With CURVE on, why a running daemon may still not answer: a key it does not let in gets silence, not an error.
    public static func curveHint(_ daemon: String, config: ClusterConfig) -> String? {
        guard config.curve else { return nil }
        let keys = KeyFiles(directory: config.keysDirectory)
        return "with CURVE on, is \(config.clientKeyPath ?? keys.keyPath("client"))'s public key on the \(daemon)'s allow-list, and \(keys.serverPublicPath) the \(daemon)'s key?"
    }

    private func ask(_ endpoint: String, _ frames: [[UInt8]]) throws -> [[UInt8]]? {
        try exchange(endpoint, frames, watchingHandshake: busyPatience != nil).reply
    }

    /// Sends `frames` and waits for the reply (with ``busyPatience``, longer for a daemon that took the connection);
    /// with `watchingHandshake`, also says whether the connection's handshake was done.
    private func exchange(_ endpoint: String, _ frames: [[UInt8]], watchingHandshake: Bool) throws -> (reply: [[UInt8]]?, handshaken: Bool) {
        let context = try ZeroMQContext()
        let socket = try Socket(context: context, type: .dealer)
        // The clients that probe (status, snapshot --live, submit's checks) print their warnings as they print errors.
        try ClientSecurity.make(config: config, defaultName: "client", warn: { warning in
            // write(2), not FileHandle, which traps when standard error is closed or full.
            _ = Array("warning: \(warning)\n".utf8).withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        })?
            .secure(socket)
        try socket.setLinger(milliseconds: 0)
        // Watching from before the connection is made, so that its handshake is reported.
        let monitor = watchingHandshake ? try SocketMonitor(watching: socket, kinds: .handshakeSucceeded) : nil
        try socket.connect(endpoint)
        defer {
            monitor?.socket.close()
            socket.close()
        }
        try socket.send(frames)
        var poller = Poller()
        poller.register(socket)
        if try poller.poll(timeoutMilliseconds: timeoutMilliseconds)[0] { return (try socket.receive(dontWait: true), true) }
        let handshaken = try monitor?.next() != nil
        guard handshaken, let busyPatience else { return (nil, handshaken) }
        busyPatience.notice()
        guard try poller.poll(timeoutMilliseconds: busyPatience.milliseconds)[0] else { return (nil, true) }
        return (try socket.receive(dontWait: true), true)
    }
}
