import DequeModule
import IngestProtocol
import MeetingModel

/// The producer's rules (Lazy Pirate with a window): keep up to `window` submissions unanswered, resend one
/// that is not answered in time with the same id (over a fresh socket), back off a BUSY one, and give up
/// on one after its tries. Events and the time in, actions out.
public struct SubmitWindow {
    public struct Settings: Equatable, Sendable {
        public var window: Int
        public var timeout: Double
        public var tries: Int
        public var busyBackoff: (initial: Double, maximum: Double)

        public init(window: Int = 64, timeout: Double = 3, tries: Int = 20, busyBackoff: (initial: Double, maximum: Double) = (0.05, 2)) {
            self.window = max(1, window)
            self.timeout = timeout
            self.tries = max(1, tries)
            self.busyBackoff = busyBackoff
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.window == rhs.window && lhs.timeout == rhs.timeout && lhs.tries == rhs.tries && lhs.busyBackoff == rhs.busyBackoff
        }
    }

    public enum Action: Equatable, Sendable {
        /// Send submission number `index` (its id and body are the caller's).
        case send(index: Int)
        /// Replace the socket: the broker did not answer in time, and a stuck connection is not waited on.
        case reconnect
    }

    public enum Answer: Equatable, Sendable {
        case accepted, duplicate
        case rejected(String)
        /// No answer after every try.
        case unacknowledged
    }

    struct Waiting {
        let index: Int
        let sentAt: Double
    }

    public let settings: Settings
    let ids: [DocumentID]
    var indexByID: [DocumentID: Int] = [:]
    /// The later submissions of a text already in the run, by the index of its first: answered when it is.
    var copies: [Int: [Int]] = [:]
    var ready = Deque<Int>()
    var notBefore: [Int: Double] = [:]
    var tries: [Int: Int] = [:]
    var busyCount: [Int: Int] = [:]
    var inFlight: [DocumentID: Waiting] = [:]
    var lastReconnect = -Double.infinity
    public private(set) var answers: [Answer?]
    public private(set) var answeredCount = 0
    /// The broker answered ERROR, naming no document: it refuses this producer's messages (a key without the
    /// producer role, or a protocol it does not speak), and sending more, or the same again, gets the same answer.
    public private(set) var refusal: String?

    public init(ids: [DocumentID], settings: Settings) {
        self.ids = ids
        self.settings = settings
        answers = Array(repeating: nil, count: ids.count)
        for (index, id) in ids.enumerated() {
            if indexByID[id] == nil {
                indexByID[id] = index
                ready.append(index)
            } else {
                // The same document twice in one run is sent once; the copy is answered with it (a duplicate of what
                // was taken, rejected or unacknowledged as it was).
                copies[indexByID[id]!, default: []].append(index)
            }
        }
    }

    /// Every submission is answered, or the broker refused them all (``refusal``).
    public var isFinished: Bool { answeredCount == ids.count || refusal != nil }

    /// Time passes: answers that did not come are tried again (or given up), and the window is filled.
    public mutating func tick(now: Double) -> [Action] {
        var actions: [Action] = []
        // In the run's order, so that a resend goes out in the order the documents were given.
        let expired = inFlight.filter { now - $0.value.sentAt > settings.timeout }.sorted { $0.value.index < $1.value.index }
        for (id, waiting) in expired {
            inFlight[id] = nil
            if tries[waiting.index, default: 0] >= settings.tries {
                answer(waiting.index, .unacknowledged)
            } else {
                ready.append(waiting.index)
            }
        }
        if !expired.isEmpty && now - lastReconnect > settings.timeout {
            lastReconnect = now
            actions.append(.reconnect)
        }
        var deferred: [Int] = []
        while inFlight.count < settings.window, let index = ready.popFirst() {
            if let later = notBefore[index], later > now {
                deferred.append(index)
                continue
            }
            notBefore[index] = nil
            tries[index, default: 0] += 1
            inFlight[ids[index]] = Waiting(index: index, sentAt: now)
            actions.append(.send(index: index))
        }
        ready.prepend(contentsOf: deferred)
        return actions
    }

    /// The broker answered.
    public mutating func received(_ reply: BrokerReply, now: Double) {
        switch reply {
        case .accepted(let id): settle(id, .accepted)
        case .duplicate(let id): settle(id, .duplicate)
        case .rejected(let id?, let reason): settle(id, .rejected(reason))
        case .busy(let id):
            guard let waiting = inFlight.removeValue(forKey: id) else { return }
            // BUSY is no failed try: back off, longer each time, and send again.
            tries[waiting.index, default: 1] -= 1
            let count = busyCount[waiting.index, default: 0] + 1
            busyCount[waiting.index] = count
            notBefore[waiting.index] = now + min(settings.busyBackoff.maximum, settings.busyBackoff.initial * Double(count))
            ready.append(waiting.index)
        case .error(let reason):
            if refusal == nil { refusal = reason }
        case .rejected(nil, _), .status, .deadLettered:
            break
        }
    }

    private mutating func settle(_ id: DocumentID, _ answer: Answer) {
        guard let waiting = inFlight.removeValue(forKey: id) else { return }
        self.answer(waiting.index, answer)
    }

    private mutating func answer(_ index: Int, _ answer: Answer) {
        guard answers[index] == nil else { return }
        answers[index] = answer
        answeredCount += 1
        let copyAnswer: Answer = answer == .accepted ? .duplicate : answer
        for copy in copies.removeValue(forKey: index) ?? [] where answers[copy] == nil {
            answers[copy] = copyAnswer
            answeredCount += 1
        }
    }
}
