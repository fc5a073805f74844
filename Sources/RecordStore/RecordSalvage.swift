import Foundation
import GRDB
import MeetingExtraction
import MeetingModel

/// Copies what can still be read from a damaged records store into a new one: every `records` row SQLite
/// can reach, found in chunks of sequence numbers and, where a chunk fails, one row at a time. The side tables
/// (provinces, units, officials) are rebuilt from the rows' records rather than read, so damage to them costs
/// nothing. The aggregator then starts from the newest snapshot at or below the last sequence in the new store.
///
/// A row on a damaged page is not simply forgotten: its id is looked for in the id index and the listing table,
/// which live on other pages. A lost document the starting snapshot counted keeps its id (and its listing rows),
/// as a row without its record, so that the same document sent again is a DUPLICATE rather than counted twice;
/// one after that snapshot is not counted, and is named so that it can be sent again. A row that can be read but whose
/// record cannot (its `record_bodies` page is damaged) is one of those too: saved without its record, after the
/// snapshot it was never applied (replay needs the record) yet its id answered DUPLICATE to the same document sent again.
public enum RecordSalvage {
    public struct Report: Sendable, Equatable {
        /// Rows copied.
        public var saved = 0
        /// Sequence numbers that could not be read (a damaged page held them) and whose ids were found nowhere else,
        /// as closed ranges.
        public var lost: [ClosedRange<UInt64>] = []
        /// The highest sequence number copied.
        public var lastSaved: UInt64 = 0
        /// The snapshot the aggregator will start from (nil: none, the state is rebuilt from the records).
        public var startSnapshot: UInt64?
        /// Lost rows the starting snapshot counted, kept by id (their records are gone, their counts are not).
        public var keptIDs = 0
        /// Lost rows after the starting snapshot whose ids were found: not counted, to be sent again.
        public var toResend: [LostDocument] = []
    }

    /// A document whose row was lost, as the id index or the listing table still named it.
    public struct LostDocument: Sendable, Equatable {
        public var sequence: UInt64
        public var id: String
        public var source: String?
    }

    static let chunk: UInt64 = 256

    /// Salvages `damaged` into `fresh` (which must not exist). `snapshots` are the sequences of the readable
    /// snapshots (the newest also bounds the search when the damaged file cannot say its highest sequence).
    public static func salvage(from damaged: String, into fresh: String, snapshots: [UInt64]) throws(RecordStoreError) -> Report {
        let sequenceHint = snapshots.max() ?? 0
        guard !FileManager.default.fileExists(atPath: fresh) else {
            throw .failed(path: fresh, operation: "salvage", detail: "the target exists; move it aside first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: damaged, configuration: configuration)
        } catch {
            throw .corrupt(path: damaged, detail: "cannot even be opened: \(error)")
        }
        let target = try RecordStore.openForWriting(path: fresh, checkPages: false)
        var report = Report()
        let highest = (try? source.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM records") }).flatMap { $0 }.map { UInt64(clamping: $0) }
        // Without a readable maximum, keep going until a long run of empty chunks past the hint.
        let bound = highest ?? sequenceHint
        var unreadable: [UInt64] = []
        var saved = Set<UInt64>()
        // Rows read whole but for their record: kept by id or named to send again, as rows on damaged pages are.
        var withoutRecord: [UInt64: RecoveredRow] = [:]
        var emptyChunksPastBound = 0
        var start: UInt64 = 1
        while start <= bound || (highest == nil && emptyChunksPastBound < 64) {
            let end = start + chunk - 1
            var rows: [(UInt64, Row)] = []
            if let whole = try? read(source, from: start, to: end) {
                rows = whole
            } else {
                for sequence in start...end {
                    if let one = try? read(source, from: sequence, to: sequence) { rows += one } else { unreadable.append(sequence) }
                }
            }
            if start > bound { emptyChunksPastBound = rows.isEmpty ? emptyChunksPastBound + 1 : 0 }
            var batch: [NewRecord] = []
            for (sequence, row) in rows {
                guard let id = row.text("id") else {
                    unreadable.append(sequence)
                    continue
                }
                let body = row.blob("record").map { Array($0) }
                guard let record = body.flatMap({ try? MeetingRecord(encoded: $0) }) else {
                    withoutRecord[sequence] = RecoveredRow(sequence: sequence, id: id, source: row.text("source"), published: row.text("published"),
                                                           receivedAt: row.text("received_at") ?? "")
                    continue
                }
                saved.insert(sequence)
                batch.append(NewRecord(sequence: sequence, id: id, source: row.text("source"), published: row.text("published"),
                                       receivedAt: row.text("received_at") ?? "", body: body, record: record))
            }
            // Ids are unique in a sound store; a damaged one could show a row twice, which is saved once.
            let repeated = try target.append(batch)
            report.saved += batch.count - repeated.count
            report.lastSaved = target.lastAppended
            start = end + 1
        }
        // Every row the id index or the listing table names that was not saved, wherever it is (with the last leaf
        // of `records` damaged, the highest sequences are past what the file says); and the sequences that could not
        // be read, up to the last row known to exist, that neither names (past it, a lookup fails on the damaged
        // leaf whether or not there was a row).
        var found = unreadable.isEmpty && withoutRecord.isEmpty ? [:] : findLost(notIn: saved, in: source)
        for (sequence, row) in withoutRecord {
            guard var known = found[sequence] else {
                found[sequence] = row
                continue
            }
            known.source = known.source ?? row.source
            (known.published, known.receivedAt) = (row.published, row.receivedAt)
            found[sequence] = known
        }
        let lastKnown = highest ?? max(report.lastSaved, found.keys.max() ?? 0)
        let startSnapshot = startingSnapshot(snapshots, lastSaved: report.lastSaved, found: found.keys)
        report.startSnapshot = startSnapshot
        let kept = found.values.filter { $0.sequence <= startSnapshot ?? 0 }.sorted { $0.sequence < $1.sequence }
        report.keptIDs = try target.keep(kept)
        report.toResend = found.values.filter { $0.sequence > startSnapshot ?? 0 }.sorted { $0.sequence < $1.sequence }
            .map { LostDocument(sequence: $0.sequence, id: $0.id, source: $0.source) }
        for sequence in Set(unreadable).sorted() where sequence <= lastKnown && found[sequence] == nil {
            if let last = report.lost.last, last.upperBound + 1 == sequence {
                report.lost[report.lost.count - 1] = last.lowerBound...sequence
            } else {
                report.lost.append(sequence...sequence)
            }
        }
        try target.listPending()
        try target.close()
        return report
    }

    /// The newest snapshot the aggregator will start from once `found` rows up to it are kept: recovery takes the
    /// newest at or below the store's last sequence, so one above every row the new store will hold is out.
    static func startingSnapshot(_ snapshots: [UInt64], lastSaved: UInt64, found: some Collection<UInt64>) -> UInt64? {
        for snapshot in Set(snapshots).sorted(by: >) {
            let storeLast = max(lastSaved, found.filter { $0 <= snapshot }.max() ?? 0)
            if snapshot <= storeLast { return snapshot }
        }
        return nil
    }

    /// The rows not `saved`, as the listing table (with what a listing prints) and the id index name them, each
    /// read in parts so that a damaged page costs only the part it holds.
    static func findLost(notIn saved: Set<UInt64>, in source: DatabaseQueue) -> [UInt64: RecoveredRow] {
        var found: [UInt64: RecoveredRow] = [:]
        let provinces = (try? source.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT province FROM unit_members") }) ?? []
        for province in provinces {
            try? source.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM record_provinces WHERE province = ?", arguments: [province])
                while let row = try rows.next() {
                    guard let sequence = row.sequence(), !saved.contains(sequence), let id = row.text("id") else { continue }
                    var recovered = found[sequence] ?? RecoveredRow(sequence: sequence, id: id, source: row.text("source"), date: row.text("date"),
                                                                  kind: row.text("kind"), provinces: row.text("provinces") ?? "")
                    // The year as schema 3 keys it (schemas 1 and 2 have no such column).
                    recovered.listing.append(ListingRow(range: ListingRange(unit: province, year: RecordSchema.year(row.text("date"))),
                                                        sequence: Int64(clamping: sequence), roles: row.text("roles") ?? "", id: id,
                                                        date: recovered.date, kind: recovered.kind, source: recovered.source, summary: recovered.provinces))
                    found[sequence] = recovered
                }
            }
        }
        // The unique index on ids holds (id, seq), walked in pages of 512 keys. A page that cannot be read is walked
        // again one key at a time up to the damage; past it, the walk goes on from the next prefix of four characters
        // (three, then two, if the next read fails too).
        var after = ""
        var inclusive = false
        var limit = 512
        var failures = 0
        var skip = 4
        while failures < 10_000 {
            let page: [(String, UInt64)]
            do {
                page = try source.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT id, seq FROM records INDEXED BY sqlite_autoindex_records_1 WHERE id \(inclusive ? ">=" : ">") ? ORDER BY id LIMIT \(limit)
                        """, arguments: [after]).compactMap { row in row.text("id").flatMap { id in row.sequence().map { (id, $0) } } }
                }
            } catch {
                failures += 1
                if limit > 1 {
                    limit = 1
                    continue
                }
                guard let next = nextPrefix(after, length: skip) else { break }
                (after, inclusive, limit, skip) = (next, true, 512, max(2, skip - 1))
                continue
            }
            guard let last = page.last else { break }
            for (id, sequence) in page where !saved.contains(sequence) && found[sequence] == nil {
                found[sequence] = RecoveredRow(sequence: sequence, id: id)
            }
            (after, inclusive) = (last.0, false)
            if limit == 512 { skip = 4 }
        }
        return found
    }

    /// The smallest text above every text starting with `key`'s first `length` scalars (nil when there is none).
    static func nextPrefix(_ key: String, length: Int) -> String? {
        var scalars = Array(key.unicodeScalars.prefix(length))
        while let last = scalars.popLast() {
            if let next = Unicode.Scalar(last.value + 1) ?? (last.value < 0xE000 ? Unicode.Scalar(0xE000) : nil) {
                return String(String.UnicodeScalarView(scalars + [next]))
            }
        }
        return key.isEmpty ? "\u{1}" : nil
    }

    /// The rows from `start` to `end`; one row (`start == end`) is looked up by its key, which reaches it whatever
    /// damage its neighbours' page has.
    private static func read(_ source: DatabaseQueue, from start: UInt64, to end: UInt64) throws -> [(UInt64, Row)] {
        try source.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.seq, r.id, r.source, r.published, r.received_at, b.record FROM records r LEFT JOIN record_bodies b ON b.seq = r.seq
                WHERE \(start == end ? "r.seq = ?2" : "r.seq BETWEEN ?1 AND ?2") ORDER BY r.seq
                """,
                             arguments: [Int64(clamping: start), Int64(clamping: end)])
                .compactMap { row in row.sequence().map { ($0, row) } }
        }
    }
}

/// A lost row as other pages still describe it, with the listing rows found for it.
struct RecoveredRow {
    var sequence: UInt64
    var id: String
    var source: String?
    /// Read from the row itself when only its record was lost; unknown (nil, "") when the row was.
    var published: String? = nil
    var receivedAt = ""
    var date: String?
    var kind: String?
    var provinces = ""
    var listing: [ListingRow] = []
}

extension RecordStore {
    /// Stores lost rows by id, with the listing rows found for them, without their records; returns how many.
    func keep(_ rows: [RecoveredRow]) throws(RecordStoreError) -> Int {
        guard !rows.isEmpty else { return 0 }
        return try guarded("keep \(rows.count) lost ids") {
            try queue.write { db in
                var kept = 0
                for row in rows {
                    // An id a damaged page gave twice (or under a sequence also saved) is kept once.
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO records (seq, id, source, published, date, kind, received_at, provinces, officials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')
                        """, arguments: [Int64(clamping: row.sequence), row.id, row.source, row.published, row.date, row.kind, row.receivedAt, row.provinces])
                    guard db.changesCount > 0 else { continue }
                    kept += 1
                    try RecordSchema.insertListing(row.listing, db)
                }
                return kept
            }
        }
    }
}
