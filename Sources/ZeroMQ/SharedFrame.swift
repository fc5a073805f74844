import CZeroMQ
import Synchronization

/// Bytes sent as the last frame of many messages without a copy each: every message refers to this one buffer, which
/// lives until ZeroMQ has let go of the last of them (sent, or dropped with its peer). ``Ledger`` counts the bytes of
/// the frames ZeroMQ still holds (each frame once, however many messages carry it), so a sender can refuse to queue
/// a new one while readers that do not read hold too many. With CURVE, libzmq encrypts a message into a copy of its
/// own as it starts writing it and lets go of the shared frame then: that copy, one per connection being written
/// to, is not in the ledger.
///
/// A class, not a `~Copyable` owner: the buffer has many owners (each queued message holds a reference, released on
/// ZeroMQ's I/O thread), and the last to let go frees it in `deinit`.
public final class SharedFrame: Sendable {
    /// Bytes of the shared frames ZeroMQ holds: a frame counts from the send of the first message that carries it
    /// until ZeroMQ releases the last.
    public final class Ledger: Sendable {
        private let bytes = Atomic<Int>(0)

        public init() {}

        /// Bytes of shared frames ZeroMQ holds now.
        public var bytesHeld: Int { bytes.load(ordering: .acquiring) }

        func add(_ count: Int) { bytes.add(count, ordering: .acquiringAndReleasing) }
        func remove(_ count: Int) { bytes.subtract(count, ordering: .acquiringAndReleasing) }
    }

    // `nonisolated(unsafe)`: written once in init, read-only afterwards; the memory it points to is never written
    // after init either, so readers on any thread (ZeroMQ's I/O thread among them) see the same bytes.
    private nonisolated(unsafe) let buffer: UnsafeMutableRawBufferPointer
    let ledger: Ledger
    /// Messages ZeroMQ holds that carry this frame.
    private let messagesHeld = Atomic<Int>(0)

    /// The frame's bytes, copied once.
    public init(_ bytes: [UInt8], ledger: Ledger) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.buffer = buffer
        count = bytes.count
        self.ledger = ledger
    }

    deinit { buffer.deallocate() }

    /// The frame's length in bytes.
    public let count: Int

    /// The frame's bytes, copied out (for tests and for callers that need them as an array).
    public var bytes: [UInt8] { Array(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }

    var baseAddress: UnsafeMutableRawPointer? { buffer.baseAddress }

    /// Whether ZeroMQ holds a message that carries this frame: one more costs no memory beyond the message itself.
    public var isHeld: Bool { messagesHeld.load(ordering: .acquiring) > 0 }

    func taken() {
        if messagesHeld.add(1, ordering: .acquiringAndReleasing).oldValue == 0 { ledger.add(count) }
    }

    func released() {
        if messagesHeld.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { ledger.remove(count) }
    }
}

/// Called by libzmq, on whatever thread lets go of a message that carried a shared frame: the reference the message
/// held is given back and its bytes leave the ledger.
private let releaseSharedFrame: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { _, hint in
    guard let hint else { return }
    Unmanaged<SharedFrame>.fromOpaque(hint).takeRetainedValue().released()
}

extension Socket {
    /// Sends `frames` and then `shared` as the message's last frame, without copying `shared`'s bytes (see
    /// ``SharedFrame``). Returns `false` when `dontWait` is set and the message could not be queued now; every other
    /// failure throws. The corresponding C functions are `zmq_send`, `zmq_msg_init_data` and `zmq_msg_send`.
    public func send(_ frames: [[UInt8]], sharing shared: SharedFrame, dontWait: Bool = false) throws(ZeroMQError) -> Bool {
        let handle = liveHandle
        let wait: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            do {
                try zmqCall("zmq_send") { frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, wait | ZMQ_SNDMORE) } }
            } catch where error.isWouldBlock && index == 0 {
                return false
            }
        }
        var message = zmq_msg_t()
        let hint = Unmanaged.passRetained(shared).toOpaque()
        guard zmq_msg_init_data(&message, shared.baseAddress, shared.count, releaseSharedFrame, hint) == 0 else {
            Unmanaged<SharedFrame>.fromOpaque(hint).release()
            throw ZeroMQError(function: "zmq_msg_init_data", errno: zmq_errno())
        }
        shared.taken()
        guard zmq_msg_send(&message, handle, wait) >= 0 else {
            let error = ZeroMQError(function: "zmq_msg_send", errno: zmq_errno())
            // Not sent: the message is still ours, and closing it gives the reference back (through the free function).
            zmq_msg_close(&message)
            if error.isWouldBlock && frames.isEmpty { return false }
            throw error
        }
        return true
    }
}
