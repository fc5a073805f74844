import Glibc
import Testing
@testable import ZeroMQ

@Suite("Z85 and CURVE keys")
struct CurveKeyTests {
    @Test("Z85 round trip, with RFC 32's test vector")
    func z85RoundTrip() throws {
        let vector: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(vector) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == vector)
        let bytes = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let text = try #require(Z85.encode(bytes))
        #expect(text.utf8.count == 80)
        #expect(Z85.decode(text) == bytes)
        #expect(Z85.encode([]) == "")
        #expect(Z85.decode("") == [])
    }

    @Test("Z85 refuses bad input without trapping")
    func z85BadInput() {
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(Z85.decode("Hello") != nil)
        #expect(Z85.decode("Hell") == nil, "length not a multiple of 5")
        #expect(Z85.decode("Hell\"") == nil, "a quote is not in the alphabet")
        #expect(Z85.decode("Hell\u{0}World") == nil, "an embedded NUL")
        #expect(Z85.decode("Héllo") == nil, "non-ASCII")
        #expect(Z85.decode("#####") == nil, "a group above 2^32 - 1")
        #expect(Z85.decode("%nSc0") == [0xFF, 0xFF, 0xFF, 0xFF], "the largest group")
    }

    @Test("generated keys are 32 bytes, and the public key follows from the secret")
    func generateAndDerive() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.count == 32 && pair.secretKey.count == 32)
        #expect(pair.publicZ85.utf8.count == 40 && pair.secretZ85.utf8.count == 40)
        #expect(try CurveKeyPair.publicKey(fromSecretZ85: pair.secretZ85) == pair.publicKey)
        let read = try CurveKeyPair(publicZ85: pair.publicZ85, secretZ85: pair.secretZ85)
        #expect(read.publicKey == pair.publicKey && read.secretKey == pair.secretKey)
        #expect(try CurveKeyPair.generate().publicKey != pair.publicKey)
    }

    @Test("a mismatched or malformed key text is refused with EINVAL")
    func badKeyText() throws {
        let pair = try CurveKeyPair.generate()
        let other = try CurveKeyPair.generate()
        for (publicText, secretText) in [
            (other.publicZ85, pair.secretZ85), (String(pair.publicZ85.dropLast()), pair.secretZ85),
            (pair.publicZ85, pair.secretZ85 + "00000"), (pair.publicZ85, "\"" + pair.secretZ85.dropFirst()),
        ] {
            #expect(throws: ZeroMQError.self) { try CurveKeyPair(publicZ85: publicText, secretZ85: secretText) }
        }
        #expect { try CurveKeyPair.publicKey(fromSecretZ85: "short") } throws: { ($0 as? ZeroMQError)?.errno == EINVAL }
    }

    @Test("the secret key stays out of descriptions")
    func redacted() throws {
        let pair = try CurveKeyPair.generate()
        for text in ["\(pair)", String(reflecting: pair), { var out = ""; dump(pair, to: &out); return out }()] {
            #expect(!text.contains(pair.secretZ85))
            #expect(text.contains(pair.publicZ85))
            #expect(text.contains("redacted"))
        }
    }

    @Test("CURVE options refuse keys that are not 32 bytes")
    func optionKeyLength() throws {
        let context = try ZeroMQContext()
        let socket = try Socket(context: context, type: .router)
        let pair = try CurveKeyPair.generate()
        #expect(throws: ZeroMQError.self) { try socket.makeCurveServer(secretKey: Array(pair.secretZ85.utf8)) }
        #expect(throws: ZeroMQError.self) { try socket.makeCurveClient(serverPublicKey: [1, 2, 3], keyPair: pair) }
        try socket.makeCurveServer(secretKey: pair.secretKey)
        try socket.setZAPDomain("cluster")
        try socket.setHandshakeInterval(milliseconds: 2000)
    }
}

@Suite("ZAP messages")
struct ZAPMessageTests {
    static let key = [UInt8](repeating: 7, count: 32)
    static let request: [[UInt8]] = [
        Array("1.0".utf8), [0, 1], Array("cluster".utf8), Array("127.0.0.1".utf8), [], Array("CURVE".utf8), key,
    ]

    @Test("a CURVE request decodes")
    func decodesCurve() throws {
        let request = try ZAPRequest(frames: Self.request)
        #expect(request.version == "1.0" && request.requestID == [0, 1] && request.domain == "cluster")
        #expect(request.address == "127.0.0.1" && request.routingID == [] && request.mechanism == "CURVE")
        #expect(request.curvePublicKey == Self.key)
        let (envelope, body) = try ZAPRequest.splitEnvelope([[0, 0, 1], []] + Self.request)
        #expect(envelope == [[0, 0, 1], []] && body == Self.request)
    }

    @Test("malformed requests throw instead of trapping")
    func malformed() {
        var badUTF8 = Self.request
        badUTF8[2] = [0xC3, 0x28]
        var shortKey = Self.request
        shortKey[6] = [1, 2, 3]
        let cases: [([[UInt8]], ZAPDecodingError)] = [
            ([], .missingFrames(count: 0)),
            (Array(Self.request.prefix(5)), .missingFrames(count: 5)),
            ([Array("2.0".utf8)] + Self.request.dropFirst(), .unsupportedVersion(Array("2.0".utf8))),
            (badUTF8, .invalidText(field: "domain")),
            (Array(Self.request.prefix(6)), .credentialCount(mechanism: "CURVE", count: 0)),
            (Self.request + [[1]], .credentialCount(mechanism: "CURVE", count: 2)),
            (shortKey, .curveKeyLength(3)),
            (Array(Self.request.prefix(5)) + [Array("NULL".utf8), [1]], .credentialCount(mechanism: "NULL", count: 1)),
            (Array(Self.request.prefix(5)) + [Array("KERBEROS".utf8)], .unknownMechanism("KERBEROS")),
        ]
        for (frames, expected) in cases {
            #expect(throws: expected) { try ZAPRequest(frames: frames) }
        }
        #expect(throws: ZAPDecodingError.missingDelimiter) { try ZAPRequest.splitEnvelope([[1], [2]]) }
    }

    @Test("the handler answers malformed, NULL, PLAIN and CURVE requests as documented")
    func handlerReplies() {
        let allowAll: (ZAPRequest) -> ZAPDecision = { _ in .allow(userID: "anyone") }
        let malformed = ZAPHandler.reply(to: [Array("1.0".utf8), [9]], allowAll)
        #expect(malformed.statusCode == .internalError && malformed.requestID == [9])
        #expect(ZAPHandler.reply(to: [], allowAll).statusCode == .internalError)
        let plain = Array(Self.request.prefix(5)) + [Array("PLAIN".utf8), Array("user".utf8), Array("pw".utf8)]
        let null = Array(Self.request.prefix(5)) + [Array("NULL".utf8)]
        #expect(ZAPHandler.reply(to: plain, allowAll).statusCode == .authenticationFailure)
        #expect(ZAPHandler.reply(to: null, allowAll).statusCode == .authenticationFailure)
        let allowed = ZAPHandler.reply(to: Self.request, allowAll)
        #expect(allowed.frames == [
            Array("1.0".utf8), [0, 1], Array("200".utf8), Array("OK".utf8), Array("anyone".utf8), [],
        ])
        let denied = ZAPHandler.reply(to: Self.request) { _ in .deny(reason: "unknown key") }
        #expect(denied.statusCode == .authenticationFailure && denied.statusText == "unknown key" && denied.userID == "")
    }
}

/// Each test makes its own context: the ZAP endpoint is per context. The handler is driven from the
/// test thread, polled beside the server socket, so every socket is used on the thread that made it.
@Suite("CURVE and ZAP over tcp loopback")
struct CurveZAPTests {
    /// Polls `handler` (if any) and `server` until `deadline` seconds pass or `done` says so,
    /// answering ZAP requests with `decide` and collecting what the server receives.
    static func pump(
        handler: ZAPHandler?, server: Socket, seconds: Double,
        decide: (ZAPRequest) -> ZAPDecision = { _ in .deny(reason: "no") },
        until done: ([ReceivedMessage]) -> Bool = { _ in false }
    ) throws -> [ReceivedMessage] {
        var poller = Poller()
        let serverIndex = poller.register(server)
        if let handler { poller.register(handler.socket) }
        var received: [ReceivedMessage] = []
        let deadline = monotonicSeconds() + seconds
        while monotonicSeconds() < deadline, !done(received) {
            let readable = try poller.poll(timeoutMilliseconds: 50)
            if let handler, readable[1 - serverIndex] { try handler.handlePending(decide) }
            while let message = try server.receiveMessage(dontWait: true) { received.append(message) }
        }
        return received
    }

    static func curveClient(_ context: ZeroMQContext, server: CurveKeyPair, keys: CurveKeyPair, endpoint: String) throws -> Socket {
        let client = try Socket(context: context, type: .dealer)
        try client.makeCurveClient(serverPublicKey: server.publicKey, keyPair: keys)
        try client.connect(endpoint)
        return client
    }

    @Test("the ZAP handler lets the allowed key in with its user id, and keeps the denied and plaintext clients out")
    func allowAndDeny() throws {
        let context = try ZeroMQContext()
        let handler = try ZAPHandler(context: context)
        let serverKeys = try CurveKeyPair.generate()
        let alpha = try CurveKeyPair.generate()
        let beta = try CurveKeyPair.generate()

        let server = try Socket(context: context, type: .router)
        try server.makeCurveServer(secretKey: serverKeys.secretKey)
        try server.setZAPDomain("cluster")
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint

        let allowed = try Self.curveClient(context, server: serverKeys, keys: alpha, endpoint: endpoint)
        let denied = try Self.curveClient(context, server: serverKeys, keys: beta, endpoint: endpoint)
        let plaintext = try Socket(context: context, type: .dealer)
        try plaintext.connect(endpoint)
        try denied.send([Array("from beta".utf8)])
        try plaintext.send([Array("from plaintext".utf8)])
        try allowed.send([Array("from alpha".utf8)])

        var asked: [ZAPRequest] = []
        let decide: (ZAPRequest) -> ZAPDecision = { request in
            asked.append(request)
            return request.curvePublicKey == alpha.publicKey ? .allow(userID: "worker:alpha") : .deny(reason: "unknown key")
        }
        var received = try Self.pump(handler: handler, server: server, seconds: 5, decide: decide) { !$0.isEmpty }
        // Then long enough for the other two to have arrived, had they been let in.
        received += try Self.pump(handler: handler, server: server, seconds: 0.7, decide: decide)

        #expect(received.count == 1)
        let message = try #require(received.first)
        #expect(message.frames.dropFirst().first == Array("from alpha".utf8))
        #expect(message.userID == "worker:alpha")
        #expect(asked.contains { $0.curvePublicKey == beta.publicKey }, "beta's handshake reached the handler")
        #expect(asked.allSatisfy { $0.domain == "cluster" && $0.mechanism == "CURVE" && $0.address == "127.0.0.1" })

        // The same connection keeps its user id on later messages.
        try allowed.send([Array("again".utf8)])
        let again = try Self.pump(handler: handler, server: server, seconds: 3, decide: decide) { !$0.isEmpty }
        #expect(again.map(\.userID) == ["worker:alpha"])
    }

    /// libzmq 4.3.4, observed here: a CURVE server whose context has no ZAP handler bound accepts every CURVE
    /// client (any key), and its messages carry no `User-Id`. libzmq only refuses such connections when the
    /// draft option `ZMQ_ZAP_ENFORCE_DOMAIN` is set, which this wrapper does not expose. A plaintext client
    /// is still refused: the mechanisms do not match.
    @Test("without a ZAP handler a CURVE server accepts any CURVE client")
    func noHandlerAcceptsAnyCurveClient() throws {
        let context = try ZeroMQContext()
        let serverKeys = try CurveKeyPair.generate()
        let server = try Socket(context: context, type: .router)
        try server.makeCurveServer(secretKey: serverKeys.secretKey)
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint

        let first = try Self.curveClient(context, server: serverKeys, keys: try CurveKeyPair.generate(), endpoint: endpoint)
        let second = try Self.curveClient(context, server: serverKeys, keys: try CurveKeyPair.generate(), endpoint: endpoint)
        let plaintext = try Socket(context: context, type: .dealer)
        try plaintext.connect(endpoint)
        try plaintext.send([Array("plaintext".utf8)])
        try first.send([Array("first".utf8)])
        try second.send([Array("second".utf8)])

        var received = try Self.pump(handler: nil, server: server, seconds: 5, until: { $0.count >= 2 })
        received += try Self.pump(handler: nil, server: server, seconds: 0.5)
        #expect(Set(received.compactMap { $0.frames.last }) == [Array("first".utf8), Array("second".utf8)])
        #expect(received.allSatisfy { $0.userID == nil })
    }

    @Test("a Reactor can drive the handler when its socket is readable")
    func reactorDrivesHandler() throws {
        let context = try ZeroMQContext()
        let handler = try ZAPHandler(context: context)
        let serverKeys = try CurveKeyPair.generate()
        let server = try Socket(context: context, type: .router)
        try server.makeCurveServer(secretKey: serverKeys.secretKey)
        try server.bind("tcp://127.0.0.1:*")
        let client = try Self.curveClient(context, server: serverKeys, keys: try CurveKeyPair.generate(), endpoint: try server.lastEndpoint)
        try client.send([Array("hello".utf8)])

        let reactor = Reactor(wakeup: try Wakeup())
        reactor.addReader(handler.socket) { try handler.handlePending { _ in .allow(userID: "worker:alpha") } }
        var received: [ReceivedMessage] = []
        reactor.addReader(server) {
            while let message = try server.receiveMessage(dontWait: true) { received.append(message) }
        }
        let deadline = monotonicSeconds() + 5
        while received.isEmpty, monotonicSeconds() < deadline { try reactor.runOnce(maximumWait: 0.05) }
        #expect(received.map(\.userID) == ["worker:alpha"])
    }

    @Test("a NULL-mechanism server asks the handler only when it has a ZAP domain")
    func nullMechanismAsksOnlyWithDomain() throws {
        let context = try ZeroMQContext()
        let handler = try ZAPHandler(context: context)
        for domain in ["", "cluster"] {
            let server = try Socket(context: context, type: .router)
            if !domain.isEmpty { try server.setZAPDomain(domain) }
            try server.bind("tcp://127.0.0.1:*")
            let client = try Socket(context: context, type: .dealer)
            try client.connect(try server.lastEndpoint)
            try client.send([Array("plain".utf8)])
            var asked: [String] = []
            let received = try Self.pump(
                handler: handler, server: server, seconds: domain.isEmpty ? 3 : 1,
                decide: { asked.append($0.mechanism); return .allow(userID: "x") }, until: { !$0.isEmpty })
            // The handler denies NULL itself, without calling decide.
            #expect(asked.isEmpty)
            #expect(received.count == (domain.isEmpty ? 1 : 0), "domain \"\(domain)\"")
            #expect(received.allSatisfy { $0.userID == nil })
        }
    }

    @Test("a second ZAP handler in the same context cannot bind; one in another context can")
    func oneHandlerPerContext() throws {
        let context = try ZeroMQContext()
        let handler = try ZAPHandler(context: context)
        #expect { try ZAPHandler(context: context) } throws: { ($0 as? ZeroMQError)?.errno == EADDRINUSE }
        let other = try ZAPHandler(context: try ZeroMQContext())
        other.close()
        handler.close()
    }
}
