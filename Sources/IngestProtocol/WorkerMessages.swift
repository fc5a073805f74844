import MeetingModel

/// What a worker sends the broker's backend.
public enum WorkerMessage: Equatable, Sendable {
    /// The worker can take `credit` more jobs (credit-based flow control), 1 to ``maxCredit``.
    case ready(credit: Int)
    /// The worker is alive.
    case heartbeat
    /// The job's record is stored by the aggregator, with the aggregator's receipt for it.
    case done(DocumentID, receipt: Receipt)
    /// DONE for several jobs at once (two or more; `DONE id receipt id receipt ...`), sent only to a broker that
    /// answered HELLO with ``Feature/doneBatches``: a worker gets a commit's STORED in one message and passes them on
    /// in one.
    case doneBatch([StoredDocument])
    /// What the worker can send beyond the first version's messages (``Feature``), said with READY. The broker answers
    /// HELLO with those it takes; a first-version broker logs the message as malformed and answers nothing, and the
    /// worker goes on with one DONE per job.
    case hello(features: [String])
    /// The job could not be processed, for the reason given.
    case failed(DocumentID, reason: String)
    /// These jobs are extracted and their records sent; what remains in flight is waiting to be stored.
    case processed([DocumentID])
    /// The worker is leaving: hand its jobs to others now rather than after its heartbeats stop.
    case disconnect

    /// The most ids one PROCESSED carries, and the most jobs one DONE does.
    public static let maxProcessedIDs = 1_024
    /// The most jobs a READY may ask for.
    public static let maxCredit = 1_024

    /// What a worker and a broker may use beyond the first version's messages.
    public enum Feature {
        /// DONE with several jobs' ids and receipts in one message (``WorkerMessage/doneBatch(_:)``).
        public static let doneBatches = "done-batches"
    }

    public var frames: [[UInt8]] {
        switch self {
        case .ready(let credit): message("READY", [String(credit).frame])
        case .heartbeat: message("HEARTBEAT")
        case .done(let id, let receipt): message("DONE", [id.frame, receipt.bytes])
        case .doneBatch(let documents): message("DONE", documents.flatMap { [$0.id.frame, $0.receipt.bytes] })
        case .hello(let features): message("HELLO", features.map(\.frame))
        case .failed(let id, let reason): message("FAILED", [id.frame, reason.frame])
        case .processed(let ids): message("PROCESSED", ids.map(\.frame))
        case .disconnect: message("DISCONNECT")
        }
    }

    public init(frames: [[UInt8]]) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "READY":
            try reader.expectCount(1)
            let credit = try reader.number(0, field: "credit")
            guard (1...Self.maxCredit).contains(credit) else { throw .invalidNumber(field: "credit") }
            self = .ready(credit: credit)
        case "HEARTBEAT":
            try reader.expectCount(0)
            self = .heartbeat
        case "DONE":
            let documents = try reader.storedDocuments(command: "DONE", limit: Self.maxProcessedIDs)
            self = documents.count == 1 ? .done(documents[0].id, receipt: documents[0].receipt) : .doneBatch(documents)
        case "HELLO":
            self = .hello(features: try reader.features())
        case "FAILED":
            try reader.expectCount(2)
            self = .failed(try reader.documentID(0), reason: try reader.text(1, field: "reason", limit: 4096))
        case "PROCESSED":
            guard (1...Self.maxProcessedIDs).contains(reader.argumentCount) else {
                throw .wrongFrameCount(command: "PROCESSED", expected: "1 to 1024 argument", found: reader.argumentCount)
            }
            self = .processed(try reader.documentIDs(from: 0))
        case "DISCONNECT":
            try reader.expectCount(0)
            self = .disconnect
        default:
            throw .unknownCommand(reader.command)
        }
    }
}

/// What the broker sends a worker.
public enum BrokerToWorker: Equatable, Sendable {
    /// A document to process, with the broker's ticket for it, which the aggregator checks. The body is the bytes
    /// the broker validated as UTF-8 at its door, carried as they are: the extractor decodes them in one pass.
    case job(id: DocumentID, metadata: DocumentMetadata, body: [UInt8], ticket: Ticket)
    /// The broker is alive.
    case heartbeat
    /// The broker does not know this worker (it restarted): say READY again.
    case reconnect
    /// The features of a worker's HELLO that the broker takes.
    case hello(features: [String])

    public var frames: [[UInt8]] {
        switch self {
        case .job(let id, let metadata, let body, let ticket): message("JOB", [id.frame, metadata.encoded(), body, ticket.bytes])
        case .heartbeat: message("HEARTBEAT")
        case .reconnect: message("RECONNECT")
        case .hello(let features): message("HELLO", features.map(\.frame))
        }
    }

    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "JOB":
            try reader.expectCount(4)
            self = .job(
                id: try reader.documentID(0),
                metadata: try DocumentMetadata.decode(reader.bytes(1, field: "meta", limit: 64 * 1024)),
                body: try reader.bytes(2, field: "body", limit: limits.maxDocumentBytes),
                ticket: try Ticket(reader.bytes(3, field: "ticket", limit: 64)))
        case "HEARTBEAT":
            try reader.expectCount(0)
            self = .heartbeat
        case "RECONNECT":
            try reader.expectCount(0)
            self = .reconnect
        case "HELLO":
            self = .hello(features: try reader.features())
        default:
            throw .unknownCommand(reader.command)
        }
    }
}
