import DequeModule
import MeetingModel

/// Which producer each recently accepted document came from. A producer whose ACCEPTED came later than its
/// timeout reconnects and sends the same id again under the same routing id (`submit` picks one per run); it hears
/// ACCEPTED again, not DUPLICATE, so its summary counts the document as the new one it was, and the broker's
/// counters count it once. Bounded: the newest ``capacity`` acceptances of the last ``horizon`` seconds, looked up by
/// two hashes (a document and a producer confused by a 64-bit collision would hear ACCEPTED for a duplicate).
///
/// Acceptances from producers that chose their routing id are journaled (``BrokerJournalEntry/origins(_:)``) and
/// come back at a restart, counted from the restart's time, so that a broker that died between its commit and its
/// answer still tells the producer's resend ACCEPTED.
struct RecentAcceptances {
    /// About 70 bytes each (the id's text is shared with the broker's set of known ids, a producer's with its
    /// neighbours'): 4.6 MB at most.
    static let capacity = 65_536
    /// Longer than a producer's tries take at the default timeout (20 tries of 3 s).
    static let horizon = 600.0

    private struct Lookup {
        let producer: Int
        let at: Double
    }

    private struct Acceptance {
        let id: DocumentID
        let producer: PeerID
        let at: Double
    }

    private var byDocument: [Int: Lookup] = [:]
    private var order = Deque<Acceptance>()

    mutating func record(_ id: DocumentID, from producer: PeerID, now: Double) {
        let document = id.hashValue
        byDocument[document] = Lookup(producer: producer.hashValue, at: now)
        // One producer sends many documents in a row: its id's bytes are kept once.
        let shared = order.last.map { $0.producer == producer ? $0.producer : producer } ?? producer
        order.append(Acceptance(id: id, producer: shared, at: now))
        while let oldest = order.first, order.count > Self.capacity || oldest.at < now - Self.horizon {
            order.removeFirst()
            // A document accepted again later (RETRY) keeps its newer entry.
            if byDocument[oldest.id.hashValue]?.at == oldest.at { byDocument[oldest.id.hashValue] = nil }
        }
    }

    /// Whether `producer` is the one `id` was accepted from, within the horizon.
    func wasAccepted(_ id: DocumentID, from producer: PeerID, now: Double) -> Bool {
        guard let acceptance = byDocument[id.hashValue] else { return false }
        return acceptance.producer == producer.hashValue && acceptance.at >= now - Self.horizon
    }

    /// The acceptances a compacted journal keeps: those from producers that chose their routing id, oldest first,
    /// a run of one producer's as one entry.
    var journaled: [ProducerAcceptances] {
        var runs: [ProducerAcceptances] = []
        for acceptance in order where acceptance.producer.isChosenByPeer && byDocument[acceptance.id.hashValue]?.at == acceptance.at {
            if runs.last?.producer == acceptance.producer {
                runs[runs.count - 1].ids.append(acceptance.id)
            } else {
                runs.append(ProducerAcceptances(producer: acceptance.producer, ids: [acceptance.id]))
            }
        }
        return runs
    }
}
