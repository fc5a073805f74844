/// SQL that turns a records store back into what an older build wrote, for the tests of reading and moving it.
public enum LegacyStoreSQL {
    /// The listing table as schemas 1 and 2 keyed it: by province and sequence, without the year (and never behind
    /// the records: the store must have listed everything, as ``RecordStore/close()`` does).
    public static let listingWithoutYear = """
        DROP TABLE IF EXISTS listing_progress;
        CREATE TABLE record_provinces_old (
            province TEXT NOT NULL, seq INTEGER NOT NULL, roles TEXT NOT NULL,
            id TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, provinces TEXT NOT NULL,
            PRIMARY KEY (province, seq)
        ) WITHOUT ROWID;
        INSERT INTO record_provinces_old SELECT province, seq, roles, id, date, kind, source, provinces FROM record_provinces;
        DROP TABLE record_provinces;
        ALTER TABLE record_provinces_old RENAME TO record_provinces;
        """

    /// Schema 3: the listing table written with every batch, so no `listing_progress`.
    public static let version3 = """
        DROP TABLE listing_progress;
        PRAGMA user_version = 3;
        """
}
