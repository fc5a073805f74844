import Foundation
import IngestConfig
import IngestProtocol
import IngestStorage
import Logging
import MeetingExtraction
import ProvinceAggregation
import ZeroMQ

final class AggregatorLoop: DaemonLoop {
    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    let socket: Socket
    let journal: Journal
    let previousJournalPath: String
    let snapshots: SnapshotFiles
    let key: ClusterKey
    var forged = RateLimitedCounter()
    let decoder = JSONDecoder()
    var state = AggregateState()
    var snapshotSequence: UInt64 = 0
    var lastSnapshotPath: String?
    var lastSnapshotAt: String?
    var lastSnapshotTime = monotonicSeconds()
    var garbage = RateLimitedCounter()

    init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        snapshots = try SnapshotFiles(directory: config.snapshotsDirectory, keep: config.snapshotsKept)
        try snapshots.removeLeftovers()
        try Directory.create(config.journalsDirectory)
        journal = try Journal(path: config.journalsDirectory + "/aggregator.journal")
        previousJournalPath = config.journalsDirectory + "/aggregator.journal.previous"
        key = try ClusterKey.loadOrCreate(dataDirectory: config.dataDirectory)
        context = try ZeroMQContext()
        socket = try Socket(context: context, type: .router)
        try socket.setMaxMessageSize(bytes: WireLimits.standard.socketMessageLimit)
        try socket.setRouterMandatory(true)
        try recover()
        try socket.bind(config.aggregator)
        logger.info("aggregator listening", metadata: ["endpoint": "\(config.aggregator)", "applied": "\(state.appliedIDs.count)"])
    }

    /// Loads the newest readable snapshot, then replays the journals after it: the one from before the last
    /// snapshot too, so that falling back to an older snapshot loses nothing.
    private func recover() throws {
        for path in try snapshots.newestFirst() {
            do {
                let snapshot = try Snapshot.decode(Data(try AtomicFile.read(path)))
                state = snapshot.state
                snapshotSequence = snapshot.sequence
                lastSnapshotPath = path
                lastSnapshotAt = snapshot.createdAt
                break
            } catch {
                logger.warning("skipping an unreadable snapshot", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
        if journal.truncatedBytes > 0 {
            logger.warning("aggregator journal had a torn tail; cut it off", metadata: ["bytes": "\(journal.truncatedBytes)"])
        }
        var replayed = 0
        let previous = FileManager.default.fileExists(atPath: previousJournalPath) ? try Journal(path: previousJournalPath).recovered : []
        for payload in previous + journal.recovered {
            guard let (id, record) = JournalEntry.decode(payload, decoder) else { continue }
            if state.apply(record, documentID: id) { replayed += 1 }
        }
        if replayed > 0 { logger.info("replayed journal", metadata: ["records": "\(replayed)"]) }
    }

    /// A journal record: the id's length, the id, then the record's JSON exactly as the worker sent it.
    enum JournalEntry {
        static func encode(id: DocumentID, record: [UInt8]) -> [UInt8] {
            [UInt8(id.rawValue.utf8.count)] + Array(id.rawValue.utf8) + record
        }

        static func decode(_ payload: [UInt8], _ decoder: JSONDecoder) -> (String, MeetingRecord)? {
            guard let length = payload.first.map(Int.init), payload.count > length,
                  let id = String(validating: payload[1...length], as: UTF8.self),
                  let record = try? decoder.decode(MeetingRecord.self, from: Data(payload[(length + 1)...])) else { return nil }
            return (id, record)
        }
    }

    func run(until stop: StopSignal) throws {
        var poller = Poller()
        poller.register(socket)
        while !stop.isStopped {
            if try poller.poll(timeoutMilliseconds: 100)[0] { try drain() }
            let now = monotonicSeconds()
            // A snapshot holds every applied id, so the record interval grows with the state: the cost of
            // snapshots stays a bounded share of the work. The time interval still bounds the journal's length.
            let everyRecords = UInt64(max(config.snapshotEveryRecords, state.appliedIDs.count / 4))
            if state.sequence != snapshotSequence,
               state.sequence - snapshotSequence >= everyRecords || now - lastSnapshotTime >= config.snapshotEverySeconds {
                try writeSnapshot()
            }
        }
        try journal.sync()
        try writeSnapshot()
        logger.info("aggregator stopped", metadata: ["applied": "\(state.appliedIDs.count)", "snapshot": "\(lastSnapshotPath ?? "none")"])
    }

    private func drain() throws {
        var replies: [[[UInt8]]] = []
        for _ in 0..<1024 {
            guard let frames = try socket.receive(dontWait: true) else { break }
            guard frames.count >= 2 else { continue }
            replies.append([frames[0]] + handle(Array(frames.dropFirst())).frames)
        }
        // Group commit: every record applied in this batch is on disk before its STORED leaves.
        try journal.sync()
        for reply in replies {
            do {
                try socket.send(reply, dontWait: true)
            } catch {
                if !error.isHostUnreachable { throw error }
            }
        }
    }

    private func handle(_ frames: [[UInt8]]) -> AggregatorReply {
        let request: AggregatorRequest
        do {
            request = try AggregatorRequest(frames: frames)
        } catch {
            if garbage.shouldLog() { logger.warning("rejected malformed message", metadata: ["reason": "\(error)", "total": "\(garbage.count)"]) }
            return .error(reason: error.description)
        }
        switch request {
        case .result(let id, let bytes, let ticket):
            guard key.isValid(ticket, for: id) else {
                if forged.shouldLog() { logger.warning("refused a record without a valid ticket", metadata: ["id": "\(id)", "total": "\(forged.count)"]) }
                return .error(reason: "no valid ticket for \(id)")
            }
            if state.hasApplied(id.rawValue) { return .stored(id) }
            let record: MeetingRecord
            do {
                record = try decoder.decode(MeetingRecord.self, from: Data(bytes))
            } catch {
                return .error(reason: "record for \(id) is not a MeetingRecord: \(error)")
            }
            do {
                try journal.append(JournalEntry.encode(id: id, record: bytes))
            } catch {
                logger.error("cannot journal a record", metadata: ["error": "\(error)"])
                return .error(reason: "cannot journal record")
            }
            _ = state.apply(record, documentID: id.rawValue)
            return .stored(id)
        case .applied(let ids):
            return .applied(ids.filter { state.hasApplied($0.rawValue) })
        case .query(let province):
            let snapshot = Snapshot(state: state, createdAt: Timestamp.now())
            if let province {
                guard let match = state.province(matching: province) else { return .error(reason: "no province matches \(province.debugDescription)") }
                return .state((try? JSONEncoder().encode(match)).map { Array($0) } ?? [])
            }
            return .state((try? snapshot.encoded()).map { Array($0) } ?? [])
        case .status:
            return .status(AggregatorStatus(
                documentsApplied: state.appliedIDs.count, provinces: state.provinces.count, sequence: state.sequence,
                lastSnapshot: lastSnapshotPath, lastSnapshotAt: lastSnapshotAt))
        }
    }

    /// Writes a snapshot of everything applied, then starts a new journal; the old one is kept until the next
    /// snapshot, in case this one is unreadable later.
    private func writeSnapshot() throws {
        lastSnapshotTime = monotonicSeconds()
        guard state.sequence != snapshotSequence || lastSnapshotPath == nil else { return }
        let createdAt = Timestamp.now()
        let bytes = try Snapshot(state: state, createdAt: createdAt).encoded()
        lastSnapshotPath = try snapshots.write(Array(bytes), sequence: state.sequence)
        lastSnapshotAt = createdAt
        snapshotSequence = state.sequence
        try journal.rotate(to: previousJournalPath)
        logger.debug("wrote snapshot", metadata: ["path": "\(lastSnapshotPath!)", "sequence": "\(state.sequence)"])
    }
}

/// Wall-clock timestamps for snapshots, ISO 8601 in UTC.
enum Timestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
