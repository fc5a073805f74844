import GRDB

/// The listing table (`record_provinces`) written behind the records (``RecordSchema`` version 4).
///
/// A batch of the aggregator stores its documents without their listing rows, which the writer keeps
/// (``PendingListingRows``). Once a few thousand documents wait, their rows in key order become a ``ListingRun``;
/// the batches that follow each insert the next slice of it in their own transaction, and the one that inserts its
/// last row moves `listing_progress.listed_through` past it. Documents this writer did not store (a crash left them
/// unlisted) are read back from `records`, whose `provinces` summary holds what a listing row prints. In key order each
/// (unit, year) leaf page is written about once per run, where a listing row per document and batch dirtied one
/// per unit named (a third of the aggregator's time); in slices no batch waits for a whole run. Readers see the
/// listing table only up to the mark and take the documents after it from `records` (``RecordFilter``), so a
/// listing never misses nor repeats one; after a crash, opening the store for writing lists what is left.
extension RecordStore {
    /// How many waiting documents make a run.
    public static let listingBatch = 2_048

    /// Documents stored but not in the listing table yet, as readers see it (the writer's count; 0 on a writer that
    /// leaves its listing to another connection).
    public var unlisted: UInt64 { !leavesListing && lastAppended > listedThrough ? lastAppended - listedThrough : 0 }

    /// Lists the documents not listed yet in one transaction: the rest of a run, then those this writer stored (from
    /// the rows it kept), else up to `limit` of them read back from `records` (documents it did not store: a crash
    /// left them). Returns how many documents it listed.
    @discardableResult
    public func listPending(limit: Int = .max) throws(RecordStoreError) -> Int {
        var run = listingRun
        var pending = pendingListing
        let (listed, through) = try guarded("list stored documents") {
            try queue.write { db -> (Int, UInt64) in
                var listed = 0
                var through = listedThrough
                if var current = run {
                    try current.insertRest(db)
                    listed += current.documents
                    through = current.through
                    run = nil
                }
                var more: ListingRun?
                if lastAppended > through, pending.isComplete(after: through) {
                    more = pending.takeRun(after: through, through: lastAppended)
                } else if listed < limit {
                    more = try ListingRun.read(db, after: through, through: .max, limit: limit - listed)
                }
                if var more {
                    try more.insertRest(db)
                    listed += more.documents
                    through = more.through
                }
                if through != listedThrough { try Self.setListedThrough(through, db) }
                return (listed, through)
            }
        }
        listingRun = nil
        pending.drop(through: through)
        pendingListing = pending
        listedThrough = through
        return listed
    }

    /// A slice of `rows` listing rows in a transaction of its own (a run begun from what waits, however little):
    /// the aggregator's quiet moments, each kept short. Returns whether anything was left to list.
    @discardableResult
    public func listSlice(rows: Int) throws(RecordStoreError) -> Bool {
        guard unlisted > 0 else { return false }
        let slice = try guarded("list stored documents") {
            try queue.write { db in try listSlice(db, batchSize: 0, rows: rows, minimumDocuments: 1) }
        }
        sliceCommitted(slice, adding: [], through: lastAppended)
        return true
    }

    /// In a batch's transaction: the next slice of the run (a new run once enough committed documents wait), sized
    /// to outpace the rows the batch adds. What it did takes effect if the transaction commits (``sliceCommitted``).
    func listSlice(_ db: Database, batchSize: Int, rows: Int? = nil, minimumDocuments: Int = RecordStore.listingBatch) throws -> ListingSlice? {
        var run = listingRun
        // A copy of the waiting rows only when a run is made of them: a slice that carried one every time would share
        // their storage with the store's, and the batch's rows added after it would copy all of them (thousands of
        // rows, a twentieth of the aggregator's time).
        var pending: PendingListingRows?
        if run == nil {
            // Only documents committed before this batch: if it rolls back, the run must not name its documents.
            guard lastAppended >= listedThrough + UInt64(max(1, minimumDocuments)) else { return nil }
            var taken = pendingListing
            if taken.isComplete(after: listedThrough) {
                run = taken.takeRun(after: listedThrough, through: lastAppended)
            } else {
                // Documents stored before this writer (a start whose listing failed), or whose rows were dropped: read
                // back, as many as the slice's rows can hold (a run of 2,048 per transaction fell behind batches larger).
                run = try ListingRun.read(db, after: listedThrough, through: lastAppended, limit: max(Self.listingBatch, (rows ?? 0) / 4))
                if let run { taken.drop(through: run.through) }
            }
            pending = taken
        }
        guard var run else { return nil }
        // A document names about six units: eight rows per document of the batch outpace them, and a listing that
        // fell behind (documents naming many units) takes four times that until it is back within two runs. Small
        // slices keep a quiet cluster's commits short (512 rows a batch put 10 ms on the half-load p99).
        let lagging = lastAppended > listedThrough + 2 * UInt64(Self.listingBatch)
        try run.insertNext(rows ?? max(64, batchSize * (lagging ? 32 : 8)), db)
        if run.isDone { try Self.setListedThrough(run.through, db) }
        return ListingSlice(run: run, pending: pending)
    }

    /// After a batch's transaction committed: what its slice did, and the batch's own listing rows to come.
    func sliceCommitted(_ slice: ListingSlice?, adding rows: [ListingRow], through last: UInt64) {
        if let slice {
            if let pending = slice.pending { pendingListing = pending }
            if slice.run.isDone {
                listingRun = nil
                listedThrough = slice.run.through
            } else {
                listingRun = slice.run
            }
        }
        pendingListing.add(rows)
        lastAppended = max(lastAppended, last)
    }

    /// The listing's mark and the last record as the file holds them, at open: this connection holds listing rows
    /// only for the documents stored after it.
    func readListingProgress() throws {
        listedThrough = try queue.read { db in UInt64(clamping: try Int64.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") ?? 0) }
        lastAppended = try lastSequence()
        pendingListing = PendingListingRows(completeAfter: lastAppended)
    }

    static func setListedThrough(_ sequence: UInt64, _ db: Database) throws {
        try db.execute(sql: "UPDATE listing_progress SET listed_through = ?", arguments: [Int64(clamping: sequence)])
    }

    /// The units named by the documents not listed yet (readers add them to the listing table's).
    static func unlistedUnits(_ db: Database) throws -> Set<String> {
        var units = Set<String>()
        let summaries = try String.fetchCursor(db, sql: """
            SELECT provinces FROM records WHERE seq > (SELECT listed_through FROM listing_progress)
            """)
        while let summary = try summaries.next() {
            for (unit, _) in RecordSchema.unitsAndRoles(summary) { units.insert(unit) }
        }
        return units
    }
}

/// The listing rows of a run of stored documents, in key order, inserted a slice at a time.
struct ListingRun {
    private(set) var rows: [ListingRow]
    private(set) var next = 0
    /// How many documents the run covers, and the last one's sequence.
    let documents: Int
    let through: UInt64

    var isDone: Bool { next >= rows.count }
    /// Rows not inserted yet.
    var remaining: Int { rows.count - min(next, rows.count) }

    /// `rows` already in key order.
    init(rows: [ListingRow], documents: Int, through: UInt64) {
        self.rows = rows
        self.documents = documents
        self.through = through
    }

    /// The rows of up to `limit` documents after `after`, up to `through`, from their `records` rows; nil when none.
    /// Grouped by (unit, year), each group in sequence order as read, the groups in key order (SQLite's: by UTF-8
    /// bytes), so a unit's rows for a year follow each other into the same leaf. A unit named twice by one document
    /// keeps its first roles, as when each document was listed alone.
    static func read(_ db: Database, after: UInt64, through: UInt64, limit: Int) throws -> ListingRun? {
        let records = try Row.fetchAll(db, sql: """
            SELECT seq, id, date, kind, source, provinces FROM records WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?
            """, arguments: [Int64(clamping: after), Int64(clamping: through), Int64(clamping: limit)])
        guard let last = records.last?.sequence() else { return nil }
        var groups: [ListingRange: [ListingRow]] = [:]
        for record in records {
            guard let sequence = record.sequence(), let id = record.text("id") else { throw MalformedRow(column: "seq or id") }
            let summary = record.text("provinces") ?? ""
            let date = record.text("date")
            let year = RecordSchema.year(date)
            let kind = record.text("kind")
            let source = record.text("source")
            for (unit, roles) in RecordSchema.unitsAndRoles(summary) {
                let range = ListingRange(unit: unit, year: year)
                groups[range, default: []].append(ListingRow(range: range, sequence: Int64(clamping: sequence), roles: roles.joined(separator: ","),
                                                             id: id, date: date, kind: kind, source: source, summary: summary))
            }
        }
        return ListingRun(rows: PendingListingRows.inKeyOrder(groups), documents: records.count, through: last)
    }

    mutating func insertNext(_ count: Int, _ db: Database) throws {
        let end = min(rows.count, next + count)
        guard next < end else { return }
        try RecordSchema.insertListing(rows[next..<end], db)
        next = end
    }

    mutating func insertRest(_ db: Database) throws { try insertNext(rows.count - next, db) }
}

/// A unit's range of the listing table for one year.
struct ListingRange: Hashable {
    var unit: String
    var year: String

    static func precedes(_ a: Self, _ b: Self) -> Bool {
        a.unit != b.unit ? a.unit.utf8.lexicographicallyPrecedes(b.unit.utf8) : a.year.utf8.lexicographicallyPrecedes(b.year.utf8)
    }
}

/// A row of the listing table: one unit and year a stored document counted for, with what a listing prints.
struct ListingRow {
    var range: ListingRange
    var sequence: Int64
    var roles: String
    var id: String
    var date: String?
    var kind: String?
    var source: String?
    var summary: String
}

/// What a batch's slice did, kept apart until its transaction commits.
struct ListingSlice {
    var run: ListingRun
    /// The waiting rows left once the run was made of them; nil when the slice continued a run.
    var pending: PendingListingRows?
}

/// The listing rows of committed documents no run holds yet, grouped by range as they come, so that a run is
/// made without reading them back: complete for every document after `completeAfter` (a writer knows only the
/// documents it stored itself).
struct PendingListingRows {
    private var groups: [ListingRange: [ListingRow]] = [:]
    private var completeAfter: UInt64
    /// How many rows are held.
    private(set) var count = 0

    init(completeAfter: UInt64 = 0) {
        self.completeAfter = completeAfter
    }

    func isComplete(after sequence: UInt64) -> Bool { completeAfter <= sequence }

    mutating func add(_ rows: [ListingRow]) {
        for row in rows { groups[row.range, default: []].append(row) }
        count += rows.count
    }

    /// Every row held, as a run of the documents after `after` up to `through`; nothing is held after it.
    mutating func takeRun(after: UInt64, through: UInt64) -> ListingRun {
        let run = ListingRun(rows: Self.inKeyOrder(groups), documents: Int(clamping: through - min(after, through)), through: through)
        groups = [:]
        count = 0
        completeAfter = through
        return run
    }

    /// Forgets the rows of documents listed up to `sequence`.
    mutating func drop(through sequence: UInt64) {
        if completeAfter < sequence { completeAfter = sequence }
        guard !groups.isEmpty else { return }
        for range in Array(groups.keys) {
            groups[range]?.removeAll { $0.sequence <= Int64(clamping: sequence) }
            if groups[range]?.isEmpty == true { groups[range] = nil }
        }
        count = groups.values.reduce(0) { $0 + $1.count }
    }

    /// The groups' rows, the groups in key order (SQLite's: by UTF-8 bytes), each in the order its rows came.
    static func inKeyOrder(_ groups: [ListingRange: [ListingRow]]) -> [ListingRow] {
        var rows: [ListingRow] = []
        rows.reserveCapacity(groups.values.reduce(0) { $0 + $1.count })
        for range in groups.keys.sorted(by: ListingRange.precedes) { rows += groups[range] ?? [] }
        return rows
    }
}
