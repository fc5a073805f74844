import Foundation
import IngestStorage
import Logging
import ProvinceAggregation
import RecordStore

/// Rebuilds the aggregator's state at start from the records store, whole or not at all: the newest readable
/// snapshot at or below the store's last sequence, then every stored record after it. Without such a snapshot
/// the state is rebuilt from every stored record. A store that is missing while snapshots say records were
/// applied stops the start: serving an empty state as the whole would lose them.
struct AggregatorRecovery {
    let snapshots: SnapshotFiles
    let store: RecordStore
    /// Old unit names to their 2025 successors, read only when a snapshot written before the current-unit view
    /// existed is loaded (most starts never need the gazetteer).
    var successors: () throws -> [String: (name: String, code: Int)] = { [:] }
    let logger: Logger

    struct Recovered {
        var state = AggregateState()
        var snapshotSequence: UInt64 = 0
        var snapshotPath: String?
        var snapshotCreatedAt: String?
        /// The snapshot started from predates the current-unit view, derived at this start: a new one should hold it.
        var snapshotOutdated = false
    }

    struct RecoveryError: Error, CustomStringConvertible {
        let description: String
    }

    func recover() throws -> Recovered {
        let last = try store.lastSequence()
        var chosen: (path: String, snapshot: Snapshot)?
        var unreadable: [String] = []
        var ahead: [String] = []
        for path in try snapshots.newestFirst() {
            do {
                let snapshot = try Snapshot.decode(Data(try AtomicFile.read(path)))
                guard snapshot.sequence <= last else {
                    ahead.append(path)
                    continue
                }
                chosen = (path, snapshot)
                break
            } catch {
                unreadable.append(path)
                logger.warning("skipping an unreadable snapshot", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
        if last == 0, !ahead.isEmpty {
            throw RecoveryError(description: """
                cannot rebuild the aggregator's state: \(store.path) holds no records, but snapshots (\(ahead[0])) say \
                records were applied. Restore the records store, or move the snapshots aside to start empty.
                """)
        }
        if !ahead.isEmpty {
            // Out of the numbered set: kept as newest by name, they would crowd out every snapshot written from here on
            // and be loaded once the store's sequence passed theirs, counting what the store no longer holds.
            let setAside = try ahead.map { try snapshots.setAside($0) }
            logger.warning("skipped snapshots newer than the records store (it was salvaged or restored) and set them aside; the state starts from an older one",
                           metadata: ["skipped": "\(ahead.count)", "store_sequence": "\(last)", "set_aside": "\(setAside.first ?? "")"])
        }

        var recovered = Recovered()
        if let chosen {
            recovered.state = chosen.snapshot.state
            recovered.snapshotSequence = chosen.snapshot.sequence
            recovered.snapshotPath = chosen.path
            recovered.snapshotCreatedAt = chosen.snapshot.createdAt
            if chosen.snapshot.currentUnits == nil, !recovered.state.provinces.isEmpty {
                deriveCurrentUnits(&recovered.state, from: chosen.path)
                recovered.snapshotOutdated = true
            }
        } else if last > 0 {
            logger.warning("no usable snapshot; rebuilding the state from every stored record", metadata: ["records": "\(last)"])
        }
        var replayed = 0
        try store.forEachRecord(after: recovered.state.sequence) { sequence, id, record in
            recovered.state.apply(record, documentID: id)
            recovered.state.sequence = sequence
            replayed += 1
        }
        // Ids imported without their record (and rows a salvage lost) leave gaps: new records follow the last one.
        recovered.state.sequence = max(recovered.state.sequence, last)
        if replayed > 0 { logger.info("replayed the records store", metadata: ["records": "\(replayed)", "from_snapshot": "\(recovered.snapshotSequence)"]) }
        return recovered
    }

    private func deriveCurrentUnits(_ state: inout AggregateState, from path: String) {
        let successors: [String: (name: String, code: Int)]
        do {
            successors = try self.successors()
        } catch {
            successors = [:]
            logger.warning("cannot read the gazetteer; old units stay under their own names in the current view", metadata: ["error": "\(error)"])
        }
        state.deriveCurrentUnits { successors[$0] }
        logger.warning("the snapshot predates the current-unit view; derived it from the historical one (a document naming two old units of one 2025 unit counts twice there)",
                       metadata: ["path": "\(path)"])
    }
}
