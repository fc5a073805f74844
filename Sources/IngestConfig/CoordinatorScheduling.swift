/// How a daemon schedules its coordinating threads (its loop, the aggregator's writers, ZeroMQ's I/O threads):
/// everything but a worker's extraction thread.
///
/// A coordinating thread wakes for nearly every message and works for microseconds. Under Linux's normal policy each
/// wake-up preempts whatever runs on its core at once, which on a machine that also extracts is the extraction
/// thread, thousands of times a second; under `SCHED_BATCH` a woken thread does not preempt: it takes an idle core,
/// or waits for the running thread's turn to end, so its work gathers into fewer, longer turns and the extraction
/// keeps its caches.
public enum CoordinatorScheduling: String, Equatable, Sendable {
    /// `SCHED_BATCH` for the coordinating threads of a daemon started under the normal policy (the default).
    case batch
    /// Every thread as the daemon was started.
    case normal
}
