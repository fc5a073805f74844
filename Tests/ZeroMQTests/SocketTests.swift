import Foundation
import Testing
@testable import ZeroMQ

@Suite("ZeroMQ sockets")
struct SocketTests {
    let context: ZeroMQContext

    init() throws { context = try ZeroMQContext() }

    @Test("links libzmq 4.x")
    func version() {
        #expect(ZeroMQContext.libraryVersion.major == 4)
    }

    @Test("multipart round trip over inproc and tcp loopback", arguments: ["inproc://roundtrip", "tcp://127.0.0.1:*"])
    func multipartRoundTrip(endpoint: String) throws {
        let server = try Socket(context: context, type: .router)
        try server.bind(endpoint)
        let client = try Socket(context: context, type: .dealer)
        try client.connect(try server.lastEndpoint)

        let frames: [[UInt8]] = [Array("Tỉnh ủy Bình Phước".utf8), [], [0, 255, 1], Array("Hòa Bình — Đắk Lắk".utf8)]
        try client.send(frames)
        try server.setReceiveTimeout(milliseconds: 2000)
        let received = try #require(try server.receive())
        #expect(received.count == frames.count + 1, "a ROUTER prefixes the peer's routing id")
        #expect(Array(received.dropFirst()) == frames)
        #expect(String(decoding: received[1], as: UTF8.self) == "Tỉnh ủy Bình Phước")

        try server.send([received[0], Array("trả lời".utf8)])
        try client.setReceiveTimeout(milliseconds: 2000)
        #expect(try client.receive() == [Array("trả lời".utf8)])
    }

    @Test("a message over 1 MiB arrives whole")
    func largeMessage() throws {
        let pull = try Socket(context: context, type: .pull)
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context: context, type: .push)
        try push.connect(try pull.lastEndpoint)
        let big = (0..<(1 << 20) + 12345).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try push.send([big, [1]])
        try pull.setReceiveTimeout(milliseconds: 5000)
        let received = try #require(try pull.receive())
        #expect(received == [big, [1]])
    }

    @Test("MAXMSGSIZE drops an oversized message instead of delivering it")
    func maxMessageSize() throws {
        let pull = try Socket(context: context, type: .pull)
        try pull.setMaxMessageSize(bytes: 1000)
        try pull.bind("tcp://127.0.0.1:*")
        let endpoint = try pull.lastEndpoint

        let oversized = try Socket(context: context, type: .push)
        try oversized.connect(endpoint)
        try oversized.send([[UInt8](repeating: 7, count: 5000)])

        let small = try Socket(context: context, type: .push)
        try small.connect(endpoint)
        try small.send([[1, 2, 3]])

        try pull.setReceiveTimeout(milliseconds: 3000)
        #expect(try pull.receive() == [[1, 2, 3]])
        try pull.setReceiveTimeout(milliseconds: 300)
        #expect(try pull.receive() == nil)
    }

    @Test("non-blocking receive returns nil when nothing is queued")
    func dontWait() throws {
        let pull = try Socket(context: context, type: .pull)
        try pull.bind("inproc://empty")
        #expect(try pull.receive(dontWait: true) == nil)
    }

    @Test("ROUTER_MANDATORY reports an unknown peer with EHOSTUNREACH")
    func routerMandatory() throws {
        let router = try Socket(context: context, type: .router)
        try router.setRouterMandatory(true)
        try router.bind("inproc://mandatory")
        #expect {
            try router.send([Array("nobody".utf8), [1]])
        } throws: { error in
            (error as? ZeroMQError)?.isHostUnreachable == true
        }
    }

    @Test("errors carry the failing call and errno")
    func errorsCarryCallAndErrno() throws {
        let socket = try Socket(context: context, type: .pull)
        do {
            try socket.bind("tcp://not-an-endpoint")
            Issue.record("bind to a malformed endpoint succeeded")
        } catch {
            #expect(error.function.hasPrefix("zmq_bind"))
            #expect(error.errno != 0)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("typed options are accepted by libzmq")
    func options() throws {
        let socket = try Socket(context: context, type: .router)
        try socket.setLinger(milliseconds: 0)
        try socket.setSendHighWaterMark(100)
        try socket.setReceiveHighWaterMark(100)
        try socket.setHeartbeat(interval: 1000, timeToLive: 3000, timeout: 3000)
        try socket.setImmediate(true)
        try socket.setRoutingID(Array("worker-1".utf8))
        try socket.setReconnectInterval(milliseconds: 100, max: 2000)
        try socket.setSendTimeout(milliseconds: 10)
        socket.close()
        socket.close()
    }
}

@Suite("ZeroMQ poller")
struct PollerTests {
    @Test("reports which socket is readable and times out when none is")
    func pollsReadableSockets() throws {
        let context = try ZeroMQContext()
        let first = try Socket(context: context, type: .pull)
        try first.bind("inproc://first")
        let second = try Socket(context: context, type: .pull)
        try second.bind("inproc://second")
        let sender = try Socket(context: context, type: .push)
        try sender.connect("inproc://second")

        var poller = Poller()
        poller.register(first)
        poller.register(second)
        #expect(try poller.poll(timeoutMilliseconds: 50) == [false, false])
        try sender.send([[42]])
        #expect(try poller.poll(timeoutMilliseconds: 2000) == [false, true])
        #expect(try second.receive(dontWait: true) == [[42]])
    }

    @Test("a socket closed with a message queued for a peer that never comes lets its context end after its LINGER (200 ms), not never: libzmq's own default waits forever, which would hang a daemon's stop")
    func lingerIsFinite() throws {
        // An IPC path in a folder of this test's own, which nothing binds: a loopback port freed for the purpose could be
        // taken again by a parallel test, or the connection made to itself (the source port chosen equal to the port), and
        // the message then leaves at once (CI saw it end after 1 ms, once in 685 tests).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let endpoint = "ipc://" + folder.appendingPathComponent("nobody").path
        let ended = DispatchSemaphore(value: 0)
        let start = Date()
        Thread.detachNewThread {
            do {
                let context = try ZeroMQContext()
                let socket = try Socket(context: context, type: .dealer)
                try socket.connect(endpoint)
                _ = try socket.send([Array("never read".utf8)], dontWait: true)
                socket.close()
            } catch {}
            ended.signal()
        }
        #expect(ended.wait(timeout: .now() + 5) == .success, "the context did not end within 5 s")
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds >= 0.15 && seconds < 2, "ended after \(seconds) s: the message was not held for the 200 ms linger")
    }
}
