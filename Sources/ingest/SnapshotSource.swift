import ArgumentParser
import Foundation
import IngestConfig
import IngestProtocol
import IngestServices
import IngestStorage
import ProvinceAggregation

/// Where `snapshot` and `report` get their state: read as `ingest snapshot` reads it (newest readable file first,
/// skipping unreadable ones with a line on stderr), or the live state the aggregator answers QUERY with.
enum SnapshotSource {
    static func newestOnDisk(_ config: ClusterConfig) throws -> (String, Snapshot) {
        let directory = config.snapshotsDirectory
        if FileManager.default.fileExists(atPath: directory) {
            for path in try SnapshotFiles(directory: directory, keep: Int.max).newestFirst() {
                if let snapshot = try? Snapshot.decode(Data(try AtomicFile.read(path))) { return (path, snapshot) }
                printError("skipping unreadable snapshot \(path)")
            }
        }
        throw CommandFailure("no snapshot in \(directory) yet")
    }

    /// How long the whole state may take to come once the aggregator answered STATUS: a QUERY may wait up to 5 s for
    /// the next encoding (see the aggregator's `StateCache`), and a large state takes a second or so to encode and send.
    static let stateTimeoutMilliseconds = 15_000

    /// The running aggregator's whole state; when that is over `limits.state_reply_bytes` and `province` is given (in
    /// the historical view), that province alone, as one province's QUERY answers it.
    static func live(_ config: ClusterConfig, province: String? = nil, units: Snapshot.Units = .historical) throws -> (String, Snapshot) {
        // STATUS first, answered at once: silence there is a cluster that is not running, told within the usual
        // 1.5 s; the state itself may take longer, and so may an aggregator that took the connection but is busy.
        let probe = try StatusClient(config: config).probeAggregator()
        if case .silent = probe {
            throw CommandFailure(StatusClient.notAnswering("aggregator", at: config.aggregator, config: config))
        }
        let reply: AggregatorReply
        switch try StatusClient(config: config, timeoutMilliseconds: stateTimeoutMilliseconds).liveState(province: nil) {
        case .silent:
            throw CommandFailure("the aggregator at \(config.aggregator) answers STATUS but sent no state within \(stateTimeoutMilliseconds / 1000) s")
        case .unreadable(let problem):
            throw CommandFailure("the aggregator at \(config.aggregator) sent a state this client cannot read (\(problem)); read the newest snapshot file instead: ingest snapshot")
        case .answered(let answer):
            reply = answer
        }
        if case .error(let reason) = reply {
            // Its advice is for any client; this one's way round is to leave out --live.
            if reason.contains("(limits.state_reply_bytes)"), let over = reason.split(separator: ";").first {
                if let province, units == .historical, let status = probe.answer {
                    return try oneProvince(province, config: config, status: status, over: String(over))
                }
                throw CommandFailure("the aggregator at \(config.aggregator) refused: \(over); without --live, the newest snapshot file is read instead"
                                     + (province != nil ? " (one province alone is answered in the historical view)" : ""))
            }
            throw CommandFailure("the aggregator at \(config.aggregator) refused: \(reason)" + (reason.contains("role") ? " (reading its state needs the reader role)" : ""))
        }
        guard case .state(let bytes) = reply, let snapshot = try? Snapshot.decode(Data(bytes)) else {
            throw CommandFailure("the aggregator at \(config.aggregator) sent no state")
        }
        return ("the aggregator at \(config.aggregator)", snapshot)
    }

    /// One province's QUERY, as a snapshot of that province alone with the aggregator's counters: the way to a live
    /// province when the whole state is over what a reply may carry.
    private static func oneProvince(_ province: String, config: ClusterConfig, status: AggregatorStatus, over: String) throws -> (String, Snapshot) {
        let client = StatusClient(config: config, timeoutMilliseconds: stateTimeoutMilliseconds)
        switch try client.liveState(province: province) {
        case .answered(.state(let bytes)):
            guard let state = try? JSONDecoder().decode(ProvinceState.self, from: Data(bytes)) else {
                throw CommandFailure("the aggregator at \(config.aggregator) sent a province this client cannot read; read the newest snapshot file instead: ingest snapshot")
            }
            var snapshot = Snapshot(state: AggregateState(), createdAt: Date().ISO8601Format())
            snapshot.provinces = [state]
            snapshot.currentUnits = nil
            snapshot.sequence = status.sequence
            snapshot.documentsApplied = status.documentsApplied
            return ("the aggregator at \(config.aggregator), \(state.key) alone (\(over))", snapshot)
        case .answered(.error(let reason)):
            throw CommandFailure("the aggregator at \(config.aggregator) refused: \(reason)")
        case .answered:
            throw CommandFailure("the aggregator at \(config.aggregator) sent no state for \(province.debugDescription)")
        case .silent:
            throw CommandFailure("the aggregator at \(config.aggregator) sent no state for \(province.debugDescription) within \(stateTimeoutMilliseconds / 1000) s")
        case .unreadable(let problem):
            throw CommandFailure("the aggregator at \(config.aggregator) sent a province this client cannot read (\(problem))")
        }
    }

    /// The snapshot with `provinces` holding the view asked for.
    static func view(_ snapshot: Snapshot, units: Snapshot.Units, path: String) throws -> Snapshot {
        guard let provinces = snapshot.provinces(units) else {
            throw CommandFailure("\(path) was written before the current-unit view existed; the aggregator of this version adds it at its next start and snapshot")
        }
        var view = snapshot
        view.provinces = provinces
        view.currentUnits = nil
        return view
    }
}

extension Snapshot.Units: ExpressibleByArgument {}
