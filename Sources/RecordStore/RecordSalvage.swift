import Foundation
import GRDB
import MeetingExtraction
import MeetingModel

/// Copies what can still be read from a damaged records store into a new one: every `records` row SQLite
/// can reach, found in chunks of sequence numbers and, where a chunk fails, one row at a time. The side tables
/// (provinces, units, officials) are rebuilt from the rows' records rather than read, so damage to them costs
/// nothing. The aggregator then starts from the newest snapshot at or below the last salvaged sequence.
public enum RecordSalvage {
    public struct Report: Sendable, Equatable {
        /// Rows copied.
        public var saved = 0
        /// Sequence numbers that could not be read (a damaged page held them), as closed ranges.
        public var lost: [ClosedRange<UInt64>] = []
        /// The highest sequence number copied.
        public var lastSaved: UInt64 = 0
    }

    static let chunk: UInt64 = 256

    /// Salvages `damaged` into `fresh` (which must not exist). `sequenceHint` bounds the search when the
    /// damaged file cannot say its highest sequence (pass the newest snapshot's).
    public static func salvage(from damaged: String, into fresh: String, sequenceHint: UInt64) throws(RecordStoreError) -> Report {
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
                guard let id = row.text("id") else { continue }
                let body = row.blob("record").map { Array($0) }
                let record = body.flatMap { try? MeetingRecord(encoded: $0) }
                batch.append(NewRecord(sequence: sequence, id: id, source: row.text("source"), published: row.text("published"),
                                       receivedAt: row.text("received_at") ?? "", body: record == nil ? nil : body, record: record))
            }
            try target.append(batch)
            report.saved += batch.count
            report.lastSaved = max(report.lastSaved, rows.last?.0 ?? 0)
            start = end + 1
        }
        // A sequence past the last one there is cannot be lost (a damaged leaf fails its lookup too).
        for sequence in unreadable where sequence <= max(bound, report.lastSaved) {
            if let last = report.lost.last, last.upperBound + 1 == sequence {
                report.lost[report.lost.count - 1] = last.lowerBound...sequence
            } else {
                report.lost.append(sequence...sequence)
            }
        }
        try target.close()
        return report
    }

    private static func read(_ source: DatabaseQueue, from start: UInt64, to end: UInt64) throws -> [(UInt64, Row)] {
        try source.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.seq, r.id, r.source, r.published, r.received_at, b.record FROM records r LEFT JOIN record_bodies b ON b.seq = r.seq
                WHERE r.seq BETWEEN ? AND ? ORDER BY r.seq
                """,
                             arguments: [Int64(clamping: start), Int64(clamping: end)])
                .compactMap { row in row.sequence().map { ($0, row) } }
        }
    }
}
