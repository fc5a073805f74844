import DeliveryRules
import Foundation
import Logging
import RecordStore
import ZeroMQ

/// Runs the records store's checkpoints on a thread of their own (`records-checkpoint`), when the writer's thread
/// asks after a commit that left the log long: the commit itself no longer copies 32 MiB of log into the database
/// (about a quarter of the store thread's time under load, and a pause in that batch's STORED). What the writer
/// committed while a checkpoint ran, the writer copies itself afterwards (``StoreWriter``), so that the log starts
/// again from the beginning.
final class CheckpointThread: @unchecked Sendable {
    // @unchecked: `checkpointer` (a database connection, not Sendable) is used only by the thread from `init` on,
    // and the flags both threads touch are read and written under `condition`.

    private let checkpointer: LogCheckpointer
    private let logger: Logger
    private let condition = NSCondition()
    private var asked = false
    private var stopping = false
    private var stopped = false
    private var failures = LogRateLimit()
    private var runs = 0
    private var running = false
    /// Seconds slept before each checkpoint (tests: a slow disk).
    private let pause: Double

    init(path: String, logger: Logger, pause: Double = 0) throws {
        checkpointer = try LogCheckpointer(path: path)
        self.logger = logger
        self.pause = pause
        startThread(named: "records-checkpoint") { [self] in serve() }
    }

    /// Asks for a checkpoint; returns at once (one asked while another runs is run after it).
    func ask() {
        condition.lock()
        asked = true
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread after the checkpoint in progress, and closes its connection.
    func stop() {
        condition.change({ stopping = true }, thenWaitUntil: { stopped })
    }

    /// How many checkpoints have run.
    var checkpointsRun: Int {
        condition.lock()
        defer { condition.unlock() }
        return runs
    }

    /// Waits until no checkpoint is asked for or running, at most `seconds`.
    func waitUntilIdle(seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while asked || running, !stopped {
            if !condition.wait(until: deadline) { return }
        }
    }

    /// Whether a checkpoint is asked for or running.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return asked || running
    }

    private func serve() {
        while waitToBeAsked() {
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            do {
                try checkpointer.checkpoint()
            } catch {
                // The log only grows meanwhile; the writer asks again after its next commit.
                if failures.admit(now: monotonicSeconds()) { logger.warning("cannot checkpoint the records store", metadata: ["error": "\(error)", "total": "\(failures.count)"]) }
            }
            condition.lock()
            runs += 1
            running = false
            condition.broadcast()
            condition.unlock()
        }
        try? checkpointer.close()
        condition.announce { stopped = true }
    }

    /// Whether a checkpoint is asked for (false: stop).
    private func waitToBeAsked() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !asked, !stopping { condition.wait() }
        guard !stopping else { return false }
        asked = false
        running = true
        return true
    }
}
