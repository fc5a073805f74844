import Foundation
import GRDB
import MeetingModel
import RecordStore
import Testing
import TestSupport

/// The listing table is written behind the records (schema 4): what a reader lists must not depend on how far
/// it has caught up, and a writer that stops early must leave nothing out.
@Suite("Records store: the listing written behind the records")
struct PendingListingTests {
    let scratch: TemporaryDirectory
    var path: String { scratch.path + "/records.sqlite" }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "pending-listing")
    }

    /// Six documents: two units of one 2025 unit, a unit named twice by one document, a document naming none,
    /// dates in three years and none, two kinds and two chairs.
    static func documents(from first: UInt64 = 1) throws -> [NewRecord] {
        let specs: [(String?, String, String, [(String, String, [MeetingRecord.ProvinceRole])])] = [
            ("2023-04-02", "hội nghị", "Nguyễn Văn An", [("Bạc Liêu", "Cà Mau", [.host]), ("Sóc Trăng", "Cần Thơ", [.discussant])]),
            ("2024-01-15", "tiếp xúc cử tri", "Trần Thị Bình", [("Cà Mau", "Cà Mau", [.bridgePoint, .discussant])]),
            (nil, "hội nghị", "Nguyễn Văn An", [("Bạc Liêu", "Cà Mau", [.mentioned])]),
            ("2024-06-30", "hội nghị", "Lê Văn Cường", [("Bạc Liêu", "Cà Mau", [.host]), ("Cà Mau", "Cà Mau", [.mentioned]), ("Bạc Liêu", "Cà Mau", [.discussant])]),
            ("2025-07-01", "hội nghị", "Trần Thị Bình", []),
            ("2025-08-20", "tiếp xúc cử tri", "Nguyễn Văn An", [("Cà Mau", "Cà Mau", [.host])]),
        ]
        return try specs.enumerated().map { index, spec in
            let record = RecordStoreTests.record(date: spec.0, kind: spec.1, chair: spec.2, provinces: spec.3)
            return try RecordStoreTests.entry(first + UInt64(index), record, id: "doc-\(first + UInt64(index))", published: nil)
        }
    }

    static let filters: [RecordFilter] = [
        RecordFilter(province: "Bạc Liêu"),
        RecordFilter(province: "Cà Mau", since: "2024"),
        RecordFilter(province: "Bạc Liêu", until: "2023-12"),
        RecordFilter(province: "Cà Mau", currentUnits: true),
        RecordFilter(province: "Cà Mau", currentUnits: true, since: "2024-03", kind: "hội nghị"),
        RecordFilter(province: "Cần Thơ", currentUnits: true),
        RecordFilter(province: "Cà Mau", official: "nguyen van an"),
        RecordFilter(since: "2024"),
    ]

    /// Every filter's ids and summaries, without and with the records.
    static func listings(_ store: RecordStore) throws -> [[String]] {
        try filters.flatMap { filter in
            try [false, true].map { withRecords in
                var lines: [String] = []
                try store.select(filter, withRecords: withRecords) { lines.append("\($0.id) \($0.provinces) \($0.body != nil)") }
                return lines
            }
        }
    }

    /// The listing table's rows, as (unit, year, seq, roles).
    func listingRows() throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT province, year, seq, roles FROM record_provinces ORDER BY province, year, seq").map { row in
                "\(row["province"] as String) \(row["year"] as String) \(row["seq"] as Int64) \(row["roles"] as String)"
            }
        }
    }

    func listedThrough() throws -> Int64? {
        try DatabaseQueue(path: path).read { db in try Int64.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") }
    }

    @Test("a listing is the same before the listing table caught up, halfway, and after; its rows are each unit's first roles")
    func sameListingWhateverTheProgress() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append(try Self.documents())
        #expect(store.unlisted == 6)
        #expect(try listingRows().isEmpty, "a batch writes no listing rows")
        #expect(try store.provinceNames(current: false) == ["Bạc Liêu", "Cà Mau", "Sóc Trăng"], "units only unlisted documents name")
        let before = try Self.listings(store)
        #expect(before[0].map { $0.prefix(5) } == ["doc-1", "doc-3", "doc-4"], "\(before[0])")
        #expect(before[2].map { $0.prefix(5) } == ["doc-2", "doc-4", "doc-6"], "Cà Mau since 2024: \(before[2])")
        #expect(before[6].map { $0.prefix(5) } == ["doc-1", "doc-2", "doc-3", "doc-4", "doc-6"], "the 2025 unit, each document once: \(before[6])")
        #expect(before[12].map { $0.prefix(5) } == ["doc-6"], "an official's name, folded: \(before[12])")
        #expect(before[1].allSatisfy { $0.hasSuffix("true") } && before[0].allSatisfy { $0.hasSuffix("false") })

        // A run of all six begun, three of its seven rows in the table: behind the mark, so not listed yet.
        #expect(try store.listSlice(rows: 3))
        #expect(try store.unlisted == 6 && listedThrough() == 0 && listingRows().count == 3)
        #expect(try Self.listings(store) == before)
        #expect(try store.provinceNames(current: false) == ["Bạc Liêu", "Cà Mau", "Sóc Trăng"])

        #expect(try store.listPending() == 6)
        #expect(try store.unlisted == 0 && listedThrough() == 6)
        #expect(try Self.listings(store) == before)
        #expect(try listingRows() == [
            "Bạc Liêu 2023 1 host", "Bạc Liêu 2024 4 host", "Bạc Liêu  3 mentioned",
            "Cà Mau 2024 2 bridgePoint,discussant", "Cà Mau 2024 4 mentioned", "Cà Mau 2025 6 host",
            "Sóc Trăng 2023 1 discussant",
        ].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(try store.listPending() == 0, "nothing left")
    }

    @Test("a writer gone before listing leaves nothing out: readers list the rest from the records, the next writer lists it at open")
    func crashBeforeListing() throws {
        do {
            let store = try RecordStore.openForWriting(path: path)
            let documents = try Self.documents()
            try store.append(Array(documents[..<3]))
            try store.listPending()
            try store.append(Array(documents[3...]))
            try store.listSlice(rows: 2)
            // Gone without close(), as after a kill -9: three documents unlisted, two rows of their run written.
        }
        #expect(try listedThrough() == 3)
        let reader = try RecordStore.openForReading(path: path)
        let expected = try Self.listings(reader)
        #expect(expected[6].count == 5, "\(expected[6])")
        try reader.close()

        let writer = try RecordStore.openForWriting(path: path)
        #expect(try writer.unlisted == 0 && listedThrough() == 6)
        #expect(try Self.listings(writer) == expected)
        try writer.append(try Self.documents(from: 7))
        try writer.close()
        #expect(try listedThrough() == 12, "close() lists what is pending")
        #expect(try listingRows().count == 14)
    }

    @Test("a version 3 store (listing written with each batch) is read as it is and moved to version 4 at once, its listing kept")
    func migrationFromVersion3() throws {
        let store = try RecordStore.openForWriting(path: path)
        try store.append(try Self.documents())
        try store.close()
        let expected = try Self.listings(RecordStore.openForReading(path: path))
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: LegacyStoreSQL.version3) }
        try queue.close()
        #expect(try Self.listings(RecordStore.openForReading(path: path)) == expected, "a reader takes version 3 as it is")

        let migrated = try RecordStore.openForWriting(path: path)
        #expect(try listedThrough() == 6 && migrated.unlisted == 0)
        #expect(try Self.listings(migrated) == expected)
        try migrated.append([try RecordStoreTests.entry(7, RecordStoreTests.record(date: "2024-02-02", provinces: [("Bạc Liêu", "Cà Mau", [.host])]))])
        var ids: [String] = []
        try migrated.select(RecordFilter(province: "Bạc Liêu"), withRecords: false) { ids.append($0.id) }
        #expect(ids == ["doc-1", "doc-3", "doc-4", "doc-7"])
        let version = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == 4)
    }

    /// Document `index` names one or two of five units, each its own 2025 unit, in one of four years.
    static func spread(_ index: Int) -> (date: String, units: [String]) {
        let units = ["An Giang", "Bắc Ninh", "Cà Mau", "Đắk Lắk", "Hà Nội"]
        return ("\(2020 + index % 4)-0\(1 + index % 9)-1\(index % 10)", Array(Set([units[index % 5], units[(index / 5) % 5]])).sorted())
    }

    static func spreadEntries(_ range: ClosedRange<Int>) throws -> [NewRecord] {
        try range.map { index in
            let (date, units) = spread(index)
            return try RecordStoreTests.entry(UInt64(index), RecordStoreTests.record(date: date, provinces: units.map { ($0, $0, [.discussant]) }), published: nil)
        }
    }

    @Test("batches insert a run of listing rows a slice each, one refused on the way: every listing is whole after each, and the table ends complete")
    func slicesAcrossBatches() throws {
        let store = try RecordStore.openForWriting(path: path)
        var stored = 0
        func check(_ when: String) throws {
            for (unit, since) in [("Cà Mau", nil), ("Hà Nội", "2022"), ("An Giang", "2021-05")] as [(String, String?)] {
                let expected = (1...max(1, stored)).filter { index in
                    stored > 0 && Self.spread(index).units.contains(unit) && since.map { Self.spread(index).date >= $0 } != false
                }.map { "doc-\($0)" }
                var ids: [String] = []
                try store.select(RecordFilter(province: unit, since: since), withRecords: false) { ids.append($0.id) }
                #expect(ids == expected, "\(unit) since \(since ?? "-") \(when): \(ids.count) listed, \(expected.count) expected")
            }
        }
        for start in stride(from: 1, through: 2_100, by: 700) {
            try store.append(try Self.spreadEntries(start...(start + 699)))
            stored = start + 699
        }
        try check("before any run")
        #expect(try listingRows().isEmpty && store.unlisted == 2_100)
        var sawHiddenRows = false
        var refused = false
        for _ in 0..<200 where try listedThrough() == 0 {
            let (markNow, rowsNow) = (try listedThrough(), try listingRows())
            if !refused, markNow == 0, !rowsNow.isEmpty {
                // A batch refused halfway through the run: its slice goes with it, and the next batch inserts it again.
                refused = true
                #expect(throws: RecordStoreError.self) { try store.append(try Self.spreadEntries((stored + 1)...(stored + 20)) + Self.spreadEntries(1...1)) }
            }
            try store.append(try Self.spreadEntries((stored + 1)...(stored + 20)))
            stored += 20
            let rows = try listingRows().count
            let mark = try listedThrough() ?? 0
            if mark == 0 && rows > 0 { sawHiddenRows = true }
            try check("after \(stored) stored, \(rows) listing rows, listed through \(mark)")
        }
        #expect(sawHiddenRows, "a run's rows were in the table before its mark moved, and readers did not list them twice")
        #expect(refused)
        #expect(try listedThrough() == 2_100, "the run took every document committed before it began")
        try store.close()
        let units = (1...stored).reduce(0) { $0 + Self.spread($1).units.count }
        #expect(try listingRows().count == units, "every document's every unit, once")
        #expect(try listedThrough() == Int64(stored))
    }
}
