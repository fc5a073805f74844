import GRDB
import MeetingExtraction

/// Which stored documents `ingest records` lists. Dates compare as text (`YYYY-MM-DD`, or shorter when the
/// report gave only a month or a year); `until` includes every date it is a prefix of (`--until 2024-05`
/// keeps all of May).
public struct RecordFilter: Sendable, Equatable {
    /// An exact province key (``ProvinceState/key``), or a 2025 unit's name when `currentUnits`.
    public var province: String?
    public var currentUnits: Bool
    public var since: String?
    public var until: String?
    /// A substring of the meeting kind (`hội nghị`, `tiếp xúc cử tri`).
    public var kind: String?
    /// A part of an official's name, compared folded (`nguyen van a` finds `Nguyễn Văn A`).
    public var official: String?

    public init(province: String? = nil, currentUnits: Bool = false, since: String? = nil, until: String? = nil,
                kind: String? = nil, official: String? = nil) {
        self.province = province
        self.currentUnits = currentUnits
        self.since = since
        self.until = until
        self.kind = kind
        self.official = official
    }

    /// The query, reading the records' bodies only when `withRecords`. With a province, and without the records,
    /// everything comes from that province's range of `record_provinces`, only the years the dates reach (a 2025
    /// unit's: its members' ranges, each document once). `schema` 1 still had a table per 2025 unit; 1 and 2 no
    /// year in the key.
    func query(withRecords: Bool, schema: Int = RecordSchema.version) -> (String, [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let columns: String
        let from: String
        let table: String
        var grouping = ""
        if let province {
            table = "p"
            if currentUnits && schema == 1 {
                from = "record_units p"
                conditions.append("p.unit = ?")
            } else if currentUnits {
                from = "record_provinces p"
                conditions.append("p.province IN (SELECT province FROM unit_members WHERE unit = ?)")
                // A document naming two members of the unit is listed once.
                grouping = " GROUP BY p.seq"
            } else {
                from = "record_provinces p"
                conditions.append("p.province = ?")
            }
            arguments.append(province)
            columns = withRecords ? "p.seq" : "p.seq, p.id, p.date, p.kind, p.source, p.provinces"
        } else {
            table = "r"
            from = withRecords ? "records r JOIN record_bodies b ON b.seq = r.seq" : "records r"
            columns = withRecords ? "r.*, b.record" : "r.*"
        }
        // From version 3 a province's range is keyed by year too: the years a date range reaches bound the rows read.
        let (fields, fieldArguments) = fieldConditions(table, byYear: table == "p" && schema >= 3)
        conditions += fields
        arguments += fieldArguments
        // Ids imported without their record are not listed: they have nothing to show.
        if province == nil, !withRecords { conditions.append("EXISTS (SELECT 1 FROM record_bodies b WHERE b.seq = r.seq)") }
        let selected: String
        if let province, schema >= 4 {
            // The listing table up to its mark, then the documents after it, matched on their summaries.
            conditions.append("p.seq <= (SELECT listed_through FROM listing_progress)")
            let (tail, tailArguments) = unlistedQuery(province: province, withRecords: withRecords)
            selected = "SELECT \(columns) FROM \(from) WHERE \(conditions.joined(separator: " AND "))\(grouping) UNION ALL \(tail) ORDER BY seq"
            arguments += tailArguments
        } else {
            let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            selected = "SELECT \(columns) FROM \(from)\(clause)\(grouping) ORDER BY \(table).seq"
        }
        guard table == "p", withRecords else { return (selected, arguments) }
        // A province's range is in year order: only the sequence numbers are sorted, then each record is read in
        // that order (sorting whole records with their bodies spilled to temporary files: 6 s for 25,000). `LIMIT -1`
        // keeps SQLite from merging the two queries, and CROSS JOIN keeps the sorted numbers the outer loop.
        return ("""
            SELECT r.*, b.record FROM (\(selected) LIMIT -1) m CROSS JOIN records r ON r.seq = m.seq CROSS JOIN record_bodies b ON b.seq = m.seq
            """, arguments)
    }

    /// The date, kind and official conditions on the rows aliased `table` (`r`: `records`; `p`: the listing table,
    /// narrowed to the years the dates reach when `byYear`).
    private func fieldConditions(_ table: String, byYear: Bool) -> ([String], [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let since {
            conditions.append("\(table).date >= ?")
            arguments.append(since)
            if byYear {
                conditions.append("p.year >= ?")
                arguments.append(RecordSchema.year(since))
            }
        }
        if let until {
            conditions.append("(\(table).date <= ? OR substr(\(table).date, 1, ?) = ?)")
            arguments += [until, until.unicodeScalars.count, until]
            // A shorter `until` (`202`) is a prefix of years after its own four characters.
            if byYear, until.unicodeScalars.count >= 4 {
                conditions.append("p.year <= ?")
                arguments.append(RecordSchema.year(until))
            }
        }
        if let kind {
            conditions.append("instr(\(table).kind, ?) > 0")
            arguments.append(kind)
        }
        if let official {
            // Read from the small `records` rows: a province's rows look theirs up one by one, else a scan.
            conditions.append(table == "r" ? "instr(r.officials, ?) > 0"
                              : "EXISTS (SELECT 1 FROM records o WHERE o.seq = p.seq AND instr(o.officials, ?) > 0)")
            arguments.append(VietnameseFolding.fold(official))
        }
        return (conditions, arguments)
    }

    /// The documents the listing table does not hold yet that name `province` (or a member of that 2025 unit)
    /// in their summaries, with the same filters, as the listing part's columns.
    private func unlistedQuery(province: String, withRecords: Bool) -> (String, [any DatabaseValueConvertible]) {
        var conditions = ["r.seq > (SELECT listed_through FROM listing_progress)"]
        var arguments: [any DatabaseValueConvertible] = [province]
        if currentUnits {
            conditions.append("EXISTS (SELECT 1 FROM unit_members u WHERE u.unit = ? AND instr(';' || r.provinces, ';' || u.province || ':') > 0)")
        } else {
            conditions.append("instr(';' || r.provinces, ';' || ? || ':') > 0")
        }
        let (fields, fieldArguments) = fieldConditions("r", byYear: false)
        conditions += fields
        arguments += fieldArguments
        let columns = withRecords ? "r.seq" : "r.seq, r.id, r.date, r.kind, r.source, r.provinces"
        return ("SELECT \(columns) FROM records r WHERE \(conditions.joined(separator: " AND "))", arguments)
    }
}
