import MeetingModel

/// What a worker sends the broker's backend.
public enum WorkerMessage: Equatable, Sendable {
    /// The worker can take `credit` more jobs (credit-based flow control).
    case ready(credit: Int)
    /// The worker is alive.
    case heartbeat
    /// The job's record is stored by the aggregator, with the aggregator's receipt for it.
    case done(DocumentID, receipt: Receipt)
    /// The job could not be processed, for the reason given.
    case failed(DocumentID, reason: String)
    /// These jobs are extracted and their records sent; what remains in flight is waiting to be stored.
    case processed([DocumentID])
    /// The worker is leaving: hand its jobs to others now rather than after its heartbeats stop.
    case disconnect

    /// The most ids one PROCESSED carries.
    public static let maxProcessedIDs = 1_024

    public var frames: [[UInt8]] {
        switch self {
        case .ready(let credit): message("READY", [String(credit).frame])
        case .heartbeat: message("HEARTBEAT")
        case .done(let id, let receipt): message("DONE", [id.frame, receipt.bytes])
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
            guard (1...1024).contains(credit) else { throw .invalidNumber(field: "credit") }
            self = .ready(credit: credit)
        case "HEARTBEAT":
            try reader.expectCount(0)
            self = .heartbeat
        case "DONE":
            try reader.expectCount(2)
            self = .done(try reader.documentID(0), receipt: try Receipt(reader.bytes(1, field: "receipt", limit: 64)))
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

    public var frames: [[UInt8]] {
        switch self {
        case .job(let id, let metadata, let body, let ticket): message("JOB", [id.frame, metadata.encoded(), body, ticket.bytes])
        case .heartbeat: message("HEARTBEAT")
        case .reconnect: message("RECONNECT")
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
        default:
            throw .unknownCommand(reader.command)
        }
    }
}
