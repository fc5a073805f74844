import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import Logging
import MeetingExtraction
import ZeroMQ

/// A worker's I/O: a DEALER to the broker, a DEALER to the aggregator, the extraction thread and a clock
/// around a ``WorkerStateMachine``.
final class WorkerLoop: DaemonLoop {
    let config: ClusterConfig
    let logger: Logger
    let context: ZeroMQContext
    var broker: Socket
    let aggregator: Socket
    let extraction: ExtractionThread
    var machine: WorkerStateMachine
    var brokerHandle = 0
    weak var reactor: Reactor?
    let limits: WireLimits
    let security: ClientSecurity?
    var malformedLog = LogRateLimit()
    /// DONE messages the broker's socket would not take yet (no connection at the moment): sent again on
    /// the next tick, as the record is already stored and only the broker's word is missing.
    var unsentDone: [WorkerMessage] = []

    init(config: ClusterConfig, extractor: MeetingExtractor, skipExtraction: Bool = false, logger: Logger) throws {
        self.config = config
        self.logger = logger
        // A JOB is as large as the broker's `max_document_bytes` allows, which the worker's own config (on another
        // machine, say) need not repeat: it takes any document up to the ceiling that setting can have.
        limits = WireLimits(maxDocumentBytes: ClusterConfig.largestDocumentBytes)
        context = try ZeroMQContext()
        security = try ClientSecurity.make(config: config, defaultName: "worker", warn: { logger.warning("\($0)") })
        broker = try Self.connectBroker(context, config, limits, security)
        aggregator = try Socket(context: context, type: .dealer)
        try security?.secure(aggregator)
        try aggregator.setMaxMessageSize(bytes: WireLimits.standard.socketMessageLimit)
        try aggregator.setLinger(milliseconds: 0)
        try aggregator.connect(config.aggregator)
        extraction = try ExtractionThread(context: context, extractor: extractor, skipExtraction: skipExtraction)
        if skipExtraction { logger.warning("benchmark mode: records are made without extraction (--benchmark-skip-extraction)") }
        machine = WorkerStateMachine(
            settings: .init(credit: config.workerCredit, heartbeatInterval: config.heartbeatIntervalSeconds,
                            liveness: config.heartbeatLiveness, maxRecordBytes: WireLimits.standard.maxPayloadBytes, keyed: security != nil),
            now: monotonicSeconds())
        logger.info("worker connected", metadata: ["backend": "\(config.backend)", "aggregator": "\(config.aggregator)"])
    }

    private static func connectBroker(_ context: ZeroMQContext, _ config: ClusterConfig, _ limits: WireLimits, _ security: ClientSecurity?) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try security?.secure(socket)
        try socket.setMaxMessageSize(bytes: limits.socketMessageLimit)
        try socket.setLinger(milliseconds: 0)
        try socket.connect(config.backend)
        return socket
    }

    func run(until wakeup: Wakeup) throws {
        let reactor = Reactor(wakeup: wakeup)
        self.reactor = reactor
        brokerHandle = reactor.addReader(broker) { [unowned self] in try drainBroker() }
        reactor.addReader(aggregator) { [unowned self] in try drainAggregator() }
        reactor.addReader(extraction.socket) { [unowned self] in try drainExtraction() }
        reactor.addTimer(every: 0.05) { [unowned self] now in
            guard extraction.isRunning else { throw WorkerFailure.extractionStopped }
            if !unsentDone.isEmpty {
                let retry = unsentDone
                unsentDone = []
                try perform(retry.map { .toBroker($0) })
            }
            try perform(machine.tick(now: now))
        }
        try perform(machine.start())
        try reactor.run()
        // Records already sent are idempotent at the aggregator: give STORED a moment to arrive, then tell the
        // broker to hand the rest to other workers.
        let deadline = monotonicSeconds() + 2
        while machine.unconfirmedCount > 0 && monotonicSeconds() < deadline {
            try drainAggregator()
            usleep(20_000)
        }
        try perform(machine.stopping())
        extraction.stop()
        logger.info("worker stopped", metadata: ["processed": "\(machine.processed)", "unconfirmed": "\(machine.unconfirmedCount)"])
    }

    private func drainBroker() throws {
        for _ in 0..<1024 {
            guard let frames = try broker.receive(dontWait: true) else { break }
            do {
                try perform(machine.received(try BrokerToWorker(frames: frames, limits: limits), now: monotonicSeconds()))
            } catch let error as ProtocolError {
                if malformedLog.admit(now: monotonicSeconds()) {
                    logger.warning("ignored a malformed message from the broker", metadata: ["reason": "\(error)", "total": "\(malformedLog.count)"])
                }
            }
        }
    }

    private func drainAggregator() throws {
        for _ in 0..<1024 {
            guard let frames = try aggregator.receive(dontWait: true) else { break }
            guard let reply = try? AggregatorReply(frames: frames) else { continue }
            try perform(machine.received(reply, now: monotonicSeconds()))
        }
    }

    private func drainExtraction() throws {
        while let (id, outcome) = try extraction.receive() {
            switch outcome {
            case .success(let record): try perform(machine.extracted(id, record: record, now: monotonicSeconds()))
            case .failure(let failure): try perform(machine.extractionFailed(id, reason: failure.reason, now: monotonicSeconds()))
            }
        }
    }

    private func perform(_ actions: [WorkerStateMachine.Action]) throws {
        for action in actions {
            switch action {
            case .toBroker(let message):
                if !(try broker.send(message.frames, dontWait: true)), message.isDone, unsentDone.count < 10_000 {
                    unsentDone.append(message)
                }
            case .toAggregator(let request):
                // A full queue toward an absent aggregator drops this send; the record is resent later.
                _ = try aggregator.send(request.frames, dontWait: true)
            case .extract(let id, let metadata, let body):
                try extraction.submit(id: id, metadata: metadata, body: body)
            case .reconnectBroker:
                broker.close()
                broker = try Self.connectBroker(context, config, limits, security)
                reactor?.replace(brokerHandle, with: broker)
            case .log(let line):
                logger.log(line)
            }
        }
    }
}

extension WorkerMessage {
    /// DONE for one job or several: kept and sent again when the broker's socket would not take it.
    var isDone: Bool {
        switch self {
        case .done, .doneBatch: true
        default: false
        }
    }
}
