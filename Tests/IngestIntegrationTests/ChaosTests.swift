import Foundation
import Testing

/// A small run of Scripts/chaos.sh (kill -9 of workers, the aggregator twice and the broker once), and one fault of
/// Scripts/faults.sh, so that the scripts the README offers for these promises are run by the suite.
@Suite("Chaos", .serialized)
struct ChaosTests {
    /// Runs `Scripts/NAME` with the binaries of this build and the project's config: its exit status and standard output.
    static func runScript(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [packageRoot.appendingPathComponent("Scripts/" + name).path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["INGEST_BIN"] = ingestBinary
        environment["INGEST_FAULTS_BIN"] = URL(fileURLWithPath: ingestBinary).deletingLastPathComponent().appendingPathComponent("ingest-faults").path
        environment["INGEST_CONFIG"] = packageRoot.appendingPathComponent("Config/cluster.toml").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("nothing lost, nothing counted twice, every province's listing whole when daemons are killed mid-stream")
    func chaos() throws {
        let (status, text) = try Self.runScript("chaos.sh", ["--docs", "300", "--workers", "3"])
        #expect(text.contains("lost=0 duplicated=0 mismatched_provinces=0 mislisted_provinces=0 faults=workers:"), "\(text)")
        // The faults really happened: a run whose kills missed their daemons proves nothing.
        let faults = text.components(separatedBy: "faults=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let kills = Dictionary(faults.split(separator: ",").compactMap { part -> (String, Int)? in
            let pair = part.split(separator: ":")
            return pair.count == 2 ? (String(pair[0]), Int(pair[1]) ?? 0) : nil
        }, uniquingKeysWith: { $1 })
        #expect((kills["workers"] ?? 0) >= 6 && kills["aggregator"] == 2 && kills["broker"] == 1, "\(faults)")
        #expect(status == 0)
    }

    @Test("Scripts/faults.sh lists its twelve faults, and runs one (a second broker on the data directory) to a check=ok line and an overall line, exit 0")
    func faultsScript() throws {
        let listed = try Self.runScript("faults.sh", ["--list"])
        #expect(listed.status == 0 && listed.output.split(separator: "\n").count == 12, "\(listed.output)")
        let second = try Self.runScript("faults.sh", ["--quick", "second-broker"])
        #expect(second.status == 0, "\(second.output)")
        let line = second.output.split(separator: "\n").first { $0.hasPrefix("fault=second-broker ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 ") && line.contains("second_refused=1") && line.hasSuffix("check=ok"), "\(second.output)")
        #expect(second.output.contains("overall faults=1 failed=0 lost=0 duplicated=0"), "\(second.output)")
    }

    @Test("Scripts/faults.sh runs its disk-full fault on a private tmpfs (a tmpfs mounts sticky and world-writable, which the daemons refuse as a data directory: the fault could not start a cluster), to check=ok",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFullFault() throws {
        let run = try Self.runScript("faults.sh", ["--quick", "disk-full-broker"])
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").first { $0.hasPrefix("fault=disk-full-broker ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 ") && line.contains("resubmit_accepted_as_new=0") && line.hasSuffix("check=ok"), "\(run.output)")
    }

    @Test("Scripts/faults.sh fills the whole data directory (journal, records store, snapshots, logs) on a tmpfs while 500 documents are in flight, then frees it, and replaces the snapshots folder by a file: no daemon exits, nothing lost or counted twice",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFullWhileRunning() throws {
        let run = try Self.runScript("faults.sh", ["--quick", "disk-full-running"])
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").first { $0.hasPrefix("fault=disk-full-running ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 deadlettered=0 ") && line.contains("exited_disk_full= ") && line.contains("unacked=0")
                && line.hasSuffix("check=ok"), "\(run.output)")
    }
}
