import Foundation

/// The broker's counters, as `ingest status` shows them.
public struct BrokerStatus: Codable, Equatable, Sendable {
    public var queued: Int
    public var inFlight: Int
    public var liveWorkers: Int
    public var accepted: Int
    public var duplicates: Int
    public var rejected: Int
    public var done: Int
    public var deadLettered: Int
    /// Jobs extracted and waiting for the aggregator to store them (absent from older brokers).
    public var waitingForStorage: Int?
    /// Why the broker's journal cannot be written now, when it cannot (documents get BUSY meanwhile).
    public var storageError: String?
    /// Why a dead letter cannot be written now, when one cannot (documents given up on stay pending meanwhile;
    /// absent from older brokers).
    public var deadLetterError: String?
    /// Each live worker (absent from older brokers).
    public var workers: [WorkerView]?
    /// What this broker takes beyond the first version's protocol (absent from older brokers, which take none of it).
    public var features: [String]?

    /// The names of ``features``.
    public enum Feature {
        /// SUBMIT may carry a fourth frame naming the producer's run.
        public static let producerNames = "submit-producer"
        /// DEADLETTERED? is answered: which of some documents the broker gave up on.
        public static let deadLetteredQuestion = "deadlettered-question"
    }

    public init(queued: Int = 0, inFlight: Int = 0, liveWorkers: Int = 0, accepted: Int = 0,
                duplicates: Int = 0, rejected: Int = 0, done: Int = 0, deadLettered: Int = 0) {
        self.queued = queued
        self.inFlight = inFlight
        self.liveWorkers = liveWorkers
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejected = rejected
        self.done = done
        self.deadLettered = deadLettered
    }
}

/// One live worker as the broker sees it.
public struct WorkerView: Codable, Equatable, Sendable {
    /// The worker's socket identity, in hex.
    public var id: String
    /// The name of its CURVE key, when it has one.
    public var key: String?
    public var jobs: Int
    public var credit: Int
    public var secondsSinceLastBeat: Double

    public init(id: String, key: String?, jobs: Int, credit: Int, secondsSinceLastBeat: Double) {
        self.id = id
        self.key = key
        self.jobs = jobs
        self.credit = credit
        self.secondsSinceLastBeat = secondsSinceLastBeat
    }
}

/// The aggregator's counters, as `ingest status` shows them.
public struct AggregatorStatus: Codable, Equatable, Sendable {
    public var documentsApplied: Int
    public var provinces: Int
    public var sequence: UInt64
    public var lastSnapshot: String?
    public var lastSnapshotAt: String?
    /// Why the aggregator cannot write its journal or snapshots now, when it cannot.
    public var storageError: String?
    /// Why it cannot write snapshots now, when only they fail (records are still stored and applied); absent from
    /// the first versions' STATUS.
    public var snapshotError: String?
    /// Records decoded and waiting for the journal's commit.
    public var staged: Int?

    public init(documentsApplied: Int, provinces: Int, sequence: UInt64, lastSnapshot: String?, lastSnapshotAt: String?) {
        self.documentsApplied = documentsApplied
        self.provinces = provinces
        self.sequence = sequence
        self.lastSnapshot = lastSnapshot
        self.lastSnapshotAt = lastSnapshotAt
    }
}

enum JSONPayload {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // The payload types are plain structs of numbers and strings: encoding cannot fail.
        return (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], field: String) throws(ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .invalidJSON(field: field, reason: String(describing: error))
        }
    }
}
