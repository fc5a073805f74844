import Foundation
import Glibc
import IngestConfig
import Synchronization
import Testing
@testable import IngestServices

/// ``ThreadScheduling`` on threads of the test's own: a coordinating thread moves to batch and passes it to the threads
/// it starts (as ZeroMQ's I/O threads get it), an extracting thread moves back, and a policy someone else chose stays.
/// A whole process started under `chrt --batch` is `SchedulingTests`' (the integration tests).
@Suite("Thread scheduling")
struct ThreadSchedulingTests {
    @Test("coordinate(.batch) moves a normal thread to SCHED_BATCH, its new threads inherit it, and extract() moves one back")
    func batchAndBack() {
        let seen = onNewThread { () -> [Int32] in
            let moved = ThreadScheduling.coordinate(.batch)
            let afterCoordinate = sched_getscheduler(0)
            let child = onNewThread { () -> [Int32] in
                let inherited = sched_getscheduler(0)
                let movedBack = ThreadScheduling.extract()
                return [inherited, movedBack ? 1 : 0, sched_getscheduler(0)]
            }
            return [moved ? 1 : 0, afterCoordinate] + child
        }
        #expect(seen == [1, ThreadScheduling.batchPolicy, ThreadScheduling.batchPolicy, 1, SCHED_OTHER])
    }

    @Test("coordinate(.normal) leaves the thread as it is")
    func normalLeavesIt() {
        let seen = onNewThread { [ThreadScheduling.coordinate(.normal) ? 1 : 0, sched_getscheduler(0)] }
        #expect(seen == [0, SCHED_OTHER])
    }

    @Test("extract() moves back a batch thread of a process started normal, whoever set it batch (the process's policy is its main thread's)")
    func extractFollowsTheMainThread() {
        #expect(sched_getscheduler(getpid()) == SCHED_OTHER, "the test process runs under the normal policy")
        let seen = onNewThread { () -> [Int32] in
            var parameters = sched_param(sched_priority: 0)
            guard sched_setscheduler(0, ThreadScheduling.batchPolicy, &parameters) == 0 else { return [-1] }
            return [ThreadScheduling.extract() ? 1 : 0, sched_getscheduler(0)]
        }
        #expect(seen == [1, SCHED_OTHER])
    }

    @Test("a thread under SCHED_IDLE, as chrt sets it, is neither moved to batch nor back")
    func chosenPolicyStays() {
        let idle: Int32 = 5
        let seen = onNewThread { () -> [Int32] in
            var parameters = sched_param(sched_priority: 0)
            guard sched_setscheduler(0, idle, &parameters) == 0 else { return [-1] }
            let moved = ThreadScheduling.coordinate(.batch)
            let movedBack = ThreadScheduling.extract()
            return [moved ? 1 : 0, movedBack ? 1 : 0, sched_getscheduler(0)]
        }
        #expect(seen == [0, 0, idle])
    }

    /// Runs `body` on a new thread and returns what it returned.
    private func onNewThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }.start()
        done.wait()
        return result.withLock { $0! }
    }
}
