import CZeroMQ

/// A failed libzmq call: the C function that failed, its errno and libzmq's own message.
public struct ZeroMQError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The C function that returned the error, e.g. `zmq_bind`.
    public let function: String
    /// The errno value libzmq reported.
    public let errno: Int32
    /// `zmq_strerror(errno)`.
    public let message: String

    public init(function: String, errno: Int32) {
        self.function = function
        self.errno = errno
        self.message = String(cString: zmq_strerror(errno))
    }

    public var description: String { "\(function) failed: \(message) (errno \(errno))" }

    /// The call would have blocked (`EAGAIN`): a timeout or a full high-water mark.
    public var isWouldBlock: Bool { errno == EAGAIN }
    /// A ROUTER with `ROUTER_MANDATORY` was asked to send to a peer it does not know (`EHOSTUNREACH`).
    public var isHostUnreachable: Bool { errno == EHOSTUNREACH }
    /// The context was terminated while the call was pending (`ETERM`).
    public var isContextTerminated: Bool { errno == ETERM }
}

/// Runs one libzmq call, retrying on `EINTR`, and throws a ``ZeroMQError`` naming `function` when it returns -1.
@discardableResult
@inline(__always)
func zmqCall(_ function: String, _ body: () -> Int32) throws(ZeroMQError) -> Int32 {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = zmq_errno()
        if code == EINTR { continue }
        throw ZeroMQError(function: function, errno: code)
    }
}
