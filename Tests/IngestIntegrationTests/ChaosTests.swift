import Foundation
import Testing

/// A small run of Scripts/chaos.sh: kill -9 of workers, the aggregator twice and the broker once.
@Suite("Chaos", .serialized)
struct ChaosTests {
    @Test("nothing lost, nothing counted twice, every province's listing whole when daemons are killed mid-stream")
    func chaos() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [packageRoot.appendingPathComponent("Scripts/chaos.sh").path, "--docs", "300", "--workers", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["INGEST_BIN"] = ingestBinary
        environment["INGEST_CONFIG"] = packageRoot.appendingPathComponent("Config/cluster.toml").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("lost=0 duplicated=0 mismatched_provinces=0 mislisted_provinces=0"), "\(text)")
        #expect(process.terminationStatus == 0)
    }
}
