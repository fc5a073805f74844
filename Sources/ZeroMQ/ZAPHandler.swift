/// What a ``ZAPHandler`` answers for one CURVE client.
public enum ZAPDecision: Sendable, Equatable {
    /// Let the connection in; its messages carry `userID` as their ``ReceivedMessage/userID``.
    case allow(userID: String)
    /// Refuse the connection; `reason` goes into the reply's status text.
    case deny(reason: String)
}

/// The ZAP handler (RFC 27) of one context: a REP socket bound to `inproc://zeromq.zap.01`, which libzmq
/// asks whenever a peer completes a security handshake with a server socket of that context.
///
/// Only a CURVE client with a 32-byte public key can be allowed: NULL, PLAIN and GSSAPI requests, and
/// malformed ones, are denied without asking the caller. libzmq waits for the answer before the
/// connection carries messages, so call ``handlePending(_:)`` whenever ``socket`` is readable, e.g. from
/// a ``Reactor``: `reactor.addReader(handler.socket) { try handler.handlePending(decide) }`.
///
/// Only one handler can bind the endpoint per context: a second one fails with `EADDRINUSE`. A CURVE
/// server in a context with no handler bound lets every CURVE client in, because libzmq 4.3 does not
/// enforce ZAP unless the draft option `ZMQ_ZAP_ENFORCE_DOMAIN` is set; make the handler before the
/// server accepts connections. Like every ``Socket``, use it on one thread.
/// The corresponding C functions are `zmq_bind`, `zmq_msg_recv` and `zmq_send` on that endpoint.
public final class ZAPHandler {
    /// The endpoint libzmq sends ZAP requests to (RFC 27).
    public static let endpoint = "inproc://zeromq.zap.01"

    /// The REP socket bound to ``endpoint``; poll it for input.
    public let socket: Socket

    public init(context: ZeroMQContext) throws(ZeroMQError) {
        socket = try Socket(context: context, type: .reply)
        try socket.bind(Self.endpoint)
    }

    /// Answers every request waiting, without blocking, asking `decide` about each well-formed CURVE one.
    /// Returns how many requests it answered.
    @discardableResult
    public func handlePending(_ decide: (ZAPRequest) -> ZAPDecision) throws(ZeroMQError) -> Int {
        var answered = 0
        while let frames = try socket.receive(dontWait: true) {
            // REP: every request received must be answered before the next can be read.
            try socket.send(Self.reply(to: frames, decide).frames)
            answered += 1
        }
        return answered
    }

    /// Closes the handler's socket, freeing the endpoint. The corresponding C function is `zmq_close`.
    public func close() { socket.close() }

    /// The reply to one request's frames, as ``handlePending(_:)`` sends it.
    static func reply(to frames: [[UInt8]], _ decide: (ZAPRequest) -> ZAPDecision) -> ZAPReply {
        let request: ZAPRequest
        do {
            request = try ZAPRequest(frames: frames)
        } catch {
            let requestID = frames.count > 1 ? frames[1] : []
            return ZAPReply(requestID: requestID, statusCode: .internalError, statusText: "malformed ZAP request: \(error)")
        }
        guard request.curvePublicKey != nil else {
            return ZAPReply(
                requestID: request.requestID, statusCode: .authenticationFailure,
                statusText: "mechanism \(request.mechanism) is not allowed")
        }
        switch decide(request) {
        case .allow(let userID):
            return ZAPReply(requestID: request.requestID, statusCode: .success, statusText: "OK", userID: userID)
        case .deny(let reason):
            return ZAPReply(requestID: request.requestID, statusCode: .authenticationFailure, statusText: reason)
        }
    }
}
