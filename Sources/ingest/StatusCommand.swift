import ArgumentParser
import Foundation
import IngestConfig
import IngestProtocol
import IngestServices

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Ask the running broker and aggregator how they are doing.",
        discussion: "Exits 1 when either does not answer. --watch refreshes in place with rates and a line per worker.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: CommonOptions

    @Option(help: "text or json.")
    var format: Format = .text

    @Flag(help: "Refresh every --interval seconds until interrupted, with rates since the last refresh.")
    var watch = false

    @Option(help: "Seconds between refreshes with --watch.")
    var interval: Double = 1

    @Option(help: "Stop after this many refreshes (with --watch).")
    var count: Int?

    func validate() throws {
        guard interval >= 0.1, interval <= 3600 else { throw ValidationError("--interval must be between 0.1 and 3600 seconds") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let client = StatusClient(config: config)
        guard watch else {
            let snapshot = try await StatusSnapshot.take(client)
            print(format == .json ? snapshot.json : snapshot.text(config: config, previous: nil))
            if !snapshot.bothAnswered { throw ExitCode(1) }
            return
        }
        let onTerminal = isatty(STDOUT_FILENO) == 1
        var previous: StatusSnapshot?
        var shown = 0
        while count.map({ shown < $0 }) ?? true {
            let snapshot = try await StatusSnapshot.take(client)
            if format == .json {
                print(snapshot.json)
            } else {
                // In place on a terminal; one block after another into a file or pipe.
                print((onTerminal ? "\u{1B}[H\u{1B}[2J" : "") + snapshot.text(config: config, previous: previous) + (onTerminal ? "" : "\n"))
            }
            StandardStreams.flushPrinted()
            previous = snapshot
            shown += 1
            if count.map({ shown < $0 }) ?? true { try await Task.sleep(for: .seconds(interval)) }
        }
        // With --count it ends as a single status does, on its last refresh: exit 1 when a daemon did not answer.
        if let previous, !previous.bothAnswered { throw ExitCode(1) }
    }
}

/// Both daemons' counters at one moment.
struct StatusSnapshot: Encodable {
    let takenAt: Date
    /// What each daemon did: answered, refused (this key's role may not ask it: it is there, unlike a silent one),
    /// took the connection without answering (busy), or stayed silent.
    let brokerProbe: StatusClient.Probe<BrokerStatus>
    let aggregatorProbe: StatusClient.Probe<AggregatorStatus>

    var broker: BrokerStatus? { brokerProbe.answer }
    var aggregator: AggregatorStatus? { aggregatorProbe.answer }

    private enum CodingKeys: String, CodingKey { case takenAt, broker, aggregator }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(takenAt, forKey: .takenAt)
        try container.encodeIfPresent(broker, forKey: .broker)
        try container.encodeIfPresent(aggregator, forKey: .aggregator)
    }

    /// Whether both daemons answered: a status that says otherwise exits 1.
    var bothAnswered: Bool { broker != nil && aggregator != nil }

    /// Asks both daemons at once, so that two silent ones cost one wait (1.5 s), not two.
    static func take(_ client: StatusClient) async throws -> StatusSnapshot {
        async let brokerProbe = client.probeBroker()
        async let aggregatorProbe = client.probeAggregator()
        let (broker, aggregator) = try await (brokerProbe, aggregatorProbe)
        return StatusSnapshot(takenAt: Date(), brokerProbe: broker, aggregatorProbe: aggregator)
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    func text(config: ClusterConfig, previous: StatusSnapshot?) -> String {
        var lines: [String] = []
        let seconds = previous.map { takenAt.timeIntervalSince($0.takenAt) } ?? 0
        func rate(_ now: Int?, _ before: Int?) -> String {
            guard seconds > 0, let now, let before else { return "" }
            return String(format: " (%.1f/s)", Double(now - before) / seconds)
        }
        if let broker {
            lines.append("broker      \(config.frontend)  queued \(broker.queued)  in-flight \(broker.inFlight)  live workers \(broker.liveWorkers)  accepted \(broker.accepted)\(rate(broker.accepted, previous?.broker?.accepted))  duplicates \(broker.duplicates)  rejected \(broker.rejected)  done \(broker.done)\(rate(broker.done, previous?.broker?.done))  dead-lettered \(broker.deadLettered)"
                + (broker.waitingForStorage.map { $0 > 0 ? "  waiting for the aggregator \($0)" : "" } ?? ""))
            if let error = broker.storageError { lines.append("broker      JOURNAL NOT WRITABLE (answering BUSY): \(error)") }
            if let error = broker.deadLetterError { lines.append("broker      DEAD LETTERS NOT WRITABLE (those documents stay pending): \(error)") }
            if previous != nil || broker.workers?.isEmpty == false {
                for worker in broker.workers ?? [] {
                    lines.append(String(format: "  worker %@%@  jobs %d  credit %d  last beat %.1f s ago", worker.id, worker.key.map { " (\($0))" } ?? "",
                                        worker.jobs, worker.credit, worker.secondsSinceLastBeat))
                }
            }
        } else {
            lines.append("broker      \(config.frontend)  " + Self.unanswered(brokerProbe))
        }
        if let aggregator {
            lines.append("aggregator  \(config.aggregator)  documents applied \(aggregator.documentsApplied)\(rate(aggregator.documentsApplied, previous?.aggregator?.documentsApplied))  provinces \(aggregator.provinces)  last snapshot \(aggregator.lastSnapshot ?? "none") \(aggregator.lastSnapshotAt ?? "")")
            if let error = aggregator.snapshotError {
                lines.append("aggregator  SNAPSHOTS NOT WRITABLE (records are still stored and applied; the newest snapshot on disk is older): \(error)")
            } else if let error = aggregator.storageError {
                lines.append("aggregator  STORAGE NOT WRITABLE (records wait with the workers): \(error)")
            }
        } else {
            lines.append("aggregator  \(config.aggregator)  " + Self.unanswered(aggregatorProbe))
        }
        // A key the daemons do not let in gets silence, which reads like a cluster that is down.
        let silent = [(brokerProbe.isSilent, "broker"), (aggregatorProbe.isSilent, "aggregator")].filter(\.0).map(\.1)
        if let first = silent.first, let hint = StatusClient.curveHint(silent.count == 2 ? "broker's and the aggregator" : first, config: config) {
            lines.append("  (\(hint))")
        }
        return lines.joined(separator: "\n")
    }

    /// What a daemon that did not answer did instead: refused, took the connection (it runs, its loop held), or nothing.
    static func unanswered<Status>(_ probe: StatusClient.Probe<Status>) -> String {
        if let refusal = probe.refusal { return "REFUSED: \(refusal)" }
        return probe.isBusy ? "BUSY: took the connection but did not answer within 1.5 s (its loop is held: a slow disk, a long batch)" : "NOT ANSWERING"
    }
}
