import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The harness's own promise: no process it started outlives the test process, even one that dies without its teardown.
@Suite("Cluster harness")
struct ClusterHarnessTests {
    @Test("when the test process dies, its watchdog kills by PID every process carrying the cluster's marker, and only those")
    func watchdogEndsOrphans() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-test-\(UUID().uuidString)").path
        func sleeper(marker value: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sleep")
            process.arguments = ["300"]
            process.environment = ProcessInfo.processInfo.environment.merging([ClusterHarness.markerVariable: value]) { $1 }
            try process.run()
            return process
        }
        let marked = try sleeper(marker: marker)
        let other = try sleeper(marker: marker + "-another-cluster")
        defer { for process in [marked, other] where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // A stand-in for the test process that dies.
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/sleep")
        parent.arguments = ["1"]
        try parent.run()
        let watchdog = try ClusterHarness.startWatchdog(parent: parent.processIdentifier, marker: marker)
        defer { if watchdog.isRunning { kill(watchdog.processIdentifier, SIGKILL) } }
        usleep(300_000)
        #expect(marked.isRunning, "nothing is killed while the parent lives")
        parent.waitUntilExit()
        let deadline = Date().addingTimeInterval(10)
        while marked.isRunning && Date() < deadline { usleep(50_000) }
        #expect(!marked.isRunning && marked.terminationReason == .uncaughtSignal && marked.terminationStatus == SIGKILL)
        #expect(other.isRunning, "another cluster's process is left alone")
        watchdog.waitUntilExit()
    }
}
