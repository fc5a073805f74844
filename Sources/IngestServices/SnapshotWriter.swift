import Dispatch
import IngestStorage
import ProvinceAggregation
import Synchronization

/// Encodes and writes snapshots on a queue of its own. Done on the aggregator's loop, a snapshot's encode,
/// write, fsync and rename held up every STORED behind it (up to 300 ms at half load: the p99 of
/// submit-to-applied). The loop hands over a copy of its state (copy-on-write: the province dictionaries it
/// touches next are copied then) and picks up the outcome on its timer.
final class SnapshotWriter: Sendable {
    enum Outcome: Sendable {
        case written(path: String, sequence: UInt64, createdAt: String)
        case failed(String)
    }

    private let files: SnapshotFiles
    private let queue = DispatchQueue(label: "snapshots")
    private let outcome = Mutex<Outcome?>(nil)

    init(files: SnapshotFiles) {
        self.files = files
    }

    /// Starts writing `state`; its outcome comes from ``take()``.
    func start(_ state: AggregateState) {
        queue.async { [self] in
            let result = Self.write(state, to: files)
            outcome.withLock { $0 = result }
        }
    }

    /// The outcome of the write started last, exactly once; nil before it is done and after.
    func take() -> Outcome? {
        outcome.withLock { value in
            defer { value = nil }
            return value
        }
    }

    /// Waits for the write in progress, if any, and takes its outcome (at start-up and at shutdown).
    func waitForWrite() -> Outcome? {
        queue.sync {}
        return take()
    }

    private static func write(_ state: AggregateState, to files: SnapshotFiles) -> Outcome {
        let createdAt = Timestamp.now()
        do {
            let bytes = Snapshot(state: state, createdAt: createdAt).encodedBytes()
            return .written(path: try files.write(bytes, sequence: state.sequence), sequence: state.sequence, createdAt: createdAt)
        } catch {
            return .failed("\(error)")
        }
    }
}
