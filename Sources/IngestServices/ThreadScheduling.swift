#if canImport(Glibc)
import Glibc
#endif
import IngestConfig

/// Puts a daemon's threads under the scheduling policy ``CoordinatorScheduling`` names: its loop thread moves to
/// `SCHED_BATCH` before it makes its sockets and threads, which inherit the policy (ZeroMQ's I/O threads, the
/// aggregator's writers), and a worker's extraction thread moves back to the normal policy.
///
/// Only a thread under the normal policy is moved, and a thread is moved back only when the process was started
/// under the normal policy (its main thread's, which nothing here moves): a daemon a person started with `chrt`
/// keeps the policy they chose on every thread, the extraction's included.
enum ThreadScheduling {
    /// `SCHED_BATCH` in Linux's ABI (`<linux/sched.h>`), which Swift's Glibc module does not show.
    static let batchPolicy: Int32 = 3

    /// The calling thread as a coordinating one: batch when `scheduling` says so and the thread runs under the
    /// normal policy. True when it moved.
    @discardableResult
    static func coordinate(_ scheduling: CoordinatorScheduling) -> Bool {
        guard scheduling == .batch, sched_getscheduler(0) == SCHED_OTHER else { return false }
        var parameters = sched_param(sched_priority: 0)
        return sched_setscheduler(0, batchPolicy, &parameters) == 0
    }

    /// The calling thread as an extracting one: back to the normal policy when it runs under batch and the process
    /// was started under the normal policy, that is when it inherited batch from a thread ``coordinate(_:)`` moved.
    /// True when it moved.
    @discardableResult
    static func extract() -> Bool {
        guard sched_getscheduler(0) == batchPolicy, sched_getscheduler(getpid()) == SCHED_OTHER else { return false }
        var parameters = sched_param(sched_priority: 0)
        return sched_setscheduler(0, SCHED_OTHER, &parameters) == 0
    }
}
