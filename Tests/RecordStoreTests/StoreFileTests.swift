import Foundation
import GRDB
import MeetingModel
@testable import RecordStore
import Testing
import TestSupport

/// What the README promises of the store's files: a commit fsynced before it counts (WAL, `synchronous = FULL` on
/// every connection that writes, so a power cut cannot take a batch whose STORED let the broker forget it), and files
/// no wider than 0640, as the journals and snapshots are.
@Suite("Records store files")
struct StoreFileTests {
    let scratch: TemporaryDirectory
    var path: String { scratch.path + "/records.sqlite" }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "record-store-files")
    }

    func mode(_ file: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    func storeOneRecord(_ store: RecordStore) throws {
        let record = MeetingRecord(date: "2024-05-01", provinces: [.init(name: "Cà Mau", code: 96, roles: [.host], mergedInto: "Cà Mau")])
        try store.append([NewRecord(sequence: try store.lastSequence() + 1, id: "doc-\(try store.lastSequence() + 1)", source: "a.txt",
                                    published: "2024-05-01", receivedAt: "2024-05-02T00:00:00Z", body: record.binaryEncoded(), record: record)])
    }

    @Test("the writer's and the checkpoint connection's commits are fsynced: WAL with synchronous = FULL")
    func durableCommits() throws {
        let store = try RecordStore.openForWriting(path: path)
        try storeOneRecord(store)
        let (mode, level) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode?.lowercased() == "wal")
        #expect(level == 2, "FULL is 2; NORMAL (1) would survive a kill -9 but not a power cut")
        let checkpoints = try LogCheckpointer(path: path)
        defer { try? checkpoints.close() }
        #expect(try checkpoints.synchronousLevel() == 2)
    }

    @Test("a checkpoint pass that cannot reach the log's end (a reader holds an older snapshot, as the writer's commits do under load) still syncs the database file, on its own thread: the writer's copy of the rest then syncs only the rest",
          .enabled(if: SystemCallTrace.canAttach, "needs strace (Scripts/test.sh installs it) and leave to attach to a running process"))
    func checkpointSyncsTheDatabase() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.leaveCheckpointsToAnotherConnection()
        try storeOneRecord(store)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: path, configuration: holding)
        try reader.inDatabase { db in
            try db.beginTransaction(.deferred)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM records") == 1)
        }
        // Frames the reader's snapshot keeps from being copied: SQLite's own sync of the database, which comes only
        // with a pass that reaches the end, does not happen.
        try storeOneRecord(store)
        let checkpoints = try LogCheckpointer(path: path)
        defer { try? checkpoints.close() }
        let database = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let calls = try SystemCallTrace.calls("fsync,fdatasync", in: scratch.path) { try checkpoints.checkpoint() }
        #expect(calls.contains { $0.contains("sync(") && $0.contains("<\(database)>)") && $0.hasSuffix("= 0") },
                "no sync of the database file by the checkpoint: \(calls)")
        try reader.inDatabase { db in try db.commit() }
        try reader.close()
        #expect(try store.count() == 2)
    }

    @Test("a new store, its log and its shared memory are 0640 whatever the umask; an existing wider file is narrowed at open")
    func fileModes() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try RecordStore.openForWriting(path: path)
        try storeOneRecord(store)
        for file in [path, path + "-wal", path + "-shm"] { #expect(try mode(file) == 0o640, "\(file)") }
        try store.close()

        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(chmod(file, 0o666) == 0)
        }
        let reopened = try RecordStore.openForWriting(path: path)
        try storeOneRecord(reopened)
        for file in [path, path + "-wal", path + "-shm"] { #expect(try mode(file) == 0o640, "\(file) after a reopen") }
        #expect(try reopened.count() == 2)
        try reopened.close()
    }

    @Test("a folder or a pipe where the store should be is named as such, for the writer and for readers, and left as it is")
    func notAFile() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path + "/inside"))
        for open in [{ _ = try RecordStore.openForWriting(path: path) }, { _ = try RecordStore.openForReading(path: path) }] {
            #expect(throws: RecordStoreError.unsupported(path: path, detail: "it is a folder, not a records store; move it aside")) { try open() }
        }
        #expect(FileManager.default.contents(atPath: path + "/inside") == Data("keep".utf8))
        let fifo = scratch.path + "/fifo.sqlite"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: RecordStoreError.unsupported(path: fifo, detail: "it is a pipe, socket or device, not a records store; move it aside")) {
            _ = try RecordStore.openForWriting(path: fifo)
        }
    }
}
