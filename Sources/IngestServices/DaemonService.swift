import IngestConfig
import Logging
import MeetingExtraction
import ServiceLifecycle
import ZeroMQ

/// A daemon's loop: owns its sockets and runs until told to stop.
protocol DaemonLoop {
    func run(until wakeup: Wakeup) throws
}

/// A daemon as a service-lifecycle `Service`: its loop is built and run on a thread of its own (ZeroMQ
/// sockets stay on the thread that made them) and stopped gracefully on shutdown.
public struct DaemonService: Service {
    let name: String
    let scheduling: CoordinatorScheduling
    let makeLoop: @Sendable () throws -> any DaemonLoop

    public func run() async throws {
        let makeLoop = makeLoop
        try await runBlockingLoop(name: name, scheduling: scheduling) { wakeup in try makeLoop().run(until: wakeup) }
    }

    /// The broker: accepts documents from producers (journaled before ACCEPTED), hands each to a worker
    /// that has credit, re-queues the jobs of workers that stop heartbeating, and dead-letters documents
    /// that fail too often.
    public static func broker(config: ClusterConfig, logger: Logger) -> DaemonService {
        DaemonService(name: "broker", scheduling: config.coordinatorScheduling) { try BrokerLoop(config: config, logger: logger) }
    }

    /// A worker: takes jobs from the broker (several at once, by credit), extracts a record from each,
    /// sends it to the aggregator, and reports DONE to the broker only once the aggregator says STORED.
    /// `skipExtraction` is for the coordinator-ceiling benchmark only.
    public static func worker(config: ClusterConfig, extractor: MeetingExtractor, skipExtraction: Bool = false, logger: Logger) -> DaemonService {
        DaemonService(name: "worker", scheduling: config.coordinatorScheduling) { try WorkerLoop(config: config, extractor: extractor, skipExtraction: skipExtraction, logger: logger) }
    }

    /// The aggregator: applies records to per-province state, idempotently by document id; journals each
    /// new record before answering STORED; writes snapshots every N records or T seconds and at shutdown;
    /// answers live queries.
    public static func aggregator(config: ClusterConfig, logger: Logger) -> DaemonService {
        DaemonService(name: "aggregator", scheduling: config.coordinatorScheduling) { try AggregatorLoop(config: config, logger: logger) }
    }
}
