import IngestProtocol

/// What the broker writes to its journal: enough to rebuild its queue, its set of known ids and its
/// counters after a restart.
public enum BrokerJournalEntry: Equatable, Sendable {
    /// A document accepted (before ACCEPTED leaves).
    case accepted(QueuedJob)
    /// A document whose record the aggregator stored.
    case done(DocumentID)
    /// A document given up on; its dead letter is written before this entry.
    case deadLettered(DocumentID)
    /// Ids finished before a compaction, so that DUPLICATE stays right.
    case known([DocumentID])
    /// The counters as they were at a compaction; later entries count on from them.
    case counters(BrokerCounters)
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

/// What a compacted journal holds: the counters, every finished id, and every document still pending.
public struct BrokerJournalImage: Equatable, Sendable {
    public var counters: BrokerCounters
    public var finished: [DocumentID]
    public var pending: [QueuedJob]
}
