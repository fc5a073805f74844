import Synchronization

/// A flag any thread may raise that also wakes a ``Reactor`` blocked in `zmq_poll`: a ``Doorbell`` the
/// reactor polls beside its sockets, so a stop request is seen at once rather than at the next timeout.
public final class Wakeup: Sendable {
    private let doorbell: Doorbell
    private let raised = Atomic<Bool>(false)

    public init() throws(ZeroMQError) {
        doorbell = try Doorbell()
    }

    var descriptor: Int32 { doorbell.descriptor }

    /// Raises the flag and wakes the reactor; safe from any thread, and idempotent.
    public func signal() {
        raised.store(true, ordering: .releasing)
        doorbell.ring()
    }

    public var isSignalled: Bool { raised.load(ordering: .acquiring) }
}
