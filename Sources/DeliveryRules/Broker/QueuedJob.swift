import IngestProtocol
import MeetingModel

/// A document the broker has accepted and not yet finished: waiting in the queue or held by a worker.
public struct QueuedJob: Equatable, Sendable {
    public let id: DocumentID
    public let metadata: DocumentMetadata
    /// The text as UTF-8, checked once at the broker's door (or when the journal is read back) and carried as bytes
    /// from then on: to the journal, to workers, to a dead letter.
    public let body: [UInt8]
    /// Failed attempts that were the document's own fault (a worker died on it, it timed out, FAILED).
    public var attempts: Int
    /// When the broker answered ACCEPTED (its monotonic clock); nil for a job recovered after a restart.
    public var acceptedAt: Double?

    /// `body` must be valid UTF-8.
    public init(id: DocumentID, metadata: DocumentMetadata, body: [UInt8], attempts: Int = 0) {
        self.id = id
        self.metadata = metadata
        self.body = body
        self.attempts = attempts
    }

    public init(id: DocumentID, metadata: DocumentMetadata, body: String, attempts: Int = 0) {
        self.init(id: id, metadata: metadata, body: Array(body.utf8), attempts: attempts)
    }
}
