import DequeModule
import IngestProtocol
import MeetingModel
import OrderedCollections

/// The broker's rules, apart from sockets, files and clocks: admission and group commit, the queue,
/// credit-based dispatch, worker liveness, strikes and dead letters, journal compaction and counters.
///
/// Every event takes the time and returns the actions the loop must carry out, in order, as swift-nio's
/// state machines do; nothing here blocks or touches the outside world, so every rule is tested by
/// feeding events with a fake clock.
public struct BrokerStateMachine {
    struct InFlight {
        var job: QueuedJob
        let worker: PeerID
        var since: Double
        /// When it was handed out among the others (a count): jobs dispatched in one pass share `since`, and go back
        /// to the queue, or into a compacted journal, in the order they left it.
        let dispatched: UInt64
        /// The worker has extracted it and sent its record: only the aggregator's STORED remains, which
        /// is not the document's fault however long it takes.
        var processed = false

        /// Older first: in the order they were dispatched, which is `since`'s order too (set from the clock at dispatch,
        /// and moved only all together by the broker's time away), with its ties told apart.
        static func older(_ first: InFlight, _ second: InFlight) -> Bool { first.dispatched < second.dispatched }
    }

    struct Worker {
        /// The worker's key (its authenticated name), or its socket identity when it has none: what a
        /// penalty is kept against, so a worker cannot shed one by reconnecting.
        let key: String
        /// It has finished a job (a DONE with the aggregator's receipt): a penalty on its key spares it.
        var proven = false
        var credit: Int
        var lastSeen: Double
        /// Until when its silence may be the broker's doing (see ``BrokerStateMachine/wasAway(seconds:now:)``): vanishing
        /// before then earns no strike and no hold-back.
        var excusedUntil = -Double.infinity
        var jobs: Set<DocumentID> = []
        /// The text of `jobs`, in bytes.
        var heldBytes = 0
    }

    /// A key whose workers took jobs and vanished: its workers that have not yet finished a job are held back
    /// from new jobs until `heldUntil`.
    struct Penalty {
        var count: Int
        var heldUntil: Double
    }

    /// A document accepted in the current batch, waiting for the journal's commit before anyone hears ACCEPTED.
    struct Staged {
        let job: QueuedJob
        /// Who sent it in this batch: the first is the producer it is accepted from.
        var waiters: [Waiter]
        /// Queued again by RETRY: not a new acceptance.
        var isRetry = false
    }

    /// A connection waiting for a staged document's answer, and the producer it speaks for: the connection itself, or
    /// the run a SUBMIT names (a copy sent over a connection since replaced arrives under a name libzmq made up).
    struct Waiter: Equatable {
        let peer: PeerID
        let producer: PeerID
    }

    enum Storage: Equatable {
        case healthy
        case failing(retryAt: Double, error: String)
    }

    public let settings: BrokerSettings
    /// The id a document gets when its producer gives none (a pure function of the text, given as valid UTF-8).
    let identify: @Sendable ([UInt8]) -> DocumentID
    /// Whether a DONE's receipt is the aggregator's for that document.
    let verifyReceipt: @Sendable (DocumentID, Receipt) -> Bool

    var queue = Deque<QueuedJob>()
    var queuedBytes = 0
    var known = Set<DocumentID>()
    var inFlight: [DocumentID: InFlight] = [:]
    var workers: [PeerID: Worker] = [:]
    var penalties: [String: Penalty] = [:]
    /// Workers that held a job before it was handed to another: their DONE still counts (their record, under
    /// their ticket, may be the one stored).
    var formerHolders: [DocumentID: Set<PeerID>] = [:]
    var counters = BrokerCounters()
    /// DUPLICATE or REJECTED answered since the last compaction: counted only in ``counters``, which the journal holds
    /// only as of a compaction, so a stop compacts for them too.
    var answersSinceCompaction = false
    /// The counters kept across restarts.
    public var lifetimeCounters: BrokerCounters { counters }

    var staged = OrderedDictionary<DocumentID, Staged>()
    var stagedBytes = 0
    var recentAcceptances = RecentAcceptances()
    /// Staged documents from producers that chose their routing id, not yet in an ``BrokerJournalEntry/origins(_:)``
    /// entry: one goes with the batch's write (``journalWriting()``).
    var originsToJournal = OrderedDictionary<PeerID, [DocumentID]>()
    /// Origins read back while replaying, remembered once recovery ends (it has the time).
    var recoveredOrigins: [ProducerAcceptances] = []
    /// Entries handed to the journal since its last commit report.
    var batch: [BrokerJournalEntry] = []
    /// Entries whose write failed; written again once the disk is back.
    var unjournaled = Deque<BrokerJournalEntry>()
    var storage = Storage.healthy
    var storageBackoff: Backoff

    /// Jobs handed to workers so far: ``InFlight/dispatched``.
    var dispatchedCount: UInt64 = 0

    /// Documents whose dead letter is being written, or waits for the disk to take it.
    var deadLettering: [DocumentID: (job: QueuedJob, reason: String, retryAt: Double?)] = [:]
    /// Why the last dead letter could not be written, until one is: the folder's trouble alone, so documents are still
    /// accepted (the journal is fine) while those given up on stay pending.
    var deadLetterError: String?
    var deadLetterBackoff: Backoff
    /// Documents given up on, so that a late DONE (the record was stored after all) corrects the counters.
    var deadLettered = Set<DocumentID>()
    /// Documents queued again by RETRY and not yet done: their dead letter goes when they are.
    var retried = Set<DocumentID>()
    /// Retried documents found done while replaying, whose dead letters may still be on disk.
    var retriedDoneInReplay: [DocumentID] = []

    var entriesSinceCompaction = 0
    var compacting = false
    var lastHeartbeatSent = -Double.infinity
    var recoveringPending = OrderedDictionary<DocumentID, QueuedJob>()

    /// Per side (`producer`, `worker`), so that a flood on one port never hides the other's lines.
    var malformedLogs: [String: LogRateLimit] = [:]
    var failedLog = LogRateLimit()
    var receiptLog = LogRateLimit()
    var rejectedLog = LogRateLimit(burst: 100)
    var busyLog = LogRateLimit(burst: 1)
    /// Workers joining and leaving, and documents queued again: a peer that says READY and DISCONNECT in a loop, or
    /// RETRY, must not fill the disk with log lines. A hundred a minute is more than a real cluster's restarts.
    var joinedLog = LogRateLimit(burst: 100)
    var leftLog = LogRateLimit(burst: 100)
    var heldBackLog = LogRateLimit()
    var retriedLog = LogRateLimit(burst: 100)

    public init(settings: BrokerSettings, identify: @escaping @Sendable ([UInt8]) -> DocumentID,
                verifyReceipt: @escaping @Sendable (DocumentID, Receipt) -> Bool) {
        self.settings = settings
        self.identify = identify
        self.verifyReceipt = verifyReceipt
        storageBackoff = Backoff(initial: settings.storageRetry.initial, maximum: settings.storageRetry.maximum)
        deadLetterBackoff = Backoff(initial: settings.storageRetry.initial, maximum: settings.storageRetry.maximum)
    }

    // MARK: status

    public var status: BrokerStatus {
        var status = BrokerStatus(
            queued: queue.count, inFlight: inFlight.count, liveWorkers: workers.count, accepted: counters.accepted,
            duplicates: counters.duplicates, rejected: counters.rejected, done: counters.done, deadLettered: counters.deadLettered)
        status.waitingForStorage = inFlight.values.count(where: \.processed)
        if case .failing(_, let error) = storage { status.storageError = error }
        status.deadLetterError = deadLetterError
        status.features = [BrokerStatus.Feature.producerNames, BrokerStatus.Feature.deadLetteredQuestion]
        return status
    }

    /// The live workers, for `ingest status`.
    public func workerViews(now: Double) -> [WorkerView] {
        workers.map { peer, worker in
            WorkerView(id: "\(peer)", key: worker.key.hasPrefix("peer:") ? nil : worker.key, jobs: worker.jobs.count,
                       credit: worker.credit, secondsSinceLastBeat: max(0, now - worker.lastSeen))
        }.sorted { $0.id < $1.id }
    }

    /// Whether `peer` is a live worker; the loop forgets what it keeps about peers that are not.
    public func isLiveWorker(_ peer: PeerID) -> Bool { workers[peer] != nil }

    /// Documents waiting for a worker.
    public var queuedCount: Int { queue.count }
    /// Documents held by workers.
    public var inFlightCount: Int { inFlight.count }
    /// False while the journal cannot be written.
    public var isStorageHealthy: Bool { storage == .healthy }

    /// Those of `ids` that are dead-lettered now (given up on, and not retried since, nor being retried), in the order asked:
    /// a producer's DEADLETTERED?.
    public func deadLettered(among ids: [DocumentID]) -> [DocumentID] { ids.filter { deadLettered.contains($0) && staged[$0] == nil } }

    // MARK: producers

    /// A producer's SUBMIT. The id is always the text's own: a producer's id that differs is REJECTED, so nobody can
    /// claim an article's id with other content before it arrives. ACCEPTED (or DUPLICATE for a document in the same
    /// batch) waits for the journal's commit. The producer a document was accepted from hears ACCEPTED again when it
    /// sends the id again (``RecentAcceptances``).
    ///
    /// `producer` is the run the SUBMIT names, when it names one; otherwise the connection is the producer.
    public mutating func submit(from peer: PeerID, producer named: PeerID? = nil, id givenID: DocumentID?, metadata: DocumentMetadata, body: [UInt8],
                                now: Double) -> [BrokerAction] {
        let producer = named ?? peer
        func reject(_ reason: String) -> [BrokerAction] {
            counters.rejected += 1
            answersSinceCompaction = true
            var actions: [BrokerAction] = [.reply(peer, .rejected(givenID, reason: reason))]
            if rejectedLog.admit(now: now) {
                actions.append(.log(LogLine(.info, "rejected a document", ["id": givenID.map { "\($0)" } ?? "none", "source": metadata.source?.clipped(to: 120) ?? "none",
                                                                           "reason": reason.clipped(), "total": "\(rejectedLog.count)"])))
            }
            return actions
        }
        if body.count > settings.maxDocumentBytes {
            return reject("document is \(body.count) bytes, over the limit of \(settings.maxDocumentBytes)")
        }
        guard body.withUnsafeBufferPointer(UTF8Check.isValid) else { return reject("document is not valid UTF-8") }
        if MetadataRules.isBlank(utf8: body) { return reject("document is empty") }
        if let problem = MetadataRules.problem(with: metadata) { return reject(problem) }
        if let givenID, queue.count + staged.count >= settings.queueCapacity {
            // Full: answer before hashing, so a producer's retries cost the broker little.
            return [.reply(peer, .busy(givenID))]
        }
        let id = identify(body)
        if let givenID, givenID != id {
            return reject("id \(givenID.rawValue.clipped(to: 80)) is not the text's own (SHA-256 of its normalised text); send none and the broker derives it")
        }
        if let waiters = staged[id]?.waiters {
            // The same producer again (its answer was late): it hears ACCEPTED once, with the first copy, on each
            // connection it sent one over.
            let waiter = Waiter(peer: peer, producer: producer)
            if !waiters.contains(waiter) { staged[id]?.waiters.append(waiter) }
            return []
        }
        if known.contains(id) {
            if recentAcceptances.wasAccepted(id, from: producer, now: now) { return [.reply(peer, .accepted(id))] }
            counters.duplicates += 1
            answersSinceCompaction = true
            return [.reply(peer, .duplicate(id))]
        }
        if case .failing(let retryAt, let error) = storage, now < retryAt {
            var actions: [BrokerAction] = [.reply(peer, .busy(id))]
            if busyLog.admit(now: now) { actions.append(.log(LogLine(.warning, "answering BUSY while the journal cannot be written", ["error": error]))) }
            return actions
        }
        if queue.count + staged.count >= settings.queueCapacity || queuedBytes + stagedBytes + body.count > settings.queueBytes {
            return [.reply(peer, .busy(id))]
        }
        let job = QueuedJob(id: id, metadata: metadata, body: body)
        staged[id] = Staged(job: job, waiters: [Waiter(peer: peer, producer: producer)])
        stagedBytes += body.count
        batch.append(.accepted(job))
        if producer.isChosenByPeer { originsToJournal[producer, default: []].append(id) }
        return [.journal(.accepted(job))]
    }

    /// RETRY's refusal of a document the broker does not know: `submit --again` submits it instead.
    public static let neverAccepted = "the broker never accepted this document; submit it instead"
    /// RETRY's refusal of a document still queued or with a worker: it will be applied anyway.
    public static let stillPending = "the document is still pending"

    /// A producer's RETRY of a document it read from a dead letter (or sent again by `submit --again`): queued again with its attempts at zero,
    /// ACCEPTED once that is journaled. Only a finished document can be retried (a pending one is REJECTED), and
    /// only under the text's own id. Retrying a document that was in fact stored costs a worker's time and
    /// nothing else: the aggregator applies each id once.
    public mutating func retry(from peer: PeerID, id: DocumentID, metadata: DocumentMetadata, body: [UInt8], now: Double) -> [BrokerAction] {
        func reject(_ reason: String) -> [BrokerAction] { [.reply(peer, .rejected(id, reason: reason))] }
        guard body.withUnsafeBufferPointer(UTF8Check.isValid) else { return reject("document is not valid UTF-8") }
        guard identify(body) == id else { return reject("id \(id.rawValue.clipped(to: 80)) is not the text's own; the dead letter was changed") }
        if let problem = MetadataRules.problem(with: metadata) { return reject(problem) }
        guard known.contains(id) else { return reject(Self.neverAccepted) }
        if staged[id] != nil || inFlight[id] != nil || deadLettering[id] != nil || queue.contains(where: { $0.id == id }) {
            return reject(Self.stillPending)
        }
        if case .failing(let retryAt, _) = storage, now < retryAt { return [.reply(peer, .busy(id))] }
        if queue.count + staged.count >= settings.queueCapacity || queuedBytes + stagedBytes + body.count > settings.queueBytes {
            return [.reply(peer, .busy(id))]
        }
        let job = QueuedJob(id: id, metadata: metadata, body: body)
        staged[id] = Staged(job: job, waiters: [Waiter(peer: peer, producer: peer)], isRetry: true)
        stagedBytes += body.count
        batch.append(.retried(job))
        var actions: [BrokerAction] = [.journal(.retried(job))]
        if retriedLog.admit(now: now) {
            actions.append(.log(LogLine(.info, "queued a document again", ["id": "\(id)", "was": deadLettered.contains(id) ? "dead-lettered" : "done",
                                                                          "total": "\(retriedLog.count)"])))
        }
        return actions
    }

    /// A message on the frontend that could not be decoded: an ERROR back, and a line in the log within its rate.
    public mutating func malformed(from peer: PeerID, reason: String, now: Double) -> [BrokerAction] {
        [.reply(peer, .error(reason: reason.clipped()))] + logMalformed("producer", reason, now: now)
    }

    mutating func logMalformed(_ side: String, _ reason: String, now: Double) -> [BrokerAction] {
        guard let total = malformedLogs.admit(side, now: now) else { return [] }
        return [.log(LogLine(.warning, "rejected malformed \(side) message", ["reason": reason.clipped(), "total": "\(total)"]))]
    }

    // MARK: the journal

    /// The journal is about to write what this pass gathered: the producers of its new acceptances go in the same
    /// write, so that whatever its fsync makes durable says whose resend to answer ACCEPTED after a restart.
    public mutating func journalWriting() -> [BrokerAction] {
        guard !originsToJournal.isEmpty else { return [] }
        let entries = originsToJournal.map { BrokerJournalEntry.origins(ProducerAcceptances(producer: $0.key, ids: $0.value)) }
        originsToJournal.removeAll()
        batch += entries
        return entries.map { .journal($0) }
    }

    /// Everything handed to the journal since the last report is durable: answer the producers, queue the documents.
    public mutating func journalCommitted(now: Double) -> [BrokerAction] {
        var actions: [BrokerAction] = []
        if case .failing = storage {
            actions.append(.log(LogLine(.info, "the journal is writable again")))
        }
        storage = .healthy
        storageBackoff.reset()
        entriesSinceCompaction += batch.count
        batch.removeAll()
        for (id, entry) in staged {
            let acceptedFrom = entry.waiters.first?.producer
            known.insert(id)
            var job = entry.job
            job.acceptedAt = now
            queue.append(job)
            queuedBytes += job.body.count
            if entry.isRetry {
                retried.insert(id)
                if deadLettered.remove(id) != nil { counters.deadLettered -= 1 }
            } else {
                counters.accepted += 1
                if let acceptedFrom { recentAcceptances.record(id, from: acceptedFrom, now: now) }
            }
            for waiter in entry.waiters {
                if waiter.producer == acceptedFrom {
                    actions.append(.reply(waiter.peer, .accepted(id)))
                } else {
                    counters.duplicates += 1
                    answersSinceCompaction = true
                    actions.append(.reply(waiter.peer, .duplicate(id)))
                }
            }
        }
        staged.removeAll()
        stagedBytes = 0
        actions += dispatch(now: now)
        return actions
    }

    /// The journal could not take the batch (disk full, I/O error): nothing in it is durable. Producers hear
    /// BUSY and send again; finished jobs stay finished in memory and are written once the disk is back.
    public mutating func journalFailed(_ error: String, now: Double) -> [BrokerAction] {
        let delay = storageBackoff.next()
        storage = .failing(retryAt: now + delay, error: error)
        compacting = false
        var actions: [BrokerAction] = [.log(LogLine(.error, "cannot write the journal; answering BUSY and retrying",
                                                    ["error": error, "retry_in_seconds": "\(delay)", "unanswered": "\(staged.count)"]))]
        for entry in batch {
            // Acceptances and retries were answered BUSY: the producer sends them again.
            if case .accepted = entry { continue }
            if case .retried = entry { continue }
            if case .origins = entry { continue }
            unjournaled.append(entry)
        }
        originsToJournal.removeAll()
        batch.removeAll()
        for (id, entry) in staged {
            for waiter in entry.waiters { actions.append(.reply(waiter.peer, .busy(id))) }
        }
        staged.removeAll()
        stagedBytes = 0
        return actions
    }

    /// The journal was rewritten as the image asked for.
    public mutating func compacted(now: Double) -> [BrokerAction] {
        compacting = false
        entriesSinceCompaction = 0
        answersSinceCompaction = false
        unjournaled.removeAll()
        return [.log(LogLine(.info, "compacted the journal", ["known": "\(known.count)", "pending": "\(queue.count + inFlight.count)"]))]
    }

    /// The image a compaction writes: what the broker must remember, and nothing else.
    public var journalImage: BrokerJournalImage {
        var pending: [QueuedJob] = inFlight.values.sorted(by: InFlight.older).map(\.job)
        pending += queue
        // By id, not a Dictionary's order: the image, and the queue a restart makes of it, are the same for the same state.
        pending += deadLettering.values.map(\.job).sorted { $0.id < $1.id }
        let pendingIDs = Set(pending.map(\.id))
        return BrokerJournalImage(counters: counters, finished: known.filter { !pendingIDs.contains($0) }, pending: pending,
                                  retried: retried.intersection(pendingIDs), deadLettered: deadLettered.sorted(),
                                  origins: recentAcceptances.journaled)
    }
}

extension BrokerStateMachine {
    /// Entries have been handed to the journal since its last commit report.
    public var awaitsCommit: Bool { !batch.isEmpty || !staged.isEmpty }
}
