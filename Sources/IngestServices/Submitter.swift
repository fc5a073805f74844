import Foundation
import IngestConfig
import IngestProtocol
import Logging
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

    public var summary: String {
        "submitted \(submitted) accepted \(accepted.count) duplicate \(duplicates.count) rejected \(rejected.count)"
            + (unacknowledged.isEmpty ? "" : " unacknowledged \(unacknowledged.count)")
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

    public init(config: ClusterConfig, logger: Logger) throws {
        self.config = config
        self.logger = logger
        context = try ZeroMQContext()
        socket = try Self.connect(context, config.frontend)
    }

    private static func connect(_ context: ZeroMQContext, _ endpoint: String) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try socket.setLinger(milliseconds: 0)
        try socket.connect(endpoint)
        return socket
    }

    public func submit(_ submissions: [Submission]) throws -> SubmitOutcome {
        var outcome = SubmitOutcome()
        outcome.submitted = submissions.count
        var waiting = Array(submissions.indices.reversed())
        var inFlight: [DocumentID: (index: Int, sentAt: Double, tries: Int)] = [:]
        var notBefore: [Int: Double] = [:]
        var tries: [Int: Int] = [:]
        var answered = 0
        var lastReconnect = 0.0
        while !waiting.isEmpty || !inFlight.isEmpty {
            let now = monotonicSeconds()
            while inFlight.count < window, let next = waiting.last {
                if let later = notBefore[next], later > now { break }
                waiting.removeLast()
                let submission = submissions[next]
                let count = (tries[next] ?? 0) + 1
                tries[next] = count
                try socket.send(ProducerRequest.submit(id: submission.id, metadata: submission.metadata, body: submission.body).frames)
                inFlight[submission.id] = (next, now, count)
            }
            var poller = Poller()
            poller.register(socket)
            if try poller.poll(timeoutMilliseconds: 50)[0] {
                while let frames = try socket.receive(dontWait: true) {
                    guard let reply = try? BrokerReply(frames: frames) else { continue }
                    let id: DocumentID?
                    switch reply {
                    case .accepted(let value): id = value; if inFlight[value] != nil { outcome.accepted.append(value) }
                    case .duplicate(let value): id = value; if inFlight[value] != nil { outcome.duplicates.append(value) }
                    case .rejected(let value, let reason):
                        id = value
                        if let value, let entry = inFlight[value] { outcome.rejected.append((submissions[entry.index].source, reason)) }
                    case .busy(let value):
                        if let entry = inFlight.removeValue(forKey: value) {
                            notBefore[entry.index] = monotonicSeconds() + min(2, 0.05 * Double(entry.tries))
                            tries[entry.index] = entry.tries - 1
                            waiting.append(entry.index)
                        }
                        id = nil
                    case .status, .error: id = nil
                    }
                    if let id, inFlight.removeValue(forKey: id) != nil {
                        answered += 1
                        onProgress?(answered, submissions.count)
                    }
                }
            }
            let timeout = config.submitTimeoutSeconds
            let expired = inFlight.filter { monotonicSeconds() - $0.value.sentAt > timeout }
            if !expired.isEmpty {
                for (id, entry) in expired {
                    inFlight[id] = nil
                    if entry.tries >= config.submitRetries {
                        outcome.unacknowledged.append(submissions[entry.index].source)
                        answered += 1
                    } else {
                        waiting.append(entry.index)
                    }
                }
                if monotonicSeconds() - lastReconnect > timeout {
                    logger.warning("broker did not answer in time; reconnecting and resending", metadata: ["documents": "\(expired.count)"])
                    socket.close()
                    socket = try Self.connect(context, config.frontend)
                    lastReconnect = monotonicSeconds()
                }
            }
        }
        return outcome
    }

    /// Blocks until the aggregator has applied every id, or `timeout` passes. Returns the ids still missing.
    public func waitUntilApplied(_ ids: [DocumentID], timeout: Double, onProgress: ((Int, Int) -> Void)? = nil) throws -> [DocumentID] {
        var missing = Set(ids)
        let deadline = monotonicSeconds() + timeout
        var client = try Self.connect(context, config.aggregator)
        while !missing.isEmpty && monotonicSeconds() < deadline {
            let batch = Array(missing.prefix(WireLimits.standard.maxIDsPerMessage))
            try client.send(AggregatorRequest.applied(batch).frames)
            var poller = Poller()
            poller.register(client)
            if try poller.poll(timeoutMilliseconds: 2000)[0], let frames = try client.receive(dontWait: true),
               case .applied(let done)? = try? AggregatorReply(frames: frames) {
                missing.subtract(done)
                onProgress?(ids.count - missing.count, ids.count)
                if !missing.isEmpty { Thread.sleep(forTimeInterval: 0.2) }
            } else {
                client.close()
                client = try Self.connect(context, config.aggregator)
            }
        }
        return Array(missing)
    }
}
