import DeliveryRules
import Foundation
import Logging
import Synchronization
import ZeroMQ

/// Answers a daemon's ZAP requests on a thread of its own (`zap`), so that a CURVE handshake is done whatever the
/// daemon's loop is doing, as libzmq's I/O thread does the handshake without CURVE: a daemon whose loop is held (an
/// `fsync` on a loaded disk, a long batch) takes the connection, and `status` says BUSY and `submit` waits for it,
/// where a handshake that waited for the loop made it look stopped.
final class ZAPThread: @unchecked Sendable {
    // @unchecked: `handler`'s socket is bound on the thread that makes this, then used only by the `zap` thread until
    // it ends, and closed in deinit after that (starting a thread, and the semaphore it signals when it ends, are the
    // memory barriers libzmq asks for when a socket changes thread); `stopping` is atomic.

    private let handler: ZAPHandler
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// How long the thread waits for a request before it looks whether to stop.
    static let pollMilliseconds = 100

    /// Binds the ZAP endpoint in `context` at once (a CURVE server in a context without a handler lets every key in,
    /// see ``ZAPHandler``), and answers from `allowList` on the new thread.
    init(context: ZeroMQContext, allowList: LiveAllowList, logger: Logger) throws {
        handler = try ZAPHandler(context: context)
        startThread(named: "zap") { [self] in serve(allowList, logger: logger) }
    }

    /// Ends the thread; waits for it (at most one poll). The endpoint stays bound until this is released, so that a
    /// handshake meanwhile waits unanswered: a CURVE server in a context with no handler bound would let anyone in.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    /// Only once the thread has ended: it holds this until then.
    deinit { handler.close() }

    private func serve(_ allowList: LiveAllowList, logger: Logger) {
        defer { finished.signal() }
        var poller = Poller()
        poller.register(handler.socket)
        var failures = LogRateLimit()
        while !stopping.load(ordering: .acquiring) {
            do {
                guard try poller.poll(timeoutMilliseconds: Self.pollMilliseconds)[0] else { continue }
                try handler.handlePending { request in allowList.withCurrent { $0.decide(request) } }
            } catch {
                if failures.admit(now: monotonicSeconds()) {
                    logger.error("cannot answer a CURVE handshake's ZAP request", metadata: ["error": "\(error)", "total": "\(failures.count)"])
                }
                usleep(100_000)
            }
        }
    }
}
