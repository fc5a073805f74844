import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import IngestStorage
import Logging
import MeetingExtraction
import MeetingModel
import ProvinceAggregation
import RecordStore
import ZeroMQ

/// The aggregator's I/O: one ROUTER socket, the records store, the snapshot folder and a clock around an
/// ``AggregatorStateMachine``.
final class AggregatorLoop: DaemonLoop {
    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    let socket: Socket
    let lock: DirectoryLock
    let snapshots: SnapshotFiles
    let snapshotWriter: SnapshotWriter
    /// Commits the batches on its own thread, and says which of a batch's ids were stored before it.
    let writer: StoreWriter
    let reader: RecordStore
    /// The records of the batch being gathered, handed to the writer when it has committed the last one.
    var batch: [NewRecord] = []
    let key: ClusterKey
    var machine: AggregatorStateMachine
    /// The province state, applied on a thread of its own.
    let states: ProvinceStateThread
    var lastSnapshotPath: String?
    var lastSnapshotAt: String?
    var stateCache: StateCache
    /// The workers that read STORED in batches, and the STORED gathered for them.
    var batchingPeers = BatchingPeers()
    var garbage = LogRateLimit()
    var refusedLog = LogRateLimit()
    var droppedReplyLog = LogRateLimit()
    var security: ServerSecurity?
    /// The background read of every page of the store; a damaged page found stops the aggregator.
    var pageCheck: StorePageCheck?
    let metrics: DaemonMetrics?
    let metricsEndpoint: MetricsEndpoint?
    /// Set once the socket is bound.
    var acceptFailures: AcceptFailures?

    init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        stateCache = StateCache(unreadBytesLimit: config.unreadStateBytes)
        try DataDirectory.prepare(config)
        lock = try DirectoryLock(directory: config.dataDirectory, name: "aggregator")
        snapshots = try SnapshotFiles(directory: config.snapshotsDirectory, keep: config.snapshotsKept)
        try snapshots.removeLeftovers()
        snapshotWriter = SnapshotWriter(files: snapshots)
        try Directory.create(config.journalsDirectory)
        let storePath = config.journalsDirectory + "/" + RecordStore.fileName
        var movingSince: Double?
        let store = try RecordStore.openForWriting(path: storePath, checkPages: false) { from, to in
            movingSince = monotonicSeconds()
            logger.notice("moving the records store to a new schema; the aggregator answers once it is done (about 90 s per million documents)",
                          metadata: ["from": "\(from)", "to": "\(to)", "store": "\(storePath)"])
        }
        if let movingSince {
            logger.notice("moved the records store to the new schema", metadata: ["seconds": "\(Int(monotonicSeconds() - movingSince))"])
        }
        key = try ClusterKey.loadOrCreate(dataDirectory: config.dataDirectory)
        let successors = { [tablesDirectory = config.tablesDirectory] in try ExtractorLoader.successors(tablesDirectory: tablesDirectory) }
        var legacy = AggregatorImport(snapshots: snapshots, journalsDirectory: config.journalsDirectory, store: store, logger: logger)
        legacy.successors = successors
        let legacyFiles = legacy.legacyFiles
        _ = try legacy.importIfNeeded(legacyFiles, now: Timestamp.now())
        var recovery = AggregatorRecovery(snapshots: snapshots, store: store, logger: logger)
        recovery.successors = successors
        let recovered = try recovery.recover()
        lastSnapshotPath = recovered.snapshotPath
        lastSnapshotAt = recovered.snapshotCreatedAt
        machine = AggregatorStateMachine(
            settings: .init(snapshotEveryRecords: config.snapshotEveryRecords, snapshotEverySeconds: config.snapshotEverySeconds),
            appliedSequence: recovered.state.sequence, snapshotSequence: recovered.snapshotSequence, now: monotonicSeconds(), storeChecked: false,
            snapshotOutdated: recovered.snapshotOutdated, receipt: { [key] in key.receipt(for: $0) })
        context = try ZeroMQContext()
        security = try ServerSecurity.make(config: config, context: context, logger: logger)
        socket = try Socket(context: context, type: .router)
        try security?.secure(socket)
        try socket.setMaxMessageSize(bytes: WireLimits.standard.socketMessageLimit)
        try socket.setRouterMandatory(true)
        // Replies a peer never reads stop queueing here: beyond this many, they are dropped (it asks again). A worker
        // may have `worker_credit` records unanswered, whose STORED come in one burst after a commit: with room for
        // only as many, libzmq dropped about one in twenty (256 of 256) and each cost the worker a resend 3 s later.
        try socket.setSendHighWaterMark(Self.replyQueue(workerCredit: config.workerCredit))
        (metrics, metricsEndpoint) = try MetricsEndpoint.serve(config.aggregatorMetrics, key: "metrics.aggregator", config: config, context: context, logger: logger)
        reader = try RecordStore.openForReading(path: storePath)
        writer = try StoreWriter(store: store, logger: logger)
        // Made last of the threads, the state handed over: nothing between this and the start's end fails without stopping it.
        states = ProvinceStateThread(state: recovered.state)
        do {
            if !legacyFiles.isEmpty {
                // Finish moving from the journal: a snapshot of everything, then its files go.
                try writeSnapshotAfterImport()
                legacy.remove(legacyFiles)
                logger.info("moved the journal into the records store", metadata: ["applied": "\(states.current().documentsApplied)", "store": "\(storePath)"])
            }
            try DaemonBind.bind(socket, config.aggregator, key: "endpoints.aggregator", config: config)
            acceptFailures = try AcceptFailures(watching: [(socket, "endpoints.aggregator")]
                                                + (metricsEndpoint.map { [($0.socket, "metrics.aggregator")] } ?? []))
        } catch {
            // The threads end with the start that failed: nothing was received, so nothing more is written.
            stopThreadsOnFault()
            throw error
        }
        pageCheck = StorePageCheck(path: storePath)
        logger.info("aggregator listening", metadata: ["endpoint": "\(config.aggregator)", "applied": "\(states.current().documentsApplied)"])
    }

    func run(until wakeup: Wakeup) throws {
        defer { security?.stop() }
        let reactor = Reactor(wakeup: wakeup)
        reactor.addReader(socket) { [unowned self] in try drain() }
        acceptFailures?.attach(to: reactor, logger: logger)
        reactor.addDoorbell(writer.doorbell) { [unowned self] in
            if let outcome = writer.take() { try finishCommit(outcome, now: monotonicSeconds()) }
        }
        if let metricsEndpoint, let metrics {
            metricsEndpoint.attach(to: reactor) { [unowned self] in metrics.aggregatorStatus(status) }
        }
        reactor.addTimer(every: 0.05) { [unowned self] now in
            security?.reloadIfAsked()
            switch pageCheck?.take() {
            case .sound(let seconds)?: try perform(machine.storePagesSound(seconds: seconds, now: now))
            case .damaged(let description)?: try perform(machine.storeDamaged(description, now: now))
            case nil: break
            }
            if let outcome = snapshotWriter.take() { try handle(outcome) }
            try perform(machine.tick(now: now))
            if let (peers, frame) = stateCache.due(now: now, state: { states.current() }) {
                for peer in peers { try sendState(peer, frame) }
            }
        }
        do {
            try reactor.run()
            // Readers waiting for the next encoding of the state would otherwise wait out their whole timeout.
            for peer in stateCache.takeWaiting() { try send(peer, .error(reason: "the aggregator is stopping")) }
            // Every batch handed over or gathered is committed (and answered) before the writer lists what is left.
            try startCommit()
            while machine.isCommitting, let outcome = writer.waitForOutcome() { try finishCommit(outcome, now: monotonicSeconds()) }
        } catch {
            // Stopped by a fault (a damaged store among them): the batch in the writer's hands ends, and nothing more
            // is written.
            stopThreadsOnFault()
            throw error
        }
        writer.stop()
        defer { states.stop() }
        // The write in progress, then the last snapshot, both waited for.
        if let outcome = snapshotWriter.waitForWrite() { try handle(outcome) }
        try perform(machine.stopping())
        if let outcome = snapshotWriter.waitForWrite() { try handle(outcome) }
        logger.info("aggregator stopped", metadata: ["applied": "\(states.current().documentsApplied)", "snapshot": "\(lastSnapshotPath ?? "none")"])
    }

    /// Ends the store's and the province state's threads after a fault: the batch in the writer's hands, and nothing
    /// more written.
    private func stopThreadsOnFault() {
        writer.stop(listingWhatIsLeft: false)
        states.stop()
    }

    private func drain() throws {
        let started = monotonicSeconds()
        var waiter = Poller()
        _ = waiter.register(socket)
        for _ in 0..<4096 {
            guard let message = try socket.receiveMessage(dontWait: true) else {
                // Group commit window: with a few records gathered and the store idle, wait up to 2 ms for more, so
                // that one transaction (and one fsync) covers many records instead of each paying for its own. While
                // a batch is being committed, the next one gathers until it is done.
                guard !machine.isCommitting, (1..<256).contains(machine.gatheredCount), monotonicSeconds() - started < 0.002 else { break }
                guard try waiter.poll(timeoutMilliseconds: 1).first == true else { break }
                continue
            }
            let frames = message.frames
            guard frames.count >= 2 else { continue }
            let peer = PeerID(frames[0])
            let request: AggregatorRequest
            do {
                request = try AggregatorRequest(frames: Array(frames.dropFirst()))
            } catch {
                if garbage.admit(now: monotonicSeconds()) { logger.warning("rejected malformed message", metadata: ["reason": "\(error)", "total": "\(garbage.count)"]) }
                try send(peer, .error(reason: error.description))
                continue
            }
            guard let principal = ServerSecurity.principal(of: message, security: security), AccessRules.allowed(request, for: principal) else {
                if refusedLog.admit(now: monotonicSeconds()) {
                    logger.warning("refused a message from a key without that role", metadata: ["key": "\(message.userID ?? "none")", "total": "\(refusedLog.count)"])
                }
                try send(peer, .error(reason: "this key's role may not send that"))
                continue
            }
            try handle(request, from: peer, principal: principal)
        }
        // Group commit: every record of a batch is on disk before its STORED leaves.
        try startCommit()
    }

    private func handle(_ request: AggregatorRequest, from peer: PeerID, principal: Principal) throws {
        let now = monotonicSeconds()
        switch request {
        case .result(let id, let bytes, let ticket, let metadata):
            guard key.isValid(ticket, for: id, worker: principal.name, now: ClusterKey.unixNow()) else {
                return try perform(machine.refuse(id, reason: "without a valid ticket", to: peer, now: monotonicSeconds()))
            }
            let record: MeetingRecord
            do {
                record = try MeetingRecord(encodedForAggregation: bytes)
            } catch {
                return try perform(machine.refuse(id, reason: "that is not a MeetingRecord: \(error)", to: peer, now: monotonicSeconds()))
            }
            try perform(machine.result(id, record: record, bytes: bytes, metadata: metadata, from: peer, now: now))
        case .applied(let ids):
            guard let stored = try? reader.stored(among: ids.map(\.rawValue)) else {
                return try send(peer, .error(reason: "the records store cannot be read now"))
            }
            // A document of the batch just committed is in the store before the loop has taken the commit's outcome and
            // handed it to the province state: not applied yet, so that status and QUERY after APPLIED count it.
            try send(peer, .applied(ids.filter { stored.contains($0.rawValue) && !machine.isStaged($0) }))
        case .query(let province):
            if let province {
                guard let match = states.current().province(matching: province) else {
                    return try send(peer, .error(reason: "no province matches \(province.debugDescription)"))
                }
                try send(peer, .state((try? JSONEncoder().encode(match)).map { Array($0) } ?? []))
            } else if let frame = stateCache.bytes(for: states.current(), now: now) {
                try sendState(peer, frame)
            } else if !stateCache.hold(peer) {
                try send(peer, .error(reason: "\(StateCache.waitingLimit) queries for the whole state are waiting already; ask again in a second"))
            }
        case .status:
            try send(peer, .status(status))
        case .hello(let features):
            let accepted = features.filter { $0 == AggregatorRequest.Feature.storedBatches }
            if !accepted.isEmpty { batchingPeers.remember(peer) }
            try send(peer, .hello(features: accepted))
        }
    }

    /// The whole state to `peer`, its bytes shared with every other answer of the same encoding; ERROR instead when
    /// it is over what a reply may carry (clients would refuse the frame), or when answers nobody has read yet hold
    /// too much memory.
    private func sendState(_ peer: PeerID, _ frame: SharedFrame) throws {
        let limit = min(config.stateReplyBytes, AggregatorReply.maxStateBytes)
        guard frame.count <= limit else {
            return try send(peer, .error(reason: "the whole state is \(Self.size(frame.count)), over the \(Self.size(limit)) a reply carries "
                                            + "(limits.state_reply_bytes); read the newest snapshot file instead (ingest snapshot, without --live), "
                                            + "or QUERY one province"))
        }
        guard stateCache.mayQueue(frame) else {
            return try send(peer, .error(reason: "\(stateCache.ledger.bytesHeld >> 20) MiB of earlier whole-state answers are not yet taken by their readers; ask again later"))
        }
        do {
            if try !socket.send([peer.bytes] + AggregatorReply.stateHeader, sharing: frame, dontWait: true), droppedReplyLog.admit(now: monotonicSeconds()) {
                logger.warning("dropped a reply: the peer's queue is full (it does not read, or has more than twice a worker's credit unanswered)",
                               metadata: ["peer": "\(peer)", "total": "\(droppedReplyLog.count)"])
            }
        } catch {
            if !error.isHostUnreachable { throw error }
        }
    }

    /// The counters `ingest status` and the metrics show.
    var status: AggregatorStatus {
        let state = states.current()
        var status = AggregatorStatus(
            documentsApplied: state.documentsApplied, provinces: state.provinces.count, sequence: state.sequence,
            lastSnapshot: lastSnapshotPath, lastSnapshotAt: lastSnapshotAt)
        status.storageError = machine.storageError
        if machine.storeError == nil { status.snapshotError = machine.snapshotError }
        status.staged = machine.stagedCount
        return status
    }

    /// Hands the gathered batch to the writer, unless it is committing the last one (then its outcome does).
    private func startCommit() throws {
        guard machine.beginCommit() else { return }
        // Every record of the batch is stamped with the time it was handed over (once: a formatter costs more than
        // a record): `receivedAt` says when the aggregator stored it, what a submit-to-applied latency ends at.
        let handedOverAt = Timestamp.now()
        for index in batch.indices { batch[index].receivedAt = handedOverAt }
        writer.commit(batch)
        batch.removeAll(keepingCapacity: true)
    }

    /// The writer's outcome for the batch handed over: applied and answered, or dropped with the batch gathered since
    /// (the workers send them again); then the gathered batch, if any, goes.
    private func finishCommit(_ outcome: StoreWriter.Outcome, now: Double) throws {
        switch outcome {
        case .committed(let storedBefore):
            try perform(machine.storeCommitted(storedBefore: Set(storedBefore.compactMap(DocumentID.init)), now: now))
        case .failed(let error):
            try perform(machine.storeFailed(error, now: now))
            batch.removeAll(keepingCapacity: true)
        case .damaged(let description):
            // After the page check, or before it reached the page: the batch's workers keep its records.
            try perform(machine.storeDamaged(description, now: now))
        }
        try startCommit()
    }

    private func perform(_ actions: [AggregatorStateMachine.Action]) throws {
        for action in actions {
            switch action {
            case .reply(let peer, .stored(let id, let receipt)) where batchingPeers.contains(peer):
                batchingPeers.hold(StoredDocument(id, receipt: receipt), for: peer)
            case .reply(let peer, let reply):
                try send(peer, reply)
            case .store(let id, let sequence, let record, let body, let metadata):
                batch.append(NewRecord(sequence: sequence, id: id.rawValue, source: metadata.source, published: metadata.published,
                                       receivedAt: "", body: body, record: record))
            case .apply(let records):
                states.apply(records)
            case .writeSnapshot:
                snapshotWriter.start(states.current())
            case .log(let line):
                logger.log(line)
            case .stop(let reason):
                throw AggregatorStopped(description: reason)
            }
        }
        for (peer, reply) in batchingPeers.takeHeld() { try send(peer, reply) }
    }

    /// A snapshot written in the background is reported to the rules.
    private func handle(_ outcome: SnapshotWriter.Outcome) throws {
        switch outcome {
        case .written(let path, let sequence, let createdAt):
            lastSnapshotPath = path
            lastSnapshotAt = createdAt
            logger.info("wrote a snapshot", metadata: ["path": "\(path)", "sequence": "\(sequence)"])
            try perform(machine.snapshotWritten(sequence: sequence, now: monotonicSeconds()))
        case .failed(let error):
            try perform(machine.snapshotFailed(error, now: monotonicSeconds()))
        }
    }

    /// A snapshot of everything an import of the journal format brought in, before its files go: the start
    /// fails if it cannot be written (the records stay in the store, so its size does not grow with them).
    private func writeSnapshotAfterImport() throws {
        snapshotWriter.start(states.current())
        switch snapshotWriter.waitForWrite() {
        case .written(let path, _, let createdAt)?:
            lastSnapshotPath = path
            lastSnapshotAt = createdAt
        case .failed(let error)?:
            throw AggregatorStopped(description: "cannot write a snapshot after importing the journal: \(error)")
        case nil:
            throw AggregatorStopped(description: "the snapshot after importing the journal was never written")
        }
    }

    /// `3 MiB` when exact, else `3145729 bytes`: rounded, a state and a limit a byte apart read the same.
    static func size(_ bytes: Int) -> String { bytes > 0 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes" }

    /// How many replies wait for one peer: twice a worker's credit, and at least 256. libzmq learns that queued
    /// messages left only every half queue, so twice the credit is what leaves room for a whole credit's burst.
    static func replyQueue(workerCredit: Int) -> Int32 { Int32(clamping: max(256, min(workerCredit, 1 << 30) * 2)) }

    private func send(_ peer: PeerID, _ reply: AggregatorReply) throws {
        do {
            if try !socket.send([peer.bytes] + reply.frames, dontWait: true), droppedReplyLog.admit(now: monotonicSeconds()) {
                logger.warning("dropped a reply: the peer's queue is full (it does not read, or has more than twice a worker's credit unanswered)",
                               metadata: ["peer": "\(peer)", "total": "\(droppedReplyLog.count)"])
            }
        } catch {
            if !error.isHostUnreachable { throw error }
        }
    }
}

/// The aggregator stopped itself: its records store cannot be trusted.
struct AggregatorStopped: Error, CustomStringConvertible {
    let description: String
}
