import Foundation
import IngestProtocol
import IngestStorage

/// The broker's durable memory: every accepted document and every finished one, so that a restarted
/// broker queues again what was accepted but not done, and still knows which ids it has seen.
final class BrokerJournal {
    private let journal: Journal

    enum Entry: Codable {
        case accepted(id: String, metadata: DocumentMetadata, body: String)
        case done(id: String)
        case deadLettered(id: String)
        /// Ids seen before a compaction, so DUPLICATE stays right.
        case known(ids: [String])
    }

    struct Recovered {
        var known: Set<DocumentID> = []
        var pending: [(DocumentID, DocumentMetadata, String)] = []
        var done = 0
        var deadLettered = 0
    }

    init(directory: String) throws {
        try Directory.create(directory)
        journal = try Journal(path: directory + "/broker.journal")
    }

    var truncatedBytes: Int { journal.truncatedBytes }

    func recover() -> Recovered {
        var recovered = Recovered()
        var order: [DocumentID] = []
        var pending: [DocumentID: (DocumentMetadata, String)] = [:]
        let decoder = JSONDecoder()
        for payload in journal.recovered {
            guard let entry = try? decoder.decode(Entry.self, from: Data(payload)) else { continue }
            switch entry {
            case .accepted(let raw, let metadata, let body):
                guard let id = DocumentID(raw), recovered.known.insert(id).inserted else { continue }
                order.append(id)
                pending[id] = (metadata, body)
            case .done(let raw):
                if let id = DocumentID(raw), pending.removeValue(forKey: id) != nil { recovered.done += 1 }
            case .deadLettered(let raw):
                if let id = DocumentID(raw), pending.removeValue(forKey: id) != nil { recovered.deadLettered += 1 }
            case .known(let ids):
                for raw in ids { if let id = DocumentID(raw) { recovered.known.insert(id) } }
            }
        }
        recovered.pending = order.compactMap { id in pending[id].map { (id, $0.0, $0.1) } }
        return recovered
    }

    private(set) var appendedSinceCompaction = 0

    func append(_ entry: Entry) throws {
        try journal.append(Array(try JSONEncoder().encode(entry)))
        appendedSinceCompaction += 1
    }

    /// Replaces the journal, atomically, with the ids seen and the documents not yet done.
    func compact(known: Set<DocumentID>, pending: [Job]) throws {
        let encoder = JSONEncoder()
        var records: [[UInt8]] = []
        let pendingIDs = Set(pending.map(\.id))
        let doneIDs = known.subtracting(pendingIDs).map(\.rawValue).sorted()
        for start in stride(from: 0, to: doneIDs.count, by: 2000) {
            records.append(Array(try encoder.encode(Entry.known(ids: Array(doneIDs[start..<min(start + 2000, doneIDs.count)])))))
        }
        for job in pending {
            records.append(Array(try encoder.encode(Entry.accepted(id: job.id.rawValue, metadata: job.metadata, body: job.body))))
        }
        try journal.rewrite(records)
        appendedSinceCompaction = 0
    }

    /// One fsync for everything appended since the last.
    func sync() throws { try journal.sync() }
}
