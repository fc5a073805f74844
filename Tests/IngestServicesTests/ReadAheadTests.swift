import Foundation
import Synchronization
import Testing
@testable import IngestServices

/// `ingest submit` reads the next chunk of documents on a thread of its own while the one before is sent: every
/// chunk comes once, in order, and no more than one is made ahead of the caller (memory stays two chunks at most).
@Suite("Read-ahead")
struct ReadAheadTests {
    @Test("elements come in the order they were made, each once, then nil for good; one at most is made ahead of the caller")
    func inOrderAndBounded() {
        let made = Atomic<Int>(0)
        let ahead = ReadAhead<Int> {
            let count = made.add(1, ordering: .sequentiallyConsistent).newValue
            return count <= 20 ? count : nil
        }
        var taken: [Int] = []
        while let element = ahead.next() {
            taken.append(element)
            // A slow caller: the thread has time to run ahead if it would.
            Thread.sleep(forTimeInterval: 0.002)
            // One waiting or being made, no more.
            #expect(made.load(ordering: .sequentiallyConsistent) <= taken.count + 1)
        }
        #expect(taken == Array(1...20))
        #expect(ahead.next() == nil)
    }

    @Test("stopped, the thread makes nothing more once the element it is making is done")
    func stopEndsTheThread() {
        let made = Atomic<Int>(0)
        let ahead = ReadAhead<Int> { made.add(1, ordering: .sequentiallyConsistent).newValue }
        #expect(ahead.next() == 1)
        ahead.stop()
        Thread.sleep(forTimeInterval: 0.05)
        let afterStop = made.load(ordering: .sequentiallyConsistent)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(made.load(ordering: .sequentiallyConsistent) == afterStop)
        #expect(afterStop <= 2)
        #expect(ahead.next() == nil)
    }
}
