import GRDB

/// The listing table (`record_provinces`) written behind the records (``RecordSchema`` version 4).
///
/// A batch of the aggregator stores its documents without their listing rows. Once a few thousand documents wait,
/// their rows are made from `records` (the `provinces` summary says everything a listing row holds) and sorted by
/// key into a ``ListingRun``; the batches that follow each insert the next slice of it in their own transaction,
/// and the one that inserts its last row moves `listing_progress.listed_through` past it. In key order each
/// (unit, year) leaf page is written about once per run, where a listing row per document and batch dirtied one
/// per unit named (a third of the aggregator's time); in slices no batch waits for a whole run. Readers see the
/// listing table only up to the mark and take the documents after it from `records` (``RecordFilter``), so a
/// listing never misses nor repeats one; after a crash, opening the store for writing lists what is left.
extension RecordStore {
    /// How many waiting documents make a run.
    public static let listingBatch = 2_048

    /// Documents stored but not in the listing table yet, as readers see it (the writer's count).
    public var unlisted: UInt64 { lastAppended > listedThrough ? lastAppended - listedThrough : 0 }

    /// Lists up to `limit` of the documents not listed yet (the rest of a run first), oldest first, in one
    /// transaction; returns how many documents it listed.
    @discardableResult
    public func listPending(limit: Int = .max) throws(RecordStoreError) -> Int {
        let run = listingRun
        let (listed, through) = try guarded("list stored documents") {
            try queue.write { db -> (Int, UInt64) in
                var listed = 0
                var through = listedThrough
                if var run {
                    try run.insertRest(db)
                    listed += run.documents
                    through = run.through
                }
                if listed < limit, let more = try ListingRun.read(db, after: through, through: .max, limit: limit - listed) {
                    var more = more
                    try more.insertRest(db)
                    listed += more.documents
                    through = more.through
                }
                if through != listedThrough { try Self.setListedThrough(through, db) }
                return (listed, through)
            }
        }
        listingRun = nil
        listedThrough = through
        return listed
    }

    /// In a batch's transaction: the next slice of the run (a new run once enough committed documents wait), sized
    /// to outpace the rows the batch adds. Returns the run as it stands if the transaction commits.
    func listSlice(_ db: Database, batchSize: Int) throws -> ListingRun? {
        var run = listingRun
        if run == nil {
            // Only documents committed before this batch: if it rolls back, the run must not name its documents.
            guard lastAppended >= listedThrough + UInt64(Self.listingBatch) else { return nil }
            run = try ListingRun.read(db, after: listedThrough, through: lastAppended, limit: Self.listingBatch)
        }
        guard var run else { return nil }
        try run.insertNext(max(512, batchSize * 12), db)
        if run.isDone { try Self.setListedThrough(run.through, db) }
        return run
    }

    /// After a batch's transaction committed: what its slice did.
    func sliceCommitted(_ run: ListingRun?) {
        guard let run else { return }
        if run.isDone {
            listingRun = nil
            listedThrough = run.through
        } else {
            listingRun = run
        }
    }

    static func setListedThrough(_ sequence: UInt64, _ db: Database) throws {
        try db.execute(sql: "UPDATE listing_progress SET listed_through = ?", arguments: [Int64(clamping: sequence)])
    }

    /// `Cà Mau:host;Bạc Liêu:bridgePoint+discussant` as (unit, `host`), (unit, `bridgePoint,discussant`): a listing
    /// row's unit and roles. A unit's name never holds `;`, a role never `:`.
    static func unitsAndRoles(_ summary: String) -> [(String, String)] {
        var summary = summary
        return summary.withUTF8 { bytes in
            var pairs: [(String, String)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                var colon = -1
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") {
                    if bytes[end] == UInt8(ascii: ":") { colon = end }
                    end += 1
                }
                if colon >= 0 {
                    let unit = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
                    let roles = String(unsafeUninitializedCapacity: end - colon - 1) { buffer in
                        for (offset, byte) in bytes[(colon + 1)..<end].enumerated() { buffer[offset] = byte == UInt8(ascii: "+") ? UInt8(ascii: ",") : byte }
                        return end - colon - 1
                    }
                    pairs.append((unit, roles))
                }
                start = end + 1
            }
            return pairs
        }
    }

    /// The units named by the documents not listed yet (readers add them to the listing table's).
    static func unlistedUnits(_ db: Database) throws -> Set<String> {
        var units = Set<String>()
        let summaries = try String.fetchCursor(db, sql: """
            SELECT provinces FROM records WHERE seq > (SELECT listed_through FROM listing_progress)
            """)
        while let summary = try summaries.next() {
            for (unit, _) in unitsAndRoles(summary) { units.insert(unit) }
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
            for (unit, roles) in RecordStore.unitsAndRoles(summary) {
                let range = ListingRange(unit: unit, year: year)
                groups[range, default: []].append(
                    ListingRow(range: range, sequence: Int64(clamping: sequence), roles: roles, id: id, date: date, kind: kind, source: source, summary: summary))
            }
        }
        var rows: [ListingRow] = []
        rows.reserveCapacity(records.count * 6)
        for range in groups.keys.sorted(by: ListingRange.precedes) { rows += groups[range] ?? [] }
        return ListingRun(rows: rows, documents: records.count, through: last)
    }

    mutating func insertNext(_ count: Int, _ db: Database) throws {
        let end = min(rows.count, next + count)
        guard next < end else { return }
        let insert = try RecordSchema.Inserts(db).listing
        for row in rows[next..<end] {
            try RecordSchema.insertListing(insert, db, province: row.range.unit, year: row.range.year, sequence: row.sequence, roles: row.roles,
                                           id: row.id, date: row.date, kind: row.kind, source: row.source, summary: row.summary)
        }
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

/// A row of the listing table, made from a stored document's summary.
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
