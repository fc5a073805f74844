import Foundation
import Testing
@testable import IngestStorage

@Suite("Snapshot files")
struct SnapshotFilesTests {
    private let scratch = ScratchDirectories()

    @Test("writes atomically, lists newest first, keeps the last K")
    func keepsLastK() throws {
        let directory = try scratch.make()
        let files = try SnapshotFiles(directory: directory, keep: 2)
        for sequence in [3, 10, 7, 12] as [UInt64] { try files.write(Array("\(sequence)".utf8), sequence: sequence) }
        let newest = try files.newestFirst()
        #expect(newest.map { URL(fileURLWithPath: $0).lastPathComponent } == ["snapshot-00000000000000000012.json", "snapshot-00000000000000000010.json"])
        #expect(try AtomicFile.read(newest[0]) == Array("12".utf8))
        #expect(try Directory.list(directory).allSatisfy { !$0.contains(".tmp") })
    }

    @Test("a temporary file left by a killed writer is removed and never read as a snapshot")
    func leftovers() throws {
        let directory = try scratch.make()
        let files = try SnapshotFiles(directory: directory, keep: 3)
        try files.write(Array("1".utf8), sequence: 1)
        try AtomicFile.write(Array("torn".utf8), to: directory + "/snapshot-00000000000000000002.json.tmp-999")
        #expect(try files.newestFirst().count == 1)
        try files.removeLeftovers()
        #expect(try Directory.list(directory) == ["snapshot-00000000000000000001.json"])
    }

    @Test("a folder removed after the start (old snapshots cleared out) is made again by the next write")
    func folderRemovedWhileRunning() throws {
        let directory = try scratch.make() + "/snapshots"
        let files = try SnapshotFiles(directory: directory, keep: 3)
        try files.write(Array("1".utf8), sequence: 1)
        try FileManager.default.removeItem(atPath: directory)
        try files.write(Array("2".utf8), sequence: 2)
        #expect(try files.newestFirst().map { URL(fileURLWithPath: $0).lastPathComponent } == ["snapshot-00000000000000000002.json"])
    }

    @Test("errors name the call and the path")
    func errors() {
        do {
            _ = try AtomicFile.read("/nonexistent/file")
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(error.function == "open")
            #expect(error.path == "/nonexistent/file")
            #expect(error.errno == ENOENT)
        }
    }
}
