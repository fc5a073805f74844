import MeetingModel

/// What workers and readers send the aggregator.
public enum AggregatorRequest: Equatable, Sendable {
    /// A document's extracted record, in its binary form (a first-version worker sends JSON), with the broker's ticket for the document and the document's
    /// metadata (kept with the record in the store; a worker of the first version sends none).
    case result(DocumentID, record: [UInt8], ticket: Ticket, metadata: DocumentMetadata)
    /// Asks for the current state of one province (by name, matched loosely) or of all.
    case query(province: String?)
    /// Asks which of these documents have been applied.
    case applied([DocumentID])
    /// Asks for the aggregator's counters.
    case status

    public var frames: [[UInt8]] {
        switch self {
        case .result(let id, let record, let ticket, let metadata): message("RESULT", [id.frame, record, ticket.bytes, metadata.encoded()])
        case .query(let province): message("QUERY", province.map { [$0.frame] } ?? [])
        case .applied(let ids): message("APPLIED?", ids.map(\.frame))
        case .status: message("STATUS")
        }
    }

    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "RESULT":
            guard reader.argumentCount == 3 || reader.argumentCount == 4 else {
                throw .wrongFrameCount(command: "RESULT", expected: "3 or 4 arguments", found: reader.argumentCount)
            }
            let id = try reader.documentID(0)
            let record = try reader.bytes(1, field: "record", limit: limits.maxPayloadBytes)
            // The binary form's strings are checked as it is decoded; a first-version worker's JSON is checked here.
            guard record.first == MeetingRecord.binaryFormMarker || String(validating: record, as: UTF8.self) != nil else {
                throw .invalidUTF8(field: "record")
            }
            let metadata = reader.argumentCount == 4 ? try DocumentMetadata.decode(reader.bytes(3, field: "meta", limit: 64 * 1024)) : DocumentMetadata()
            self = .result(id, record: record, ticket: try Ticket(reader.bytes(2, field: "ticket", limit: 64)), metadata: metadata)
        case "QUERY":
            guard reader.argumentCount <= 1 else {
                throw .wrongFrameCount(command: "QUERY", expected: "0 or 1 argument", found: reader.argumentCount)
            }
            self = .query(province: reader.argumentCount == 1 ? try reader.text(0, field: "province", limit: 256) : nil)
        case "APPLIED?":
            guard reader.argumentCount <= limits.maxIDsPerMessage else {
                throw .wrongFrameCount(command: "APPLIED?", expected: "at most \(limits.maxIDsPerMessage) argument", found: reader.argumentCount)
            }
            self = .applied(try reader.documentIDs(from: 0))
        case "STATUS":
            try reader.expectCount(0)
            self = .status
        default:
            throw .unknownCommand(reader.command)
        }
    }
}

/// What the aggregator answers.
public enum AggregatorReply: Equatable, Sendable {
    /// The record is applied (or was already) and durable; the receipt proves it to the broker.
    case stored(DocumentID, receipt: Receipt)
    /// The record will never be stored (no valid ticket, not a record): the worker fails the job.
    case refused(DocumentID, reason: String)
    /// The state asked for, as JSON.
    case state([UInt8])
    /// Those of the asked ids that are applied.
    case applied([DocumentID])
    /// The aggregator's counters.
    case status(AggregatorStatus)
    /// The request could not be understood or served.
    case error(reason: String)

    public var frames: [[UInt8]] {
        switch self {
        case .stored(let id, let receipt): message("STORED", [id.frame, receipt.bytes])
        case .refused(let id, let reason): message("REFUSED", [id.frame, reason.frame])
        case .state(let json): message("STATE", [json])
        case .applied(let ids): message("APPLIED", ids.map(\.frame))
        case .status(let status): message("STATUS", [JSONPayload.encode(status)])
        case .error(let reason): message("ERROR", [reason.frame])
        }
    }

    public init(frames: [[UInt8]], limits: WireLimits = .standard) throws(ProtocolError) {
        let reader = try FrameReader(frames)
        switch reader.command {
        case "STORED":
            try reader.expectCount(2)
            self = .stored(try reader.documentID(0), receipt: try Receipt(reader.bytes(1, field: "receipt", limit: 64)))
        case "REFUSED":
            try reader.expectCount(2)
            self = .refused(try reader.documentID(0), reason: try reader.text(1, field: "reason", limit: 4096))
        case "STATE":
            try reader.expectCount(1)
            self = .state(try reader.bytes(0, field: "state", limit: 64 << 20))
        case "APPLIED":
            self = .applied(try reader.documentIDs(from: 0))
        case "STATUS":
            try reader.expectCount(1)
            self = .status(try JSONPayload.decode(AggregatorStatus.self, reader.bytes(0, field: "status", limit: limits.maxPayloadBytes), field: "status"))
        case "ERROR":
            try reader.expectCount(1)
            self = .error(reason: try reader.text(0, field: "reason", limit: 4096))
        default:
            throw .unknownCommand(reader.command)
        }
    }
}
