import ArgumentParser
import Foundation
import IngestConfig
import IngestStorage
import RecordStore

struct SalvageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salvage-records",
        abstract: "Copy what can still be read from a damaged records store into a new one (the aggregator must be stopped).",
        discussion: """
            Every record SQLite can still reach is copied into a new store, which takes the damaged one's place; the \
            damaged file is kept beside it as records.sqlite.damaged-<time>. The aggregator then starts from the newest \
            snapshot at or below the last record saved and replays the records after it. Records on a damaged page are \
            lost: those the snapshot had counted stay counted (but their ids are forgotten, so the same document sent \
            again would count twice); those after it are not counted. The sequences lost are printed.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock(directory: config.dataDirectory, name: "aggregator")
        } catch {
            throw CommandFailure("stop the aggregator first: \(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let damaged = RecordsLocation.path(config)
        guard FileManager.default.fileExists(atPath: damaged) else { throw CommandFailure("no records store at \(damaged)") }
        let stamp = Int(Date().timeIntervalSince1970)
        let fresh = damaged + ".salvaging-\(stamp)"
        let snapshots = try SnapshotFiles(directory: config.snapshotsDirectory, keep: config.snapshotsKept)
        let newest = try snapshots.newestFirst().compactMap(SnapshotFiles.sequence(ofPath:)).max() ?? 0
        let report: RecordSalvage.Report
        do {
            report = try RecordSalvage.salvage(from: damaged, into: fresh, sequenceHint: newest)
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(fresh + suffix) }
            throw CommandFailure(error.description)
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: damaged + suffix) {
            guard rename(damaged + suffix, damaged + ".damaged-\(stamp)" + suffix) == 0 else {
                throw CommandFailure("cannot move \(damaged + suffix) aside: \(String(cString: strerror(errno))); the salvaged copy is \(fresh)")
            }
        }
        guard rename(fresh, damaged) == 0 else {
            throw CommandFailure("cannot move \(fresh) into place: \(String(cString: strerror(errno)))")
        }
        let lost = report.lost.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
        print("salvaged \(report.saved) records up to sequence \(report.lastSaved) into \(damaged)")
        print(lost.isEmpty ? "lost none" : "lost sequences \(lost.joined(separator: ", ")) (\(report.lost.reduce(0) { $0 + $1.count }) records)")
        print("the damaged store is kept as \(damaged).damaged-\(stamp)")
        let start = try snapshots.newestFirst().compactMap(SnapshotFiles.sequence(ofPath:)).filter { $0 <= report.lastSaved }.max()
        print(start.map { "the aggregator will start from snapshot \($0) and replay the records after it" }
              ?? "no snapshot at or below \(report.lastSaved): the aggregator will rebuild the state from the salvaged records")
    }
}
