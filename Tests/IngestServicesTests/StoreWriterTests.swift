import Foundation
import GRDB
import Logging
import MeetingModel
import RecordStore
import Synchronization
import Testing
import TestSupport
import ZeroMQ
@testable import IngestServices

/// The aggregator's batches are committed on the writer's thread while the loop goes on: what it reports must be
/// what the store holds, and it must leave the listing table complete.
@Suite("Records store writer")
struct StoreWriterTests {
    let scratch: TemporaryDirectory
    var path: String { scratch.path + "/records.sqlite" }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "store-writer")
    }

    static func batch(_ sequences: ClosedRange<UInt64>, ids: (UInt64) -> String = { "doc-\($0)" }) -> [NewRecord] {
        sequences.map { sequence in
            let record = MeetingRecord(date: "2024-05-0\(sequence % 9 + 1)", meetingKind: "hội nghị",
                                       provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")])
            return NewRecord(sequence: sequence, id: ids(sequence), source: "\(sequence).txt", published: nil,
                             receivedAt: "2024-05-10T00:00:00Z", body: record.binaryEncoded(), record: record)
        }
    }

    /// Waits up to five seconds for the doorbell, as the aggregator's reactor does, and takes the outcome.
    static func outcome(_ writer: StoreWriter) throws -> StoreWriter.Outcome? {
        let reactor = Reactor(wakeup: try Wakeup())
        var taken: StoreWriter.Outcome?
        reactor.addDoorbell(writer.doorbell) { taken = writer.take() }
        let deadline = monotonicSeconds() + 5
        while taken == nil, monotonicSeconds() < deadline { try reactor.runOnce(maximumWait: 0.1) }
        return taken
    }

    func listedThrough() throws -> Int64? {
        try patientQueue().read { db in try Int64.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") }
    }

    /// A connection of the test's own that waits for the writer's, the listing's and the checkpoints' locks to be let go,
    /// as the store's connections do, instead of failing at once (SQLite 5) on one they hold at that moment.
    func patientQueue(at file: String? = nil) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: file ?? path, configuration: configuration)
    }

    func writeWaitingForLocks(_ sql: String) throws {
        try patientQueue().write { db in try db.execute(sql: sql) }
    }

    @Test("a batch's outcome rings the doorbell once it is committed, and a reader on its own connection finds its ids")
    func committedBatchIsReadable() throws {
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"))
        let reader = try RecordStore.openForReading(path: path)
        writer.commit(Self.batch(1...3))
        #expect(try Self.outcome(writer) == .committed(storedBefore: []))
        #expect(try reader.stored(among: ["doc-1", "doc-2", "doc-3", "doc-4"]) == ["doc-1", "doc-2", "doc-3"])
        #expect(writer.take() == nil, "an outcome is taken once")
        writer.stop()
    }

    @Test("a batch the store refuses is reported failed, none of it stored, and the writer goes on with the next")
    func failedBatchStoresNothing() throws {
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"))
        let reader = try RecordStore.openForReading(path: path)
        writer.commit(Self.batch(1...2))
        #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        // Sequence 3 twice: the records table's key refuses the second, and the whole transaction goes.
        writer.commit(Self.batch(3...4) + Self.batch(3...3, ids: { "other-\($0)" }))
        guard case .failed = try #require(try Self.outcome(writer)) else { Issue.record("a batch with a repeated sequence was committed"); return }
        #expect(try reader.stored(among: ["doc-3", "doc-4", "other-3"]).isEmpty)
        writer.commit(Self.batch(3...4))
        #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        #expect(try reader.lastSequence() == 4)
        writer.stop()
    }

    @Test("a batch that meets a damaged page is reported damaged, naming the file and the way back, not failed to be retried")
    func damagedPageStopsTheWriter() throws {
        let padding = String(repeating: "x", count: 60)
        let store = try RecordStore.openForWriting(path: path)
        try store.append(Self.batch(1...300, ids: { "doc-\($0)-\(padding)" }))
        try store.checkpoint()
        try store.close()
        // The last leaf of the id index: where ids that sort after every stored one go. A start does not read it.
        let leaves = try patientQueue().read { db in
            try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_records_1' AND pagetype = 'leaf' ORDER BY path")
        }
        let last = try #require(leaves.last)
        try #require(leaves.count >= 3, "the index should span leaves: \(leaves)")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(last - 1) * 4096)
        try handle.write(contentsOf: Data(repeating: 0x00, count: 4096))
        try handle.close()

        // Opened as the aggregator opens it, its pages checked later, on another thread.
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path, checkPages: false), logger: Logger(label: "test"))
        writer.commit(Self.batch(301...302, ids: { "zzz-\($0)" }))
        guard case .damaged(let description) = try #require(try Self.outcome(writer)) else {
            Issue.record("a batch that met a damaged page was not reported damaged")
            return
        }
        #expect(description.contains(path) && description.contains("salvage-records"), "\(description)")
        writer.stop(listingWhatIsLeft: false)
    }

    @Test("the listing table catches up in a quiet moment, and stopping lists whatever is left")
    func listingCatchesUp() throws {
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"))
        writer.commit(Self.batch(1...5))
        #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        let deadline = monotonicSeconds() + 5
        while try listedThrough() != 5, monotonicSeconds() < deadline { usleep(20_000) }
        #expect(try listedThrough() == 5, "listed while no batch came")
        writer.commit(Self.batch(6...8))
        writer.stop()
        #expect(try listedThrough() == 8, "the batch handed over before the stop is committed and listed")
        #expect(try RecordStore.openForReading(path: path).lastSequence() == 8)
    }

    @Test("the listing is written on its own thread: every document is listed once, behind the commits, when rows dropped on the way are read back, and when held rows past the limit are dropped",
          arguments: [(ListingThread.handedRowLimit, ListingThread.quietSeconds), (0, ListingThread.quietSeconds), (15, 3_600.0)])
    func listingThreadListsEveryDocument(limit: Int, quiet: Double) throws {
        let path = scratch.path + "/records-\(limit).sqlite"
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"),
                                     listingRowLimit: limit, listingQuietSeconds: quiet)
        for first in stride(from: UInt64(1), through: 91, by: 10) {
            writer.commit(Self.batch(first...(first + 9)))
            #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        }
        let listedThrough = { try patientQueue(at: path).read { db in try Int64.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") } }
        if quiet < 60 {
            let deadline = monotonicSeconds() + 5
            while try listedThrough() != 100, monotonicSeconds() < deadline { usleep(20_000) }
            #expect(try listedThrough() == 100, "listed behind the commits (limit \(limit))")
        }
        writer.stop()
        #expect(try listedThrough() == 100, "listed by the stop at the latest (limit \(limit))")
        let rows = try patientQueue(at: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record_provinces") }
        #expect(rows == 100, "a row per document (limit \(limit))")
        var listed: [String] = []
        try RecordStore.openForReading(path: path).select(RecordFilter(province: "Cà Mau"), withRecords: false) { listed.append($0.id) }
        #expect(listed == (1...100).map { "doc-\($0)" }, "limit \(limit)")
    }

    @Test("the records writer's turn at the write lock goes before a listing transaction that came later, and neither runs during the other")
    func recordsGoBeforeListing() throws {
        let turns = WriteTurns()
        let order = LockedLog()
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            turns.listing { order.append("listing 1"); holding.signal(); release.wait(); order.append("listing 1 ends") }
        }
        holding.wait()
        DispatchQueue.global().async(group: done) { turns.records { order.append("records") } }
        let deadline = monotonicSeconds() + 5
        while turns.recordsWaitingCount == 0, monotonicSeconds() < deadline { usleep(1_000) }
        #expect(turns.recordsWaitingCount == 1)
        DispatchQueue.global().async(group: done) { turns.listing { order.append("listing 2") } }
        usleep(50_000)
        #expect(order.entries == ["listing 1"], "nothing runs while a transaction holds the turn")
        release.signal()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(order.entries == ["listing 1", "listing 1 ends", "records", "listing 2"])
    }

    @Test("stopped on a fault, the writer commits the batch in its hands and writes nothing more")
    func stopOnFaultListsNothing() throws {
        // A quiet moment never comes: what the listing thread holds at the stop is what it would list.
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"), listingQuietSeconds: 3_600)
        writer.commit(Self.batch(1...5))
        writer.stop(listingWhatIsLeft: false)
        #expect(try RecordStore.openForReading(path: path).lastSequence() == 5)
        let listed = try listedThrough()
        #expect(listed == 0, "the listing table was not written: \(String(describing: listed))")
    }
}

extension StoreWriterTests {
    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test("the write-ahead log is copied into the database by the checkpoint thread while commits go on, and stays short")
    func checkpointsRunBesideTheCommits() throws {
        let store = try RecordStore.openForWriting(path: path)
        let emptySize = Self.fileSize(path)
        let writer = try StoreWriter(store: store, logger: Logger(label: "test"), checkpointFrames: 16)
        var longestLog = 0
        for first in stride(from: UInt64(1), through: 2_000, by: 20) {
            writer.commit(Self.batch(first...(first + 19)))
            #expect(writer.waitForOutcome() == .committed(storedBefore: []))
            longestLog = max(longestLog, Self.fileSize(path + "-wal"))
        }
        // Nothing but a checkpoint writes the database file itself while the writer's connection is open.
        let deadline = monotonicSeconds() + 5
        while Self.fileSize(path) <= emptySize, monotonicSeconds() < deadline { usleep(10_000) }
        #expect(Self.fileSize(path) > emptySize, "no checkpoint copied the log into the database")
        #expect(writer.checkpoints.checkpointsRun > 0)
        // 2,000 records are hundreds of pages: a log never checkpointed and reused would hold every one of them.
        #expect(longestLog < 128 * 4_096, "the log grew to \(longestLog) bytes")
        // Once the writes stop and the log is copied, nothing more is asked for: no checkpoints while idle.
        usleep(300_000)
        let settled = writer.checkpoints.checkpointsRun
        usleep(300_000)
        #expect(writer.checkpoints.checkpointsRun == settled, "checkpoints went on while nothing was written")
        writer.stop()
        #expect(try RecordStore.openForReading(path: path).count() == 2_000)
    }

    @Test("checkpoints slower than the commits (a loaded disk) do not let the log grow past four times the length that asks for one")
    func slowCheckpointsKeepTheLogBounded() throws {
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"),
                                     checkpointFrames: 16, checkpointPause: 0.05)
        var longestLog = 0
        for first in stride(from: UInt64(1), through: 1_000, by: 10) {
            writer.commit(Self.batch(first...(first + 9)))
            #expect(writer.waitForOutcome() == .committed(storedBefore: []))
            longestLog = max(longestLog, Self.fileSize(path + "-wal"))
        }
        // Four times 16 frames, and one commit's frames past them (each frame a page and a 24-byte header).
        #expect(longestLog < 96 * (4_096 + 24), "the log grew to \(longestLog) bytes")
        writer.stop()
        #expect(try RecordStore.openForReading(path: path).count() == 1_000)
    }
}

extension StoreWriterTests {
    @Test("a listing far behind, catching up while checkpoints are slow (a loaded disk), waits for them as the writer does: the log stays within four times the length that asks for one")
    func slowCheckpointsHoldTheListingBack() throws {
        // The listing waits for no quiet moment: it lists whole runs as the batches come.
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"),
                                     checkpointFrames: 16, checkpointPause: 0.05, listingQuietSeconds: 3_600)
        let longestLog = Mutex(0)
        let sampling = DispatchSemaphore(value: 0)
        let sampled = DispatchGroup()
        DispatchQueue.global().async(group: sampled) { [path] in
            while sampling.wait(timeout: .now() + .milliseconds(1)) == .timedOut {
                let size = Self.fileSize(path + "-wal")
                longestLog.withLock { $0 = max($0, size) }
            }
        }
        for first in stride(from: UInt64(1), through: 8_000, by: 100) {
            writer.commit(Self.batch(first...(first + 99)))
            #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        }
        let deadline = monotonicSeconds() + 10
        while try (listedThrough() ?? 0) < 6_144, monotonicSeconds() < deadline { usleep(10_000) }
        #expect(try (listedThrough() ?? 0) >= 6_144, "three runs listed behind the commits")
        sampling.signal()
        sampled.wait()
        writer.stop()
        // Four times 16 frames, and one transaction's frames past them (a slice of the listing or a batch's commit: 100-108
        // frames in all here, on a loaded machine too; 173-193 when the listing did not wait).
        let longest = longestLog.withLock { $0 }
        #expect(longest < 128 * (4_096 + 24), "the log grew to \(longest) bytes, \(longest / (4_096 + 24)) frames")
        #expect(try listedThrough() == 8_000)
    }
}

extension StoreWriterTests {
    @Test("stopping, the listing reads back eight runs at most of a backlog it could not write (its rows dropped), so the stop is not held; the next start lists the rest",
          arguments: [0, ListingThread.handedRowLimit])
    func stopListsEightRunsAtMost(rowLimit: Int) throws {
        // With no rows held (a limit of 0), each document is read back from `records`; with the rows held, they are
        // listed whole at the stop.
        let writer = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"), listingRowLimit: rowLimit)
        defer { writer.stop() }
        // The listing table refuses its rows, as a disk refusing the listing's writes would; the records go on.
        try writeWaitingForLocks("CREATE TRIGGER held BEFORE INSERT ON record_provinces BEGIN SELECT RAISE(ABORT, 'held'); END")
        for first in stride(from: UInt64(1), through: 40_000, by: 2_000) {
            writer.commit(Self.batch(first...(first + 1_999)))
            #expect(writer.waitForOutcome() == .committed(storedBefore: []))
        }
        #expect(try (listedThrough() ?? 0) == 0)
        // The listing may be retrying its slice as the trigger goes: the drop waits for it.
        try writeWaitingForLocks("DROP TRIGGER held")
        writer.stop()
        // Eight runs of 2,048 (and a catch-up slice, should the listing's retry come before the stop).
        let atStop = try listedThrough() ?? 0
        if rowLimit == 0 {
            #expect(atStop >= 8 * 2_048 && atStop <= 2 * 8 * 2_048, "listed through \(atStop) of 40,000 at the stop")
        } else {
            #expect(atStop == 40_000, "the rows held are listed at the stop")
        }
        let again = try StoreWriter(store: try RecordStore.openForWriting(path: path), logger: Logger(label: "test"))
        defer { again.stop() }
        let deadline = monotonicSeconds() + 20
        while try listedThrough() != 40_000, monotonicSeconds() < deadline { usleep(20_000) }
        #expect(try listedThrough() == 40_000, "the rest listed after the next start")
        again.stop()
        let rows = try patientQueue().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record_provinces") }
        #expect(rows == 40_000)
    }
}

/// Entries appended from several threads.
final class LockedLog: @unchecked Sendable {
    // @unchecked: `items` is read and written under `lock`.
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ entry: String) { lock.withLock { items.append(entry) } }
    var entries: [String] { lock.withLock { items } }
}
