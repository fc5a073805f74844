import ArgumentParser
import IngestServices

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Ask the running broker and aggregator how they are doing.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let client = StatusClient(config: config)
        var silent = false
        if let broker = try client.brokerStatus() {
            print("broker      \(config.frontend)  queued \(broker.queued)  in-flight \(broker.inFlight)  live workers \(broker.liveWorkers)  accepted \(broker.accepted)  duplicates \(broker.duplicates)  rejected \(broker.rejected)  done \(broker.done)  dead-lettered \(broker.deadLettered)"
                + (broker.waitingForStorage.map { $0 > 0 ? "  waiting for the aggregator \($0)" : "" } ?? ""))
            if let error = broker.storageError { print("broker      JOURNAL NOT WRITABLE (answering BUSY): \(error)") }
        } else {
            print("broker      \(config.frontend)  NOT ANSWERING")
            silent = true
        }
        if let aggregator = try client.aggregatorStatus() {
            print("aggregator  \(config.aggregator)  documents applied \(aggregator.documentsApplied)  provinces \(aggregator.provinces)  last snapshot \(aggregator.lastSnapshot ?? "none") \(aggregator.lastSnapshotAt ?? "")")
            if let error = aggregator.storageError { print("aggregator  STORAGE NOT WRITABLE (records wait with the workers): \(error)") }
        } else {
            print("aggregator  \(config.aggregator)  NOT ANSWERING")
            silent = true
        }
        if silent { throw ExitCode(1) }
    }
}
