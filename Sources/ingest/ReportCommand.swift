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

    @Option(help: "historical (units as the articles name them) or current (old units rolled up into their 2025 successors).")
    var units: Snapshot.Units = .historical

    @Flag(help: "Ask the running aggregator for its current state instead of reading the newest snapshot.")
    var live = false

    func run() async throws {
        let config = try options.loadConfig()
        let (source, stored) = try live ? SnapshotSource.live(config) : SnapshotSource.newestOnDisk(config)
        let snapshot = try SnapshotSource.view(stored, units: units, path: source)
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
