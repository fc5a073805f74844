import ArgumentParser
import Foundation
import IngestConfig
import IngestStorage
import ProvinceAggregation
import RecordStore

struct SalvageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salvage-records",
        abstract: "Copy what can still be read from a damaged records store into a new one (the aggregator must be stopped).",
        discussion: """
            Every record SQLite can still reach is copied into a new store, which takes the damaged one's place; the \
            damaged file is kept beside it as records.sqlite.damaged-<time>. The aggregator then starts from the newest \
            snapshot at or below the last record saved and replays the records after it. Records on a damaged page are \
            lost, but their ids are looked for in the id index and the listing table: those the snapshot had counted stay \
            counted and keep their ids (the same document sent again is a duplicate); those after it are not counted, \
            and are printed (id and file) to be sent again with `ingest submit --again`. Rows whose ids were found nowhere are printed as sequences.
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config = try options.loadConfig()
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock(directory: config.dataDirectory, name: "aggregator")
        } catch {
            // Held by a running aggregator, or not even tried (the data directory is missing, a file, unwritable).
            throw CommandFailure(error.holder == nil ? "cannot lock \(config.dataDirectory) for the salvage: \(error)" : "stop the aggregator first: \(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let damaged = RecordsLocation.path(config)
        guard FileManager.default.fileExists(atPath: damaged) else { throw CommandFailure("no records store at \(damaged)") }
        let stamp = Int(Date().timeIntervalSince1970)
        let fresh = damaged + ".salvaging-\(stamp)"
        let snapshots = try SnapshotFiles(directory: config.snapshotsDirectory, keep: config.snapshotsKept)
        // The snapshots the aggregator could start from: those it can read.
        let readable = try snapshots.newestFirst().filter { path in (try? Snapshot.decode(Data(try AtomicFile.read(path)))) != nil }
        let report: RecordSalvage.Report
        do {
            report = try RecordSalvage.salvage(from: damaged, into: fresh, snapshots: readable.compactMap(SnapshotFiles.sequence(ofPath:)))
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(fresh + suffix) }
            throw CommandFailure(error.description)
        }
        // A name no earlier salvage kept (two in one second would otherwise replace the first damaged store).
        var kept = damaged + ".damaged-\(stamp)"
        var attempt = 1
        while ["", "-wal", "-shm"].contains(where: { FileManager.default.fileExists(atPath: kept + $0) }) {
            attempt += 1
            kept = damaged + ".damaged-\(stamp)-\(attempt)"
        }
        // The report is on disk before anything moves: printed after the swap, it would be lost with standard output
        // (a full disk, `| head`), and run again salvage finds nothing to report.
        let lines = Self.lines(of: report, into: damaged, keptAs: kept, readable: !readable.isEmpty)
        let reportPath = kept + ".report.txt"
        do {
            try AtomicFile.write(Array(lines.map { $0 + "\n" }.joined().utf8), to: reportPath)
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(fresh + suffix) }
            throw CommandFailure("cannot write the salvage's report to \(reportPath): \(error); nothing was changed")
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: damaged + suffix) {
            guard rename(damaged + suffix, kept + suffix) == 0 else {
                throw CommandFailure("cannot move \(damaged + suffix) aside: \(String(cString: strerror(errno))); the salvaged copy is \(fresh)")
            }
        }
        guard rename(fresh, damaged) == 0 else {
            throw CommandFailure("cannot move \(fresh) into place: \(String(cString: strerror(errno)))")
        }
        for line in lines { print(line) }
        print("this report is kept in \(reportPath)")
        StandardStreams.flushPrinted(note: "the salvage is done and its report is kept in \(reportPath)")
    }

    /// What the salvage did, line by line: where the records went, where the aggregator starts, and what to send again.
    static func lines(of report: RecordSalvage.Report, into damaged: String, keptAs kept: String, readable: Bool) -> [String] {
        var lines = ["salvaged \(report.saved) records up to sequence \(report.lastSaved) into \(damaged)", "the damaged store is kept as \(kept)"]
        if let start = report.startSnapshot {
            lines.append("the aggregator will start from snapshot \(start) and replay the records after it")
        } else if report.saved + report.keptIDs == 0 && readable {
            lines.append("nothing could be saved: the aggregator refuses to start from an empty store beside snapshots; move them aside to start empty")
        } else {
            lines.append("no snapshot to start from: the aggregator will rebuild the state from the salvaged records")
        }
        if report.keptIDs > 0 {
            lines.append("kept the ids of \(report.keptIDs) records on damaged pages that the snapshot counts (their records are gone; sent again, they are duplicates)")
        }
        if !report.toResend.isEmpty {
            lines.append("not counted, send these again with `ingest submit --again FILE...` (\(report.toResend.count), id and file):")
            for document in report.toResend { lines.append("  \(document.id)\t\(document.source ?? "-")") }
        }
        let lost = report.lost.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
        let lostCount = report.lost.reduce(0) { $0 + $1.count }
        if !lost.isEmpty {
            // A number a document sent again left unused reads as lost too when its lookup meets the damaged page.
            lines.append("lost sequences \(lost.joined(separator: ", ")) (\(lostCount) records whose ids were found nowhere, or numbers never used"
                         + (report.startSnapshot.map { ": those at or below snapshot \($0) stay counted)" } ?? ")"))
        } else if report.keptIDs == 0 && report.toResend.isEmpty {
            lines.append("lost none")
        }
        return lines
    }
}
