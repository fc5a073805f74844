import CZeroMQ
import Glibc

/// A wake-up another thread rings to have a ``Reactor`` run a handler on its own thread: an `eventfd` the reactor
/// polls beside its sockets (``Reactor/addDoorbell(_:_:)``). Rings before the handler runs are one: the handler
/// takes whatever the ringing threads left for it.
/// The corresponding C functions are `eventfd`, `write`, `read` and `close`.
public final class Doorbell: Sendable {
    let descriptor: Int32

    public init() throws(ZeroMQError) {
        let descriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard descriptor >= 0 else { throw ZeroMQError(function: "eventfd", errno: errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Wakes the reactor; safe from any thread.
    public func ring() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// Silences the rings so far (the reactor does, before it runs the handler).
    func answer() {
        var count: UInt64 = 0
        _ = read(descriptor, &count, 8)
    }
}
