import CZeroMQ
import Glibc
import Synchronization

/// A flag any thread may raise that also wakes a ``Reactor`` blocked in `zmq_poll`: an `eventfd` the
/// reactor polls beside its sockets, so a stop request is seen at once rather than at the next timeout.
/// The corresponding C functions are `eventfd`, `write` and `close`.
public final class Wakeup: Sendable {
    let descriptor: Int32
    private let raised = Atomic<Bool>(false)

    public init() throws(ZeroMQError) {
        let descriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard descriptor >= 0 else { throw ZeroMQError(function: "eventfd", errno: errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Raises the flag and wakes the reactor; safe from any thread, and idempotent.
    public func signal() {
        raised.store(true, ordering: .releasing)
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    public var isSignalled: Bool { raised.load(ordering: .acquiring) }
}
