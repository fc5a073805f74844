import GRDB

/// The listing table written on a connection and thread of its own, behind a writer that stores only the records.
///
/// The aggregator's records writer stores each batch with ``RecordStore/appendLeavingListing(_:)`` and hands the
/// batch's listing rows over; a second ``RecordStore``, opened with ``RecordStore/openForListing(path:)``, takes
/// them (``RecordStore/takeListing(_:)``) and lists them in runs and slices (``RecordStore/listSlice(rows:)``), its
/// transactions taking turns with the writer's. Listed in the writer's own transactions, the listing was about 40%
/// of that thread's time, the aggregator's busiest; on a thread of its own it runs beside the commits.
///
/// The listing connection commits with `synchronous = NORMAL`: the table is derived from `records` (a document
/// after `listing_progress.listed_through` is read from its `records` row), so a commit lost to a power cut loses
/// nothing, and its mark goes back with its rows. The writer's next commit (`FULL`) syncs the log with the listing's
/// frames in it, and a checkpoint syncs the log before it copies any of them.
extension RecordStore {
    /// Opens the store at `path`, which a writer opened already (its schema is this build's), to write its
    /// listing table. Documents stored after this call are listed from the rows handed to ``takeListing(_:)``;
    /// those stored before and not yet listed are read back from `records`.
    public static func openForListing(path: String) throws(RecordStoreError) -> RecordStore {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "records-listing"
        configuration.prepareDatabase { db in
            // The writer's hook asks for checkpoints; this connection never runs one inside its commits.
            for pragma in ["PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 0", "PRAGMA cache_size = -8192"] {
                try db.execute(sql: pragma)
            }
        }
        return try guarded(path, "open for listing") {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let version = try queue.read { db in try RecordSchema.version(db) }
            guard version == RecordSchema.version else {
                throw RecordStoreError.unsupported(path: path, detail: "schema \(version), the listing connection writes \(RecordSchema.version)")
            }
            let store = RecordStore(path: path, queue: queue)
            try store.readListingProgress()
            return store
        }
    }

    /// A committed batch's listing rows, handed from the records writer to the listing connection.
    public func takeListing(_ listing: StoredListing) {
        sliceCommitted(nil, adding: listing.rows, through: listing.through)
    }

    /// Forgets the rows held for documents up to `sequence`, whose rows were dropped on the way (the listing fell too
    /// far behind to hold them in memory): those documents are read back from `records` when their turn comes. Rows are
    /// handed over in sequence order, so every row held is of a document up to `sequence`.
    public func skipListing(through sequence: UInt64) {
        pendingListing = PendingListingRows(completeAfter: max(sequence, listedThrough))
        lastAppended = max(lastAppended, sequence)
    }

    /// Whether a run of the listing is part-way inserted (each ``listSlice(rows:)`` inserts its next slice).
    public var isListingRunOpen: Bool { listingRun != nil }

    /// The listing rows this connection holds, waiting or in a run part-way inserted: what it costs in memory.
    public var heldListingRows: Int { pendingListing.count + (listingRun?.remaining ?? 0) }

    /// The last sequence stored as this connection knows it (from the rows handed over).
    public var lastStoredSequence: UInt64 { lastAppended }
}

/// A committed batch's listing rows: what ``RecordStore/appendLeavingListing(_:)`` leaves to the listing connection.
public struct StoredListing: Sendable {
    var rows: [ListingRow]
    /// The last sequence the batch stored (0 when it stored none).
    public let through: UInt64

    /// How many listing rows: what holding it costs.
    public var rowCount: Int { rows.count }
}

extension RecordStore {
    /// The connection's `PRAGMA synchronous` (1, NORMAL, for the listing's; 2, FULL, for the records writer's).
    func synchronousLevel() throws -> Int? {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }
}
