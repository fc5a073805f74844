import CZeroMQ
import Glibc

/// A poll loop over sockets, with timers and a stop wake-up, as czmq's `zloop`: a daemon registers what
/// to do when a socket is readable and what to do every so often, then ``run()`` calls those handlers
/// until its ``Wakeup`` is signalled. It owns the sockets it polls, so none is closed under it, and it
/// builds its poll set once.
/// The corresponding C function is `zmq_poll`.
public final class Reactor {
    public typealias ReadHandler = () throws -> Void
    public typealias TimerHandler = (_ now: Double) throws -> Void

    private struct Timer {
        let interval: Double
        var due: Double
        let handler: TimerHandler
    }

    private let wakeup: Wakeup
    private var items: [zmq_pollitem_t]
    private var sockets: [Socket?]
    private var handlers: [ReadHandler?]
    private var timers: [Timer] = []

    public init(wakeup: Wakeup) {
        self.wakeup = wakeup
        items = [zmq_pollitem_t(socket: nil, fd: wakeup.descriptor, events: Int16(ZMQ_POLLIN), revents: 0)]
        sockets = [nil]
        handlers = [nil]
    }

    /// Calls `handler` whenever `socket` has a message; returns a handle for ``replace(_:with:)``.
    @discardableResult
    public func addReader(_ socket: Socket, _ handler: @escaping ReadHandler) -> Int {
        items.append(zmq_pollitem_t(socket: socket.liveHandle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        sockets.append(socket)
        handlers.append(handler)
        return items.count - 1
    }

    /// Calls `handler` on this reactor's thread after `doorbell` rang (once for any number of rings since the last call).
    public func addDoorbell(_ doorbell: Doorbell, _ handler: @escaping ReadHandler) {
        items.append(zmq_pollitem_t(socket: nil, fd: doorbell.descriptor, events: Int16(ZMQ_POLLIN), revents: 0))
        sockets.append(nil)
        handlers.append {
            // The handler holds the doorbell, so its descriptor stays open while it is polled.
            doorbell.answer()
            try handler()
        }
    }

    /// Polls `socket` in place of the one registered under `handle` (a reconnect made a fresh socket).
    public func replace(_ handle: Int, with socket: Socket) {
        guard items.indices.contains(handle), handle > 0 else { return }
        items[handle].socket = socket.liveHandle
        sockets[handle] = socket
    }

    /// Calls `handler` with the monotonic time every `seconds` (first after one interval).
    public func addTimer(every seconds: Double, _ handler: @escaping TimerHandler) {
        timers.append(Timer(interval: seconds, due: monotonicSeconds() + seconds, handler: handler))
    }

    /// Runs until the wake-up is signalled, or a handler throws.
    public func run() throws {
        while !wakeup.isSignalled {
            try runOnce(maximumWait: 1.0)
        }
    }

    /// One pass: waits for input or the next timer (at most `maximumWait` seconds), then runs what is due.
    public func runOnce(maximumWait: Double) throws {
        let now = monotonicSeconds()
        let nextDue = timers.map(\.due).min() ?? now + maximumWait
        let wait = max(0, min(nextDue - now, maximumWait))
        let count = Int32(items.count)
        // Rounded up: a timer due in under a millisecond waits that millisecond rather than polling with a zero
        // timeout until it is due (a thousand polls and 2% of a core per 50 ms timer).
        let milliseconds = Int((wait * 1000).rounded(.up))
        let result = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, milliseconds) }
        if result == -1 {
            let code = zmq_errno()
            if code != EINTR { throw ZeroMQError(function: "zmq_poll", errno: code) }
        } else if result > 0 {
            for index in 1..<items.count where items[index].revents & Int16(ZMQ_POLLIN) != 0 {
                try handlers[index]?()
            }
        }
        let after = monotonicSeconds()
        for index in timers.indices where timers[index].due <= after {
            timers[index].due = after + timers[index].interval
            try timers[index].handler(after)
        }
    }
}

/// Seconds on a monotonic clock, for heartbeats, timers and timeouts.
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
