import DeliveryRules
import IngestProtocol
import MeetingModel
import OrderedCollections

/// The workers that said HELLO with ``AggregatorRequest/Feature/storedBatches``, and the STORED the aggregator gathers
/// for each while it acts on one event (a commit answers a whole batch): one message per worker instead of one per
/// record. Every other peer gets one STORED per record, as a first-version worker reads them.
struct BatchingPeers {
    /// At most this many peers are remembered, the oldest forgotten first: a forgotten worker gets one STORED per
    /// record until its next HELLO (every few seconds), and peers that say HELLO from ever new connections cost
    /// bounded memory.
    static let remembered = 4_096
    /// STORED entries per message at most (about 100 bytes each).
    static let perMessage = 1_024

    private var peers = OrderedSet<PeerID>()
    private var held = OrderedDictionary<PeerID, [StoredDocument]>()

    mutating func remember(_ peer: PeerID) {
        guard !peers.contains(peer) else { return }
        if peers.count >= Self.remembered { peers.removeFirst() }
        peers.append(peer)
    }

    func contains(_ peer: PeerID) -> Bool { peers.contains(peer) }

    /// Gathers a STORED for `peer` until ``takeHeld()``.
    mutating func hold(_ document: StoredDocument, for peer: PeerID) {
        held[peer, default: []].append(document)
    }

    /// The gathered STORED as replies, one per peer (or per ``perMessage``), and forgets them.
    mutating func takeHeld() -> [(PeerID, AggregatorReply)] {
        defer { held.removeAll(keepingCapacity: true) }
        return held.flatMap { peer, documents in
            documents.slices(of: Self.perMessage).map { part in
                (peer, part.count == 1 ? .stored(part[part.startIndex].id, receipt: part[part.startIndex].receipt) : .storedBatch(Array(part)))
            }
        }
    }
}
