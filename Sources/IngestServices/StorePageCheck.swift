import Foundation
import RecordStore
import Synchronization

/// Reads every page of the records store (`PRAGMA quick_check`) on a thread of its own, over a read-only
/// connection, so that the aggregator answers queries while a large store is being checked.
final class StorePageCheck: Sendable {
    enum Outcome: Sendable {
        case sound(seconds: Double)
        case damaged(String)
    }

    private let outcome = Mutex<Outcome?>(nil)

    init(path: String) {
        let thread = Thread { [self] in
            let started = Date()
            let result: Outcome
            do {
                try RecordStore.openForReading(path: path).checkPages()
                result = .sound(seconds: Date().timeIntervalSince(started))
            } catch {
                result = .damaged("\(error)")
            }
            self.outcome.withLock { $0 = result }
        }
        thread.name = "records-page-check"
        thread.start()
    }

    /// The outcome once the check is done, exactly once; nil before and after.
    func take() -> Outcome? {
        outcome.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
