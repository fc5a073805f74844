import Foundation
import IngestConfig
import ServiceLifecycle
import ZeroMQ

/// Runs a blocking ZeroMQ loop on a thread of its own (sockets are not thread-safe and `zmq_poll`
/// blocks, so it stays off the cooperative pool), and wakes it to stop on graceful shutdown. The thread is scheduled
/// as `scheduling` says before `body` runs, so the threads `body` starts inherit it (see ``ThreadScheduling``).
func runBlockingLoop(name: String, scheduling: CoordinatorScheduling, _ body: @escaping @Sendable (Wakeup) throws -> Void) async throws {
    let wakeup = try Wakeup()
    try await withGracefulShutdownHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                nameThisThread(name)
                ThreadScheduling.coordinate(scheduling)
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

/// Starts `body` on a thread of its own named `name` (see ``nameThisThread(_:)``).
func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    Thread {
        nameThisThread(name)
        body()
    }.start()
}

/// Names the calling thread as `/proc/PID/task/*/comm` and `top -H` show it (at most 15 bytes), so that the benchmarks
/// can say which of a daemon's threads spent the CPU; Foundation's `Thread.name` set before `start()` never reaches
/// it. Through `/proc/thread-self/comm`, as `pthread_setname_np` does (which Swift's Glibc module does not show).
func nameThisThread(_ name: String) {
    let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

extension NSCondition {
    /// Under the lock, `change`, every waiter woken, then a wait until `done` holds: how the aggregator asks one of
    /// its threads to stop and waits for it to end.
    func change(_ change: () -> Void, thenWaitUntil done: () -> Bool) {
        lock()
        change()
        broadcast()
        while !done() { wait() }
        unlock()
    }

    /// Under the lock, `change`, and every waiter woken.
    func announce(_ change: () -> Void) {
        lock()
        change()
        broadcast()
        unlock()
    }
}
