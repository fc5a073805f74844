import Testing
@testable import ZeroMQ

@Suite("Reactor")
struct ReactorTests {
    @Test("an idle reactor sleeps until its timer is due instead of polling without a wait in the last millisecond")
    func idleReactorSleepsUntilTheTimer() throws {
        let reactor = Reactor(wakeup: try Wakeup())
        var fired = 0
        reactor.addTimer(every: 0.01) { _ in fired += 1 }
        var passes = 0
        let end = monotonicSeconds() + 0.3
        while monotonicSeconds() < end {
            try reactor.runOnce(maximumWait: 1.0)
            passes += 1
        }
        // About 30 timers, each at most two passes (a wait rounded up may end a little before the due time). A zero
        // timeout while a timer was under a millisecond away made each of them hundreds of passes.
        #expect(fired >= 10)
        #expect(passes <= 3 * fired + 5, "\(passes) passes for \(fired) timers")
    }

    @Test("a reactor runs a socket's handler as soon as a message arrives, whatever its timers")
    func handlerRunsOnArrival() throws {
        let context = try ZeroMQContext()
        let server = try Socket(context: context, type: .pull)
        try server.bind("inproc://reactor-arrival")
        let client = try Socket(context: context, type: .push)
        try client.connect("inproc://reactor-arrival")
        let reactor = Reactor(wakeup: try Wakeup())
        reactor.addTimer(every: 10) { _ in }
        var received: [[UInt8]] = []
        reactor.addReader(server) { while let frames = try server.receive(dontWait: true) { received += frames } }
        try client.send([[1, 2, 3]])
        let started = monotonicSeconds()
        try reactor.runOnce(maximumWait: 5)
        #expect(received == [[1, 2, 3]])
        #expect(monotonicSeconds() - started < 2.5)
    }
}
