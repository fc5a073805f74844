import Foundation

/// Makes the next element on a thread of its own while the caller works on the one it took, and no more until the
/// caller takes it: `ingest submit` reads and identifies the next chunk of documents while the cluster takes the one being
/// sent, instead of leaving the cluster idle while it reads (a tenth of a 5,000-document run went on reading the
/// first chunk before anything was sent).
// @unchecked Sendable: `waiting`, `finished` and `stopped` are read and written only under `condition`; `produce`
// is called only on the read-ahead thread.
public final class ReadAhead<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: Element?
    /// `produce` returned nil: nothing more comes.
    private var finished = false
    /// The caller asked for nothing more (``stop()``): the thread ends without making another.
    private var stopped = false

    /// Starts making elements with `produce`, until it returns nil.
    public init(named name: String = "read-ahead", _ produce: @escaping @Sendable () -> Element?) {
        startThread(named: name) { [self] in
            while true {
                // The next is made only once the last was taken: the caller's and this one, never a third.
                condition.lock()
                while waiting != nil, !stopped { condition.wait() }
                let stop = stopped
                condition.unlock()
                let element = stop ? nil : produce()
                condition.lock()
                if stopped || element == nil {
                    finished = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                waiting = element
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The next element, waiting for it if it is not made yet; nil once `produce` returned nil (or after ``stop()``).
    public func next() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while waiting == nil, !finished { condition.wait() }
        let element = waiting
        waiting = nil
        condition.broadcast()
        return element
    }

    /// Lets the thread end after the element it is making, which nobody takes (a `produce` blocked on its input, as
    /// standard input can, ends only when it returns: ``next()`` after a stop waits for it).
    public func stop() {
        condition.lock()
        stopped = true
        waiting = nil
        condition.broadcast()
        condition.unlock()
    }
}
