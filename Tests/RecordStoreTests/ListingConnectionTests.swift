import Foundation
import GRDB
import MeetingModel
@testable import RecordStore
import Testing
import TestSupport

/// The aggregator stores the records on one connection and writes the listing table on another: a reader must list
/// the same documents however far the second has got, and rows dropped on the way must not leave a document out.
@Suite("Records store: the listing written on a connection of its own")
struct ListingConnectionTests {
    let scratch: TemporaryDirectory
    var path: String { scratch.path + "/records.sqlite" }

    init() throws {
        scratch = try TemporaryDirectory(prefix: "listing-connection")
    }

    func listedThrough() throws -> Int64? {
        try DatabaseQueue(path: path).read { db in try Int64.fetchOne(db, sql: "SELECT listed_through FROM listing_progress") }
    }

    func listingRowCount() throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record_provinces") ?? 0 }
    }

    @Test("a batch stored without its listing writes no listing row; the listing connection lists the rows handed to it, and every listing is the same before and after")
    func listingConnectionListsHandedRows() throws {
        let writer = try RecordStore.openForWriting(path: path)
        let listing = try RecordStore.openForListing(path: path)
        let (storedBefore, rows) = try writer.appendLeavingListing(try PendingListingTests.documents())
        #expect(storedBefore.isEmpty)
        #expect(rows.through == 6 && rows.rowCount == 8, "six documents name eight units, one twice: \(rows.rowCount)")
        #expect(try listingRowCount() == 0 && listedThrough() == 0, "the records' transaction held no listing row")
        #expect(writer.unlisted == 0, "a writer that leaves its listing counts nothing unlisted")
        try writer.close()
        #expect(try listedThrough() == 0, "nor does it list anything as it closes")

        let reader = try RecordStore.openForReading(path: path)
        let before = try PendingListingTests.listings(reader)
        listing.takeListing(rows)
        #expect(listing.unlisted == 6)
        #expect(try listing.listSlice(rows: 4))
        #expect(listing.isListingRunOpen, "a run of seven rows, four inserted")
        #expect(try PendingListingTests.listings(reader) == before, "halfway")
        #expect(try listing.listSlice(rows: 4))
        #expect(!listing.isListingRunOpen)
        #expect(try listedThrough() == 6 && listingRowCount() == 7)
        #expect(try PendingListingTests.listings(reader) == before, "listed")
        try listing.close()
    }

    @Test("a batch whose documents were stored already hands over no rows of theirs; documents stored before the listing connection opened are read back")
    func skippedRecordsHandNoRows() throws {
        let writer = try RecordStore.openForWriting(path: path)
        let documents = try PendingListingTests.documents()
        _ = try writer.appendLeavingListing(Array(documents.prefix(2)))
        let listing = try RecordStore.openForListing(path: path)
        #expect(listing.unlisted == 2, "stored before it opened")
        // The same two ids again under new numbers: skipped.
        let again = try documents.prefix(2).enumerated().map { index, document in
            try RecordStoreTests.entry(UInt64(10 + index), document.record, id: document.id, published: nil)
        }
        let (storedBefore, rows) = try writer.appendLeavingListing(again)
        #expect(storedBefore == ["doc-1", "doc-2"])
        #expect(rows.rowCount == 0 && rows.through == 0)
        listing.takeListing(rows)
        #expect(listing.unlisted == 2)
        try listing.listPending()
        #expect(try listedThrough() == 2 && listingRowCount() == 3, "documents 1 and 2 read back: three rows")
    }

    @Test("rows dropped on the way (skipListing) are read back from the records: every document is listed once, in key order")
    func droppedRowsAreReadBack() throws {
        let writer = try RecordStore.openForWriting(path: path)
        let listing = try RecordStore.openForListing(path: path)
        let first = try writer.appendLeavingListing(try PendingListingTests.documents(from: 1)).listing
        let second = try writer.appendLeavingListing(try PendingListingTests.documents(from: 7)).listing
        let third = try writer.appendLeavingListing(try PendingListingTests.documents(from: 13)).listing
        listing.takeListing(first)
        // The second batch's rows never arrive, only the word that they were dropped.
        listing.skipListing(through: second.through)
        listing.takeListing(third)
        #expect(listing.unlisted == 18)
        try listing.listPending()
        #expect(try listedThrough() == 18)
        #expect(try listingRowCount() == 21, "seven rows for each six documents, none twice")
        let reader = try RecordStore.openForReading(path: path)
        var listed: [String] = []
        try reader.select(RecordFilter(province: "Bạc Liêu")) { listed.append($0.id) }
        #expect(listed == ["doc-1", "doc-3", "doc-4", "doc-7", "doc-9", "doc-10", "doc-13", "doc-15", "doc-16"], "\(listed)")
    }

    @Test("documents read back after their rows were dropped are listed as many per transaction as the slice's rows hold, not a run of 2,048")
    func readBackKeepsPaceWithTheSlice() throws {
        let writer = try RecordStore.openForWriting(path: path)
        let listing = try RecordStore.openForListing(path: path)
        let count = RecordStore.listingBatch + 1_000
        let documents = try (1...count).map { index in
            try RecordStoreTests.entry(UInt64(index), RecordStoreTests.record(date: "2024-05-01", provinces: [("Cà Mau", "Cà Mau", [.host])]))
        }
        let stored = try writer.appendLeavingListing(documents).listing
        listing.skipListing(through: stored.through)
        #expect(listing.unlisted == UInt64(count))
        #expect(try listing.listSlice(rows: 4 * count))
        #expect(listing.unlisted == 0 && !listing.isListingRunOpen, "one transaction read back and listed all \(count)")
        #expect(try listedThrough() == Int64(count) && listingRowCount() == count)
    }

    @Test("the listing connection commits without syncing (NORMAL), the records writer's with FULL")
    func listingCommitsWithoutSync() throws {
        let writer = try RecordStore.openForWriting(path: path)
        let listing = try RecordStore.openForListing(path: path)
        #expect(try listing.synchronousLevel() == 1)
        #expect(try writer.synchronousLevel() == 2)
    }
}
