import Testing

#if canImport(Glibc)
import Glibc
#endif
@testable import ZeroMQ

@Suite("ZeroMQ socket monitor")
struct SocketMonitorTests {
    @Test("reports only the kinds asked for, with the endpoint; nothing when nothing happened")
    func reportsAcceptedConnections() throws {
        let context = try ZeroMQContext()
        let server = try Socket(context: context, type: .router)
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint
        let monitor = try SocketMonitor(watching: server, kinds: .accepted)
        #expect(try monitor.next() == nil)
        let client = try Socket(context: context, type: .dealer)
        try client.connect(endpoint)
        var event: SocketMonitor.Event?
        for _ in 0..<200 where event == nil {
            event = try monitor.next()
            if event == nil { usleep(10_000) }
        }
        let accepted = try #require(event)
        #expect(accepted.kind == .accepted && accepted.endpoint == endpoint && accepted.value >= 0)
        // A connection's handshake events were not asked for.
        usleep(100_000)
        #expect(try monitor.next() == nil)
        client.close()
        monitor.socket.close()
        server.close()
    }
}
