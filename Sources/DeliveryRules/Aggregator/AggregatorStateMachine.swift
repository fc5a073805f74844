import DequeModule
import IngestProtocol
import MeetingModel
import OrderedCollections
import ProvinceAggregation

/// The aggregator's rules: a record is applied once per document id and only after the records store holds it
/// (group commit, then STORED); a failed commit applies nothing and answers nothing, so workers keep the
/// record and send it again; snapshots are due every N records or T seconds and retried with backoff when
/// the disk refuses them.
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
        /// Write a snapshot of ``state`` at its sequence (the loop does it in the background, the state copied);
        /// report with ``snapshotWritten(sequence:now:)`` or ``snapshotFailed(_:now:)``.
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
    public private(set) var state: AggregateState
    /// The batch being gathered.
    var staged = OrderedDictionary<DocumentID, Staged>()
    /// The batch the store is committing: applied and answered by ``storeCommitted(storedBefore:now:)``.
    var committing = OrderedDictionary<DocumentID, Staged>()
    /// The number the next record staged is stored as. Numbers only grow while batches commit: a record the store
    /// held before its batch leaves its number unused, and the state's ``AggregateState/sequence`` stays at the last
    /// record applied, which the store holds (a start after it numbers from there). A failed commit drops what was
    /// staged, and numbering starts again after the state's.
    var nextSequence: UInt64
    var storeRetryAt: Double?
    var storeBackoff: Backoff
    var storeError: String?
    public private(set) var snapshotSequence: UInt64
    var lastSnapshotTime: Double
    var snapshotRetryAt: Double?
    var snapshotBackoff: Backoff
    var snapshotError: String?
    /// A snapshot asked for and not yet reported: no other is asked for meanwhile.
    public private(set) var snapshotInFlight = false
    var refusedLog = LogRateLimit()
    var heldLog = LogRateLimit(burst: 1)
    /// False until the store's pages are checked (in the background: a read of a multi-GB store takes minutes).
    /// Records are stored meanwhile: SQLite refuses a write that touches a damaged page (the batch fails and
    /// is sent again), and a damaged page found stops the aggregator.
    public private(set) var storeChecked: Bool

    /// Starts from a recovered state, whose last snapshot was at `snapshotSequence`.
    public init(settings: Settings, state: AggregateState, snapshotSequence: UInt64, now: Double, storeChecked: Bool = true,
                receipt: @escaping @Sendable (DocumentID) -> Receipt) {
        self.settings = settings
        self.storeChecked = storeChecked
        self.receipt = receipt
        self.state = state
        self.snapshotSequence = snapshotSequence
        nextSequence = state.sequence &+ 1
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
    /// not applied again, their numbers unused; the state's sequence is the last record applied.
    public mutating func storeCommitted(storedBefore: Set<DocumentID> = [], now: Double) -> [Action] {
        var actions: [Action] = []
        if storeError != nil {
            actions.append(.log(LogLine(.info, "the records store is writable again")))
        }
        storeError = nil
        storeRetryAt = nil
        storeBackoff.reset()
        for (id, entry) in committing {
            if !storedBefore.contains(id) {
                state.apply(entry.record, documentID: id.rawValue)
                state.sequence = entry.sequence
            }
            for waiter in entry.waiters { actions.append(.reply(waiter, .stored(id, receipt: receipt(id)))) }
        }
        committing.removeAll(keepingCapacity: true)
        return actions
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
        nextSequence = state.sequence &+ 1
        return [.log(LogLine(.error, "cannot write the records store; records stay with the workers until it can",
                             ["error": error, "retry_in_seconds": "\(delay)", "records": "\(count)"]))]
    }

    /// Time passes: a snapshot is due every N records or T seconds, unless the disk refused the last one and
    /// its retry is not due. A snapshot holds only the provinces: its cost follows the officials and topics they
    /// have seen, not the number of records applied.
    public mutating func tick(now: Double) -> [Action] {
        // Records gathered or being committed do not hold it up: the state holds only committed ones, and under
        // load a commit is nearly always in flight.
        guard state.sequence != snapshotSequence, !snapshotInFlight else { return [] }
        if let retryAt = snapshotRetryAt, now < retryAt { return [] }
        let everyRecords = UInt64(settings.snapshotEveryRecords)
        let recordsSince = state.sequence &- snapshotSequence
        guard recordsSince >= everyRecords || now - lastSnapshotTime >= settings.snapshotEverySeconds else { return [] }
        snapshotInFlight = true
        return [.writeSnapshot]
    }

    /// The snapshot asked for is on disk, at `sequence` (the state's when it was asked for: records applied
    /// while it was being written come after it).
    public mutating func snapshotWritten(sequence: UInt64, now: Double) -> [Action] {
        var actions: [Action] = []
        if snapshotError != nil { actions.append(.log(LogLine(.info, "snapshots can be written again"))) }
        snapshotInFlight = false
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

    /// The aggregator is stopping: a last snapshot if anything changed since the previous one.
    public func stopping() -> [Action] {
        state.sequence != snapshotSequence ? [.writeSnapshot] : []
    }
}
