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

    /// Where the page goes: `path`, or the file a link at `path` points to (the page is written beside it and renamed
    /// over it, which would otherwise replace the link); anything there that is not a regular file is refused, not
    /// replaced (`--out /dev/stdout` made that a file).
    static func target(_ path: String) throws -> String {
        guard !path.isEmpty else { throw CommandFailure("--out needs a file name") }
        var status = stat()
        guard lstat(path, &status) == 0 else { return path }
        var target = path
        if status.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                // A link to a file not there yet: the file it names is made.
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
                return destination.hasPrefix("/") ? destination : Directory.parent(of: path) + "/" + destination
            }
            defer { free(resolved) }
            target = String(cString: resolved)
            guard stat(target, &status) == 0 else { return target }
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw CommandFailure("\(path) is not a regular file (a folder, device or pipe): the report is written to a file, give another --out")
        }
        return target
    }

    func run() async throws {
        let config = try options.loadConfig()
        let (source, stored) = try live ? SnapshotSource.live(config) : SnapshotSource.newestOnDisk(config)
        let snapshot = try SnapshotSource.view(stored, units: units, path: source)
        let page = ReportPage.html(snapshot, source: source)
        let target = try Self.target(out)
        do {
            try AtomicFile.write(Array(page.utf8), to: target, permissions: 0o644)
        } catch {
            throw CommandFailure("cannot write \(out): \(error)")
        }
        let written = URL(fileURLWithPath: target).standardizedFileURL.path
        print("wrote \(written): \(snapshot.documentsApplied) documents, \(snapshot.provinces.count) provinces, from \(source)")
    }
}
