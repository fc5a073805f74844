/// What a worker sends the broker's backend.
public enum WorkerMessage: Equatable, Sendable {
    /// The worker can take `credit` more jobs (credit-based flow control).
    case ready(credit: Int)
    /// The worker is alive.
    case heartbeat
    /// The job's record is stored by the aggregator.
    case done(DocumentID)
    /// The job could not be processed, for the reason given.
    case failed(DocumentID, reason: String)

    public var frames: [[UInt8]] {
        switch self {
        case .ready(let credit): message("READY", [String(credit).frame])
        case .heartbeat: message("HEARTBEAT")
        case .done(let id): message("DONE", [id.frame])
        case .failed(let id, let reason): message("FAILED", [id.frame, reason.frame])
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
            try reader.expectCount(1)
            self = .done(try reader.documentID(0))
        case "FAILED":
            try reader.expectCount(2)
            self = .failed(try reader.documentID(0), reason: try reader.text(1, field: "reason", limit: 4096))
        default:
            throw .unknownCommand(reader.command)
        }
    }
}

/// What the broker sends a worker.
public enum BrokerToWorker: Equatable, Sendable {
    /// A document to process.
    case job(id: DocumentID, metadata: DocumentMetadata, body: String)
    /// The broker is alive.
    case heartbeat
    /// The broker does not know this worker (it restarted): say READY again.
    case reconnect

    public var frames: [[UInt8]] {
        switch self {
        case .job(let id, let metadata, let body): message("JOB", [id.frame, metadata.encoded(), body.frame])
        case .heartbeat: message("HEARTBEAT")
        case .reconnect: message("RECONNECT")
        }
    }

    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "JOB":
            try reader.expectCount(3)
            self = .job(
                id: try reader.documentID(0),
                metadata: try DocumentMetadata.decode(reader.bytes(1, field: "meta", limit: 64 * 1024)),
                body: try reader.text(2, field: "body", limit: limits.maxDocumentBytes))
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
