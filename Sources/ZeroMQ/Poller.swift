import CZeroMQ

/// Waits until any of a set of sockets has a message to read.
/// The corresponding C function is `zmq_poll`.
public struct Poller: ~Copyable {
    private var items: [zmq_pollitem_t] = []

    public init() {}

    /// Adds a socket to watch for input; returns its index in ``poll(timeoutMilliseconds:)``'s answer.
    @discardableResult
    public mutating func register(_ socket: Socket) -> Int {
        items.append(zmq_pollitem_t(socket: socket.liveHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and returns, per registered socket, whether it is readable.
    /// An interrupted wait (`EINTR`) returns all `false` so the caller can check for shutdown.
    public mutating func poll(timeoutMilliseconds: Int) throws(ZeroMQError) -> [Bool] {
        let count = Int32(items.count)
        let result = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, timeoutMilliseconds) }
        if result == -1 {
            let code = zmq_errno()
            if code == EINTR { return Array(repeating: false, count: items.count) }
            throw ZeroMQError(function: "zmq_poll", errno: code)
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
