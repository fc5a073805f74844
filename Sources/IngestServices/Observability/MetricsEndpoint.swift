import Foundation
import IngestConfig
import Logging
import Prometheus
import ZeroMQ

/// A minimal HTTP/1.x responder for Prometheus on a ZeroMQ STREAM socket, polled by the daemon's own
/// reactor: `GET /metrics` answers the registry's text; anything else gets 404. Each connection is closed
/// after one answer; a request that grows past 8 KiB without its header's end is dropped.
final class MetricsEndpoint {
    let socket: Socket
    let registry: PrometheusCollectorRegistry
    private var pending: [[UInt8]: [UInt8]] = [:]

    static let requestLimit = 8 * 1024

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

    /// Reads what arrived and answers every complete request.
    func handle(beforeAnswering refresh: () -> Void) throws {
        while let frames = try socket.receive(dontWait: true) {
            guard frames.count == 2 else { continue }
            let connection = frames[0]
            // An empty frame announces a connection or its end.
            if frames[1].isEmpty {
                pending[connection] = nil
                continue
            }
            var request = pending[connection, default: []] + frames[1]
            guard let headerEnd = request.firstRange(of: Array("\r\n\r\n".utf8)) else {
                if request.count > Self.requestLimit {
                    pending[connection] = nil
                    try close(connection)
                } else {
                    pending[connection] = request
                }
                continue
            }
            pending[connection] = nil
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
            try close(connection)
        }
    }

    private func close(_ connection: [UInt8]) throws {
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
