import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import IngestStorage
import Logging
import ZeroMQ

/// The broker's I/O: two ROUTER sockets, the journal, the dead-letter folder and a clock around a
/// ``BrokerStateMachine``. It decodes, feeds the machine, carries out its actions, and group-commits.
final class BrokerLoop: DaemonLoop {
    /// Messages read ahead of the broker per producer connection: twice what `submit` keeps unanswered.
    static let producerQueue: Int32 = 128
    /// Bytes of producers' messages read in one pass before its group commit.
    static let frontendPassBytes = 32 << 20

    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    let frontend: Socket
    let backend: Socket
    let lock: DirectoryLock
    let journal: BrokerJournal
    let deadLetters: DeadLetters
    let limits: WireLimits
    let key: ClusterKey
    var machine: BrokerStateMachine
    let security: ServerSecurity?
    /// The key each worker authenticated with: its name ("" without CURVE), what its tickets are bound to, and its ZAP
    /// user id (nil without CURVE), to find the workers a SIGHUP revokes.
    var workerKeys: [PeerID: (name: String, userID: String?)] = [:]
    /// Per side (`producer`, `worker`), so that refusals on one port never hide the other's.
    var refusedLogs: [String: LogRateLimit] = [:]
    let metrics: DaemonMetrics?
    let metricsEndpoint: MetricsEndpoint?
    let acceptFailures: AcceptFailures

    init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        try DataDirectory.prepare(config)
        lock = try DirectoryLock(directory: config.dataDirectory, name: "broker")
        limits = WireLimits(maxDocumentBytes: config.maxDocumentBytes)
        context = try ZeroMQContext()
        security = try ServerSecurity.make(config: config, context: context, logger: logger)
        frontend = try Socket(context: context, type: .router)
        backend = try Socket(context: context, type: .router)
        for socket in [frontend, backend] {
            try security?.secure(socket)
            try socket.setMaxMessageSize(bytes: limits.socketMessageLimit)
            try socket.setRouterMandatory(true)
        }
        try backend.setSendHighWaterMark(100_000)
        try backend.setReceiveHighWaterMark(100_000)
        // A producer keeps at most `Submitter.window` (64) documents unanswered. Read no further ahead of one that
        // sends more (TCP holds it back), and keep no more answers for one that does not read: at 100,000 a producer
        // pushing 1 MiB documents without reading grew the broker by 782 MiB for 600 of them.
        try frontend.setReceiveHighWaterMark(Self.producerQueue)
        try frontend.setSendHighWaterMark(Self.producerQueue * 8)
        // `submit` reconnects under the routing id it chose when an answer is late; the reply goes to the new connection.
        try frontend.setRouterHandover(true)
        key = try ClusterKey.loadOrCreate(dataDirectory: config.dataDirectory)
        deadLetters = DeadLetters(directory: config.deadLetterDirectory)
        journal = try BrokerJournal(directory: config.journalsDirectory)
        machine = BrokerStateMachine(settings: BrokerSettings(config: config), identify: { $0.withUnsafeBufferPointer(DocumentIdentity.id(validUTF8:)) },
                                     verifyReceipt: { [key] in key.isValidReceipt($1, for: $0) })
        let recovery = journal.recovery
        if recovery.truncatedTailBytes > 0 {
            logger.warning("broker journal had a torn tail; cut it off", metadata: ["bytes": "\(recovery.truncatedTailBytes)"])
        }
        if recovery.damagedBytes > 0 {
            logger.error("broker journal was damaged in the middle; kept every valid record",
                         metadata: ["damaged_bytes": "\(recovery.damagedBytes)", "salvaged_records": "\(recovery.salvagedRecords)",
                                    "copy": "\(recovery.damagedCopy ?? "none")"])
        }
        var machine = self.machine
        let undecodable = try journal.replay { machine.replay($0) }
        self.machine = machine
        if undecodable > 0 { logger.error("broker journal records that could not be decoded were skipped", metadata: ["count": "\(undecodable)"]) }
        try DaemonBind.bind(frontend, config.frontend, key: "endpoints.frontend", config: config)
        try DaemonBind.bind(backend, config.backend, key: "endpoints.backend", config: config)
        (metrics, metricsEndpoint) = try MetricsEndpoint.serve(config.brokerMetrics, key: "metrics.broker", config: config, context: context, logger: logger)
        acceptFailures = try AcceptFailures(watching: [(frontend, "endpoints.frontend"), (backend, "endpoints.backend")]
                                            + (metricsEndpoint.map { [($0.socket, "metrics.broker")] } ?? []))
        try perform(self.machine.finishRecovery(now: monotonicSeconds()))
        logger.info("broker listening", metadata: ["frontend": "\(config.frontend)", "backend": "\(config.backend)",
                                                   "queued": "\(self.machine.queuedCount)"])
    }

    func run(until wakeup: Wakeup) throws {
        defer { security?.stop() }
        let reactor = Reactor(wakeup: wakeup)
        reactor.addReader(frontend) { [unowned self] in try drainFrontend() }
        reactor.addReader(backend) { [unowned self] in try drainBackend() }
        acceptFailures.attach(to: reactor, logger: logger)
        if let metricsEndpoint, let metrics {
            metricsEndpoint.attach(to: reactor) { [unowned self] in metrics.brokerStatus(machine.status) }
        }
        var lastTimer: Double?
        reactor.addTimer(every: 0.05) { [unowned self] now in
            // A timer of 50 ms that fired a heartbeat interval late: the broker itself ran nothing meanwhile.
            if let lastTimer, now - lastTimer > machine.settings.heartbeatInterval {
                try perform(machine.wasAway(seconds: now - lastTimer, now: now))
            }
            lastTimer = now
            if let security, security.reloadIfAsked() { try forgetRevokedWorkers(security, now: now) }
            try perform(machine.tick(now: now))
            if workerKeys.count > 2 * machine.status.liveWorkers + 64 {
                workerKeys = workerKeys.filter { machine.isLiveWorker($0.key) }
            }
            try commit(now: now)
        }
        try reactor.run()
        try commit(now: monotonicSeconds())
        try perform(machine.stopping())
        logger.info("broker stopped", metadata: ["queued": "\(machine.queuedCount)", "inFlight": "\(machine.inFlightCount)"])
    }

    // MARK: input

    /// One pass over the producers' messages: at most 512 of them or 32 MiB, then the group commit. Every producer's
    /// ACCEPTED waits for a pass's commit, so one pushing megabyte documents cannot hold the others' answers back
    /// for long. Internal for `BrokerPassTests`, which run passes one at a time.
    func drainFrontend() throws {
        var bytesRead = 0
        for _ in 0..<512 where bytesRead < Self.frontendPassBytes {
            guard let message = try frontend.receiveMessage(dontWait: true) else { break }
            let frames = message.frames
            bytesRead += frames.reduce(0) { $0 + $1.count }
            guard frames.count >= 2 else { continue }
            let peer = PeerID(frames[0])
            let now = monotonicSeconds()
            do {
                let request = try ProducerRequest(frames: Array(frames.dropFirst()), limits: limits)
                guard let principal = ServerSecurity.principal(of: message, security: security),
                      AccessRules.allowed(request, for: principal) else {
                    try reply(peer, .error(reason: "this key's role may not send that"))
                    logRefused("producer", message.userID)
                    continue
                }
                switch request {
                case .status:
                    var status = machine.status
                    status.workers = machine.workerViews(now: now)
                    try reply(peer, .status(status))
                case .submit(let id, let metadata, let body, let producer):
                    try perform(machine.submit(from: peer, producer: producer.map(PeerID.init), id: id, metadata: metadata, body: body, now: now))
                case .retry(let id, let metadata, let body):
                    try perform(machine.retry(from: peer, id: id, metadata: metadata, body: body, now: now))
                case .deadLettered(let ids):
                    try reply(peer, .deadLettered(machine.deadLettered(among: ids)))
                }
            } catch let error as ProtocolError {
                try perform(machine.malformed(from: peer, reason: error.description, now: now))
            }
        }
        // Group commit: one fsync covers every document accepted in this batch, before any ACCEPTED leaves.
        try commit(now: monotonicSeconds())
    }

    private func drainBackend() throws {
        for _ in 0..<512 {
            guard let received = try backend.receiveMessage(dontWait: true) else { break }
            let frames = received.frames
            guard frames.count >= 2 else { continue }
            let now = monotonicSeconds()
            guard let principal = ServerSecurity.principal(of: received, security: security), AccessRules.allowedToWork(principal) else {
                logRefused("worker", received.userID)
                continue
            }
            do {
                let message = try WorkerMessage(frames: Array(frames.dropFirst()))
                let peer = PeerID(frames[0])
                workerKeys[peer] = (principal.name, received.userID)
                try perform(machine.received(message, from: peer, key: security == nil ? nil : principal.name, now: now))
            } catch let error as ProtocolError {
                try perform(machine.malformedFromWorker(reason: error.description, now: now))
            }
        }
        try commit(now: monotonicSeconds())
    }

    /// The allow-lists were read again: a worker whose key may no longer work is forgotten now, not when its
    /// heartbeats run out, so no further document goes to it and the jobs it held go to the others.
    private func forgetRevokedWorkers(_ security: ServerSecurity, now: Double) throws {
        let revoked = workerKeys.filter { peer, key in
            guard let userID = key.userID, machine.isLiveWorker(peer) else { return false }
            return !(security.principal(userID: userID).map(AccessRules.allowedToWork) ?? false)
        }
        guard !revoked.isEmpty else { return }
        try perform(machine.workersRevoked(Array(revoked.keys), now: now))
    }

    // MARK: actions

    private func commit(now: Double) throws {
        // The entries gathered since the last call go to the file in one write, then one fsync covers them; a failed
        // write rolls the whole batch back.
        try perform(machine.journalWriting())
        do {
            try journal.write()
        } catch {
            do { try journal.rollback() } catch { logger.error("cannot roll the journal back", metadata: ["error": "\(error)"]) }
            try perform(machine.journalFailed("\(error)", now: now))
            return
        }
        guard machine.awaitsCommit else { return }
        do {
            try journal.commit()
        } catch {
            try perform(machine.journalFailed("\(error)", now: now))
            return
        }
        try perform(machine.journalCommitted(now: now))
    }

    private func perform(_ actions: [BrokerAction]) throws {
        for action in actions {
            switch action {
            case .reply(let peer, let message):
                try reply(peer, message)
            case .dispatch(let job, let peer):
                let ticket = key.ticket(for: job.id, worker: workerKeys[peer]?.name ?? "", now: ClusterKey.unixNow())
                let frames = [peer.bytes] + BrokerToWorker.job(id: job.id, metadata: job.metadata, body: job.body, ticket: ticket).frames
                let size = frames.reduce(0) { $0 + $1.count }
                if size > limits.socketMessageLimit {
                    try perform(machine.jobUndeliverable(job.id, to: peer, reason: .tooLarge("the JOB is \(size) bytes, over the workers' limit of \(limits.socketMessageLimit)"), now: monotonicSeconds()))
                } else if !(try send(backend, frames)) {
                    try perform(machine.jobUndeliverable(job.id, to: peer, reason: .peerGone, now: monotonicSeconds()))
                }
            case .send(let message, let peer):
                _ = try send(backend, [peer.bytes] + message.frames)
            case .journal(let entry):
                journal.append(entry)
            case .removeDeadLetter(let id):
                deadLetters.remove(id)
            case .writeDeadLetter(let job, let reason):
                do {
                    try deadLetters.write(job, reason: reason)
                } catch {
                    try perform(machine.deadLetterFailed(job.id, error: "\(error)", now: monotonicSeconds()))
                    continue
                }
                let written = machine.deadLetterWritten(job.id, now: monotonicSeconds())
                if !written.isEmpty { metrics?.deadLetterings += 1 }
                try perform(written)
            case .compact:
                // Whatever this pass appended (a dead letter's entry, say) is committed first, and the image
                // taken now, so the rewrite drops nothing that was written.
                try commit(now: monotonicSeconds())
                guard machine.isStorageHealthy else { continue }
                do {
                    try journal.compact(machine.journalImage)
                    try perform(machine.compacted(now: monotonicSeconds()))
                } catch {
                    try perform(machine.journalFailed("compaction: \(error)", now: monotonicSeconds()))
                }
            case .finished(_, let seconds):
                if let seconds, let metrics { metrics.latency.record(.nanoseconds(Int64(max(0, seconds) * 1e9))) }
            case .log(let line):
                logger.log(line)
            }
        }
    }

    private func logRefused(_ side: String, _ userID: String?) {
        guard let total = refusedLogs.admit(side, now: monotonicSeconds()) else { return }
        logger.warning("refused a \(side) message from a key without that role", metadata: ["key": "\(userID ?? "none")", "total": "\(total)"])
    }

    private func reply(_ peer: PeerID, _ message: BrokerReply) throws {
        _ = try send(frontend, [peer.bytes] + message.frames)
    }

    /// Sends to a ROUTER peer without blocking; false when the peer is gone or its queue is full (it will ask again).
    private func send(_ socket: Socket, _ frames: [[UInt8]]) throws -> Bool {
        do {
            return try socket.send(frames, dontWait: true)
        } catch {
            if error.isHostUnreachable { return false }
            throw error
        }
    }
}

extension BrokerSettings {
    init(config: ClusterConfig) {
        self.init(heartbeatInterval: config.heartbeatIntervalSeconds, liveness: config.heartbeatLiveness,
                  jobTimeout: config.jobTimeoutSeconds, maxAttempts: config.maxAttempts, queueCapacity: config.queueCapacity,
                  queueBytes: config.queueBytes, maxDocumentBytes: config.maxDocumentBytes, workerBytes: config.workerBytes,
                  compactAfterEntries: config.journalCompactEntries)
    }
}

extension Logger {
    /// Logs a state machine's line at its level.
    func log(_ line: LogLine) {
        let metadata = line.metadata.mapValues { Logger.MetadataValue.string($0) }
        switch line.level {
        case .info: info("\(line.message)", metadata: metadata)
        case .warning: warning("\(line.message)", metadata: metadata)
        case .error: error("\(line.message)", metadata: metadata)
        }
    }
}
