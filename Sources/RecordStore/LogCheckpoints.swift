import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints of the records store's write-ahead log on a connection of their own, so that the writer's commits
/// never copy the log into the database themselves. SQLite's automatic checkpoint runs inside the commit that
/// passes its threshold: at a 32 MiB log, about a quarter of the writer's time, and that commit's STORED waits for
/// it. A ``LogCheckpointer`` on another thread does the same copy with the writer's commits going on (a PASSIVE
/// checkpoint takes no lock a writer needs), once the writer says the log is long enough.
public final class LogCheckpointer {
    public let path: String
    private let queue: DatabaseQueue

    /// Opens a second connection to the store at `path` for checkpoints (`synchronous = FULL`, as the writer's: the
    /// database file is synced before the log is reused).
    public init(path: String) throws(RecordStoreError) {
        self.path = path
        let configuration = RecordStore.writingConfiguration(label: "records-checkpoints", ["PRAGMA wal_autocheckpoint = 0"])
        queue = try RecordStore.guarded(path, "open for checkpoints") { try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Copies into the database every frame of the log that no reader still needs, without waiting for the writer
    /// or readers (PASSIVE), then syncs the database file.
    ///
    /// SQLite syncs the database only in a pass that reaches the log's end, which under load is never this
    /// connection's (the writer commits meanwhile) but the writer's own copy of the rest (``RecordStore/copyLogRemainder()``),
    /// in its write turn: that sync then wrote back every page these passes had copied since the last one (61–78 ms
    /// at 300,000 documents, with the batches behind it waiting). Synced here, off the writer's thread, the rest's
    /// sync has only the rest's pages to write.
    public func checkpoint() throws(RecordStoreError) {
        try RecordStore.guarded(path, "checkpoint") {
            try queue.writeWithoutTransaction { db in
                _ = try db.checkpoint(.passive)
                try Self.syncDatabaseFile(db)
            }
        }
    }

    /// Syncs the main database file through SQLite's own handle of it (a descriptor of our own, closed, would drop
    /// the locks SQLite holds on the file: POSIX locks belong to the process, not the descriptor).
    static func syncDatabaseFile(_ db: Database) throws {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let found = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, &file)
        guard found == SQLITE_OK, let file, let sync = file.pointee.pMethods?.pointee.xSync else {
            throw DatabaseError(resultCode: ResultCode(rawValue: found == SQLITE_OK ? SQLITE_MISUSE : found), message: "no database file to sync")
        }
        let synced = sync(file, SQLITE_SYNC_NORMAL)
        guard synced == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: synced), message: "sync the database file") }
    }

    /// The connection's `PRAGMA synchronous` (2, FULL).
    func synchronousLevel() throws -> Int? {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    /// Closes the connection (the aggregator stops its checkpoints before its writer's connection closes).
    public func close() throws(RecordStoreError) {
        try RecordStore.guarded(path, "close the checkpoint connection") { try queue.close() }
    }
}

extension RecordStore {
    /// The log length at which the writer asks for a checkpoint: 8,192 pages (32 MiB), as its own automatic
    /// checkpoint did, so that repeated writes of an index page between checkpoints are copied once.
    public static let checkpointFrames = 8_192

    /// Stops this writer's automatic checkpoints (a ``LogCheckpointer`` takes them over) and starts counting the log's
    /// frames after each commit, for ``framesInLog``.
    public func leaveCheckpointsToAnotherConnection() throws(RecordStoreError) {
        let length = LogLength()
        try guarded("count the log's frames") {
            try queue.writeWithoutTransaction { db in
                // A write-ahead-log hook replaces the one `wal_autocheckpoint` installs: the commit no longer checkpoints.
                _ = sqlite3_wal_hook(db.sqliteConnection, countFrames, Unmanaged.passUnretained(length).toOpaque())
            }
        }
        logLength = length
    }

    /// Copies on the writer's own connection what a ``LogCheckpointer`` left in the log: the frames committed while it
    /// ran. The writer adds none meanwhile, so the whole log is then in the database and its next commit starts the
    /// log again from the beginning; with commits going on all the time, the other connection's checkpoints alone
    /// never see the whole log copied at a moment the writer begins a transaction, and the log grows without end.
    public func copyLogRemainder() throws(RecordStoreError) {
        _ = try guarded("checkpoint") { try queue.writeWithoutTransaction { db in try db.checkpoint(.passive) } }
        // All of it is in the database: the next commit starts the log again, and counts anew.
        logLength?.frames.store(0, ordering: .relaxed)
    }

    /// The frames in the write-ahead log after this writer's last commit (0 unless
    /// ``leaveCheckpointsToAnotherConnection()`` was called).
    public var framesInLog: Int { Int(logLength?.frames.load(ordering: .relaxed) ?? 0) }

    /// Counts the log's frames after this connection's commits too, into `writer`'s count (``framesInLog`` of
    /// either): the listing connection's frames make the log long as the writer's do, and the writer asks for the
    /// checkpoints. Call before either connection is used on another thread.
    public func countLogFrames(into writer: RecordStore) throws(RecordStoreError) {
        guard let length = writer.logLength else { return }
        try guarded("count the log's frames") {
            try queue.writeWithoutTransaction { db in
                _ = sqlite3_wal_hook(db.sqliteConnection, countFrames, Unmanaged.passUnretained(length).toOpaque())
            }
        }
        logLength = length
    }
}

/// The frames the log held after the last commit. Written by SQLite's hook inside the commits of the writer and of
/// the listing connection, on their threads, and read by both between them.
final class LogLength: Sendable {
    let frames = Atomic<CInt>(0)
}

private let countFrames: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, CInt) -> CInt = { context, _, _, frames in
    if let context { Unmanaged<LogLength>.fromOpaque(context).takeUnretainedValue().frames.store(frames, ordering: .relaxed) }
    return SQLITE_OK
}
