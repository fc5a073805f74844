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

    @Test("a connecting socket hears of its handshake with a live ZeroMQ peer whose thread never reads; not of a listener that only took the TCP connection")
    func reportsHandshakes() throws {
        let context = try ZeroMQContext()
        let server = try Socket(context: context, type: .router)
        try server.bind("tcp://127.0.0.1:*")
        let client = try Socket(context: context, type: .dealer)
        try client.setLinger(milliseconds: 0)
        let monitor = try SocketMonitor(watching: client, kinds: .handshakeSucceeded)
        try client.connect(try server.lastEndpoint)
        var event: SocketMonitor.Event?
        for _ in 0..<200 where event == nil {
            event = try monitor.next()
            if event == nil { usleep(10_000) }
        }
        #expect(event?.kind == .handshakeSucceeded)

        // A bound TCP socket that never answers: the kernel takes the connection, nobody greets.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        #expect(bound)
        let silent = try Socket(context: context, type: .dealer)
        try silent.setLinger(milliseconds: 0)
        let silentMonitor = try SocketMonitor(watching: silent, kinds: .handshakeSucceeded)
        try silent.connect("tcp://127.0.0.1:\(UInt16(bigEndian: address.sin_port))")
        usleep(500_000)
        #expect(try silentMonitor.next() == nil)
        for socket in [monitor.socket, silentMonitor.socket, client, silent, server] { socket.close() }
    }
}
