import Foundation
import IngestProtocol
import IngestStorage
import Logging
import MeetingExtraction
import ProvinceAggregation

/// Rebuilds the aggregator's state at start, whole or not at all: the newest readable snapshot, then every
/// journal segment from the one that snapshot's sequence falls in. Journal segments are kept back to the
/// oldest snapshot kept, so losing the newest snapshots loses nothing; when no snapshot and segment chain
/// covers the whole history, the aggregator refuses to start rather than serve part of it as the whole.
struct AggregatorRecovery {
    let snapshots: SnapshotFiles
    let segments: JournalSegments
    let journalsDirectory: String
    /// Old unit names to their 2025 successors, read only when a snapshot written before the current-unit view
    /// existed is loaded (most starts never need the gazetteer).
    var successors: () throws -> [String: (name: String, code: Int)] = { [:] }
    let logger: Logger

    struct Recovered {
        var state = AggregateState()
        var snapshotSequence: UInt64 = 0
        var snapshotPath: String?
        var snapshotCreatedAt: String?
        /// The segment new records go to, open.
        var journal: Journal
        var journalBase: UInt64
        /// The first version's journal files that were replayed: a snapshot of everything replaces them.
        var legacyJournals: [String]
    }

    struct RecoveryError: Error, CustomStringConvertible {
        let description: String
    }

    /// The first version's journal files, replayed once when found.
    private var legacyJournalPaths: [String] {
        [journalsDirectory + "/aggregator.journal.previous", journalsDirectory + "/aggregator.journal"]
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    func recover() throws -> Recovered {
        let segmentList = try segments.list()
        let snapshotPaths = try snapshots.newestFirst()
        let legacy = legacyJournalPaths
        var unreadable: [String] = []
        var state = AggregateState()
        var chosen: (path: String, snapshot: Snapshot)?
        for path in snapshotPaths {
            do {
                chosen = (path, try Snapshot.decode(Data(try AtomicFile.read(path))))
                break
            } catch {
                unreadable.append(path)
                logger.warning("skipping an unreadable snapshot", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
        let start = chosen?.snapshot.sequence ?? 0
        if let chosen {
            state = chosen.snapshot.state
            if chosen.snapshot.currentUnits == nil, !state.provinces.isEmpty {
                let successors: [String: (name: String, code: Int)]
                do {
                    successors = try self.successors()
                } catch {
                    successors = [:]
                    logger.warning("cannot read the gazetteer; old units stay under their own names in the current view", metadata: ["error": "\(error)"])
                }
                state.deriveCurrentUnits { successors[$0] }
                logger.warning("the snapshot predates the current-unit view; derived it from the historical one (a document naming two old units of one 2025 unit counts twice there)",
                               metadata: ["path": "\(chosen.path)"])
            }
        }

        // The segments to replay: from the last one that began at or before the snapshot's sequence.
        let firstIndex = segmentList.lastIndex(where: { $0.base <= start })
        if !segmentList.isEmpty, firstIndex == nil {
            throw RecoveryError(description: """
                cannot rebuild the aggregator's state: the journal starts at sequence \(segmentList[0].base), but the newest \
                readable snapshot is at \(chosen.map { "\($0.snapshot.sequence)" } ?? "none")\
                \(unreadable.isEmpty ? "" : " (unreadable: \(unreadable.joined(separator: ", ")))"); snapshots needed to rebuild \
                are missing. Restore a snapshot file of sequence \(segmentList[0].base) or later into \(snapshots.directory), \
                or move the data directory aside to start empty.
                """)
        }
        if segmentList.isEmpty, legacy.isEmpty, let chosen {
            throw RecoveryError(description: """
                cannot rebuild the aggregator's state: \(journalsDirectory) holds no journal, so records applied after \
                snapshot \(chosen.path) are unknown. Restore the journal files, or move the data directory aside to start empty.
                """)
        }
        if segmentList.isEmpty, legacy.isEmpty, !unreadable.isEmpty {
            throw RecoveryError(description: "cannot rebuild the aggregator's state: every snapshot is unreadable (\(unreadable.joined(separator: ", "))) and there is no journal to rebuild from")
        }

        var replayed = 0
        let decoder = JSONDecoder()
        func replay(_ journal: Journal) throws {
            report(journal)
            try journal.forEachRecord { payload in
                guard let (id, record) = AggregatorJournalEntry.decode(payload, decoder) else { return }
                if state.apply(record, documentID: id) { replayed += 1 }
            }
        }
        for path in legacy { try replay(try Journal(path: path)) }
        var current: (journal: Journal, base: UInt64)?
        if let firstIndex {
            for (offset, segment) in segmentList[firstIndex...].enumerated() {
                let journal = try segments.open(base: segment.base)
                try replay(journal)
                if firstIndex + offset == segmentList.count - 1 { current = (journal, segment.base) }
            }
        }
        if replayed > 0 { logger.info("replayed the journal", metadata: ["records": "\(replayed)", "from_snapshot": "\(start)"]) }
        if chosen == nil, !unreadable.isEmpty {
            logger.warning("rebuilt the state from the journal alone; every snapshot was unreadable", metadata: ["applied": "\(state.appliedIDs.count)"])
        }
        let journal = try current?.journal ?? segments.open(base: state.sequence)
        return Recovered(state: state, snapshotSequence: start, snapshotPath: chosen?.path, snapshotCreatedAt: chosen?.snapshot.createdAt,
                         journal: journal, journalBase: current?.base ?? state.sequence, legacyJournals: legacy)
    }

    private func report(_ journal: Journal) {
        let recovery = journal.recovery
        if recovery.truncatedTailBytes > 0 {
            logger.warning("a journal segment had a torn tail; cut it off", metadata: ["path": "\(journal.path)", "bytes": "\(recovery.truncatedTailBytes)"])
        }
        if recovery.damagedBytes > 0 {
            logger.error("a journal segment was damaged in the middle; kept every valid record",
                         metadata: ["path": "\(journal.path)", "damaged_bytes": "\(recovery.damagedBytes)", "copy": "\(recovery.damagedCopy ?? "none")"])
        }
    }
}

/// A journal record: the id's length, the id, then the record's JSON exactly as the worker sent it.
enum AggregatorJournalEntry {
    static func encode(id: DocumentID, record: [UInt8]) -> [UInt8] {
        [UInt8(truncatingIfNeeded: id.rawValue.utf8.count)] + Array(id.rawValue.utf8) + record
    }

    static func decode(_ payload: [UInt8], _ decoder: JSONDecoder) -> (String, MeetingRecord)? {
        guard let length = payload.first.map(Int.init), length > 0, payload.count > length,
              let id = String(validating: payload[1...length], as: UTF8.self),
              let record = try? decoder.decode(MeetingRecord.self, from: Data(payload[(length + 1)...])) else { return nil }
        return (id, record)
    }
}
