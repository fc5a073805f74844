import Foundation
import Testing

/// The README's promise on scheduling: a daemon's loop thread and the threads it starts (ZeroMQ's I/O threads, the
/// aggregator's writers) run under `SCHED_BATCH`, a worker's extraction thread under the normal policy; with
/// `[scheduling] coordinators = "normal"` every thread keeps the normal policy; a daemon started under a policy a
/// person chose (`chrt`) keeps it on every thread. Read from `/proc/PID/task/*/stat` of the real processes.
@Suite("Scheduling", .serialized)
struct SchedulingTests {
    static let normal = 0, batch = 3, idle = 5

    @Test("by default every thread of the broker and the aggregator is batch, and of a worker all but its extraction thread")
    func coordinatorsYieldToExtraction() throws {
        let cluster = try ClusterHarness()
        defer { _ = cluster.stopCluster() }
        try cluster.startCluster(workers: 1)
        let aggregator = try Self.threads(of: cluster, "aggregator")
        let broker = try Self.threads(of: cluster, "broker")
        let worker = try Self.threads(of: cluster, "worker-1")
        for name in ["aggregator", "records-store", "records-listing", "province-state", "records-checkpo", "ZMQbg/IO/0"] {
            #expect(aggregator[name] == [Self.batch], "aggregator thread \(name): \(aggregator)")
        }
        for name in ["broker", "ZMQbg/IO/0"] { #expect(broker[name] == [Self.batch], "broker thread \(name): \(broker)") }
        for name in ["worker", "ZMQbg/IO/0"] { #expect(worker[name] == [Self.batch], "worker thread \(name): \(worker)") }
        #expect(worker["extraction"] == [Self.normal], "worker threads: \(worker)")
    }

    @Test("with coordinators = normal no thread of any daemon is batch")
    func normalKeepsEveryThread() throws {
        let cluster = try ClusterHarness(settings: "[scheduling]\ncoordinators = \"normal\"")
        defer { _ = cluster.stopCluster() }
        try cluster.startCluster(workers: 1)
        for daemon in ["aggregator", "broker", "worker-1"] {
            let threads = try Self.threads(of: cluster, daemon)
            #expect(threads.count >= 3 && threads.values.allSatisfy { $0 == [Self.normal] }, "\(daemon): \(threads)")
        }
    }

    @Test("daemons started under chrt --idle or chrt --batch keep that policy on every thread, the extraction's too",
          arguments: [("--idle", SchedulingTests.idle), ("--batch", SchedulingTests.batch)])
    func chosenPolicyIsLeftAlone(option: String, policy: Int) throws {
        let cluster = try ClusterHarness()
        defer { _ = cluster.stopCluster() }
        try cluster.start("aggregator", ["aggregator"], launcher: ["/usr/bin/chrt", option, "0"])
        try cluster.start("broker", ["broker"], launcher: ["/usr/bin/chrt", option, "0"])
        try cluster.start("worker-1", ["worker"], launcher: ["/usr/bin/chrt", option, "0"])
        try cluster.waitUntilAnswering()
        try cluster.waitUntilLive(workers: 1)
        // Records through the aggregator, so that its store's threads have started too.
        #expect(try cluster.run(["submit", "--wait", ClusterTests.articles]).status == 0)
        for daemon in ["aggregator", "broker", "worker-1"] {
            let threads = try Self.threads(of: cluster, daemon)
            #expect(threads.count >= 3 && threads.values.allSatisfy { $0 == [policy] }, "\(daemon): \(threads)")
        }
        #expect(try Self.threads(of: cluster, "worker-1")["extraction"] == [policy])
    }

    /// Each thread name of a running daemon with the set of policies its threads of that name run under.
    static func threads(of cluster: ClusterHarness, _ daemon: String) throws -> [String: Set<Int>] {
        var policies: [String: Set<Int>] = [:]
        for thread in try cluster.threads(of: daemon) {
            // The policy is proc(5)'s 41st field.
            guard thread.fields.count > 38, let policy = Int(thread.fields[38]) else { throw HarnessError("unreadable stat of \(thread.name)") }
            policies[thread.name, default: []].insert(policy)
        }
        return policies
    }
}
