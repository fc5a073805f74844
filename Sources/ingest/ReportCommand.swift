import ArgumentParser
import Foundation
import IngestConfig
import IngestServices
import IngestStorage
import ProvinceAggregation
import ProvinceReport

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page (charts, officials, topics) from the newest snapshot on disk.")

    @OptionGroup var options: CommonOptions

    @Option(help: "Where to write the page.")
    var out = "report.html"

    @Flag(help: "Ask the running aggregator for its current state instead of reading the newest snapshot.")
    var live = false

    func run() async throws {
        let config = try options.loadConfig()
        let (source, snapshot) = try live ? ReportSource.live(config) : ReportSource.newestOnDisk(config)
        let page = ReportPage.html(snapshot, source: source)
        do {
            try AtomicFile.write(Array(page.utf8), to: out, permissions: 0o644)
        } catch {
            throw CommandFailure("cannot write \(out): \(error)")
        }
        let written = URL(fileURLWithPath: out).standardizedFileURL.path
        print("wrote \(written): \(snapshot.documentsApplied) documents, \(snapshot.provinces.count) provinces, from \(source)")
    }
}

/// Where a report's snapshot comes from: read as `ingest snapshot` reads it (newest readable file first,
/// skipping unreadable ones with a line on stderr), or the live state the aggregator answers QUERY with.
enum ReportSource {
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

    static func live(_ config: ClusterConfig) throws -> (String, Snapshot) {
        guard let reply = try StatusClient(config: config).liveState(province: nil) else {
            throw CommandFailure("the aggregator at \(config.aggregator) is not answering")
        }
        guard case .state(let bytes) = reply, let snapshot = try? Snapshot.decode(Data(bytes)) else {
            throw CommandFailure("the aggregator at \(config.aggregator) sent no state")
        }
        return ("the aggregator at \(config.aggregator)", snapshot)
    }
}
