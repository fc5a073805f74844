import Foundation
import GRDB
import MeetingModel
import ProvinceAggregation
import RecordStore
import Testing
import TestSupport

@Suite("Records store")
struct RecordStoreTests {
    let scratch: TemporaryDirectory
    var directory: String { scratch.path }
    var path: String { directory + "/records.sqlite" }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "record-store")
    }

    /// A record of a meeting on `date` naming `provinces` (name, 2025 unit, roles) and chaired by `chair`.
    static func record(date: String?, kind: String = "hội nghị", chair: String = "Nguyễn Văn An",
                       provinces: [(String, String, [MeetingRecord.ProvinceRole])]) -> MeetingRecord {
        MeetingRecord(date: date, meetingKind: kind, chair: .init(name: chair, titles: ["Chủ tịch UBND tỉnh"]),
                      provinces: provinces.map { .init(name: $0.0, code: 1, roles: $0.2, mergedInto: $0.1) })
    }

    /// A record to store, in the binary form a worker sends, or as JSON (what first-version workers sent).
    static func entry(_ sequence: UInt64, _ record: MeetingRecord?, id: String? = nil, asJSON: Bool = false,
                      published: String? = "2024-05-01") throws -> NewRecord {
        let body = try record.map { asJSON ? Array(try JSONEncoder().encode($0)) : $0.binaryEncoded() }
        return NewRecord(sequence: sequence, id: id ?? "doc-\(sequence)", source: "reports/\(sequence).txt", published: published,
                         receivedAt: "2024-05-02T00:00:00Z", body: body, record: record)
    }

    @Test("a batch is stored whole, found by id, and there after the store is closed and opened again")
    func appendAndReopen() throws {
        let store = try RecordStore.openForWriting(path: path)
        #expect(try store.lastSequence() == 0)
        try store.append([try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])])),
                          try Self.entry(2, Self.record(date: "2024-05-03", provinces: [("Bạc Liêu", "Cà Mau", [.discussant])]))])
        #expect(try store.stored(among: ["doc-1", "doc-2", "doc-3"]) == ["doc-1", "doc-2"])
        try store.close()

        let reader = try RecordStore.openForReading(path: path)
        #expect(try reader.lastSequence() == 2)
        #expect(try reader.stored(among: ["doc-2"]) == ["doc-2"])
        let entry = try #require(try reader.entry(id: "doc-2"))
        #expect(entry.source == "reports/2.txt" && entry.date == "2024-05-03" && entry.kind == "hội nghị")
        #expect(try entry.record()?.provinces.first?.name == "Bạc Liêu")
    }

    @Test("ids by their start: two that share it are both found (show calls that an error), one is found alone, none past the start's range")
    func idsByStart() throws {
        let store = try RecordStore.openForWriting(path: path)
        let record = Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])])
        let ids = ["abcdef0123" + String(repeating: "0", count: 54), "abcdef0199" + String(repeating: "1", count: 54),
                   "abcdef1000" + String(repeating: "2", count: 54), "abcdee9999" + String(repeating: "3", count: 54)]
        try store.append(try ids.enumerated().map { try Self.entry(UInt64($0.offset + 1), record, id: $0.element) })
        #expect(try store.ids(startingWith: "abcdef01", limit: 2) == [ids[0], ids[1]])
        #expect(try store.ids(startingWith: "abcdef012", limit: 2) == [ids[0]])
        #expect(try store.ids(startingWith: "abcdef10", limit: 2) == [ids[2]])
        #expect(try store.ids(startingWith: "abcdef02", limit: 2).isEmpty, "the next id in order does not start so")
        #expect(try store.ids(startingWith: "ffffffff", limit: 2).isEmpty)
    }

    @Test("a batch holding an id already stored stores the rest and names that id, whose first record stays; a sequence used twice refuses the batch whole")
    func idStoredBefore() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])]))])
        let skipped = try store.append([try Self.entry(2, Self.record(date: String?.none, provinces: []), id: "doc-new"),
                                        try Self.entry(3, Self.record(date: "2024-06-01", provinces: [("Bạc Liêu", "Cà Mau", [.host])]), id: "doc-1")])
        #expect(skipped == ["doc-1"])
        #expect(try store.count() == 2 && store.lastSequence() == 2)
        let first = try #require(try store.entry(id: "doc-1"))
        #expect(first.sequence == 1 && first.date == "2024-05-01" && first.source == "reports/1.txt")
        _ = try store.listPending()
        var listed: [String] = []
        try store.select(RecordFilter(province: "Bạc Liêu"), withRecords: false) { listed.append($0.id) }
        #expect(listed.isEmpty, "the skipped record is not listed")

        #expect(throws: RecordStoreError.self) {
            try store.append([try Self.entry(4, Self.record(date: String?.none, provinces: []), id: "doc-4"),
                              try Self.entry(2, Self.record(date: String?.none, provinces: []), id: "doc-5")])
        }
        #expect(try store.count() == 2 && store.stored(among: ["doc-4", "doc-5"]).isEmpty)
    }

    @Test("a skipped record at the top leaves the listing's mark at the last record stored: the number a start gives next is listed")
    func skippedAtTheTopThenRestart() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])]))])
        #expect(try store.append([try Self.entry(2, Self.record(date: "2024-05-02", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
                                  try Self.entry(3, Self.record(date: "2024-05-03", provinces: []), id: "doc-1")]) == ["doc-1"])
        #expect(store.unlisted == 2, "numbers 1 and 2, not the skipped 3")
        _ = try store.listPending()
        try store.close()
        let listedThrough = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") }
        #expect(listedThrough == 2)

        // As the aggregator's next start numbers it: after the store's last record.
        let reopened = try RecordStore.openForWriting(path: path)
        let next = try reopened.lastSequence() + 1
        #expect(next == 3)
        try reopened.append([try Self.entry(next, Self.record(date: "2024-05-04", provinces: [("Cà Mau", "Cà Mau", [.mentioned])]))])
        var listed: [String] = []
        try reopened.select(RecordFilter(province: "Cà Mau"), withRecords: false) { listed.append($0.id) }
        #expect(listed == ["doc-1", "doc-3"])
        _ = try reopened.listPending()
        listed = []
        try reopened.select(RecordFilter(province: "Cà Mau"), withRecords: false) { listed.append($0.id) }
        #expect(listed == ["doc-1", "doc-3"], "and once listed")
    }

    @Test("a listing mark past the last record (left by a build that counted a skipped number) is set back at open")
    func markPastTheLastRecord() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])]))])
        _ = try store.listPending()
        try store.close()
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE listing_progress SET listed_through = 5") }

        let reopened = try RecordStore.openForWriting(path: path)
        try reopened.append([try Self.entry(2, Self.record(date: "2024-05-02", provinces: [("Cà Mau", "Cà Mau", [.host])]))])
        var listed: [String] = []
        try reopened.select(RecordFilter(province: "Cà Mau"), withRecords: false) { listed.append($0.id) }
        #expect(listed == ["doc-1", "doc-2"])
    }

    @Test("a unit's membership first seen in a batch that was refused is written by the next batch that names it")
    func membershipAfterRefusedBatch() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])]))])
        #expect(throws: RecordStoreError.self) {
            try store.append([try Self.entry(2, Self.record(date: "2024-05-02", provinces: [("Bạc Liêu", "Cà Mau", [.host])]), id: "doc-new"),
                              try Self.entry(1, Self.record(date: String?.none, provinces: []), id: "doc-other")])
        }
        try store.append([try Self.entry(2, Self.record(date: "2024-05-03", provinces: [("Bạc Liêu", "Cà Mau", [.discussant])]))])
        try store.append([try Self.entry(3, Self.record(date: "2024-05-04", provinces: [("Bạc Liêu", "Cà Mau", [.mentioned])]))])
        var listed: [String] = []
        try store.select(RecordFilter(province: "Cà Mau", currentUnits: true), withRecords: false) { listed.append($0.id) }
        #expect(listed == ["doc-1", "doc-2", "doc-3"])
    }

    @Test("replay gives the records after a sequence, in order, skipping ids stored without their record; JSON and binary bodies alike")
    func replayAfter() throws {
        let store = try RecordStore.openForWriting(path: path)
        let second = Self.record(date: "2024-01-01", provinces: [("Cà Mau", "Cà Mau", [.host])])
        let third = Self.record(date: "2024-01-02", provinces: [])
        try store.append([try Self.entry(1, MeetingRecord?.none, id: "imported"), try Self.entry(2, second, asJSON: true),
                          try Self.entry(3, third)])
        var seen: [(UInt64, String)] = []
        var records: [MeetingRecord] = []
        try store.forEachRecord(after: 0) { seen.append(($0, $1)); records.append($2) }
        #expect(seen.map(\.0) == [2, 3] && seen.map(\.1) == ["doc-2", "doc-3"])
        #expect(records == [second, third])
        #expect(try store.entry(id: "doc-2")?.record() == second)
        #expect(try store.entry(id: "doc-3")?.record() == third)
        seen = []
        try store.forEachRecord(after: 2) { seen.append(($0, $1)); _ = $2 }
        #expect(seen.map(\.0) == [3])
    }

    @Test("filters: a province of its era or its 2025 unit, a date range (until keeps what it prefixes), a kind, an official folded")
    func filters() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([
            try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
            try Self.entry(2, Self.record(date: "2024-05-20", kind: "tiếp xúc cử tri", provinces: [("Cà Mau", "Cà Mau", [.discussant])])),
            try Self.entry(3, Self.record(date: "2024-06-02", chair: "Trần Thị Bình", provinces: [("Bạc Liêu", "Cà Mau", [.mentioned]), ("Sóc Trăng", "Cần Thơ", [.host])])),
            try Self.entry(4, Self.record(date: "2024-06", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
            try Self.entry(5, Self.record(date: "2024-07-01", provinces: [("Bạc Liêu", "Cà Mau", [.host]), ("Cà Mau", "Cà Mau", [.mentioned])])),
        ])
        // Each filter gives the same documents with and without their records (a province's listing then reads
        // only its own range), and the same summary of provinces.
        func ids(_ filter: RecordFilter) throws -> [String] {
            var found: [String] = [], summaries: [String] = []
            try store.select(filter) { entry in
                found.append(entry.id)
                summaries.append(entry.provinces)
                #expect(entry.body != nil)
            }
            var listed: [String] = [], listedSummaries: [String] = []
            try store.select(filter, withRecords: false) { entry in
                listed.append(entry.id)
                listedSummaries.append(entry.provinces)
            }
            #expect(listed == found && listedSummaries == summaries, "\(filter)")
            return found
        }
        #expect(try ids(RecordFilter(province: "Bạc Liêu")) == ["doc-1", "doc-3", "doc-4", "doc-5"])
        // Document 5 names two old units of Cà Mau: listed once.
        #expect(try ids(RecordFilter(province: "Cà Mau", currentUnits: true)) == ["doc-1", "doc-2", "doc-3", "doc-4", "doc-5"])
        #expect(try ids(RecordFilter(province: "Cà Mau", currentUnits: true, since: "2024-06")) == ["doc-3", "doc-4", "doc-5"])
        #expect(try ids(RecordFilter(province: "Cần Thơ", currentUnits: true)) == ["doc-3"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", since: "2024-05-02")) == ["doc-3", "doc-4", "doc-5"])
        #expect(try ids(RecordFilter(until: "2024-05")) == ["doc-1", "doc-2"])
        #expect(try ids(RecordFilter(since: "2024-06", until: "2024-06")) == ["doc-3", "doc-4"])
        #expect(try ids(RecordFilter(kind: "cử tri")) == ["doc-2"])
        // Across years, and without a date: the listing's key holds the year, a date range reads only the years it
        // reaches, and a shorter `until` still keeps every date it prefixes.
        try store.append([
            try Self.entry(6, Self.record(date: "2023-12-31", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
            try Self.entry(7, Self.record(date: String?.none, provinces: [("Bạc Liêu", "Cà Mau", [.host])]), id: "doc-undated", published: nil),
            try Self.entry(8, Self.record(date: "2025-01-02", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
        ])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", since: "2024-06")) == ["doc-3", "doc-4", "doc-5", "doc-8"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", until: "2024-05-01")) == ["doc-1", "doc-6"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", since: "2023-12-31", until: "2023")) == ["doc-6"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", until: "202")) == ["doc-1", "doc-3", "doc-4", "doc-5", "doc-6", "doc-8"])
        #expect(try ids(RecordFilter(province: "Cà Mau", currentUnits: true, since: "2025")) == ["doc-8"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu")).contains("doc-undated"))
        // A text that gave no date is dated by its publication: found by a range that holds it, and only by one.
        try store.append([
            try Self.entry(9, Self.record(date: String?.none, provinces: [("Bạc Liêu", "Cà Mau", [.host])]), id: "doc-published", published: "2024-06-15"),
        ])
        #expect(try ids(RecordFilter(since: "2024-06", until: "2024-06")) == ["doc-3", "doc-4", "doc-published"])
        #expect(try ids(RecordFilter(province: "Bạc Liêu", since: "2024-06-10", until: "2024-06-20")) == ["doc-published"])
        #expect(try ids(RecordFilter(province: "Cà Mau", currentUnits: true, since: "2024-06-16", until: "2024-06")).isEmpty)
        #expect(try !ids(RecordFilter(until: "2024-05")).contains("doc-published"))
        #expect(try ids(RecordFilter(official: "tran thi binh")) == ["doc-3"])
        #expect(try ids(RecordFilter(official: "Bình")) == ["doc-3"])
        var third: StoredEntry?
        try store.select(RecordFilter(province: "Sóc Trăng"), withRecords: false) { third = $0 }
        #expect(third?.provinces == "Bạc Liêu:mentioned;Sóc Trăng:host")
        #expect(third?.provinceRoles.map(\.key) == ["Bạc Liêu", "Sóc Trăng"] && third?.provinceRoles.last?.roles == ["host"])
        #expect(try store.provinceNames(current: false) == ["Bạc Liêu", "Cà Mau", "Sóc Trăng"])
        #expect(try store.provinceNames(current: true) == ["Cà Mau", "Cần Thơ"])
    }

    @Test("a version 1 store (a listing table per 2025 unit) is read as it is, and moved to version 4 by the next writer")
    func migrationFromVersion1() throws {
        // Written as version 2, then turned back into what version 1 wrote: `record_units` instead of `unit_members`.
        let store = try RecordStore.openForWriting(path: path)
        try store.append([
            try Self.entry(1, Self.record(date: "2024-05-01", provinces: [("Bạc Liêu", "Cà Mau", [.host])]), asJSON: true),
            try Self.entry(2, Self.record(date: "2024-05-02", provinces: [("Sóc Trăng", "Cần Thơ", [.host]), ("Cà Mau", "Cà Mau", [.mentioned])])),
        ])
        try store.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE record_units (
                    unit TEXT NOT NULL, seq INTEGER NOT NULL,
                    id TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, provinces TEXT NOT NULL,
                    PRIMARY KEY (unit, seq)
                ) WITHOUT ROWID;
                INSERT INTO record_units SELECT 'Cà Mau', seq, id, date, kind, source, provinces FROM records;
                INSERT INTO record_units SELECT 'Cần Thơ', seq, id, date, kind, source, provinces FROM records WHERE seq = 2;
                DROP TABLE unit_members;
                \(LegacyStoreSQL.listingWithoutYear)
                PRAGMA user_version = 1;
                """)
        }
        try queue.close()
        func units(_ store: RecordStore) throws -> [String: [String]] {
            var found: [String: [String]] = [:]
            for unit in try store.provinceNames(current: true) {
                try store.select(RecordFilter(province: unit, currentUnits: true), withRecords: false) { found[unit, default: []].append($0.id) }
            }
            return found
        }
        let expected = ["Cà Mau": ["doc-1", "doc-2"], "Cần Thơ": ["doc-2"]]
        #expect(try units(RecordStore.openForReading(path: path)) == expected, "a reader takes version 1 as it is")
        let migrated = try RecordStore.openForWriting(path: path)
        #expect(try units(migrated) == expected)
        try migrated.append([try Self.entry(3, Self.record(date: "2024-05-03", provinces: [("Bạc Liêu", "Cà Mau", [.mentioned])]))])
        #expect(try units(migrated)["Cà Mau"] == ["doc-1", "doc-2", "doc-3"])
        try migrated.close()
        let tables = try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        }
        #expect(tables.0 == 4 && !tables.1.contains("record_units") && tables.1.contains("unit_members"))
    }

    @Test("a version 2 store (listing keyed without the year) is read as it is, and moved to version 4 by the next writer")
    func migrationFromVersion2() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([
            try Self.entry(1, Self.record(date: "2023-05-01", provinces: [("Bạc Liêu", "Cà Mau", [.host])])),
            try Self.entry(2, Self.record(date: String?.none, provinces: [("Bạc Liêu", "Cà Mau", [.host]), ("Sóc Trăng", "Cần Thơ", [.host])]), published: nil),
            try Self.entry(3, Self.record(date: "2024-05-02", provinces: [("Bạc Liêu", "Cà Mau", [.mentioned])])),
        ])
        try store.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: LegacyStoreSQL.listingWithoutYear + "PRAGMA user_version = 2;") }
        try queue.close()
        func listing(_ store: RecordStore) throws -> [[String]] {
            try [RecordFilter(province: "Bạc Liêu"), RecordFilter(province: "Bạc Liêu", since: "2024"), RecordFilter(province: "Cà Mau", currentUnits: true, until: "2023-12"),
                 RecordFilter(province: "Cần Thơ", currentUnits: true)].map { filter in
                var ids: [String] = []
                try store.select(filter, withRecords: false) { ids.append($0.id) }
                return ids
            }
        }
        let expected = [["doc-1", "doc-2", "doc-3"], ["doc-3"], ["doc-1"], ["doc-2"]]
        #expect(try listing(RecordStore.openForReading(path: path)) == expected, "a reader takes version 2 as it is")
        let migrated = try RecordStore.openForWriting(path: path)
        #expect(try listing(migrated) == expected)
        try migrated.append([try Self.entry(4, Self.record(date: "2024-01-09", provinces: [("Bạc Liêu", "Cà Mau", [.host])]))])
        #expect(try listing(migrated)[1] == ["doc-3", "doc-4"])
        try migrated.close()
        let (version, keyColumns) = try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('sqlite_autoindex_record_provinces_1')"))
        }
        #expect(version == 4 && keyColumns == ["province", "year", "seq"])
    }

    @Test("a reader opened while the writer is open sees every committed batch")
    func readerBesideWriter() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append([try Self.entry(1, Self.record(date: String?.none, provinces: []))])
        let reader = try RecordStore.openForReading(path: path)
        #expect(try reader.lastSequence() == 1)
        try store.append([try Self.entry(2, Self.record(date: String?.none, provinces: []))])
        #expect(try reader.lastSequence() == 2)
    }

    @Test("a damaged page, or a file that is not a database, stops the start with an error naming the file and the way back")
    func damage() throws {
        let store = try RecordStore.openForWriting(path: path)
        // Enough records for a multi-page table; then overwrite a page in the middle of the file.
        let records = try (1...400).map { try Self.entry(UInt64($0), Self.record(date: "2024-05-01", chair: String(repeating: "Nguyễn ", count: 40), provinces: [("Cà Mau", "Cà Mau", [.host])])) }
        try store.append(records)
        try store.close()
        try truncateWAL()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 16 * 4096)
        try handle.seek(toOffset: (size / 4096 / 2) * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        do {
            _ = try RecordStore.openForWriting(path: path)
            Issue.record("a damaged store opened")
        } catch {
            guard case .corrupt(let named, _) = error else { Issue.record("\(error)"); return }
            #expect(named == path)
            #expect(error.description.contains("ingest salvage-records") && error.description.contains("README"), "\(error)")
        }

        let other = directory + "/not-a-database.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: other))
        #expect { try RecordStore.openForWriting(path: other) } throws: { error in
            if case .corrupt? = error as? RecordStoreError { return true }
            return false
        }
    }

    @Test("salvage copies every readable record of a damaged store, rebuilds its side tables, and names the sequences lost")
    func salvage() throws {
        try fillAndDamage(page: .anyInTheFile)
        let fresh = directory + "/salvaged.sqlite"
        let report = try RecordSalvage.salvage(from: path, into: fresh, snapshots: [600])
        let lost = report.lost.reduce(0) { $0 + $1.count }
        #expect(report.saved + report.keptIDs + report.toResend.count + lost == 600, "\(report)")
        #expect(report.saved >= 550, "one page holds a few records: \(report)")
        let salvaged = try RecordStore.openForReading(path: fresh)
        #expect(try salvaged.count() == report.saved + report.keptIDs)
        var withRecords = 0, listed = 0
        try salvaged.select(RecordFilter(province: "Cà Mau")) { _ in withRecords += 1 }
        try salvaged.select(RecordFilter(province: "Cà Mau"), withRecords: false) { _ in listed += 1 }
        #expect(withRecords == report.saved, "the province table is rebuilt from the records: \(report)")
        #expect(listed == report.saved + report.keptIDs, "and keeps the listing rows of the ids kept: \(report)")
        for range in report.lost { #expect(try salvaged.stored(among: ["doc-\(range.lowerBound)"]).isEmpty) }
        #expect(throws: RecordStoreError.self) { try RecordSalvage.salvage(from: path, into: fresh, snapshots: [600]) }
    }

    /// Where salvage finds the ids of lost rows, and which snapshot it starts from.
    struct LostRows: CustomTestStringConvertible, Sendable {
        var leaf: RecordsLeaf
        /// Records naming a province have listing rows; without, only the id index names them.
        var withProvinces: Bool
        /// A store an older build wrote (schema 2: no year in the listing key).
        var schema2 = false
        var testDescription: String {
            "\(leaf == .middle ? "a middle" : "the last") leaf, \(withProvinces ? "listing rows" : "the id index only")\(schema2 ? ", schema 2" : "")"
        }
    }

    @Test("rows on a damaged page keep their ids when the snapshot counted them, and are named to be sent again when it did not",
          arguments: [LostRows(leaf: .middle, withProvinces: true), LostRows(leaf: .middle, withProvinces: false),
                      LostRows(leaf: .last, withProvinces: true, schema2: true)])
    func salvageKeepsIDs(_ setup: LostRows) throws {
        let lostSequences = try fillAndDamage(page: .records(setup.leaf), withProvinces: setup.withProvinces, schema2: setup.schema2)
        try #require(!lostSequences.isEmpty)
        // A snapshot in the middle of the lost rows (below it they stay counted, above it they are not) and one
        // beyond every row. With the last leaf lost, also one at the last row: the store's highest sequence is
        // unreadable, yet the ids found take the new store up to it, so that one is the start.
        let middle = lostSequences.sorted()[lostSequences.count / 2]
        let fresh = directory + "/salvaged.sqlite"
        let report = try RecordSalvage.salvage(from: path, into: fresh, snapshots: setup.leaf == .last ? [middle, 600, 700] : [middle, 700])
        let start: UInt64 = setup.leaf == .last ? 600 : middle
        #expect(report.startSnapshot == start, "700 is beyond every row the new store holds: \(report)")
        #expect(report.lost.isEmpty, "the id index and the listing table still name every lost row: \(report)")
        #expect(report.saved + report.keptIDs + report.toResend.count == 600, "\(report)")
        #expect(report.keptIDs == lostSequences.filter { $0 <= start }.count)
        #expect(report.toResend.map(\.sequence) == lostSequences.filter { $0 > start }.sorted())
        #expect(report.toResend.allSatisfy { $0.id == "doc-\($0.sequence)" })
        if setup.withProvinces { #expect(report.toResend.allSatisfy { $0.source == "reports/\($0.sequence).txt" }) }
        let salvaged = try RecordStore.openForReading(path: fresh)
        for sequence in lostSequences {
            // Kept: a document sent again is a duplicate; not kept: it is counted when sent again.
            #expect(try !salvaged.stored(among: ["doc-\(sequence)"]).isEmpty == (sequence <= start), "\(sequence)")
        }
        let first = try #require(lostSequences.min())
        let kept = try #require(try salvaged.entry(id: "doc-\(first)"))
        #expect(kept.body == nil && kept.sequence == first)
        if setup.withProvinces {
            #expect(kept.provinces == "Cà Mau:host" && kept.source == "reports/\(first).txt" && kept.date == "2024-05-01")
            var listed = Set<UInt64>()
            try salvaged.select(RecordFilter(province: "Cà Mau", since: "2024-01-01"), withRecords: false) { listed.insert($0.sequence) }
            #expect(lostSequences.filter { $0 <= start }.allSatisfy(listed.contains), "a kept row keeps its listing rows, under the year")
        }
        #expect(try salvaged.lastSequence() == 600)
    }

    /// A tester's report: rows whose `records` page read but whose record did not were saved without it and counted
    /// as salvaged; after the starting snapshot such a row was never applied (replay needs the record), yet its id
    /// answered DUPLICATE to the same document sent again.
    @Test("a row whose record cannot be read is kept by id when the snapshot counted it, else named to be sent again")
    func salvageRowsWithoutRecords() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append(try (1...600).map { try Self.entry(UInt64($0), Self.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])])) })
        try store.close()
        try truncateWAL()
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM record_bodies WHERE seq BETWEEN 100 AND 160") }
        let fresh = directory + "/salvaged.sqlite"
        let report = try RecordSalvage.salvage(from: path, into: fresh, snapshots: [130, 700])
        #expect(report.startSnapshot == 130)
        #expect(report.saved == 539 && report.keptIDs == 31 && report.lost.isEmpty, "\(report)")
        #expect(report.toResend.map(\.sequence) == Array(131...160) && report.toResend.allSatisfy { $0.source == "reports/\($0.sequence).txt" })
        let salvaged = try RecordStore.openForReading(path: fresh)
        #expect(try salvaged.stored(among: (100...130).map { "doc-\($0)" }).count == 31, "counted by the snapshot: a duplicate if sent again")
        #expect(try salvaged.stored(among: (131...160).map { "doc-\($0)" }).isEmpty, "not counted: applied when sent again")
        let kept = try #require(try salvaged.entry(id: "doc-100"))
        #expect(kept.body == nil && kept.published == "2024-05-01" && kept.receivedAt == "2024-05-02T00:00:00Z" && kept.date == "2024-05-01",
                "what the row itself still held is kept")
        var listed = 0
        try salvaged.select(RecordFilter(province: "Cà Mau"), withRecords: false) { _ in listed += 1 }
        #expect(listed == 539 + 31, "the kept rows keep their listing rows")
        var replayed = 0
        try salvaged.forEachRecord(after: 0) { _, _, _ in replayed += 1 }
        #expect(replayed == 539)
    }

    enum RecordsLeaf: Sendable { case middle, last }
    enum DamagedPage { case anyInTheFile, records(RecordsLeaf) }

    /// Stores 600 records, moves them into the database file, and overwrites one page: a third of the way into the
    /// file, or a leaf of `records` (found through SQLite's `dbstat`). Returns the sequences a lookup can no longer
    /// reach (those the leaf held).
    @discardableResult
    private func fillAndDamage(page: DamagedPage, withProvinces: Bool = true, schema2: Bool = false) throws -> [UInt64] {
        let store = try RecordStore.openForWriting(path: path)
        let records = try (1...600).map { index in
            try Self.entry(UInt64(index), Self.record(date: "2024-05-01", chair: "Lê Văn \(index) " + String(repeating: "Nguyễn ", count: 30),
                                                      provinces: withProvinces ? [("Cà Mau", "Cà Mau", [.host])] : []))
        }
        try store.append(records)
        try store.close()
        if schema2 {
            // Written back as schema 2 and checkpointed without the store (whose writer would move it to schema 3).
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: LegacyStoreSQL.listingWithoutYear + "PRAGMA user_version = 2;") }
            _ = try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try queue.close()
        } else {
            try truncateWAL()
        }
        let offset: UInt64
        switch page {
        case .anyInTheFile:
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            offset = UInt64(size / 4096 / 3) * 4096
        case .records(let which):
            let leaves = try DatabaseQueue(path: path).read { db in
                try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY path")
            }
            try #require(leaves.count >= 3, "records should span leaves: \(leaves)")
            offset = UInt64((which == .middle ? leaves[leaves.count / 2] : leaves[leaves.count - 1]) - 1) * 4096
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(repeating: 0x00, count: 4096))
        try handle.close()
        guard case .records = page else { return [] }
        let damaged = try DatabaseQueue(path: path)
        return (1...600).filter { sequence in
            let found = try? damaged.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM records WHERE seq = ?", arguments: [sequence]) }
            return (found ?? nil) == nil
        }.map(UInt64.init)
    }

    /// Moves everything in the WAL into the database file, so that damage to the file is what a reader sees.
    private func truncateWAL() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.checkpoint()
        try store.close()
    }
}
