import MeetingModel

/// What a producer sends the broker's frontend.
public enum ProducerRequest: Equatable, Sendable {
    /// A document to ingest. A nil id asks the broker to derive one from the text. `producer` names the run that sends it
    /// (``BrokerStatus/Feature/producerNames``), so that its resend is known as its own whichever connection the first
    /// copy came over; nil for producers that do not say, and for brokers that do not take it.
    case submit(id: DocumentID?, metadata: DocumentMetadata, body: [UInt8], producer: [UInt8]? = nil)
    /// A dead-lettered document sent again (from its dead letter): queued with its attempts at zero.
    case retry(id: DocumentID, metadata: DocumentMetadata, body: [UInt8])
    /// Asks for the broker's counters.
    case status
    /// Asks which of these documents the broker gave up on (dead-lettered and not retried since): `submit --wait` stops
    /// waiting for those (``BrokerStatus/Feature/deadLetteredQuestion``).
    case deadLettered([DocumentID])

    /// A producer's name is a routing id: at most 255 bytes.
    public static let maxProducerBytes = 255

    public var frames: [[UInt8]] {
        switch self {
        case .submit(let id, let metadata, let body, let producer):
            message("SUBMIT", [id?.frame ?? [], metadata.encoded(), body] + (producer.map { [$0] } ?? []))
        case .retry(let id, let metadata, let body):
            message("RETRY", [id.frame, metadata.encoded(), body])
        case .status:
            message("STATUS")
        case .deadLettered(let ids):
            message("DEADLETTERED?", ids.map(\.frame))
        }
    }

    /// Decodes a request. The body is kept as bytes: whether it is valid UTF-8 is the broker's
    /// decision to make, so that it can answer REJECTED with the id instead of dropping the message.
    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "SUBMIT":
            guard reader.argumentCount == 3 || reader.argumentCount == 4 else {
                throw .wrongFrameCount(command: reader.command, expected: "3 or 4 argument", found: reader.argumentCount)
            }
            let idBytes = try reader.bytes(0, field: "id", limit: DocumentID.maxLength)
            let id = idBytes.isEmpty ? nil : try reader.documentID(0)
            let metadata = try DocumentMetadata.decode(reader.bytes(1, field: "meta", limit: 64 * 1024))
            // The body limit is enforced by the broker, which answers REJECTED with a reason.
            let body = try reader.bytes(2, field: "body", limit: limits.maxDocumentBytes + limits.maxPayloadBytes)
            var producer: [UInt8]?
            if reader.argumentCount == 4 {
                let name = try reader.bytes(3, field: "producer", limit: Self.maxProducerBytes)
                // Empty or starting with a zero byte, it could be taken for libzmq's name of some connection.
                guard name.first.map({ $0 != 0 }) ?? false else { throw .undecodable(field: "producer", reason: "empty or starting with a zero byte") }
                producer = name
            }
            self = .submit(id: id, metadata: metadata, body: body, producer: producer)
        case "RETRY":
            try reader.expectCount(3)
            let id = try reader.documentID(0)
            let metadata = try DocumentMetadata.decode(reader.bytes(1, field: "meta", limit: 64 * 1024))
            let body = try reader.bytes(2, field: "body", limit: limits.maxDocumentBytes + limits.maxPayloadBytes)
            self = .retry(id: id, metadata: metadata, body: body)
        case "STATUS":
            try reader.expectCount(0)
            self = .status
        case "DEADLETTERED?":
            self = .deadLettered(try reader.documentIDs(from: 0))
        default:
            throw .unknownCommand(reader.command)
        }
    }
}

/// What the broker answers a producer.
public enum BrokerReply: Equatable, Sendable {
    /// The document is queued (and, with a journal, on disk).
    case accepted(DocumentID)
    /// A document with this id was accepted before.
    case duplicate(DocumentID)
    /// The document will never be accepted, for the reason given.
    case rejected(DocumentID?, reason: String)
    /// The queue is full: back off and send the same document again.
    case busy(DocumentID)
    /// The broker's counters, as JSON.
    case status(BrokerStatus)
    /// The request could not be understood.
    case error(reason: String)
    /// Those of the asked documents that are dead-lettered.
    case deadLettered([DocumentID])

    public var frames: [[UInt8]] {
        switch self {
        case .accepted(let id): message("ACCEPTED", [id.frame])
        case .duplicate(let id): message("DUPLICATE", [id.frame])
        case .rejected(let id, let reason): message("REJECTED", [id?.frame ?? [], reason.frame])
        case .busy(let id): message("BUSY", [id.frame])
        case .status(let status): message("STATUS", [JSONPayload.encode(status)])
        case .error(let reason): message("ERROR", [reason.frame])
        case .deadLettered(let ids): message("DEADLETTERED", ids.map(\.frame))
        }
    }

    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "ACCEPTED":
            try reader.expectCount(1)
            self = .accepted(try reader.documentID(0))
        case "DUPLICATE":
            try reader.expectCount(1)
            self = .duplicate(try reader.documentID(0))
        case "BUSY":
            try reader.expectCount(1)
            self = .busy(try reader.documentID(0))
        case "REJECTED":
            try reader.expectCount(2)
            let id = try reader.bytes(0, field: "id", limit: DocumentID.maxLength).isEmpty ? nil : try reader.documentID(0)
            self = .rejected(id, reason: try reader.text(1, field: "reason", limit: 4096))
        case "STATUS":
            try reader.expectCount(1)
            self = .status(try JSONPayload.decode(BrokerStatus.self, reader.bytes(0, field: "status", limit: limits.maxPayloadBytes), field: "status"))
        case "ERROR":
            try reader.expectCount(1)
            self = .error(reason: try reader.text(0, field: "reason", limit: 4096))
        case "DEADLETTERED":
            self = .deadLettered(try reader.documentIDs(from: 0))
        default:
            throw .unknownCommand(reader.command)
        }
    }
}
