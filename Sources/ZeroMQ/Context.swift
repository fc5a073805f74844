import CZeroMQ

/// A libzmq context: the I/O threads behind every socket made from it.
///
/// libzmq contexts are thread-safe, so this type is `Sendable`; the sockets made from it are not.
/// The corresponding C functions are `zmq_ctx_new` and `zmq_ctx_term`.
public final class ZeroMQContext: @unchecked Sendable {
    // @unchecked: libzmq documents the context as safe to use from any thread;
    // the handle is immutable after init and terminated once in deinit.
    let handle: UnsafeMutableRawPointer

    public init(ioThreads: Int32 = 1) throws(ZeroMQError) {
        guard let handle = zmq_ctx_new() else {
            throw ZeroMQError(function: "zmq_ctx_new", errno: zmq_errno())
        }
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
        self.handle = handle
    }

    deinit {
        // Every socket must be closed by now; sockets keep their context alive, so they are.
        while zmq_ctx_term(handle) == -1 && zmq_errno() == EINTR {}
    }

    /// The libzmq version this process runs against, e.g. `(4, 3, 4)`.
    public static var libraryVersion: (major: Int32, minor: Int32, patch: Int32) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (major, minor, patch)
    }
}
