import IngestProtocol
import MeetingModel

/// A document the broker has accepted and not yet finished: waiting in the queue or held by a worker.
public struct QueuedJob: Equatable, Sendable {
    public let id: DocumentID
    public let metadata: DocumentMetadata
    public let body: String
    /// Failed attempts that were the document's own fault (a worker died on it, it timed out, FAILED).
    public var attempts: Int
    /// When the broker answered ACCEPTED (its monotonic clock); nil for a job recovered after a restart.
    public var acceptedAt: Double?

    public init(id: DocumentID, metadata: DocumentMetadata, body: String, attempts: Int = 0) {
        self.id = id
        self.metadata = metadata
        self.body = body
        self.attempts = attempts
    }
}
