import CZeroMQ

/// What libzmq reports about a socket's connections (`zmq_socket_monitor`), read from a `PAIR` socket of its own that
/// a reactor can poll. Only the kinds asked for are sent. Make it, poll it and close it on the thread of the socket it
/// watches.
public final class SocketMonitor {
    /// The kinds of event to report (`ZMQ_EVENT_*`).
    public struct Kinds: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// A listening socket could not accept a connection; the value is the errno (`EMFILE` when out of descriptors).
        public static let acceptFailed = Kinds(rawValue: ZMQ_EVENT_ACCEPT_FAILED)
        /// A connection was accepted; the value is its descriptor.
        public static let accepted = Kinds(rawValue: ZMQ_EVENT_ACCEPTED)
        /// A connection's ZMTP handshake (and security mechanism) completed: a live ZeroMQ peer is at the other end.
        public static let handshakeSucceeded = Kinds(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
    }

    /// One report: its kind, its value (an errno, a descriptor) and the endpoint it concerns.
    public struct Event: Sendable, Equatable {
        public let kind: Kinds
        public let value: Int32
        public let endpoint: String
    }

    /// The `PAIR` socket the reports arrive on, for a reactor to poll.
    public let socket: Socket

    /// Starts reporting `kinds` of `watched`'s events.
    public init(watching watched: Socket, kinds: Kinds) throws(ZeroMQError) {
        // The watched socket's handle names the pair uniquely while that socket is open.
        let endpoint = "inproc://socket-monitor-\(UInt(bitPattern: watched.liveHandle))"
        try zmqCall("zmq_socket_monitor(\(endpoint))") { zmq_socket_monitor(watched.liveHandle, endpoint, kinds.rawValue) }
        socket = try Socket(context: watched.context, type: .pair)
        try socket.connect(endpoint)
    }

    /// The next report, or nil when none waits. A message not in libzmq's two-frame form is skipped.
    public func next() throws(ZeroMQError) -> Event? {
        while let frames = try socket.receive(dontWait: true) {
            guard frames.count == 2, frames[0].count == 6 else { continue }
            // A 16-bit event number and a 32-bit value, in the host's byte order.
            let kind = frames[0].withUnsafeBytes { Int32($0.loadUnaligned(as: UInt16.self)) }
            let value = frames[0].withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: Int32.self) }
            return Event(kind: Kinds(rawValue: kind), value: value, endpoint: String(decoding: frames[1], as: UTF8.self))
        }
        return nil
    }
}
