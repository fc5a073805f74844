import Foundation
import IngestStorage
import Logging
import MeetingExtraction
import MeetingModel
import ProvinceAggregation
import RecordStore

/// Moves a data directory of the journal format (before the records store) into the store, once: the newest
/// readable snapshot's applied ids (their records were never kept, so they are stored as ids only, which is
/// all deduplication needs) and then every journaled record after it, in one transaction. The caller then
/// writes a snapshot and removes the old journal files; a start that finds them beside a non-empty store
/// only removes them (the import had committed).
struct AggregatorImport {
    let snapshots: SnapshotFiles
    let journalsDirectory: String
    let store: RecordStore
    var successors: () throws -> [String: (name: String, code: Int)] = { [:] }
    let logger: Logger

    struct ImportError: Error, CustomStringConvertible {
        let description: String
    }

    /// The journal files of the formats before the store: the first version's and the segments.
    var legacyFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: journalsDirectory)) ?? []
        return names.filter { $0 == "aggregator.journal" || $0 == "aggregator.journal.previous" || ($0.hasPrefix("aggregator-") && $0.hasSuffix(".journal")) }
            .sorted().map { journalsDirectory + "/" + $0 }
    }

    /// Imports `files` (``legacyFiles``) when there are any and the store is empty; returns how many documents were imported.
    func importIfNeeded(_ files: [String], now receivedAt: String) throws -> Int {
        guard !files.isEmpty, try store.lastSequence() == 0 else { return 0 }
        let segments = try JournalSegments(directory: journalsDirectory, prefix: "aggregator")
        let segmentList = try segments.list()
        var snapshot: (path: String, value: Snapshot)?
        for path in try snapshots.newestFirst() {
            if let value = try? Snapshot.decode(Data(try AtomicFile.read(path))) {
                snapshot = (path, value)
                break
            }
            logger.warning("skipping an unreadable snapshot", metadata: ["path": "\(path)"])
        }
        let start = snapshot?.value.sequence ?? 0
        let firstIndex = segmentList.lastIndex(where: { $0.base <= start })
        if !segmentList.isEmpty, firstIndex == nil {
            throw ImportError(description: """
                cannot import the journal into the records store: the journal starts at sequence \(segmentList[0].base), but the \
                newest readable snapshot is at \(snapshot.map { "\($0.value.sequence)" } ?? "none"). Restore a snapshot of \
                sequence \(segmentList[0].base) or later into \(snapshots.directory) and start again.
                """)
        }

        var known = Set<String>()
        var batch: [NewRecord] = []
        var state = AggregateState()
        if let snapshot {
            let ids = (snapshot.value.appliedIDs ?? []).sorted()
            state = snapshot.value.state
            for id in ids where known.insert(id).inserted {
                batch.append(NewRecord(sequence: UInt64(batch.count + 1), id: id, source: nil, published: nil, receivedAt: receivedAt, body: nil, record: nil))
            }
            state.sequence = UInt64(batch.count)
            state.documentsApplied = batch.count
            if snapshot.value.currentUnits == nil, !state.provinces.isEmpty {
                let successors = (try? self.successors()) ?? [:]
                state.deriveCurrentUnits { successors[$0] }
            }
        }
        let decoder = JSONDecoder()
        func replay(_ journal: Journal) throws {
            try journal.forEachRecord { payload in
                guard let (id, json) = AggregatorJournalEntry.split(payload),
                      let record = try? decoder.decode(MeetingRecord.self, from: Data(json)),
                      known.insert(id).inserted else { return }
                state.apply(record, documentID: id)
                batch.append(NewRecord(sequence: state.sequence, id: id, source: nil, published: nil, receivedAt: receivedAt, body: json, record: record))
            }
        }
        for path in files where !path.contains("/aggregator-") { try replay(try Journal(path: path)) }
        if let firstIndex {
            for segment in segmentList[firstIndex...] { try replay(try segments.open(base: segment.base)) }
        }
        try store.append(batch)
        try store.listPending()
        logger.info("imported the journal into the records store", metadata: [
            "documents": "\(batch.count)", "with_records": "\(batch.count(where: { $0.body != nil }))", "snapshot": "\(snapshot?.path ?? "none")"])
        return batch.count
    }

    /// Removes the old journal files once the store and a snapshot hold everything they did.
    func remove(_ files: [String]) {
        for path in files { unlink(path) }
    }
}

/// A journal record of the format before the records store: the id's length, the id, then the record's JSON.
enum AggregatorJournalEntry {
    static func encode(id: String, record: [UInt8]) -> [UInt8] {
        [UInt8(truncatingIfNeeded: id.utf8.count)] + Array(id.utf8) + record
    }

    static func split(_ payload: [UInt8]) -> (id: String, json: [UInt8])? {
        guard let length = payload.first.map(Int.init), length > 0, payload.count > length,
              let id = String(validating: payload[1...length], as: UTF8.self) else { return nil }
        return (id, Array(payload[(length + 1)...]))
    }
}
