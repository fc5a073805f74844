import Foundation
import GRDB
import MeetingExtraction
import ProvinceAggregation

/// The tables, version 1 (`PRAGMA user_version`).
///
/// - `records`: one row per applied document, numbered by `seq` in the order applied (the aggregate state's
///   sequence), with the record's JSON as the worker sent it (NULL for ids imported from a first-version
///   snapshot, whose records were never kept).
/// - `record_provinces` / `record_units`: which unit of its era / which 2025 unit each record counted for.
/// - `record_officials`: each participant's name, folded (``VietnameseFolding``), for `--official`.
enum RecordSchema {
    static let version = 1

    static func version(_ db: Database) throws -> Int { try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }

    static func create(_ db: Database) throws {
        let found = try version(db)
        guard found != version else { return }
        guard found == 0 else {
            throw RecordStoreError.unsupported(path: db.description, detail: "schema \(found), this build writes \(version)")
        }
        // IF NOT EXISTS: a store salvaged with `sqlite3 .recover` has the tables but not the version.
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS records (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                source TEXT,
                published TEXT,
                date TEXT,
                kind TEXT,
                received_at TEXT NOT NULL,
                record BLOB
            );
            CREATE INDEX IF NOT EXISTS records_date ON records(date);
            CREATE TABLE IF NOT EXISTS record_provinces (
                province TEXT NOT NULL, seq INTEGER NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (province, seq)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS record_units (unit TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (unit, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS record_officials (name TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (name, seq)) WITHOUT ROWID;
            PRAGMA user_version = \(version);
            """)
    }

    static func insert(_ record: NewRecord, _ db: Database) throws {
        let seq = Int64(clamping: record.sequence)
        try db.cachedStatement(sql: "INSERT INTO records (seq, id, source, published, date, kind, received_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [seq, record.id, record.source, record.published, record.record?.date ?? record.published,
                                 record.record?.meetingKind, record.receivedAt, record.json.map { Data($0) }])
        guard let meeting = record.record else { return }
        let provinces = try db.cachedStatement(sql: "INSERT OR IGNORE INTO record_provinces (province, seq, roles) VALUES (?, ?, ?)")
        let units = try db.cachedStatement(sql: "INSERT OR IGNORE INTO record_units (unit, seq) VALUES (?, ?)")
        for mention in meeting.provinces {
            try provinces.execute(arguments: [ProvinceState.key(name: mention.name, formedIn2025: mention.formedIn2025), seq,
                                              mention.roles.map(\.rawValue).joined(separator: ",")])
            try units.execute(arguments: [mention.mergedInto, seq])
        }
        let officials = try db.cachedStatement(sql: "INSERT OR IGNORE INTO record_officials (name, seq) VALUES (?, ?)")
        let names = ([meeting.chair?.name] + meeting.coChairs.map(\.name) + meeting.participants.map(\.name)).compactMap { $0 }
        for name in Set(names.map(VietnameseFolding.fold)) { try officials.execute(arguments: [name, seq]) }
    }
}

/// A record to store: its document's id and metadata, when it arrived, and the record both as the worker's
/// JSON and decoded (nil for an id imported without its record).
public struct NewRecord: Sendable {
    public var sequence: UInt64
    public var id: String
    public var source: String?
    public var published: String?
    /// ISO 8601, UTC.
    public var receivedAt: String
    public var json: [UInt8]?
    public var record: MeetingRecord?

    public init(sequence: UInt64, id: String, source: String?, published: String?, receivedAt: String, json: [UInt8]?, record: MeetingRecord?) {
        self.sequence = sequence
        self.id = id
        self.source = source
        self.published = published
        self.receivedAt = receivedAt
        self.json = json
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
    public var receivedAt: String
    /// The record's JSON as the worker sent it; nil for an id imported from a first-version snapshot.
    public var json: [UInt8]?

    init(row: Row, db: Database) throws {
        guard let sequence = row.sequence() else { throw MalformedRow(column: "seq") }
        guard let id = row.text("id") else { throw MalformedRow(column: "id") }
        self.sequence = sequence
        self.id = id
        source = row.text("source")
        published = row.text("published")
        date = row.text("date")
        kind = row.text("kind")
        receivedAt = row.text("received_at") ?? ""
        json = row.blob("record").map { Array($0) }
    }

    /// The record, decoded.
    public func record() throws -> MeetingRecord? {
        try json.map { try JSONDecoder().decode(MeetingRecord.self, from: Data($0)) }
    }
}
