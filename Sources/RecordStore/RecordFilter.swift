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

    func query() -> (String, [any DatabaseValueConvertible]) {
        var conditions = ["r.record IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        var from = "records r"
        var order = "r.seq"
        if let province {
            // Walk the province's own index, then fetch each record by its seq.
            from = currentUnits ? "record_units p JOIN records r ON r.seq = p.seq" : "record_provinces p JOIN records r ON r.seq = p.seq"
            conditions.append(currentUnits ? "p.unit = ?" : "p.province = ?")
            arguments.append(province)
            order = "p.seq"
        }
        if let since {
            conditions.append("r.date >= ?")
            arguments.append(since)
        }
        if let until {
            conditions.append("(r.date <= ? OR substr(r.date, 1, ?) = ?)")
            arguments += [until, until.utf8.count, until]
        }
        if let kind {
            conditions.append("instr(r.kind, ?) > 0")
            arguments.append(kind)
        }
        if let official {
            conditions.append("r.seq IN (SELECT seq FROM record_officials WHERE instr(name, ?) > 0)")
            arguments.append(VietnameseFolding.fold(official))
        }
        return ("SELECT r.* FROM \(from) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order)", arguments)
    }
}
