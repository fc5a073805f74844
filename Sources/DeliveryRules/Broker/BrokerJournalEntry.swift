import IngestProtocol
import MeetingModel

/// What the broker writes to its journal: enough to rebuild its queue, its set of known ids and its
/// counters after a restart.
public enum BrokerJournalEntry: Equatable, Sendable {
    /// A document accepted (before ACCEPTED leaves).
    case accepted(QueuedJob)
    /// A document whose record the aggregator stored.
    case done(DocumentID)
    /// A document given up on; its dead letter is written before this entry. In a compacted journal, one of
    /// the finished ids that is dead-lettered (so that a late DONE or a retry still corrects the counters).
    case deadLettered(DocumentID)
    /// A dead-lettered document queued again by RETRY, its attempts at zero; its dead letter goes once it is done.
    case retried(QueuedJob)
    /// Ids finished before a compaction, so that DUPLICATE stays right.
    case known([DocumentID])
    /// The counters as they were at a compaction; later entries count on from them.
    case counters(BrokerCounters)
    /// Which producer (by the routing id it chose) documents accepted in the same write came from, so that a
    /// restarted broker still answers that producer's resend ACCEPTED (``RecentAcceptances``). In a compacted journal,
    /// the recent acceptances.
    case origins(ProducerAcceptances)
}

/// Documents accepted from one producer, in the order they were accepted.
public struct ProducerAcceptances: Equatable, Sendable {
    public var producer: PeerID
    public var ids: [DocumentID]

    public init(producer: PeerID, ids: [DocumentID]) {
        self.producer = producer
        self.ids = ids
    }
}

/// The broker's lifetime counters, kept across restarts.
public struct BrokerCounters: Codable, Equatable, Sendable {
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    public var done = 0
    public var deadLettered = 0

    public init(accepted: Int = 0, duplicates: Int = 0, rejected: Int = 0, done: Int = 0, deadLettered: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejected = rejected
        self.done = done
        self.deadLettered = deadLettered
    }
}

/// What a compacted journal holds: the counters, every finished id, every document still pending (those
/// queued again by RETRY marked), and which finished ids are dead-lettered.
public struct BrokerJournalImage: Equatable, Sendable {
    public var counters: BrokerCounters
    public var finished: [DocumentID]
    public var pending: [QueuedJob]
    public var retried: Set<DocumentID> = []
    public var deadLettered: [DocumentID] = []
    /// The recent acceptances whose producers chose their routing ids, oldest first.
    public var origins: [ProducerAcceptances] = []

    public init(counters: BrokerCounters, finished: [DocumentID], pending: [QueuedJob], retried: Set<DocumentID> = [],
                deadLettered: [DocumentID] = [], origins: [ProducerAcceptances] = []) {
        self.counters = counters
        self.finished = finished
        self.pending = pending
        self.retried = retried
        self.deadLettered = deadLettered
        self.origins = origins
    }
}
