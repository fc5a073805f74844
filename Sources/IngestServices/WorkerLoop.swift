import Foundation
import IngestConfig
import IngestProtocol
import Logging
import MeetingExtraction
import ZeroMQ

final class WorkerLoop: DaemonLoop {
    let config: ClusterConfig
    let extractor: MeetingExtractor
    let logger: Logger
    let context: ZeroMQContext
    var broker: Socket
    let aggregator: Socket
    let encoder = JSONEncoder()
    /// Records sent to the aggregator and not yet STORED, with when they were last sent.
    var pending: [DocumentID: (record: [UInt8], ticket: Ticket, sentAt: Double)] = [:]
    var lastFromBroker = monotonicSeconds()
    var lastHeartbeat = 0.0
    var reconnectDelay = 0.25
    var processed = 0

    static let resultResendSeconds = 3.0

    init(config: ClusterConfig, extractor: MeetingExtractor, logger: Logger) throws {
        self.config = config
        self.extractor = extractor
        self.logger = logger
        context = try ZeroMQContext()
        broker = try Self.connectBroker(context, config)
        aggregator = try Socket(context: context, type: .dealer)
        try aggregator.setMaxMessageSize(bytes: WireLimits.standard.socketMessageLimit)
        try aggregator.connect(config.aggregator)
        try broker.send(WorkerMessage.ready(credit: config.workerCredit).frames)
        logger.info("worker connected", metadata: ["backend": "\(config.backend)", "aggregator": "\(config.aggregator)"])
    }

    private static func connectBroker(_ context: ZeroMQContext, _ config: ClusterConfig) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try socket.setMaxMessageSize(bytes: WireLimits(maxDocumentBytes: config.maxDocumentBytes).socketMessageLimit)
        try socket.setLinger(milliseconds: 0)
        try socket.connect(config.backend)
        return socket
    }

    func run(until stop: StopSignal) throws {
        while !stop.isStopped {
            var poller = Poller()
            poller.register(broker)
            poller.register(aggregator)
            let ready = try poller.poll(timeoutMilliseconds: 100)
            if ready[1] { try drainAggregator() }
            if ready[0] { try drainBroker() }
            try keepAlive()
        }
        // Hand back nothing explicitly: jobs not DONE are re-queued by the broker when we stop heartbeating.
        // Records already sent are idempotent at the aggregator; give STORED a moment to arrive.
        let deadline = monotonicSeconds() + 2
        while !pending.isEmpty && monotonicSeconds() < deadline {
            var poller = Poller()
            poller.register(aggregator)
            if try poller.poll(timeoutMilliseconds: 100)[0] { try drainAggregator() }
        }
        try broker.send(WorkerMessage.disconnect.frames, dontWait: true)
        logger.info("worker stopped", metadata: ["processed": "\(processed)", "unconfirmed": "\(pending.count)"])
    }

    private func drainBroker() throws {
        var processedNow: [DocumentID] = []
        defer {
            if !processedNow.isEmpty { _ = try? broker.send(WorkerMessage.processed(processedNow).frames, dontWait: true) }
        }
        while processedNow.count < 1024, let frames = try broker.receive(dontWait: true) {
            lastFromBroker = monotonicSeconds()
            reconnectDelay = 0.25
            let message: BrokerToWorker
            do {
                message = try BrokerToWorker(frames: frames, limits: WireLimits(maxDocumentBytes: config.maxDocumentBytes))
            } catch {
                logger.warning("ignored a malformed message from the broker", metadata: ["reason": "\(error)"])
                continue
            }
            switch message {
            case .heartbeat:
                break
            case .reconnect:
                try broker.send(WorkerMessage.ready(credit: max(1, config.workerCredit - pending.count)).frames)
            case .job(let id, let metadata, let body, let ticket):
                try process(id: id, metadata: metadata, body: body, ticket: ticket)
                processedNow.append(id)
            }
        }
    }

    private func process(id: DocumentID, metadata: DocumentMetadata, body: String, ticket: Ticket) throws {
        if pending[id] != nil { return }
        let record = extractor.extract(text: body, published: metadata.published)
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(record))
        } catch {
            try broker.send(WorkerMessage.failed(id, reason: "cannot encode record: \(error)").frames)
            return
        }
        pending[id] = (bytes, ticket, monotonicSeconds())
        try aggregator.send(AggregatorRequest.result(id, record: bytes, ticket: ticket).frames)
        processed += 1
    }

    private func drainAggregator() throws {
        while let frames = try aggregator.receive(dontWait: true) {
            guard let reply = try? AggregatorReply(frames: frames) else { continue }
            switch reply {
            case .stored(let id):
                guard pending.removeValue(forKey: id) != nil else { continue }
                try broker.send(WorkerMessage.done(id).frames)
            case .error(let reason):
                logger.warning("aggregator refused a record", metadata: ["reason": "\(reason)"])
            default:
                break
            }
        }
    }

    /// Heartbeats to the broker, resends unconfirmed records, and reconnects to a silent broker (Paranoid Pirate).
    private func keepAlive() throws {
        let now = monotonicSeconds()
        if now - lastHeartbeat >= config.heartbeatIntervalSeconds {
            lastHeartbeat = now
            try broker.send(WorkerMessage.heartbeat.frames, dontWait: true)
        }
        for (id, entry) in pending where now - entry.sentAt > Self.resultResendSeconds {
            pending[id]!.sentAt = now
            try aggregator.send(AggregatorRequest.result(id, record: entry.record, ticket: entry.ticket).frames, dontWait: true)
        }
        let silence = config.heartbeatIntervalSeconds * Double(config.heartbeatLiveness)
        if now - lastFromBroker > silence + reconnectDelay {
            logger.warning("broker is silent; reconnecting", metadata: ["after": "\(String(format: "%.1f", now - lastFromBroker)) s"])
            broker.close()
            broker = try Self.connectBroker(context, config)
            try broker.send(WorkerMessage.ready(credit: config.workerCredit).frames)
            lastFromBroker = now
            reconnectDelay = min(reconnectDelay * 2, 8)
        }
    }
}
