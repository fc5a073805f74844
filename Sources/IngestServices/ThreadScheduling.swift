#if canImport(Glibc)
import Glibc
#endif
import IngestConfig
import Synchronization

/// Puts a daemon's threads under the scheduling policy ``CoordinatorScheduling`` names: its loop thread moves to
/// `SCHED_BATCH` before it makes its sockets and threads, which inherit the policy (ZeroMQ's I/O threads, the
/// aggregator's writers), and a worker's extraction thread moves back to the normal policy.
///
/// Only a thread under the normal policy is moved, and only a thread this process moved is moved back: a daemon
/// a person started with `chrt` keeps the policy they chose, on every thread.
enum ThreadScheduling {
    /// `SCHED_BATCH` in Linux's ABI (`<linux/sched.h>`), which Swift's Glibc module does not show.
    static let batchPolicy: Int32 = 3

    /// Whether a thread of this process was moved to batch by ``coordinate(_:)``.
    private static let movedToBatch = Atomic<Bool>(false)

    /// The calling thread as a coordinating one: batch when `scheduling` says so and the thread runs under the
    /// normal policy. True when it moved.
    @discardableResult
    static func coordinate(_ scheduling: CoordinatorScheduling) -> Bool {
        guard scheduling == .batch, sched_getscheduler(0) == SCHED_OTHER else { return false }
        var parameters = sched_param(sched_priority: 0)
        guard sched_setscheduler(0, batchPolicy, &parameters) == 0 else { return false }
        movedToBatch.store(true, ordering: .relaxed)
        return true
    }

    /// The calling thread as an extracting one: back to the normal policy when it inherited batch from a thread
    /// ``coordinate(_:)`` moved. True when it moved.
    @discardableResult
    static func extract() -> Bool {
        guard movedToBatch.load(ordering: .relaxed), sched_getscheduler(0) == batchPolicy else { return false }
        var parameters = sched_param(sched_priority: 0)
        return sched_setscheduler(0, SCHED_OTHER, &parameters) == 0
    }
}
