import DequeModule
import MeetingModel

/// Which producer each recently accepted document came from. A producer whose ACCEPTED came later than its
/// timeout reconnects and sends the same id again under the same routing id (`submit` picks one per run); it hears
/// ACCEPTED again, not DUPLICATE, so its summary counts the document as the new one it was, and the broker's
/// counters count it once. Bounded: the newest ``capacity`` acceptances of the last ``horizon`` seconds, each kept as
/// two hashes (a document and a producer confused by a 64-bit collision would hear ACCEPTED for a duplicate).
struct RecentAcceptances {
    /// About 40 bytes each: 2.6 MB at most.
    static let capacity = 65_536
    /// Longer than a producer's tries take at the default timeout (20 tries of 3 s).
    static let horizon = 600.0

    private struct Acceptance {
        let producer: Int
        let at: Double
    }

    private var byDocument: [Int: Acceptance] = [:]
    private var order = Deque<(document: Int, at: Double)>()

    mutating func record(_ id: DocumentID, from producer: PeerID, now: Double) {
        let document = id.hashValue
        byDocument[document] = Acceptance(producer: producer.hashValue, at: now)
        order.append((document, now))
        while let oldest = order.first, order.count > Self.capacity || oldest.at < now - Self.horizon {
            order.removeFirst()
            // A document accepted again later (RETRY) keeps its newer entry.
            if byDocument[oldest.document]?.at == oldest.at { byDocument[oldest.document] = nil }
        }
    }

    /// Whether `producer` is the one `id` was accepted from, within the horizon.
    func wasAccepted(_ id: DocumentID, from producer: PeerID, now: Double) -> Bool {
        guard let acceptance = byDocument[id.hashValue] else { return false }
        return acceptance.producer == producer.hashValue && acceptance.at >= now - Self.horizon
    }
}
