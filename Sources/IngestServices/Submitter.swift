import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import Logging
import MeetingModel
import ZeroMQ

/// One document to submit.
public struct Submission: Sendable {
    public let id: DocumentID
    public let source: String
    public let metadata: DocumentMetadata
    public let body: [UInt8]

    public init(id: DocumentID, source: String, metadata: DocumentMetadata, body: [UInt8]) {
        self.id = id
        self.source = source
        self.metadata = metadata
        self.body = body
    }
}

/// How the broker answered each submission.
public struct SubmitOutcome: Sendable {
    public var accepted: [DocumentID] = []
    public var duplicates: [DocumentID] = []
    public var rejected: [(source: String, reason: String)] = []
    public var unacknowledged: [String] = []
    public var submitted = 0

    public init() {}

    /// Adds the answers of another submission (a later slice of the same documents).
    public mutating func add(_ other: SubmitOutcome) {
        accepted += other.accepted
        duplicates += other.duplicates
        rejected += other.rejected
        unacknowledged += other.unacknowledged
        submitted += other.submitted
    }
}

/// The broker answered ERROR to this producer's messages: resending cannot help, so the run stops and says why.
public struct BrokerRefusal: Error, CustomStringConvertible {
    public let endpoint: String
    public let reason: String

    public init(endpoint: String, reason: String) {
        self.endpoint = endpoint
        self.reason = reason
    }

    public var description: String {
        "the broker at \(endpoint) refused this producer's messages: \(reason)"
            + (reason.contains("role") ? " (a key needs the producer role to submit or retry: ingest keys new --role producer NAME)" : "")
    }
}

/// The producer side of the protocol (Lazy Pirate): keeps a window of submissions in flight, resends
/// the same id on timeout (over a fresh socket), and backs off on BUSY until every one is answered.
public final class Submitter {
    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    var socket: Socket
    public var window = 64
    public var onProgress: ((Int, Int) -> Void)?

    let security: ClientSecurity?
    /// The routing id of every connection this run makes, so that after a reconnect the broker knows the resend of a
    /// document it accepted as this producer's own (ACCEPTED again, not DUPLICATE). Random, 16 bytes, never starting
    /// with a zero byte (libzmq keeps those for the ids it makes).
    let routingID: [UInt8]
    /// Whether each SUBMIT also names this run (its routing id), for a broker that takes it
    /// (``BrokerStatus/Feature/producerNames``): a copy sent over a connection since replaced reaches the broker under
    /// a name libzmq makes up, and the resend over the new connection would otherwise hear DUPLICATE for the run's own
    /// new document. A broker of an earlier release answers a SUBMIT with a fourth frame ERROR, so it is off by default.
    public var namesProducer = false

    public init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        context = try ZeroMQContext()
        security = try ClientSecurity.make(config: config, defaultName: "client", warn: { logger.warning("\($0)") })
        var random = SystemRandomNumberGenerator()
        routingID = [UInt8(ascii: "P")] + (1..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        socket = try Self.connect(context, config.frontend, security, routingID)
    }

    private static func connect(_ context: ZeroMQContext, _ endpoint: String, _ security: ClientSecurity?, _ routingID: [UInt8]? = nil) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try security?.secure(socket)
        if let routingID { try socket.setRoutingID(routingID) }
        try socket.setLinger(milliseconds: 0)
        try socket.connect(endpoint)
        return socket
    }

    public func submit(_ submissions: [Submission]) throws -> SubmitOutcome {
        var rules = SubmitWindow(
            ids: submissions.map(\.id),
            settings: .init(window: window, timeout: config.submitTimeoutSeconds, tries: config.submitRetries))
        var reported = 0
        // One warning per silence, not one per resend: every retry round would otherwise repeat it.
        var silence = SilenceNotice(what: "broker", endpoint: config.frontend, logger: logger)
        while !rules.isFinished {
            for action in rules.tick(now: monotonicSeconds()) {
                switch action {
                case .send(let index):
                    let submission = submissions[index]
                    try socket.send(ProducerRequest.submit(id: submission.id, metadata: submission.metadata, body: submission.body,
                                                           producer: namesProducer ? routingID : nil).frames)
                case .reconnect:
                    silence.silent(
                        "the broker at \(config.frontend) did not answer within \(Self.seconds(config.submitTimeoutSeconds)) s; "
                            + "reconnecting and resending the same ids, up to \(config.submitRetries) tries each")
                    socket.close()
                    socket = try Self.connect(context, config.frontend, security, routingID)
                }
            }
            var poller = Poller()
            poller.register(socket)
            if try poller.poll(timeoutMilliseconds: 20)[0] {
                while let frames = try socket.receive(dontWait: true) {
                    guard let reply = try? BrokerReply(frames: frames) else { continue }
                    silence.answered()
                    rules.received(reply, now: monotonicSeconds())
                }
            }
            if rules.answeredCount != reported {
                reported = rules.answeredCount
                onProgress?(reported, submissions.count)
            }
        }
        if let reason = rules.refusal { throw BrokerRefusal(endpoint: config.frontend, reason: reason) }
        var outcome = SubmitOutcome()
        outcome.submitted = submissions.count
        for (submission, answer) in zip(submissions, rules.answers) {
            switch answer {
            case .accepted?: outcome.accepted.append(submission.id)
            case .duplicate?: outcome.duplicates.append(submission.id)
            case .rejected(let reason)?: outcome.rejected.append((submission.source, reason))
            case .unacknowledged?, nil: outcome.unacknowledged.append(submission.source)
            }
        }
        return outcome
    }

    /// How many of the documents `submit --wait` waited for were applied, given up on by the broker, or neither when
    /// the wait ended.
    public struct WaitOutcome: Equatable, Sendable {
        public var missing: Int
        public var deadLettered: Int

        public init(missing: Int, deadLettered: Int) {
            self.missing = missing
            self.deadLettered = deadLettered
        }
    }

    /// Blocks until the aggregator has applied every id, or `timeout` passes, asking as ``AppliedWait`` says. With
    /// `asksBroker` (a broker that answers DEADLETTERED?), it also asks the broker every few seconds which of the
    /// missing it dead-lettered, and stops waiting for those: they will not be applied unless retried.
    public func waitUntilApplied(_ ids: PackedDocumentIDs, timeout: Double, asksBroker: Bool = false,
                                 onProgress: ((Int, Int) -> Void)? = nil) throws -> WaitOutcome {
        var rules = AppliedWait(ids)
        let start = monotonicSeconds()
        let deadline = start + timeout
        var client = try Self.connect(context, config.aggregator, security)
        var silence = SilenceNotice(what: "aggregator", endpoint: config.aggregator, logger: logger)
        var asking = asksBroker
        while rules.missing > 0 && monotonicSeconds() < deadline {
            if asking, rules.asksBroker(now: monotonicSeconds(), start: start) {
                if let given = try deadLettered(among: rules.question()) {
                    rules.brokerGaveUp(on: given)
                    onProgress?(rules.applied, rules.total)
                    if rules.missing == 0 { break }
                } else {
                    asking = false
                }
            }
            try client.send(AggregatorRequest.applied(rules.question()).frames)
            var poller = Poller()
            poller.register(client)
            if try poller.poll(timeoutMilliseconds: 2000)[0], let frames = try client.receive(dontWait: true),
               case .applied(let done)? = try? AggregatorReply(frames: frames) {
                silence.answered()
                let pause = rules.answered(done)
                onProgress?(rules.applied, rules.total)
                if pause > 0 && rules.missing > 0 { Thread.sleep(forTimeInterval: pause) }
            } else {
                let left = max(0, deadline - monotonicSeconds())
                silence.silent(
                    "the aggregator at \(config.aggregator) does not answer; still waiting for it to apply \(rules.missing) "
                        + "accepted documents (up to \(Self.seconds(left)) s more); the documents are safe in the broker's journal")
                client.close()
                client = try Self.connect(context, config.aggregator, security)
            }
        }
        return WaitOutcome(missing: rules.missing, deadLettered: rules.deadLettered)
    }

    /// Those of `ids` the broker says it dead-lettered; none when it does not answer within 2 s (the wait goes on); nil
    /// when it answers ERROR (a broker of an earlier release does not know the question).
    private func deadLettered(among ids: [DocumentID]) throws -> [DocumentID]? {
        guard !ids.isEmpty, try socket.send(ProducerRequest.deadLettered(ids).frames, dontWait: true) else { return [] }
        let deadline = monotonicSeconds() + 2
        while monotonicSeconds() < deadline {
            var poller = Poller()
            poller.register(socket)
            guard try poller.poll(timeoutMilliseconds: Int(max(1, (deadline - monotonicSeconds()) * 1000)))[0] else { break }
            while let frames = try socket.receive(dontWait: true) {
                // Late answers to earlier SUBMITs may come first; only the answer to this question counts.
                switch try? BrokerReply(frames: frames) {
                case .deadLettered(let given)?: return given
                case .error?: return nil
                default: continue
                }
            }
        }
        return []
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Says once that a daemon is silent, however many retries follow (those go to the debug level), and
/// once that it answers again, so that a long outage is one warning rather than one per resend.
struct SilenceNotice {
    let what: String
    let endpoint: String
    let logger: Logger
    private(set) var warned = false

    init(what: String, endpoint: String, logger: Logger) {
        self.what = what
        self.endpoint = endpoint
        self.logger = logger
    }

    mutating func silent(_ message: String) {
        if warned {
            logger.debug("still no answer; retrying", metadata: ["endpoint": "\(endpoint)"])
        } else {
            warned = true
            logger.warning("\(message)")
        }
    }

    mutating func answered() {
        guard warned else { return }
        warned = false
        logger.notice("the \(what) at \(endpoint) answers again")
    }
}
