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
            }
        }
        recovered.pending = order.compactMap { id in pending[id].map { (id, $0.0, $0.1) } }
        return recovered
    }

    func append(_ entry: Entry) throws {
        try journal.append(Array(try JSONEncoder().encode(entry)))
    }

    /// One fsync for everything appended since the last.
    func sync() throws { try journal.sync() }
}
