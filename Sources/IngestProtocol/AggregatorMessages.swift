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
    /// What the sender can read beyond the first version's replies (``Feature``), said by a worker when it starts and
    /// every few seconds after, so that an aggregator that restarted learns it again. The aggregator answers HELLO
    /// with the features it will use; a first-version aggregator answers ERROR (unknown command), and nothing changes.
    case hello(features: [String])

    /// What a peer can read.
    public enum Feature {
        /// STORED with several documents' ids and receipts in one message (``AggregatorReply/storedBatch(_:)``).
        public static let storedBatches = "stored-batches"
    }

    public var frames: [[UInt8]] {
        switch self {
        case .hello(let features): message("HELLO", features.map(\.frame))
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
                throw .wrongFrameCount(command: "RESULT", expected: "3 or 4 argument", found: reader.argumentCount)
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
        case "HELLO":
            self = .hello(features: try reader.features())
        default:
            throw .unknownCommand(reader.command)
        }
    }
}

/// One document's STORED (or DONE): its id and the receipt that proves it to the broker.
public struct StoredDocument: Equatable, Sendable {
    public let id: DocumentID
    public let receipt: Receipt

    public init(_ id: DocumentID, receipt: Receipt) {
        self.id = id
        self.receipt = receipt
    }
}

/// What the aggregator answers.
public enum AggregatorReply: Equatable, Sendable {
    /// The record is applied (or was already) and durable; the receipt proves it to the broker.
    case stored(DocumentID, receipt: Receipt)
    /// STORED for several documents at once (two or more; `STORED id receipt id receipt ...`), sent only to a peer that
    /// said HELLO with ``AggregatorRequest/Feature/storedBatches``: one message per peer per commit instead of one per
    /// record, which cost the aggregator's loop a send and its I/O thread a wake-up each.
    case storedBatch([StoredDocument])
    /// The features of a peer's HELLO that the aggregator will use.
    case hello(features: [String])
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

    /// The largest whole state a STATE reply carries: clients refuse a larger frame, so the aggregator answers ERROR instead.
    public static let maxStateBytes = 64 << 20

    /// A STATE reply's frames but the last (the state itself), for a sender that sends the state's bytes without a copy.
    public static var stateHeader: [[UInt8]] { Array(AggregatorReply.state([]).frames.dropLast()) }

    public var frames: [[UInt8]] {
        switch self {
        case .stored(let id, let receipt): message("STORED", [id.frame, receipt.bytes])
        case .storedBatch(let documents): message("STORED", documents.flatMap { [$0.id.frame, $0.receipt.bytes] })
        case .hello(let features): message("HELLO", features.map(\.frame))
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
            let documents = try reader.storedDocuments(command: "STORED", limit: limits.maxIDsPerMessage)
            self = documents.count == 1 ? .stored(documents[0].id, receipt: documents[0].receipt) : .storedBatch(documents)
        case "HELLO":
            self = .hello(features: try reader.features())
        case "REFUSED":
            try reader.expectCount(2)
            self = .refused(try reader.documentID(0), reason: try reader.text(1, field: "reason", limit: 4096))
        case "STATE":
            try reader.expectCount(1)
            self = .state(try reader.bytes(0, field: "state", limit: Self.maxStateBytes))
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

extension AggregatorReply {
    /// The ERROR a first-version aggregator answers HELLO with: it sends one STORED per record, which every worker reads.
    public var isFirstVersionAnswerToHello: Bool {
        if case .error(let reason) = self { reason == ProtocolError.unknownCommand("HELLO").description } else { false }
    }
}
