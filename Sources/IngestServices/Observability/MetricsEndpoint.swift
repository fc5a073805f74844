import Foundation
import IngestConfig
import Logging
import OrderedCollections
import Prometheus
import ZeroMQ

/// A minimal HTTP/1.x responder for Prometheus on a ZeroMQ STREAM socket, polled by the daemon's own
/// reactor: `GET /metrics` answers the registry's text; anything else gets 404. Each connection is closed
/// after one answer; a request that grows past 8 KiB without its header's end is dropped, and so is a connection
/// that has not asked within 10 s, or the oldest when more than 64 are open: HTTP has no greeting libzmq could time
/// out, so without these a stranger's idle connections would hold the daemon's descriptors (and their half-sent
/// requests its memory) for as long as it kept them.
final class MetricsEndpoint {
    let socket: Socket
    let registry: PrometheusCollectorRegistry
    /// Open connections, oldest first: when each opened (monotonic seconds) and its request so far.
    private var connections: OrderedDictionary<[UInt8], (opened: Double, request: [UInt8])> = [:]

    static let requestLimit = 8 * 1024
    static let idleSeconds = 10.0
    static let connectionLimit = 64

    init(context: ZeroMQContext, endpoint: String, key: String, config: ClusterConfig, registry: PrometheusCollectorRegistry) throws {
        socket = try Socket(context: context, type: .stream)
        socket.setLingerQuietly()
        try DaemonBind.bind(socket, endpoint, key: key, config: config, plaintextAlways: true)
        self.registry = registry
    }

    /// A daemon's metrics and their endpoint, when `endpoint` (the config's `key`) names one; nothing otherwise.
    static func serve(_ endpoint: String?, key: String, config: ClusterConfig, context: ZeroMQContext,
                      logger: Logger) throws -> (DaemonMetrics?, MetricsEndpoint?) {
        guard let endpoint else { return (nil, nil) }
        let metrics = DaemonMetrics()
        let served = try MetricsEndpoint(context: context, endpoint: endpoint, key: key, config: config, registry: metrics.registry)
        logger.info("serving Prometheus metrics", metadata: ["endpoint": "\(endpoint)", "path": "/metrics"])
        return (metrics, served)
    }

    /// Serves the endpoint from `reactor`: answers requests as they arrive, and closes idle connections once a second.
    func attach(to reactor: Reactor, beforeAnswering refresh: @escaping () -> Void) {
        reactor.addReader(socket) { [unowned self] in try handle(now: monotonicSeconds(), beforeAnswering: refresh) }
        reactor.addTimer(every: 1) { [unowned self] now in closeIdle(now: now) }
    }

    /// Reads what arrived and answers every complete request.
    func handle(now: Double, beforeAnswering refresh: () -> Void) throws {
        while let frames = try socket.receive(dontWait: true) {
            guard frames.count == 2 else { continue }
            let connection = frames[0]
            // An empty frame announces a connection or its end.
            if frames[1].isEmpty {
                if connections.removeValue(forKey: connection) == nil {
                    connections[connection] = (now, [])
                    if connections.count > Self.connectionLimit, let oldest = connections.keys.first { close(oldest) }
                }
                continue
            }
            var request = (connections[connection]?.request ?? []) + frames[1]
            guard let headerEnd = request.firstRange(of: Array("\r\n\r\n".utf8)) else {
                if request.count > Self.requestLimit {
                    close(connection)
                } else {
                    connections[connection] = (connections[connection]?.opened ?? now, request)
                }
                continue
            }
            request.removeSubrange(headerEnd.lowerBound...)
            let line = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
            let response: [UInt8]
            if line.hasPrefix("GET /metrics ") || line == "GET /metrics" {
                refresh()
                response = Self.response(status: "200 OK", type: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
            } else {
                response = Self.response(status: "404 Not Found", type: "text/plain", body: Array("only /metrics here\n".utf8))
            }
            _ = try? socket.send([connection, response], dontWait: true)
            close(connection)
        }
    }

    /// Closes every connection open `idleSeconds` or more without a whole request.
    func closeIdle(now: Double) {
        while let (connection, state) = connections.elements.first, now - state.opened >= Self.idleSeconds { close(connection) }
    }

    /// Closes a connection and forgets it: its end, when libzmq announces it, is then a stranger's and ignored.
    private func close(_ connection: [UInt8]) {
        connections.removeValue(forKey: connection)
        _ = try? socket.send([connection, []], dontWait: true)
    }

    static func response(status: String, type: String, body: [UInt8]) -> [UInt8] {
        Array("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body
    }
}

extension Socket {
    /// A short LINGER, ignoring failure: for sockets whose unsent bytes nobody waits for.
    func setLingerQuietly() { _ = try? setLinger(milliseconds: 0) }
}
