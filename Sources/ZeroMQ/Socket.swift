import CZeroMQ

/// One ZeroMQ socket. It owns its handle and closes it once, in ``close()`` or in deinit.
///
/// libzmq sockets are not thread-safe, so this type is not `Sendable`: make it, use it and
/// close it on one thread. New sockets get a finite LINGER (``defaultLinger``) so that closing
/// the context never hangs on undeliverable messages.
/// The corresponding C functions are `zmq_socket` and `zmq_close`.
public final class Socket {
    /// The LINGER, in milliseconds, given to every new socket.
    public static let defaultLinger: Int32 = 200

    let context: ZeroMQContext
    private(set) var handle: UnsafeMutableRawPointer?
    public let type: SocketType

    public init(context: ZeroMQContext, type: SocketType) throws(ZeroMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZeroMQError(function: "zmq_socket", errno: zmq_errno())
        }
        self.context = context
        self.handle = handle
        self.type = type
        try setOption(ZMQ_LINGER, Self.defaultLinger, "linger")
    }

    deinit { close() }

    /// Closes the socket; later calls are no-ops. The corresponding C function is `zmq_close`.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    var liveHandle: UnsafeMutableRawPointer {
        guard let handle else { preconditionFailure("ZeroMQ socket used after close()") }
        return handle
    }

    /// The corresponding C function is `zmq_bind`. `tcp://127.0.0.1:*` binds a free port; read it from ``lastEndpoint``.
    public func bind(_ endpoint: String) throws(ZeroMQError) {
        try zmqCall("zmq_bind(\(endpoint))") { zmq_bind(liveHandle, endpoint) }
    }

    /// The corresponding C function is `zmq_connect`.
    public func connect(_ endpoint: String) throws(ZeroMQError) {
        try zmqCall("zmq_connect(\(endpoint))") { zmq_connect(liveHandle, endpoint) }
    }

    /// The corresponding C function is `zmq_disconnect`.
    public func disconnect(_ endpoint: String) throws(ZeroMQError) {
        try zmqCall("zmq_disconnect(\(endpoint))") { zmq_disconnect(liveHandle, endpoint) }
    }

    /// Sends one multipart message. Returns `false` when `dontWait` is set and the message could not be queued now
    /// (high-water mark reached, or no peer yet); every other failure throws.
    /// The corresponding C function is `zmq_send`.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZeroMQError) -> Bool {
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        let handle = liveHandle
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
            if index < frames.count - 1 { flags |= ZMQ_SNDMORE }
            do {
                try zmqCall("zmq_send") {
                    frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                }
            } catch where error.isWouldBlock && index == 0 {
                // Nothing of this message was queued, so the caller may simply retry later.
                return false
            }
        }
        return true
    }

    /// Receives one whole multipart message, or `nil` when `dontWait` is set (or a receive timeout passes) and none is ready.
    /// The corresponding C functions are `zmq_msg_recv` and `zmq_msg_more`.
    public func receive(dontWait: Bool = false) throws(ZeroMQError) -> [[UInt8]]? {
        try receiveMessage(dontWait: dontWait)?.frames
    }

    /// Receives one whole multipart message with the user id its connection was authenticated as, or `nil`
    /// when `dontWait` is set (or a receive timeout passes) and none is ready. The user id is the `User-Id`
    /// property libzmq sets from the ZAP handler's reply (see ``ZAPHandler``), read from the first frame that
    /// has it: in libzmq 4.3.4 the routing-id frame a ROUTER makes up carries no properties, the peer's frames do.
    /// The corresponding C functions are `zmq_msg_recv`, `zmq_msg_more` and `zmq_msg_gets`.
    public func receiveMessage(dontWait: Bool = false) throws(ZeroMQError) -> ReceivedMessage? {
        let handle = liveHandle
        var frames: [[UInt8]] = []
        var userID: String?
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        repeat {
            let flags: Int32 = frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
            do {
                try zmqCall("zmq_msg_recv") { zmq_msg_recv(&message, handle, flags) }
            } catch where error.isWouldBlock && frames.isEmpty {
                return nil
            }
            if userID == nil, let property = zmq_msg_gets(&message, "User-Id") {
                // NULL (EINVAL) means this frame has no such property. String(cString:) repairs invalid UTF-8 rather than trapping.
                userID = String(cString: property)
            }
            let size = zmq_msg_size(&message)
            if size == 0 {
                frames.append([])
            } else {
                let base = zmq_msg_data(&message)!.assumingMemoryBound(to: UInt8.self)
                frames.append(Array(UnsafeBufferPointer(start: base, count: size)))
            }
        } while zmq_msg_more(&message) == 1
        return ReceivedMessage(frames: frames, userID: userID)
    }

    /// The endpoint this socket last bound or connected to, with the real port after a `:*` bind.
    public var lastEndpoint: String {
        get throws(ZeroMQError) {
            var buffer = [CChar](repeating: 0, count: 1024)
            var size = buffer.count
            try zmqCall("zmq_getsockopt(ZMQ_LAST_ENDPOINT)") {
                zmq_getsockopt(liveHandle, ZMQ_LAST_ENDPOINT, &buffer, &size)
            }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
