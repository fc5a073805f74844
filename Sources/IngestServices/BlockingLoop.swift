import Foundation
import ServiceLifecycle
import ZeroMQ

/// Runs a blocking ZeroMQ loop on a thread of its own (sockets are not thread-safe and `zmq_poll`
/// blocks, so it stays off the cooperative pool), and wakes it to stop on graceful shutdown.
func runBlockingLoop(name: String, _ body: @escaping @Sendable (Wakeup) throws -> Void) async throws {
    let wakeup = try Wakeup()
    try await withGracefulShutdownHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try body(wakeup)
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
        wakeup.signal()
    }
}
