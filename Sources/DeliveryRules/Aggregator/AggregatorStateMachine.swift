import DequeModule
import IngestProtocol
import MeetingModel
import OrderedCollections

/// The aggregator's rules: a record is applied once per document id and only after the records store holds it
/// (group commit, then STORED); a failed commit applies nothing and answers nothing, so workers keep the
/// record and send it again; snapshots are due every N records or T seconds and retried with backoff when
/// the disk refuses them. The province state itself is kept apart (the loop hands what ``Action/apply(_:)`` names to
/// the thread that keeps it): the machine knows only the last sequence applied.
///
/// Whether a document is already stored is the store's to say (its unique index): the commit that meets its id
/// reports it (``storeCommitted(storedBefore:now:)``), and the machine remembers only the records not yet committed: those of the batch being
/// gathered and those of the batch in the store's hands (one at a time: ``beginCommit()``), so that the next
/// batch gathers while the last one's transaction and fsync run.
public struct AggregatorStateMachine {
    public struct Settings: Equatable, Sendable {
        public var snapshotEveryRecords: Int
        public var snapshotEverySeconds: Double
        public var storageRetry: (initial: Double, maximum: Double)

        public init(snapshotEveryRecords: Int = 25_000, snapshotEverySeconds: Double = 5,
                    storageRetry: (initial: Double, maximum: Double) = (0.5, 30)) {
            self.snapshotEveryRecords = max(1, snapshotEveryRecords)
            self.snapshotEverySeconds = snapshotEverySeconds
            self.storageRetry = storageRetry
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.snapshotEveryRecords == rhs.snapshotEveryRecords && lhs.snapshotEverySeconds == rhs.snapshotEverySeconds
                && lhs.storageRetry == rhs.storageRetry
        }
    }

    public enum Action: Equatable, Sendable {
        case reply(PeerID, AggregatorReply)
        /// Add the record to the batch being gathered as record number `sequence`; the loop hands the batch to the
        /// store when ``beginCommit()`` says so and reports with ``storeCommitted(storedBefore:now:)`` or ``storeFailed(_:now:)``.
        case store(DocumentID, sequence: UInt64, record: MeetingRecord, body: [UInt8], metadata: DocumentMetadata)
        /// Apply these committed records to the province state, in this order (each once: the store held none of
        /// them before their batch).
        case apply([CommittedRecord])
        /// Write a snapshot of the province state at its sequence (the loop does it in the background, the state
        /// copied); report with ``snapshotWritten(sequence:now:)`` or ``snapshotFailed(_:now:)``.
        case writeSnapshot
        case log(LogLine)
        /// Stop the aggregator with this error: its store cannot be trusted.
        case stop(reason: String)
    }

    struct Staged {
        let record: MeetingRecord
        var waiters: [PeerID]
        /// The number it is stored as.
        let sequence: UInt64
    }

    public let settings: Settings
    /// The receipt STORED carries for a document (an HMAC under the cluster's key, computed by the caller).
    let receipt: @Sendable (DocumentID) -> Receipt
    /// The sequence of the last record applied, which the store holds (0 when none).
    public private(set) var appliedSequence: UInt64
    /// The batch being gathered.
    var staged = OrderedDictionary<DocumentID, Staged>()
    /// The batch the store is committing: applied and answered by ``storeCommitted(storedBefore:now:)``.
    var committing = OrderedDictionary<DocumentID, Staged>()
    /// The number the next record staged is stored as. Numbers only grow while batches commit: a record the store
    /// held before its batch leaves its number unused, and ``appliedSequence`` stays at the last record applied,
    /// which the store holds (a start after it numbers from there). A failed commit drops what was staged, and
    /// numbering starts again after it.
    var nextSequence: UInt64
    var storeRetryAt: Double?
    var storeBackoff: Backoff
    /// Why the last commit of the records store failed, until one succeeds.
    public private(set) var storeError: String?
    public private(set) var snapshotSequence: UInt64
    var lastSnapshotTime: Double
    var snapshotRetryAt: Double?
    var snapshotBackoff: Backoff
    /// Why the last snapshot could not be written, until one is.
    public private(set) var snapshotError: String?
    /// A snapshot asked for and not yet reported: no other is asked for meanwhile.
    public private(set) var snapshotInFlight = false
    /// The newest snapshot on disk lacks what this version writes: one is due even with no new record.
    public private(set) var snapshotOutdated: Bool
    var refusedLog = LogRateLimit()
    var heldLog = LogRateLimit(burst: 1)
    /// False until the store's pages are checked (in the background: a read of a multi-GB store takes minutes).
    /// Records are stored meanwhile: SQLite refuses a write that touches a damaged page (the batch fails and
    /// is sent again), and a damaged page found stops the aggregator.
    public private(set) var storeChecked: Bool

    /// Starts from a recovered state whose last record applied is `appliedSequence` and whose last snapshot was at
    /// `snapshotSequence`.
    /// `snapshotOutdated`: the newest snapshot lacks what this version writes (the current-unit view), so one is due
    /// even with no record applied since.
    public init(settings: Settings, appliedSequence: UInt64, snapshotSequence: UInt64, now: Double, storeChecked: Bool = true,
                snapshotOutdated: Bool = false, receipt: @escaping @Sendable (DocumentID) -> Receipt) {
        self.settings = settings
        self.snapshotOutdated = snapshotOutdated
        self.storeChecked = storeChecked
        self.receipt = receipt
        self.appliedSequence = appliedSequence
        self.snapshotSequence = snapshotSequence
        nextSequence = appliedSequence &+ 1
        lastSnapshotTime = now
        storeBackoff = Backoff(initial: settings.storageRetry.initial, maximum: settings.storageRetry.maximum)
        snapshotBackoff = storeBackoff
    }

    /// Why the store or the snapshots cannot be written now, if they cannot.
    public var storageError: String? { storeError ?? snapshotError }
    /// Records waiting for the store's commit: gathered, or being committed.
    public var stagedCount: Int { staged.count + committing.count }
    /// Records gathered for the next commit.
    public var gatheredCount: Int { staged.count }
    /// Whether the store is committing a batch (its outcome not yet reported).
    public var isCommitting: Bool { !committing.isEmpty }

    /// A worker's record, decoded: it joins the batch, and STORED waits for the commit. Whether the store holds the
    /// document already is found by the commit (a document sent again after a fault, a rare case, waits for it too).
    public mutating func result(_ id: DocumentID, record: MeetingRecord, bytes: [UInt8], metadata: DocumentMetadata,
                                from peer: PeerID, now: Double) -> [Action] {
        if staged[id] != nil {
            staged[id]?.waiters.append(peer)
            return []
        }
        if committing[id] != nil {
            committing[id]?.waiters.append(peer)
            return []
        }
        if let retryAt = storeRetryAt, now < retryAt {
            // No answer: the worker keeps the record and sends it again later.
            return heldLog.admit(now: now) ? [.log(LogLine(.warning, "not storing records while the store cannot be written", ["error": storeError ?? ""]))] : []
        }
        let sequence = nextSequence
        nextSequence &+= 1
        staged[id] = Staged(record: record, waiters: [peer], sequence: sequence)
        return [.store(id, sequence: sequence, record: record, body: bytes, metadata: metadata)]
    }

    /// Every page of the store reads back sound.
    public mutating func storePagesSound(seconds: Double, now: Double) -> [Action] {
        storeChecked = true
        return [.log(LogLine(.info, "the records store's pages are sound", ["check_seconds": "\((seconds * 100).rounded() / 100)"]))]
    }

    /// A page of the store is damaged: stop before anything more is written to it.
    public mutating func storeDamaged(_ description: String, now: Double) -> [Action] {
        [.stop(reason: description)]
    }

    /// Whether `id` is gathered or being committed (the store may not know it yet).
    public func isStaged(_ id: DocumentID) -> Bool { staged[id] != nil || committing[id] != nil }

    /// Whether the loop hands the gathered batch to the store now: when one is gathered and none is being
    /// committed. The records gathered from here on are the next batch.
    public mutating func beginCommit() -> Bool {
        guard committing.isEmpty, !staged.isEmpty else { return false }
        swap(&committing, &staged)
        return true
    }

    /// A record refused for good (`reason` says why: "without a valid ticket", ...): the worker fails the job.
    public mutating func refuse(_ id: DocumentID, reason: String, to peer: PeerID, now: Double) -> [Action] {
        var actions: [Action] = [.reply(peer, .refused(id, reason: "record " + reason.clipped()))]
        if refusedLog.admit(now: now) {
            actions.append(.log(LogLine(.warning, "refused a record " + reason.clipped(), ["id": "\(id)", "total": "\(refusedLog.count)"])))
        }
        return actions
    }

    /// The batch being committed is durable: apply it, in the order of its sequence numbers, and answer STORED.
    /// The documents in `storedBefore` were in the store before this batch (applied then): they are answered and
    /// not applied again, their numbers unused; ``appliedSequence`` is the last record applied.
    public mutating func storeCommitted(storedBefore: Set<DocumentID> = [], now: Double) -> [Action] {
        var actions: [Action] = []
        if storeError != nil {
            actions.append(.log(LogLine(.info, "the records store is writable again")))
        }
        storeError = nil
        storeRetryAt = nil
        storeBackoff.reset()
        var applied: [CommittedRecord] = []
        applied.reserveCapacity(committing.count)
        var replies: [Action] = []
        replies.reserveCapacity(committing.count)
        for (id, entry) in committing {
            if !storedBefore.contains(id) {
                applied.append(CommittedRecord(id: id, record: entry.record, sequence: entry.sequence))
                appliedSequence = entry.sequence
            }
            for waiter in entry.waiters { replies.append(.reply(waiter, .stored(id, receipt: receipt(id)))) }
        }
        committing.removeAll(keepingCapacity: true)
        if !applied.isEmpty { actions.append(.apply(applied)) }
        return actions + replies
    }

    /// The batch being committed is not durable: apply nothing, answer nothing, retry after a backoff. The batch
    /// gathered meanwhile goes too (the loop drops its records): its sequence numbers came after the failed one's.
    public mutating func storeFailed(_ error: String, now: Double) -> [Action] {
        let delay = storeBackoff.next()
        storeRetryAt = now + delay
        storeError = error
        let count = committing.count + staged.count
        committing.removeAll()
        staged.removeAll()
        nextSequence = appliedSequence &+ 1
        return [.log(LogLine(.error, "cannot write the records store; records stay with the workers until it can",
                             ["error": error, "retry_in_seconds": "\(delay)", "records": "\(count)"]))]
    }

    /// Time passes: a snapshot is due every N records or T seconds, unless the disk refused the last one and
    /// its retry is not due. A snapshot holds only the provinces: its cost follows the officials and topics they
    /// have seen, not the number of records applied.
    public mutating func tick(now: Double) -> [Action] {
        // Records gathered or being committed do not hold it up: the state holds only committed ones, and under
        // load a commit is nearly always in flight.
        guard appliedSequence != snapshotSequence || snapshotOutdated, !snapshotInFlight else { return [] }
        if let retryAt = snapshotRetryAt, now < retryAt { return [] }
        let everyRecords = UInt64(settings.snapshotEveryRecords)
        let recordsSince = appliedSequence &- snapshotSequence
        guard recordsSince >= everyRecords || now - lastSnapshotTime >= settings.snapshotEverySeconds else { return [] }
        snapshotInFlight = true
        return [.writeSnapshot]
    }

    /// The snapshot asked for is on disk, at `sequence` (the state's when it was copied: records applied after
    /// it come after it).
    public mutating func snapshotWritten(sequence: UInt64, now: Double) -> [Action] {
        var actions: [Action] = []
        if snapshotError != nil { actions.append(.log(LogLine(.info, "snapshots can be written again"))) }
        snapshotInFlight = false
        snapshotOutdated = false
        snapshotSequence = max(snapshotSequence, sequence)
        lastSnapshotTime = now
        snapshotRetryAt = nil
        snapshotError = nil
        snapshotBackoff.reset()
        return actions
    }

    /// The snapshot could not be written; it is tried again after a backoff.
    public mutating func snapshotFailed(_ error: String, now: Double) -> [Action] {
        snapshotInFlight = false
        let delay = snapshotBackoff.next()
        snapshotRetryAt = now + delay
        snapshotError = error
        lastSnapshotTime = now
        return [.log(LogLine(.error, "cannot write a snapshot; the records store keeps every record meanwhile",
                             ["error": error, "retry_in_seconds": "\(delay)"]))]
    }

    /// The aggregator is stopping: a last snapshot if anything changed since the previous one (or it is outdated).
    public func stopping() -> [Action] {
        appliedSequence != snapshotSequence || snapshotOutdated ? [.writeSnapshot] : []
    }
}

/// A record the store committed, to apply to the province state as document `id`, record number `sequence`.
public struct CommittedRecord: Equatable, Sendable {
    public let id: DocumentID
    public let record: MeetingRecord
    public let sequence: UInt64

    public init(id: DocumentID, record: MeetingRecord, sequence: UInt64) {
        self.id = id
        self.record = record
        self.sequence = sequence
    }
}
