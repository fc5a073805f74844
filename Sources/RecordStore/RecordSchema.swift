import Foundation
import GRDB
import MeetingExtraction
import MeetingModel
import ProvinceAggregation

/// The tables, version 4 (`PRAGMA user_version`).
///
/// - `records`: one small row per applied document, numbered by `seq` in the order applied (the aggregate
///   state's sequence): id, metadata, the meeting's date and kind, and `provinces`, a summary
///   (`Cà Mau:host;Bạc Liêu:mentioned`) that listings print without reading the record.
/// - `record_bodies`: the record as the worker sent it (its binary form; JSON from a first-version worker),
///   apart, so that listings and the id index never read it (none for ids imported from a snapshot of the
///   journal format, whose records were never kept).
/// - `record_provinces`: per unit of its era, the documents that counted for it, with what a listing prints,
///   keyed by (unit, year, seq): a province's listing is one range of the key, and `--since`/`--until` read
///   only the years they reach, without touching `records` or the bodies. The year (the date's first four
///   scalars, empty without a date) rather than the date keeps inserts at the tail of a range: each unit has one
///   per year (keyed by the whole date, a million random-dated inserts cost 4x as much; by year, dates in random
///   order over ten years cost about 45% more than version 2's key, dates in order as a live feed sends them no
///   more). Version 2 keyed by (unit, seq), so a cold `--since` read every row the unit ever had.
///   From version 4 the table is written in bulk, behind the records (``RecordStore/listPending(limit:)``):
///   `listing_progress.listed_through` is the last sequence it covers, and readers take the documents after it
///   from `records` (their `provinces` summary says everything a listing row holds). Written with every batch,
///   each of a transaction's documents dirtied a leaf page per (unit, year) it named, a third of the aggregator's
///   time; a few thousand documents sorted by key write each of those leaves once.
/// - `unit_members`: which units of their era make up each 2025 unit, as the records said. A 2025 unit's
///   listing is the union of its members' ranges. Version 1 kept a second listing table keyed by 2025 unit,
///   which put another random leaf page per province mention into every transaction (about 15% of the
///   aggregator's time); version 2 derives it.
///
/// Officials' names are a column of `records` (folded with ``VietnameseFolding``, `|`-separated), not a table of
/// their own: an index by name put about ten random leaf pages into every transaction, for a rare query.
enum RecordSchema {
    static let version = 4
    /// The versions readers understand (version 1 still lists 2025 units from its own table; versions 1 and 2
    /// have no year in the listing key; before 4 the listing table is never behind).
    static let readable = 1...4

    static func version(_ db: Database) throws -> Int { try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }

    /// Creates the tables, or moves an older schema to this one (`moving` told first when that rewrites the
    /// listing table, a minute or more at a million documents); true when it rewrote one.
    static func create(_ db: Database, moving: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws -> Bool {
        var found = try version(db)
        guard found != version else { return false }
        let rewrote = (1...2).contains(found)
        if rewrote { moving(found, version) }
        if found == 1 {
            try migrateFromVersion1(db)
            found = 2
        }
        if found == 2 {
            try migrateFromVersion2(db)
            found = 3
        }
        if found == 3 {
            try migrateFromVersion3(db)
            return rewrote
        }
        guard found == 0 else {
            throw RecordStoreError.unsupported(path: db.description, detail: "schema \(found), this build writes \(version)")
        }
        try db.execute(sql: """
            CREATE TABLE records (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                source TEXT,
                published TEXT,
                date TEXT,
                kind TEXT,
                received_at TEXT NOT NULL,
                provinces TEXT NOT NULL,
                officials TEXT NOT NULL
            );
            CREATE INDEX records_date ON records(date);
            CREATE TABLE record_bodies (seq INTEGER PRIMARY KEY, record BLOB NOT NULL);
            \(listingTable)
            CREATE TABLE unit_members (unit TEXT NOT NULL, province TEXT NOT NULL, PRIMARY KEY (unit, province)) WITHOUT ROWID;
            CREATE TABLE listing_progress (listed_through INTEGER NOT NULL);
            INSERT INTO listing_progress (listed_through) VALUES (0);
            PRAGMA user_version = \(version);
            """)
        return false
    }

    /// Version 3 to 4, in the caller's transaction: version 3 listed every document as it stored it.
    static func migrateFromVersion3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE listing_progress (listed_through INTEGER NOT NULL);
            INSERT INTO listing_progress (listed_through) SELECT coalesce(max(seq), 0) FROM records;
            PRAGMA user_version = 4;
            """)
    }

    static let listingTable = """
        CREATE TABLE record_provinces (
            province TEXT NOT NULL, year TEXT NOT NULL, seq INTEGER NOT NULL, roles TEXT NOT NULL,
            id TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, provinces TEXT NOT NULL,
            PRIMARY KEY (province, year, seq)
        ) WITHOUT ROWID;
        """

    /// What the listing key holds of a date: its first four characters (Unicode scalars, as SQLite's `substr`
    /// counts them), empty without one. A prefix of a text keeps its order, so `date >= since` implies
    /// `year >= year(since)`, and the same for `until` when it has four characters or more.
    static func year(_ date: String?) -> String {
        guard let date else { return "" }
        return String(String.UnicodeScalarView(date.unicodeScalars.prefix(4)))
    }

    /// Version 2 to 3, in the caller's transaction: the listing table again, keyed by (unit, year, seq), its rows
    /// copied in key order (at a million documents, about six million rows: a minute or so, once).
    static func migrateFromVersion2(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE record_provinces RENAME TO record_provinces_v2;
            \(listingTable)
            INSERT INTO record_provinces (province, year, seq, roles, id, date, kind, source, provinces)
                SELECT province, coalesce(substr(date, 1, 4), ''), seq, roles, id, date, kind, source, provinces FROM record_provinces_v2
                ORDER BY province, coalesce(substr(date, 1, 4), ''), seq;
            DROP TABLE record_provinces_v2;
            PRAGMA user_version = 3;
            """)
    }

    /// Version 1 to 2, in the caller's transaction: `unit_members` from one decodable record of each unit of
    /// its era (a unit belongs to one 2025 unit whatever the record), then `record_units` goes.
    static func migrateFromVersion1(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE unit_members (unit TEXT NOT NULL, province TEXT NOT NULL, PRIMARY KEY (unit, province)) WITHOUT ROWID")
        let provinces = try String.fetchAll(db, sql: "SELECT DISTINCT province FROM record_provinces")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO unit_members (unit, province) VALUES (?, ?)")
        for province in provinces {
            let bodies = try Row.fetchCursor(db, sql: """
                SELECT b.record FROM record_provinces p JOIN record_bodies b ON b.seq = p.seq WHERE p.province = ? ORDER BY p.seq
                """, arguments: [province])
            while let row = try bodies.next() {
                guard let body = row.blob("record"), let record = try? MeetingRecord(encoded: Array(body)),
                      let mention = record.provinces.first(where: { ProvinceState.key(name: $0.name, formedIn2025: $0.formedIn2025) == province })
                else { continue }
                try insert.execute(arguments: [mention.mergedInto, province])
                break
            }
        }
        try db.execute(sql: "DROP TABLE record_units; PRAGMA user_version = 2;")
    }

    /// `Cà Mau:host;Bạc Liêu:mentioned`: each unit of its era the record counted for, with its roles.
    static func summary(_ record: MeetingRecord) -> String {
        var text = ""
        text.reserveCapacity(record.provinces.count * 24)
        for (index, mention) in record.provinces.enumerated() {
            if index > 0 { text += ";" }
            text += ProvinceState.key(name: mention.name, formedIn2025: mention.formedIn2025)
            text += ":"
            appendRoles(mention.roles, separator: "+", to: &text)
        }
        return text
    }

    /// The summary's units and roles, in order (``summary(_:)`` read back). A unit's name never holds `;`, a role never `:`.
    static func unitsAndRoles(_ summary: String) -> [(key: String, roles: [String])] {
        summary.split(separator: ";").compactMap { item in
            guard let colon = item.lastIndex(of: ":") else { return nil }
            return (String(item[..<colon]), item[item.index(after: colon)...].split(separator: "+").map(String.init))
        }
    }

    static func appendRoles(_ roles: [MeetingRecord.ProvinceRole], separator: String, to text: inout String) {
        for (index, role) in roles.enumerated() {
            if index > 0 { text += separator }
            text += role.rawValue
        }
    }

    /// `|le van an|nguyen thi binh|`: the chair's, co-chairs' and participants' names folded, each once, sorted.
    static func officials(_ meeting: MeetingRecord) -> String {
        var names = Set<String>()
        if let chair = meeting.chair { names.insert(VietnameseFolding.fold(chair.name)) }
        for person in meeting.coChairs { names.insert(VietnameseFolding.fold(person.name)) }
        for person in meeting.participants { names.insert(VietnameseFolding.fold(person.name)) }
        guard !names.isEmpty else { return "" }
        return "|" + names.sorted().joined(separator: "|") + "|"
    }

    /// A 2025 unit and one of the units of their era it was made of: a row of `unit_members`.
    struct Membership: Hashable {
        var unit: String
        var province: String
    }

    /// The statements a batch's inserts run, looked up once per batch rather than once per row.
    struct Inserts {
        let record: Statement
        let body: Statement
        let member: Statement

        init(_ db: Database) throws {
            record = try db.cachedStatement(sql: """
                INSERT INTO records (seq, id, source, published, date, kind, received_at, provinces, officials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            body = try db.cachedStatement(sql: "INSERT INTO record_bodies (seq, record) VALUES (?, ?)")
            member = try db.cachedStatement(sql: "INSERT OR IGNORE INTO unit_members (unit, province) VALUES (?, ?)")
        }
    }

    /// Inserts rows of `record_provinces` (each ignored when its unit already lists the sequence).
    static func insertListing(_ rows: some Sequence<ListingRow>, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO record_provinces (province, year, seq, roles, id, date, kind, source, provinces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for listing in rows {
            var row = RawStatement(statement)
            row.bind(listing.range.unit)
            row.bind(listing.range.year)
            row.bind(listing.sequence)
            row.bind(listing.roles)
            row.bind(listing.id)
            row.bind(listing.date)
            row.bind(listing.kind)
            row.bind(listing.source)
            row.bind(listing.summary)
            try row.run(db)
        }
    }

    /// Inserts one record's rows but its listing rows, which it adds to `listing`. `unit_members` rows already in
    /// `known` are not written again; those written are added to `written` (the caller knows them only once the
    /// transaction commits). False, with nothing written, when a record of its id is stored already: the id's unique
    /// index finds it as the insert walks it, where a lookup for every record before it was a second walk.
    static func insert(_ record: NewRecord, _ inserts: Inserts, _ db: Database, known: Set<Membership>, written: inout Set<Membership>,
                       listing: inout [ListingRow]) throws -> Bool {
        let seq = Int64(clamping: record.sequence)
        let date = record.record?.date ?? record.published
        let kind = record.record?.meetingKind
        let summary = record.record.map(summary) ?? ""
        var row = RawStatement(inserts.record)
        row.bind(seq)
        row.bind(record.id)
        row.bind(record.source)
        row.bind(record.published)
        row.bind(date)
        row.bind(kind)
        row.bind(record.receivedAt)
        row.bind(summary)
        row.bind(record.record.map(officials) ?? "")
        do {
            try row.run(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // `id` is the table's only UNIQUE column (a sequence used twice is SQLITE_CONSTRAINT_PRIMARYKEY, a fault that
            // refuses the batch). The statement alone is undone; the transaction goes on.
            return false
        }
        guard let meeting = record.record, let body = record.body else { return true }
        var bodyRow = RawStatement(inserts.body)
        bodyRow.bind(seq)
        bodyRow.bind(blob: body)
        try bodyRow.run(db)
        // Its listing rows are written later, with many others' (``RecordStore/listSlice(_:batchSize:rows:minimumDocuments:)``).
        let year = Self.year(date)
        for mention in meeting.provinces {
            let key = ProvinceState.key(name: mention.name, formedIn2025: mention.formedIn2025)
            var roles = ""
            appendRoles(mention.roles, separator: ",", to: &roles)
            listing.append(ListingRow(range: ListingRange(unit: key, year: year), sequence: seq, roles: roles, id: record.id, date: date, kind: kind,
                                      source: record.source, summary: summary))
            // Nearly always known: a statement per mention cost more than the listing row.
            let membership = Membership(unit: mention.mergedInto, province: key)
            guard !known.contains(membership), written.insert(membership).inserted else { continue }
            var member = RawStatement(inserts.member)
            member.bind(mention.mergedInto)
            member.bind(key)
            try member.run(db)
        }
        return true
    }
}

/// A record to store: its document's id and metadata, when it arrived, and the record both as the worker sent
/// it (the binary form; JSON from a first-version worker or journal) and decoded (nil for an id imported
/// without its record).
public struct NewRecord: Sendable {
    public var sequence: UInt64
    public var id: String
    public var source: String?
    public var published: String?
    /// ISO 8601, UTC.
    public var receivedAt: String
    /// The record as the worker sent it: what `record_bodies` keeps.
    public var body: [UInt8]?
    /// What the columns and the listing are made of: the date, kind, provinces and people's names. The aggregator
    /// passes the record as it decoded it for aggregation (``MeetingRecord/init(encodedForAggregation:)``), without the
    /// fields only `body` needs to hold.
    public var record: MeetingRecord?

    public init(sequence: UInt64, id: String, source: String?, published: String?, receivedAt: String, body: [UInt8]?, record: MeetingRecord?) {
        self.sequence = sequence
        self.id = id
        self.source = source
        self.published = published
        self.receivedAt = receivedAt
        self.body = body
        self.record = record
    }
}

/// A stored document as readers see it.
public struct StoredEntry: Sendable {
    public var sequence: UInt64
    public var id: String
    public var source: String?
    public var published: String?
    /// The meeting's date as extracted, or the publication date when the text gave none.
    public var date: String?
    public var kind: String?
    /// Empty in a listing read from a province's range (`--province` without the records).
    public var receivedAt: String
    /// `Cà Mau:host;Bạc Liêu:mentioned`: the units of their era the document counted for, with their roles.
    public var provinces: String
    /// The record as the worker sent it (binary form or JSON, see ``record()``); nil for an id imported from a
    /// journal-format snapshot, and in a listing that did not ask for records.
    public var body: [UInt8]?

    init(row: Row, db: Database) throws {
        guard let sequence = row.sequence() else { throw MalformedRow(column: "seq") }
        guard let id = row.text("id") else { throw MalformedRow(column: "id") }
        self.sequence = sequence
        self.id = id
        source = row.text("source")
        published = row.hasColumn("published") ? row.text("published") : nil
        date = row.text("date")
        kind = row.text("kind")
        receivedAt = row.hasColumn("received_at") ? row.text("received_at") ?? "" : ""
        provinces = row.text("provinces") ?? ""
        body = row.hasColumn("record") ? row.blob("record").map { Array($0) } : nil
    }

    /// The summary's units and roles, in order.
    public var provinceRoles: [(key: String, roles: [String])] { RecordSchema.unitsAndRoles(provinces) }

    /// The record, decoded.
    public func record() throws -> MeetingRecord? {
        try body.map { try MeetingRecord(encoded: $0) }
    }
}
