import ArgumentParser
import Foundation
import IngestServices
import Logging
import ServiceLifecycle

/// A daemon outlives whatever reads its log: a reader that goes away (`| head`, a closed terminal) makes the next
/// line's write fail with EPIPE, which the log lets go, instead of SIGPIPE ending the daemon mid-batch.
func ignoreBrokenPipes() {
    signal(SIGPIPE, SIG_IGN)
}

/// Runs one daemon until SIGTERM or SIGINT, then shuts it down gracefully.
func runDaemon(_ service: some Service, logger: Logger) async throws {
    if let raise = OpenFileLimit.raiseToHardLimit() {
        logger.info("raised the open-file limit, so that idle connections cannot use up the descriptors",
                    metadata: ["from": "\(raise.from)", "to": "\(raise.to)"])
    }
    let hangup = reloadAllowListsOnHangup()
    defer { hangup.cancel() }
    let group = ServiceGroup(
        configuration: .init(
            services: [.init(service: service)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    try await group.run()
}

struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker", abstract: "Run the broker: accepts documents and hands them to workers.")
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let logger = options.makeLogger(label: "ingest.broker")
        try await runDaemon(DaemonService.broker(config: config, logger: logger), logger: logger)
    }
}

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run a worker: extracts records and sends them to the aggregator.")
    @OptionGroup var options: CommonOptions
    /// Scripts/benchmark-cluster.sh --ceiling: what the broker and aggregator carry when extraction costs nothing.
    @Flag(name: .customLong("benchmark-skip-extraction"), help: .hidden) var skipExtraction = false

    func run() async throws {
        let config = try options.loadConfig()
        let logger = options.makeLogger(label: "ingest.worker")
        let extractor = try ExtractorLoader.load(tablesDirectory: config.tablesDirectory)
        try await runDaemon(DaemonService.worker(config: config, extractor: extractor, skipExtraction: skipExtraction, logger: logger), logger: logger)
    }
}

struct AggregatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aggregator", abstract: "Run the aggregator: keeps per-province state and writes snapshots.")
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let logger = options.makeLogger(label: "ingest.aggregator")
        try await runDaemon(DaemonService.aggregator(config: config, logger: logger), logger: logger)
    }
}
