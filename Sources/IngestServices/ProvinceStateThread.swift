import DeliveryRules
import Foundation
import ProvinceAggregation

/// Keeps the aggregator's province state on a thread of its own (`province-state`): the loop hands over each
/// committed batch's records (``AggregatorStateMachine/Action/apply(_:)``) and goes on receiving and answering while
/// the thread applies them, in order. Applied on the loop, they were about 40% of its time, the aggregator's busiest
/// thread. Readers (status, QUERY, snapshots) take the state once everything handed over is applied, so what they see
/// holds every document answered STORED.
final class ProvinceStateThread: @unchecked Sendable {
    // @unchecked: `state` and the queue are read and written under `condition`, except `state` while the thread
    // applies a round (`applying` is true), which readers wait out under `condition`.

    private let condition = NSCondition()
    private var state: AggregateState
    private var handed: [[CommittedRecord]] = []
    private var handedRecords = 0
    private var applying = false
    private var stopping = false
    private var stopped = false
    /// Set by tests: the thread takes nothing while it holds.
    private var held = false

    /// Records handed over and not yet applied at most: past this, ``apply(_:)`` waits (the loop stops receiving
    /// meanwhile), so that a thread starved of CPU makes the workers wait rather than the queue grow.
    static let handedLimit = 8_192
    private let handedLimit: Int

    /// `handedLimit` is for tests.
    init(state: AggregateState, handedLimit: Int = ProvinceStateThread.handedLimit) {
        self.state = state
        self.handedLimit = handedLimit
        startThread(named: "province-state") { [self] in serve() }
    }

    /// Hands over committed records, to be applied after those handed before.
    func apply(_ records: [CommittedRecord]) {
        guard !records.isEmpty else { return }
        condition.lock()
        while handedRecords >= handedLimit, !stopped { condition.wait() }
        handed.append(records)
        handedRecords += records.count
        condition.broadcast()
        condition.unlock()
    }

    /// The state with every record handed over applied (waits for them).
    func current() -> AggregateState {
        condition.lock()
        defer { condition.unlock() }
        while !handed.isEmpty || applying, !stopped { condition.wait() }
        return state
    }

    /// Records handed over and not yet taken by the thread (tests).
    var handedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return handedRecords
    }

    /// Keeps the thread from taking what is handed over until ``release()`` (tests: a thread starved of CPU).
    func hold() { condition.announce { held = true } }

    func release() { condition.announce { held = false } }

    /// Applies what was handed over, then ends the thread.
    func stop() {
        condition.change({ stopping = true }, thenWaitUntil: { stopped })
    }

    private func serve() {
        while true {
            condition.lock()
            while handed.isEmpty || held, !stopping { condition.wait() }
            if handed.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let rounds = handed
            handed = []
            handedRecords = 0
            applying = true
            condition.broadcast()
            condition.unlock()
            for records in rounds {
                for committed in records {
                    state.apply(committed.record, documentID: committed.id.rawValue)
                    state.sequence = committed.sequence
                }
            }
            condition.lock()
            applying = false
            condition.broadcast()
            condition.unlock()
        }
    }
}
