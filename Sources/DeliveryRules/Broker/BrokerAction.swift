import IngestProtocol
import MeetingModel

/// What the broker's loop must do after an event; it carries these out in order.
public enum BrokerAction: Equatable, Sendable {
    /// Answer a producer on the frontend.
    case reply(PeerID, BrokerReply)
    /// Hand a job to a worker on the backend (the loop adds the ticket). If the worker is gone, tell the
    /// machine with ``BrokerStateMachine/jobUndeliverable(_:to:reason:now:)``.
    case dispatch(QueuedJob, to: PeerID)
    /// Send a worker a control message.
    case send(BrokerToWorker, to: PeerID)
    /// Append to the journal; the loop commits once per batch and reports with ``BrokerStateMachine/journalCommitted(now:)``
    /// or ``BrokerStateMachine/journalFailed(_:now:)``.
    case journal(BrokerJournalEntry)
    /// Write the document's dead letter; report with ``BrokerStateMachine/deadLetterWritten(_:now:)`` or
    /// ``BrokerStateMachine/deadLetterFailed(_:reason:error:now:)``.
    case writeDeadLetter(QueuedJob, reason: String)
    /// Rewrite the journal as ``BrokerStateMachine/journalImage`` (taken once this pass's appends are committed); report with ``BrokerStateMachine/compacted(now:)`` or ``BrokerStateMachine/journalFailed(_:now:)``.
    case compact
    /// A document queued again by RETRY is done: its dead letter can go.
    case removeDeadLetter(DocumentID)
    /// A job finished (DONE with a valid receipt); the seconds since it was accepted, when known.
    case finished(DocumentID, secondsSinceAccepted: Double?)
    case log(LogLine)
}
