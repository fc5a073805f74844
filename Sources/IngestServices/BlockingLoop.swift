import Foundation
import ServiceLifecycle
import Synchronization

/// Set once when a daemon should stop; its loop checks it between short polls.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func stop() { flag.store(true, ordering: .relaxed) }
    public var isStopped: Bool { flag.load(ordering: .relaxed) }
}

/// Runs a blocking ZeroMQ loop on a thread of its own (sockets are not thread-safe and `zmq_poll`
/// blocks, so it stays off the cooperative pool), and asks it to stop on graceful shutdown.
func runBlockingLoop(name: String, _ body: @escaping @Sendable (StopSignal) throws -> Void) async throws {
    let signal = StopSignal()
    try await withGracefulShutdownHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try body(signal)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
    } onGracefulShutdown: {
        signal.stop()
    }
}

/// Seconds on a monotonic clock, for heartbeats and timeouts.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Logs the first few occurrences of a noisy event, then one line per `every` more.
struct RateLimitedCounter {
    private(set) var count = 0
    let firstFew: Int
    let every: Int

    init(firstFew: Int = 10, every: Int = 1000) {
        self.firstFew = firstFew
        self.every = every
    }

    mutating func shouldLog() -> Bool {
        count += 1
        return count <= firstFew || count % every == 0
    }
}
