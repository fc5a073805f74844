import Foundation
import IngestConfig
import IngestProtocol
import IngestStorage
import Logging
import ZeroMQ

/// One job waiting or in flight.
struct Job {
    let id: DocumentID
    let metadata: DocumentMetadata
    let body: String
    var attempts = 0
}

/// A job handed to a worker.
struct InFlight {
    let job: Job
    let worker: [UInt8]
    let since: Double
    /// The worker said it has extracted it; only storing remains.
    var processed = false
}

/// A worker the broker knows.
struct WorkerPeer {
    var credit: Int
    var lastSeen: Double
    var jobs: Set<DocumentID> = []
}

final class BrokerLoop: DaemonLoop {
    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    let frontend: Socket
    let backend: Socket
    let journal: BrokerJournal
    let limits: WireLimits
    let key: ClusterKey

    var queue = JobQueue()
    var known: Set<DocumentID> = []
    var inFlight: [DocumentID: InFlight] = [:]
    var workers: [[UInt8]: WorkerPeer] = [:]
    var counters = BrokerStatus()
    var garbage = RateLimitedCounter()
    var lastHeartbeatSent = 0.0

    init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        limits = WireLimits(maxDocumentBytes: config.maxDocumentBytes)
        context = try ZeroMQContext()
        frontend = try Socket(context: context, type: .router)
        backend = try Socket(context: context, type: .router)
        for socket in [frontend, backend] {
            try socket.setMaxMessageSize(bytes: limits.socketMessageLimit)
            try socket.setRouterMandatory(true)
            try socket.setSendHighWaterMark(100_000)
            try socket.setReceiveHighWaterMark(100_000)
        }
        key = try ClusterKey.loadOrCreate(dataDirectory: config.dataDirectory)
        journal = try BrokerJournal(directory: config.journalsDirectory)
        if journal.truncatedBytes > 0 {
            logger.warning("broker journal had a torn tail; cut it off", metadata: ["bytes": "\(journal.truncatedBytes)"])
        }
        let recovered = journal.recover()
        known = recovered.known
        for (id, metadata, body) in recovered.pending { queue.append(Job(id: id, metadata: metadata, body: body)) }
        counters.accepted = recovered.known.count
        counters.done = recovered.done
        counters.deadLettered = recovered.deadLettered
        if !recovered.pending.isEmpty {
            logger.info("re-queued documents accepted before a restart", metadata: ["count": "\(recovered.pending.count)"])
        }
        try frontend.bind(config.frontend)
        try backend.bind(config.backend)
        logger.info("broker listening", metadata: ["frontend": "\(config.frontend)", "backend": "\(config.backend)"])
    }

    func run(until stop: StopSignal) throws {
        var poller = Poller()
        poller.register(frontend)
        poller.register(backend)
        while !stop.isStopped {
            let ready = try poller.poll(timeoutMilliseconds: 100)
            if ready[1] { try drainBackend() }
            if ready[0] { try drainFrontend() }
            try checkLiveness()
            try dispatch()
            try compactJournalIfLarge(force: false)
        }
        try journal.sync()
        try compactJournalIfLarge(force: true)
        logger.info("broker stopped", metadata: ["queued": "\(queue.count)", "inFlight": "\(inFlight.count)"])
    }

    // MARK: producers

    private func drainFrontend() throws {
        var replies: [[[UInt8]]] = []
        for _ in 0..<512 {
            guard let frames = try frontend.receive(dontWait: true) else { break }
            guard frames.count >= 2 else { continue }
            let peer = frames[0]
            let reply = handleProducer(Array(frames.dropFirst()))
            replies.append([peer] + reply.frames)
        }
        // Group commit: one fsync covers every document accepted in this batch, before any ACCEPTED leaves.
        try journal.sync()
        for reply in replies { try sendIgnoringGonePeer(frontend, reply) }
    }

    private func handleProducer(_ frames: [[UInt8]]) -> BrokerReply {
        let request: ProducerRequest
        do {
            request = try ProducerRequest(frames: frames, limits: limits)
        } catch {
            if garbage.shouldLog() { logger.warning("rejected malformed producer message", metadata: ["reason": "\(error)", "total": "\(garbage.count)"]) }
            return .error(reason: error.description)
        }
        switch request {
        case .status:
            var status = counters
            status.queued = queue.count
            status.inFlight = inFlight.count
            status.liveWorkers = workers.count
            return .status(status)
        case .submit(let givenID, let metadata, let body):
            if body.count > config.maxDocumentBytes {
                counters.rejected += 1
                return .rejected(givenID, reason: "document is \(body.count) bytes, over the limit of \(config.maxDocumentBytes)")
            }
            guard let text = String(validating: body, as: UTF8.self) else {
                counters.rejected += 1
                return .rejected(givenID, reason: "document is not valid UTF-8")
            }
            if text.allSatisfy(\.isWhitespace) {
                counters.rejected += 1
                return .rejected(givenID, reason: "document is empty")
            }
            let id = givenID ?? DocumentIdentity.id(for: text)
            if known.contains(id) {
                counters.duplicates += 1
                return .duplicate(id)
            }
            if queue.count >= config.queueCapacity || queue.bytes + body.count > config.queueBytes { return .busy(id) }
            do {
                try journal.append(.accepted(id: id.rawValue, metadata: metadata, body: text))
            } catch {
                logger.error("cannot journal a document; answering BUSY", metadata: ["error": "\(error)"])
                return .busy(id)
            }
            known.insert(id)
            queue.append(Job(id: id, metadata: metadata, body: text))
            counters.accepted += 1
            return .accepted(id)
        }
    }

    // MARK: workers

    private func drainBackend() throws {
        for _ in 0..<512 {
            guard let frames = try backend.receive(dontWait: true) else { break }
            guard frames.count >= 2 else { continue }
            try handleWorker(peer: frames[0], Array(frames.dropFirst()))
        }
        try journal.sync()
    }

    private func handleWorker(peer: [UInt8], _ frames: [[UInt8]]) throws {
        let message: WorkerMessage
        do {
            message = try WorkerMessage(frames: frames)
        } catch {
            if garbage.shouldLog() { logger.warning("rejected malformed worker message", metadata: ["reason": "\(error)", "total": "\(garbage.count)"]) }
            return
        }
        let now = monotonicSeconds()
        switch message {
        case .ready(let credit):
            var worker = workers[peer] ?? WorkerPeer(credit: 0, lastSeen: now)
            worker.credit = max(0, credit - worker.jobs.count)
            worker.lastSeen = now
            if workers[peer] == nil { logger.info("worker joined", metadata: ["worker": "\(hex(peer))", "credit": "\(credit)"]) }
            workers[peer] = worker
        case .heartbeat:
            guard workers[peer] != nil else {
                try sendIgnoringGonePeer(backend, [peer] + BrokerToWorker.reconnect.frames)
                return
            }
            workers[peer]!.lastSeen = now
        case .done(let id):
            // Only a worker that said READY may finish jobs; one the broker does not know (it restarted) is asked
            // to say READY again, and the job, still in the journal, simply runs once more.
            guard workers[peer] != nil else {
                try sendIgnoringGonePeer(backend, [peer] + BrokerToWorker.reconnect.frames)
                return
            }
            if finish(id, from: peer, now: now) { try journal.append(.done(id: id.rawValue)) }
        case .processed(let ids):
            workers[peer]?.lastSeen = now
            for id in ids where inFlight[id]?.worker == peer { inFlight[id]!.processed = true }
        case .disconnect:
            if let worker = workers.removeValue(forKey: peer) {
                logger.info("worker left; re-queueing its jobs", metadata: ["worker": "\(hex(peer))", "jobs": "\(worker.jobs.count)"])
                for id in worker.jobs { if let entry = inFlight.removeValue(forKey: id) { queue.prepend(entry.job) } }
            }
        case .failed(let id, let reason):
            logger.warning("worker failed a job", metadata: ["id": "\(id)", "reason": "\(reason)"])
            if let entry = inFlight[id], entry.worker == peer {
                inFlight[id] = nil
                workers[peer]?.jobs.remove(id)
                workers[peer]?.credit += 1
                try retryOrDeadLetter(entry.job, reason: reason)
            }
        }
    }

    /// Marks a job done; false when it was done before (a late DONE from a re-delivery).
    private func finish(_ id: DocumentID, from peer: [UInt8], now: Double) -> Bool {
        if var worker = workers[peer] {
            worker.lastSeen = now
            if worker.jobs.remove(id) != nil { worker.credit += 1 }
            workers[peer] = worker
        }
        if let entry = inFlight.removeValue(forKey: id) {
            if entry.worker != peer { workers[entry.worker]?.jobs.remove(id); workers[entry.worker]?.credit += 1 }
            counters.done += 1
            return true
        }
        if queue.remove(id) {
            counters.done += 1
            return true
        }
        return false
    }

    /// Rewrites the journal as what it must remember (ids seen, documents not done) once it has grown.
    private func compactJournalIfLarge(force: Bool) throws {
        guard journal.appendedSinceCompaction >= (force ? 1000 : 50_000) else { return }
        let pending = inFlight.values.map(\.job) + queue.all
        try journal.compact(known: known, pending: pending)
        logger.info("compacted the broker journal", metadata: ["known": "\(known.count)", "pending": "\(pending.count)"])
    }

    private func retryOrDeadLetter(_ job: Job, reason: String) throws {
        var job = job
        job.attempts += 1
        if job.attempts >= config.maxAttempts {
            try DeadLetters(directory: config.dataDirectory + "/deadletter").write(job, reason: reason)
            try journal.append(.deadLettered(id: job.id.rawValue))
            counters.deadLettered += 1
            logger.error("dead-lettered a document", metadata: ["id": "\(job.id)", "attempts": "\(job.attempts)", "reason": "\(reason)"])
        } else {
            queue.prepend(job)
        }
    }

    private func checkLiveness() throws {
        let now = monotonicSeconds()
        let deadline = config.heartbeatIntervalSeconds * Double(config.heartbeatLiveness)
        for (peer, worker) in workers where now - worker.lastSeen > deadline {
            logger.warning("worker stopped heartbeating; re-queueing its jobs", metadata: ["worker": "\(hex(peer))", "jobs": "\(worker.jobs.count)"])
            workers[peer] = nil
            // The job it was extracting when it went silent may be what killed it: that one gets a strike.
            let jobs = worker.jobs.compactMap { inFlight.removeValue(forKey: $0) }.sorted { $0.since < $1.since }
            let suspect = jobs.first { !$0.processed }?.job.id
            for entry in jobs.reversed() {
                if entry.job.id == suspect {
                    try retryOrDeadLetter(entry.job, reason: "worker died while processing it")
                } else {
                    queue.prepend(entry.job)
                }
            }
        }
        for (id, entry) in inFlight where now - entry.since > config.jobTimeoutSeconds {
            inFlight[id] = nil
            workers[entry.worker]?.jobs.remove(id)
            workers[entry.worker]?.credit += 1
            try retryOrDeadLetter(entry.job, reason: "timed out after \(config.jobTimeoutSeconds) s")
        }
        if now - lastHeartbeatSent >= config.heartbeatIntervalSeconds {
            lastHeartbeatSent = now
            for peer in workers.keys { try sendIgnoringGonePeer(backend, [peer] + BrokerToWorker.heartbeat.frames) }
        }
    }

    /// Hands queued jobs to workers with credit, the one with most credit first.
    private func dispatch() throws {
        while !queue.isEmpty {
            guard let (peer, _) = workers.filter({ $0.value.credit > 0 }).max(by: { $0.value.credit < $1.value.credit }) else { return }
            let job = queue.removeFirst()
            let frames = [peer] + BrokerToWorker.job(id: job.id, metadata: job.metadata, body: job.body, ticket: key.ticket(for: job.id)).frames
            if !(try sendReachingPeer(backend, frames)) {
                workers[peer] = nil
                queue.prepend(job)
                continue
            }
            workers[peer]!.credit -= 1
            workers[peer]!.jobs.insert(job.id)
            inFlight[job.id] = InFlight(job: job, worker: peer, since: monotonicSeconds())
        }
    }

    private func sendIgnoringGonePeer(_ socket: Socket, _ frames: [[UInt8]]) throws {
        // A peer that went away will ask again.
        _ = try sendReachingPeer(socket, frames)
    }

    /// Sends to a ROUTER peer; false when the peer is gone or its queue is full.
    private func sendReachingPeer(_ socket: Socket, _ frames: [[UInt8]]) throws -> Bool {
        do {
            return try socket.send(frames, dontWait: true)
        } catch {
            if error.isHostUnreachable { return false }
            throw error
        }
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
