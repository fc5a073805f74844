import DeliveryRules
import Foundation
import IngestProtocol
import IngestStorage
import MeetingModel

/// The broker's durable memory on disk: ``BrokerJournalEntry`` values in their binary form as records of a
/// checksummed ``Journal``, read back one record at a time at start, so memory holds only what is still pending.
/// Records the first version wrote as JSON still replay.
final class BrokerJournal {
    private let journal: Journal

    /// The first version's form, read at replay only: its JSON keys are those it wrote.
    private enum Entry: Codable {
        case accepted(id: String, metadata: DocumentMetadata, body: String)
        case done(id: String)
        case deadLettered(id: String)
        case retried(id: String, metadata: DocumentMetadata, body: String)
        case known(ids: [String])
        case counters(BrokerCounters)
    }

    init(directory: String) throws {
        try Directory.create(directory)
        journal = try Journal(path: directory + "/broker.journal")
    }

    var recovery: JournalRecovery { journal.recovery }

    /// Entries appended since the last ``write()``, in their binary form: a loop pass's entries go to the file in
    /// one system call.
    private var waiting: [[UInt8]] = []

    /// Feeds every entry, oldest first; returns how many records could not be decoded.
    func replay(_ body: (BrokerJournalEntry) -> Void) throws -> Int {
        let decoder = JSONDecoder()
        var undecodable = 0
        try journal.forEachRecord { payload in
            if payload.first == BrokerJournalEntry.binaryFormMarker {
                guard let value = try? BrokerJournalEntry(binary: payload) else {
                    undecodable += 1
                    return
                }
                return body(value)
            }
            guard let entry = try? decoder.decode(Entry.self, from: Data(payload)), let value = Self.value(entry) else {
                undecodable += 1
                return
            }
            body(value)
        }
        return undecodable
    }

    /// Keeps the entry for the next ``write()`` (or ``commit()``), in order.
    func append(_ entry: BrokerJournalEntry) {
        waiting.append(entry.binaryEncoded())
    }

    /// Hands the entries appended since the last write to the file, in one write: all or none (a failed write is
    /// cut back, and the entries are gone: the caller rolls the batch back).
    func write() throws {
        guard !waiting.isEmpty else { return }
        let entries = waiting
        waiting.removeAll(keepingCapacity: true)
        if journal.isBroken { try journal.repair() }
        try journal.append(contentsOf: entries)
    }

    /// One fsync for everything appended since the last.
    func commit() throws {
        try write()
        try journal.commit()
    }

    /// Forgets everything appended since the last commit (a batch that failed half-way).
    func rollback() throws {
        waiting.removeAll(keepingCapacity: true)
        try journal.rollback()
    }

    /// Replaces the journal, atomically, with what the broker must remember.
    func compact(_ image: BrokerJournalImage) throws {
        // The image holds what the entries not yet written say; written after it, they would say it twice.
        waiting.removeAll(keepingCapacity: true)
        var records: [[UInt8]] = [BrokerJournalEntry.counters(image.counters).binaryEncoded()]
        for known in image.finished.sorted().slices(of: 2000) {
            records.append(BrokerJournalEntry.known(Array(known)).binaryEncoded())
        }
        for job in image.pending {
            records.append((image.retried.contains(job.id) ? BrokerJournalEntry.retried(job) : .accepted(job)).binaryEncoded())
        }
        for id in image.deadLettered {
            records.append(BrokerJournalEntry.deadLettered(id).binaryEncoded())
        }
        for origins in image.origins {
            for ids in origins.ids.slices(of: 2000) {
                records.append(BrokerJournalEntry.origins(ProducerAcceptances(producer: origins.producer, ids: Array(ids))).binaryEncoded())
            }
        }
        try journal.rewrite(records)
    }

    private static func value(_ entry: Entry) -> BrokerJournalEntry? {
        switch entry {
        case .accepted(let raw, let metadata, let body): DocumentID(raw).map { .accepted(QueuedJob(id: $0, metadata: metadata, body: body)) }
        case .done(let raw): DocumentID(raw).map { .done($0) }
        case .deadLettered(let raw): DocumentID(raw).map { .deadLettered($0) }
        case .retried(let raw, let metadata, let body): DocumentID(raw).map { .retried(QueuedJob(id: $0, metadata: metadata, body: body)) }
        case .known(let ids): .known(ids.compactMap(DocumentID.init))
        case .counters(let counters): .counters(counters)
        }
    }
}
