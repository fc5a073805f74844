import DequeModule
import IngestProtocol
import MeetingModel
import OrderedCollections

/// A worker's rules: which jobs it is extracting, which records wait for the aggregator's STORED (kept,
/// and resent with backoff, for as long as the aggregator is away), when to heartbeat, and when a silent
/// broker is reconnected (Paranoid Pirate). Events in, actions out; no sockets, threads or clocks.
public struct WorkerStateMachine {
    public struct Settings: Equatable, Sendable {
        public var credit: Int
        public var heartbeatInterval: Double
        public var liveness: Int
        /// The largest encoded record the aggregator takes; a bigger one fails the job (the document's fault).
        public var maxRecordBytes: Int
        public var resend: (initial: Double, maximum: Double)
        public var reconnect: (initial: Double, maximum: Double)
        /// The worker connects with a CURVE key: a broker that never answers may not list it, which the silence says.
        public var keyed: Bool

        public init(credit: Int = 8, heartbeatInterval: Double = 1, liveness: Int = 3, maxRecordBytes: Int = 4 << 20,
                    resend: (initial: Double, maximum: Double) = (3, 30), reconnect: (initial: Double, maximum: Double) = (0.25, 8),
                    keyed: Bool = false) {
            self.credit = max(1, credit)
            self.heartbeatInterval = heartbeatInterval
            self.liveness = max(1, liveness)
            self.maxRecordBytes = maxRecordBytes
            self.resend = resend
            self.reconnect = reconnect
            self.keyed = keyed
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.credit == rhs.credit && lhs.heartbeatInterval == rhs.heartbeatInterval && lhs.liveness == rhs.liveness
                && lhs.maxRecordBytes == rhs.maxRecordBytes && lhs.resend == rhs.resend && lhs.reconnect == rhs.reconnect && lhs.keyed == rhs.keyed
        }
    }

    public enum Action: Equatable, Sendable {
        case toBroker(WorkerMessage)
        case toAggregator(AggregatorRequest)
        /// Hand the document to the extraction thread; report with ``extracted(_:record:now:)`` or ``extractionFailed(_:reason:now:)``.
        case extract(id: DocumentID, metadata: DocumentMetadata, body: [UInt8])
        /// Close the broker socket and connect a fresh one (then the READY that follows goes out on it).
        case reconnectBroker
        case log(LogLine)
    }

    struct Held {
        let ticket: Ticket
        let metadata: DocumentMetadata
    }

    struct Unconfirmed {
        let record: [UInt8]
        /// The broker's latest for this job: a job handed again brings a new one, which outlives the first.
        var ticket: Ticket
        let metadata: DocumentMetadata
        let firstSentAt: Double
        var nextSendAt: Double
        var backoff: Backoff
    }

    public let settings: Settings
    var tickets: [DocumentID: Held] = [:]
    var unconfirmed = OrderedDictionary<DocumentID, Unconfirmed>()
    var lastFromBroker: Double
    var lastHeartbeat = -Double.infinity
    var reconnectBackoff: Backoff
    var reconnectDelay: Double
    var lastFromAggregator: Double
    var aggregatorSilent = false
    /// When HELLO goes to the aggregator next: every ``helloInterval`` seconds, so that one that restarted learns
    /// again that this worker reads STORED in batches (until then it answers one STORED per record, which works too).
    var nextHelloAt = -Double.infinity
    var helloInterval = WorkerStateMachine.helloInterval
    /// Jobs extracted since PROCESSED last went to the broker, and jobs it handed again whose records wait for the
    /// aggregator: reported together on the next tick, or before the DONE of any job, rather than one message per
    /// record (PROCESSED only stops the broker's extraction clock, whose budget is tens of seconds).
    var processedToReport: [DocumentID] = []
    public private(set) var processed = 0
    /// Jobs held when READY last went out on a new connection (a reconnect, or a broker that asked again): READY
    /// offered the credit less these, and the broker, which re-queued them with the old connection, gives no credit
    /// back when they finish. As they finish, or as the broker hands them again (and counts them itself), READY goes
    /// again with the credit they free, so that a pause of the worker or of the network never leaves it taking fewer
    /// jobs for good.
    var heldBeforeReady: Set<DocumentID> = []
    /// Anything came from the broker since the worker started: until then, with a key, silence may be a refused key.
    var brokerAnsweredOnce = false
    /// How many of ``heldBeforeReady`` the last READY counted.
    var heldAtLastReady = 0

    static let helloInterval = 5.0
    /// How often HELLO goes to an aggregator that answered it with "unknown command" (a first-version aggregator):
    /// rarely, in case it is upgraded meanwhile.
    static let helloIntervalForOlderAggregator = 60.0

    public init(settings: Settings, now: Double) {
        self.settings = settings
        lastFromBroker = now
        lastFromAggregator = now
        reconnectBackoff = Backoff(initial: settings.reconnect.initial, maximum: settings.reconnect.maximum)
        reconnectDelay = settings.reconnect.initial
    }

    /// Jobs taken and not yet confirmed stored.
    public var heldCount: Int { tickets.count + unconfirmed.count }
    public var unconfirmedCount: Int { unconfirmed.count }

    /// Whether the broker answered HELLO with ``WorkerMessage/Feature/doneBatches``: then a STORED batch's DONEs go
    /// to it in one message. Forgotten when the broker asks for READY again (it restarted, maybe as an older one) or
    /// the worker reconnects, until it answers the HELLO that goes with that READY.
    var brokerTakesDoneBatches = false

    public func start() -> [Action] { [.toBroker(.ready(credit: settings.credit)), Self.helloToBroker] }

    /// READY on a new connection: the credit less every job still held, which the broker no longer counts as this
    /// connection's.
    mutating func readyAfterReconnecting() -> Action {
        heldBeforeReady = Set(tickets.keys).union(unconfirmed.keys)
        heldAtLastReady = heldBeforeReady.count
        return .toBroker(.ready(credit: max(1, settings.credit - heldAtLastReady)))
    }

    /// READY again once jobs held before the last READY have finished (see ``heldBeforeReady``).
    mutating func readyForFreedCredit() -> [Action] {
        heldBeforeReady = heldBeforeReady.filter { tickets[$0] != nil || unconfirmed[$0] != nil }
        guard heldBeforeReady.count < heldAtLastReady else { return [] }
        heldAtLastReady = heldBeforeReady.count
        return [.toBroker(.ready(credit: max(1, settings.credit - heldAtLastReady)))]
    }

    static let helloToBroker = Action.toBroker(.hello(features: [WorkerMessage.Feature.doneBatches]))

    /// HELLO, if it is due: what this worker reads beyond one STORED per record.
    mutating func helloIfDue(now: Double) -> [Action] {
        guard now >= nextHelloAt else { return [] }
        nextHelloAt = now + helloInterval
        return [.toAggregator(.hello(features: [AggregatorRequest.Feature.storedBatches]))]
    }

    // MARK: broker

    public mutating func received(_ message: BrokerToWorker, now: Double) -> [Action] {
        lastFromBroker = now
        brokerAnsweredOnce = true
        reconnectBackoff.reset()
        reconnectDelay = settings.reconnect.initial
        switch message {
        case .heartbeat:
            return []
        case .reconnect:
            brokerTakesDoneBatches = false
            return [readyAfterReconnecting(), Self.helloToBroker]
        case .hello(let features):
            brokerTakesDoneBatches = features.contains(WorkerMessage.Feature.doneBatches)
            return []
        case .job(let id, let metadata, let body, let ticket):
            // A job already held (the broker re-sent it after a reconnect) is not extracted twice. One already
            // extracted is reported PROCESSED again with the next tick: the broker counts this hand-over as not yet
            // extracted, and would otherwise time it out and strike it while the record waits for the aggregator.
            // Its record is resent under the new ticket, so an outage longer than a ticket's life does not refuse it.
            // Handed again on this connection, it is the broker's to count now: READY no longer takes it off the credit
            // (the next tick offers what that frees), or both sides would until it is stored.
            if tickets[id] != nil || unconfirmed[id] != nil { heldBeforeReady.remove(id) }
            guard tickets[id] == nil else { return [] }
            guard unconfirmed[id] == nil else {
                unconfirmed[id]?.ticket = ticket
                if !processedToReport.contains(id) { processedToReport.append(id) }
                return []
            }
            tickets[id] = Held(ticket: ticket, metadata: metadata)
            return [.extract(id: id, metadata: metadata, body: body)]
        }
    }

    /// The extraction thread finished a job.
    public mutating func extracted(_ id: DocumentID, record: [UInt8], now: Double) -> [Action] {
        guard let held = tickets.removeValue(forKey: id) else { return [] }
        processed += 1
        if record.count > settings.maxRecordBytes {
            return [.toBroker(.failed(id, reason: "record is \(record.count) bytes, over the aggregator's limit of \(settings.maxRecordBytes)"))]
        }
        var backoff = Backoff(initial: settings.resend.initial, maximum: settings.resend.maximum)
        let delay = backoff.next()
        unconfirmed[id] = Unconfirmed(record: record, ticket: held.ticket, metadata: held.metadata, firstSentAt: now, nextSendAt: now + delay, backoff: backoff)
        processedToReport.append(id)
        return [.toAggregator(.result(id, record: record, ticket: held.ticket, metadata: held.metadata))]
    }

    /// PROCESSED for the jobs extracted since the last one (at most ``WorkerMessage/maxProcessedIDs`` ids a message).
    mutating func reportProcessed() -> [Action] {
        defer { processedToReport.removeAll(keepingCapacity: true) }
        return processedToReport.slices(of: WorkerMessage.maxProcessedIDs).map { .toBroker(.processed(Array($0))) }
    }

    public mutating func extractionFailed(_ id: DocumentID, reason: String, now: Double) -> [Action] {
        guard tickets.removeValue(forKey: id) != nil else { return [] }
        return [.toBroker(.failed(id, reason: reason))]
    }

    // MARK: aggregator

    public mutating func received(_ reply: AggregatorReply, now: Double) -> [Action] {
        var actions: [Action] = []
        // While records wait, only an answer to a record says the aggregator answers: one whose store cannot be
        // written still answers HELLO every few seconds, and counting that made the worker say it was away and
        // back every five seconds.
        let answersRecords = switch reply {
        case .stored, .storedBatch, .refused: true
        default: unconfirmed.isEmpty
        }
        if answersRecords {
            lastFromAggregator = now
            if aggregatorSilent {
                aggregatorSilent = false
                actions.append(.log(LogLine(.info, "the aggregator answers again", ["unconfirmed": "\(unconfirmed.count)"])))
            }
        }
        switch reply {
        case .stored(let id, let receipt):
            if unconfirmed.removeValue(forKey: id) != nil { actions += reportProcessed() + [.toBroker(.done(id, receipt: receipt))] }
        case .storedBatch(let documents):
            actions += reportProcessed()
            let confirmed = documents.filter { unconfirmed.removeValue(forKey: $0.id) != nil }
            if brokerTakesDoneBatches, confirmed.count > 1 {
                actions += confirmed.slices(of: WorkerMessage.maxProcessedIDs).map { .toBroker(.doneBatch(Array($0))) }
            } else {
                for document in confirmed { actions.append(.toBroker(.done(document.id, receipt: document.receipt))) }
            }
        case .hello:
            helloInterval = Self.helloInterval
        case let reply where reply.isFirstVersionAnswerToHello:
            // A first-version aggregator: it answers one STORED per record, which this worker reads as well.
            helloInterval = Self.helloIntervalForOlderAggregator
            nextHelloAt = now + helloInterval
        case .refused(let id, let reason):
            if unconfirmed.removeValue(forKey: id) != nil {
                // PROCESSED goes first, as before a DONE: sent after the FAILED, it would mark the job's next attempt,
                // which the broker may hand straight back to this worker, as extracted, and spare it the timeout.
                actions += reportProcessed()
                actions.append(.toBroker(.failed(id, reason: "aggregator refused the record: " + reason.clipped())))
            }
        case .error(let reason):
            actions.append(.log(LogLine(.warning, "the aggregator answered an error", ["reason": reason.clipped()])))
        case .state, .applied, .status:
            break
        }
        return actions
    }

    // MARK: time

    /// Heartbeats, resends what the aggregator has not confirmed, notices a silent aggregator, and reconnects
    /// a silent broker.
    public mutating func tick(now: Double) -> [Action] {
        var actions = helloIfDue(now: now) + reportProcessed() + (heldAtLastReady > 0 ? readyForFreedCredit() : [])
        if now - lastHeartbeat >= settings.heartbeatInterval {
            lastHeartbeat = now
            actions.append(.toBroker(.heartbeat))
        }
        for (id, entry) in unconfirmed where now >= entry.nextSendAt {
            var entry = entry
            entry.nextSendAt = now + entry.backoff.next()
            unconfirmed[id] = entry
            actions.append(.toAggregator(.result(id, record: entry.record, ticket: entry.ticket, metadata: entry.metadata)))
        }
        let silence = settings.heartbeatInterval * Double(settings.liveness)
        if !aggregatorSilent, let oldest = unconfirmed.values.first,
           now - max(lastFromAggregator, oldest.firstSentAt) > max(silence, settings.resend.initial) {
            aggregatorSilent = true
            actions.append(.log(LogLine(.warning, "the aggregator is not answering; holding records until it does",
                                        ["unconfirmed": "\(unconfirmed.count)"])))
        }
        if now - lastFromBroker > silence + reconnectDelay {
            var details = ["silent_seconds": "\(Int(now - lastFromBroker))"]
            // A CURVE handshake the broker refuses (a key on none of its lists) looks like silence from here.
            if settings.keyed && !brokerAnsweredOnce { details["hint"] = "with CURVE, is this worker's key on the broker's worker allow-list?" }
            actions.append(.log(LogLine(.warning, "the broker is silent; reconnecting", details)))
            actions.append(.reconnectBroker)
            actions.append(readyAfterReconnecting())
            actions.append(Self.helloToBroker)
            brokerTakesDoneBatches = false
            lastFromBroker = now
            reconnectDelay = reconnectBackoff.next()
        }
        return actions
    }

    /// The worker is stopping: tell the broker to hand its jobs to others now.
    public func stopping() -> [Action] { [.toBroker(.disconnect)] }
}
