import DeliveryRules
import OrderedCollections
import ProvinceAggregation
import ZeroMQ

/// The whole state as JSON for QUERY. An answer always holds everything applied when the QUERY came, so one after
/// `submit --wait` finds its documents whoever else asked just before; readers cannot make the aggregator spend more
/// than about a tenth of its time encoding: a QUERY that needs a new encoding sooner than ten times the last one took
/// waits for it (``hold(_:)``), and every QUERY waiting then gets the same one (``due(now:state:)``); and answers
/// nobody reads cannot take memory without end: an encoding is one buffer every answer refers to (``SharedFrame``),
/// and a new one is not queued while the encodings ZeroMQ still holds for readers come to ``unreadBytesLimit`` (the
/// QUERY is answered ERROR). (Serving the last encoding in between, as a release before did, answered a reader after
/// `submit --wait` with a state missing its documents while other readers asked; copied per answer, a 57 MB state
/// took 2.5 GB for 40 answers one reader never read.)
struct StateCache {
    /// Peers that wait at most; past them, ``hold(_:)`` refuses, so a flood of QUERYs cannot grow the list without end.
    static let waitingLimit = 1_024
    /// Bytes of the encodings ZeroMQ holds for readers (each counted once), past which a new one is not queued
    /// (`limits.unread_state_bytes`).
    var unreadBytesLimit: Int
    /// The longest wait between two encodings: under the 15 s `snapshot --live` gives a state, whatever one encoding
    /// took (a stall during one would otherwise hold every QUERY ten times as long).
    static let longestInterval = 5.0

    private var sequence: UInt64 = .max
    private var encodedAt = -Double.infinity
    private var encodingSeconds = 0.0
    private var cached: SharedFrame?
    /// The bytes of answers ZeroMQ holds (queued for readers, or being sent).
    let ledger = SharedFrame.Ledger()
    /// The peers waiting for the next encoding, in the order they asked, each once.
    private(set) var waiting = OrderedSet<PeerID>()

    init(unreadBytesLimit: Int) { self.unreadBytesLimit = unreadBytesLimit }

    /// The encoding of `state`: the last one when it is of this state, or a new one when one may be made now and
    /// nobody waits for it; nil when the asker must wait for the next (see ``hold(_:)``). An asker that came while
    /// others wait waits with them, so a stream of QUERYs can never push the waiting ones back.
    mutating func bytes(for state: AggregateState, now: Double) -> SharedFrame? {
        if state.sequence == sequence, let cached { return cached }
        guard waiting.isEmpty, now - encodedAt >= Self.interval(encodingSeconds: encodingSeconds) else { return nil }
        return encode(state, now: now)
    }

    /// Keeps `peer` for the next encoding (a peer waiting already stays once); false when ``waitingLimit`` wait.
    mutating func hold(_ peer: PeerID) -> Bool {
        if waiting.contains(peer) { return true }
        guard waiting.count < Self.waitingLimit else { return false }
        waiting.append(peer)
        return true
    }

    /// Once the next encoding may be made, the peers waiting and the encoding of the state as it is then (`state` is
    /// asked only then); nil while none wait or it is too soon.
    mutating func due(now: Double, state: () -> AggregateState) -> (peers: [PeerID], frame: SharedFrame)? {
        guard !waiting.isEmpty, now - encodedAt >= Self.interval(encodingSeconds: encodingSeconds) else { return nil }
        let current = state()
        let frame = (current.sequence == sequence ? cached : nil) ?? encode(current, now: now)
        return (takeWaiting(), frame)
    }

    /// The peers waiting, forgotten.
    mutating func takeWaiting() -> [PeerID] {
        defer { waiting.removeAll() }
        return Array(waiting)
    }

    /// Whether one more answer of `frame` may be queued: it is queued already (the answer shares its bytes), or the
    /// encodings held for readers stay under ``unreadBytesLimit`` with it (one is always let through when none are
    /// held, whatever its size).
    func mayQueue(_ frame: SharedFrame) -> Bool {
        let held = ledger.bytesHeld
        return frame.isHeld || held == 0 || held + frame.count <= unreadBytesLimit
    }

    private mutating func encode(_ state: AggregateState, now: Double) -> SharedFrame {
        let started = monotonicSeconds()
        // The last encoding goes first: the new one's bytes, as an array and then as a frame, are enough at once.
        cached = nil
        let frame = SharedFrame(Snapshot(state: state, createdAt: Timestamp.now()).encodedBytes(), ledger: ledger)
        cached = frame
        sequence = state.sequence
        encodedAt = now
        encodingSeconds = monotonicSeconds() - started
        return frame
    }

    /// How long after an encoding that took `encodingSeconds` the next may start: ten times as long, so that encoding
    /// is a tenth of the loop's time at most (a 57 MB state encoded in 0.45 s is encoded every 4.5 s at most), and
    /// ``longestInterval`` at most (a state that takes longer than half a second takes more than a tenth).
    static func interval(encodingSeconds: Double) -> Double { min(longestInterval, 10 * max(0, encodingSeconds)) }
}
