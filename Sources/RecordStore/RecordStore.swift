import Foundation
import GRDB
import MeetingExtraction
import MeetingModel

/// Every applied record, kept in one SQLite database: the aggregator's source of truth.
///
/// The aggregator is its only writer. A batch of records is one transaction (the group commit: STORED leaves
/// only after it commits), in WAL mode with `synchronous = FULL`, so a committed batch survives a kill -9 and
/// a power cut. The set of applied ids is the unique index on `records.id`; each province's documents have
/// their own listing range (``RecordSchema``) so that `ingest records` filters without reading every record. Readers (`ingest
/// show`, `ingest records`) open it read-only, while the aggregator runs or not.
public final class RecordStore {
    public let path: String
    let queue: DatabaseQueue
    /// The schema version of the file (a reader may open an older one a running older aggregator still writes).
    let schema: Int
    /// The `unit_members` rows this writer has seen committed (see ``RecordSchema/insert``).
    private var knownMemberships: Set<RecordSchema.Membership> = []
    /// The writer's view of the listing table's progress (see ``listPending(limit:)``).
    var listedThrough: UInt64 = 0
    var lastAppended: UInt64 = 0
    /// The run of listing rows the batches are inserting, a slice each, and the rows of the documents after it.
    var listingRun: ListingRun?
    var pendingListing = PendingListingRows()
    /// Set by the first ``appendLeavingListing(_:)``: another connection writes the listing table.
    private(set) var leavesListing = false
    /// Set when a ``LogCheckpointer`` takes the checkpoints over (see ``framesInLog``); kept alive with the store, as
    /// SQLite's hook points at it.
    var logLength: LogLength?

    /// The file name inside the journals directory.
    public static let fileName = "records.sqlite"

    init(path: String, queue: DatabaseQueue, schema: Int = RecordSchema.version) {
        self.path = path
        self.queue = queue
        self.schema = schema
    }

    /// Opens or creates the store for the aggregator, and checks every page (`PRAGMA quick_check`) unless
    /// `checkPages` is false: a torn or corrupt page stops the start with ``RecordStoreError/corrupt(path:detail:)``.
    /// A store of an older schema is moved to this build's first (a minute or more at a million documents),
    /// `moving` told the two versions before it begins.
    public static func openForWriting(path: String, checkPages: Bool = true,
                                      moving: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws(RecordStoreError) -> RecordStore {
        // A bounded 32 MiB page cache keeps the id index's upper levels and recent leaves in memory (a million
        // documents' inserts went from 229 to 160 µs each); a 32 MiB WAL between checkpoints lets repeated writes of an
        // index page coalesce.
        let configuration = writingConfiguration(label: "records", ["PRAGMA cache_size = -32768", "PRAGMA wal_autocheckpoint = 8192"])
        try requireFileIfPresent(path)
        return try guarded(path, "open") {
            try restrictFileModes(path: path)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else { throw RecordStoreError.unsupported(path: path, detail: "journal_mode is \(mode ?? "unknown"), not wal") }
            }
            let store = RecordStore(path: path, queue: queue)
            if checkPages { try store.checkPages() }
            let moved = try queue.write { db in try RecordSchema.create(db, moving: moving) }
            // A move to a new schema rewrote the listing table through the WAL (1.8 GB at a million documents):
            // give that space back now rather than keep a WAL that large while the aggregator runs.
            if moved { _ = try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
            try store.readListingProgress()
            // Nothing is listed past the last record: a mark beyond it (as a build that counted a skipped record's number
            // could leave) would hide from readers the records numbered next.
            if store.listedThrough > store.lastAppended {
                let last = store.lastAppended
                try queue.write { db in try Self.setListedThrough(last, db) }
                store.listedThrough = last
            }
            // This writer holds the listing rows of the documents it stores from here on; those a crash left unlisted
            // (a few thousand, unless the listing had fallen far behind) are listed now, up to eight runs' worth in this
            // transaction. Should that fail (a full disk), readers still find them in `records`, and the listing
            // reads the rest back.
            _ = try? store.listPending(limit: 8 * listingBatch)
            return store
        }
    }

    /// A folder, device or pipe where the store should be is named as such: SQLite says only that it cannot open
    /// the file, or that the disk failed.
    static func requireFileIfPresent(_ path: String) throws(RecordStoreError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG else { return }
        let what = status.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a pipe, socket or device"
        throw .unsupported(path: path, detail: "it is \(what), not a records store; move it aside")
    }

    /// The store's files readable by the owner's group at most, as the journals and snapshots are (0640): the file is
    /// made with that mode before SQLite opens it (SQLite would make it 0644 and its log and shared-memory files
    /// after it, as it gives them the database's mode), and an existing one, or its log, loses any wider bit.
    static func restrictFileModes(path: String) throws {
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        if created >= 0 {
            Glibc.close(created)
        } else if errno != EEXIST {
            throw RecordStoreError.failed(path: path, operation: "create", detail: String(cString: strerror(errno)))
        }
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o137 != 0 else { continue }
            guard chmod(file, status.st_mode & 0o640) == 0 else {
                throw RecordStoreError.failed(path: file, operation: "chmod", detail: String(cString: strerror(errno)))
            }
        }
    }

    /// A connection that writes: `synchronous = FULL` (see the type's comment), then `pragmas`.
    static func writingConfiguration(label: String, _ pragmas: [String]) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = label
        configuration.prepareDatabase { db in
            for pragma in ["PRAGMA synchronous = FULL"] + pragmas { try db.execute(sql: pragma) }
        }
        return configuration
    }

    /// Opens an existing store read-only; a missing file is ``RecordStoreError/missing(path:)``.
    public static func openForReading(path: String) throws(RecordStoreError) -> RecordStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        try requireFileIfPresent(path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try guarded(path, "open") {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let version = try queue.read { db in try RecordSchema.version(db) }
            guard RecordSchema.readable.contains(version) else {
                throw RecordStoreError.unsupported(path: path, detail: "schema \(version), this build reads \(RecordSchema.readable)")
            }
            return RecordStore(path: path, queue: queue, schema: version)
        }
    }

    /// Reads every page; throws ``RecordStoreError/corrupt(path:detail:)`` naming the first problems found.
    public func checkPages() throws(RecordStoreError) {
        let problems = try guarded("quick_check") {
            try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        }
        guard problems == ["ok"] else { throw .corrupt(path: path, detail: problems.joined(separator: "; ")) }
    }

    /// The sequence of the last record stored (0 when empty): records are numbered in the order applied, a number
    /// left unused where a record the store held already was skipped.
    public func lastSequence() throws(RecordStoreError) -> UInt64 {
        try guarded("last sequence") {
            try queue.read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM records") ?? 0) }
        }
    }

    /// How many documents are stored.
    public func count() throws(RecordStoreError) -> Int {
        try guarded("count") { try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0 } }
    }

    /// Which of `ids` are stored.
    public func stored(among ids: some Sequence<String>) throws(RecordStoreError) -> Set<String> {
        try guarded("look up ids") {
            try queue.read { db in
                // One statement per 500 ids: a reader asking after thousands of documents costs a few index walks,
                // not a statement each.
                var found = Set<String>()
                for slice in Array(ids).slices(of: 500) {
                    let chunk = Array(slice)
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    let statement = try db.cachedStatement(sql: "SELECT id FROM records WHERE id IN (\(marks))")
                    found.formUnion(try String.fetchAll(statement, arguments: StatementArguments(chunk)))
                }
                return found
            }
        }
    }

    /// Stores a batch in one transaction: all of it is durable when this returns, or none of it. Returns the ids
    /// among it that were stored already, whose records it skipped (their sequence numbers stay unused).
    @discardableResult
    public func append(_ batch: [NewRecord]) throws(RecordStoreError) -> Set<String> {
        try insert(batch, listing: true).storedBefore
    }

    /// Stores a batch as ``append(_:)`` does, but leaves its listing rows to the connection that writes the listing
    /// table on another thread (``openForListing(path:)``, given them with ``takeListing(_:)``): the transaction
    /// holds the records alone, and this connection keeps no listing rows. From the first such batch on, this
    /// connection lists nothing (``unlisted`` is 0, ``close(listingWhatIsLeft:)`` lists nothing), and every batch
    /// stored after the listing connection opened must come this way, its rows handed over (or
    /// ``skipListing(through:)`` said for them): that connection takes the documents it holds rows for as all there is.
    public func appendLeavingListing(_ batch: [NewRecord]) throws(RecordStoreError) -> (storedBefore: Set<String>, listing: StoredListing) {
        leavesListing = true
        let (storedBefore, rows, through) = try insert(batch, listing: false)
        return (storedBefore, StoredListing(rows: rows, through: through))
    }

    /// The batch's transaction, with the next slice of the listing when `listing`; the listing rows of the records
    /// stored, and the last sequence stored (0 when none).
    private func insert(_ batch: [NewRecord], listing lists: Bool) throws(RecordStoreError) -> (storedBefore: Set<String>, rows: [ListingRow], through: UInt64) {
        guard !batch.isEmpty else { return ([], [], 0) }
        var written: Set<RecordSchema.Membership> = []
        var listing: [ListingRow] = []
        var storedBefore: Set<String> = []
        let slice = try guarded("append \(batch.count) records") {
            try queue.write { db in
                let inserts = try RecordSchema.Inserts(db)
                for record in batch where try !RecordSchema.insert(record, inserts, db, known: knownMemberships, written: &written, listing: &listing) {
                    storedBefore.insert(record.id)
                }
                return lists ? try listSlice(db, batchSize: batch.count) : nil
            }
        }
        // Known only once committed: a batch rolled back writes them again.
        knownMemberships.formUnion(written)
        // Through the last number stored, not a skipped one: the listing's mark must never pass the store's last
        // record, whose successor a start numbers next.
        let through = batch.lazy.filter { !storedBefore.contains($0.id) }.map(\.sequence).max() ?? 0
        if lists { sliceCommitted(slice, adding: listing, through: through) }
        return (storedBefore, listing, through)
    }

    /// Every stored record after `sequence`, in order, decoded; ids imported without their record are skipped.
    public func forEachRecord(after sequence: UInt64, _ body: (UInt64, String, MeetingRecord) throws -> Void) throws(RecordStoreError) {
        try guarded("replay") {
            try queue.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT r.seq, r.id, b.record FROM records r JOIN record_bodies b ON b.seq = r.seq WHERE r.seq > ? ORDER BY r.seq",
                                               arguments: [Int64(clamping: sequence)])
                while let row = try rows.next() {
                    guard let sequence = row.sequence(), let id = row.text("id"), let data = row.blob("record") else {
                        throw MalformedRow(column: "seq, id or record")
                    }
                    try body(sequence, id, try MeetingRecord(encoded: Array(data)))
                }
            }
        }
    }

    /// The stored ids that start with `prefix`, at most `limit` of them (in id order): `show` takes the short ids
    /// `records` prints.
    public func ids(startingWith prefix: String, limit: Int) throws(RecordStoreError) -> [String] {
        try guarded("find ids starting with \(prefix)") {
            try queue.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM records WHERE id >= ? ORDER BY id LIMIT ?", arguments: [prefix, max(1, limit)])
                    .filter { $0.hasPrefix(prefix) }
            }
        }
    }

    /// One stored document, by id.
    public func entry(id: String) throws(RecordStoreError) -> StoredEntry? {
        try guarded("read \(id)") {
            try queue.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT r.*, b.record FROM records r LEFT JOIN record_bodies b ON b.seq = r.seq WHERE r.id = ?",
                                                 arguments: [id]) else { return nil }
                return try StoredEntry(row: row, db: db)
            }
        }
    }

    /// The stored documents `filter` selects, oldest applied first, one at a time (constant memory); with
    /// `withRecords`, each with its record's body (a read per document; without, a province's listing reads
    /// only that province's range).
    public func select(_ filter: RecordFilter, withRecords: Bool = true, _ body: (StoredEntry) throws -> Void) throws(RecordStoreError) {
        try guarded("select") {
            try queue.read { db in
                let (sql, arguments) = filter.query(withRecords: withRecords, schema: schema)
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() { try body(try StoredEntry(row: row, db: db)) }
            }
        }
    }

    /// The province keys (or 2025 units) any stored record names, for matching what people type.
    public func provinceNames(current: Bool) throws(RecordStoreError) -> [String] {
        try guarded("province names") {
            try queue.read { db in
                // One index step per name (a DISTINCT would read every row of the table).
                let (table, column) = current ? (schema == 1 ? "record_units" : "unit_members", "unit") : ("record_provinces", "province")
                let next = try db.cachedStatement(sql: "SELECT \(column) FROM \(table) WHERE \(column) > ? ORDER BY \(column) LIMIT 1")
                var names: [String] = []
                while let name = try String.fetchOne(next, arguments: [names.last ?? ""]) { names.append(name) }
                guard !current, schema >= 4 else { return names }
                // Units only the documents not listed yet name.
                let unlisted = try Self.unlistedUnits(db).subtracting(names)
                guard !unlisted.isEmpty else { return names }
                return (names + unlisted).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
        }
    }

    /// Runs `body`, turning GRDB's and SQLite's errors into a ``RecordStoreError`` that names what was done.
    func guarded<T>(_ operation: String, _ body: () throws -> T) throws(RecordStoreError) -> T {
        try Self.guarded(path, operation, body)
    }

    static func guarded<T>(_ path: String, _ operation: String, _ body: () throws -> T) throws(RecordStoreError) -> T {
        do {
            return try body()
        } catch let error as RecordStoreError {
            throw error
        } catch let error as DatabaseError {
            throw RecordStoreError(databaseError: error, path: path, operation: operation)
        } catch let error as MalformedRow {
            throw .corrupt(path: path, detail: "\(operation): \(error)")
        } catch {
            throw .failed(path: path, operation: operation, detail: "\(error)")
        }
    }
}

extension RecordStore {
    /// Lists what this writer stored and did not list yet (unless `listingWhatIsLeft` is false), and closes the
    /// database now (it also closes when the store goes away, leaving those for the next writer to list).
    public func close(listingWhatIsLeft: Bool = true) throws(RecordStoreError) {
        if listingWhatIsLeft, !leavesListing, unlisted > 0 { try listPending() }
        try guarded("close") { try queue.close() }
    }
}

extension RecordStore {
    /// Copies the WAL into the database file and empties it (SQLite also does this on its own as the WAL grows).
    public func checkpoint() throws(RecordStoreError) {
        _ = try guarded("checkpoint") { try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
    }
}
