/// How a daemon schedules its coordinating threads: its loop thread and the threads the loop starts (ZeroMQ's I/O
/// threads, the aggregator's writers), but not a worker's extraction thread.
///
/// A coordinating thread wakes for nearly every message and works for microseconds. Under Linux's normal policy a
/// woken thread that has slept preempts whatever runs on its core, on a machine that also extracts the extraction
/// thread, thousands of times a second; under `SCHED_BATCH` a woken thread does not preempt: it takes an idle core,
/// or waits for the running thread's turn to end, so its work gathers into fewer, longer turns and the extraction
/// keeps its caches.
public enum CoordinatorScheduling: String, Equatable, Sendable {
    /// `SCHED_BATCH` for the coordinating threads of a daemon started under the normal policy (the default).
    case batch
    /// Every thread as the daemon was started.
    case normal
}
